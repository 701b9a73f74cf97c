#include "RemoteConnection.h"

namespace sreg::remote {

QString RemoteConnection::displayUrl() const
{
    QUrl url = baseUrl;
    url.setUserInfo({});
    url.setQuery(QString());
    url.setFragment({});
    QString text = url.toString(QUrl::FullyEncoded);
    while (text.endsWith(u'/'))
        text.chop(1);
    return text;
}

} // namespace sreg::remote
