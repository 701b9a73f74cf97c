#include "Error.h"

namespace sreg {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument:
        return QStringLiteral("invalid-argument");
    case ErrorCode::InvalidName:
        return QStringLiteral("invalid-name");
    case ErrorCode::NotFound:
        return QStringLiteral("not-found");
    case ErrorCode::AlreadyExists:
        return QStringLiteral("already-exists");
    case ErrorCode::Unauthenticated:
        return QStringLiteral("unauthenticated");
    case ErrorCode::PermissionDenied:
        return QStringLiteral("permission-denied");
    case ErrorCode::Frozen:
        return QStringLiteral("frozen");
    case ErrorCode::QuotaExceeded:
        return QStringLiteral("quota-exceeded");
    case ErrorCode::TooLarge:
        return QStringLiteral("too-large");
    case ErrorCode::NotSif:
        return QStringLiteral("not-sif");
    case ErrorCode::BrokenSif:
        return QStringLiteral("broken-sif");
    case ErrorCode::DigestMismatch:
        return QStringLiteral("digest-mismatch");
    case ErrorCode::SizeMismatch:
        return QStringLiteral("size-mismatch");
    case ErrorCode::Io:
        return QStringLiteral("io-error");
    case ErrorCode::Cancelled:
        return QStringLiteral("cancelled");
    case ErrorCode::Unavailable:
        return QStringLiteral("unavailable");
    case ErrorCode::Internal:
        return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

Error::Error(ErrorCode code, QString message)
    : m_code(code)
    , m_message(std::move(message))
{
}

Error Error::prefixed(const QString& context) const
{
    return Error(m_code, context + QStringLiteral(": ") + m_message);
}

} // namespace sreg
