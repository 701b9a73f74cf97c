#pragma once

// CONTRACT between the main window (browse/transfer UI) and the administration UI. The main window calls
// these from its menus and context menus; the administration UI implements them.

#include <QString>

#include <functional>

class QWidget;

namespace sreg {

class RegistrySource;
class TaskManager;

namespace AdminActions {

// The administration window of a registry, on one of its pages: "collections", "users", "teams", "tokens",
// "storage", "audit", "serve" (empty: the first page). Pages a source does not support are disabled with the
// reason as tooltip.
void openAdministration(QWidget* parent, RegistrySource* source, TaskManager* tasks, const QString& page = {});
// Description, privacy, contributors' push right, quota and members of one collection.
void openCollectionSettings(QWidget* parent, RegistrySource* source, const QString& collection);
// Asks for name, description and privacy; calls created(name) after the collection exists.
void newCollection(QWidget* parent, RegistrySource* source, std::function<void(const QString&)> created = {});
// Confirms (naming the containers, images and bytes that go) and deletes.
void deleteCollection(QWidget* parent, RegistrySource* source, const QString& collection);

} // namespace AdminActions
} // namespace sreg
