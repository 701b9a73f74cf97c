#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>
#include <functional>
#include <optional>

namespace sreg::http {

// An incremental multipart/form-data (RFC 7578) parser: bytes go in as they arrive, in chunks of any size, and
// each part's body comes out through callbacks as soon as it cannot be the start of a boundary. A file part
// therefore streams straight into a PushSession; only the current chunk and a boundary-sized tail are held.
//
// We parse it ourselves rather than through cpp-httplib's form reader so that limits (parts, header sizes) and
// failures are ours, specific, and tested, and so the same code serves any ByteSource in tests.
class MultipartFormParser final
{
public:
    struct PartHeaders
    {
        QString name; // Content-Disposition name
        QString filename; // Content-Disposition filename; empty for plain fields
        QString contentType;
    };
    struct Callbacks
    {
        std::function<Status(const PartHeaders&)> begin;
        std::function<Status(const char* data, qint64 size)> data;
        std::function<Status()> end;
    };

    static constexpr int MaxParts = 32;
    static constexpr int MaxHeaderBytes = 16 * 1024; // one part's header block
    static constexpr int MaxPreambleBytes = 64 * 1024;

    // The boundary parameter of a multipart/form-data Content-Type; nullopt when it is not one or is malformed.
    static std::optional<QByteArray> boundaryOf(const QString& contentType);

    MultipartFormParser(const QByteArray& boundary, Callbacks callbacks);

    // Fails on malformed framing or with the first error a callback returns; after a failure every call fails.
    Status feed(const char* data, qint64 size);
    // The body is complete: fails unless the closing boundary was seen.
    Status finish();
    bool done() const { return m_state == State::Done; }

private:
    enum class State
    {
        Preamble,
        AfterBoundary,
        Headers,
        Body,
        Done,
    };
    Status process();
    Status fail(ErrorCode code, const QString& message);
    Result<PartHeaders> parseHeaders(QByteArrayView block) const;

    QByteArray m_delimiter; // CRLF "--" boundary
    Callbacks m_callbacks;
    QByteArray m_buffer;
    State m_state = State::Preamble;
    qint64 m_preambleBytes = 0;
    int m_parts = 0;
    std::optional<Error> m_failure;
};

} // namespace sreg::http
