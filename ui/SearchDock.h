#pragma once

#include <QDockWidget>

class QLabel;
class QTableView;

namespace sreg {

class RegistrySource;
class SearchResultsModel;

// Results of the search box across every registry: collections, containers, and images found by tag or
// label. Activating a result shows it in the main window.
class SearchDock final : public QDockWidget
{
    Q_OBJECT

public:
    explicit SearchDock(QWidget* parent = nullptr);
    ~SearchDock() override;
    Q_DISABLE_COPY_MOVE(SearchDock)

    SearchResultsModel* model() const;
    QTableView* view() const;
    void search(const QList<RegistrySource*>& sources, const QString& text);
    void clear();

Q_SIGNALS:
    // container and tag may be empty (a collection or container result).
    void resultActivated(sreg::RegistrySource* source, const QString& collection, const QString& container,
                         const QString& tag);

private:
    void activate(const QModelIndex& index);
    void updateStatus();

    SearchResultsModel* m_model;
    QTableView* m_view;
    QLabel* m_status;
};

} // namespace sreg
