#include "MultipartFormParser.h"

#include <QList>
#include <string_view>

namespace sreg::http {

namespace {

std::string_view view(const QByteArray& bytes, qsizetype from = 0)
{
    return std::string_view(bytes.constData() + from, size_t(bytes.size() - from));
}

// Splits "a; b=\"c;d\"; e" on the semicolons outside quotes.
QList<QString> splitParameters(const QString& value)
{
    QList<QString> parts;
    QString current;
    bool quoted = false;
    bool escaped = false;
    for (QChar c : value) {
        if (escaped) {
            current += c;
            escaped = false;
        } else if (quoted && c == u'\\') {
            current += c;
            escaped = true;
        } else if (c == u'"') {
            current += c;
            quoted = !quoted;
        } else if (c == u';' && !quoted) {
            parts.append(current.trimmed());
            current.clear();
        } else {
            current += c;
        }
    }
    parts.append(current.trimmed());
    return parts;
}

QString unquoted(const QString& value)
{
    if (value.size() < 2 || !value.startsWith(u'"') || !value.endsWith(u'"'))
        return value;
    QString result;
    bool escaped = false;
    for (QChar c : QStringView(value).mid(1, value.size() - 2)) {
        if (!escaped && c == u'\\') {
            escaped = true;
            continue;
        }
        result += c;
        escaped = false;
    }
    return result;
}

// The value of parameter key (case-insensitive) in a header value's parameters.
std::optional<QString> parameter(const QList<QString>& parts, const QString& key)
{
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const qsizetype equals = parts[i].indexOf(u'=');
        if (equals < 0)
            continue;
        if (parts[i].left(equals).trimmed().compare(key, Qt::CaseInsensitive) == 0)
            return unquoted(parts[i].mid(equals + 1).trimmed());
    }
    return std::nullopt;
}

} // namespace

std::optional<QByteArray> MultipartFormParser::boundaryOf(const QString& contentType)
{
    const QList<QString> parts = splitParameters(contentType);
    if (parts.isEmpty() || parts.front().compare(QStringLiteral("multipart/form-data"), Qt::CaseInsensitive) != 0)
        return std::nullopt;
    const std::optional<QString> boundary = parameter(parts, QStringLiteral("boundary"));
    // RFC 2046: 1 to 70 characters, and not ending in a space.
    if (!boundary || boundary->isEmpty() || boundary->size() > 70 || boundary->endsWith(u' '))
        return std::nullopt;
    for (QChar c : *boundary) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return std::nullopt;
    }
    return boundary->toLatin1();
}

MultipartFormParser::MultipartFormParser(const QByteArray& boundary, Callbacks callbacks)
    : m_delimiter("\r\n--" + boundary)
    , m_callbacks(std::move(callbacks))
    // A CRLF in front lets the first boundary (which may open the body without one) match the same delimiter.
    , m_buffer("\r\n")
{
}

Status MultipartFormParser::fail(ErrorCode code, const QString& message)
{
    m_failure = Error(code, message);
    return *m_failure;
}

Status MultipartFormParser::feed(const char* data, qint64 size)
{
    if (m_failure)
        return *m_failure;
    if (m_state == State::Done)
        return {}; // the epilogue is ignored
    m_buffer.append(data, size);
    return process();
}

Status MultipartFormParser::finish()
{
    if (m_failure)
        return *m_failure;
    if (m_state != State::Done)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("the multipart/form-data body ended before its closing boundary"));
    return {};
}

Status MultipartFormParser::process()
{
    const qsizetype keep = m_delimiter.size() - 1; // a tail this long might be the start of a delimiter
    qsizetype position = 0;
    Status status;
    while (status && m_state != State::Done) {
        const std::string_view rest = view(m_buffer, position);
        if (m_state == State::Preamble) {
            const size_t found = rest.find(view(m_delimiter));
            if (found == std::string_view::npos) {
                const qsizetype discard = std::max<qsizetype>(0, qsizetype(rest.size()) - keep);
                m_preambleBytes += discard;
                position += discard;
                if (m_preambleBytes > MaxPreambleBytes)
                    status
                        = fail(ErrorCode::InvalidArgument,
                               QStringLiteral("no multipart boundary within the first %1 bytes").arg(MaxPreambleBytes));
                break;
            }
            position += qsizetype(found) + m_delimiter.size();
            m_state = State::AfterBoundary;
        } else if (m_state == State::AfterBoundary) {
            if (rest.size() < 2)
                break;
            if (rest.substr(0, 2) == "--") {
                position += 2;
                m_state = State::Done;
                break;
            }
            // Transport padding (spaces, tabs) may follow a boundary before its CRLF.
            size_t padding = 0;
            while (padding < rest.size() && (rest[padding] == ' ' || rest[padding] == '\t'))
                ++padding;
            if (padding > 64) {
                status = fail(ErrorCode::InvalidArgument, QStringLiteral("malformed multipart boundary line"));
                break;
            }
            if (rest.size() < padding + 2)
                break;
            if (rest.substr(padding, 2) != "\r\n") {
                status = fail(ErrorCode::InvalidArgument, QStringLiteral("malformed multipart boundary line"));
                break;
            }
            position += qsizetype(padding) + 2;
            m_state = State::Headers;
        } else if (m_state == State::Headers) {
            size_t end = 0;
            size_t skip = 0;
            if (rest.substr(0, 2) == "\r\n") { // a part without headers
                end = 0;
                skip = 2;
            } else {
                end = rest.find("\r\n\r\n");
                skip = 4;
            }
            if (end == std::string_view::npos) {
                if (rest.size() > size_t(MaxHeaderBytes))
                    status = fail(ErrorCode::InvalidArgument,
                                  QStringLiteral("a multipart part's headers exceed %1 bytes").arg(MaxHeaderBytes));
                break;
            }
            if (end > size_t(MaxHeaderBytes)) {
                status = fail(ErrorCode::InvalidArgument,
                              QStringLiteral("a multipart part's headers exceed %1 bytes").arg(MaxHeaderBytes));
                break;
            }
            if (++m_parts > MaxParts) {
                status
                    = fail(ErrorCode::InvalidArgument, QStringLiteral("the form has more than %1 parts").arg(MaxParts));
                break;
            }
            Result<PartHeaders> headers = parseHeaders(QByteArrayView(rest.data(), qsizetype(end)));
            position += qsizetype(end + skip);
            if (!headers) {
                status = fail(headers.error().code(), headers.error().message());
                break;
            }
            m_state = State::Body;
            if (m_callbacks.begin)
                status = m_callbacks.begin(*headers);
        } else if (m_state == State::Body) {
            const size_t found = rest.find(view(m_delimiter));
            if (found == std::string_view::npos) {
                const qsizetype ready = std::max<qsizetype>(0, qsizetype(rest.size()) - keep);
                if (ready > 0 && m_callbacks.data)
                    status = m_callbacks.data(rest.data(), ready);
                position += ready;
                break;
            }
            if (found > 0 && m_callbacks.data)
                status = m_callbacks.data(rest.data(), qsizetype(found));
            position += qsizetype(found) + m_delimiter.size();
            m_state = State::AfterBoundary;
            if (status && m_callbacks.end)
                status = m_callbacks.end();
        }
    }
    if (!status && !m_failure)
        m_failure = status.error();
    m_buffer.remove(0, position);
    if (m_state == State::Done)
        m_buffer.clear();
    return status;
}

Result<MultipartFormParser::PartHeaders> MultipartFormParser::parseHeaders(QByteArrayView block) const
{
    PartHeaders headers;
    bool disposition = false;
    const QString text = QString::fromUtf8(block);
    for (const QString& line : text.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts)) {
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("malformed multipart part header"));
        const QString name = line.left(colon).trimmed();
        const QString value = line.mid(colon + 1).trimmed();
        if (name.compare(QStringLiteral("Content-Disposition"), Qt::CaseInsensitive) == 0) {
            const QList<QString> parts = splitParameters(value);
            if (parts.front().compare(QStringLiteral("form-data"), Qt::CaseInsensitive) != 0)
                return Error(ErrorCode::InvalidArgument, QStringLiteral("a multipart part is not form-data"));
            headers.name = parameter(parts, QStringLiteral("name")).value_or(QString());
            headers.filename = parameter(parts, QStringLiteral("filename")).value_or(QString());
            disposition = true;
        } else if (name.compare(QStringLiteral("Content-Type"), Qt::CaseInsensitive) == 0) {
            headers.contentType = value;
        }
    }
    if (!disposition || headers.name.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a multipart part has no Content-Disposition name"));
    return headers;
}

} // namespace sreg::http
