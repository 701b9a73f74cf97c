#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <chrono>
#include <functional>

namespace sreg::remote {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// Produces a streamed request body: copies up to capacity bytes starting at offset into buffer and returns how
// many (more than 0 until the announced size is reached), or an error that aborts the request.
using BodyReader = std::function<Result<qint64>(qint64 offset, char* buffer, qint64 capacity)>;
// Takes a streamed 2xx response body; returning false stops the transfer (the request fails as Cancelled
// unless the receiver recorded a better reason itself).
using BodyReceiver = std::function<bool(const char* data, qint64 size)>;

struct RemoteRequest
{
    QByteArray method = "GET";
    // Relative to the connection's base URL ("/v1/images/a/b:c?arch=amd64", already percent-encoded), or an
    // absolute http(s) URL the server handed out (upload and capability URLs).
    QString target;
    HeaderList headers;
    // Send the connection's credentials. Never sent to an absolute URL of another origin, whatever this says.
    bool authorize = true;
    QByteArray body; // small bodies (JSON)
    QByteArray contentType;
    qint64 streamSize = -1; // >= 0: the body is streamSize bytes from streamReader instead of body
    BodyReader streamReader;
    BodyReceiver receiver; // when set, a 2xx body goes here instead of into the reply
    // Sees the status and headers before any body byte; returning false abandons the request (Cancelled).
    std::function<bool(int status, const HeaderList& headers)> onHeaders;
    std::chrono::seconds ioTimeout { 0 }; // 0: the connection's
};

struct RemoteReply
{
    int status = 0;
    HeaderList headers;
    QByteArray body; // at most a bounded amount for error replies; empty when a receiver took it
    qint64 received = 0; // bytes handed to the receiver

    bool ok() const { return status >= 200 && status < 300; }
    QByteArray header(QByteArrayView name) const; // case-insensitive; empty when absent
    QJsonObject json() const; // the body as a JSON object (empty when it is not one)
};

} // namespace sreg::remote
