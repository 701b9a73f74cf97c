#include "GuiTestFixture.h"

#include "AppSettings.h"
#include "LocalSource.h"
#include "MainWindow.h"
#include "RegistryTreeModel.h"
#include "TagTableModel.h"
#include "TaskManager.h"
#include "TestSupport.h"
#include "registry/ImageService.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDropEvent>
#include <QTest>

namespace sreg::test {

GuiTestFixture::GuiTestFixture()
{
    AppSettings::setInstance(new AppSettings(m_settingsDir.filePath(QStringLiteral("settings.ini"))));
    m_tasks = std::make_unique<TaskManager>();
    m_source = std::make_unique<LocalSource>(m_temp.shared(), m_tasks.get());
}

GuiTestFixture::~GuiTestFixture()
{
    m_window.reset();
    m_source.reset();
    m_tasks.reset();
    AppSettings::setInstance(nullptr);
}

QString GuiTestFixture::push(const QString& fixtureName, const QString& collection, const QString& container,
                             const QString& tag)
{
    PushRequest request;
    request.collection = collection;
    request.container = container;
    request.tags = { tag };
    Result<ImageRecord> image = m_temp.registry().images().pushFile(Actor::local(), fixture(fixtureName), request);
    return image ? QString() : image.error().message();
}

bool GuiTestFixture::openWindow(const QString& collection)
{
    AppSettings::instance()->setValue(AppSettings::Key::LastCollection, QStringLiteral("local/") + collection);
    m_window = std::make_unique<MainWindow>(m_tasks.get());
    m_window->resize(1200, 800);
    m_window->show();
    m_window->addSource(m_source.get());
    return QTest::qWaitFor(
        [this, collection] {
            return m_window->currentCollection() == collection && m_window->tagModel()->rowCount() > 0;
        },
        10000);
}

void GuiTestFixture::dropOn(QAbstractItemView* view, const QModelIndex& index, QMimeData* mime,
                            Qt::KeyboardModifiers modifiers)
{
    const QPoint position = view->visualRect(index).center();
    QWidget* viewport = view->viewport();
    QDragEnterEvent enter(position, Qt::CopyAction | Qt::MoveAction, mime, Qt::LeftButton, modifiers);
    QApplication::sendEvent(viewport, &enter);
    QDragMoveEvent move(position, Qt::CopyAction | Qt::MoveAction, mime, Qt::LeftButton, modifiers);
    QApplication::sendEvent(viewport, &move);
    QDropEvent drop(QPointF(position), Qt::CopyAction | Qt::MoveAction, mime, Qt::LeftButton, modifiers);
    QApplication::sendEvent(viewport, &drop);
}

} // namespace sreg::test
