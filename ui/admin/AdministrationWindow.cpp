#include "AdministrationWindow.h"

#include "AdminIcons.h"
#include "AuditPage.h"
#include "CollectionsPage.h"
#include "LocalSource.h"
#include "ServePage.h"
#include "StoragePage.h"
#include "TeamsPage.h"
#include "TokensPage.h"
#include "UsersPage.h"
#include "admin/ServeController.h"

#include <QHBoxLayout>
#include <QKeySequence>
#include <QListWidget>
#include <QShortcut>
#include <QStackedWidget>
#include <QStyle>

namespace sreg {

namespace {

constexpr int KeyRole = Qt::UserRole + 1;

ServeController* serveControllerFor(RegistrySource* source)
{
    // Only the embedded registry can be served from the app; the controller lives with the source, so serving
    // survives this window.
    auto* local = qobject_cast<LocalSource*>(source);
    if (!local || !local->supports(RegistrySource::Feature::Serve))
        return nullptr;
    return ServeController::forRegistry(local, local->registry());
}

} // namespace

AdministrationWindow::AdministrationWindow(RegistrySource* source, TaskManager* tasks, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_source(source)
    , m_nav(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_collections(new CollectionsPage(source, this))
    , m_users(new UsersPage(source, this))
    , m_teams(new TeamsPage(source, this))
    , m_tokens(new TokensPage(source, this))
    , m_storage(new StoragePage(source, tasks, this))
    , m_audit(new AuditPage(source, this))
    , m_serve(new ServePage(source, serveControllerFor(source), this))
{
    using Feature = RegistrySource::Feature;
    setObjectName(QStringLiteral("administrationWindow"));
    setWindowTitle(tr("Administration — %1").arg(source->displayName()));
    m_nav->setObjectName(QStringLiteral("administrationPages"));
    m_nav->setAccessibleName(tr("Administration pages"));
    m_nav->setIconSize(QSize(24, 24));
    m_nav->setMaximumWidth(200);
    m_nav->setSelectionMode(QAbstractItemView::SingleSelection);

    const auto reason = [source](Feature feature) {
        return source->unsupportedReason(feature);
    };
    QStyle* s = style();
    addPage(QStringLiteral("collections"), tr("Collections"),
            AdminIcons::icon(QStringLiteral("collection"), QStyle::SP_DirIcon, this), m_collections, true, {});
    addPage(QStringLiteral("users"), tr("Users"), s->standardIcon(QStyle::SP_DirHomeIcon), m_users,
            source->supports(Feature::Users), reason(Feature::Users));
    addPage(QStringLiteral("teams"), tr("Teams"), s->standardIcon(QStyle::SP_FileDialogDetailedView), m_teams,
            source->supports(Feature::Teams), reason(Feature::Teams));
    addPage(QStringLiteral("tokens"), tr("Tokens"), s->standardIcon(QStyle::SP_DialogApplyButton), m_tokens,
            source->supports(Feature::Tokens), reason(Feature::Tokens));
    addPage(QStringLiteral("storage"), tr("Storage"), s->standardIcon(QStyle::SP_DriveHDIcon), m_storage,
            source->supports(Feature::Storage), reason(Feature::Storage));
    addPage(QStringLiteral("audit"), tr("Audit Log"), s->standardIcon(QStyle::SP_FileDialogContentsView), m_audit,
            source->supports(Feature::Audit), reason(Feature::Audit));
    const bool canServe = m_serve->controller() != nullptr;
    addPage(QStringLiteral("serve"), tr("Serve"),
            AdminIcons::icon(QStringLiteral("server"), QStyle::SP_DriveNetIcon, this), m_serve, canServe,
            canServe ? QString()
                     : (source->supports(Feature::Serve) ? tr("Only the registry on this computer can be served")
                                                         : reason(Feature::Serve)));

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(m_nav);
    layout->addWidget(m_stack, 1);
    connect(m_nav, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    auto* refresh = new QShortcut(QKeySequence::Refresh, this);
    connect(refresh, &QShortcut::activated, this, [this] {
        if (auto* page = qobject_cast<AdminPage*>(m_stack->currentWidget()); page && page->isEnabled())
            page->refresh();
    });
    resize(980, 640);
    showPage({});
}

void AdministrationWindow::addPage(const QString& key, const QString& title, const QIcon& icon, AdminPage* page,
                                   bool enabled, const QString& reason)
{
    auto* item = new QListWidgetItem(icon, title, m_nav);
    item->setData(KeyRole, key);
    if (!enabled) {
        item->setFlags(item->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsSelectable));
        item->setToolTip(reason);
        page->setEnabled(false);
    }
    m_stack->addWidget(page);
}

QStringList AdministrationWindow::pageKeys()
{
    return { QStringLiteral("collections"), QStringLiteral("users"), QStringLiteral("teams"), QStringLiteral("tokens"),
             QStringLiteral("storage"),     QStringLiteral("audit"), QStringLiteral("serve") };
}

int AdministrationWindow::indexOf(const QString& key) const
{
    for (int i = 0; i < m_nav->count(); ++i) {
        if (m_nav->item(i)->data(KeyRole).toString() == key)
            return i;
    }
    return -1;
}

bool AdministrationWindow::isPageEnabled(const QString& key) const
{
    const int index = indexOf(key);
    return index >= 0 && (m_nav->item(index)->flags() & Qt::ItemIsEnabled);
}

QString AdministrationWindow::pageToolTip(const QString& key) const
{
    const int index = indexOf(key);
    return index >= 0 ? m_nav->item(index)->toolTip() : QString();
}

bool AdministrationWindow::showPage(const QString& key)
{
    int index = indexOf(key);
    if (index >= 0 && !isPageEnabled(key))
        return false;
    if (index < 0) {
        for (int i = 0; i < m_nav->count() && index < 0; ++i) {
            if (m_nav->item(i)->flags() & Qt::ItemIsEnabled)
                index = i;
        }
    }
    if (index < 0)
        return false;
    m_nav->setCurrentRow(index);
    m_stack->setCurrentIndex(index);
    return true;
}

QString AdministrationWindow::currentPageKey() const
{
    QListWidgetItem* item = m_nav->currentItem();
    return item ? item->data(KeyRole).toString() : QString();
}

} // namespace sreg
