#pragma once

#include "common/ImageRef.h"
#include "common/Result.h"

#include <QUrl>

namespace sreg::remote {

// An image reference on the command line, local or remote:
//   collection/container[:tag|:sha256.<hex>]                  the local registry (--data)
//   https://host[:port][/prefix]/collection/container[:tag]   a remote one: the base URL is everything before
//                                                             the last two path segments
struct RemoteRef
{
    QUrl base; // empty for a local reference
    ImageRef ref;
    bool hasTag = false; // the text named a tag or digest

    bool isRemote() const { return !base.isEmpty(); }
    static Result<RemoteRef> parse(const QString& text);
};

} // namespace sreg::remote
