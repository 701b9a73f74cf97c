#include "AdminRequest.h"

#include "LibraryRequest.h"
#include "ServerContext.h"

#include <QUrl>
#include <httplib.h>

namespace sreg::http {

std::optional<Actor> AdminRequest::reader(ServerContext& context, const httplib::Request& req, httplib::Response& res)
{
    return LibraryRequest::actor(context, req, res);
}

std::optional<Actor> AdminRequest::writer(ServerContext& context, const httplib::Request& req, httplib::Response& res)
{
    return LibraryRequest::signedInActor(context, req, res, QStringLiteral("change the registry"));
}

std::optional<QJsonObject> AdminRequest::body(ServerContext& context, const httplib::Request& req,
                                              httplib::Response& res, const httplib::ContentReader& reader)
{
    return LibraryRequest::jsonBody(context, req, res, reader);
}

std::optional<qint64> AdminRequest::number(const httplib::Request& req, httplib::Response& res, const char* name,
                                           qint64 fallback)
{
    if (!req.has_param(name))
        return fallback;
    bool ok = false;
    const qint64 value = QString::fromStdString(req.get_param_value(name)).toLongLong(&ok);
    if (!ok) {
        ErrorReplies::library(res, Error(ErrorCode::InvalidArgument,
                                         QStringLiteral("the parameter %1 must be a whole number").arg(name)));
        return std::nullopt;
    }
    return value;
}

QString AdminRequest::match(const httplib::Request& req, int index)
{
    return QUrl::fromPercentEncoding(LibraryRequest::match(req, index).toUtf8());
}

void AdminRequest::reply(httplib::Response& res, const Status& status)
{
    if (!status)
        return ErrorReplies::library(res, status.error());
    JsonReplies::sendData(res, QJsonObject {});
}

} // namespace sreg::http
