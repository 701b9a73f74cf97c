#pragma once

#include "admin/ClientCommands.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace sreg {

class CopyField;

// The commands to copy onto a client machine for the registry being served: apptainer's remote set-up,
// pull and push, and the sregistry client's ~/.sregistry.
class ClientCommandsPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit ClientCommandsPanel(QWidget* parent = nullptr);

    // url empty: nothing is served, the panel says so.
    void setServer(const QString& url, bool tls, bool selfSigned);
    void setUsers(const QStringList& users);

    CopyField* remoteAddField() const { return m_remoteAdd; }
    CopyField* remoteLoginField() const { return m_remoteLogin; }
    CopyField* pullField() const { return m_pull; }
    CopyField* pushField() const { return m_push; }
    CopyField* sregistryField() const { return m_sregistry; }
    QLineEdit* remoteNameEdit() const { return m_remoteName; }
    QComboBox* userBox() const { return m_user; }

private:
    void update();

    ClientCommands::Target m_target;
    QLineEdit* m_remoteName;
    QComboBox* m_user;
    QLabel* m_note;
    CopyField* m_remoteAdd;
    CopyField* m_remoteLogin;
    CopyField* m_pull;
    CopyField* m_push;
    CopyField* m_sregistry;
    QWidget* m_commands;
};

} // namespace sreg
