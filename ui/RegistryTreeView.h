#pragma once

#include "metadata/Records.h"

#include <QTreeView>

namespace sreg {

// The Registries tree. Drops land on a source or a collection row: files (from a file manager) ask for an
// upload, tags (dragged from the tag table) ask for a copy, or a move when Ctrl is held. What a drop means is
// decided by the window (signals), not here.
class RegistryTreeView final : public QTreeView
{
    Q_OBJECT

public:
    explicit RegistryTreeView(QWidget* parent = nullptr);
    ~RegistryTreeView() override;
    Q_DISABLE_COPY_MOVE(RegistryTreeView)

Q_SIGNALS:
    void filesDropped(const QModelIndex& target, const QStringList& paths);
    void tagsDropped(const QModelIndex& target, const QString& sourceId, const QList<sreg::TagRecord>& tags, bool move);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    bool acceptsAt(const QPoint& position, const QMimeData* mime) const;
};

} // namespace sreg
