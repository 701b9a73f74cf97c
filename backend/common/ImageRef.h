#pragma once

#include "Digest.h"
#include "Result.h"

#include <QString>

#include <optional>

namespace sreg {

// "[library://][entity/]collection/container[:tag|:sha256.<hex>]", the reference every entry point takes.
// The entity is informational (collections are globally unique, as in sregistry) and may be empty.
struct ImageRef
{
    QString entity;
    QString collection;
    QString container;
    QString tag; // empty when the reference names a digest or no tag at all
    std::optional<Digest> digest;

    // requireTagOrDigest: the reference must end in ":tag" or ":sha256.<hex>"; otherwise a missing tag is
    // "latest" when defaultLatest is set, or left empty (naming the whole container).
    static Result<ImageRef> parse(const QString& text, bool defaultLatest = true);
    QString toString() const; // "collection/container:tag" (no entity, no scheme)
    bool isDigest() const { return digest.has_value(); }
};

} // namespace sreg
