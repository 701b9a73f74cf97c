#include "GcPreviewDialog.h"

#include "AdminIcons.h"
#include "admin/AdminFormat.h"
#include "admin/GcBlobsModel.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace sreg {

GcPreviewDialog::GcPreviewDialog(const GcReport& report, QWidget* parent)
    : QDialog(parent), m_model(new GcBlobsModel(this)), m_view(new QTableView(this)), m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("gcPreviewDialog"));
    setWindowTitle(tr("Garbage Collection Preview"));
    m_model->setReport(report);
    m_view->setModel(m_model);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->horizontalHeader()->setSectionResizeMode(GcBlobsModel::DigestColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(GcBlobsModel::SizeColumn, QHeaderView::ResizeToContents);
    m_view->verticalHeader()->hide();
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    m_view->setAccessibleName(tr("Blobs garbage collection would delete"));

    const int count = int(report.blobs.size());
    QString summary = count == 0 ? tr("Nothing to reclaim: every stored blob is referenced by an image.")
                                 : tr("%n blob(s) no image references any more, holding %1.", nullptr, count)
                                       .arg(AdminFormat::bytes(report.bytes));
    if (report.abandonedUploads > 0)
        summary += u' '
            + tr("%n upload(s) announced but never completed (over a day old) will be dropped too.", nullptr,
                 report.abandonedUploads);
    if (!report.errors.isEmpty())
        summary += u'\n' + tr("Problems: %1").arg(report.errors.join(QStringLiteral("; ")));
    m_summary->setText(summary);
    m_summary->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_delete = buttons->addButton(tr("Delete %n Blob(s)", nullptr, count), QDialogButtonBox::DestructiveRole);
    m_delete->setIcon(AdminIcons::icon(QStringLiteral("delete"), QStyle::SP_TrashIcon, this));
    m_delete->setEnabled(count > 0 || report.abandonedUploads > 0);
    m_delete->setAutoDefault(false);
    connect(m_delete, &QPushButton::clicked, this, &GcPreviewDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &GcPreviewDialog::reject);

    auto* note = new QLabel(tr("Images pushed while the collection runs are safe: a blob is only deleted if "
                               "nothing references it at that moment."),
                            this);
    note->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    layout->addWidget(note);
    layout->addWidget(buttons);
    resize(640, 420);
}

QString GcPreviewDialog::summary() const
{
    return m_summary->text();
}

} // namespace sreg
