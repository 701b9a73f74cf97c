#include "RemoteInfo.h"

namespace sreg::remote {

QString RemoteInfo::kindName() const
{
    switch (kind) {
    case Kind::OurServer:
        return QStringLiteral("sregistry-server");
    case Kind::Sregistry:
        return QStringLiteral("sregistry");
    case Kind::LibraryOnly:
        return QStringLiteral("library API server");
    }
    return {};
}

QString RemoteInfo::summary() const
{
    QStringList apis;
    if (libraryApi)
        apis << QStringLiteral("library API %1").arg(apiVersion.isEmpty() ? QStringLiteral("(legacy)") : apiVersion);
    if (nativeApi)
        apis << QStringLiteral("sregistry API");
    if (adminApi)
        apis << QStringLiteral("admin API");
    QString text = kindName();
    if (!version.isEmpty())
        text += u' ' + version;
    if (!name.isEmpty())
        text += QStringLiteral(" \"%1\"").arg(name);
    text += QStringLiteral(": ") + apis.join(QStringLiteral(", "));
    if (!user.isEmpty())
        text += QStringLiteral("; signed in as %1%2").arg(user, admin ? QStringLiteral(" (admin)") : QString());
    else if (tokenAccepted)
        text += QStringLiteral("; token accepted");
    else
        text += QStringLiteral("; anonymous");
    return text;
}

} // namespace sreg::remote
