#include "RemoteMessage.h"

#include <QJsonDocument>

namespace sreg::remote {

QByteArray RemoteReply::header(QByteArrayView name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonObject RemoteReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

} // namespace sreg::remote
