#pragma once

#include "registry/Actor.h"

#include <QHash>
#include <QString>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>

namespace sreg::http {

// What a capability URL lets its holder do, and as whom.
struct CapabilityGrant
{
    enum class Purpose
    {
        Upload, // PUT the whole image (library API v2 single-part upload)
        UploadPart, // PUT one part of a multipart upload
        Download, // GET/HEAD the image (the native API's manifest "image" URL)
    };

    Purpose purpose = Purpose::Download;
    Actor actor; // who asked for the URL; the request using it carries no credentials of its own
    qint64 imageId = 0;
    QString uploadId; // UploadPart: the library upload session
    int partNumber = 0; // UploadPart
    qint64 expectedSize = -1; // Upload/UploadPart: exactly this many bytes
    QString expectedSha256; // UploadPart: hex the client announced for the part; empty = not announced
    QString filename; // Download: Content-Disposition name
};

// URLs handed to clients that must make a request without an Authorization header: the library client PUTs
// image bytes to the uploadURL/presignedURL we return (it uses Go's default HTTP client there, like for an S3
// presigned URL), and sregistry-cli downloads the manifest's "image" URL with its auth headers cleared.
//
// Design: the URL is <base>/capability/<token>; the token is 256 random bits (unguessable), and the grant it
// names lives only in this process's memory, indexed by the token's SHA-256 (so a lookup compares hashes, not
// secrets, and a memory dump holds no usable token). Grants expire (upload URLs after an hour, download URLs
// after 15 minutes by default), are bound to one image (and one part), carry the actor that obtained them, and all
// die with the process. At most MaxGrants are kept; the oldest go first.
class CapabilityUrls final
{
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;
    // Re-checks the actor a grant carries when the grant is used: returns the actor as it is now, or nullopt
    // when its credential is gone (a revoked or expired token), which kills the grant with it.
    using ActorCheck = std::function<std::optional<Actor>(const Actor&)>;
    static inline const QString PathPrefix = QStringLiteral("/capability/");
    static constexpr int MaxGrants = 100000;

    explicit CapabilityUrls(Clock clock = {});

    // Returns the token; the URL is base + PathPrefix + token.
    QString issue(const CapabilityGrant& grant, std::chrono::seconds validity);
    // The grant behind token when it exists, has not expired and has the given purpose.
    std::optional<CapabilityGrant> find(const QString& token, CapabilityGrant::Purpose purpose);
    void revoke(const QString& token);
    int size();
    void setActorCheck(ActorCheck check) { m_actorCheck = std::move(check); }

    static bool looksLikeToken(const QString& token);

private:
    struct Entry
    {
        CapabilityGrant grant;
        std::chrono::steady_clock::time_point expiresAt;
        quint64 sequence = 0;
    };
    void pruneLocked(std::chrono::steady_clock::time_point now);
    static QByteArray keyOf(const QString& token);

    Clock m_clock;
    ActorCheck m_actorCheck;
    std::mutex m_mutex;
    QHash<QByteArray, Entry> m_grants;
    quint64 m_sequence = 0;
};

} // namespace sreg::http
