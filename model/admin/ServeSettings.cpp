#include "ServeSettings.h"

#include "http/HttpServer.h"

#include <QHostAddress>
#include <QUrl>

namespace sreg {

bool ServeSettings::isLoopback() const
{
    return http::HttpServer::isLoopback(host);
}

namespace {

QString tlsName(ServeSettings::Tls tls)
{
    switch (tls) {
    case ServeSettings::Tls::SelfSigned:
        return QStringLiteral("self-signed");
    case ServeSettings::Tls::Files:
        return QStringLiteral("files");
    case ServeSettings::Tls::None:
        break;
    }
    return QStringLiteral("none");
}

} // namespace

QJsonObject ServeSettings::toJson() const
{
    return QJsonObject {
        { QStringLiteral("host"), host },        { QStringLiteral("port"), port },
        { QStringLiteral("tls"), tlsName(tls) }, { QStringLiteral("certificate"), certificate },
        { QStringLiteral("key"), key },          { QStringLiteral("publicUrl"), publicUrl },
    };
}

ServeSettings ServeSettings::fromJson(const QJsonObject& json)
{
    ServeSettings settings;
    settings.host = json.value(QStringLiteral("host")).toString(settings.host);
    settings.port = json.value(QStringLiteral("port")).toInt(settings.port);
    const QString tls = json.value(QStringLiteral("tls")).toString();
    for (Tls candidate : { Tls::None, Tls::SelfSigned, Tls::Files }) {
        if (tlsName(candidate) == tls)
            settings.tls = candidate;
    }
    settings.certificate = json.value(QStringLiteral("certificate")).toString();
    settings.key = json.value(QStringLiteral("key")).toString();
    settings.publicUrl = json.value(QStringLiteral("publicUrl")).toString();
    return settings;
}

QString ServeSettings::problem() const
{
    if (host != u"localhost" && QHostAddress(host).isNull())
        return tr("'%1' is not an IP address of this machine").arg(host);
    if (port < 0 || port > 65535)
        return tr("The port must be between 0 and 65535");
    if (tls == Tls::Files && (certificate.isEmpty() || key.isEmpty()))
        return tr("Choose both the certificate and its private key");
    if (needsTlsOrInsecure() && !insecure)
        return tr("%1 is reachable from other machines: use TLS, or choose plain HTTP explicitly (tokens would "
                  "cross the network unencrypted)")
            .arg(host);
    if (!publicUrl.isEmpty()) {
        const QUrl url(publicUrl, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty()
            || url.hasQuery() || url.hasFragment())
            return tr("The public URL must look like https://host[:port][/path]");
    }
    return {};
}

} // namespace sreg
