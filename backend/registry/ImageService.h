#pragma once

#include "Actor.h"
#include "PushRequest.h"
#include "PushSession.h"
#include "common/ByteSource.h"
#include "common/ImageRef.h"
#include "common/Result.h"
#include "metadata/Records.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace sreg {

class BlobWriter;
struct RegistryContext;

struct TagQuery
{
    QString container; // empty: every container of the collection
    QString after; // keyset paging on "container:tag:arch"
    int limit = 100000;
};

struct SearchQuery
{
    QString text; // matched (case-insensitive substring) against collection, container, tag, label key and value
    QString arch; // only images of this arch
    bool signedOnly = false;
    int limit = 200;
};

// One label key/value and the images that carry it (the sregistry native API's label search).
struct LabelMatch
{
    QString key;
    QString value;
    QList<ImageRecord> images;
};

struct SearchResults
{
    QList<CollectionRecord> collections;
    QList<ContainerRecord> containers;
    QList<ImageRecord> images; // each with its tags
};

// Reports bytes done; returning false cancels.
using ProgressCallback = std::function<bool(qint64 done, qint64 total)>;

// Images and tags: push, pull, tag, freeze, delete, history, search.
class ImageService final
{
public:
    explicit ImageService(RegistryContext& context);

    // --- push ---
    // Checks names, permissions and quota before any byte moves, creating the collection/container as allowed.
    Result<std::unique_ptr<PushSession>> beginPush(const Actor& actor, const PushRequest& request);
    // The same checks as beginPush, for bytes that already arrived elsewhere (an assembled multipart upload):
    // adopts the finished writer instead of streaming again.
    Result<std::unique_ptr<PushSession>> beginPushFromWriter(
        const Actor& actor, const PushRequest& request, std::unique_ptr<BlobWriter> finishedWriter);
    // Streams a local file through a PushSession; refuses a non-SIF before sending anything.
    Result<ImageRecord> pushFile(const Actor& actor, const QString& path, PushRequest request,
        const ProgressCallback& progress = {});
    // Library API: announce an image (digest known, bytes not yet sent). Returns the existing image when the
    // container already has that digest (uploaded tells whether its bytes are here).
    Result<ImageRecord> announce(const Actor& actor, const QString& collection, const QString& container,
        const Digest& digest, const QString& description = {});

    // --- pull ---
    // Resolves "collection/container:tag" (arch-aware) or ":sha256.<hex>". NotFound also for images the actor
    // may not see.
    Result<ImageRecord> resolve(const Actor& actor, const ImageRef& ref, const QString& arch = {});
    Result<ImageRecord> imageById(const Actor& actor, qint64 id);
    // The image's bytes; counts a download when countDownload is set.
    Result<std::unique_ptr<ByteSource>> openBytes(const Actor& actor, const ImageRecord& image, bool countDownload = true);
    // Writes the image to path (temporary file, verified by SHA-256, then renamed into place).
    Result<ImageRecord> pullToFile(const Actor& actor, const ImageRef& ref, const QString& arch, const QString& path,
        const ProgressCallback& progress = {});

    // --- browse ---
    Result<QList<TagRecord>> tags(const Actor& actor, const QString& collection, const TagQuery& query = {});
    Result<QList<ImageRecord>> images(const Actor& actor, const QString& collection, const QString& container);
    Result<QList<TagHistoryRecord>> history(const Actor& actor, const QString& collection, const QString& container,
        const QString& tag, const QString& arch = {});
    // The parsed SIF as stored at push (SifImage::toJson()).
    Result<QJsonObject> sifMetadata(const Actor& actor, const ImageRecord& image);
    Result<SearchResults> search(const Actor& actor, const SearchQuery& query);
    // Images (visible to the actor) by label; key and value match exactly, ignoring case; empty matches any.
    Result<QList<LabelMatch>> labels(const Actor& actor, const QString& key, const QString& value, int limit = 1000);

    // --- tags ---
    // Points tag (of the image's arch unless arch is given) at image. Refused on a frozen tag.
    Result<TagRecord> setTag(const Actor& actor, const ImageRecord& image, const QString& tag, const QString& arch = {});
    // CLI "tag REF NEWTAG": NEWTAG is a tag name, or "container:tag" within the same collection.
    Result<TagRecord> tag(const Actor& actor, const ImageRef& source, const QString& newTag, const QString& arch = {});
    Status setFrozen(const Actor& actor, const ImageRef& ref, bool frozen, const QString& arch = {});
    // A tag ref removes that tag (and the image when no tag is left); a digest ref removes the image and all its
    // tags. Refused when a frozen tag would go.
    Status remove(const Actor& actor, const ImageRef& ref, const QString& arch = {});

private:
    struct PreparedPush
    {
        PushRequest request; // with the announced image's digest filled in
        qint64 quotaRemaining = -1;
    };
    Result<PreparedPush> preparePush(const Actor& actor, const PushRequest& request);

    RegistryContext& m_context;
};

} // namespace sreg
