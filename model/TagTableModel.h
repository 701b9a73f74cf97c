#pragma once

#include "metadata/Records.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

namespace sreg {

class RegistrySource;

// The containers and tags of one collection, one row per tag (container, tag, arch). Rows arrive in pages
// (keyset paging on "container:tag:arch" through TagQuery.after/limit): the first page as soon as a collection
// is chosen, the next ones through canFetchMore/fetchMore as the view scrolls, or all of them after
// fetchAll() (filtering and sorting need every row). A change announced by the source reloads what is loaded
// and merges it into the rows, so that selection and scroll position survive an upload or a deletion.
class TagTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        ContainerColumn,
        TagColumn,
        ArchColumn,
        SizeColumn,
        DigestColumn,
        FrozenColumn,
        SignedColumn,
        UploadedColumn,
        DownloadsColumn,
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1, // tag id
        ImageIdRole,
        RawSizeRole, // bytes, for sorting
        RecordRole, // TagRecord
        DigestRole, // full digest
        KeyRole, // "container:tag:arch"
        SortRole, // the raw value a column sorts by
        PullReferenceRole,
    };

    static constexpr int PageSize = 1000;

    explicit TagTableModel(QObject* parent = nullptr);
    ~TagTableModel() override;
    Q_DISABLE_COPY_MOVE(TagTableModel)

    // Shows collection of source (empty collection or null source: nothing). Starts loading at once.
    void setCollection(RegistrySource* source, const QString& collection);
    RegistrySource* source() const;
    QString collection() const;
    // Loads every remaining page, one after the other.
    void fetchAll();
    void refresh();
    bool isLoading() const;
    bool isComplete() const;

    TagRecord tagAt(int row) const;
    // The row's record without a copy, for loops over every row (row must be valid).
    const TagRecord& recordAt(int row) const;
    // Every loaded tag (and the image's own list) pointing at the image: the Overview's "tags on this image".
    QStringList tagsOfImage(const TagRecord& tag) const;
    int rowOfKey(const QString& key) const;
    static QString keyOf(const TagRecord& tag);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void loadFailed(const QString& message);
    // A page (or a reload) landed; complete tells whether every row is now loaded.
    void pageLoaded(int rows, bool complete);

private:
    void loadPage();
    void applyPage(const QList<TagRecord>& page, int limit);
    void reload();
    void mergeReload(const QList<TagRecord>& fresh);
    void setLoading(bool loading);
    QVariant displayData(const TagRecord& tag, int column) const;
    QVariant sortData(const TagRecord& tag, int column) const;

    QPointer<RegistrySource> m_source;
    QString m_collection;
    QList<TagRecord> m_rows;
    bool m_loading = false;
    bool m_complete = false;
    bool m_fetchAll = false;
    bool m_reloadPending = false;
    quint64 m_generation = 0;
};

} // namespace sreg
