#pragma once

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QLineEdit;
class QSplitter;
class QTimer;

namespace sreg {

class DetailPane;
class DragExporter;
class DropController;
class RegistrySource;
class RegistryTreeModel;
class RegistryTreeView;
class SearchDock;
class TagActions;
class TagFilterProxyModel;
class TagTableModel;
class TagTableView;
class TaskManager;
class TasksDock;
struct TagRecord;

// The main window: registries on the left, the tags of the selected collection in the centre, the selected
// image's details below them, the Tasks and Search Results docks. It owns no engine: everything goes through
// the RegistrySource of the selected row, and every answer arrives asynchronously.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(TaskManager* tasks, QWidget* parent = nullptr);
    ~MainWindow() override;
    Q_DISABLE_COPY_MOVE(MainWindow)

    // Adds a registry to the tree; the first one added is opened and its last (or first) collection shown.
    void addSource(RegistrySource* source);
    // Shows a collection (and, once loaded, selects container:tag when given).
    void showCollection(RegistrySource* source, const QString& collection, const QString& container = {},
                        const QString& tag = {});
    // Files given on the command line or by a second launch: asks which collection, then uploads.
    void uploadFiles(const QStringList& paths);

    // F5: reloads the registries' collections and the shown tags.
    void refresh();
    void focusSearch();

    RegistrySource* currentSource() const;
    QString currentCollection() const;

    // For tests and benchmarks.
    RegistryTreeModel* registries() const;
    RegistryTreeView* treeView() const;
    TagTableModel* tagModel() const;
    TagFilterProxyModel* tagProxy() const;
    TagTableView* tagView() const;
    DetailPane* detailPane() const;
    TasksDock* tasksDock() const;
    SearchDock* searchDock() const;
    QLineEdit* searchBox() const;
    DropController* drops() const;
    TagActions* tagActions() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildLayout();
    void buildMenus();
    void buildToolBar();
    void restoreSettings();
    void saveSettings();
    void currentTreeRowChanged(const QModelIndex& current);
    void currentTagChanged();
    void selectInitialCollection();
    // showCollection() of a collection its source had not listed yet: opened when the tree shows it.
    void showRequestedCollection();
    void selectPending();
    void runSearch();
    void showTreeMenu(const QPoint& position);
    void showTableMenu(const QPoint& position);
    void chooseFilesToUpload();
    void updateTableStatus();
    void showMessage(const QString& text);

    TaskManager* m_tasks;
    RegistryTreeModel* m_registries;
    RegistryTreeView* m_tree;
    TagTableModel* m_tags;
    TagFilterProxyModel* m_proxy;
    TagTableView* m_table;
    DetailPane* m_detail;
    QSplitter* m_mainSplitter;
    QSplitter* m_detailSplitter;
    TasksDock* m_tasksDock;
    SearchDock* m_searchDock;
    QLineEdit* m_search;
    QTimer* m_searchTimer;
    QLabel* m_tableStatus;
    QLabel* m_taskSummary;
    DragExporter* m_exporter;
    DropController* m_drops;
    TagActions* m_tagActions;
    QPointer<RegistrySource> m_firstSource;
    QString m_pendingCollection; // shown once its source has loaded
    QString m_pendingKey; // "container:tag" to select once loaded
    QPointer<RegistrySource> m_requestedSource; // showCollection() waiting for its row
    QString m_requestedCollection;
    bool m_initialSelected = false;
};

} // namespace sreg
