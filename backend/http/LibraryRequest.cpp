#include "LibraryRequest.h"

#include "ErrorReplies.h"
#include "ServerContext.h"
#include "UploadHandler.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <httplib.h>

namespace sreg::http {

std::optional<Actor> LibraryRequest::actor(ServerContext& context, const httplib::Request& req, httplib::Response& res)
{
    const AuthOutcome outcome = context.bearer().authenticate(req);
    if (outcome.retryAfterSeconds > 0) {
        ErrorReplies::tooManyLibrary(res, outcome.retryAfterSeconds);
        return std::nullopt;
    }
    if (outcome.error) {
        ErrorReplies::library(res, *outcome.error);
        return std::nullopt;
    }
    return outcome.actor;
}

std::optional<Actor> LibraryRequest::signedInActor(ServerContext& context, const httplib::Request& req,
                                                   httplib::Response& res, const QString& toDoWhat)
{
    std::optional<Actor> caller = actor(context, req, res);
    if (caller && !caller->isAuthenticated()) {
        ErrorReplies::library(
            res,
            Error(ErrorCode::Unauthenticated,
                  QStringLiteral("a token is required to %1 (Authorization: Bearer <token>)").arg(toDoWhat)));
        return std::nullopt;
    }
    return caller;
}

std::optional<QJsonObject> LibraryRequest::jsonBody(ServerContext& context, const httplib::Request& req,
                                                    httplib::Response& res, const httplib::ContentReader& reader)
{
    Result<QByteArray> body = UploadHandler::readSmall(req, reader, context.config().maxJsonBytes, context.stopping());
    if (!body) {
        ErrorReplies::library(res, body.error());
        return std::nullopt;
    }
    if (body->trimmed().isEmpty())
        return QJsonObject();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        ErrorReplies::library(
            res,
            Error(ErrorCode::InvalidArgument,
                  QStringLiteral("the request body is not a JSON object%1")
                      .arg(error.error != QJsonParseError::NoError ? QStringLiteral(": ") + error.errorString()
                                                                   : QString())));
        return std::nullopt;
    }
    return document.object();
}

QJsonValue LibraryRequest::field(const QJsonObject& object, const QString& key)
{
    if (object.contains(key))
        return object.value(key);
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key().compare(key, Qt::CaseInsensitive) == 0)
            return it.value();
    }
    return QJsonValue(QJsonValue::Undefined);
}

QString LibraryRequest::match(const httplib::Request& req, int index)
{
    if (index >= int(req.matches.size()))
        return {};
    return QString::fromStdString(req.matches[size_t(index)].str());
}

QString LibraryRequest::query(const httplib::Request& req, const char* name)
{
    return QString::fromStdString(req.get_param_value(name));
}

} // namespace sreg::http
