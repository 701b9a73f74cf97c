#pragma once

// Test helper: the real main window over a temporary registry, with temporary settings.

#include "TempRegistry.h"

#include <QMimeData>
#include <QTemporaryDir>
#include <memory>

class QAbstractItemView;

namespace sreg {
class LocalSource;
class MainWindow;
class TaskManager;
} // namespace sreg

namespace sreg::test {

class GuiTestFixture final
{
public:
    GuiTestFixture();
    ~GuiTestFixture();

    // Seeds through the engine (no event loop needed); empty on success, else the error.
    QString push(const QString& fixtureName, const QString& collection, const QString& container, const QString& tag);
    // Opens the window and waits until the collection's tags are shown.
    bool openWindow(const QString& collection = QStringLiteral("lab"));
    // Sends enter, move and drop to the view's viewport at the centre of index (the row's first cell).
    static void dropOn(QAbstractItemView* view, const QModelIndex& index, QMimeData* mime,
                       Qt::KeyboardModifiers modifiers = Qt::NoModifier);

    TempRegistry& temp() { return m_temp; }
    MainWindow* window() { return m_window.get(); }
    LocalSource* source() { return m_source.get(); }
    TaskManager* tasks() { return m_tasks.get(); }
    QString scratch(const QString& name) const { return m_scratch.filePath(name); }

private:
    QTemporaryDir m_settingsDir;
    QTemporaryDir m_scratch;
    TempRegistry m_temp;
    std::unique_ptr<TaskManager> m_tasks;
    std::unique_ptr<LocalSource> m_source;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace sreg::test
