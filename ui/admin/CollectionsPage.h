#pragma once

#include "AdminPage.h"

class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;

namespace sreg {

class AdminCollectionsModel;
class AdminTableView;

// Every collection with its visibility, size and quota: create, open settings, delete.
class CollectionsPage final : public AdminPage
{
    Q_OBJECT

public:
    CollectionsPage(RegistrySource* source, QWidget* parent = nullptr);

    AdminCollectionsModel* model() const { return m_model; }
    AdminTableView* view() const { return m_view; }
    QPushButton* newButton() const { return m_new; }
    QPushButton* settingsButton() const { return m_settings; }
    QPushButton* deleteButton() const { return m_delete; }
    QString selectedCollection() const;
    void selectCollection(const QString& name);

public Q_SLOTS:
    void refresh() override;
    void newCollection();
    void openSettings();
    void deleteSelected();

private:
    void updateButtons();

    AdminCollectionsModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QLineEdit* m_filter;
    AdminTableView* m_view;
    QPushButton* m_new;
    QPushButton* m_settings;
    QPushButton* m_delete;
};

} // namespace sreg
