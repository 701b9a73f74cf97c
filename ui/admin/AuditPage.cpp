#include "AuditPage.h"

#include "AdminIcons.h"
#include "AdminTableView.h"
#include "InlineMessage.h"
#include "admin/AuditExporter.h"
#include "admin/AuditModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace sreg {

namespace {

QComboBox* makeSuggestingBox(const QString& accessibleName, const QString& placeholder, QWidget* parent)
{
    auto* box = new QComboBox(parent);
    box->setEditable(true);
    box->setInsertPolicy(QComboBox::NoInsert);
    box->setMinimumContentsLength(12);
    box->setAccessibleName(accessibleName);
    box->lineEdit()->setPlaceholderText(placeholder);
    box->lineEdit()->setClearButtonEnabled(true);
    return box;
}

qint64 startOfDay(const QDate& date)
{
    return QDateTime(date, QTime(0, 0)).toMSecsSinceEpoch();
}

} // namespace

AuditPage::AuditPage(RegistrySource* source, QWidget* parent)
    : AdminPage(source, parent)
    , m_model(new AuditModel(source, this))
    , m_exporter(new AuditExporter(source, this))
    , m_view(new AdminTableView(tr("Audit events"), this))
    , m_actor(makeSuggestingBox(tr("Actor"), tr("any"), this))
    , m_action(makeSuggestingBox(tr("Action"), tr("any"), this))
    , m_outcome(new QComboBox(this))
    , m_text(new QLineEdit(this))
    , m_sinceEnabled(new QCheckBox(tr("&From"), this))
    , m_since(new QDateEdit(QDate::currentDate().addDays(-7), this))
    , m_untilEnabled(new QCheckBox(tr("T&o"), this))
    , m_until(new QDateEdit(QDate::currentDate(), this))
    , m_export(new QPushButton(tr("&Export CSV…"), this))
    , m_count(new QLabel(this))
    , m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("auditPage"));
    m_outcome->addItem(tr("Any outcome"), QString());
    m_outcome->addItem(tr("OK"), QStringLiteral("ok"));
    m_outcome->addItem(tr("Denied"), QStringLiteral("denied"));
    m_outcome->addItem(tr("Failed"), QStringLiteral("failed"));
    m_outcome->setAccessibleName(tr("Outcome"));
    m_text->setPlaceholderText(tr("Object or detail contains…"));
    m_text->setClearButtonEnabled(true);
    m_text->setAccessibleName(tr("Text"));
    for (QDateEdit* edit : { m_since, m_until }) {
        edit->setCalendarPopup(true);
        edit->setEnabled(false);
    }
    m_since->setAccessibleName(tr("From date"));
    m_until->setAccessibleName(tr("To date (inclusive)"));
    m_view->setObjectName(QStringLiteral("auditView"));
    m_view->setModel(m_model);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);

    auto* filters = new QGridLayout;
    filters->addWidget(new QLabel(tr("Actor:"), this), 0, 0);
    filters->addWidget(m_actor, 0, 1);
    filters->addWidget(new QLabel(tr("Action:"), this), 0, 2);
    filters->addWidget(m_action, 0, 3);
    filters->addWidget(m_outcome, 0, 4);
    filters->addWidget(m_text, 1, 0, 1, 4);
    auto* dates = new QHBoxLayout;
    dates->addWidget(m_sinceEnabled);
    dates->addWidget(m_since);
    dates->addWidget(m_untilEnabled);
    dates->addWidget(m_until);
    filters->addLayout(dates, 1, 4);
    filters->setColumnStretch(1, 1);
    filters->setColumnStretch(3, 1);
    // The log grows with every action but is not watched: newer events come with a refresh (also F5).
    auto* refreshButton = new QPushButton(AdminIcons::icon(QStringLiteral("refresh"), QStyle::SP_BrowserReload, this),
                                          tr("&Refresh"), this);
    connect(refreshButton, &QPushButton::clicked, this, &AuditPage::refresh);
    auto* footer = new QHBoxLayout;
    footer->addWidget(m_count, 1);
    footer->addWidget(refreshButton);
    footer->addWidget(m_export);
    pageLayout()->addLayout(filters);
    pageLayout()->addWidget(m_view, 1);
    pageLayout()->addLayout(footer);

    connect(m_debounce, &QTimer::timeout, this, &AuditPage::applyFilter);
    const auto later = [this] {
        m_debounce->start();
    };
    connect(m_actor, &QComboBox::currentTextChanged, this, later);
    connect(m_action, &QComboBox::currentTextChanged, this, later);
    connect(m_text, &QLineEdit::textChanged, this, later);
    connect(m_outcome, &QComboBox::currentIndexChanged, this, &AuditPage::applyFilter);
    connect(m_since, &QDateEdit::dateChanged, this, later);
    connect(m_until, &QDateEdit::dateChanged, this, later);
    connect(m_sinceEnabled, &QCheckBox::toggled, m_since, &QDateEdit::setEnabled);
    connect(m_untilEnabled, &QCheckBox::toggled, m_until, &QDateEdit::setEnabled);
    connect(m_sinceEnabled, &QCheckBox::toggled, this, &AuditPage::applyFilter);
    connect(m_untilEnabled, &QCheckBox::toggled, this, &AuditPage::applyFilter);
    connect(m_export, &QPushButton::clicked, this, &AuditPage::chooseExportFile);
    connect(m_model, &AuditModel::errorOccurred, message(), &InlineMessage::showError);
    connect(m_model, &AuditModel::rowsInserted, this, &AuditPage::updateCount);
    connect(m_model, &AuditModel::modelReset, this, &AuditPage::updateCount);
    connect(m_model, &AuditModel::reloaded, this, &AuditPage::updateSuggestions);
    connect(m_exporter, &AuditExporter::finished, this, [this](int written, const QString& path, const QString& error) {
        m_export->setEnabled(true);
        if (!error.isEmpty())
            return message()->showError(error);
        message()->showMessage(tr("%n event(s) exported to %1.", nullptr, written).arg(QDir::toNativeSeparators(path)),
                               InlineMessage::Kind::Success);
    });
    if (!supports(RegistrySource::Feature::Audit)) {
        m_export->setEnabled(false);
        m_export->setToolTip(source->unsupportedReason(RegistrySource::Feature::Audit));
    }
    updateCount();
}

AuditFilter AuditPage::currentFilter() const
{
    AuditFilter filter;
    filter.actor = m_actor->currentText().trimmed();
    filter.action = m_action->currentText().trimmed();
    filter.outcome = m_outcome->currentData().toString();
    filter.text = m_text->text().trimmed();
    if (m_sinceEnabled->isChecked())
        filter.since = startOfDay(m_since->date());
    if (m_untilEnabled->isChecked())
        filter.until = startOfDay(m_until->date().addDays(1)); // "to" includes that whole day
    return filter;
}

void AuditPage::refresh()
{
    m_debounce->stop();
    m_model->setFilter(currentFilter());
}

void AuditPage::applyFilter()
{
    m_debounce->stop();
    const AuditFilter filter = currentFilter();
    // Before the page is first shown there is nothing to refilter; the first refresh() reads the fields.
    if (!isActivated() || filter == m_model->filter())
        return;
    m_model->setFilter(filter);
}

void AuditPage::updateSuggestions()
{
    // Offer what has been seen so far, without disturbing what the user is typing.
    for (auto [box, values] :
         { std::pair { m_actor, m_model->actorsSeen() }, std::pair { m_action, m_model->actionsSeen() } }) {
        const QString typed = box->currentText();
        QStringList known;
        for (int i = 0; i < box->count(); ++i)
            known << box->itemText(i);
        for (const QString& value : values) {
            if (!known.contains(value))
                known << value;
        }
        known.sort();
        const QSignalBlocker blocker(box);
        box->clear();
        box->addItems(known);
        box->setCurrentText(typed);
    }
}

void AuditPage::updateCount()
{
    const int rows = m_model->rowCount();
    m_count->setText(m_model->hasMore() ? tr("%n event(s) shown; scroll for older ones", nullptr, rows)
                                        : tr("%n event(s)", nullptr, rows));
}

void AuditPage::chooseExportFile()
{
    auto* dialog = new QFileDialog(this, tr("Export Audit Log"), QDir::homePath(), tr("CSV files (*.csv)"));
    dialog->setObjectName(QStringLiteral("auditExportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    dialog->selectFile(QStringLiteral("audit-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate)));
    connect(dialog, &QFileDialog::fileSelected, this, &AuditPage::exportCsv);
    dialog->open();
}

void AuditPage::exportCsv(const QString& path)
{
    if (path.isEmpty() || !m_exporter->start(currentFilter(), path))
        return;
    m_export->setEnabled(false);
    message()->showMessage(tr("Exporting…"));
}

} // namespace sreg
