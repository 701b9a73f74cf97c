#include "AdminGuiFixture.h"
#include "admin/AdministrationWindow.h"
#include "admin/ClientCommandsPanel.h"
#include "admin/CopyField.h"
#include "admin/ServeController.h"
#include "admin/ServePage.h"
#include "admin/ServeSettingsForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace sreg;

class ServeGuiTest final : public QObject
{
    Q_OBJECT

private:
    static QJsonObject get(const QString& url, bool ignoreTlsErrors = false)
    {
        QNetworkAccessManager network;
        QNetworkReply* reply = network.get(QNetworkRequest(QUrl(url)));
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
        test::AdminGuiFixture fixture;
        fixture.addUser(QStringLiteral("alice"));
        AdministrationWindow* window = fixture.openAdministration(QStringLiteral("serve"));
        QVERIFY(window->isPageEnabled(QStringLiteral("serve")));
        ServePage* page = window->servePage();
        QVERIFY(page->controller());
        QCOMPARE(page->form()->hostBox()->currentText(), QStringLiteral("127.0.0.1")); // loopback by default
        page->form()->portBox()->setValue(0);
        QVERIFY(page->startStopButton()->isEnabled());
        QTest::mouseClick(page->startStopButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(page->controller()->state(), ServeController::State::Running, 10000);
        QVERIFY(!page->form()->isEnabled()); // settings are fixed while serving
        const QString url = page->controller()->url();
        QVERIFY(page->statusLabel()->text().contains(url));

        const QJsonObject version = get(url + QStringLiteral("/version"));
        QVERIFY(
            !version.value(QStringLiteral("data")).toObject().value(QStringLiteral("apiVersion")).toString().isEmpty());

        ClientCommandsPanel* commands = page->commands();
        QCOMPARE(commands->remoteAddField()->text(),
                 QStringLiteral("apptainer remote add --no-login --insecure desktop %1").arg(url));
        QCOMPARE(commands->remoteLoginField()->text(), QStringLiteral("apptainer remote login desktop"));
        QTRY_COMPARE(commands->userBox()->currentText(), QStringLiteral("alice"));
        QVERIFY(commands->pullField()->text().startsWith(
            QStringLiteral("apptainer pull library://127.0.0.1:%1/alice/").arg(page->controller()->port())));
        QVERIFY(commands->sregistryField()->text().contains(url));
        QVERIFY(page->fingerprintField()->isHidden()); // plain HTTP has none

        // Closing the window does not stop serving: the controller belongs to the source.
        ServeController* controller = page->controller();
        window->close();
        test::AdminGuiFixture::settle();
        QCOMPARE(controller->state(), ServeController::State::Running);
        window = fixture.openAdministration(QStringLiteral("serve"));
        page = window->servePage();
        QCOMPARE(page->controller(), controller);
        QCOMPARE(page->startStopButton()->text().remove(u'&'), QStringLiteral("Stop Serving"));

        QTest::mouseClick(page->startStopButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(controller->state(), ServeController::State::Stopped, 10000);
        QVERIFY(page->form()->isEnabled());
        QVERIFY(!page->commands()->remoteAddField()->isVisibleTo(page));
    }

    void networkAddressNeedsTlsOrAnExplicitChoice()
    {
        test::AdminGuiFixture fixture;
        AdministrationWindow* window = fixture.openAdministration(QStringLiteral("serve"));
        ServeSettingsForm* form = window->servePage()->form();
        QPushButton* start = window->servePage()->startStopButton();
        QVERIFY(form->insecureBox()->isHidden());
        form->hostBox()->setCurrentText(QStringLiteral("0.0.0.0"));
        QVERIFY(!form->insecureBox()->isHidden());
        QVERIFY(!start->isEnabled());
        form->insecureBox()->setChecked(true);
        QVERIFY(start->isEnabled());
        form->insecureBox()->setChecked(false);
        form->tlsButton(ServeSettings::Tls::SelfSigned)->setChecked(true);
        QVERIFY(form->insecureBox()->isHidden());
        QVERIFY(start->isEnabled());
        form->tlsButton(ServeSettings::Tls::Files)->setChecked(true);
        QVERIFY(!start->isEnabled()); // no certificate chosen
    }

    void selfSignedShowsFingerprint()
    {
        test::AdminGuiFixture fixture;
        AdministrationWindow* window = fixture.openAdministration(QStringLiteral("serve"));
        ServePage* page = window->servePage();
        page->form()->portBox()->setValue(0);
        page->form()->tlsButton(ServeSettings::Tls::SelfSigned)->setChecked(true);
        QTest::mouseClick(page->startStopButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(page->controller()->state(), ServeController::State::Running, 20000);
        QVERIFY(page->controller()->url().startsWith(QStringLiteral("https://")));
        QVERIFY(!page->fingerprintField()->isHidden());
        QCOMPARE(page->fingerprintField()->text().count(u':'), 31);
        QVERIFY(!get(page->controller()->url() + QStringLiteral("/version"), true).isEmpty());
        QVERIFY(page->commands()->remoteAddField()->text().contains(QStringLiteral("--insecure")));
        page->startOrStop();
        QTRY_COMPARE_WITH_TIMEOUT(page->controller()->state(), ServeController::State::Stopped, 10000);
    }
};

QTEST_MAIN(ServeGuiTest)
#include "ServeGuiTest.moc"
