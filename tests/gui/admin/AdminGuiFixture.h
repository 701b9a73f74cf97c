#pragma once

#include "LocalSource.h"
#include "TaskManager.h"
#include "TempRegistry.h"

#include <QApplication>
#include <QEventLoop>
#include <QTimer>
#include <memory>

namespace sreg {

class AdministrationWindow;

namespace test {

// The real embedded engine behind the administration UI, as the app has it: a temporary registry, a
// TaskManager and a LocalSource. Opens the administration window through AdminActions, like the main window.
class AdminGuiFixture final
{
public:
    AdminGuiFixture();
    ~AdminGuiFixture(); // closes the window first, then the source, the tasks and the registry

    bool isOpen() const { return m_temp.isOpen(); }
    Registry& registry() { return m_temp.registry(); }
    QString dataDir() const { return m_temp.dataDir(); }
    LocalSource* source() const { return m_source.get(); }
    TaskManager* tasks() const { return m_tasks.get(); }

    AdministrationWindow* openAdministration(const QString& page);
    // Pushes a small generated SIF to collection/container:tag through the engine; returns the image.
    ImageRecord push(const QString& collection, const QString& container, const QString& tag, qint64 size,
                     quint64 seed);
    void addUser(const QString& name);

    // The first top-level widget of type T (dialogs opened without a parent land there).
    template<typename T> static T* topLevel()
    {
        for (QWidget* widget : QApplication::topLevelWidgets()) {
            if (auto* found = qobject_cast<T*>(widget); found && found->isVisible())
                return found;
        }
        return nullptr;
    }

    // Lets deleteLater() and queued events run (a closed WA_DeleteOnClose dialog really goes).
    static void settle();

private:
    TempRegistry m_temp;
    std::unique_ptr<TaskManager> m_tasks;
    std::unique_ptr<LocalSource> m_source;
};

} // namespace test
} // namespace sreg
