#include "TlsTrustDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <optional>

namespace sreg {

namespace {

std::optional<bool> nextAnswer;
QString shownFingerprint;

// "AB:CD:…" in four lines of eight bytes: easier to compare by eye than one long line.
QString grouped(const QString& fingerprint)
{
    const QStringList bytes = fingerprint.split(u':');
    QStringList lines;
    for (int i = 0; i < bytes.size(); i += 8)
        lines.append(bytes.mid(i, 8).join(u':'));
    return lines.join(u'\n');
}

} // namespace

TlsTrustDialog::TlsTrustDialog(const QString& server, const QString& reason, const QString& fingerprint,
                               QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Unknown certificate"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("<p><b>%1</b> presents a certificate that this computer does not trust (%2).</p>"
                                "<p>Trust it only if its SHA-256 fingerprint is the one the server's administrator "
                                "gave you. It will be remembered for this connection, and a different certificate "
                                "will be refused.</p>")
                                 .arg(server.toHtmlEscaped(), reason.toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* print = new QLabel(grouped(fingerprint), this);
    print->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    print->setTextInteractionFlags(Qt::TextSelectableByMouse);
    print->setAccessibleName(tr("SHA-256 fingerprint"));
    layout->addWidget(print);
    auto* buttons = new QDialogButtonBox(this);
    QPushButton* trust = buttons->addButton(tr("&Trust This Certificate"), QDialogButtonBox::AcceptRole);
    QPushButton* copy = buttons->addButton(tr("&Copy Fingerprint"), QDialogButtonBox::ActionRole);
    QPushButton* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setDefault(true);
    trust->setAutoDefault(false);
    connect(copy, &QPushButton::clicked, this, [fingerprint] { QApplication::clipboard()->setText(fingerprint); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

bool TlsTrustDialog::ask(QWidget* parent, const QString& server, const QString& reason, const QString& fingerprint)
{
    shownFingerprint = fingerprint;
    if (nextAnswer) {
        const bool answer = *nextAnswer;
        nextAnswer.reset();
        return answer;
    }
    TlsTrustDialog dialog(server, reason, fingerprint, parent);
    return dialog.exec() == QDialog::Accepted;
}

void TlsTrustDialog::setNextAnswer(bool trust)
{
    nextAnswer = trust;
}

QString TlsTrustDialog::lastFingerprint()
{
    return shownFingerprint;
}

} // namespace sreg
