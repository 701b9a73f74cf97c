#include "JsonReplies.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <httplib.h>

namespace sreg::http {

void JsonReplies::send(httplib::Response& res, int status, const QJsonValue& body)
{
    // Replies are objects or arrays; anything else is sent as null rather than as invalid JSON.
    QByteArray bytes = "null";
    if (body.isObject())
        bytes = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    else if (body.isArray())
        bytes = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    res.status = status;
    res.set_content(bytes.constData(), size_t(bytes.size()), "application/json");
}

void JsonReplies::sendData(httplib::Response& res, const QJsonValue& data, int status)
{
    send(res, status, QJsonObject { { QStringLiteral("data"), data } });
}

} // namespace sreg::http
