#include "ClientCommands.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace sreg {

namespace {

QString userOrPlaceholder(const ClientCommands::Target& target)
{
    return target.user.isEmpty() ? QStringLiteral("USER") : target.user;
}

// The library client needs a four-part reference to name a host: library://host/entity/collection/container.
// Our entities are labels (collections are globally unique), so the user's name serves.
QString libraryRef(const ClientCommands::Target& target)
{
    return QStringLiteral("library://%1/%2/COLLECTION/CONTAINER:TAG")
        .arg(ClientCommands::hostAndPort(target.url), userOrPlaceholder(target));
}

bool needsInsecure(const ClientCommands::Target& target)
{
    return !target.tls || target.selfSigned;
}

} // namespace

QString ClientCommands::clientUrl(const QString& listenHost, int port, bool tls, const QString& publicUrl)
{
    if (!publicUrl.isEmpty())
        return publicUrl;
    QString host = listenHost;
    const QHostAddress address(listenHost);
    if (address == QHostAddress(QHostAddress::AnyIPv4) || address == QHostAddress(QHostAddress::AnyIPv6))
        host = QHostInfo::localHostName();
    else if (address.protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' + host + u']';
    return QStringLiteral("%1://%2:%3").arg(tls ? QStringLiteral("https") : QStringLiteral("http"), host).arg(port);
}

QString ClientCommands::hostAndPort(const QString& url)
{
    const QUrl parsed(url);
    QString host = parsed.host();
    if (host.contains(u':'))
        host = u'[' + host + u']';
    return parsed.port() > 0 ? QStringLiteral("%1:%2").arg(host).arg(parsed.port()) : host;
}

QString ClientCommands::remoteAdd(const Target& target)
{
    return QStringLiteral("apptainer remote add --no-login%1 %2 %3")
        .arg(needsInsecure(target) ? QStringLiteral(" --insecure") : QString(), target.remoteName, target.url);
}

QString ClientCommands::remoteLogin(const Target& target)
{
    return QStringLiteral("apptainer remote login %1").arg(target.remoteName);
}

QString ClientCommands::pull(const Target& target)
{
    return QStringLiteral("apptainer pull %1").arg(libraryRef(target));
}

QString ClientCommands::push(const Target& target)
{
    return QStringLiteral("apptainer push IMAGE.sif %1").arg(libraryRef(target));
}

QString ClientCommands::sregistrySecrets(const Target& target)
{
    const QJsonObject registry {
        { QStringLiteral("SREGISTRY_REGISTRY_BASE"), target.url },
        { QStringLiteral("SREGISTRY_REGISTRY_USERNAME"), userOrPlaceholder(target) },
        { QStringLiteral("SREGISTRY_REGISTRY_TOKEN"), QStringLiteral("TOKEN") },
    };
    const QJsonObject secrets {
        { QStringLiteral("SREGISTRY_CLIENT"), QStringLiteral("registry") },
        { QStringLiteral("registry"), registry },
    };
    return QString::fromUtf8(QJsonDocument(secrets).toJson(QJsonDocument::Indented)).trimmed();
}

QString ClientCommands::allApptainer(const Target& target)
{
    QStringList lines;
    lines << tr("# Register this registry as a remote (once per client machine)") << remoteAdd(target);
    lines << tr("# Log in with a token made on the Tokens page (it asks for the token)") << remoteLogin(target);
    lines << tr("# Pull and push") << pull(target) << push(target);
    return lines.join(u'\n');
}

} // namespace sreg
