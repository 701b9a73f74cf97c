#include "MirrorPlan.h"

#include <QHash>
#include <QJsonArray>
#include <QLocale>
#include <QSet>

namespace sreg::remote {

namespace {

QString keyOf(const TagRecord& tag)
{
    const QString arch = tag.arch.isEmpty() ? tag.image.arch : tag.arch;
    return tag.container + u':' + tag.name + u':' + arch;
}

QString refOf(const TagRecord& tag)
{
    const QString arch = tag.arch.isEmpty() ? tag.image.arch : tag.arch;
    return QStringLiteral("%1/%2:%3%4").arg(tag.collection, tag.container, tag.name,
                                             arch.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(arch));
}

QString sizeText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

QString MirrorAction::kindName() const
{
    switch (kind) {
    case Kind::Copy:
        return QStringLiteral("copy");
    case Kind::Freeze:
        return QStringLiteral("freeze");
    case Kind::Delete:
        return QStringLiteral("delete");
    case Kind::KeepFrozen:
        return QStringLiteral("keep-frozen");
    }
    return {};
}

MirrorPlan MirrorPlan::make(const QString& collection, const QList<TagRecord>& source, const QList<TagRecord>& target,
                            bool targetHasCollection, bool prune)
{
    MirrorPlan plan;
    plan.collection = collection;
    plan.prune = prune;
    plan.createCollection = !targetHasCollection;
    QHash<QString, TagRecord> targetByKey;
    QSet<QString> targetDigests; // container + digest: an image the target collection already has
    for (const TagRecord& tag : target) {
        targetByKey.insert(keyOf(tag), tag);
        targetDigests.insert(tag.container + u'@' + tag.image.digest);
    }
    QSet<QString> sourceKeys;
    QSet<QString> plannedDigests;
    for (const TagRecord& tag : source) {
        const QString key = keyOf(tag);
        sourceKeys.insert(key);
        MirrorAction action;
        action.source = tag;
        const auto found = targetByKey.constFind(key);
        if (found != targetByKey.constEnd()) {
            action.target = *found;
            if (found->image.digest == tag.image.digest) {
                if (tag.frozen && !found->frozen) {
                    action.kind = MirrorAction::Kind::Freeze;
                    plan.actions.append(action);
                } else {
                    ++plan.unchanged;
                }
                continue;
            }
            if (found->frozen) {
                action.kind = MirrorAction::Kind::KeepFrozen;
                plan.actions.append(action);
                continue;
            }
            action.replaces = true;
        }
        action.kind = MirrorAction::Kind::Copy;
        const QString digestKey = tag.container + u'@' + tag.image.digest;
        action.needsBytes = !targetDigests.contains(digestKey) && !plannedDigests.contains(tag.image.digest);
        plannedDigests.insert(tag.image.digest);
        plan.actions.append(action);
    }
    if (prune) {
        for (const TagRecord& tag : target) {
            if (sourceKeys.contains(keyOf(tag)))
                continue;
            MirrorAction action;
            action.target = tag;
            action.kind = tag.frozen ? MirrorAction::Kind::KeepFrozen : MirrorAction::Kind::Delete;
            plan.actions.append(action);
        }
    }
    return plan;
}

qint64 MirrorPlan::bytesToCopy() const
{
    qint64 bytes = 0;
    for (const MirrorAction& action : actions) {
        if (action.kind == MirrorAction::Kind::Copy && action.needsBytes)
            bytes += action.source.image.size;
    }
    return bytes;
}

int MirrorPlan::count(MirrorAction::Kind kind) const
{
    int n = 0;
    for (const MirrorAction& action : actions)
        n += action.kind == kind ? 1 : 0;
    return n;
}

QJsonObject MirrorPlan::toJson() const
{
    QJsonArray list;
    for (const MirrorAction& action : actions) {
        const TagRecord& tag = action.kind == MirrorAction::Kind::Delete ? action.target : action.source;
        const TagRecord& shown = tag.name.isEmpty() ? action.target : tag;
        QJsonObject entry { { QStringLiteral("action"), action.kindName() },
                            { QStringLiteral("container"), shown.container },
                            { QStringLiteral("tag"), shown.name },
                            { QStringLiteral("arch"), shown.arch.isEmpty() ? shown.image.arch : shown.arch },
                            { QStringLiteral("digest"), shown.image.digest },
                            { QStringLiteral("size"), double(shown.image.size) } };
        if (action.kind == MirrorAction::Kind::Copy) {
            entry.insert(QStringLiteral("replaces"), action.replaces);
            entry.insert(QStringLiteral("needsBytes"), action.needsBytes);
        }
        if (action.kind == MirrorAction::Kind::KeepFrozen)
            entry.insert(QStringLiteral("targetDigest"), action.target.image.digest);
        list.append(entry);
    }
    return QJsonObject { { QStringLiteral("collection"), collection },
                         { QStringLiteral("prune"), prune },
                         { QStringLiteral("createCollection"), createCollection },
                         { QStringLiteral("copy"), count(MirrorAction::Kind::Copy) },
                         { QStringLiteral("freeze"), count(MirrorAction::Kind::Freeze) },
                         { QStringLiteral("delete"), count(MirrorAction::Kind::Delete) },
                         { QStringLiteral("keepFrozen"), count(MirrorAction::Kind::KeepFrozen) },
                         { QStringLiteral("unchanged"), unchanged },
                         { QStringLiteral("bytes"), double(bytesToCopy()) },
                         { QStringLiteral("actions"), list } };
}

QString MirrorPlan::toText() const
{
    QString text;
    if (createCollection)
        text += QStringLiteral("create collection %1\n").arg(collection);
    for (const MirrorAction& action : actions) {
        switch (action.kind) {
        case MirrorAction::Kind::Copy:
            text += QStringLiteral("copy    %1  %2%3%4\n")
                        .arg(refOf(action.source), action.source.image.digest.left(19),
                             action.needsBytes ? QStringLiteral("  ") + sizeText(action.source.image.size) : QString(),
                             action.replaces ? QStringLiteral("  (replaces %1)").arg(action.target.image.digest.left(19))
                                             : QString());
            break;
        case MirrorAction::Kind::Freeze:
            text += QStringLiteral("freeze  %1\n").arg(refOf(action.source));
            break;
        case MirrorAction::Kind::Delete:
            text += QStringLiteral("delete  %1  %2\n").arg(refOf(action.target), action.target.image.digest.left(19));
            break;
        case MirrorAction::Kind::KeepFrozen:
            text += QStringLiteral("keep    %1  frozen in the target%2\n")
                        .arg(refOf(action.target),
                             action.source.name.isEmpty() ? QStringLiteral(" (gone from the source)")
                                                          : QStringLiteral(", the source has %1")
                                                                .arg(action.source.image.digest.left(19)));
            break;
        }
    }
    text += QStringLiteral("%1 to copy (%2), %3 to freeze, %4 to delete, %5 frozen and kept, %6 unchanged\n")
                .arg(count(MirrorAction::Kind::Copy))
                .arg(sizeText(bytesToCopy()))
                .arg(count(MirrorAction::Kind::Freeze))
                .arg(count(MirrorAction::Kind::Delete))
                .arg(count(MirrorAction::Kind::KeepFrozen))
                .arg(unchanged);
    return text;
}

} // namespace sreg::remote
