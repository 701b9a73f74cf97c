#include "JsonReplies.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <httplib.h>

namespace sreg::http {

void JsonReplies::send(httplib::Response& res, int status, const QJsonValue& body)
{
    QByteArray bytes;
    if (body.isObject())
        bytes = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    else if (body.isArray())
        bytes = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    else if (body.isNull() || body.isUndefined())
        bytes = "null";
    else
        bytes = QJsonDocument(QJsonArray { body }).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    res.status = status;
    res.set_content(bytes.constData(), size_t(bytes.size()), "application/json");
}

void JsonReplies::sendData(httplib::Response& res, const QJsonValue& data, int status)
{
    send(res, status, QJsonObject { { QStringLiteral("data"), data } });
}

} // namespace sreg::http
