#include "TokenFile.h"

#include <QFile>
#include <sys/stat.h>

namespace sreg::remote {

Result<QString> TokenFile::read(const QString& path)
{
    struct stat info {};
    const QByteArray native = QFile::encodeName(path);
    if (::stat(native.constData(), &info) != 0)
        return Error(ErrorCode::NotFound, QStringLiteral("cannot read the token file %1").arg(path));
    if (!S_ISREG(info.st_mode))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the token file %1 is not a regular file").arg(path));
    if (info.st_mode & (S_IRWXG | S_IRWXO))
        return Error(ErrorCode::PermissionDenied,
                     QStringLiteral("the token file %1 may be read by other users (mode %2); run chmod 600 %1")
                         .arg(path)
                         .arg(QString::number(info.st_mode & 0777, 8).rightJustified(4, u'0')));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, QStringLiteral("cannot open the token file %1").arg(path));
    const QByteArray bytes = file.read(4097);
    if (bytes.size() > 4096)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the token file %1 is too large to hold a token").arg(path));
    const QString token = QString::fromUtf8(bytes).trimmed();
    if (token.isEmpty() || token.contains(u'\n') || token.contains(u' '))
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("the token file %1 must hold the token alone, on one line").arg(path));
    return token;
}

} // namespace sreg::remote
