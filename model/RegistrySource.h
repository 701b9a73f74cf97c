#pragma once

// CONTRACT between the models/panes and the registries they show. LocalSource (the embedded engine) and
// RemoteSource (another server over HTTP) implement it; nothing above this interface knows which one it has.

#include "common/ImageRef.h"
#include "common/Result.h"
#include "metadata/Records.h"
#include "registry/AccountService.h" // NewToken (added: the contract used it without including it)
#include "registry/AuditLog.h"
#include "registry/CollectionService.h"
#include "registry/ImageService.h"
#include "registry/MaintenanceService.h"
#include "registry/PushRequest.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>
#include <memory>

namespace sreg {

class ByteSource;
class Task;

// Every call returns at once; the answer arrives later through `done`, called on the thread of `context`
// (normally the GUI thread) and not at all if `context` was destroyed meanwhile. The GUI thread never waits.
template<typename T> using SourceCallback = std::function<void(Result<T>)>;

class RegistrySource : public QObject
{
    Q_OBJECT

public:
    // What a source can do; a pane disables what is missing and shows unsupportedReason() as the tooltip.
    enum class Feature
    {
        Push,
        Delete,
        Tag,
        Freeze,
        EditCollections, // create, describe, privacy, quota
        Members,
        Users,
        Teams,
        Tokens,
        Audit,
        Storage, // usage, GC, verify
        Search,
        ImageMetadata, // SIF header, objects, labels, deffile without downloading the image
        ImageBytes, // random access to the image (squashfs file tree, signatures)
        History,
        Serve, // serve this registry over HTTP (local only)
    };
    Q_ENUM(Feature)

    explicit RegistrySource(QObject* parent = nullptr);
    ~RegistrySource() override;

    virtual QString id() const = 0; // "local", or a remote connection's id
    virtual QString displayName() const = 0; // "This computer", or the remote's name
    virtual QString location() const = 0; // data folder or URL
    virtual bool supports(Feature feature) const = 0;
    virtual QString unsupportedReason(Feature feature) const; // empty when supported
    // The reference users copy to pull: "library://<host>/<collection>/<container>:<tag>" for remotes.
    virtual QString pullReference(const TagRecord& tag) const = 0;

    // --- browse ---
    virtual void collections(const CollectionQuery& query, QObject* context,
                             SourceCallback<QList<CollectionRecord>> done)
        = 0;
    virtual void containers(const QString& collection, QObject* context, SourceCallback<QList<ContainerRecord>> done)
        = 0;
    virtual void tags(const QString& collection, const TagQuery& query, QObject* context,
                      SourceCallback<QList<TagRecord>> done)
        = 0;
    virtual void imageMetadata(const ImageRecord& image, QObject* context, SourceCallback<QJsonObject> done) = 0;
    virtual void history(const TagRecord& tag, QObject* context, SourceCallback<QList<TagHistoryRecord>> done) = 0;
    virtual void search(const SearchQuery& query, QObject* context, SourceCallback<SearchResults> done) = 0;
    // Random access to the image's bytes (local: the blob; remote: HTTP Range requests).
    virtual void openImage(const ImageRecord& image, QObject* context, SourceCallback<std::shared_ptr<ByteSource>> done)
        = 0;

    // --- curate ---
    virtual void createCollection(const QString& name, const QString& description, bool isPrivate, QObject* context,
                                  SourceCallback<CollectionRecord> done)
        = 0;
    virtual void updateCollection(const QString& name, const CollectionUpdate& update, QObject* context,
                                  SourceCallback<CollectionRecord> done)
        = 0;
    virtual void deleteCollection(const QString& name, QObject* context, SourceCallback<bool> done) = 0;
    virtual void members(const QString& collection, QObject* context,
                         SourceCallback<QList<CollectionMemberRecord>> done)
        = 0;
    virtual void setMember(const QString& collection, const QString& principal, bool isTeam, const QString& role,
                           QObject* context, SourceCallback<bool> done)
        = 0;
    virtual void setTag(const ImageRecord& image, const QString& tag, QObject* context, SourceCallback<TagRecord> done)
        = 0;
    virtual void setFrozen(const TagRecord& tag, bool frozen, QObject* context, SourceCallback<bool> done) = 0;
    // A tag reference removes the tag, a digest reference the image (see ImageService::remove).
    virtual void remove(const ImageRef& ref, const QString& arch, QObject* context, SourceCallback<bool> done) = 0;

    // --- administer ---
    virtual void users(QObject* context, SourceCallback<QList<UserRecord>> done) = 0;
    virtual void addUser(const QString& name, bool admin, const QString& fullName, const QString& email,
                         QObject* context, SourceCallback<UserRecord> done)
        = 0;
    virtual void setUserActive(const QString& name, bool active, QObject* context, SourceCallback<bool> done) = 0;
    virtual void setUserAdmin(const QString& name, bool admin, QObject* context, SourceCallback<bool> done) = 0;
    virtual void setUserQuota(const QString& name, std::optional<qint64> bytes, QObject* context,
                              SourceCallback<bool> done)
        = 0;
    virtual void teams(QObject* context, SourceCallback<QList<TeamRecord>> done) = 0;
    virtual void createTeam(const QString& name, const QString& description, QObject* context,
                            SourceCallback<TeamRecord> done)
        = 0;
    virtual void removeTeam(const QString& name, QObject* context, SourceCallback<bool> done) = 0;
    virtual void setTeamMember(const QString& team, const QString& user, const QString& role, QObject* context,
                               SourceCallback<bool> done)
        = 0;
    virtual void tokens(const QString& user, QObject* context, SourceCallback<QList<TokenRecord>> done) = 0;
    virtual void createToken(const QString& user, const QString& name, Scopes scopes, std::optional<qint64> expiresAt,
                             QObject* context, SourceCallback<NewToken> done)
        = 0;
    virtual void revokeToken(qint64 tokenId, QObject* context, SourceCallback<bool> done) = 0;
    virtual void audit(const AuditQuery& query, QObject* context, SourceCallback<QList<AuditEventRecord>> done) = 0;
    virtual void storageUsage(QObject* context, SourceCallback<StorageUsage> done) = 0;

    // --- long work: a Task the Tasks dock lists (progress, speed, ETA, cancel, retry) ---
    virtual Task* pushFile(const QString& path, const PushRequest& request) = 0;
    virtual Task* pullToFile(const ImageRecord& image, const QString& path) = 0;
    virtual Task* collectGarbage(bool dryRun) = 0; // the Task's result() is RecordJson of the GcReport
    virtual Task* verify() = 0; // result(): RecordJson of the VerifyReport
    // Added for drag-and-drop between collections: copies the image a tag points at into target (collection,
    // container, tags); with move, the source tag goes once the copy is recorded. The default returns nullptr
    // (not supported); a source that can do it without a round trip through a local file overrides it.
    virtual Task* transferImage(const TagRecord& tag, const PushRequest& target, bool move);

Q_SIGNALS:
    // Something in the collection changed (push, delete, tag...): views showing it refresh. An empty name means
    // the list of collections itself changed.
    void collectionChanged(const QString& collection);
    void accountsChanged();
};

} // namespace sreg
