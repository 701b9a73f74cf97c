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
#include <QHash>
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
    setObjectName(QStringLiteral("administrationWindow"));
    setWindowTitle(tr("Administration — %1").arg(source->displayName()));
    m_nav->setObjectName(QStringLiteral("administrationPages"));
    m_nav->setAccessibleName(tr("Administration pages"));
    m_nav->setIconSize(QSize(24, 24));
    m_nav->setMaximumWidth(200);
    m_nav->setSelectionMode(QAbstractItemView::SingleSelection);

    QStyle* s = style();
    addPage(QStringLiteral("collections"), tr("Collections"),
            AdminIcons::icon(QStringLiteral("collection"), QStyle::SP_DirIcon, this), m_collections);
    addPage(QStringLiteral("users"), tr("Users"), s->standardIcon(QStyle::SP_DirHomeIcon), m_users);
    addPage(QStringLiteral("teams"), tr("Teams"), s->standardIcon(QStyle::SP_FileDialogDetailedView), m_teams);
    addPage(QStringLiteral("tokens"), tr("Tokens"), s->standardIcon(QStyle::SP_DialogApplyButton), m_tokens);
    addPage(QStringLiteral("storage"), tr("Storage"), s->standardIcon(QStyle::SP_DriveHDIcon), m_storage);
    addPage(QStringLiteral("audit"), tr("Audit Log"), s->standardIcon(QStyle::SP_FileDialogContentsView), m_audit);
    addPage(QStringLiteral("serve"), tr("Serve"),
            AdminIcons::icon(QStringLiteral("server"), QStyle::SP_DriveNetIcon, this), m_serve);
    updateAvailability();

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

void AdministrationWindow::addPage(const QString& key, const QString& title, const QIcon& icon, AdminPage* page)
{
    auto* item = new QListWidgetItem(icon, title, m_nav);
    item->setData(KeyRole, key);
    m_stack->addWidget(page);
}

QString AdministrationWindow::unavailableReason(const QString& key) const
{
    using Feature = RegistrySource::Feature;
    static const QHash<QString, Feature> features {
        { QStringLiteral("users"), Feature::Users },   { QStringLiteral("teams"), Feature::Teams },
        { QStringLiteral("tokens"), Feature::Tokens }, { QStringLiteral("storage"), Feature::Storage },
        { QStringLiteral("audit"), Feature::Audit },   { QStringLiteral("serve"), Feature::Serve },
    };
    if (!m_source)
        return tr("The registry is gone");
    const auto feature = features.constFind(key);
    if (feature == features.constEnd()) // the collections list is browsing, which every source does
        return {};
    if (!m_source->supports(*feature))
        return m_source->unsupportedReason(*feature);
    if (key == u"serve" && !m_serve->controller())
        return tr("Only the registry on this computer can be served from here");
    return {};
}

void AdministrationWindow::updateAvailability()
{
    for (int i = 0; i < m_nav->count(); ++i) {
        QListWidgetItem* item = m_nav->item(i);
        const QString reason = unavailableReason(item->data(KeyRole).toString());
        const Qt::ItemFlags usable = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
        item->setFlags(reason.isEmpty() ? item->flags() | usable : item->flags() & ~usable);
        item->setToolTip(reason);
        m_stack->widget(i)->setEnabled(reason.isEmpty());
    }
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
    // A remote source learns what it can do once it has probed its server: ask again whenever a page is asked for.
    updateAvailability();
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
