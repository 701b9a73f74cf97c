#include "AdminGuiFixture.h"

#include "SifBuilder.h"
#include "admin/AdminActions.h"
#include "admin/AdministrationWindow.h"
#include "registry/AccountService.h"
#include "registry/ImageService.h"

#include <QTemporaryDir>
#include <QTest>

namespace sreg::test {

AdminGuiFixture::AdminGuiFixture() : m_tasks(std::make_unique<TaskManager>())
{
    if (m_temp.isOpen())
        m_source = std::make_unique<LocalSource>(m_temp.shared(), m_tasks.get());
}

AdminGuiFixture::~AdminGuiFixture()
{
    for (QWidget* widget : QApplication::topLevelWidgets())
        widget->close();
    settle();
    m_source.reset();
    m_tasks.reset();
}

void AdminGuiFixture::settle()
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCoreApplication::processEvents();
}

AdministrationWindow* AdminGuiFixture::openAdministration(const QString& page)
{
    AdminActions::openAdministration(nullptr, m_source.get(), m_tasks.get(), page);
    auto* window = topLevel<AdministrationWindow>();
    if (window && !QTest::qWaitForWindowExposed(window))
        return nullptr;
    return window;
}

ImageRecord AdminGuiFixture::push(const QString& collection, const QString& container, const QString& tag, qint64 size,
                                  quint64 seed)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("image.sif"));
    if (!makeSif(path, size, seed).ok())
        return {};
    PushRequest request;
    request.collection = collection;
    request.container = container;
    request.tags = { tag };
    Result<ImageRecord> image = registry().images().pushFile(Actor::local(), path, request);
    return image ? image.value() : ImageRecord {};
}

void AdminGuiFixture::addUser(const QString& name)
{
    (void)registry().accounts().addUser(Actor::local(), name);
}

} // namespace sreg::test
