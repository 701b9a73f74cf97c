#include "admin/ServeController.h"

#include "TempRegistry.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslError>
#include <QTest>

using namespace sreg;

class ServeControllerTest final : public QObject
{
    Q_OBJECT

private:
    // GET url/version through Qt's client; returns the JSON body (empty on failure).
    static QJsonObject version(const QString& url, bool ignoreTlsErrors = false)
    {
        QNetworkAccessManager network;
        QNetworkReply* reply = network.get(QNetworkRequest(QUrl(url + QStringLiteral("/version"))));
        if (ignoreTlsErrors)
            QObject::connect(reply, &QNetworkReply::sslErrors, reply, [reply] { reply->ignoreSslErrors(); });
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(10000))
            return {};
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        return body;
    }

private Q_SLOTS:
    void startAnswerStop()
    {
        test::TempRegistry temp;
        QVERIFY(temp.isOpen());
        ServeController controller(temp.shared());
        QSignalSpy started(&controller, &ServeController::started);
        QSignalSpy stopped(&controller, &ServeController::stopped);
        QSignalSpy states(&controller, &ServeController::stateChanged);
        ServeSettings settings;
        settings.port = 0;
        QVERIFY(controller.start(settings));
        QCOMPARE(controller.state(), ServeController::State::Starting); // start() returns at once
        QVERIFY(started.wait(10000));
        QCOMPARE(controller.state(), ServeController::State::Running);
        QVERIFY(controller.port() > 0);
        QCOMPARE(controller.url(), QStringLiteral("http://127.0.0.1:%1").arg(controller.port()));
        QVERIFY(!controller.start(settings)); // already serving

        const QJsonObject body = version(controller.url());
        QVERIFY(body.value(QStringLiteral("data")).toObject().contains(QStringLiteral("apiVersion")));

        controller.stop();
        QCOMPARE(controller.state(), ServeController::State::Stopping);
        QVERIFY(stopped.wait(10000));
        QCOMPARE(controller.state(), ServeController::State::Stopped);
        QCOMPARE(controller.lastError(), QString());
        QCOMPARE(states.count(), 4); // starting, running, stopping, stopped
    }

    void remembersTheLastSettingsButNotInsecure()
    {
        test::TempRegistry temp;
        ServeSettings settings;
        settings.port = 0;
        settings.publicUrl = QStringLiteral("https://reg.example.org");
        {
            ServeController controller(temp.shared());
            QSignalSpy started(&controller, &ServeController::started);
            QVERIFY(controller.start(settings));
            QVERIFY(started.wait(10000));
        }
        ServeController again(temp.shared());
        QSignalSpy remembered(&again, &ServeController::settingsChanged);
        QVERIFY(remembered.wait()); // read off the GUI thread
        QCOMPARE(again.settings().publicUrl, QStringLiteral("https://reg.example.org"));
        QCOMPARE(again.settings().port, 0);

        ServeSettings network;
        network.host = QStringLiteral("0.0.0.0");
        network.insecure = true;
        QCOMPARE(ServeSettings::fromJson(network.toJson()).host, QStringLiteral("0.0.0.0"));
        QVERIFY(!ServeSettings::fromJson(network.toJson()).insecure);
        network.tls = ServeSettings::Tls::SelfSigned;
        QCOMPARE(ServeSettings::fromJson(network.toJson()).tls, ServeSettings::Tls::SelfSigned);
    }

    void stopWhileStarting()
    {
        test::TempRegistry temp;
        ServeController controller(temp.shared());
        QSignalSpy started(&controller, &ServeController::started);
        QSignalSpy stopped(&controller, &ServeController::stopped);
        ServeSettings settings;
        settings.port = 0;
        settings.tls = ServeSettings::Tls::SelfSigned; // making the certificate keeps it in Starting a while
        QVERIFY(controller.start(settings));
        controller.stop();
        QCOMPARE(controller.state(), ServeController::State::Stopping);
        QVERIFY(stopped.count() == 1 || stopped.wait(20000));
        QCOMPARE(controller.state(), ServeController::State::Stopped);
        QCOMPARE(started.count(), 0);
        QVERIFY(controller.start(settings)); // and it can start again
        QVERIFY(started.wait(20000));
    }

    void refusesPlainHttpOnTheNetwork()
    {
        test::TempRegistry temp;
        ServeController controller(temp.shared());
        QSignalSpy failed(&controller, &ServeController::failed);
        ServeSettings settings;
        settings.host = QStringLiteral("0.0.0.0");
        settings.port = 0;
        QVERIFY(!controller.start(settings));
        QCOMPARE(failed.count(), 1);
        QCOMPARE(controller.state(), ServeController::State::Stopped);
    }

    void bindFailureIsReported()
    {
        test::TempRegistry temp;
        ServeController controller(temp.shared());
        QSignalSpy failed(&controller, &ServeController::failed);
        QSignalSpy stopped(&controller, &ServeController::stopped);
        ServeSettings settings;
        settings.host = QStringLiteral("192.0.2.1"); // TEST-NET-1: not an address of this machine
        settings.port = 0;
        settings.insecure = true;
        QVERIFY(controller.start(settings));
        QVERIFY(stopped.wait(10000));
        QCOMPARE(failed.count(), 1);
        QVERIFY(!controller.lastError().isEmpty());
        QCOMPARE(controller.state(), ServeController::State::Stopped);
    }

    void selfSignedTlsShowsFingerprint()
    {
        test::TempRegistry temp;
        ServeController controller(temp.shared());
        QSignalSpy started(&controller, &ServeController::started);
        ServeSettings settings;
        settings.port = 0;
        settings.tls = ServeSettings::Tls::SelfSigned;
        QVERIFY(controller.start(settings));
        QVERIFY(started.wait(20000));
        QVERIFY(controller.url().startsWith(QStringLiteral("https://127.0.0.1:")));
        QVERIFY(controller.fingerprint().count(u':') == 31); // 32 bytes as "AB:CD:…"
        QVERIFY(!version(controller.url(), true).isEmpty());
        // Destroying a running controller stops the server and joins its thread.
    }

    void forRegistryKeepsOnePerOwner()
    {
        test::TempRegistry temp;
        QObject owner;
        ServeController* a = ServeController::forRegistry(&owner, temp.shared());
        QCOMPARE(ServeController::forRegistry(&owner, temp.shared()), a);
        QCOMPARE(a->parent(), &owner);
    }
};

QTEST_GUILESS_MAIN(ServeControllerTest)
#include "ServeControllerTest.moc"
