#include "RemoteErrors.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace sreg::remote {

ErrorCode RemoteErrors::codeForStatus(int status)
{
    switch (status) {
    case 400:
    case 405:
    case 422:
        return ErrorCode::InvalidArgument;
    case 401:
        return ErrorCode::Unauthenticated;
    case 403:
        return ErrorCode::PermissionDenied;
    case 404:
        return ErrorCode::NotFound;
    case 409:
        return ErrorCode::AlreadyExists;
    case 413:
        return ErrorCode::TooLarge;
    case 415:
        return ErrorCode::NotSif;
    case 429:
    case 502:
    case 503:
    case 504:
        return ErrorCode::Unavailable;
    default:
        return status >= 500 ? ErrorCode::Internal : ErrorCode::InvalidArgument;
    }
}

std::optional<ErrorCode> RemoteErrors::codeForName(const QString& name)
{
    for (int code = int(ErrorCode::InvalidArgument); code <= int(ErrorCode::Internal); ++code) {
        if (errorCodeName(ErrorCode(code)) == name)
            return ErrorCode(code);
    }
    return std::nullopt;
}

Error RemoteErrors::fromReply(const RemoteReply& reply, const QString& what)
{
    ErrorCode code = codeForStatus(reply.status);
    QString message;
    const QJsonObject body = QJsonDocument::fromJson(reply.body).object();
    const QJsonObject error = body.value(QStringLiteral("error")).toObject();
    if (!error.isEmpty()) {
        message = error.value(QStringLiteral("message")).toString();
        if (const std::optional<ErrorCode> named = codeForName(error.value(QStringLiteral("reason")).toString()))
            code = *named;
    } else if (body.value(QStringLiteral("detail")).isString()) {
        message = body.value(QStringLiteral("detail")).toString();
    }
    if (message.isEmpty())
        message = QStringLiteral("HTTP %1").arg(reply.status);
    else
        message = QStringLiteral("%1 (HTTP %2)").arg(message.left(500)).arg(reply.status);
    return Error(code, what.isEmpty() ? message : what + QStringLiteral(": ") + message);
}

Error RemoteErrors::unsupported(const QString& what, const QString& why)
{
    return Error(ErrorCode::InvalidArgument, QStringLiteral("%1: %2").arg(what, why));
}

} // namespace sreg::remote
