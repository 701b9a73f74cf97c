#pragma once

#include <QString>

namespace sreg {

// One code per kind of refusal, so that every entry point (CLI, HTTP, GUI) can map a failure to its own
// exit status, HTTP status or dialog without parsing messages.
enum class ErrorCode
{
    InvalidArgument, // a malformed request or option
    InvalidName, // a collection, container or tag name that breaks the naming rule
    NotFound,
    AlreadyExists,
    Unauthenticated, // no or bad credentials
    PermissionDenied, // authenticated, but not allowed
    Frozen, // the tag is frozen and cannot move or be deleted
    QuotaExceeded,
    TooLarge, // over a configured size limit
    NotSif, // the bytes are not a SIF at all
    BrokenSif, // a SIF that fails validation
    DigestMismatch, // the bytes do not hash to the announced digest
    SizeMismatch, // the bytes are not as many as announced
    Io, // disk or network I/O failed
    Cancelled,
    Unavailable, // a backing service (database, object store) is unreachable
    Internal,
};

// The stable, machine-readable name of a code ("not-found"); used in JSON error bodies and logs.
QString errorCodeName(ErrorCode code);

class Error final
{
public:
    Error(ErrorCode code, QString message);

    ErrorCode code() const { return m_code; }
    const QString& message() const { return m_message; }
    // "message" prefixed with context, e.g. Error(Io, "disk full").prefixed("writing blob") -> "writing blob: disk full"
    Error prefixed(const QString& context) const;

private:
    ErrorCode m_code;
    QString m_message;
};

} // namespace sreg
