#include "Mirror.h"

#include "ImageTransfer.h"
#include "TransferEndpoint.h"

#include <QElapsedTimer>
#include <QMap>
#include <atomic>
#include <mutex>
#include <thread>

namespace sreg::remote {

namespace {

// The copies of one digest: one receive per container, with every tag of that container.
struct DigestWork
{
    QString digest;
    QMap<QString, QList<MirrorAction>> byContainer;
};

QString refOf(const TagRecord& tag)
{
    return QStringLiteral("%1/%2:%3").arg(tag.collection, tag.container, tag.name);
}

} // namespace

Mirror::Mirror(TransferEndpoint& source, TransferEndpoint& target, Options options)
    : m_source(source)
    , m_target(target)
    , m_options(std::move(options))
{
}

Result<MirrorPlan> Mirror::plan()
{
    Result<std::optional<CollectionRecord>> source = m_source.findCollection(m_options.collection);
    if (!source)
        return source.error();
    if (!*source)
        return Error(ErrorCode::NotFound, QStringLiteral("%1 has no collection '%2' (or it is private and the token "
                                                         "may not see it)")
                                              .arg(m_source.describe(), m_options.collection));
    Result<QList<TagRecord>> sourceTags = m_source.tags(m_options.collection);
    if (!sourceTags)
        return sourceTags.error();
    Result<std::optional<CollectionRecord>> target = m_target.findCollection(m_options.collection);
    if (!target)
        return target.error();
    QList<TagRecord> targetTags;
    if (*target) {
        Result<QList<TagRecord>> tags = m_target.tags(m_options.collection);
        if (!tags)
            return tags.error();
        targetTags = *tags;
    }
    return MirrorPlan::make(m_options.collection, *sourceTags, targetTags, target->has_value(), m_options.prune);
}

Result<MirrorReport> Mirror::run(const MirrorPlan& plan, const ProgressCallback& progress, const Log& log)
{
    QElapsedTimer clock;
    clock.start();
    MirrorReport report;
    std::mutex mutex; // guards report, progress and log
    const auto say = [&](const QString& line) {
        if (log)
            log(line);
    };

    if (plan.createCollection) {
        Result<std::optional<CollectionRecord>> like = m_source.findCollection(plan.collection);
        if (!like)
            return like.error();
        CollectionRecord collection = like->value_or(CollectionRecord());
        collection.name = plan.collection;
        if (Status created = m_target.createCollection(collection); !created)
            return created.error();
        report.collectionCreated = true;
        say(QStringLiteral("created collection %1 on %2").arg(plan.collection, m_target.describe()));
    }

    QMap<QString, DigestWork> work;
    for (const MirrorAction& action : plan.actions) {
        if (action.kind != MirrorAction::Kind::Copy)
            continue;
        DigestWork& entry = work[action.source.image.digest];
        entry.digest = action.source.image.digest;
        entry.byContainer[action.source.container].append(action);
    }
    const QList<DigestWork> queue = work.values();

    const qint64 total = plan.bytesToCopy();
    qint64 doneBytes = 0;
    std::atomic<bool> cancelled { false };
    std::atomic<int> next { 0 };
    QList<TagRecord> toFreeze;
    for (const MirrorAction& action : plan.actions) {
        if (action.kind == MirrorAction::Kind::Freeze)
            toFreeze.append(action.source);
    }

    const auto worker = [&] {
        for (int index = next++; index < queue.size() && !cancelled; index = next++) {
            const DigestWork& item = queue[index];
            for (auto it = item.byContainer.cbegin(); it != item.byContainer.cend() && !cancelled; ++it) {
                const QList<MirrorAction>& actions = it.value();
                const TagRecord& first = actions.front().source;
                PushRequest request;
                request.collection = plan.collection;
                request.container = it.key();
                request.arch = first.arch.isEmpty() ? first.image.arch : first.arch;
                request.createCollection = false;
                for (const MirrorAction& action : actions)
                    request.tags.append(action.source.name);
                qint64 reported = 0;
                Result<ReceiveOutcome> copied = ImageTransfer::copy(
                    m_source, first.image, m_target, request, [&](qint64 done, qint64) {
                        std::lock_guard lock(mutex);
                        doneBytes += done - reported;
                        reported = done;
                        if (progress && !progress(std::min(doneBytes, total), total))
                            cancelled = true;
                        return !cancelled.load();
                    });
                std::lock_guard lock(mutex);
                if (!copied) {
                    report.failures.append(copied.error().message());
                    say(QStringLiteral("FAILED %1: %2").arg(refOf(first), copied.error().message()));
                    continue;
                }
                if (copied->bytesSent) {
                    ++report.imagesCopied;
                    report.bytesSent += copied->bytes;
                } else {
                    ++report.imagesReused;
                }
                report.tagsSet += int(actions.size());
                for (const MirrorAction& action : actions) {
                    say(QStringLiteral("%1 %2 (%3)")
                            .arg(copied->bytesSent ? QStringLiteral("copied") : QStringLiteral("tagged"),
                                 refOf(action.source), action.source.image.digest.left(19)));
                    if (action.source.frozen)
                        toFreeze.append(action.source);
                }
            }
        }
    };
    const int jobs = std::clamp(m_options.jobs, 1, 16);
    std::vector<std::thread> threads;
    for (int i = 1; i < std::min<int>(jobs, int(queue.size())); ++i)
        threads.emplace_back(worker);
    worker();
    for (std::thread& thread : threads)
        thread.join();
    if (cancelled)
        return Error(ErrorCode::Cancelled, QStringLiteral("the mirror run was cancelled"));

    for (const TagRecord& tag : toFreeze) {
        if (!m_target.canFreeze()) {
            say(QStringLiteral("not frozen (the target cannot freeze tags): %1").arg(refOf(tag)));
            continue;
        }
        TagRecord target = tag;
        target.collection = plan.collection;
        if (Status frozen = m_target.setFrozen(target, true); !frozen) {
            report.failures.append(frozen.error().message());
            continue;
        }
        ++report.frozen;
        say(QStringLiteral("froze %1").arg(refOf(target)));
    }
    for (const MirrorAction& action : plan.actions) {
        if (action.kind == MirrorAction::Kind::KeepFrozen) {
            ++report.keptFrozen;
            say(QStringLiteral("kept %1: frozen in the target").arg(refOf(action.target)));
        } else if (action.kind == MirrorAction::Kind::Delete) {
            if (Status removed = m_target.removeTag(action.target); !removed) {
                report.failures.append(removed.error().message());
                say(QStringLiteral("FAILED to delete %1: %2").arg(refOf(action.target), removed.error().message()));
                continue;
            }
            ++report.deleted;
            say(QStringLiteral("deleted %1").arg(refOf(action.target)));
        }
    }
    report.elapsedMs = clock.elapsed();
    return report;
}

} // namespace sreg::remote
