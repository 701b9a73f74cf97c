#include "PushSession.h"

#include "AuditLog.h"
#include "CollectionService.h"
#include "MaintenanceService.h"
#include "Quotas.h"
#include "RecordQueries.h"
#include "RegistryContext.h"
#include "TagWriter.h"
#include "common/Clock.h"
#include "metadata/Database.h"
#include "metadata/Sql.h"
#include "sif/SifImage.h"
#include "storage/BlobStore.h"

#include <QDebug>
#include <QJsonDocument>

namespace sreg {

namespace {

QString describe(const PushRequest& request)
{
    QString text = request.collection + u'/' + request.container;
    if (!request.tags.isEmpty())
        text += u':' + request.tags.join(u',');
    return text;
}

// Finds the collection the push goes to, creating it when the request allows and the actor may.
Result<qint64> collectionForPush(QSqlDatabase& db, RegistryContext& context, const Actor& actor, const PushRequest& request)
{
    Result<std::optional<QVariant>> id
        = sqlScalar(db, QStringLiteral("SELECT id FROM collections WHERE name = ?"), { request.collection });
    if (!id)
        return id.error();
    if (!*id) {
        if (!request.createCollection)
            return Error(ErrorCode::NotFound, QStringLiteral("collection '%1' not found").arg(request.collection));
        if (!Permissions::allows(actor, Action::CreateCollection)
            || (!actor.admin && !context.options.usersMayCreateCollections))
            return actor.isAuthenticated()
                ? Error(ErrorCode::PermissionDenied, QStringLiteral("%1 may not create collections").arg(actor.name))
                : Error(ErrorCode::Unauthenticated, QStringLiteral("authentication required to push"));
        const qint64 now = nowMs();
        Result<QSqlQuery> inserted = sqlExec(db,
            QStringLiteral("INSERT INTO collections (name, private, created_by, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, ?) RETURNING id"),
            { request.collection, request.isPrivate.value_or(context.options.defaultPrivate) ? 1 : 0,
                actor.kind == Actor::Kind::User ? QVariant(actor.userId) : QVariant(QMetaType::fromType<qint64>()), now,
                now });
        if (!inserted)
            return inserted.error();
        inserted->next();
        const qint64 newId = inserted->value(0).toLongLong();
        inserted->finish();
        if (actor.kind == Actor::Kind::User) {
            Result<QSqlQuery> owner = sqlExec(db,
                QStringLiteral("INSERT INTO collection_members (collection_id, user_id, role) VALUES (?, ?, 'owner')"),
                { newId, actor.userId });
            if (!owner)
                return owner.error();
        }
        return newId;
    }
    Result<CollectionRecord> collection = CollectionService::authorize(db, actor, request.collection, Action::PushImage);
    if (!collection)
        return collection.error();
    return collection->id;
}

} // namespace

PushSession::PushSession(RegistryContext& context, Actor actor, PushRequest request,
    std::unique_ptr<BlobWriter> writer, qint64 quotaRemaining)
    : m_context(context)
    , m_actor(std::move(actor))
    , m_request(std::move(request))
    , m_writer(std::move(writer))
    , m_quotaRemaining(quotaRemaining)
{
}

PushSession::~PushSession()
{
    abort();
}

std::unique_ptr<PushSession> PushSession::fromFinishedWriter(
    RegistryContext& context, Actor actor, PushRequest request, std::unique_ptr<BlobWriter> finishedWriter)
{
    auto session = std::make_unique<PushSession>(context, std::move(actor), std::move(request), std::move(finishedWriter), -1);
    session->m_writerFinished = true;
    return session;
}

Status PushSession::write(const char* data, qint64 size)
{
    if (m_done || m_writerFinished)
        return Error(ErrorCode::Internal, QStringLiteral("write after the push ended"));
    if (m_quotaRemaining >= 0 && m_writer->bytesWritten() + size > m_quotaRemaining) {
        const Error error(ErrorCode::QuotaExceeded,
            QStringLiteral("pushing %1 would exceed the storage quota (%2 bytes left)").arg(describe(m_request)).arg(m_quotaRemaining));
        m_context.audit->recordOutcome(m_actor, QStringLiteral("image.push"), QStringLiteral("image"), describe(m_request), error);
        abort();
        return error;
    }
    return m_writer->write(data, size);
}

Status PushSession::writeFrom(ByteSource& source, qint64 offset, qint64 length, const std::function<bool(qint64)>& progress)
{
    if (m_done || m_writerFinished)
        return Error(ErrorCode::Internal, QStringLiteral("write after the push ended"));
    if (m_quotaRemaining >= 0 && m_writer->bytesWritten() + length > m_quotaRemaining) {
        const Error error(ErrorCode::QuotaExceeded,
            QStringLiteral("pushing %1 would exceed the storage quota (%2 bytes left)").arg(describe(m_request)).arg(m_quotaRemaining));
        m_context.audit->recordOutcome(m_actor, QStringLiteral("image.push"), QStringLiteral("image"), describe(m_request), error);
        abort();
        return error;
    }
    Status written = m_writer->writeFrom(source, offset, length, progress);
    if (!written)
        abort();
    return written;
}

qint64 PushSession::bytesReceived() const
{
    return m_writer ? m_writer->bytesWritten() : 0;
}

void PushSession::abort()
{
    if (m_done)
        return;
    m_done = true;
    if (m_writer)
        m_writer->abort();
}

Result<ImageRecord> PushSession::finish()
{
    if (m_done)
        return Error(ErrorCode::Internal, QStringLiteral("the push already ended"));
    const QString object = describe(m_request);
    auto fail = [&](const Error& error) -> Result<ImageRecord> {
        m_context.audit->recordOutcome(m_actor, QStringLiteral("image.push"), QStringLiteral("image"), object, error);
        abort();
        return error;
    };

    Digest digest;
    if (m_writerFinished) {
        // An assembled multipart upload: the writer already verified the bytes.
        Result<Digest> again = m_writer->finish();
        if (!again)
            return fail(again.error());
        digest = *again;
        if (m_request.expectedDigest && !(*m_request.expectedDigest == digest))
            return fail(Error(ErrorCode::DigestMismatch,
                QStringLiteral("the bytes hash to %1, but %2 was announced")
                    .arg(digest.toString(), m_request.expectedDigest->toString())));
    } else {
        Result<Digest> finished = m_writer->finish();
        if (!finished)
            return fail(finished.error());
        digest = *finished;
        m_writerFinished = true;
    }

    // Parse before the blob becomes visible: only a complete, valid SIF is ever recorded.
    std::shared_ptr<ByteSource> staged(&m_writer->staged(), [](ByteSource*) { });
    const qint64 size = staged->size();
    Result<sif::SifImage> image = sif::SifImage::open(staged);
    if (!image)
        return fail(image.error());
    if (image->hasErrors())
        return fail(Error(ErrorCode::BrokenSif, QStringLiteral("damaged SIF: %1").arg(image->firstErrorMessage())));
    QString arch = image->primaryArch();
    if ((arch.isEmpty() || arch == u"unknown") && !m_request.arch.isEmpty())
        arch = m_request.arch;
    if (arch.isEmpty())
        arch = QStringLiteral("unknown");
    const bool isSigned = !image->signatures().isEmpty();
    const QByteArray sifJson = QJsonDocument(image->toJson()).toJson(QJsonDocument::Compact);
    const QMap<QString, QString> labels = image->metadata().labels;

    // Mark the digest as ours before it appears in the store, so that a crash between commit and record, or a
    // concurrent GC, cannot leave or take a blob behind our back (see MaintenanceService::recoverInterrupted).
    QSqlDatabase db = m_context.database->connection();
    const QString digestText = digest.toString();
    if (Result<QSqlQuery> pending = sqlExec(db,
            QStringLiteral("INSERT INTO pending_blobs (digest, owner, started_at) VALUES (?, ?, ?) "
                           "ON CONFLICT (digest, owner) DO UPDATE SET started_at = excluded.started_at"),
            { digestText, m_context.processOwner, nowMs() });
        !pending)
        return fail(pending.error());
    if (Status committed = m_writer->commit(); !committed) {
        sqlExecBestEffort(db, QStringLiteral("DELETE FROM pending_blobs WHERE digest = ? AND owner = ?"), { digestText, m_context.processOwner });
        return fail(committed.error());
    }
    m_done = true;

    Result<ImageRecord> recorded = record(digestText, size, arch, isSigned, sifJson, labels);
    sqlExecBestEffort(db, QStringLiteral("DELETE FROM pending_blobs WHERE digest = ? AND owner = ?"), { digestText, m_context.processOwner });
    if (!recorded) {
        // The blob may be shared with another image by now; GC takes it later if this fails.
        if (Status dropped = MaintenanceService(m_context).dropIfUnreferenced(digestText); !dropped)
            qWarning().noquote() << "could not drop" << digestText << ":" << dropped.error().message();
        m_context.audit->recordOutcome(m_actor, QStringLiteral("image.push"), QStringLiteral("image"), object, recorded.error());
        return recorded.error();
    }
    m_context.audit->record(m_actor, QStringLiteral("image.push"), QStringLiteral("image"), object, QStringLiteral("ok"),
        QStringLiteral("%1, %2 bytes, %3").arg(digestText).arg(size).arg(arch));
    return recorded;
}

Result<ImageRecord> PushSession::record(const QString& digest, qint64 size, const QString& arch, bool isSigned,
    const QByteArray& sifJson, const QMap<QString, QString>& labels)
{
    QSqlDatabase db = m_context.database->connection();
    qint64 imageId = 0;
    const Status status = [&]() -> Status {
        Transaction transaction(db);
        if (Status begun = transaction.begin(); !begun)
            return begun;
        Result<qint64> collectionId = collectionForPush(db, m_context, m_actor, m_request);
        if (!collectionId)
            return collectionId.error();
        const qint64 now = nowMs();
        Result<QSqlQuery> container = sqlExec(db,
            QStringLiteral("INSERT INTO containers (collection_id, name, created_at, updated_at) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (collection_id, name) DO UPDATE SET updated_at = excluded.updated_at RETURNING id"),
            { *collectionId, m_request.container, now, now });
        if (!container)
            return container.error();
        container->next();
        const qint64 containerId = container->value(0).toLongLong();
        container->finish();

        if (Result<QSqlQuery> blob = sqlExec(db,
                QStringLiteral("INSERT INTO blobs (digest, size, arch, signed, sif_json, created_at) VALUES (?, ?, ?, ?, ?, ?) "
                               "ON CONFLICT (digest) DO NOTHING"),
                { digest, size, arch, isSigned ? 1 : 0, QString::fromUtf8(sifJson), now });
            !blob)
            return blob.error();
        for (auto it = labels.begin(); it != labels.end(); ++it) {
            if (Result<QSqlQuery> label = sqlExec(db,
                    QStringLiteral("INSERT INTO blob_labels (digest, key, value) VALUES (?, ?, ?) "
                                   "ON CONFLICT (digest, key) DO NOTHING"),
                    { digest, it.key().left(1000), it.value().left(4000) });
                !label)
                return label.error();
        }

        const QVariant uploader
            = m_actor.kind == Actor::Kind::User ? QVariant(m_actor.userId) : QVariant(QMetaType::fromType<qint64>());
        if (m_request.imageId > 0) {
            Result<QSqlQuery> updated = sqlExec(db,
                QStringLiteral("UPDATE images SET uploaded = 1, size = ?, arch = ?, uploaded_by = COALESCE(uploaded_by, ?) "
                               "WHERE id = ? AND container_id = ? AND digest = ?"),
                { size, arch, uploader, m_request.imageId, containerId, digest });
            if (!updated)
                return updated.error();
            if (updated->numRowsAffected() == 0)
                return Error(ErrorCode::NotFound,
                    QStringLiteral("image %1 is not %2 in %3/%4")
                        .arg(m_request.imageId)
                        .arg(digest, m_request.collection, m_request.container));
            imageId = m_request.imageId;
        } else {
            Result<QSqlQuery> inserted = sqlExec(db,
                QStringLiteral("INSERT INTO images (container_id, digest, size, arch, description, uploaded, uploaded_by, "
                               "created_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (container_id, digest) DO UPDATE "
                               "SET uploaded = 1, size = excluded.size, arch = excluded.arch RETURNING id"),
                { containerId, digest, size, arch, m_request.description.left(4000), uploader, now });
            if (!inserted)
                return inserted.error();
            inserted->next();
            imageId = inserted->value(0).toLongLong();
            inserted->finish();
        }

        // Quotas again, now that the bytes are known exactly (distinct blobs: a re-push costs nothing).
        if (Status within = Quotas::checkWithin(db, m_actor, *collectionId, m_request.collection); !within)
            return within;

        for (const QString& tag : m_request.tags) {
            Result<bool> tagged = TagWriter::set(db, containerId, tag, arch, imageId, digest, m_actor.auditName());
            if (!tagged)
                return tagged.error();
        }
        return transaction.commit();
    }();
    if (!status)
        return status.error();

    Result<QSqlQuery> row = sqlExec(db, RecordQueries::imageSelect() + QStringLiteral("WHERE i.id = ?"), { imageId });
    if (!row)
        return row.error();
    if (!row->next())
        return Error(ErrorCode::Internal, QStringLiteral("the pushed image vanished"));
    QList<ImageRecord> images { RecordQueries::readImage(*row) };
    row->finish();
    if (Status tagged = RecordQueries::attachTags(db, images); !tagged)
        return tagged.error();
    return images.front();
}

} // namespace sreg
