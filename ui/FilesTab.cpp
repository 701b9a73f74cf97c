#include "FilesTab.h"

#include "AppSettings.h"
#include "FileViewerDialog.h"
#include "MessageBox.h"
#include "RegistrySource.h"
#include "SquashfsTreeModel.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace sreg {

FilesTab::FilesTab(QWidget* parent)
    : QWidget(parent)
    , m_model(new SquashfsTreeModel(this))
    , m_tree(new QTreeView(this))
    , m_status(new QLabel(this))
    , m_view(new QPushButton(tr("&View"), this))
    , m_save(new QPushButton(tr("&Save as…"), this))
{
    auto* layout = new QVBoxLayout(this);
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAccessibleName(tr("Files of the image"));
    m_tree->header()->setSectionResizeMode(SquashfsTreeModel::NameColumn, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    layout->addWidget(m_tree, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_view);
    buttons->addWidget(m_save);
    layout->addLayout(buttons);
    m_status->setWordWrap(true);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &FilesTab::updateButtons);
    connect(m_tree, &QTreeView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.data(SquashfsTreeModel::IsFileRole).toBool())
            viewCurrent();
    });
    connect(m_view, &QPushButton::clicked, this, &FilesTab::viewCurrent);
    connect(m_save, &QPushButton::clicked, this, &FilesTab::saveCurrent);
    connect(m_model, &SquashfsTreeModel::stateChanged, this, &FilesTab::updateStatus);
    updateButtons();
}

FilesTab::~FilesTab() = default;

void FilesTab::setImage(RegistrySource* source, const ImageRecord& image)
{
    if (m_source == source && m_image.digest == image.digest && m_opened)
        return;
    m_source = source;
    m_image = image;
    m_opened = false;
    m_model->clear();
    updateStatus();
    if (isVisible())
        openIfNeeded();
}

void FilesTab::clear()
{
    m_source = nullptr;
    m_image = {};
    m_opened = false;
    m_model->clear();
    updateStatus();
}

SquashfsTreeModel* FilesTab::model() const
{
    return m_model;
}

void FilesTab::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    openIfNeeded();
}

void FilesTab::openIfNeeded()
{
    if (m_opened || !m_source || m_image.digest.isEmpty())
        return;
    m_opened = true;
    m_model->setImage(m_source, m_image);
}

void FilesTab::updateButtons()
{
    const bool isFile = m_tree->currentIndex().data(SquashfsTreeModel::IsFileRole).toBool();
    m_view->setEnabled(isFile);
    m_save->setEnabled(isFile);
}

void FilesTab::updateStatus()
{
    switch (m_model->state()) {
    case SquashfsTreeModel::State::Empty:
        m_status->clear();
        break;
    case SquashfsTreeModel::State::Opening:
        m_status->setText(tr("Reading the image's file system…"));
        break;
    case SquashfsTreeModel::State::Ready:
        m_status->setText(m_model->errorMessage());
        break;
    case SquashfsTreeModel::State::Failed:
        m_status->setText(tr("The files cannot be shown: %1").arg(m_model->errorMessage()));
        break;
    }
    updateButtons();
}

void FilesTab::viewCurrent()
{
    const QModelIndex index = m_tree->currentIndex().siblingAtColumn(0);
    if (!index.data(SquashfsTreeModel::IsFileRole).toBool())
        return;
    const QString path = index.data(SquashfsTreeModel::PathRole).toString();
    QPointer<FilesTab> self(this);
    m_model->readFile(index, FileViewerDialog::MaxBytes + 1, [self, path](Result<QByteArray> bytes) {
        if (!self)
            return;
        if (!bytes) {
            MessageBox::warning(self, tr("Cannot show %1").arg(path), bytes.error().message());
            return;
        }
        auto* viewer = new FileViewerDialog(path, *bytes, self);
        viewer->setAttribute(Qt::WA_DeleteOnClose);
        viewer->show();
    });
}

void FilesTab::saveCurrent()
{
    const QModelIndex index = m_tree->currentIndex().siblingAtColumn(0);
    if (!index.data(SquashfsTreeModel::IsFileRole).toBool())
        return;
    AppSettings* settings = AppSettings::instance();
    const QString folder = settings->value(AppSettings::Key::LastSaveFolder).toString();
    // The name comes from the image: only its last component, never a path, goes into the proposal.
    const QString name = QFileInfo(index.data(SquashfsTreeModel::PathRole).toString()).fileName();
    const QString target = QFileDialog::getSaveFileName(
        this, tr("Save file"), QDir(folder.isEmpty() ? QDir::homePath() : folder).filePath(name));
    if (target.isEmpty())
        return;
    settings->setValue(AppSettings::Key::LastSaveFolder, QFileInfo(target).absolutePath());
    QPointer<FilesTab> self(this);
    m_model->saveFile(index, target, [self, target](Status status) {
        if (!self)
            return;
        if (!status)
            MessageBox::warning(self, tr("Cannot save %1").arg(target), status.error().message());
        else
            Q_EMIT self->message(tr("Saved %1").arg(target));
    });
}

} // namespace sreg
