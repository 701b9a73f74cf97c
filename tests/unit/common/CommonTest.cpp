#include "common/Digest.h"
#include "common/ImageRef.h"
#include "common/Names.h"
#include "common/Sha256.h"

#include <QTest>

using namespace sreg;

class CommonTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesFollowTheLibraryRule_data();
    void namesFollowTheLibraryRule();
    void suggestsValidNames();
    void sha256MatchesKnownVectors();
    void hmacMatchesRfc4231();
    void digestTextForms();
    void parsesReferences_data();
    void parsesReferences();
};

void CommonTest::namesFollowTheLibraryRule_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("simple") << "busybox" << true;
    QTest::newRow("separators") << "a.b_c-d" << true;
    QTest::newRow("digits") << "3d" << true;
    QTest::newRow("upper") << "Busybox" << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("leading-sep") << "-a" << false;
    QTest::newRow("trailing-sep") << "a-" << false;
    QTest::newRow("double-sep") << "a--b" << false;
    QTest::newRow("slash") << "a/b" << false;
    QTest::newRow("dotdot") << ".." << false;
    QTest::newRow("space") << "a b" << false;
    QTest::newRow("unicode") << QStringLiteral("caf\u00e9") << false;
    QTest::newRow("too-long") << QString(129, u'a') << false;
    QTest::newRow("max-length") << QString(128, u'a') << true;
}

void CommonTest::namesFollowTheLibraryRule()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(Names::isValid(name), valid);
    QCOMPARE(Names::whyInvalid(name, QStringLiteral("tag")).isEmpty(), valid);
}

void CommonTest::suggestsValidNames()
{
    QCOMPARE(Names::suggestFrom(QStringLiteral("My Tool_v2")), QStringLiteral("my-tool-v2"));
    QCOMPARE(Names::suggestFrom(QStringLiteral("--lolcow--")), QStringLiteral("lolcow"));
    QCOMPARE(Names::suggestFrom(QStringLiteral("python-3.11")), QStringLiteral("python-3.11"));
    QVERIFY(Names::suggestFrom(QStringLiteral("***")).isEmpty());
}

void CommonTest::sha256MatchesKnownVectors()
{
    QCOMPARE(Sha256::of("").hex(), QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    Sha256 hasher;
    hasher.update(QByteArrayView("ab"));
    hasher.update(QByteArrayView("c"));
    QCOMPARE(hasher.finish().hex(), QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    // The hasher resets after finish().
    hasher.update(QByteArrayView("abc"));
    QCOMPARE(hasher.finish().hex(), QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

void CommonTest::hmacMatchesRfc4231()
{
    // RFC 4231 test case 2.
    QCOMPARE(Sha256::hmac("Jefe", "what do ya want for nothing?").toHex(),
        QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
}

void CommonTest::digestTextForms()
{
    const QString hex = QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    auto dotted = Digest::fromString(QStringLiteral("sha256.") + hex);
    auto coloned = Digest::fromString(QStringLiteral("sha256:") + hex.toUpper());
    QVERIFY(dotted && coloned);
    QCOMPARE(*dotted, *coloned);
    QCOMPARE(dotted->toString(), QStringLiteral("sha256.") + hex);
    QVERIFY(!Digest::fromString(QStringLiteral("sha256.") + hex.left(63)));
    QVERIFY(!Digest::fromString(QStringLiteral("sha512.") + hex));
    QVERIFY(!Digest::fromString(QStringLiteral("sha256.") + hex.left(63) + u'g'));
    QVERIFY(Digest().isNull());
}

void CommonTest::parsesReferences_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("entity");
    QTest::addColumn<QString>("collection");
    QTest::addColumn<QString>("container");
    QTest::addColumn<QString>("tag");
    QTest::newRow("two parts") << "lab/tool:v1" << true << "" << "lab" << "tool" << "v1";
    QTest::newRow("three parts") << "alice/lab/tool:v1" << true << "alice" << "lab" << "tool" << "v1";
    QTest::newRow("scheme") << "library://alice/lab/tool" << true << "alice" << "lab" << "tool" << "latest";
    QTest::newRow("default tag") << "lab/tool" << true << "" << "lab" << "tool" << "latest";
    QTest::newRow("one part") << "tool:v1" << false << "" << "" << "" << "";
    QTest::newRow("four parts") << "a/b/c/d:v1" << false << "" << "" << "" << "";
    QTest::newRow("bad tag") << "lab/tool:V1" << false << "" << "" << "" << "";
    QTest::newRow("traversal") << "../tool:v1" << false << "" << "" << "" << "";
    QTest::newRow("bad digest") << "lab/tool:sha256.abc" << false << "" << "" << "" << "";
}

void CommonTest::parsesReferences()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    auto ref = ImageRef::parse(text);
    QCOMPARE(ref.ok(), ok);
    if (!ok)
        return;
    QFETCH(QString, entity);
    QFETCH(QString, collection);
    QFETCH(QString, container);
    QFETCH(QString, tag);
    QCOMPARE(ref->entity, entity);
    QCOMPARE(ref->collection, collection);
    QCOMPARE(ref->container, container);
    QCOMPARE(ref->tag, tag);
}

QTEST_APPLESS_MAIN(CommonTest)
#include "CommonTest.moc"
