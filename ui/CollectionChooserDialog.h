#pragma once

#include <QDialog>

class QComboBox;
class QDialogButtonBox;

namespace sreg {

class RegistrySource;

// Asked when files are dropped on a registry rather than on one of its collections: pick an existing
// collection, or create one (the administration UI's New collection dialog).
class CollectionChooserDialog final : public QDialog
{
    Q_OBJECT

public:
    CollectionChooserDialog(RegistrySource* source, const QStringList& collections, QWidget* parent = nullptr);
    ~CollectionChooserDialog() override;
    Q_DISABLE_COPY_MOVE(CollectionChooserDialog)

    QString collection() const;
    void setCollection(const QString& name);

private:
    void createCollection();

    RegistrySource* m_source;
    QComboBox* m_combo;
    QDialogButtonBox* m_buttons;
};

} // namespace sreg
