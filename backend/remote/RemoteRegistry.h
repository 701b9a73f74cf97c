#pragma once

#include "RemoteConnection.h"
#include "RemoteInfo.h"
#include "common/ImageRef.h"
#include "common/Result.h"
#include "metadata/Records.h"
#include "registry/CollectionService.h"
#include "registry/ImageService.h"

#include <QHash>
#include <QJsonObject>
#include <memory>
#include <mutex>

namespace sreg {
class ByteSource;
}

namespace sreg::remote {

class AdminClient;
class LibraryClient;
class RemoteHttp;
class RemoteImageFile;
class SregistryClient;

// A connected remote registry, browsed in the engine's own records whatever is on the other side: our server
// through its admin API, an sregistry server through its native API (collections, containers, frozen flags)
// and its library API (digests, sizes, bytes). Blocking and thread-safe; the desktop's RemoteSource runs it on
// worker threads, transfers and the CLI call it directly.
class RemoteRegistry final
{
public:
    // Probes the server (RemoteProbe) and connects. A TLS or token refusal is the error; http() keeps the
    // certificate seen, for a trust prompt.
    static Result<std::shared_ptr<RemoteRegistry>> connect(const RemoteConnection& connection);
    RemoteRegistry(std::shared_ptr<RemoteHttp> http, RemoteInfo info);
    ~RemoteRegistry();

    const RemoteInfo& info() const { return m_info; }
    RemoteHttp& http() { return *m_http; }
    std::shared_ptr<RemoteHttp> sharedHttp() const { return m_http; }
    bool isOurServer() const { return m_info.kind == RemoteInfo::Kind::OurServer; }
    QString displayUrl() const;

    AdminClient admin();
    LibraryClient library();
    SregistryClient sregistry();

    Result<QList<CollectionRecord>> collections(const CollectionQuery& query);
    Result<CollectionRecord> collection(const QString& name);
    Result<QList<ContainerRecord>> containers(const QString& collection);
    Result<QList<TagRecord>> tags(const QString& collection, const TagQuery& query);
    Result<QList<TagRecord>> allTags(const QString& collection);
    Result<SearchResults> search(const SearchQuery& query);
    // The image a reference names ("c/n:tag" or "c/n:sha256.<hex>"), through the library API.
    Result<ImageRecord> resolve(const ImageRef& ref, const QString& arch);

    // The image's bytes for copying (a pull, counted as one), streamed front to back with read-ahead.
    std::shared_ptr<ByteSource> streamImage(const ImageRecord& image);
    // Random access for looking inside (not counted on our server), through a block cache.
    std::shared_ptr<ByteSource> inspectImage(const ImageRecord& image);
    // The SIF's metadata read through ranges (header, descriptors, small objects): no download.
    Result<QJsonObject> imageMetadata(const ImageRecord& image);

private:
    QString pullPath(const ImageRecord& image) const;
    Result<QList<TagRecord>> sregistryTags(const QString& collection, const QString& container);

    std::shared_ptr<RemoteHttp> m_http;
    RemoteInfo m_info;
    std::mutex m_mutex;
    QHash<QString, int> m_offsetAfter; // sregistry paging: collection name -> offset of the next page
};

} // namespace sreg::remote
