#pragma once

#include "metadata/Records.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace sreg::remote {

// What mirroring a collection would do, worked out from the tags of both sides before anything changes: the
// preview the user (or `mirror --dry-run`) sees, then the list the run works through. A tag is matched by
// container, name and architecture. Frozen tags are respected on both sides: a frozen target tag is never
// moved or pruned (it is reported instead), and a tag frozen at the source is frozen in the mirror.
struct MirrorAction
{
    enum class Kind
    {
        Copy, // the target lacks the tag, or it points elsewhere: copy the image (bytes only if missing)
        Freeze, // same image on both sides, frozen at the source only
        Delete, // --prune: the source no longer has this tag
        KeepFrozen, // the target's tag is frozen and differs from the source (or would be pruned): left alone
    };
    Kind kind = Kind::Copy;
    TagRecord source; // Copy, Freeze, KeepFrozen (when the source has it)
    TagRecord target; // Delete, KeepFrozen, Freeze; Copy when replacing a tag
    bool replaces = false; // Copy: the target had this tag on another image
    bool needsBytes = false; // Copy: no image of this digest in the target collection yet
    QString kindName() const; // "copy", "freeze", "delete", "keep-frozen"
};

struct MirrorPlan
{
    QString collection;
    bool prune = false;
    bool createCollection = false; // the target has no such collection yet
    QList<MirrorAction> actions;
    int unchanged = 0; // tags already identical

    // Bytes that may travel: distinct digests the target collection does not hold (the target may still have
    // some of them elsewhere, and then they do not travel).
    qint64 bytesToCopy() const;
    int count(MirrorAction::Kind kind) const;
    bool isEmpty() const { return actions.isEmpty() && !createCollection; }

    QJsonObject toJson() const;
    QString toText() const; // one line per action, then a summary line

    static MirrorPlan make(const QString& collection, const QList<TagRecord>& source, const QList<TagRecord>& target,
                           bool targetHasCollection, bool prune);
};

} // namespace sreg::remote
