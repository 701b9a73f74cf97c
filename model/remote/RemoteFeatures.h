#pragma once

#include "RegistrySource.h"
#include "remote/RemoteInfo.h"

#include <QString>

namespace sreg {

// What a remote registry can do in the panes, from what its probe found: our server does everything its API
// offers (the server still refuses what the token may not do), an sregistry server only what its API has. Each
// missing feature comes with the reason the tooltip shows.
class RemoteFeatures final
{
public:
    static bool supports(const remote::RemoteInfo& info, RegistrySource::Feature feature);
    // Empty when supported.
    static QString reason(const remote::RemoteInfo& info, const QString& name, RegistrySource::Feature feature);
};

} // namespace sreg
