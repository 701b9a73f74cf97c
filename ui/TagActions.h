#pragma once

#include "metadata/Records.h"

#include <QObject>
#include <QPointer>
#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace sreg {

class RegistrySource;
class TagTableModel;

// The actions on the selected tags — copy the pull command (Ctrl+C), copy the digest, save as .sif, freeze or
// unfreeze, delete (Delete) — shared by the menu bar and the table's context menu. Every action takes the whole
// selection; nothing here waits on the engine.
class TagActions final : public QObject
{
    Q_OBJECT

public:
    using Selection = std::function<QList<TagRecord>()>;

    TagActions(TagTableModel* tags, Selection selection, QWidget* window);
    ~TagActions() override;
    Q_DISABLE_COPY_MOVE(TagActions)

    QAction* copyPullCommand() const;
    QAction* copyDigest() const;
    QAction* saveAs() const;
    QAction* toggleFrozen() const;
    QAction* remove() const;
    void addTo(QMenu* menu) const;
    void updateEnabled();

    // The confirmation text for deleting tags (names them and the bytes that go); public for tests.
    QString deletionSummary(const QList<TagRecord>& tags, qint64* freedBytes = nullptr) const;
    static QString pullCommand(RegistrySource* source, const TagRecord& tag);

public Q_SLOTS:
    void copyPullCommands();
    void copyDigests();
    void saveSelected();
    void toggleFrozenSelected();
    void deleteSelected();

Q_SIGNALS:
    void message(const QString& text);

private:
    QAction* makeAction(const QString& icon, const QString& text, const QKeySequence& shortcut,
                        void (TagActions::*slot)());

    TagTableModel* m_tags;
    Selection m_selection;
    QPointer<QWidget> m_window;
    QAction* m_copyPull;
    QAction* m_copyDigest;
    QAction* m_saveAs;
    QAction* m_freeze;
    QAction* m_delete;
};

} // namespace sreg
