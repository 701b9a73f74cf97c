#pragma once

#include "metadata/Records.h"
#include "registry/ImageService.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

namespace sreg {

class RegistrySource;

// Results of the one search box: collections, containers and images (found by collection, container, tag or
// label) of every searched source, grouped in that order per source as the answers arrive.
class SearchResultsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        KindColumn,
        DetailColumn,
        RegistryColumn,
        ColumnCount
    };
    enum Role
    {
        KindRole = Qt::UserRole + 1, // Kind as int
        SourceRole, // RegistrySource* as QObject*
        CollectionRole, // collection name
        ContainerRole, // container name (containers, images)
        ImageRole, // ImageRecord (images)
    };
    enum class Kind
    {
        Collection,
        Container,
        Image,
    };
    Q_ENUM(Kind)

    explicit SearchResultsModel(QObject* parent = nullptr);
    ~SearchResultsModel() override;
    Q_DISABLE_COPY_MOVE(SearchResultsModel)

    // Replaces the results by those of text in every source that supports search.
    void search(const QList<RegistrySource*>& sources, const QString& text);
    void clear();
    QString text() const;
    bool isSearching() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // Every source answered; count is the number of rows.
    void finished(int count);
    void searchFailed(const QString& message);

private:
    struct Row
    {
        Kind kind = Kind::Collection;
        QPointer<RegistrySource> source;
        CollectionRecord collection;
        ContainerRecord container;
        ImageRecord image;
    };
    void append(RegistrySource* source, const SearchResults& results);
    QString nameOf(const Row& row) const;
    QString detailOf(const Row& row) const;

    QList<Row> m_rows;
    QString m_text;
    quint64 m_generation = 0;
    int m_pending = 0;
};

} // namespace sreg
