#pragma once

#include "metadata/Records.h"

#include <QAbstractItemModel>
#include <QList>
#include <QPointer>
#include <memory>

namespace sreg {

class RegistrySource;

// The Registries tree: sources as top-level rows ("This computer", later remote connections), their
// collections below. Collections load lazily (fetchMore, in pages) the first time a source is expanded or
// fetched, and reload when the source announces a change; reloads merge into the existing rows so that
// selection and expansion survive.
class RegistryTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        ImagesColumn,
        SizeColumn,
        ColumnCount
    };
    enum Role
    {
        KindRole = Qt::UserRole + 1, // Kind
        SourceRole, // RegistrySource* as QObject*
        CollectionRole, // CollectionRecord (collection rows)
        NameRole, // source id or collection name
        IsPrivateRole,
        RawSizeRole,
        ImageCountRole,
        LoadingRole, // source rows: a load is under way
    };
    enum class Kind
    {
        Source,
        Collection,
    };
    Q_ENUM(Kind)

    static constexpr int PageSize = 1000;
    // The first page of a first load is small, so the first collections show (and one can be opened) before a
    // registry of thousands of collections has listed them all.
    static constexpr int FirstPageSize = 40; // about what a tree shows without scrolling

    explicit RegistryTreeModel(QObject* parent = nullptr);
    ~RegistryTreeModel() override;
    Q_DISABLE_COPY_MOVE(RegistryTreeModel)

    // The tree does not own sources; a destroyed source removes itself.
    void addSource(RegistrySource* source);
    void removeSource(RegistrySource* source);
    QList<RegistrySource*> sources() const;

    RegistrySource* sourceAt(const QModelIndex& index) const; // of a source row or a collection row
    QString collectionAt(const QModelIndex& index) const; // empty for a source row
    QModelIndex indexOfSource(const RegistrySource* source) const;
    QModelIndex indexOfCollection(const RegistrySource* source, const QString& collection) const;
    bool isLoaded(const RegistrySource* source) const;
    // Reloads a source's collections (F5); the reload merges into the current rows.
    void refresh(RegistrySource* source);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

Q_SIGNALS:
    void loadFailed(sreg::RegistrySource* source, const QString& message);
    // A source's collections finished loading (first load or reload).
    void sourceLoaded(sreg::RegistrySource* source);

private:
    struct SourceNode;
    SourceNode* nodeOf(const RegistrySource* source) const;
    int rowOf(const SourceNode* node) const;
    void loadPage(SourceNode* node, const QString& after);
    void applyPage(SourceNode* node, const QList<CollectionRecord>& page, int limit);
    void mergeReload(SourceNode* node, const QList<CollectionRecord>& fresh);
    void scheduleReload(SourceNode* node);
    void reloadNow(SourceNode* node);

    QList<std::shared_ptr<SourceNode>> m_sources;
};

} // namespace sreg
