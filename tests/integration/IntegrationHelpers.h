#pragma once

#include "HttpClient.h"
#include "ServerProcess.h"

#include <QString>
#include <QStringList>

namespace sreg::test {

// Steps several integration tests share.
class IntegrationHelpers final
{
public:
    // Every file under the data folder but the database's own: what a refused or cut upload must not change.
    static QStringList storedFiles(const QString& dataDir);
    // Library API: makes (or finds) entity/collection/container and announces the image of file; returns its ID.
    static QString announce(const HttpClient& client, const QString& collection, const QString& container,
                            const QString& digest);
    // POST /v2/imagefile/<id> and PUT the file to the returned URL: the PUT's reply.
    static HttpClient::Reply uploadSingle(const HttpClient& client, const QString& imageId, const QString& file);
    // The ID of the user's token named name (token ls --json), or -1.
    static qint64 tokenId(const ServerProcess& server, const QString& user, const QString& name);
    // Waits until the access log (server stderr) has a line containing needle.
    static bool waitForLog(ServerProcess& server, const QByteArray& needle, int timeoutMs = 20000);
};

} // namespace sreg::test
