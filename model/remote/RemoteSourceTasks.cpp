// RemoteSource's long work as Tasks: pushing a local file, saving an image to a file (resumable), GC and verify on
// our server, and copying within the remote (by digest: the server already has the bytes, so only tags move).

#include "RemoteSource.h"
#include "RemoteSourceCall.h"
#include "Task.h"
#include "TaskManager.h"
#include "common/FileByteSource.h"
#include "registry/RecordJson.h"
#include "remote/AdminClient.h"
#include "remote/FileDownload.h"
#include "remote/ImageTransfer.h"
#include "remote/RemoteEndpoint.h"
#include "sif/SifImage.h"
#include "storage/ByteSourceHasher.h"

#include <QFileInfo>

namespace sreg {

namespace {

ProgressCallback progressOf(TaskProgress& progress)
{
    return [&progress](qint64 done, qint64 total) { return progress.report(done, total); };
}

} // namespace

Task* RemoteSource::startTask(const QString& kind, const QString& title, Work work,
                              const QStringList& changedCollections)
{
    auto* task = new Task(kind, title, [this, work = std::move(work)](TaskProgress& progress) -> Result<QJsonObject> {
        Result<std::shared_ptr<remote::RemoteRegistry>> registry = connectedRegistry();
        if (!registry)
            return registry.error();
        return work(*registry, progress);
    });
    connect(task, &Task::finished, this, [this, changedCollections](bool succeeded) {
        if (!succeeded)
            return;
        for (const QString& collection : changedCollections)
            Q_EMIT collectionChanged(collection);
    });
    return m_tasks->start(task);
}

Task* RemoteSource::pushFile(const QString& path, const PushRequest& request)
{
    const QString target = QStringLiteral("%1/%2:%3")
                               .arg(request.collection, request.container,
                                    request.tags.isEmpty() ? QStringLiteral("latest") : request.tags.join(u','));
    return startTask(
        QStringLiteral("upload"), tr("Upload %1 to %2 on %3").arg(QFileInfo(path).fileName(), target, m_name),
        [path, request](const std::shared_ptr<remote::RemoteRegistry>& registry, TaskProgress& progress) -> Result<QJsonObject> {
            Result<std::unique_ptr<FileByteSource>> opened = FileByteSource::open(path);
            if (!opened)
                return opened.error();
            std::shared_ptr<ByteSource> file(std::move(*opened));
            // Nothing goes over the wire for a file that is not a valid SIF.
            Result<sif::SifImage> image = sif::SifImage::open(file);
            if (!image)
                return image.error();
            if (image->hasErrors())
                return Error(ErrorCode::BrokenSif, QStringLiteral("damaged SIF: %1").arg(image->firstErrorMessage()));
            progress.setStatusText(tr("Computing the SHA-256"));
            Result<Digest> digest = ByteSourceHasher::hash(*file, [&progress](qint64, qint64) {
                return !progress.isCancelled();
            });
            if (!digest)
                return digest.error();
            progress.setStatusText(tr("Uploading"));
            PushRequest push = request;
            if (push.tags.isEmpty())
                push.tags = { QStringLiteral("latest") };
            if (push.arch.isEmpty())
                push.arch = image->primaryArch();
            remote::RemoteEndpoint endpoint(registry);
            Result<remote::ReceiveOutcome> sent = endpoint.receive(
                push, *digest, file->size(), [file]() -> Result<std::shared_ptr<ByteSource>> { return file; },
                progressOf(progress));
            if (!sent)
                return sent.error();
            return RecordJson::toJson(sent->image);
        },
        { request.collection, QString() });
}

Task* RemoteSource::pullToFile(const ImageRecord& image, const QString& path)
{
    return startTask(
        QStringLiteral("download"),
        tr("Save %1/%2 (%3) from %4 as %5")
            .arg(image.collection, image.container, image.digest.left(19), m_name, QFileInfo(path).fileName()),
        [image, path](const std::shared_ptr<remote::RemoteRegistry>& registry, TaskProgress& progress) -> Result<QJsonObject> {
            const std::optional<Digest> digest = Digest::fromString(image.digest);
            if (!digest)
                return Error(ErrorCode::InvalidArgument, QStringLiteral("the image has no SHA-256 digest to check"));
            std::shared_ptr<ByteSource> bytes = registry->streamImage(image);
            if (Status saved = remote::FileDownload::run(*bytes, *digest, path, progressOf(progress)); !saved)
                return saved.error();
            QJsonObject result = RecordJson::toJson(image);
            result.insert(QStringLiteral("path"), path);
            return result;
        },
        { image.collection });
}

Task* RemoteSource::collectGarbage(bool dryRun)
{
    const QString name = m_name;
    return startTask(QStringLiteral("gc"),
                     dryRun ? tr("Garbage collection on %1 (dry run)").arg(name) : tr("Garbage collection on %1").arg(name),
                     [dryRun, name](const std::shared_ptr<remote::RemoteRegistry>& registry, TaskProgress&) -> Result<QJsonObject> {
                         if (!RemoteFeatures::supports(registry->info(), Feature::Storage))
                             return Error(ErrorCode::InvalidArgument,
                                          RemoteFeatures::reason(registry->info(), name, Feature::Storage));
                         Result<GcReport> report = registry->admin().collectGarbage(dryRun);
                         if (!report)
                             return report.error();
                         return RecordJson::toJson(*report);
                     },
                     {});
}

Task* RemoteSource::verify()
{
    const QString name = m_name;
    return startTask(QStringLiteral("verify"), tr("Verify storage of %1").arg(name),
                     [name](const std::shared_ptr<remote::RemoteRegistry>& registry, TaskProgress&) -> Result<QJsonObject> {
                         if (!RemoteFeatures::supports(registry->info(), Feature::Storage))
                             return Error(ErrorCode::InvalidArgument,
                                          RemoteFeatures::reason(registry->info(), name, Feature::Storage));
                         Result<VerifyReport> report = registry->admin().verify();
                         if (!report)
                             return report.error();
                         return RecordJson::toJson(*report);
                     },
                     {});
}

Task* RemoteSource::transferImage(const TagRecord& tag, const PushRequest& target, bool move)
{
    const QString from = QStringLiteral("%1/%2:%3").arg(tag.collection, tag.container, tag.name);
    const QString to = QStringLiteral("%1/%2:%3").arg(target.collection, target.container, target.tags.join(u','));
    return startTask(
        QStringLiteral("transfer"), move ? tr("Move %1 to %2").arg(from, to) : tr("Copy %1 to %2").arg(from, to),
        [tag, target, move](const std::shared_ptr<remote::RemoteRegistry>& registry, TaskProgress& progress) -> Result<QJsonObject> {
            remote::RemoteEndpoint endpoint(registry);
            // Within one server the bytes are there already: announced by digest, only the tags are set.
            Result<remote::ReceiveOutcome> copied
                = remote::ImageTransfer::copy(endpoint, tag.image, endpoint, target, progressOf(progress));
            if (!copied)
                return copied.error();
            if (move) {
                if (Status removed = endpoint.removeTag(tag); !removed)
                    return removed.error().prefixed(QStringLiteral("copied, but the original stays"));
            }
            return RecordJson::toJson(copied->image);
        },
        { tag.collection, target.collection, QString() });
}

} // namespace sreg
