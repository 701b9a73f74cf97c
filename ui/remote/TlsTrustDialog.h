#pragma once

#include <QDialog>

namespace sreg {

// Asks the user whether to trust a certificate no CA vouches for (trust on first use): the server's address,
// why the system does not trust it, and its SHA-256 fingerprint, to compare with the one the server's admin
// gives (sregistry-server prints it at start). Cancel is the default. Tests script the answer (setNextAnswer).
class TlsTrustDialog final : public QDialog
{
    Q_OBJECT

public:
    TlsTrustDialog(const QString& server, const QString& reason, const QString& fingerprint, QWidget* parent = nullptr);

    // Shows the dialog (or answers as scripted): true when the user trusts the certificate.
    static bool ask(QWidget* parent, const QString& server, const QString& reason, const QString& fingerprint);
    // The next ask() is not shown and answers this; cleared once used.
    static void setNextAnswer(bool trust);
    static QString lastFingerprint(); // what the last ask() showed, for tests
};

} // namespace sreg
