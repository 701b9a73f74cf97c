#include "CopyToRegistryDialog.h"

#include "RegistrySource.h"
#include "common/Names.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QPushButton>

namespace sreg {

CopyToRegistryDialog::CopyToRegistryDialog(const QList<RegistrySource*>& targets, const QString& collection,
                                           QWidget* parent)
    : QDialog(parent)
    , m_targets(targets)
    , m_registry(new QComboBox(this))
    , m_collection(new QComboBox(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Copy to Registry"));
    for (RegistrySource* target : std::as_const(m_targets))
        m_registry->addItem(target->displayName());
    m_collection->setEditable(true);
    m_collection->setCurrentText(collection);
    auto* form = new QFormLayout(this);
    form->addRow(tr("&Registry:"), m_registry);
    form->addRow(tr("&Collection:"), m_collection);
    form->addRow(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Copy"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_registry, &QComboBox::currentIndexChanged, this, &CopyToRegistryDialog::loadCollections);
    connect(m_collection, &QComboBox::currentTextChanged, this, [this](const QString& text) {
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(Names::isValid(text.trimmed()));
    });
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(Names::isValid(collection));
    loadCollections();
}

RegistrySource* CopyToRegistryDialog::target() const
{
    return m_targets.value(m_registry->currentIndex(), nullptr);
}

QString CopyToRegistryDialog::collection() const
{
    return m_collection->currentText().trimmed();
}

void CopyToRegistryDialog::loadCollections()
{
    RegistrySource* source = target();
    if (!source)
        return;
    const QString current = m_collection->currentText();
    m_collection->clear();
    m_collection->setCurrentText(current);
    source->collections({}, this, [this, source, current](Result<QList<CollectionRecord>> collections) {
        if (!collections || target() != source)
            return;
        for (const CollectionRecord& record : *collections)
            m_collection->addItem(record.name);
        m_collection->setCurrentText(current);
    });
}

} // namespace sreg
