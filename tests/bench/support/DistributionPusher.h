#pragma once

#include "ApiSession.h"

#include <QString>

namespace sreg::bench {

// Pushes a one-layer image to a Docker distribution registry the way `docker push` does: HEAD the layer, start an
// upload, PUT the whole blob with its digest (monolithic upload), the same for the small image config, then PUT
// the schema-2 manifest under a tag. Our peer in the push-latency and throughput comparisons.
class DistributionPusher final
{
public:
    DistributionPusher(ApiSession& session, QString repository);

    // Empty on success, else what went wrong.
    QString push(const std::string& bytes, const QString& sha256Hex, const QString& tag);

    // The schema-2 manifest of a one-layer image (the driver script builds the same one for its curl pushes).
    static std::string manifest(const QString& configDigest, qint64 configSize, const QString& layerDigest,
                                qint64 layerSize);
    static std::string config();

private:
    QString uploadBlob(const std::string& bytes, const std::string& digest); // empty on success
    QString fail(const std::string& what, const ApiSession::Reply& reply);

    ApiSession& m_session;
    std::string m_repository;
};

} // namespace sreg::bench
