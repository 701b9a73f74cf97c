#include "MainWindow.h"

#include "AppSettings.h"
#include "DetailPane.h"
#include "DragExporter.h"
#include "DropController.h"
#include "MainMenus.h"
#include "RegistrySource.h"
#include "RegistryTreeModel.h"
#include "RegistryTreeView.h"
#include "SearchDock.h"
#include "TagActions.h"
#include "TagFilterProxyModel.h"
#include "TagTableModel.h"
#include "TagTableView.h"
#include "TaskManager.h"
#include "TasksDock.h"

#include <QCloseEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>

namespace sreg {

MainWindow::MainWindow(TaskManager* tasks, QWidget* parent)
    : QMainWindow(parent)
    , m_tasks(tasks)
    , m_registries(new RegistryTreeModel(this))
    , m_tree(new RegistryTreeView(this))
    , m_tags(new TagTableModel(this))
    , m_proxy(new TagFilterProxyModel(this))
    , m_table(new TagTableView(this))
    , m_detail(new DetailPane(this))
    , m_mainSplitter(new QSplitter(Qt::Horizontal, this))
    , m_detailSplitter(new QSplitter(Qt::Vertical, this))
    , m_tasksDock(new TasksDock(tasks, this))
    , m_searchDock(new SearchDock(this))
    , m_search(new QLineEdit(this))
    , m_searchTimer(new QTimer(this))
    , m_tableStatus(new QLabel(this))
    , m_taskSummary(new QLabel(this))
    , m_exporter(new DragExporter(this))
    , m_drops(new DropController(m_registries, this))
    , m_tagActions(new TagActions(
          m_tags, [this] { return m_table->selectedTags(); }, this))
{
    setWindowTitle(tr("Singularity Registry"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/sregistry-desktop.svg")));
    setAcceptDrops(false); // drops belong to the tree and the table, which know where they go
    buildLayout();
    buildToolBar();
    MainMenus::build(this, m_tasks);
    restoreSettings();

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { currentTreeRowChanged(current); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::currentTagChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::currentTagChanged);
    // The first collections to arrive may be the one to open: no need to wait for the whole list.
    connect(m_registries, &QAbstractItemModel::rowsInserted, this, &MainWindow::selectInitialCollection);
    connect(m_registries, &RegistryTreeModel::sourceLoaded, this, &MainWindow::selectInitialCollection);
    connect(m_registries, &QAbstractItemModel::rowsInserted, this, &MainWindow::showRequestedCollection);
    connect(m_registries, &RegistryTreeModel::sourceLoaded, this, &MainWindow::showRequestedCollection);
    connect(m_registries, &RegistryTreeModel::loadFailed, this, [this](RegistrySource*, const QString& message) {
        showMessage(tr("Cannot list collections: %1").arg(message));
    });
    connect(m_tags, &TagTableModel::pageLoaded, this, [this] {
        updateTableStatus();
        selectPending();
    });
    connect(m_tags, &TagTableModel::loadFailed, this, [this](const QString& message) { showMessage(message); });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateTableStatus);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateTableStatus);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MainWindow::updateTableStatus);
    connect(m_tree, &RegistryTreeView::filesDropped, this, [this](const QModelIndex& target, const QStringList& paths) {
        m_drops->dropFiles(m_registries->sourceAt(target), m_registries->collectionAt(target), paths);
    });
    connect(m_tree, &RegistryTreeView::tagsDropped, this,
            [this](const QModelIndex& target, const QString& sourceId, const QList<TagRecord>& tags, bool move) {
                m_drops->dropTags(m_registries->sourceAt(target), m_registries->collectionAt(target), sourceId, tags,
                                  move);
            });
    connect(m_table, &TagTableView::filesDropped, this,
            [this](const QStringList& paths) { m_drops->dropFiles(currentSource(), currentCollection(), paths); });
    connect(m_table, &TagTableView::message, this, &MainWindow::showMessage);
    connect(m_table, &QWidget::customContextMenuRequested, this, &MainWindow::showTableMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &MainWindow::showTreeMenu);
    connect(m_drops, &DropController::message, this, &MainWindow::showMessage);
    connect(m_drops, &DropController::uploadsStarted, this, [this](const QList<Task*>& tasks) {
        if (!tasks.isEmpty())
            m_tasksDock->show();
    });
    connect(m_tagActions, &TagActions::message, this, &MainWindow::showMessage);
    connect(m_detail, &DetailPane::message, this, &MainWindow::showMessage);
    connect(m_exporter, &DragExporter::message, this, &MainWindow::showMessage);
    connect(m_tasks, &TaskManager::summaryChanged, m_taskSummary, &QLabel::setText);
    connect(m_searchTimer, &QTimer::timeout, this, &MainWindow::runSearch);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchDock, &SearchDock::resultActivated, this, &MainWindow::showCollection);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildLayout()
{
    m_tree->setModel(m_registries);
    m_tree->setAccessibleName(tr("Registries and collections"));
    m_tree->setUniformRowHeights(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(RegistryTreeModel::NameColumn, QHeaderView::Stretch);
    // A few dozen rows at most: measuring them keeps the numbers whole and leaves the names the rest.
    m_tree->header()->setSectionResizeMode(RegistryTreeModel::ImagesColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(RegistryTreeModel::SizeColumn, QHeaderView::ResizeToContents);
    m_proxy->setSourceModel(m_tags);
    m_table->setModel(m_proxy);
    m_table->setAccessibleName(tr("Containers and tags"));
    m_table->sortByColumn(-1, Qt::AscendingOrder); // load order until the user picks a column
    m_table->setDragContext(nullptr, m_exporter);
    const int widths[] = { 170, 100, 70, 85, 150, 55, 55, 150, 80 };
    for (int column = 0; column < TagTableModel::ColumnCount; ++column)
        m_table->horizontalHeader()->resizeSection(column, widths[column]);
    m_detailSplitter->addWidget(m_table);
    m_detailSplitter->addWidget(m_detail);
    m_detailSplitter->setStretchFactor(0, 3);
    m_detailSplitter->setStretchFactor(1, 2);
    m_detailSplitter->setSizes({ 380, 320 });
    m_mainSplitter->addWidget(m_tree);
    m_mainSplitter->addWidget(m_detailSplitter);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setSizes({ 280, 920 });
    setCentralWidget(m_mainSplitter);
    addDockWidget(Qt::BottomDockWidgetArea, m_tasksDock);
    resizeDocks({ m_tasksDock }, { 130 }, Qt::Vertical);
    addDockWidget(Qt::RightDockWidgetArea, m_searchDock);
    m_searchDock->hide();
    statusBar()->addPermanentWidget(m_tableStatus);
    statusBar()->addPermanentWidget(m_taskSummary);
    // Typing pauses of a quarter second start a search; every keystroke would query every registry.
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(250);
}

void MainWindow::buildToolBar()
{
    auto* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("MainToolBar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto* upload = toolbar->addAction(QIcon(QStringLiteral(":/icons/upload.svg")), tr("Upload…"));
    upload->setToolTip(tr("Upload .sif files to the selected collection (or drop them on it)"));
    connect(upload, &QAction::triggered, this, &MainWindow::chooseFilesToUpload);
    toolbar->addAction(m_tagActions->saveAs());
    toolbar->addAction(m_tagActions->remove());
    toolbar->addSeparator();
    auto* spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    m_search->setPlaceholderText(tr("Search collections, containers, tags, labels (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(320);
    m_search->addAction(QIcon(QStringLiteral(":/icons/search.svg")), QLineEdit::LeadingPosition);
    toolbar->addWidget(m_search);
    // The tag shortcuts (Ctrl+C, Delete, Ctrl+S) act on the table only, so text fields keep theirs.
    for (QAction* action : { m_tagActions->copyPullCommand(), m_tagActions->copyDigest(), m_tagActions->saveAs(),
                             m_tagActions->toggleFrozen(), m_tagActions->remove() })
        m_table->addAction(action);
}

void MainWindow::addSource(RegistrySource* source)
{
    m_registries->addSource(source);
    const QModelIndex index = m_registries->indexOfSource(source);
    if (m_firstSource) {
        m_tree->expand(index);
        return;
    }
    m_firstSource = source;
    const QString last = AppSettings::instance()->value(AppSettings::Key::LastCollection).toString();
    const QString prefix = source->id() + u'/';
    m_pendingCollection = last.startsWith(prefix) ? last.mid(prefix.size()) : QString();
    m_tree->setCurrentIndex(index);
    // The last collection's tags load at once, alongside the list of collections rather than after it.
    if (!m_pendingCollection.isEmpty()) {
        m_table->setDragContext(source, m_exporter);
        m_tags->setCollection(source, m_pendingCollection);
    }
    m_tree->expand(index); // fetches its collections
}

void MainWindow::selectInitialCollection()
{
    RegistrySource* source = m_firstSource;
    if (!source || m_initialSelected)
        return;
    const QModelIndex sourceIndex = m_registries->indexOfSource(source);
    if (m_tree->currentIndex().isValid() && m_tree->currentIndex() != sourceIndex) {
        m_initialSelected = true; // the user already went somewhere
        return;
    }
    QModelIndex target = m_registries->indexOfCollection(source, m_pendingCollection);
    const bool complete = m_registries->isLoaded(source);
    // The remembered collection may be in a later page; without one, the first collection will do.
    if (!target.isValid() && (m_pendingCollection.isEmpty() || complete) && m_registries->rowCount(sourceIndex) > 0)
        target = m_registries->index(0, 0, sourceIndex);
    if (!target.isValid()) {
        m_initialSelected = complete;
        return;
    }
    m_initialSelected = true;
    m_pendingCollection.clear();
    m_tree->expand(sourceIndex);
    m_tree->setCurrentIndex(target);
}

void MainWindow::showCollection(RegistrySource* source, const QString& collection, const QString& container,
                                const QString& tag)
{
    m_pendingKey = container.isEmpty() ? QString() : container + u':' + tag;
    const QModelIndex sourceIndex = m_registries->indexOfSource(source);
    m_tree->expand(sourceIndex);
    const QModelIndex target = m_registries->indexOfCollection(source, collection);
    m_requestedSource = target.isValid() ? nullptr : source;
    m_requestedCollection = target.isValid() ? QString() : collection;
    if (target.isValid()) {
        if (m_tree->currentIndex() == target)
            selectPending();
        else
            m_tree->setCurrentIndex(target);
    }
    // The search text filters the table; a result names exactly what to show, so the filter makes way.
    m_proxy->setFilterText(container);
    m_table->setFocus();
}

void MainWindow::showRequestedCollection()
{
    if (!m_requestedSource || m_requestedCollection.isEmpty())
        return;
    const QModelIndex target = m_registries->indexOfCollection(m_requestedSource, m_requestedCollection);
    if (!target.isValid()) {
        if (m_registries->isLoaded(m_requestedSource)) // listed completely, and it is not there: give up
            m_requestedSource = nullptr;
        return;
    }
    m_requestedSource = nullptr;
    m_requestedCollection.clear();
    m_tree->setCurrentIndex(target);
}

void MainWindow::currentTreeRowChanged(const QModelIndex& current)
{
    m_requestedSource = nullptr; // the user went somewhere: a collection still loading no longer takes over
    RegistrySource* source = m_registries->sourceAt(current);
    const QString collection = m_registries->collectionAt(current);
    m_table->setDragContext(source, m_exporter);
    // Already shown (opened at start before the tree listed it): keep the rows that are there.
    if (source != m_tags->source() || collection != m_tags->collection()) {
        m_tags->setCollection(source, collection);
        m_detail->clear();
    }
    m_tagActions->updateEnabled();
    setWindowTitle(collection.isEmpty() ? tr("Singularity Registry") : tr("%1 — Singularity Registry").arg(collection));
    if (source && !collection.isEmpty())
        AppSettings::instance()->setValue(AppSettings::Key::LastCollection, source->id() + u'/' + collection);
    updateTableStatus();
}

void MainWindow::currentTagChanged()
{
    m_tagActions->updateEnabled();
    const QModelIndex current = m_table->currentIndex();
    const QList<TagRecord> selected = m_table->selectedTags();
    if (!current.isValid() || selected.isEmpty()) {
        m_detail->clear();
        return;
    }
    const TagRecord tag = current.data(TagTableModel::RecordRole).value<TagRecord>();
    m_detail->setTag(m_tags->source(), tag, m_tags->tagsOfImage(tag));
}

void MainWindow::selectPending()
{
    if (m_pendingKey.isEmpty())
        return;
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        const TagRecord tag = index.data(TagTableModel::RecordRole).value<TagRecord>();
        const QString key = tag.container + u':' + tag.name;
        if (key == m_pendingKey || (m_pendingKey.endsWith(u':') && key.startsWith(m_pendingKey))) {
            m_pendingKey.clear();
            m_table->selectionModel()->setCurrentIndex(index,
                                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            m_table->scrollTo(index);
            return;
        }
    }
    if (m_tags->isComplete())
        m_pendingKey.clear();
    else
        m_tags->fetchMore({});
}

void MainWindow::runSearch()
{
    const QString text = m_search->text().trimmed();
    m_proxy->setFilterText(text);
    if (text.isEmpty()) {
        m_searchDock->clear();
        m_searchDock->hide();
        return;
    }
    m_searchDock->show();
    m_searchDock->search(m_registries->sources(), text);
}

void MainWindow::uploadFiles(const QStringList& paths)
{
    if (paths.isEmpty())
        return;
    RegistrySource* source = currentSource() ? currentSource() : m_firstSource.data();
    raise();
    activateWindow();
    m_drops->dropFiles(source, currentSource() == source ? currentCollection() : QString(), paths);
}

void MainWindow::chooseFilesToUpload()
{
    MainMenus::chooseFilesToUpload(this);
}

void MainWindow::refresh()
{
    if (RegistrySource* source = currentSource())
        m_registries->refresh(source);
    m_tags->refresh();
    showMessage(tr("Refreshed"));
}

void MainWindow::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void MainWindow::showTreeMenu(const QPoint& position)
{
    const QModelIndex index = m_tree->indexAt(position);
    if (!index.isValid())
        return;
    m_tree->setCurrentIndex(index);
    QMenu menu(this);
    MainMenus::fillRegistryMenu(this, &menu, m_tasks);
    menu.exec(m_tree->viewport()->mapToGlobal(position));
}

void MainWindow::showTableMenu(const QPoint& position)
{
    if (m_table->selectedTags().isEmpty())
        return;
    QMenu menu(this);
    m_tagActions->addTo(&menu);
    menu.exec(m_table->viewport()->mapToGlobal(position));
}

void MainWindow::updateTableStatus()
{
    if (!m_tags->source() || m_tags->collection().isEmpty()) {
        m_tableStatus->clear();
        return;
    }
    const int loaded = m_tags->rowCount();
    const int shown = m_proxy->rowCount();
    QString text = m_tags->isComplete() ? tr("%n tag(s)", nullptr, loaded)
                                        : tr("%n tag(s) loaded, more as you scroll", nullptr, loaded);
    if (shown != loaded)
        text = tr("%1 shown of %2").arg(shown).arg(text);
    m_tableStatus->setText(text);
}

void MainWindow::showMessage(const QString& text)
{
    statusBar()->showMessage(text, 8000);
}

RegistrySource* MainWindow::currentSource() const
{
    return m_registries->sourceAt(m_tree->currentIndex());
}

QString MainWindow::currentCollection() const
{
    return m_registries->collectionAt(m_tree->currentIndex());
}

void MainWindow::restoreSettings()
{
    AppSettings* s = AppSettings::instance();
    if (!restoreGeometry(s->value(AppSettings::Key::MainWindowGeometry).toByteArray()))
        resize(1280, 800);
    restoreState(s->value(AppSettings::Key::MainWindowState).toByteArray());
    m_mainSplitter->restoreState(s->value(AppSettings::Key::MainSplitterState).toByteArray());
    m_detailSplitter->restoreState(s->value(AppSettings::Key::DetailSplitterState).toByteArray());
    m_tree->header()->restoreState(s->value(AppSettings::Key::TreeHeaderState).toByteArray());
    m_table->horizontalHeader()->restoreState(s->value(AppSettings::Key::TagHeaderState).toByteArray());
    m_tasksDock->view()->header()->restoreState(s->value(AppSettings::Key::TasksHeaderState).toByteArray());
    m_searchDock->view()->horizontalHeader()->restoreState(s->value(AppSettings::Key::SearchHeaderState).toByteArray());
    m_detail->setVisible(s->value(AppSettings::Key::ShowDetailPane).toBool());
    m_searchDock->hide(); // results of a previous session are gone
}

void MainWindow::saveSettings()
{
    AppSettings* s = AppSettings::instance();
    s->setValue(AppSettings::Key::MainWindowGeometry, saveGeometry());
    s->setValue(AppSettings::Key::MainWindowState, saveState());
    s->setValue(AppSettings::Key::MainSplitterState, m_mainSplitter->saveState());
    s->setValue(AppSettings::Key::DetailSplitterState, m_detailSplitter->saveState());
    s->setValue(AppSettings::Key::TreeHeaderState, m_tree->header()->saveState());
    s->setValue(AppSettings::Key::TagHeaderState, m_table->horizontalHeader()->saveState());
    s->setValue(AppSettings::Key::TasksHeaderState, m_tasksDock->view()->header()->saveState());
    s->setValue(AppSettings::Key::SearchHeaderState, m_searchDock->view()->horizontalHeader()->saveState());
    s->setValue(AppSettings::Key::ShowDetailPane, m_detail->isVisibleTo(this));
    s->sync();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

RegistryTreeModel* MainWindow::registries() const
{
    return m_registries;
}
RegistryTreeView* MainWindow::treeView() const
{
    return m_tree;
}
TagTableModel* MainWindow::tagModel() const
{
    return m_tags;
}
TagFilterProxyModel* MainWindow::tagProxy() const
{
    return m_proxy;
}
TagTableView* MainWindow::tagView() const
{
    return m_table;
}
DetailPane* MainWindow::detailPane() const
{
    return m_detail;
}
TasksDock* MainWindow::tasksDock() const
{
    return m_tasksDock;
}
SearchDock* MainWindow::searchDock() const
{
    return m_searchDock;
}
QLineEdit* MainWindow::searchBox() const
{
    return m_search;
}
DropController* MainWindow::drops() const
{
    return m_drops;
}
TagActions* MainWindow::tagActions() const
{
    return m_tagActions;
}

} // namespace sreg
