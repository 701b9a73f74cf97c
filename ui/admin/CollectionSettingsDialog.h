#pragma once

#include "metadata/Records.h"
#include "registry/CollectionService.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTabWidget;

namespace sreg {

class InlineMessage;
class MembersEditor;
class QuotaEdit;
class RegistrySource;

// One collection's settings: description, privacy, whether contributors may push, quota (General tab), and
// its owners and contributors (Members tab). Save applies what changed on the General tab; member changes
// apply at once. What the source cannot do is disabled, with its reason as tooltip.
class CollectionSettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    CollectionSettingsDialog(RegistrySource* source, const QString& collection, QWidget* parent = nullptr);

    QString collection() const { return m_name; }
    bool isLoaded() const { return m_loaded; }
    QLineEdit* descriptionEdit() const { return m_description; }
    QCheckBox* privateBox() const { return m_private; }
    QCheckBox* contributorsPushBox() const { return m_contributorsPush; }
    QuotaEdit* quotaEdit() const { return m_quota; }
    MembersEditor* membersEditor() const { return m_members; }
    QTabWidget* tabs() const { return m_tabs; }
    InlineMessage* message() const { return m_message; }

public Q_SLOTS:
    void save();

Q_SIGNALS:
    void loaded();
    void saved(const sreg::CollectionRecord& record);

private:
    void load();
    void display(const CollectionRecord& record);
    CollectionUpdate changes() const;
    void updateButtons();

    RegistrySource* m_source;
    QString m_name;
    CollectionRecord m_record;
    bool m_loaded = false;
    bool m_busy = false;
    InlineMessage* m_message;
    QTabWidget* m_tabs;
    QLineEdit* m_description;
    QCheckBox* m_private;
    QCheckBox* m_contributorsPush;
    QuotaEdit* m_quota;
    QLabel* m_usage;
    MembersEditor* m_members;
    QDialogButtonBox* m_buttons;
};

} // namespace sreg
