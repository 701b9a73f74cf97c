#include "ErrorReplies.h"

#include "JsonReplies.h"

#include <QJsonObject>
#include <httplib.h>

namespace sreg::http {

int ErrorReplies::statusFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument:
    case ErrorCode::InvalidName:
    case ErrorCode::DigestMismatch:
    case ErrorCode::SizeMismatch:
    case ErrorCode::Cancelled:
        return 400;
    case ErrorCode::Unauthenticated:
        return 401;
    case ErrorCode::PermissionDenied:
        return 403;
    case ErrorCode::NotFound:
        return 404;
    case ErrorCode::AlreadyExists:
    case ErrorCode::Frozen:
        return 409;
    case ErrorCode::TooLarge:
    case ErrorCode::QuotaExceeded:
        return 413;
    case ErrorCode::NotSif:
        return 415;
    case ErrorCode::BrokenSif:
        return 422;
    case ErrorCode::Unavailable:
        return 503;
    case ErrorCode::Io:
    case ErrorCode::Internal:
        return 500;
    }
    return 500;
}

void ErrorReplies::library(httplib::Response& res, const Error& error)
{
    library(res, statusFor(error.code()), error.message(), errorCodeName(error.code()));
    if (error.code() == ErrorCode::Unauthenticated)
        res.set_header("WWW-Authenticate", "Bearer");
}

void ErrorReplies::library(httplib::Response& res, int status, const QString& message, const QString& reason)
{
    const QJsonObject error { { QStringLiteral("code"), status },
                              { QStringLiteral("message"), message },
                              { QStringLiteral("reason"), reason } };
    JsonReplies::send(res, status, QJsonObject { { QStringLiteral("error"), error } });
}

void ErrorReplies::native(httplib::Response& res, const Error& error)
{
    const int status = error.code() == ErrorCode::Unauthenticated ? 403 : statusFor(error.code());
    native(res, status, error.message());
}

void ErrorReplies::native(httplib::Response& res, int status, const QString& detail)
{
    JsonReplies::send(res, status, QJsonObject { { QStringLiteral("detail"), detail } });
}

void ErrorReplies::tooManyLibrary(httplib::Response& res, int retryAfterSeconds)
{
    library(res, 429,
            QStringLiteral("too many failed authentication attempts from this address; retry in %1 s")
                .arg(retryAfterSeconds),
            QStringLiteral("rate-limited"));
    res.set_header("Retry-After", std::to_string(retryAfterSeconds));
}

void ErrorReplies::tooManyNative(httplib::Response& res, int retryAfterSeconds)
{
    native(res, 429,
           QStringLiteral("Request was throttled: too many failed authentication attempts. Expected available in %1 "
                          "seconds.")
               .arg(retryAfterSeconds));
    res.set_header("Retry-After", std::to_string(retryAfterSeconds));
}

} // namespace sreg::http
