#pragma once

#include <QCoreApplication>
#include <QString>

namespace sreg {

// The exact commands a client machine needs to use a registry this app serves: apptainer's remote set-up,
// pull and push, and the sregistry client's ~/.sregistry file.
class ClientCommands final
{
    Q_DECLARE_TR_FUNCTIONS(ClientCommands)

public:
    struct Target
    {
        QString url; // "https://host:port" as clients reach it
        QString remoteName = QStringLiteral("desktop");
        QString user; // empty: a placeholder
        bool tls = false;
        bool selfSigned = false; // clients cannot verify the certificate without installing it
    };

    // The URL clients should use for a server listening on host:port: the public URL when one is set, the
    // machine's name when listening on every address (0.0.0.0 is not somewhere to connect to).
    static QString clientUrl(const QString& listenHost, int port, bool tls, const QString& publicUrl);
    static QString hostAndPort(const QString& url); // "host:port" of a URL, for library:// references

    static QString remoteAdd(const Target& target);
    static QString remoteLogin(const Target& target);
    static QString pull(const Target& target);
    static QString push(const Target& target);
    static QString sregistrySecrets(const Target& target); // the JSON of ~/.sregistry
    // Everything above with a comment line before each step, for one "copy all".
    static QString allApptainer(const Target& target);
};

} // namespace sreg
