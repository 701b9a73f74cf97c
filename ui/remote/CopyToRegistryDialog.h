#pragma once

#include <QDialog>
#include <QList>

class QComboBox;
class QDialogButtonBox;

namespace sreg {

class RegistrySource;

// "Copy to Registry…" for the selected images: which registry (any other one) and which collection there (an
// existing one, or a new name: it is created).
class CopyToRegistryDialog final : public QDialog
{
    Q_OBJECT

public:
    CopyToRegistryDialog(const QList<RegistrySource*>& targets, const QString& collection, QWidget* parent = nullptr);

    RegistrySource* target() const;
    QString collection() const;

private:
    void loadCollections();

    QList<RegistrySource*> m_targets;
    QComboBox* m_registry;
    QComboBox* m_collection;
    QDialogButtonBox* m_buttons;
};

} // namespace sreg
