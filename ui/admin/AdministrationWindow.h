#pragma once

#include <QPointer>
#include <QWidget>

class QListWidget;
class QStackedWidget;

namespace sreg {

class AdminPage;
class AuditPage;
class CollectionsPage;
class RegistrySource;
class ServePage;
class StoragePage;
class TaskManager;
class TeamsPage;
class TokensPage;
class UsersPage;

// The administration of one registry, a page per concern: collections, users, teams, tokens, storage, audit,
// serve. Pages the source does not support are disabled with the reason as tooltip; each page loads its data
// the first time it is shown.
class AdministrationWindow final : public QWidget
{
    Q_OBJECT

public:
    AdministrationWindow(RegistrySource* source, TaskManager* tasks, QWidget* parent = nullptr);

    RegistrySource* source() const { return m_source; }
    static QStringList pageKeys(); // "collections", "users", "teams", "tokens", "storage", "audit", "serve"
    // Shows the page named key (empty or unknown: the first enabled one). Returns false when it is disabled.
    bool showPage(const QString& key);
    QString currentPageKey() const;
    bool isPageEnabled(const QString& key) const;
    QString pageToolTip(const QString& key) const;

    CollectionsPage* collectionsPage() const { return m_collections; }
    UsersPage* usersPage() const { return m_users; }
    TeamsPage* teamsPage() const { return m_teams; }
    TokensPage* tokensPage() const { return m_tokens; }
    StoragePage* storagePage() const { return m_storage; }
    AuditPage* auditPage() const { return m_audit; }
    ServePage* servePage() const { return m_serve; }

private:
    void addPage(const QString& key, const QString& title, const QIcon& icon, AdminPage* page);
    // Why the page named key cannot be used with this source; empty when it can.
    QString unavailableReason(const QString& key) const;
    void updateAvailability();
    int indexOf(const QString& key) const;

    QPointer<RegistrySource> m_source;
    QListWidget* m_nav;
    QStackedWidget* m_stack;
    CollectionsPage* m_collections;
    UsersPage* m_users;
    TeamsPage* m_teams;
    TokensPage* m_tokens;
    StoragePage* m_storage;
    AuditPage* m_audit;
    ServePage* m_serve;
};

} // namespace sreg
