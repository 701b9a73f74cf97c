#pragma once

#include <QDialog>

namespace sreg {

// Shows one file of an image: as text when it is text, else as a hex dump of its start.
class FileViewerDialog final : public QDialog
{
    Q_OBJECT

public:
    static constexpr qint64 MaxBytes = 2 * 1024 * 1024;

    FileViewerDialog(const QString& path, const QByteArray& bytes, QWidget* parent = nullptr);
    ~FileViewerDialog() override;
    Q_DISABLE_COPY_MOVE(FileViewerDialog)

    static bool looksLikeText(const QByteArray& bytes);
};

} // namespace sreg
