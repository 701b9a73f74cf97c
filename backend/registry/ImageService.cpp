#include "ImageService.h"

#include "ArchSelection.h"
#include "AuditLog.h"
#include "CollectionService.h"
#include "Quotas.h"
#include "RecordQueries.h"
#include "RegistryContext.h"
#include "TagWriter.h"
#include "common/Clock.h"
#include "common/FileByteSource.h"
#include "common/Names.h"
#include "common/Sha256.h"
#include "metadata/Database.h"
#include "metadata/Sql.h"
#include "sif/SifImage.h"
#include "storage/BlobStore.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

namespace sreg {

namespace {

constexpr qint64 StreamChunk = 4 * 1024 * 1024;

Error imageNotFound(const ImageRef& ref, const QString& arch)
{
    QString text = ref.toString();
    if (!arch.isEmpty())
        text += QStringLiteral(" (") + arch + u')';
    return Error(ErrorCode::NotFound, QStringLiteral("image '%1' not found").arg(text));
}

Result<qint64> containerId(QSqlDatabase& db, qint64 collectionId, const QString& name)
{
    Result<std::optional<QVariant>> id = sqlScalar(
        db, QStringLiteral("SELECT id FROM containers WHERE collection_id = ? AND name = ?"), { collectionId, name });
    if (!id)
        return id.error();
    return *id ? (*id)->toLongLong() : 0;
}

Result<QList<TagRecord>> tagRows(QSqlDatabase& db, const QString& where, const QVariantList& binds)
{
    Result<QSqlQuery> rows = sqlExec(db, RecordQueries::tagSelect() + QStringLiteral("WHERE ") + where, binds);
    if (!rows)
        return rows.error();
    QList<TagRecord> tags;
    while (rows->next())
        tags.append(RecordQueries::readTag(*rows));
    return tags;
}

// The tag row a tag reference names (arch-aware), in a collection already authorized.
Result<TagRecord> findTag(QSqlDatabase& db, qint64 collectionId, const ImageRef& ref, const QString& arch)
{
    Result<qint64> container = containerId(db, collectionId, ref.container);
    if (!container)
        return container.error();
    if (*container == 0)
        return imageNotFound(ref, arch);
    Result<QList<TagRecord>> candidates
        = tagRows(db, QStringLiteral("t.container_id = ? AND t.name = ?"), { *container, ref.tag });
    if (!candidates)
        return candidates.error();
    const std::optional<int> chosen = ArchSelection::choose(*candidates, arch);
    if (!chosen)
        return imageNotFound(ref, arch);
    return (*candidates)[*chosen];
}

} // namespace

ImageService::ImageService(RegistryContext& context)
    : m_context(context)
{
}

Result<ImageService::PreparedPush> ImageService::preparePush(const Actor& actor, const PushRequest& request)
{
    QString object = request.collection + u'/' + request.container;
    auto refuse = [&](const Error& error) -> Result<PreparedPush> {
        m_context.audit->recordOutcome(actor, QStringLiteral("image.push"), QStringLiteral("image"), object, error);
        return error;
    };
    if (const QString why = Names::whyInvalid(request.collection, QStringLiteral("collection")); !why.isEmpty())
        return refuse(Error(ErrorCode::InvalidName, why));
    if (const QString why = Names::whyInvalid(request.container, QStringLiteral("container")); !why.isEmpty())
        return refuse(Error(ErrorCode::InvalidName, why));
    for (const QString& tag : request.tags) {
        if (const QString why = Names::whyInvalid(tag, QStringLiteral("tag")); !why.isEmpty())
            return refuse(Error(ErrorCode::InvalidName, why));
        if (tag.startsWith(QStringLiteral("sha256.")))
            return refuse(Error(ErrorCode::InvalidName, QStringLiteral("'%1' looks like a digest and cannot be a tag").arg(tag)));
    }
    if (!request.tags.isEmpty())
        object += u':' + request.tags.join(u',');
    if (request.description.size() > 4000)
        return refuse(Error(ErrorCode::InvalidArgument, QStringLiteral("the description is longer than 4000 characters")));

    QSqlDatabase db = m_context.database->connection();
    PushRequest effective = request;
    Result<std::optional<QVariant>> existing
        = sqlScalar(db, QStringLiteral("SELECT id FROM collections WHERE name = ?"), { request.collection });
    if (!existing)
        return refuse(existing.error());
    qint64 collectionId = 0;
    if (*existing) {
        Result<CollectionRecord> collection
            = CollectionService::authorize(db, actor, request.collection, Action::PushImage);
        if (!collection)
            return refuse(collection.error());
        collectionId = collection->id;
    } else if (!request.createCollection) {
        return refuse(Error(ErrorCode::NotFound, QStringLiteral("collection '%1' not found").arg(request.collection)));
    } else if (!Permissions::allows(actor, Action::CreateCollection)
        || (!actor.admin && !m_context.options.usersMayCreateCollections)) {
        return refuse(actor.isAuthenticated()
                ? Error(ErrorCode::PermissionDenied, QStringLiteral("%1 may not create collections").arg(actor.name))
                : Error(ErrorCode::Unauthenticated, QStringLiteral("authentication required to push")));
    }

    if (request.imageId > 0) {
        Result<QList<ImageRecord>> announced = RecordQueries::images(db, QStringLiteral("i.id = ?"), { request.imageId });
        if (!announced)
            return refuse(announced.error());
        if (announced->isEmpty() || announced->front().collectionId != collectionId
            || announced->front().container != request.container)
            return refuse(Error(ErrorCode::NotFound,
                QStringLiteral("image %1 not found in %2/%3").arg(request.imageId).arg(request.collection, request.container)));
        if (announced->front().uploaded)
            return refuse(Error(ErrorCode::AlreadyExists, QStringLiteral("image %1 is already uploaded").arg(request.imageId)));
        effective.expectedDigest = Digest::fromString(announced->front().digest);
    }

    // A frozen tag refuses the push before any byte moves (when the arch is known up front; the final check at
    // record time is exact).
    if (collectionId > 0 && !request.tags.isEmpty()) {
        Result<qint64> container = containerId(db, collectionId, request.container);
        if (!container)
            return refuse(container.error());
        for (const QString& tag : request.tags) {
            QString sql = QStringLiteral("SELECT arch FROM tags WHERE container_id = ? AND name = ? AND frozen = 1");
            QVariantList binds { *container, tag };
            if (!request.arch.isEmpty()) {
                sql += QStringLiteral(" AND arch = ?");
                binds.append(request.arch);
            }
            Result<std::optional<QVariant>> frozen = sqlScalar(db, sql, binds);
            if (!frozen)
                return refuse(frozen.error());
            if (*frozen && !request.arch.isEmpty())
                return refuse(Error(ErrorCode::Frozen,
                    QStringLiteral("tag '%1' (%2) is frozen and cannot move").arg(tag, (*frozen)->toString())));
        }
    }

    Result<qint64> remaining = Quotas::remaining(db, actor, collectionId);
    if (!remaining)
        return refuse(remaining.error());
    if (*remaining >= 0 && effective.expectedDigest) {
        // Bytes the collection (and the pushing user) already hold cost nothing more.
        Result<bool> counted = Quotas::alreadyCounted(db, actor, collectionId, effective.expectedDigest->toString());
        if (!counted)
            return refuse(counted.error());
        if (*counted)
            *remaining = -1;
    }
    if (*remaining >= 0 && request.expectedSize > *remaining)
        return refuse(Error(ErrorCode::QuotaExceeded,
            QStringLiteral("pushing %1 bytes would exceed the storage quota (%2 bytes left)")
                .arg(request.expectedSize)
                .arg(*remaining)));

    return PreparedPush { effective, *remaining };
}

Result<std::unique_ptr<PushSession>> ImageService::beginPush(const Actor& actor, const PushRequest& request)
{
    Result<PreparedPush> prepared = preparePush(actor, request);
    if (!prepared)
        return prepared.error();
    BlobWriteOptions options;
    options.expectedDigest = prepared->request.expectedDigest;
    options.expectedSize = request.expectedSize;
    Result<std::unique_ptr<BlobWriter>> writer = m_context.store->beginWrite(options);
    if (!writer) {
        m_context.audit->recordOutcome(actor, QStringLiteral("image.push"), QStringLiteral("image"),
            request.collection + u'/' + request.container, writer.error());
        return writer.error();
    }
    return std::make_unique<PushSession>(m_context, actor, prepared->request, std::move(*writer), prepared->quotaRemaining);
}

Result<std::unique_ptr<PushSession>> ImageService::beginPushFromWriter(
    const Actor& actor, const PushRequest& request, std::unique_ptr<BlobWriter> finishedWriter)
{
    PushRequest sized = request;
    sized.expectedSize = finishedWriter->staged().size();
    Result<PreparedPush> prepared = preparePush(actor, sized);
    if (!prepared) {
        finishedWriter->abort();
        return prepared.error();
    }
    return PushSession::fromFinishedWriter(m_context, actor, prepared->request, std::move(finishedWriter));
}

Result<ImageRecord> ImageService::pushFile(
    const Actor& actor, const QString& path, PushRequest request, const ProgressCallback& progress)
{
    Result<std::unique_ptr<FileByteSource>> file = FileByteSource::open(path);
    if (!file)
        return file.error();
    std::shared_ptr<ByteSource> source(std::move(*file));
    {
        // Refuse a non-SIF or damaged SIF before a single byte is sent.
        Result<sif::SifImage> image = sif::SifImage::open(source);
        if (!image)
            return image.error().prefixed(QFileInfo(path).fileName());
        if (image->hasErrors())
            return Error(ErrorCode::BrokenSif,
                QStringLiteral("%1: damaged SIF: %2").arg(QFileInfo(path).fileName(), image->firstErrorMessage()));
        if (request.arch.isEmpty() && image->primaryArch() != u"unknown")
            request.arch = image->primaryArch();
    }
    request.expectedSize = source->size();
    Result<std::unique_ptr<PushSession>> session = beginPush(actor, request);
    if (!session && session.error().code() == ErrorCode::QuotaExceeded && !request.expectedDigest) {
        // Over quota by size, unless these bytes are already counted: only then is it worth hashing the file
        // once more to find out.
        Sha256 hasher;
        QByteArray chunk(StreamChunk, Qt::Uninitialized);
        for (qint64 offset = 0; offset < source->size();) {
            Result<qint64> n = source->readAt(offset, chunk.data(), chunk.size());
            if (!n)
                return n.error();
            if (*n == 0)
                break;
            hasher.update(chunk.constData(), size_t(*n));
            offset += *n;
        }
        request.expectedDigest = hasher.finish();
        session = beginPush(actor, request);
    }
    if (!session)
        return session.error();

    const qint64 total = source->size();
    bool cancelled = false;
    Status copied = (*session)->writeFrom(*source, 0, total, [&](qint64 done) {
        cancelled = progress && !progress(done, total);
        return !cancelled;
    });
    if (cancelled) {
        (*session)->abort();
        return Error(ErrorCode::Cancelled, QStringLiteral("push cancelled"));
    }
    if (!copied)
        return copied.error();
    return (*session)->finish();
}

Result<ImageRecord> ImageService::announce(const Actor& actor, const QString& collectionName,
    const QString& containerName, const Digest& digest, const QString& description)
{
    QSqlDatabase db = m_context.database->connection();
    const QString object = collectionName + u'/' + containerName + u':' + digest.toString();
    qint64 imageId = 0;
    bool created = false;
    const Status status = [&]() -> Status {
        Transaction transaction(db);
        if (Status begun = transaction.begin(); !begun)
            return begun;
        Result<CollectionRecord> collection = CollectionService::authorize(db, actor, collectionName, Action::PushImage);
        if (!collection)
            return collection.error();
        Result<qint64> container = containerId(db, collection->id, containerName);
        if (!container)
            return container.error();
        if (*container == 0)
            return Error(ErrorCode::NotFound, QStringLiteral("container '%1/%2' not found").arg(collectionName, containerName));
        Result<std::optional<QVariant>> existing = sqlScalar(db,
            QStringLiteral("SELECT id FROM images WHERE container_id = ? AND digest = ?"), { *container, digest.toString() });
        if (!existing)
            return existing.error();
        if (*existing) {
            imageId = (*existing)->toLongLong();
            return transaction.commit();
        }
        // Bytes this registry already holds (pushed to another container) need not travel again.
        Result<QSqlQuery> blob
            = sqlExec(db, QStringLiteral("SELECT size, arch FROM blobs WHERE digest = ?"), { digest.toString() });
        if (!blob)
            return blob.error();
        const bool present = blob->next();
        const qint64 size = present ? blob->value(0).toLongLong() : 0;
        const QString arch = present ? blob->value(1).toString() : QString();
        blob->finish();
        Result<QSqlQuery> inserted = sqlExec(db,
            QStringLiteral("INSERT INTO images (container_id, digest, size, arch, description, uploaded, uploaded_by, "
                           "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            { *container, digest.toString(), size, arch, description.left(4000), present ? 1 : 0,
                actor.kind == Actor::Kind::User ? QVariant(actor.userId) : QVariant(QMetaType::fromType<qint64>()),
                nowMs() });
        if (!inserted)
            return inserted.error();
        inserted->next();
        imageId = inserted->value(0).toLongLong();
        inserted->finish();
        created = true;
        return transaction.commit();
    }();
    if (!status || created)
        m_context.audit->recordOutcome(actor, QStringLiteral("image.announce"), QStringLiteral("image"), object, status);
    if (!status)
        return status.error();
    Result<QList<ImageRecord>> images = RecordQueries::images(db, QStringLiteral("i.id = ?"), { imageId });
    if (!images)
        return images.error();
    if (images->isEmpty())
        return Error(ErrorCode::Internal, QStringLiteral("the announced image vanished"));
    return images->front();
}

Result<ImageRecord> ImageService::resolve(const Actor& actor, const ImageRef& ref, const QString& arch)
{
    QSqlDatabase db = m_context.database->connection();
    Result<CollectionRecord> collection = CollectionService::authorize(db, actor, ref.collection, Action::PullImage);
    if (!collection)
        return collection.error();
    if (ref.digest) {
        Result<qint64> container = containerId(db, collection->id, ref.container);
        if (!container)
            return container.error();
        Result<QList<ImageRecord>> images = RecordQueries::images(
            db, QStringLiteral("i.container_id = ? AND i.digest = ?"), { *container, ref.digest->toString() });
        if (!images)
            return images.error();
        if (images->isEmpty())
            return imageNotFound(ref, arch);
        return images->front();
    }
    Result<TagRecord> tag = findTag(db, collection->id, ref, arch);
    if (!tag)
        return tag.error();
    QList<ImageRecord> images { tag->image };
    if (Status tagged = RecordQueries::attachTags(db, images); !tagged)
        return tagged.error();
    return images.front();
}

Result<ImageRecord> ImageService::imageById(const Actor& actor, qint64 id)
{
    QSqlDatabase db = m_context.database->connection();
    Result<QList<ImageRecord>> images = RecordQueries::images(db, QStringLiteral("i.id = ?"), { id });
    if (!images)
        return images.error();
    if (images->isEmpty())
        return Error(ErrorCode::NotFound, QStringLiteral("image %1 not found").arg(id));
    Result<CollectionRecord> collection
        = CollectionService::authorize(db, actor, images->front().collection, Action::PullImage);
    if (!collection)
        return collection.error().code() == ErrorCode::NotFound
            ? Error(ErrorCode::NotFound, QStringLiteral("image %1 not found").arg(id))
            : collection.error();
    return images->front();
}

Result<std::unique_ptr<ByteSource>> ImageService::openBytes(const Actor& actor, const ImageRecord& image, bool countDownload)
{
    if (!image.uploaded)
        return Error(ErrorCode::NotFound,
            QStringLiteral("image %1 has been announced but its bytes were never uploaded").arg(image.digest));
    QSqlDatabase db = m_context.database->connection();
    Result<CollectionRecord> collection = CollectionService::authorize(db, actor, image.collection, Action::PullImage);
    if (!collection)
        return collection.error();
    const std::optional<Digest> digest = Digest::fromString(image.digest);
    if (!digest)
        return Error(ErrorCode::Internal, QStringLiteral("image %1 has a malformed digest").arg(image.id));
    Result<std::unique_ptr<ByteSource>> bytes = m_context.store->openRead(*digest);
    if (!bytes)
        return bytes.error().code() == ErrorCode::NotFound
            ? Error(ErrorCode::Unavailable,
                QStringLiteral("the bytes of %1 are missing from storage (run verify)").arg(image.digest))
            : bytes.error();
    if (countDownload)
        sqlExecBestEffort(db, QStringLiteral("UPDATE images SET downloads = downloads + 1, last_pulled_at = ? WHERE id = ?"),
            { nowMs(), image.id });
    return bytes;
}

Result<ImageRecord> ImageService::pullToFile(const Actor& actor, const ImageRef& ref, const QString& arch,
    const QString& path, const ProgressCallback& progress)
{
    Result<ImageRecord> image = resolve(actor, ref, arch);
    if (!image)
        return image.error();
    Result<std::unique_ptr<ByteSource>> bytes = openBytes(actor, *image, true);
    if (!bytes)
        return bytes.error();
    // QSaveFile writes next to the target and renames only on commit, so an interrupted or corrupt pull never
    // leaves a half file under the requested name.
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, out.errorString()));
    Sha256 hasher;
    QByteArray buffer(StreamChunk, Qt::Uninitialized);
    const qint64 total = (*bytes)->size();
    qint64 offset = 0;
    while (offset < total) {
        Result<qint64> n = (*bytes)->readAt(offset, buffer.data(), std::min(StreamChunk, total - offset));
        if (!n)
            return n.error();
        if (*n == 0)
            return Error(ErrorCode::Io, QStringLiteral("the stored image ended early at byte %1").arg(offset));
        hasher.update(buffer.constData(), size_t(*n));
        if (out.write(buffer.constData(), *n) != *n)
            return Error(ErrorCode::Io, QStringLiteral("writing %1: %2").arg(path, out.errorString()));
        offset += *n;
        if (progress && !progress(offset, total))
            return Error(ErrorCode::Cancelled, QStringLiteral("pull cancelled"));
    }
    const Digest actual = hasher.finish();
    if (actual.toString() != image->digest)
        return Error(ErrorCode::DigestMismatch,
            QStringLiteral("the stored bytes hash to %1, not %2 (run verify)").arg(actual.toString(), image->digest));
    if (!out.commit())
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, out.errorString()));
    return image;
}

Result<QList<TagRecord>> ImageService::tags(const Actor& actor, const QString& collectionName, const TagQuery& query)
{
    QSqlDatabase db = m_context.database->connection();
    Result<CollectionRecord> collection = CollectionService::authorize(db, actor, collectionName, Action::ViewCollection);
    if (!collection)
        return collection.error();
    QString where = QStringLiteral("k.collection_id = ?");
    QVariantList binds { collection->id };
    if (!query.container.isEmpty()) {
        where += QStringLiteral(" AND k.name = ?");
        binds.append(query.container);
    }
    if (!query.after.isEmpty()) {
        const QStringList key = query.after.split(u':');
        if (key.size() != 3)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("paging key must be container:tag:arch"));
        where += QStringLiteral(
            " AND (k.name > ? OR (k.name = ? AND (t.name > ? OR (t.name = ? AND t.arch > ?))))");
        binds << key[0] << key[0] << key[1] << key[1] << key[2];
    }
    where += QStringLiteral(" ORDER BY k.name, t.name, t.arch LIMIT ?");
    binds.append(qBound(1, query.limit, 1000000));
    Result<QList<TagRecord>> tags = tagRows(db, where, binds);
    if (!tags)
        return tags.error();
    QList<ImageRecord> images;
    for (const TagRecord& tag : std::as_const(*tags))
        images.append(tag.image);
    if (Status tagged = RecordQueries::attachTags(db, images); !tagged)
        return tagged.error();
    for (int i = 0; i < tags->size(); ++i)
        (*tags)[i].image.tags = images[i].tags;
    return tags;
}

Result<QList<ImageRecord>> ImageService::images(const Actor& actor, const QString& collectionName, const QString& container)
{
    QSqlDatabase db = m_context.database->connection();
    Result<CollectionRecord> collection = CollectionService::authorize(db, actor, collectionName, Action::ViewCollection);
    if (!collection)
        return collection.error();
    return RecordQueries::images(db, QStringLiteral("k.collection_id = ? AND k.name = ? AND i.uploaded = 1 ORDER BY i.created_at DESC, i.id DESC"),
        { collection->id, container });
}

Result<QList<TagHistoryRecord>> ImageService::history(const Actor& actor, const QString& collectionName,
    const QString& containerName, const QString& tag, const QString& arch)
{
    QSqlDatabase db = m_context.database->connection();
    Result<CollectionRecord> collection = CollectionService::authorize(db, actor, collectionName, Action::ViewCollection);
    if (!collection)
        return collection.error();
    Result<qint64> container = containerId(db, collection->id, containerName);
    if (!container)
        return container.error();
    QString sql = QStringLiteral("SELECT tag, arch, digest, action, actor, at FROM tag_history WHERE container_id = ? AND tag = ?");
    QVariantList binds { *container, tag };
    if (!arch.isEmpty()) {
        sql += QStringLiteral(" AND arch = ?");
        binds.append(arch);
    }
    Result<QSqlQuery> rows = sqlExec(db, sql + QStringLiteral(" ORDER BY at DESC, id DESC LIMIT 1000"), binds);
    if (!rows)
        return rows.error();
    QList<TagHistoryRecord> history;
    while (rows->next()) {
        history.append({ rows->value(0).toString(), rows->value(1).toString(), rows->value(2).toString(),
            rows->value(3).toString(), rows->value(4).toString(), rows->value(5).toLongLong() });
    }
    return history;
}

Result<QJsonObject> ImageService::sifMetadata(const Actor& actor, const ImageRecord& image)
{
    QSqlDatabase db = m_context.database->connection();
    Result<CollectionRecord> collection = CollectionService::authorize(db, actor, image.collection, Action::ViewCollection);
    if (!collection)
        return collection.error();
    Result<std::optional<QVariant>> json
        = sqlScalar(db, QStringLiteral("SELECT sif_json FROM blobs WHERE digest = ?"), { image.digest });
    if (!json)
        return json.error();
    if (!*json)
        return Error(ErrorCode::NotFound, QStringLiteral("no SIF metadata for %1 (not uploaded yet)").arg(image.digest));
    return QJsonDocument::fromJson((*json)->toString().toUtf8()).object();
}

Result<TagRecord> ImageService::setTag(const Actor& actor, const ImageRecord& image, const QString& tag, const QString& arch)
{
    QSqlDatabase db = m_context.database->connection();
    const QString effectiveArch = arch.isEmpty() ? image.arch : arch;
    const QString object = image.collection + u'/' + image.container + u':' + tag;
    const Status status = [&]() -> Status {
        if (const QString why = Names::whyInvalid(tag, QStringLiteral("tag")); !why.isEmpty())
            return Error(ErrorCode::InvalidName, why);
        if (tag.startsWith(QStringLiteral("sha256.")))
            return Error(ErrorCode::InvalidName, QStringLiteral("'%1' looks like a digest and cannot be a tag").arg(tag));
        if (!image.uploaded)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("image %1 has no bytes yet; upload it first").arg(image.digest));
        Transaction transaction(db);
        if (Status begun = transaction.begin(); !begun)
            return begun;
        Result<CollectionRecord> collection = CollectionService::authorize(db, actor, image.collection, Action::TagImage);
        if (!collection)
            return collection.error();
        Result<bool> changed
            = TagWriter::set(db, image.containerId, tag, effectiveArch, image.id, image.digest, actor.auditName());
        if (!changed)
            return changed.error();
        return transaction.commit();
    }();
    m_context.audit->recordOutcome(actor, QStringLiteral("tag.set"), QStringLiteral("tag"), object, status,
        image.digest + u' ' + effectiveArch);
    if (!status)
        return status.error();
    Result<QList<TagRecord>> rows = tagRows(db, QStringLiteral("t.container_id = ? AND t.name = ? AND t.arch = ?"),
        { image.containerId, tag, effectiveArch });
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return Error(ErrorCode::Internal, QStringLiteral("the tag vanished"));
    return rows->front();
}

Result<TagRecord> ImageService::tag(const Actor& actor, const ImageRef& source, const QString& newTag, const QString& arch)
{
    Result<ImageRecord> image = resolve(actor, source, arch);
    if (!image)
        return image.error();
    if (!newTag.contains(u':'))
        return setTag(actor, *image, newTag, arch);
    // "container:tag": the same bytes under another container of the collection; the blob is shared.
    const QString containerName = newTag.section(u':', 0, 0);
    const QString tagName = newTag.section(u':', 1);
    Result<ContainerRecord> container = CollectionService(m_context).ensureContainer(actor, image->collection, containerName);
    if (!container)
        return container.error();
    Result<ImageRecord> copy = announce(actor, image->collection, containerName, *Digest::fromString(image->digest), image->description);
    if (!copy)
        return copy.error();
    return setTag(actor, *copy, tagName, arch.isEmpty() ? image->arch : arch);
}

Status ImageService::setFrozen(const Actor& actor, const ImageRef& ref, bool frozen, const QString& arch)
{
    QSqlDatabase db = m_context.database->connection();
    const Status status = [&]() -> Status {
        if (ref.isDigest() || ref.tag.isEmpty())
            return Error(ErrorCode::InvalidArgument, QStringLiteral("only tags can be frozen: give collection/container:tag"));
        Transaction transaction(db);
        if (Status begun = transaction.begin(); !begun)
            return begun;
        Result<CollectionRecord> collection = CollectionService::authorize(db, actor, ref.collection, Action::FreezeTag);
        if (!collection)
            return collection.error();
        Result<TagRecord> tag = findTag(db, collection->id, ref, arch);
        if (!tag)
            return tag.error();
        if (Status changed = TagWriter::setFrozen(db, tag->id, frozen, actor.auditName()); !changed)
            return changed;
        return transaction.commit();
    }();
    m_context.audit->recordOutcome(actor, frozen ? QStringLiteral("tag.freeze") : QStringLiteral("tag.unfreeze"),
        QStringLiteral("tag"), ref.toString(), status, arch);
    return status;
}

Status ImageService::remove(const Actor& actor, const ImageRef& ref, const QString& arch)
{
    QSqlDatabase db = m_context.database->connection();
    QString detail;
    const Status status = [&]() -> Status {
        Transaction transaction(db);
        if (Status begun = transaction.begin(); !begun)
            return begun;
        Result<CollectionRecord> collection = CollectionService::authorize(db, actor, ref.collection, Action::DeleteImage);
        if (!collection)
            return collection.error();
        qint64 imageId = 0;
        if (ref.isDigest()) {
            Result<qint64> container = containerId(db, collection->id, ref.container);
            if (!container)
                return container.error();
            Result<std::optional<QVariant>> id = sqlScalar(db,
                QStringLiteral("SELECT id FROM images WHERE container_id = ? AND digest = ?"),
                { *container, ref.digest->toString() });
            if (!id)
                return id.error();
            if (!*id)
                return imageNotFound(ref, arch);
            imageId = (*id)->toLongLong();
            Result<QSqlQuery> tagIds = sqlExec(db, QStringLiteral("SELECT id FROM tags WHERE image_id = ?"), { imageId });
            if (!tagIds)
                return tagIds.error();
            QList<qint64> ids;
            while (tagIds->next())
                ids.append(tagIds->value(0).toLongLong());
            tagIds->finish();
            for (qint64 tagId : ids) {
                if (Status removed = TagWriter::remove(db, tagId, actor.auditName()); !removed)
                    return removed;
            }
            detail = ref.digest->toString();
        } else {
            Result<TagRecord> tag = findTag(db, collection->id, ref, arch);
            if (!tag)
                return tag.error();
            if (Status removed = TagWriter::remove(db, tag->id, actor.auditName()); !removed)
                return removed;
            imageId = tag->image.id;
            detail = tag->image.digest + u' ' + tag->arch;
        }
        // The image goes with its last tag; its bytes become reclaimable by GC once nothing references them.
        Result<QSqlQuery> deleted = sqlExec(db,
            QStringLiteral("DELETE FROM images WHERE id = ? AND NOT EXISTS (SELECT 1 FROM tags WHERE image_id = ?)"),
            { imageId, imageId });
        if (!deleted)
            return deleted.error();
        return transaction.commit();
    }();
    m_context.audit->recordOutcome(actor, QStringLiteral("image.delete"), QStringLiteral("image"), ref.toString(), status, detail);
    return status;
}

} // namespace sreg
