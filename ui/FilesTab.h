#pragma once

#include "metadata/Records.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeView;

namespace sreg {

class RegistrySource;
class SquashfsTreeModel;

// The image's root file system as a tree, read lazily (nothing is opened until the tab is shown, and each
// directory is listed when expanded). A regular file can be viewed as text or saved to disk.
class FilesTab final : public QWidget
{
    Q_OBJECT

public:
    explicit FilesTab(QWidget* parent = nullptr);
    ~FilesTab() override;
    Q_DISABLE_COPY_MOVE(FilesTab)

    // Remembers the image; opens it only when the tab is visible.
    void setImage(RegistrySource* source, const ImageRecord& image);
    void clear();
    SquashfsTreeModel* model() const;

Q_SIGNALS:
    void message(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void openIfNeeded();
    void updateButtons();
    void viewCurrent();
    void saveCurrent();
    void updateStatus();

    SquashfsTreeModel* m_model;
    QTreeView* m_tree;
    QLabel* m_status;
    QPushButton* m_view;
    QPushButton* m_save;
    QPointer<RegistrySource> m_source;
    ImageRecord m_image;
    bool m_opened = false;
};

} // namespace sreg
