#include "TokenCreatedDialog.h"

#include "CopyField.h"
#include "InlineMessage.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace sreg {

TokenCreatedDialog::TokenCreatedDialog(const NewToken& token, QWidget* parent)
    : QDialog(parent), m_secret(new CopyField(tr("the token"), false, this))
{
    setObjectName(QStringLiteral("tokenCreatedDialog"));
    setWindowTitle(tr("Token Created"));
    auto* warning = new InlineMessage(this);
    warning->showMessage(tr("Copy the token now. This is the only time it is shown: the registry keeps only a hash "
                            "of it. If it is lost, revoke it and create another."),
                         InlineMessage::Kind::Warning);
    auto* intro = new QLabel(tr("Token <b>%1</b> for %2 (%3):")
                                 .arg(token.token.name.toHtmlEscaped(), token.token.userName.toHtmlEscaped(),
                                      QLocale().createSeparatedList(token.token.scopes)),
                             this);
    m_secret->setText(token.secret);
    auto* usage = new QLabel(tr("Use it with <tt>apptainer remote login</tt>, or as "
                                "<tt>SREGISTRY_REGISTRY_TOKEN</tt> in <tt>~/.sregistry</tt>."),
                             this);
    usage->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setText(tr("I Have Copied It"));
    connect(buttons, &QDialogButtonBox::rejected, this, &TokenCreatedDialog::accept);
    connect(m_secret, &CopyField::copied, this,
            [warning] { warning->showMessage(tr("Copied to the clipboard."), InlineMessage::Kind::Success); });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(warning);
    layout->addWidget(intro);
    layout->addWidget(m_secret);
    layout->addWidget(usage);
    layout->addWidget(buttons);
    resize(qMax(sizeHint().width(), 560), sizeHint().height());
}

void TokenCreatedDialog::done(int result)
{
    // Nothing of the secret outlives the dialog (it may be kept around until deleteLater runs).
    m_secret->setText(QString());
    QDialog::done(result);
}

} // namespace sreg
