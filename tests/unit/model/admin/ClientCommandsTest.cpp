#include "admin/ClientCommands.h"

#include "admin/ServeSettings.h"

#include <QHostInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace sreg;

class ClientCommandsTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void urls()
    {
        QCOMPARE(ClientCommands::clientUrl(QStringLiteral("127.0.0.1"), 5000, false, {}),
                 QStringLiteral("http://127.0.0.1:5000"));
        QCOMPARE(ClientCommands::clientUrl(QStringLiteral("::1"), 8443, true, {}),
                 QStringLiteral("https://[::1]:8443"));
        // Nobody connects to 0.0.0.0: clients get the machine's name.
        QCOMPARE(ClientCommands::clientUrl(QStringLiteral("0.0.0.0"), 443, true, {}),
                 QStringLiteral("https://%1:443").arg(QHostInfo::localHostName()));
        QCOMPARE(
            ClientCommands::clientUrl(QStringLiteral("0.0.0.0"), 5000, true, QStringLiteral("https://reg.example.org")),
            QStringLiteral("https://reg.example.org"));
        QCOMPARE(ClientCommands::hostAndPort(QStringLiteral("https://[::1]:8443")), QStringLiteral("[::1]:8443"));
        QCOMPARE(ClientCommands::hostAndPort(QStringLiteral("https://reg.example.org")),
                 QStringLiteral("reg.example.org"));
    }

    void commands()
    {
        ClientCommands::Target target;
        target.url = QStringLiteral("http://127.0.0.1:5000");
        target.remoteName = QStringLiteral("lab");
        target.user = QStringLiteral("alice");
        QCOMPARE(ClientCommands::remoteAdd(target),
                 QStringLiteral("apptainer remote add --no-login --insecure lab http://127.0.0.1:5000"));
        QCOMPARE(ClientCommands::remoteLogin(target), QStringLiteral("apptainer remote login lab"));
        QCOMPARE(ClientCommands::pull(target),
                 QStringLiteral("apptainer pull library://127.0.0.1:5000/alice/COLLECTION/CONTAINER:TAG"));
        QCOMPARE(ClientCommands::push(target),
                 QStringLiteral("apptainer push IMAGE.sif library://127.0.0.1:5000/alice/COLLECTION/CONTAINER:TAG"));

        target.url = QStringLiteral("https://reg.example.org:8443");
        target.tls = true;
        QCOMPARE(ClientCommands::remoteAdd(target),
                 QStringLiteral("apptainer remote add --no-login lab https://reg.example.org:8443"));
        target.selfSigned = true;
        QVERIFY(ClientCommands::remoteAdd(target).contains(QStringLiteral("--insecure")));

        const QJsonObject secrets = QJsonDocument::fromJson(ClientCommands::sregistrySecrets(target).toUtf8()).object();
        QCOMPARE(secrets.value(QStringLiteral("SREGISTRY_CLIENT")).toString(), QStringLiteral("registry"));
        const QJsonObject registry = secrets.value(QStringLiteral("registry")).toObject();
        QCOMPARE(registry.value(QStringLiteral("SREGISTRY_REGISTRY_BASE")).toString(), target.url);
        QCOMPARE(registry.value(QStringLiteral("SREGISTRY_REGISTRY_USERNAME")).toString(), QStringLiteral("alice"));
        QVERIFY(ClientCommands::allApptainer(target).contains(ClientCommands::pull(target)));

        target.user.clear();
        QVERIFY(ClientCommands::pull(target).contains(QStringLiteral("/USER/")));
    }

    void settingsProblems()
    {
        ServeSettings settings;
        QVERIFY(settings.isLoopback());
        QCOMPARE(settings.problem(), QString());
        settings.host = QStringLiteral("0.0.0.0");
        QVERIFY(settings.needsTlsOrInsecure());
        QVERIFY(!settings.problem().isEmpty()); // DESIGN §5: the network needs TLS or an explicit choice
        settings.insecure = true;
        QCOMPARE(settings.problem(), QString());
        settings.insecure = false;
        settings.tls = ServeSettings::Tls::SelfSigned;
        QCOMPARE(settings.problem(), QString());
        settings.tls = ServeSettings::Tls::Files;
        QVERIFY(!settings.problem().isEmpty());
        settings.certificate = QStringLiteral("/c.pem");
        settings.key = QStringLiteral("/k.pem");
        QCOMPARE(settings.problem(), QString());
        settings.host = QStringLiteral("not an address");
        QVERIFY(!settings.problem().isEmpty());
        settings.host = QStringLiteral("localhost");
        settings.publicUrl = QStringLiteral("ftp://x");
        QVERIFY(!settings.problem().isEmpty());
    }
};

QTEST_GUILESS_MAIN(ClientCommandsTest)
#include "ClientCommandsTest.moc"
