#include "IntegrationHelpers.h"

#include "TestSupport.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QThread>

namespace sreg::test {

QStringList IntegrationHelpers::storedFiles(const QString& dataDir)
{
    QStringList files;
    for (const QString& file : listFilesRecursively(dataDir)) {
        if (!QFileInfo(file).fileName().startsWith(QStringLiteral("registry.db")))
            files.append(file);
    }
    return files;
}

QString IntegrationHelpers::announce(const HttpClient& client, const QString& collection, const QString& container,
                                     const QString& digest)
{
    if (client.get(QStringLiteral("/v1/collections/e/") + collection).status == 404)
        client.postJson(QStringLiteral("/v1/collections"),
                        { { QStringLiteral("name"), collection },
                          { QStringLiteral("entity"), QStringLiteral("e") },
                          { QStringLiteral("private"), false } });
    if (client.get(QStringLiteral("/v1/containers/e/%1/%2").arg(collection, container)).status == 404)
        client.postJson(QStringLiteral("/v1/containers"),
                        { { QStringLiteral("name"), container }, { QStringLiteral("collection"), collection } });
    const HttpClient::Reply image
        = client.postJson(QStringLiteral("/v1/images"),
                          { { QStringLiteral("hash"), digest },
                            { QStringLiteral("container"), collection + u'~' + container },
                            { QStringLiteral("description"), QStringLiteral("No description") } });
    return image.data().toObject().value(QStringLiteral("id")).toString();
}

HttpClient::Reply IntegrationHelpers::uploadSingle(const HttpClient& client, const QString& imageId,
                                                   const QString& file)
{
    const HttpClient::Reply url = client.postJson(QStringLiteral("/v2/imagefile/") + imageId,
                                                  { { QStringLiteral("filesize"), QFileInfo(file).size() } });
    if (url.status != 200)
        return url;
    return HttpClient(QString()).putFile(url.data().toObject().value(QStringLiteral("uploadURL")).toString(), file);
}

qint64 IntegrationHelpers::tokenId(const ServerProcess& server, const QString& user, const QString& name)
{
    const ServerProcess::CliResult listed
        = server.cli({ QStringLiteral("token"), QStringLiteral("ls"), user, QStringLiteral("--json") });
    for (const QJsonValue& token : QJsonDocument::fromJson(listed.out).array()) {
        if (token.toObject().value(QStringLiteral("name")).toString() == name)
            return token.toObject().value(QStringLiteral("id")).toInteger(-1);
    }
    return -1;
}

bool IntegrationHelpers::waitForLog(ServerProcess& server, const QByteArray& needle, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (server.standardError().contains(needle))
            return true;
        QThread::msleep(50);
    }
    return false;
}

} // namespace sreg::test
