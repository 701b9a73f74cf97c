#include "SifBuilder.h"
#include "TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace sreg::test;

// sregistry-server's command line as scripts see it: exit statuses (0 ok, 1 failed, 2 usage), what goes to
// stdout, one clear line on stderr, and a data folder that survives a killed process.
class CliTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void pushPrintsTheDigestAndPullVerifies();
    void refusedPushExitsOneWithOneLine();
    void tokenCreatePrintsOnlyTheSecret();
    void collectionsUsersAndTags();
    void gcAndVerify();
    void inspectPrintsJson();
    void killedPushLeavesNothingAfterReopen();

private:
    struct Run
    {
        int status = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList& args);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_data;
};

void CliTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_data = m_dir->filePath(QStringLiteral("data"));
}

CliTest::Run CliTest::run(const QStringList& args)
{
    QProcess process;
    process.start(binDir() + QStringLiteral("/sregistry-server"), QStringList { QStringLiteral("--data"), m_data } + args);
    process.waitForFinished(120000);
    Run result;
    result.status = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void CliTest::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("nothing") << QStringList {};
    QTest::newRow("unknown command") << QStringList { "frobnicate" };
    QTest::newRow("push without ref") << QStringList { "push", "file.sif" };
    QTest::newRow("bad ref") << QStringList { "push", "file.sif", "Tool:v1" };
    QTest::newRow("bad option") << QStringList { "ls", "--frob" };
    QTest::newRow("token without name") << QStringList { "token", "create", "alice" };
    QTest::newRow("bad scope") << QStringList { "token", "create", "alice", "--name", "t", "--scope", "root" };
    QTest::newRow("bad collection name") << QStringList { "collection", "create", "My Lab" };
    QTest::newRow("unknown collection action") << QStringList { "collection", "explode", "lab" };
}

void CliTest::usageErrorsExitTwo()
{
    QFETCH(QStringList, args);
    const Run result = run(args);
    QCOMPARE(result.status, 2);
    QVERIFY(result.out.isEmpty());
    QVERIFY(!result.err.isEmpty());
    QVERIFY(!QDir(m_data).exists()); // a usage error does not even create the data folder
}

void CliTest::pushPrintsTheDigestAndPullVerifies()
{
    const QString file = fixture(QStringLiteral("singularity-like.sif"));
    const Run pushed = run({ "push", file, "alice/lab/tool:v1,latest" });
    QCOMPARE(pushed.status, 0);
    QCOMPARE(pushed.out, QStringLiteral("sha256.") + sha256OfFile(file) + u'\n');
    QVERIFY(pushed.err.isEmpty());

    const QString out = m_dir->filePath(QStringLiteral("out.sif"));
    QCOMPARE(run({ "pull", "lab/tool:latest", out }).status, 0);
    QCOMPARE(readFile(out), readFile(file));
    QFile::remove(out);
    QCOMPARE(run({ "pull", "lab/tool:" + pushed.out.trimmed(), out }).status, 0);
    QCOMPARE(readFile(out), readFile(file));

    const Run missing = run({ "pull", "lab/tool:nope", m_dir->filePath("none.sif") });
    QCOMPARE(missing.status, 1);
    QVERIFY(missing.err.contains(QStringLiteral("not found")));
    QVERIFY(!QFile::exists(m_dir->filePath("none.sif")));
}

void CliTest::refusedPushExitsOneWithOneLine()
{
    const Run refused = run({ "push", fixture("broken/overlap.sif"), "lab/tool:v1" });
    QCOMPARE(refused.status, 1);
    QVERIFY(refused.out.isEmpty());
    QCOMPARE(refused.err.count(u'\n'), 1);
    QVERIFY(refused.err.startsWith(QStringLiteral("sregistry-server: ")));
    QVERIFY(refused.err.contains(QStringLiteral("overlap")));
    const Run listing = run({ "ls" });
    QCOMPARE(listing.status, 0);
    QVERIFY(!listing.out.contains(QStringLiteral("lab")));
}

void CliTest::tokenCreatePrintsOnlyTheSecret()
{
    QCOMPARE(run({ "user", "add", "alice" }).status, 0);
    const Run created = run({ "token", "create", "alice", "--name", "laptop", "--scope", "read", "--expires", "30" });
    QCOMPARE(created.status, 0);
    QCOMPARE(created.out.count(u'\n'), 1);
    QVERIFY(created.out.startsWith(QStringLiteral("sreg_")));
    const Run listed = run({ "token", "ls", "alice", "--json" });
    QCOMPARE(listed.status, 0);
    const QJsonArray tokens = QJsonDocument::fromJson(listed.out.toUtf8()).array();
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(tokens[0].toObject()["name"].toString(), QStringLiteral("laptop"));
    QVERIFY(!listed.out.contains(created.out.trimmed())); // the secret is never shown again
    QCOMPARE(run({ "token", "revoke", QString::number(tokens[0].toObject()["id"].toInt()) }).status, 0);
    QVERIFY(run({ "token", "ls", "alice" }).out.contains(QStringLiteral("revoked")));
    QCOMPARE(run({ "token", "create", "nobody", "--name", "x" }).status, 1);
}

void CliTest::collectionsUsersAndTags()
{
    QCOMPARE(run({ "collection", "create", "lab", "--private" }).status, 0);
    QCOMPARE(run({ "collection", "create", "lab" }).status, 1);
    QVERIFY(run({ "collection", "ls" }).out.contains(QStringLiteral("private")));
    QCOMPARE(run({ "collection", "set-public", "lab" }).status, 0);
    QVERIFY(run({ "collection", "ls" }).out.contains(QStringLiteral("public")));
    QCOMPARE(run({ "user", "add", "bob", "--admin" }).status, 0);
    QVERIFY(run({ "user", "ls" }).out.contains(QStringLiteral("admin")));
    QCOMPARE(run({ "user", "disable", "bob" }).status, 0);
    QVERIFY(run({ "user", "ls" }).out.contains(QStringLiteral("disabled")));

    QCOMPARE(run({ "push", fixture("singularity-like.sif"), "lab/tool:v1" }).status, 0);
    QCOMPARE(run({ "tag", "lab/tool:v1", "stable" }).status, 0);
    QCOMPARE(run({ "freeze", "lab/tool:stable" }).status, 0);
    const Run frozen = run({ "rm", "lab/tool:stable" });
    QCOMPARE(frozen.status, 1);
    QVERIFY(frozen.err.contains(QStringLiteral("frozen")));
    QCOMPARE(run({ "unfreeze", "lab/tool:stable" }).status, 0);
    QCOMPARE(run({ "rm", "lab/tool:stable" }).status, 0);
    const Run listing = run({ "ls", "lab" });
    QVERIFY(listing.out.contains(QStringLiteral("tool:v1")));
    QVERIFY(!listing.out.contains(QStringLiteral("tool:stable")));
    QCOMPARE(run({ "collection", "rm", "lab" }).status, 0);
    QCOMPARE(run({ "ls", "lab" }).status, 1);
}

void CliTest::gcAndVerify()
{
    QCOMPARE(run({ "push", fixture("singularity-like.sif"), "lab/tool:v1" }).status, 0);
    QCOMPARE(run({ "push", fixture("signed-fake.sif"), "lab/signed:v1" }).status, 0);
    QCOMPARE(run({ "rm", "lab/signed:v1" }).status, 0);
    const Run preview = run({ "gc", "--dry-run" });
    QCOMPARE(preview.status, 0);
    QVERIFY(preview.out.contains(QStringLiteral("would remove sha256.5487044c")));
    QVERIFY(preview.out.contains(QStringLiteral("would free 42 KiB in 1 blob(s)")));
    const Run collected = run({ "gc", "--json" });
    QCOMPARE(collected.status, 0);
    QCOMPARE(QJsonDocument::fromJson(collected.out.toUtf8()).object()["bytes"].toInt(), 42990);
    QCOMPARE(run({ "verify" }).status, 0);
    // Remove the remaining blob behind the registry's back: verify reports it and fails.
    const QStringList blobs = listFilesRecursively(m_data + QStringLiteral("/blobs")).filter(QStringLiteral("sha256/"));
    QCOMPARE(blobs.size(), 1);
    QVERIFY(QFile::remove(m_data + QStringLiteral("/blobs/") + blobs.front()));
    const Run broken = run({ "verify" });
    QCOMPARE(broken.status, 1);
    QVERIFY(broken.out.contains(QStringLiteral("MISSING")));
}

void CliTest::inspectPrintsJson()
{
    QCOMPARE(run({ "push", fixture("signed-fake.sif"), "lab/tool:v1" }).status, 0);
    const Run inspected = run({ "inspect", "lab/tool:v1", "--json" });
    QCOMPARE(inspected.status, 0);
    const QJsonObject report = QJsonDocument::fromJson(inspected.out.toUtf8()).object();
    QCOMPARE(report["arch"].toString(), QStringLiteral("amd64"));
    QCOMPARE(report["size"].toInt(), 42990);
    QCOMPARE(report["sif"].toObject()["objects"].toArray().size(), 5);
    QCOMPARE(report["sif"].toObject()["metadata"].toObject()["labels"].toObject()["Version"].toString(), QStringLiteral("1.0"));
    const Run local = run({ "inspect", fixture("singularity-like.sif") });
    QCOMPARE(local.status, 0);
    QVERIFY(local.out.contains(QStringLiteral("FS (Squashfs/*System/amd64)")));
    QVERIFY(local.out.contains(QStringLiteral("Bootstrap: scratch")));
    QCOMPARE(run({ "inspect", fixture("broken/bad-magic.sif") }).status, 1);
}

void CliTest::killedPushLeavesNothingAfterReopen()
{
    QCOMPARE(run({ "collection", "create", "lab" }).status, 0);
    const QString big = m_dir->filePath(QStringLiteral("big.sif"));
    QVERIFY(makeSif(big, 400LL * 1024 * 1024, 9).ok());
    QProcess push;
    push.start(binDir() + QStringLiteral("/sregistry-server"), { "--data", m_data, "push", big, "lab/tool:v1" });
    QVERIFY(push.waitForStarted());
    // Kill it once it has started writing its temporary file.
    const QString tmp = m_data + QStringLiteral("/blobs/tmp");
    QTRY_VERIFY_WITH_TIMEOUT(!QDir(tmp).entryList(QDir::Files).isEmpty(), 20000);
    ::kill(pid_t(push.processId()), SIGKILL);
    push.waitForFinished();
    QCOMPARE(push.exitStatus(), QProcess::CrashExit);

    // The next run cleans up whatever the killed process left.
    const Run listing = run({ "ls", "lab", "--json" });
    QCOMPARE(listing.status, 0);
    QCOMPARE(QJsonDocument::fromJson(listing.out.toUtf8()).array().size(), 0);
    QVERIFY(QDir(tmp).entryList(QDir::Files).isEmpty());
    QVERIFY(listFilesRecursively(m_data + QStringLiteral("/blobs")).filter(QStringLiteral("sha256/")).isEmpty());
}

QTEST_GUILESS_MAIN(CliTest)
#include "CliTest.moc"
