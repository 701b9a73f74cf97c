#pragma once

#include "ApiSession.h"

#include <QString>

namespace sreg::bench {

// Pushes an image over the library API the way the Go library client (and so `apptainer push`) does for a file
// of 64 MiB or less: entity, collection and container lookups (each created on 404), the image lookup by hash,
// POST /v1/images, POST /v2/imagefile → uploadURL, PUT the bytes, PUT _complete, then the v2 tags calls.
// The client's checksums are computed before the push starts, as the real client does before its first call.
class LibraryPusher final
{
public:
    LibraryPusher(ApiSession& session, QString entity, QString collection, QString container);

    // Empty on success, else what went wrong.
    QString push(const std::string& bytes, const QString& sha256Hex, const QString& tag, const QString& arch);

private:
    // GET path; on 404 POST createBody to createPath. Returns data.id, empty on failure (m_error set).
    QString lookupOrCreate(const std::string& path, const std::string& createPath, const QJsonObject& createBody);
    // Records what went wrong and returns it.
    QString fail(const std::string& what, const ApiSession::Reply& reply);

    ApiSession& m_session;
    QString m_entity;
    QString m_collection;
    QString m_container;
    QString m_error;
};

} // namespace sreg::bench
