#pragma once

#include "common/Result.h"

#include <QString>
#include <QUrl>
#include <memory>

namespace sreg::remote {

class RemoteRegistry;

// Connects the command line to a remote registry: the token from a private file, an optional user name (for
// sregistry's signatures) and an optional certificate fingerprint to trust. A certificate that is not trusted
// is refused with its fingerprint and the option that would trust it, so that a cron job never trusts one
// silently.
class RemoteConnector final
{
public:
    struct Options
    {
        QUrl base;
        QString tokenFile; // empty: anonymous
        QString user;
        QString fingerprint; // SHA-256 of the certificate to trust; empty: the system's CAs
    };

    static Result<std::shared_ptr<RemoteRegistry>> connect(const Options& options);
};

} // namespace sreg::remote
