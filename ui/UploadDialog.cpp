#include "UploadDialog.h"

#include "Format.h"
#include "UploadPlanModel.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace sreg {

UploadDialog::UploadDialog(const QString& target, const QList<UploadCandidate>& candidates, QWidget* parent)
    : QDialog(parent)
    , m_plan(new UploadPlanModel(this))
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Upload to %1").arg(target));
    resize(820, 420);
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Each file becomes <b>%1/</b><i>container</i>:<i>tag</i>. The names were proposed "
                                "from the file names and labels; double-click one to change it.")
                                 .arg(target.toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_plan->setCandidates(candidates);
    m_table->setModel(m_plan);
    m_table->setAccessibleName(tr("Files to upload"));
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    m_table->horizontalHeader()->setSectionResizeMode(UploadPlanModel::StatusColumn, QHeaderView::Stretch);
    m_table->resizeColumnsToContents();
    layout->addWidget(m_table, 1);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Upload"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_plan, &UploadPlanModel::validityChanged, this, &UploadDialog::updateState);
    connect(m_plan, &QAbstractItemModel::dataChanged, this, &UploadDialog::updateState);
    updateState();
}

UploadDialog::~UploadDialog() = default;

UploadPlanModel* UploadDialog::plan() const
{
    return m_plan;
}

QList<UploadCandidate> UploadDialog::uploads() const
{
    return m_plan->uploads();
}

void UploadDialog::updateState()
{
    qint64 bytes = 0;
    for (const UploadCandidate& c : m_plan->uploads())
        bytes += c.size;
    QString text = tr("%n file(s) to upload", nullptr, m_plan->acceptedCount());
    text += tr(", %1").arg(Format::bytes(bytes));
    if (m_plan->refusedCount() > 0)
        text += u'\n'
            + tr("%n file(s) refused: they are not SIF images the registry can take.", nullptr, m_plan->refusedCount());
    m_summary->setText(text);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_plan->isValid());
}

} // namespace sreg
