#include "SifBuilder.h"
#include "TempRegistry.h"
#include "TestSupport.h"
#include "common/Names.h"
#include "common/Sha256.h"
#include "metadata/Database.h"
#include "metadata/Sql.h"
#include "registry/AccountService.h"
#include "registry/CollectionService.h"
#include "registry/ImageService.h"
#include "storage/BlobStore.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHostInfo>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace sreg;
using namespace sreg::test;

// Pushing and pulling, and every way a push can be refused: each refusal must leave the registry exactly as
// it was (no rows, no blobs, no temporary files).
class RegistryPushTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pushThenPullGivesTheSameBytes();
    void identicalContentIsStoredOnce();
    void everyValidFixtureIsAccepted_data();
    void everyValidFixtureIsAccepted();
    void refusalsLeaveNothing_data();
    void refusalsLeaveNothing();
    void announcedDigestMustMatch();
    void announcedSizeMustMatch();
    void ioErrorMidWriteLeavesNothing();
    void cancelledPushLeavesNothing();
    void quotaIsCheckedBeforeBytesAreAccepted();
    void crashBetweenCommitAndRecordIsCleanedAtOpen();
};

namespace {

PushRequest requestFor(const QString& collection, const QString& container, const QStringList& tags)
{
    PushRequest request;
    request.collection = collection;
    request.container = container;
    request.tags = tags;
    return request;
}

} // namespace

void RegistryPushTest::pushThenPullGivesTheSameBytes()
{
    TempRegistry temp;
    QVERIFY2(temp.isOpen(), qPrintable(temp.openError()));
    const QString file = fixture(QStringLiteral("singularity-like.sif"));
    Result<ImageRecord> pushed = temp.registry().images().pushFile(
        Actor::local(), file, requestFor(QStringLiteral("lab"), QStringLiteral("tool"), { QStringLiteral("v1") }));
    QVERIFY2(pushed.ok(), pushed ? "" : qPrintable(pushed.error().message()));
    QCOMPARE(pushed->digest, QStringLiteral("sha256.") + sha256OfFile(file));
    QCOMPARE(pushed->size, QFileInfo(file).size());
    QCOMPARE(pushed->arch, QStringLiteral("amd64"));
    QCOMPARE(pushed->tags, QStringList { QStringLiteral("v1") });

    QTemporaryDir out;
    for (const QString& refText : { QStringLiteral("lab/tool:v1"), QStringLiteral("lab/tool:") + pushed->digest }) {
        Result<ImageRef> ref = ImageRef::parse(refText);
        QVERIFY(ref.ok());
        const QString target = out.filePath(QStringLiteral("pulled.sif"));
        Result<ImageRecord> pulled = temp.registry().images().pullToFile(Actor::local(), *ref, {}, target);
        QVERIFY2(pulled.ok(), pulled ? "" : qPrintable(pulled.error().message()));
        QCOMPARE(readFile(target), readFile(file));
        QFile::remove(target);
    }
    Result<ImageRecord> image = temp.registry().images().resolve(Actor::local(), *ImageRef::parse(QStringLiteral("lab/tool:v1")));
    QVERIFY(image.ok());
    QCOMPARE(image->downloads, 2);
}

void RegistryPushTest::identicalContentIsStoredOnce()
{
    TempRegistry temp;
    const QString file = fixture(QStringLiteral("singularity-like.sif"));
    ImageService& images = temp.registry().images();
    QVERIFY(images.pushFile(Actor::local(), file, requestFor("lab", "tool", { "v1", "latest" })).ok());
    QVERIFY(images.pushFile(Actor::local(), file, requestFor("lab", "other", { "v1" })).ok());
    QVERIFY(images.pushFile(Actor::local(), file, requestFor("site", "tool", { "stable" })).ok());
    int blobs = 0;
    QVERIFY(temp.registry().store().enumerate([&](const BlobInfo&) {
        ++blobs;
        return true;
    }));
    QCOMPARE(blobs, 1);
    const QStringList files = listFilesRecursively(temp.dataDir() + QStringLiteral("/blobs"));
    QCOMPARE(files.filter(QStringLiteral("sha256/8c/")).size(), 1);
}

void RegistryPushTest::everyValidFixtureIsAccepted_data()
{
    QTest::addColumn<QString>("name");
    for (const char* name : { "empty.sif", "empty-zero-id.sif", "singularity-like.sif", "signed-fake.sif", "v1-layout.sif",
             "all-types.sif", "multi-partition.sif", "deleted-object.sif", "setprim-quirk.sif", "future-types.sif" })
        QTest::newRow(name) << QString::fromLatin1(name);
}

void RegistryPushTest::everyValidFixtureIsAccepted()
{
    QFETCH(QString, name);
    TempRegistry temp;
    Result<ImageRecord> pushed = temp.registry().images().pushFile(
        Actor::local(), fixture(name), requestFor("fixtures", Names::suggestFrom(name.section(u'.', 0, 0)), { "v1" }));
    QVERIFY2(pushed.ok(), pushed ? "" : qPrintable(pushed.error().message()));
    QCOMPARE(pushed->digest, QStringLiteral("sha256.") + sha256OfFile(fixture(name)));
    if (name == u"signed-fake.sif" || name == u"multi-partition.sif")
        QVERIFY(pushed->isSigned);
}

void RegistryPushTest::refusalsLeaveNothing_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("ref");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("phrase");
    const QString good = QStringLiteral("singularity-like.sif");
    QTest::newRow("squashfs") << "legacy-squashfs.simg" << "lab/tool:v1" << int(ErrorCode::NotSif) << "squashfs";
    QTest::newRow("text file") << "README.md" << "lab/tool:v1" << int(ErrorCode::NotSif) << "not a SIF";
    const QList<QPair<const char*, const char*>> broken { { "bad-magic.sif", "not a SIF" },
        { "bad-version.sif", "version" }, { "truncated-header.sif", "" }, { "truncated-descriptors.sif", "" },
        { "truncated-data.sif", "past end of file" }, { "offset-past-eof.sif", "" }, { "overlap.sif", "overlap" },
        { "offset-into-header.sif", "" }, { "descriptors-past-eof.sif", "" }, { "count-too-large.sif", "" },
        { "count-huge.sif", "" }, { "negative-size.sif", "negative" }, { "bad-name-utf8.sif", "" },
        { "duplicate-id.sif", "duplicate" }, { "free-count-mismatch.sif", "free" } };
    for (const auto& [name, phrase] : broken)
        QTest::newRow(name) << QStringLiteral("broken/") + QLatin1String(name) << "lab/tool:v1" << -1 << QString::fromLatin1(phrase);
    QTest::newRow("upper-case collection") << good << "Lab/tool:v1" << int(ErrorCode::InvalidName) << "collection";
    QTest::newRow("traversal container") << good << "lab/..:v1" << int(ErrorCode::InvalidName) << "container";
    QTest::newRow("bad tag") << good << "lab/tool:v1/../x" << int(ErrorCode::InvalidName) << "tag";
}

void RegistryPushTest::refusalsLeaveNothing()
{
    QFETCH(QString, file);
    QFETCH(QString, ref);
    QFETCH(int, code);
    QFETCH(QString, phrase);
    TempRegistry temp;
    // Something already there, which must stay as it is.
    QVERIFY(temp.registry().images().pushFile(Actor::local(), fixture("singularity-like.sif"), requestFor("lab", "tool", { "v1" })).ok());
    const QString before = temp.snapshot();

    const QString path = file == u"README.md" ? fixture(file) : fixture(file);
    const QString collection = ref.section(u'/', 0, 0);
    const QString container = ref.section(u'/', 1).section(u':', 0, 0);
    const QString tag = ref.section(u':', 1);
    Result<ImageRecord> pushed
        = temp.registry().images().pushFile(Actor::local(), path, requestFor(collection, container, { tag }));
    QVERIFY(!pushed.ok());
    if (code >= 0)
        QCOMPARE(int(pushed.error().code()), code);
    else
        QVERIFY2(pushed.error().code() == ErrorCode::BrokenSif || pushed.error().code() == ErrorCode::NotSif,
            qPrintable(pushed.error().message()));
    QVERIFY2(pushed.error().message().contains(phrase, Qt::CaseInsensitive), qPrintable(pushed.error().message()));
    QCOMPARE(temp.snapshot(), before);
}

void RegistryPushTest::announcedDigestMustMatch()
{
    TempRegistry temp;
    const QString before = temp.snapshot();
    const QByteArray bytes = readFile(fixture("singularity-like.sif"));
    PushRequest request = requestFor("lab", "tool", { "v1" });
    request.expectedDigest = Sha256::of("something else");
    Result<std::unique_ptr<PushSession>> session = temp.registry().images().beginPush(Actor::local(), request);
    QVERIFY(session.ok());
    QVERIFY((*session)->write(bytes.constData(), bytes.size()).ok());
    Result<ImageRecord> finished = (*session)->finish();
    QVERIFY(!finished.ok());
    QCOMPARE(finished.error().code(), ErrorCode::DigestMismatch);
    session->reset();
    QCOMPARE(temp.snapshot(), before);
}

void RegistryPushTest::announcedSizeMustMatch()
{
    TempRegistry temp;
    const QString before = temp.snapshot();
    const QByteArray bytes = readFile(fixture("singularity-like.sif"));
    PushRequest request = requestFor("lab", "tool", { "v1" });
    request.expectedSize = bytes.size() + 1;
    Result<std::unique_ptr<PushSession>> session = temp.registry().images().beginPush(Actor::local(), request);
    QVERIFY(session.ok());
    QVERIFY((*session)->write(bytes.constData(), bytes.size()).ok());
    Result<ImageRecord> finished = (*session)->finish();
    QVERIFY(!finished.ok());
    QCOMPARE(finished.error().code(), ErrorCode::SizeMismatch);
    session->reset();
    QCOMPARE(temp.snapshot(), before);
}

void RegistryPushTest::ioErrorMidWriteLeavesNothing()
{
    TempRegistry temp;
    QTemporaryDir dir;
    const QString big = dir.filePath(QStringLiteral("big.sif"));
    QVERIFY(makeSif(big, 8 * 1024 * 1024, 7).ok());
    const QString before = temp.snapshot();

    // A file-size limit makes write(2) fail with EFBIG part-way, as a full disk would with ENOSPC.
    struct rlimit saved {};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
    auto previous = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limited = saved;
    limited.rlim_cur = 2 * 1024 * 1024;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
    Result<ImageRecord> pushed = temp.registry().images().pushFile(Actor::local(), big, requestFor("lab", "tool", { "v1" }));
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previous);

    QVERIFY(!pushed.ok());
    QCOMPARE(pushed.error().code(), ErrorCode::Io);
    QCOMPARE(temp.snapshot(), before);
}

void RegistryPushTest::cancelledPushLeavesNothing()
{
    TempRegistry temp;
    QTemporaryDir dir;
    const QString big = dir.filePath(QStringLiteral("big.sif"));
    QVERIFY(makeSif(big, 16 * 1024 * 1024, 8).ok());
    const QString before = temp.snapshot();
    Result<ImageRecord> pushed = temp.registry().images().pushFile(Actor::local(), big, requestFor("lab", "tool", { "v1" }),
        [](qint64 done, qint64) { return done < 4 * 1024 * 1024; });
    QVERIFY(!pushed.ok());
    QCOMPARE(pushed.error().code(), ErrorCode::Cancelled);
    QCOMPARE(temp.snapshot(), before);
}

void RegistryPushTest::quotaIsCheckedBeforeBytesAreAccepted()
{
    TempRegistry temp;
    CollectionService& collections = temp.registry().collections();
    QVERIFY(collections.create(Actor::local(), "lab").ok());
    CollectionUpdate update;
    update.quotaBytes = std::optional<qint64>(50 * 1024);
    QVERIFY(collections.update(Actor::local(), "lab", update).ok());
    const QString file = fixture("singularity-like.sif"); // 40 KiB: fits once
    QVERIFY(temp.registry().images().pushFile(Actor::local(), file, requestFor("lab", "tool", { "v1" })).ok());
    // The same bytes again cost nothing.
    QVERIFY(temp.registry().images().pushFile(Actor::local(), file, requestFor("lab", "tool", { "v2" })).ok());
    const QString before = temp.snapshot();
    Result<ImageRecord> over = temp.registry().images().pushFile(
        Actor::local(), fixture("signed-fake.sif"), requestFor("lab", "tool", { "signed" }));
    QVERIFY(!over.ok());
    QCOMPARE(over.error().code(), ErrorCode::QuotaExceeded);
    QCOMPARE(temp.snapshot(), before);

    // A user quota applies across collections.
    Result<UserRecord> alice = temp.registry().accounts().addUser(Actor::local(), "alice");
    QVERIFY(alice.ok());
    QVERIFY(temp.registry().accounts().setQuota(Actor::local(), "alice", 10 * 1024).ok());
    const Actor asAlice = Actor::user(alice->id, "alice", false, Scope::Push | Scope::Admin);
    const QString beforeAlice = temp.snapshot();
    Result<ImageRecord> hers = temp.registry().images().pushFile(asAlice, file, requestFor("alices", "tool", { "v1" }));
    QVERIFY(!hers.ok());
    QCOMPARE(hers.error().code(), ErrorCode::QuotaExceeded);
    QCOMPARE(temp.snapshot(), beforeAlice);
}

void RegistryPushTest::crashBetweenCommitAndRecordIsCleanedAtOpen()
{
    TempRegistry temp;
    // What a process killed after committing the blob but before recording it leaves: the blob, and its
    // pending mark owned by a process that no longer exists.
    const QByteArray bytes = readFile(fixture("singularity-like.sif"));
    Result<std::unique_ptr<BlobWriter>> writer = temp.registry().store().beginWrite({});
    QVERIFY(writer.ok());
    QVERIFY((*writer)->write(bytes.constData(), bytes.size()).ok());
    Result<Digest> digest = (*writer)->finish();
    QVERIFY(digest.ok());
    QVERIFY((*writer)->commit().ok());
    {
        QSqlDatabase db = temp.registry().database().connection();
        QVERIFY(sqlExec(db, QStringLiteral("INSERT INTO pending_blobs (digest, owner, started_at) VALUES (?, ?, ?)"),
            { digest->toString(), QHostInfo::localHostName() + QStringLiteral(":999999999"),
                QDateTime::currentMSecsSinceEpoch() })
                    .ok());
    }
    QVERIFY(temp.registry().store().exists(*digest).value());
    QVERIFY(temp.reopen());
    QVERIFY(!temp.registry().store().exists(*digest).value());
    QSqlDatabase reopened = temp.registry().database().connection();
    Result<std::optional<QVariant>> pending = sqlScalar(reopened, QStringLiteral("SELECT COUNT(*) FROM pending_blobs"));
    QVERIFY(pending && *pending);
    QCOMPARE((*pending)->toInt(), 0);
}

QTEST_GUILESS_MAIN(RegistryPushTest)
#include "RegistryPushTest.moc"
