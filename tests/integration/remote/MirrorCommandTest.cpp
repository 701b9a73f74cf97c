// `sregistry-server mirror` and `copy` as a cron job runs them: a preview that changes nothing, a mirror into an
// empty registry, a second run with nothing to do, --prune after the source dropped a tag (frozen local tags
// kept), a frozen source tag frozen in the mirror, a tag moved at the source; tokens from private files only;
// copy both ways; and a mirror of a collection the token may not see.

#include "RemoteTestServer.h"
#include "TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace sreg;
using namespace sreg::test;

class MirrorCommandTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void dryRunChangesNothing();
    void mirrorsIntoAnEmptyRegistry();
    void secondRunHasNothingToDo();
    void pruneKeepsFrozenTags();
    void tokenFileMustBePrivate();
    void privateCollectionIsRefusedWithoutMembership();
    void copiesSingleImagesBothWays();

private:
    ServerProcess::CliResult local(const QStringList& args) const { return ServerProcess::cli(m_localData, args); }
    QString localDigest(const QString& ref) const;
    QString mirror(const QStringList& extra = {}) const;

    QTemporaryDir m_dir;
    std::unique_ptr<RemoteTestServer> m_source;
    QString m_localData;
    QString m_tokenFile;
    QStringList m_digests;
};

QString MirrorCommandTest::localDigest(const QString& ref) const
{
    const ServerProcess::CliResult ls = local({ QStringLiteral("ls"), ref.section(u'/', 0, 0), QStringLiteral("--json") });
    const QJsonArray tags = QJsonDocument::fromJson(ls.out).array();
    const QString container = ref.section(u'/', 1).section(u':', 0, 0);
    const QString tag = ref.section(u':', 1);
    for (const QJsonValue& value : tags) {
        const QJsonObject object = value.toObject();
        if (object.value(QStringLiteral("container")).toString() == container
            && object.value(QStringLiteral("name")).toString() == tag)
            return object.value(QStringLiteral("image")).toObject().value(QStringLiteral("digest")).toString();
    }
    return {};
}

void MirrorCommandTest::initTestCase()
{
    m_source = std::make_unique<RemoteTestServer>(m_dir.filePath(QStringLiteral("source")));
    for (int i = 0; i < 4; ++i) {
        const QString digest = m_source->push(QStringLiteral("lab/img%1:v1").arg(i), (1 + i) << 20, 100 + i);
        QVERIFY(!digest.isEmpty());
        m_digests << digest;
    }
    QVERIFY(m_source->process().cli({ QStringLiteral("tag"), QStringLiteral("lab/img0:v1"), QStringLiteral("stable") })
                .exitCode
            == 0);
    QVERIFY(m_source->process().cli({ QStringLiteral("freeze"), QStringLiteral("lab/img0:stable") }).exitCode == 0);
    QVERIFY2(m_source->start(), qPrintable(m_source->process().lastError()));
    m_tokenFile = m_source->tokenFile(m_source->adminToken());
    m_localData = m_dir.filePath(QStringLiteral("local"));
}

QString MirrorCommandTest::mirror(const QStringList& extra) const
{
    const ServerProcess::CliResult result
        = local(QStringList { QStringLiteral("mirror"), m_source->url(), QStringLiteral("lab"),
                              QStringLiteral("--token-file"), m_tokenFile }
                + extra);
    if (result.exitCode != 0)
        qWarning("mirror failed (%d): %s", result.exitCode, result.err.constData());
    return result.exitCode == 0 ? QString::fromUtf8(result.out) : QString();
}

void MirrorCommandTest::dryRunChangesNothing()
{
    const ServerProcess::CliResult preview
        = local({ QStringLiteral("mirror"), m_source->url(), QStringLiteral("lab"), QStringLiteral("--token-file"),
                  m_tokenFile, QStringLiteral("--dry-run"), QStringLiteral("--json") });
    QCOMPARE(preview.exitCode, 0);
    const QJsonObject plan = QJsonDocument::fromJson(preview.out).object();
    QVERIFY(plan.value(QStringLiteral("createCollection")).toBool());
    QCOMPARE(plan.value(QStringLiteral("copy")).toInt(), 5); // 4 images, one with two tags
    QCOMPARE(qint64(plan.value(QStringLiteral("bytes")).toDouble()) > (10 << 20) - (1 << 20), true);
    QVERIFY(localDigest(QStringLiteral("lab/img0:v1")).isEmpty());
    const ServerProcess::CliResult ls = local({ QStringLiteral("collection"), QStringLiteral("ls") });
    QVERIFY(!ls.out.contains("lab"));
}

void MirrorCommandTest::mirrorsIntoAnEmptyRegistry()
{
    const QString out = mirror();
    QVERIFY(!out.isEmpty());
    QVERIFY2(out.contains(QStringLiteral("4 images copied")), qPrintable(out));
    for (int i = 0; i < 4; ++i)
        QCOMPARE(localDigest(QStringLiteral("lab/img%1:v1").arg(i)), m_digests[i]);
    QCOMPARE(localDigest(QStringLiteral("lab/img0:stable")), m_digests[0]);
    // Frozen at the source, frozen in the mirror.
    const ServerProcess::CliResult refused = local({ QStringLiteral("rm"), QStringLiteral("lab/img0:stable") });
    QVERIFY(refused.exitCode != 0);
    QVERIFY(local({ QStringLiteral("verify") }).exitCode == 0);
}

void MirrorCommandTest::secondRunHasNothingToDo()
{
    const QString out = mirror();
    QVERIFY2(out.contains(QStringLiteral("0 to copy")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("0 images copied")), qPrintable(out));
}

void MirrorCommandTest::pruneKeepsFrozenTags()
{
    // Locally: a frozen tag of our own. At the source: a tag dropped, another moved.
    QVERIFY(local({ QStringLiteral("tag"), QStringLiteral("lab/img1:v1"), QStringLiteral("pinned") }).exitCode == 0);
    QVERIFY(local({ QStringLiteral("freeze"), QStringLiteral("lab/img1:pinned") }).exitCode == 0);
    m_source->stop();
    QVERIFY(m_source->process().cli({ QStringLiteral("rm"), QStringLiteral("lab/img2:v1") }).exitCode == 0);
    const QString moved = m_source->push(QStringLiteral("lab/img3:v1"), 2 << 20, 999);
    QVERIFY(!moved.isEmpty());
    QVERIFY(m_source->start());

    const QString preview = mirror({ QStringLiteral("--prune"), QStringLiteral("--dry-run") });
    QVERIFY2(preview.contains(QStringLiteral("delete  lab/img2:v1")), qPrintable(preview));
    QVERIFY2(preview.contains(QStringLiteral("keep    lab/img1:pinned")), qPrintable(preview));
    QVERIFY2(preview.contains(QStringLiteral("copy    lab/img3:v1")), qPrintable(preview));

    const QString out = mirror({ QStringLiteral("--prune") });
    QVERIFY2(out.contains(QStringLiteral("1 deleted")), qPrintable(out));
    QVERIFY(localDigest(QStringLiteral("lab/img2:v1")).isEmpty());
    QCOMPARE(localDigest(QStringLiteral("lab/img1:pinned")), m_digests[1]);
    QCOMPARE(localDigest(QStringLiteral("lab/img3:v1")), moved);
}

void MirrorCommandTest::tokenFileMustBePrivate()
{
    const QString open = m_source->tokenFile(m_source->adminToken(), QStringLiteral("open-token"));
    QVERIFY(QFile::setPermissions(open, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
    const ServerProcess::CliResult refused = local(
        { QStringLiteral("mirror"), m_source->url(), QStringLiteral("lab"), QStringLiteral("--token-file"), open });
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("chmod 600"), refused.err.constData());

    const QString wrong = m_source->tokenFile(QStringLiteral("sreg_wrong"), QStringLiteral("wrong-token"));
    const ServerProcess::CliResult rejected = local(
        { QStringLiteral("mirror"), m_source->url(), QStringLiteral("lab"), QStringLiteral("--token-file"), wrong });
    QCOMPARE(rejected.exitCode, 1);
    QVERIFY2(rejected.err.contains("refused the token"), rejected.err.constData());
}

void MirrorCommandTest::privateCollectionIsRefusedWithoutMembership()
{
    m_source->stop();
    QVERIFY(m_source->process().cli({ QStringLiteral("collection"), QStringLiteral("create"), QStringLiteral("vault"),
                                      QStringLiteral("--private") })
                .exitCode
            == 0);
    QVERIFY(!m_source->push(QStringLiteral("vault/secret:v1"), 1 << 20, 555).isEmpty());
    const QString carol = m_source->process().addUserWithToken(QStringLiteral("carol"), QStringLiteral("read"));
    QVERIFY(m_source->start());
    const QString carolFile = m_source->tokenFile(carol, QStringLiteral("carol-token"));
    const QStringList args { QStringLiteral("mirror"), m_source->url(), QStringLiteral("vault"),
                             QStringLiteral("--token-file"), carolFile };
    const ServerProcess::CliResult refused = local(args);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("has no collection 'vault'"), refused.err.constData());
    const ServerProcess::CliResult anonymous
        = local({ QStringLiteral("mirror"), m_source->url(), QStringLiteral("vault") });
    QCOMPARE(anonymous.exitCode, 1);

    m_source->stop();
    QVERIFY(m_source->process().cli({ QStringLiteral("collection"), QStringLiteral("add-member"), QStringLiteral("vault"),
                                      QStringLiteral("carol"), QStringLiteral("--role"), QStringLiteral("contributor") })
                .exitCode
            == 0);
    QVERIFY(m_source->start());
    const ServerProcess::CliResult allowed = local(args);
    QVERIFY2(allowed.exitCode == 0, allowed.err.constData());
    QVERIFY(!localDigest(QStringLiteral("vault/secret:v1")).isEmpty());
}

void MirrorCommandTest::copiesSingleImagesBothWays()
{
    const ServerProcess::CliResult up
        = local({ QStringLiteral("copy"), QStringLiteral("lab/img1:v1"), m_source->url() + QStringLiteral("/uploaded/one"),
                  QStringLiteral("--token-file"), m_tokenFile });
    QVERIFY2(up.exitCode == 0, up.err.constData());
    QVERIFY2(up.out.startsWith(m_digests[1].toUtf8()), up.out.constData());
    QVERIFY(up.out.contains("already there")); // the source server holds those bytes in lab
    const ServerProcess::CliResult down
        = local({ QStringLiteral("copy"), m_source->url() + QStringLiteral("/uploaded/one:v1"),
                  QStringLiteral("fetched/one:latest"), QStringLiteral("--token-file"), m_tokenFile });
    QVERIFY2(down.exitCode == 0, down.err.constData());
    QCOMPARE(localDigest(QStringLiteral("fetched/one:latest")), m_digests[1]);
    const ServerProcess::CliResult missing
        = local({ QStringLiteral("copy"), m_source->url() + QStringLiteral("/uploaded/none:v1"),
                  QStringLiteral("fetched/none:v1"), QStringLiteral("--token-file"), m_tokenFile });
    QCOMPARE(missing.exitCode, 1);
}

QTEST_GUILESS_MAIN(MirrorCommandTest)
#include "MirrorCommandTest.moc"
