#include "NativeUploadApi.h"

#include "ErrorReplies.h"
#include "JsonReplies.h"
#include "LibraryRequest.h"
#include "MultipartFormParser.h"
#include "ServerContext.h"
#include "UploadHandler.h"
#include "common/Names.h"
#include "registry/CollectionService.h"
#include "registry/ImageService.h"
#include "registry/Registry.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <httplib.h>
#include <map>
#include <memory>

namespace sreg::http {

namespace {

// Where the Content-Type of POST /upload is kept: HttpServer moves it out of the way before routing, because
// cpp-httplib would otherwise insist on parsing multipart/form-data itself (see HttpServer).
constexpr const char* OriginalContentType = "X-Sreg-Original-Content-Type";

Status checkNames(const QString& collection, const QString& name, const QString& tag)
{
    for (const auto& [value, kind] :
         { std::pair { collection, QStringLiteral("collection") }, std::pair { name, QStringLiteral("container") },
           std::pair { tag, QStringLiteral("tag") } }) {
        if (!Names::isValid(value))
            return Error(ErrorCode::InvalidName, Names::whyInvalid(value, kind));
    }
    return {};
}

} // namespace

NativeUploadApi::NativeUploadApi(ServerContext& context) : m_context(context) { }

void NativeUploadApi::registerRoutes(httplib::Server& server)
{
    using namespace std::placeholders;
    server.Post("/api/upload/chunked_upload/?",
                UploadHandler::draining(std::bind(&NativeUploadApi::chunkedUpload, this, _1, _2, _3)));
    server.Post("/upload/?", UploadHandler::draining(std::bind(&NativeUploadApi::upload, this, _1, _2, _3)));
}

void NativeUploadApi::chunkedUpload(const httplib::Request& req, httplib::Response& res,
                                    const httplib::ContentReader& reader)
{
    if (!req.has_header("Authorization"))
        return ErrorReplies::native(res, 403, QStringLiteral("Authentication Required"));
    Result<QByteArray> body
        = UploadHandler::readSmall(req, reader, m_context.config().maxJsonBytes, m_context.stopping());
    if (!body)
        return ErrorReplies::native(res, body.error());
    QJsonParseError parseError;
    const QJsonObject fields = QJsonDocument::fromJson(*body, &parseError).object();
    if (parseError.error != QJsonParseError::NoError)
        return ErrorReplies::native(res, 400, QStringLiteral("the body is not JSON: %1").arg(parseError.errorString()));
    const QString collection = fields.value(QStringLiteral("collection")).toString();
    const QString name = fields.value(QStringLiteral("name")).toString();
    QString tag = fields.value(QStringLiteral("tag")).toString();
    if (tag.isEmpty())
        tag = QStringLiteral("latest");
    if (Status valid = checkNames(collection, name, tag); !valid)
        return ErrorReplies::native(res, valid.error());

    const AuthOutcome outcome = m_context.hmac().authenticate(req, QStringLiteral("push"), collection, name, tag);
    if (outcome.retryAfterSeconds > 0)
        return ErrorReplies::tooManyNative(res, outcome.retryAfterSeconds);
    if (outcome.error)
        return ErrorReplies::native(res, *outcome.error);
    if (!outcome.actor.isAuthenticated())
        return ErrorReplies::native(res, 403, QStringLiteral("Authentication Required"));
    const Actor& actor = outcome.actor;

    // Like sregistry, a push creates its collection. One that exists but is not visible to the caller cannot be
    // told apart from a name clash, and is refused the same way.
    CollectionService& collections = m_context.registry().collections();
    if (Result<CollectionRecord> existing = collections.get(actor, collection); !existing) {
        if (existing.error().code() != ErrorCode::NotFound)
            return ErrorReplies::native(res, existing.error());
        Result<CollectionRecord> created
            = collections.create(actor, collection, QString(), m_context.newCollectionPrivacy(false));
        if (!created && created.error().code() == ErrorCode::AlreadyExists)
            return ErrorReplies::native(
                res, 403, QStringLiteral("Unauthorized: collection '%1' belongs to someone else").arg(collection));
        if (!created)
            return ErrorReplies::native(res, created.error());
    }
    QSqlDatabase db = m_context.registry().database().connection();
    if (Result<CollectionRecord> allowed = CollectionService::authorize(db, actor, collection, Action::PushImage);
        !allowed)
        return ErrorReplies::native(res, allowed.error());
    JsonReplies::send(res, 200, QJsonObject { { QStringLiteral("cid"), collection } });
}

void NativeUploadApi::upload(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader)
{
    if (!req.has_header("Authorization"))
        return ErrorReplies::native(res, 403, QStringLiteral("Authentication Required"));
    if (const int wait = m_context.rateLimiter().retryAfter(m_context.clientAddress(req)); wait > 0)
        return ErrorReplies::tooManyNative(res, wait);
    const std::optional<QByteArray> boundary
        = MultipartFormParser::boundaryOf(QString::fromStdString(req.get_header_value(OriginalContentType)));
    if (!boundary)
        return ErrorReplies::native(res, 415, QStringLiteral("POST /upload takes multipart/form-data"));

    std::map<QString, QByteArray> fields;
    QString currentField;
    bool inFile = false;
    bool fileDone = false;
    std::unique_ptr<PushSession> session;
    qint64 fileBytes = 0;

    MultipartFormParser::Callbacks callbacks;
    callbacks.begin = [&](const MultipartFormParser::PartHeaders& part) -> Status {
        if (part.name != u"file1") {
            if (fields.size() >= 16)
                return Error(ErrorCode::InvalidArgument, QStringLiteral("too many form fields"));
            currentField = part.name;
            fields[currentField].clear();
            return {};
        }
        if (fileDone || session)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("the form holds more than one file1"));
        const QString collection = QString::fromUtf8(fields[QStringLiteral("collection")]);
        const QString name = QString::fromUtf8(fields[QStringLiteral("name")]);
        QString tag = QString::fromUtf8(fields[QStringLiteral("tag")]);
        if (tag.isEmpty())
            tag = QStringLiteral("latest");
        if (collection.isEmpty() || name.isEmpty())
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("the form's collection and name fields must come before file1"));
        if (Status valid = checkNames(collection, name, tag); !valid)
            return valid;
        const AuthOutcome outcome = m_context.hmac().authenticate(req, QStringLiteral("upload"), collection, name, tag);
        if (outcome.retryAfterSeconds > 0)
            return Error(ErrorCode::Unavailable, QStringLiteral("retry in %1 s").arg(outcome.retryAfterSeconds));
        if (outcome.error)
            return *outcome.error;
        if (!outcome.actor.isAuthenticated())
            return Error(ErrorCode::Unauthenticated, QStringLiteral("Authentication Required"));
        PushRequest request;
        request.collection = collection;
        request.container = name;
        request.tags = { tag };
        request.createCollection = false; // chunked_upload created it, with the caller's rights checked
        Result<std::unique_ptr<PushSession>> begun = m_context.registry().images().beginPush(outcome.actor, request);
        if (!begun)
            return begun.error();
        session = std::move(*begun);
        inFile = true;
        return {};
    };
    callbacks.data = [&](const char* data, qint64 size) -> Status {
        if (inFile) {
            fileBytes += size;
            if (fileBytes > m_context.config().maxUploadBytes)
                return Error(ErrorCode::TooLarge,
                             QStringLiteral("the image is larger than the server accepts (%1 bytes)")
                                 .arg(m_context.config().maxUploadBytes));
            return session->write(data, size);
        }
        QByteArray& value = fields[currentField];
        if (value.size() + size > MaxFieldBytes)
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("the form field '%1' is too long").arg(currentField));
        value.append(data, size);
        return {};
    };
    callbacks.end = [&]() -> Status {
        if (inFile) {
            inFile = false;
            fileDone = true;
        }
        return {};
    };

    MultipartFormParser parser(*boundary, callbacks);
    // The form around the image adds a few KiB; the image itself is bounded in callbacks.data.
    const qint64 maxBody = m_context.config().maxUploadBytes + 64 * 1024;
    Status streamed = UploadHandler::stream(
        req, reader, [&](const char* data, qint64 size) { return parser.feed(data, size); }, maxBody,
        m_context.stopping());
    if (streamed)
        streamed = parser.finish();
    if (streamed && !fileDone)
        streamed = Error(ErrorCode::InvalidArgument, QStringLiteral("the form has no file1"));
    if (!streamed) {
        if (session)
            session->abort();
        if (const int wait = m_context.rateLimiter().retryAfter(m_context.clientAddress(req));
            wait > 0 && streamed.error().code() == ErrorCode::Unavailable)
            return ErrorReplies::tooManyNative(res, wait);
        return ErrorReplies::native(res, streamed.error());
    }
    Result<ImageRecord> pushed = session->finish();
    if (!pushed)
        return ErrorReplies::native(res, pushed.error());
    // sregistry-cli reads "message" from a 2xx reply and prints it.
    JsonReplies::send(res, 200, QJsonObject { { QStringLiteral("message"), QStringLiteral("Upload Complete") } });
}

} // namespace sreg::http
