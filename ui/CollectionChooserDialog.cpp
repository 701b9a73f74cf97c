#include "CollectionChooserDialog.h"

#include "RegistrySource.h"
#include "admin/AdminActions.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>

namespace sreg {

CollectionChooserDialog::CollectionChooserDialog(RegistrySource* source, const QStringList& collections,
                                                 QWidget* parent)
    : QDialog(parent)
    , m_source(source)
    , m_combo(new QComboBox(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Upload to which collection?"));
    auto* layout = new QFormLayout(this);
    auto* intro = new QLabel(tr("Images live in collections. Choose one of %1, or create a new one.")
                                 .arg(source ? source->displayName() : QString()),
                             this);
    intro->setWordWrap(true);
    layout->addRow(intro);
    m_combo->addItems(collections);
    m_combo->setAccessibleName(tr("Collection"));
    layout->addRow(tr("&Collection:"), m_combo);
    auto* create = m_buttons->addButton(tr("&New collection…"), QDialogButtonBox::ActionRole);
    layout->addRow(m_buttons);
    connect(create, &QPushButton::clicked, this, &CollectionChooserDialog::createCollection);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_combo->count() > 0);
}

CollectionChooserDialog::~CollectionChooserDialog() = default;

QString CollectionChooserDialog::collection() const
{
    return m_combo->currentText();
}

void CollectionChooserDialog::setCollection(const QString& name)
{
    if (m_combo->findText(name) < 0)
        m_combo->addItem(name);
    m_combo->setCurrentText(name);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
}

void CollectionChooserDialog::createCollection()
{
    QPointer<CollectionChooserDialog> self(this);
    AdminActions::newCollection(this, m_source, [self](const QString& name) {
        if (self && !name.isEmpty()) {
            self->setCollection(name);
            self->accept();
        }
    });
}

} // namespace sreg
