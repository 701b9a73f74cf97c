#include "SearchResultsModel.h"

#include "Format.h"
#include "Icons.h"
#include "RegistrySource.h"

namespace sreg {

SearchResultsModel::SearchResultsModel(QObject* parent) : QAbstractTableModel(parent) { }

SearchResultsModel::~SearchResultsModel() = default;

void SearchResultsModel::search(const QList<RegistrySource*>& sources, const QString& text)
{
    clear();
    m_text = text.trimmed();
    if (m_text.isEmpty()) {
        Q_EMIT finished(0);
        return;
    }
    const quint64 generation = m_generation;
    SearchQuery query;
    query.text = m_text;
    for (RegistrySource* source : sources) {
        if (!source || !source->supports(RegistrySource::Feature::Search))
            continue;
        ++m_pending;
        QPointer<RegistrySource> guard(source);
        source->search(query, this, [this, generation, guard](Result<SearchResults> result) {
            if (generation != m_generation)
                return;
            --m_pending;
            if (!result)
                Q_EMIT searchFailed(result.error().message());
            else if (guard)
                append(guard, *result);
            if (m_pending == 0)
                Q_EMIT finished(int(m_rows.size()));
        });
    }
    if (m_pending == 0)
        Q_EMIT finished(0);
}

void SearchResultsModel::clear()
{
    ++m_generation;
    m_pending = 0;
    m_text.clear();
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

QString SearchResultsModel::text() const
{
    return m_text;
}

bool SearchResultsModel::isSearching() const
{
    return m_pending > 0;
}

void SearchResultsModel::append(RegistrySource* source, const SearchResults& results)
{
    QList<Row> rows;
    for (const CollectionRecord& c : results.collections)
        rows.append({ Kind::Collection, source, c, {}, {} });
    for (const ContainerRecord& c : results.containers)
        rows.append({ Kind::Container, source, {}, c, {} });
    for (const ImageRecord& i : results.images)
        rows.append({ Kind::Image, source, {}, {}, i });
    if (rows.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    m_rows += rows;
    endInsertRows();
}

int SearchResultsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SearchResultsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SearchResultsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    switch (role) {
    case KindRole:
        return int(row.kind);
    case SourceRole:
        return QVariant::fromValue(static_cast<QObject*>(row.source.data()));
    case CollectionRole:
        switch (row.kind) {
        case Kind::Collection:
            return row.collection.name;
        case Kind::Container:
            return row.container.collection;
        case Kind::Image:
            return row.image.collection;
        }
        return {};
    case ContainerRole:
        if (row.kind == Kind::Container)
            return row.container.name;
        if (row.kind == Kind::Image)
            return row.image.container;
        return {};
    case ImageRole:
        return row.kind == Kind::Image ? QVariant::fromValue(row.image) : QVariant();
    case Qt::DecorationRole:
        if (index.column() != NameColumn)
            return {};
        switch (row.kind) {
        case Kind::Collection:
            return Icons::named(QStringLiteral("collection"));
        case Kind::Container:
            return Icons::named(QStringLiteral("container"));
        case Kind::Image:
            return Icons::named(QStringLiteral("image"));
        }
        return {};
    case Qt::ToolTipRole:
        return row.kind == Kind::Image ? row.image.digest : detailOf(row);
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return nameOf(row);
        case KindColumn:
            return row.kind == Kind::Collection ? tr("Collection")
                : row.kind == Kind::Container   ? tr("Container")
                                                : tr("Image");
        case DetailColumn:
            return detailOf(row);
        case RegistryColumn:
            return row.source ? row.source->displayName() : QString();
        }
        return {};
    default:
        return {};
    }
}

QVariant SearchResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case KindColumn:
        return tr("Kind");
    case DetailColumn:
        return tr("Details");
    case RegistryColumn:
        return tr("Registry");
    default:
        return {};
    }
}

QString SearchResultsModel::nameOf(const Row& row) const
{
    switch (row.kind) {
    case Kind::Collection:
        return row.collection.name;
    case Kind::Container:
        return row.container.collection + u'/' + row.container.name;
    case Kind::Image: {
        const QString tags
            = row.image.tags.isEmpty() ? Format::shortDigest(row.image.digest) : row.image.tags.join(u',');
        return row.image.collection + u'/' + row.image.container + u':' + tags;
    }
    }
    return {};
}

QString SearchResultsModel::detailOf(const Row& row) const
{
    switch (row.kind) {
    case Kind::Collection:
        return tr("%n image(s), %1", nullptr, int(row.collection.imageCount))
            .arg(Format::bytes(row.collection.totalBytes));
    case Kind::Container:
        return tr("%n image(s)", nullptr, int(row.container.imageCount));
    case Kind::Image:
        return tr("%1, %2").arg(row.image.arch, Format::bytes(row.image.size));
    }
    return {};
}

} // namespace sreg
