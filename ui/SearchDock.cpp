#include "SearchDock.h"

#include "RegistrySource.h"
#include "SearchResultsModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace sreg {

SearchDock::SearchDock(QWidget* parent)
    : QDockWidget(tr("Search Results"), parent)
    , m_model(new SearchResultsModel(this))
    , m_view(new QTableView(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("SearchDock"));
    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_status);
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Search results"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->horizontalHeader()->setSectionResizeMode(SearchResultsModel::NameColumn, QHeaderView::Stretch);
    layout->addWidget(m_view, 1);
    setWidget(content);
    connect(m_view, &QTableView::activated, this, &SearchDock::activate);
    connect(m_model, &SearchResultsModel::finished, this, &SearchDock::updateStatus);
    connect(m_model, &SearchResultsModel::searchFailed, m_status, &QLabel::setText);
}

SearchDock::~SearchDock() = default;

SearchResultsModel* SearchDock::model() const
{
    return m_model;
}

QTableView* SearchDock::view() const
{
    return m_view;
}

void SearchDock::search(const QList<RegistrySource*>& sources, const QString& text)
{
    m_status->setText(tr("Searching for “%1”…").arg(text));
    m_model->search(sources, text);
}

void SearchDock::clear()
{
    m_model->clear();
    m_status->clear();
}

void SearchDock::updateStatus()
{
    if (m_model->text().isEmpty())
        m_status->clear();
    else if (m_model->rowCount() == 0)
        m_status->setText(tr("Nothing matches “%1” in collections, containers, tags or labels.").arg(m_model->text()));
    else
        m_status->setText(tr("%n result(s) for “%1”", nullptr, m_model->rowCount()).arg(m_model->text()));
}

void SearchDock::activate(const QModelIndex& index)
{
    if (!index.isValid())
        return;
    auto* source = qobject_cast<RegistrySource*>(index.data(SearchResultsModel::SourceRole).value<QObject*>());
    if (!source)
        return;
    const QString collection = index.data(SearchResultsModel::CollectionRole).toString();
    const QString container = index.data(SearchResultsModel::ContainerRole).toString();
    QString tag;
    if (SearchResultsModel::Kind(index.data(SearchResultsModel::KindRole).toInt()) == SearchResultsModel::Kind::Image) {
        const ImageRecord image = index.data(SearchResultsModel::ImageRole).value<ImageRecord>();
        tag = image.tags.value(0);
    }
    Q_EMIT resultActivated(source, collection, container, tag);
}

} // namespace sreg
