#include "FileViewerDialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStringDecoder>
#include <QVBoxLayout>

namespace sreg {

FileViewerDialog::FileViewerDialog(const QString& path, const QByteArray& bytes, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(path);
    resize(720, 520);
    auto* layout = new QVBoxLayout(this);
    auto* text = new QPlainTextEdit(this);
    text->setReadOnly(true);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    text->setAccessibleName(tr("Content of %1").arg(path));
    const bool truncated = bytes.size() > MaxBytes;
    const QByteArray shown = truncated ? bytes.left(MaxBytes) : bytes;
    if (looksLikeText(shown)) {
        text->setPlainText(QString::fromUtf8(shown));
    } else {
        // A hex dump of the first 64 KiB says what kind of file it is; the rest is better saved and opened.
        const QByteArray head = shown.left(64 * 1024);
        QString dump;
        for (qsizetype offset = 0; offset < head.size(); offset += 16) {
            const QByteArray line = head.mid(offset, 16);
            QString ascii;
            for (char c : line)
                ascii.append(c >= 0x20 && c < 0x7f ? QChar(c) : QChar(u'.'));
            dump += QStringLiteral("%1  %2  %3\n")
                        .arg(offset, 8, 16, QChar(u'0'))
                        .arg(QString::fromLatin1(line.toHex(' ')), -47)
                        .arg(ascii);
        }
        text->setPlainText(dump);
    }
    layout->addWidget(text, 1);
    if (truncated || !looksLikeText(shown)) {
        auto* note = new QLabel(truncated ? tr("Only the beginning is shown. Save the file to see all of it.")
                                          : tr("A binary file: its first bytes are shown in hexadecimal."),
                                this);
        layout->addWidget(note);
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

FileViewerDialog::~FileViewerDialog() = default;

bool FileViewerDialog::looksLikeText(const QByteArray& bytes)
{
    if (bytes.contains('\0'))
        return false;
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(bytes.left(64 * 1024));
    // A UTF-8 sequence cut at the 64 KiB boundary is not an error worth calling the file binary.
    return !decoder.hasError() || bytes.size() > 64 * 1024;
}

} // namespace sreg
