#pragma once

class QMenu;

namespace sreg {

class MainWindow;
class TaskManager;

// The main window's menu bar (File, Edit, View, Registry, Help) and the Registry menu that the tree's context
// menu shares; kept apart from MainWindow so each stays small. The Registry entries open the administration
// UI through AdminActions.
class MainMenus final
{
public:
    static void build(MainWindow* window, TaskManager* tasks);
    // The Registry menu for the tree's current row (a registry or one of its collections).
    static void fillRegistryMenu(MainWindow* window, QMenu* menu, TaskManager* tasks);
    static void chooseFilesToUpload(MainWindow* window);

private:
    MainMenus() = delete;
    static void buildViewMenu(MainWindow* window, QMenu* menu);
};

} // namespace sreg
