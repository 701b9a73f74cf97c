#include "SquashfsTreeModel.h"

#include "Format.h"
#include "Icons.h"
#include "RegistrySource.h"
#include "sif/SifImage.h"
#include "sif/SquashfsReader.h"

#include <QFile>
#include <QFutureWatcher>
#include <QSaveFile>
#include <QtConcurrent>

namespace sreg {

using sif::SquashfsEntry;
using sif::SquashfsReader;

struct SquashfsTreeModel::Node
{
    SquashfsEntry entry;
    Node* parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;
    int row = 0; // index in parent->children (children never move once listed)
    bool loaded = false;
    bool loading = false;

    bool isDirectory() const { return entry.type == SquashfsEntry::Type::Directory; }
};

namespace {

// Runs work on pool and hands its result to done on context's thread, unless context died meanwhile.
template<typename T>
void runThen(QThreadPool* pool, QObject* context, std::function<T()> work, std::function<void(T)> done)
{
    auto* watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcher<T>::finished, context, [watcher, done = std::move(done)] {
        done(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(pool, std::move(work)));
}

Result<std::shared_ptr<SquashfsReader>> openRootFs(const std::shared_ptr<ByteSource>& bytes)
{
    Result<sif::SifImage> image = sif::SifImage::open(bytes);
    if (!image)
        return image.error();
    const sif::SifDescriptor* primary = image->primaryPartition();
    if (!primary)
        return Error(ErrorCode::NotFound, QStringLiteral("the image has no root file system partition"));
    if (primary->fsType != u"Squashfs")
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("the root file system is %1, not squashfs: its files cannot be listed")
                         .arg(primary->fsType));
    std::shared_ptr<ByteSource> partition = image->objectSource(primary->id);
    if (!partition)
        return Error(ErrorCode::BrokenSif, QStringLiteral("the root file system partition is unreadable"));
    Result<SquashfsReader> reader = SquashfsReader::open(partition);
    if (!reader)
        return reader.error();
    return std::make_shared<SquashfsReader>(std::move(*reader));
}

} // namespace

SquashfsTreeModel::SquashfsTreeModel(QObject* parent) : QAbstractItemModel(parent), m_root(std::make_unique<Node>())
{
    m_pool.setMaxThreadCount(2);
}

SquashfsTreeModel::~SquashfsTreeModel()
{
    m_pool.waitForDone();
}

void SquashfsTreeModel::setImage(RegistrySource* source, const ImageRecord& image)
{
    clear();
    if (!source)
        return;
    if (!source->supports(RegistrySource::Feature::ImageBytes)) {
        setState(State::Failed, source->unsupportedReason(RegistrySource::Feature::ImageBytes));
        return;
    }
    setState(State::Opening);
    const quint64 generation = m_generation;
    source->openImage(image, this, [this, generation](Result<std::shared_ptr<ByteSource>> bytes) {
        if (generation != m_generation)
            return;
        if (!bytes) {
            setState(State::Failed, bytes.error().message());
            return;
        }
        std::shared_ptr<ByteSource> source = *bytes;
        runThen<Result<std::shared_ptr<SquashfsReader>>>(
            &m_pool, this, [source] { return openRootFs(source); },
            [this, generation](Result<std::shared_ptr<SquashfsReader>> reader) {
                if (generation != m_generation)
                    return;
                if (!reader) {
                    setState(State::Failed, reader.error().message());
                    return;
                }
                m_reader = *reader;
                m_root->entry.path = QStringLiteral("/");
                m_root->entry.type = SquashfsEntry::Type::Directory;
                setState(State::Ready);
                listDirectory(m_root.get());
            });
    });
}

void SquashfsTreeModel::clear()
{
    ++m_generation;
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_reader.reset();
    endResetModel();
    setState(State::Empty);
}

SquashfsTreeModel::State SquashfsTreeModel::state() const
{
    return m_state;
}

QString SquashfsTreeModel::errorMessage() const
{
    return m_error;
}

void SquashfsTreeModel::readFile(const QModelIndex& index, qint64 cap, std::function<void(Result<QByteArray>)> done)
{
    Node* node = nodeOf(index);
    if (!node || !m_reader || node->entry.type != SquashfsEntry::Type::File) {
        done(Error(ErrorCode::InvalidArgument, tr("Only regular files can be read.")));
        return;
    }
    std::shared_ptr<SquashfsReader> reader = m_reader;
    const QString path = node->entry.path;
    runThen<Result<QByteArray>>(
        &m_pool, this, [reader, path, cap] { return reader->readFile(path, cap); }, std::move(done));
}

void SquashfsTreeModel::saveFile(const QModelIndex& index, const QString& destination, std::function<void(Status)> done)
{
    Node* node = nodeOf(index);
    if (!node || !m_reader || node->entry.type != SquashfsEntry::Type::File) {
        done(Error(ErrorCode::InvalidArgument, tr("Only regular files can be saved.")));
        return;
    }
    std::shared_ptr<SquashfsReader> reader = m_reader;
    const QString path = node->entry.path;
    runThen<Status>(
        &m_pool, this,
        [reader, path, destination]() -> Status {
            Result<QByteArray> bytes = reader->readFile(path, MaxFileBytes);
            if (!bytes)
                return bytes.error();
            QSaveFile out(destination);
            if (!out.open(QIODevice::WriteOnly) || out.write(*bytes) != bytes->size() || !out.commit())
                return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(destination, out.errorString()));
            return {};
        },
        std::move(done));
}

QModelIndex SquashfsTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    Node* parentNode = parent.isValid() ? nodeOf(parent) : m_root.get();
    if (!parentNode || row >= int(parentNode->children.size()) || (parent.isValid() && parent.column() != 0))
        return {};
    return createIndex(row, column, parentNode->children[size_t(row)].get());
}

QModelIndex SquashfsTreeModel::parent(const QModelIndex& child) const
{
    Node* node = nodeOf(child);
    if (!node || !node->parent || node->parent == m_root.get())
        return {};
    return createIndex(node->parent->row, 0, node->parent);
}

int SquashfsTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const Node* node = parent.isValid() ? nodeOf(parent) : m_root.get();
    return node ? int(node->children.size()) : 0;
}

int SquashfsTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

bool SquashfsTreeModel::hasChildren(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return !m_root->children.empty();
    if (parent.column() != 0)
        return false;
    const Node* node = nodeOf(parent);
    return node && node->isDirectory() && (!node->loaded || !node->children.empty());
}

QVariant SquashfsTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node* node = nodeOf(index);
    const SquashfsEntry& e = node->entry;
    switch (role) {
    case PathRole:
        return e.path;
    case IsDirectoryRole:
        return node->isDirectory();
    case IsFileRole:
        return e.type == SquashfsEntry::Type::File;
    case RawSizeRole:
        return e.size;
    case SymlinkTargetRole:
        return e.symlinkTarget;
    case Qt::DecorationRole:
        if (index.column() != NameColumn)
            return {};
        if (node->isDirectory())
            return Icons::named(QStringLiteral("folder"));
        return Icons::named(e.type == SquashfsEntry::Type::Symlink ? QStringLiteral("symlink")
                                                                   : QStringLiteral("file"));
    case Qt::ToolTipRole:
        return e.type == SquashfsEntry::Type::Symlink ? tr("%1 → %2").arg(e.path, e.symlinkTarget) : e.path;
    case Qt::TextAlignmentRole:
        return index.column() == SizeColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return e.type == SquashfsEntry::Type::Symlink ? tr("%1 → %2").arg(e.name, e.symlinkTarget) : e.name;
        case SizeColumn:
            return e.type == SquashfsEntry::Type::File ? Format::bytes(e.size) : QString();
        case ModeColumn:
            return QStringLiteral("%1 %2:%3").arg(e.mode & 07777, 4, 8, QChar(u'0')).arg(e.uid).arg(e.gid);
        case ModifiedColumn:
            return Format::dateTime(e.mtime * 1000);
        }
        return {};
    default:
        return {};
    }
}

QVariant SquashfsTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case ModeColumn:
        return tr("Mode, owner");
    case ModifiedColumn:
        return tr("Modified");
    default:
        return {};
    }
}

bool SquashfsTreeModel::canFetchMore(const QModelIndex& parent) const
{
    const Node* node = parent.isValid() ? nodeOf(parent) : m_root.get();
    return m_reader && node && node->isDirectory() && !node->loaded && !node->loading;
}

void SquashfsTreeModel::fetchMore(const QModelIndex& parent)
{
    if (canFetchMore(parent))
        listDirectory(parent.isValid() ? nodeOf(parent) : m_root.get());
}

SquashfsTreeModel::Node* SquashfsTreeModel::nodeOf(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    return static_cast<Node*>(index.internalPointer());
}

QModelIndex SquashfsTreeModel::indexOf(Node* node) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, 0, node);
}

void SquashfsTreeModel::setState(State state, const QString& error)
{
    m_error = error;
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void SquashfsTreeModel::listDirectory(Node* node)
{
    if (!m_reader || node->loading || node->loaded)
        return;
    node->loading = true;
    std::shared_ptr<SquashfsReader> reader = m_reader;
    const QString path = node->entry.path;
    const quint64 generation = m_generation;
    runThen<Result<QList<SquashfsEntry>>>(
        &m_pool, this, [reader, path] { return reader->list(path); },
        [this, node, generation, path](Result<QList<SquashfsEntry>> entries) {
            // A new image replaced the tree (and freed node) since the listing started.
            if (generation != m_generation)
                return;
            node->loading = false;
            node->loaded = true;
            if (!entries) {
                setState(State::Ready, entries.error().message());
                return;
            }
            const QModelIndex parent = indexOf(node);
            if (!entries->isEmpty()) {
                beginInsertRows(parent, 0, int(entries->size()) - 1);
                for (const SquashfsEntry& entry : std::as_const(*entries)) {
                    auto child = std::make_unique<Node>();
                    child->entry = entry;
                    child->parent = node;
                    child->row = int(node->children.size());
                    node->children.push_back(std::move(child));
                }
                endInsertRows();
            } else if (parent.isValid()) {
                // hasChildren() changes from "maybe" to "no".
                Q_EMIT dataChanged(parent, parent);
            }
            Q_EMIT directoryLoaded(path);
        });
}

} // namespace sreg
