#include "AppSettings.h"
#include "MessageBox.h"
#include "SingleInstance.h"
#include "Theme.h"

#include <QApplication>
#include <QPalette>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sreg;

// The small desktop pieces: typed settings, themes, scripted message boxes, single instance.
class DesktopPiecesTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void settingsHaveDefaultsAndPersist();
    void themesSwitchPalettes();
    void messageBoxesCanBeScripted();
    void secondInstanceForwardsFiles();
};

void DesktopPiecesTest::settingsHaveDefaultsAndPersist()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("s.ini"));
    {
        AppSettings settings(file);
        QCOMPARE(settings.value(AppSettings::Key::Theme).toString(), QStringLiteral("system"));
        QCOMPARE(settings.value(AppSettings::Key::ShowDetailPane).toBool(), true);
        QSignalSpy changed(&settings, &AppSettings::changed);
        settings.setValue(AppSettings::Key::Theme, QStringLiteral("dark"));
        settings.setValue(AppSettings::Key::Theme, QStringLiteral("dark")); // unchanged: no signal
        QCOMPARE(changed.count(), 1);
        settings.setValue(AppSettings::Key::MainWindowGeometry, QByteArray("\x01\x02", 2));
    }
    AppSettings again(file);
    QCOMPARE(again.value(AppSettings::Key::Theme).toString(), QStringLiteral("dark"));
    QCOMPARE(again.value(AppSettings::Key::MainWindowGeometry).toByteArray(), QByteArray("\x01\x02", 2));
    again.reset(AppSettings::Key::Theme);
    QCOMPARE(again.value(AppSettings::Key::Theme).toString(), QStringLiteral("system"));
    // Every key has a name of its own.
    QSet<QString> names;
    for (int key = 0; key < int(AppSettings::Key::KeyCount); ++key)
        names.insert(AppSettings::keyName(AppSettings::Key(key)));
    QCOMPARE(names.size(), int(AppSettings::Key::KeyCount));
}

void DesktopPiecesTest::themesSwitchPalettes()
{
    Theme::apply(Theme::Mode::Dark);
    QVERIFY(Theme::isDark());
    QCOMPARE(Theme::current(), Theme::Mode::Dark);
    Theme::apply(Theme::Mode::Light);
    QVERIFY(!Theme::isDark());
    Theme::apply(Theme::Mode::System);
    QCOMPARE(Theme::fromString(QStringLiteral("dark")), Theme::Mode::Dark);
    QCOMPARE(Theme::fromString(QStringLiteral("nonsense")), Theme::Mode::System);
    QCOMPARE(Theme::toString(Theme::Mode::Light), QStringLiteral("light"));
}

void DesktopPiecesTest::messageBoxesCanBeScripted()
{
    const int before = MessageBox::shownCount();
    MessageBox::setNextAnswer(QMessageBox::Yes);
    const auto answer
        = MessageBox::question(nullptr, QStringLiteral("T"), QStringLiteral("Really?"),
                               QMessageBox::Yes | QMessageBox::No, QMessageBox::No, QStringLiteral("details"));
    QCOMPARE(answer, QMessageBox::Yes);
    QCOMPARE(MessageBox::lastTitle(), QStringLiteral("T"));
    QCOMPARE(MessageBox::lastText(), QStringLiteral("Really?\ndetails"));
    QCOMPARE(MessageBox::shownCount(), before + 1);
}

void DesktopPiecesTest::secondInstanceForwardsFiles()
{
    QTemporaryDir dir;
    SingleInstance first(dir.path());
    QVERIFY(first.claim());
    SingleInstance second(dir.path());
    QVERIFY(!second.claim());
    QSignalSpy activated(&first, &SingleInstance::activated);
    QVERIFY(second.forward({ QStringLiteral("/data/a.sif"), QStringLiteral("/data/b c.sif") }));
    QTRY_COMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toStringList(),
             QStringList({ QStringLiteral("/data/a.sif"), QStringLiteral("/data/b c.sif") }));
    // Another data folder is another instance.
    QTemporaryDir other;
    SingleInstance third(other.path());
    QVERIFY(third.claim());
}

QTEST_MAIN(DesktopPiecesTest)
#include "DesktopPiecesTest.moc"
