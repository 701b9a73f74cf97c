#pragma once

#include "metadata/Records.h"

#include <QTableView>

namespace sreg {

class DragExporter;
class RegistrySource;

// The tag table. Rows drag out (to another collection, or to a file manager as .sif files through the
// DragExporter); files dropped anywhere on the table go to the shown collection.
class TagTableView final : public QTableView
{
    Q_OBJECT

public:
    explicit TagTableView(QWidget* parent = nullptr);
    ~TagTableView() override;
    Q_DISABLE_COPY_MOVE(TagTableView)

    void setDragContext(RegistrySource* source, DragExporter* exporter);
    // The tags of the selected rows, in view order.
    QList<TagRecord> selectedTags() const;

Q_SIGNALS:
    void filesDropped(const QStringList& paths);
    void message(const QString& text);

protected:
    void startDrag(Qt::DropActions supportedActions) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    RegistrySource* m_source = nullptr;
    DragExporter* m_exporter = nullptr;
};

} // namespace sreg
