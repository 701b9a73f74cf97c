#pragma once

#include "remote/RemoteConnectionSettings.h"
#include "remote/RemoteConnection.h"
#include "remote/RemoteInfo.h"

#include <QDialog>
#include <QFutureWatcher>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace sreg {

// "Add Registry…": URL, user name and token; Connect finds out what is on the other side (our server, an
// sregistry server) and lists what it supports, asking first whether to trust a certificate no CA vouches for.
// OK is possible once a connection worked. The token never leaves the dialog except through token().
class AddRegistryDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit AddRegistryDialog(QWidget* parent = nullptr);
    ~AddRegistryDialog() override;

    // What to remember (no token) and the token, once connect() succeeded.
    RemoteConnectionSettings settings() const;
    QString token() const;
    bool isConnected() const { return m_connected; }

    // For tests: the fields, and a probe started from code.
    void setFields(const QString& url, const QString& token, const QString& user = {}, const QString& name = {});
    QString statusText() const;

public Q_SLOTS:
    void connectToServer();

Q_SIGNALS:
    // A probe finished (successfully or not).
    void probed(bool connected);

private:
    struct Probe
    {
        std::optional<remote::RemoteInfo> info;
        QString error;
        int verdict = 0; // CertificatePolicy::Verdict
        QString fingerprint;
        QString certificateReason;
    };
    static Probe run(const remote::RemoteConnection& connection);
    void probeFinished();
    void showConnected(const remote::RemoteInfo& info);
    void setStatus(const QString& html);
    void fieldsChanged();

    QLineEdit* m_name;
    QLineEdit* m_url;
    QLineEdit* m_user;
    QLineEdit* m_token;
    QPushButton* m_connect;
    QLabel* m_status;
    QDialogButtonBox* m_buttons;
    QFutureWatcher<Probe> m_watcher;
    QString m_fingerprint; // trusted by the user in this dialog
    remote::RemoteInfo m_info;
    bool m_connected = false;
};

} // namespace sreg
