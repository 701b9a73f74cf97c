#pragma once

#include "common/Result.h"
#include "metadata/Records.h"

#include <QAbstractItemModel>
#include <QThreadPool>
#include <functional>
#include <memory>

namespace sreg {

class RegistrySource;
namespace sif {
class SquashfsReader;
}

// The file tree of an image's root file system (its primary squashfs partition), read through
// RegistrySource::openImage and SquashfsReader without mounting anything. Directories load when first expanded
// (canFetchMore/fetchMore), each listing on a worker thread; symlinks are shown, never followed as directories,
// so a crafted loop cannot make the tree endless.
class SquashfsTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        SizeColumn,
        ModeColumn,
        ModifiedColumn,
        ColumnCount
    };
    enum Role
    {
        PathRole = Qt::UserRole + 1, // absolute path inside the image
        IsDirectoryRole,
        IsFileRole, // a regular file: can be viewed and saved
        RawSizeRole,
        SymlinkTargetRole,
    };
    enum class State
    {
        Empty,
        Opening,
        Ready,
        Failed,
    };
    Q_ENUM(State)

    // Files larger than this are not read into memory (view or save).
    static constexpr qint64 MaxFileBytes = 256LL * 1024 * 1024;

    explicit SquashfsTreeModel(QObject* parent = nullptr);
    ~SquashfsTreeModel() override;
    Q_DISABLE_COPY_MOVE(SquashfsTreeModel)

    void setImage(RegistrySource* source, const ImageRecord& image);
    void clear();
    State state() const;
    QString errorMessage() const;

    // A regular file's bytes, read on a worker thread; done runs on this model's thread (if it still exists).
    void readFile(const QModelIndex& index, qint64 cap, std::function<void(Result<QByteArray>)> done);
    // Writes a regular file to destination on a worker thread.
    void saveFile(const QModelIndex& index, const QString& destination, std::function<void(Status)> done);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

Q_SIGNALS:
    void stateChanged(sreg::SquashfsTreeModel::State state);
    void directoryLoaded(const QString& path);

private:
    struct Node;
    Node* nodeOf(const QModelIndex& index) const;
    QModelIndex indexOf(Node* node) const;
    void setState(State state, const QString& error = {});
    void listDirectory(Node* node);

    std::unique_ptr<Node> m_root;
    std::shared_ptr<sif::SquashfsReader> m_reader;
    State m_state = State::Empty;
    QString m_error;
    quint64 m_generation = 0;
    QThreadPool m_pool; // last member: destroyed (and waited for) first
};

} // namespace sreg
