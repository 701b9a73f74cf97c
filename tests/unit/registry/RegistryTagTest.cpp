#include "SifBuilder.h"
#include "TempRegistry.h"
#include "TestSupport.h"
#include "registry/CollectionService.h"
#include "registry/ImageService.h"
#include "storage/BlobStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sreg;
using namespace sreg::test;

// Tags are movable pointers with history; frozen tags never move; several architectures share a tag name.
class RegistryTagTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void movingATagKeepsTheOldImageAndRecordsHistory();
    void frozenTagNeverMovesNorGoes();
    void removingTheLastTagRemovesTheImage();
    void removingByDigestRemovesEveryTag();
    void architecturesShareATagName();
    void tagIntoAnotherContainerSharesTheBlob();
    void deletingACollectionWithFrozenTagsIsRefused();

private:
    ImageRecord push(const QString& file, const QString& container, const QStringList& tags);
    ImageRef ref(const QString& text) { return *ImageRef::parse(text); }

    std::unique_ptr<TempRegistry> m_temp;
    std::unique_ptr<QTemporaryDir> m_files;
    QString m_one, m_two, m_arm;
};

void RegistryTagTest::init()
{
    m_temp = std::make_unique<TempRegistry>();
    m_files = std::make_unique<QTemporaryDir>();
    m_one = m_files->filePath(QStringLiteral("one.sif"));
    m_two = m_files->filePath(QStringLiteral("two.sif"));
    m_arm = m_files->filePath(QStringLiteral("arm.sif"));
    QVERIFY(makeSif(m_one, 48 * 1024, 1).ok());
    QVERIFY(makeSif(m_two, 48 * 1024, 2).ok());
    QVERIFY(makeSif(m_arm, 48 * 1024, 3, QStringLiteral("arm64")).ok());
}

void RegistryTagTest::cleanup()
{
    m_temp.reset();
    m_files.reset();
}

ImageRecord RegistryTagTest::push(const QString& file, const QString& container, const QStringList& tags)
{
    PushRequest request;
    request.collection = QStringLiteral("lab");
    request.container = container;
    request.tags = tags;
    Result<ImageRecord> pushed = m_temp->registry().images().pushFile(Actor::local(), file, request);
    if (!pushed)
        qWarning() << pushed.error().message();
    return pushed ? *pushed : ImageRecord();
}

void RegistryTagTest::movingATagKeepsTheOldImageAndRecordsHistory()
{
    ImageService& images = m_temp->registry().images();
    const ImageRecord first = push(m_one, "tool", { "latest" });
    const ImageRecord second = push(m_two, "tool", { "latest" });
    QVERIFY(first.id && second.id);
    Result<ImageRecord> latest = images.resolve(Actor::local(), ref("lab/tool:latest"));
    QVERIFY(latest.ok());
    QCOMPARE(latest->digest, second.digest);
    // The old image stays reachable by digest: old analyses remain reproducible.
    Result<ImageRecord> old = images.resolve(Actor::local(), ref("lab/tool:" + first.digest));
    QVERIFY(old.ok());
    QVERIFY(old->tags.isEmpty());
    Result<QList<TagHistoryRecord>> history = images.history(Actor::local(), "lab", "tool", "latest");
    QVERIFY(history.ok());
    QCOMPARE(history->size(), 2);
    QCOMPARE(history->at(0).action, QStringLiteral("moved"));
    QCOMPARE(history->at(0).digest, second.digest);
    QCOMPARE(history->at(1).action, QStringLiteral("set"));
    QCOMPARE(history->at(1).digest, first.digest);
}

void RegistryTagTest::frozenTagNeverMovesNorGoes()
{
    ImageService& images = m_temp->registry().images();
    const ImageRecord first = push(m_one, "tool", { "v1" });
    QVERIFY(images.setFrozen(Actor::local(), ref("lab/tool:v1"), true).ok());
    const QString before = m_temp->snapshot();

    PushRequest request;
    request.collection = "lab";
    request.container = "tool";
    request.tags = { "v1" };
    Result<ImageRecord> moved = images.pushFile(Actor::local(), m_two, request);
    QVERIFY(!moved.ok());
    QCOMPARE(moved.error().code(), ErrorCode::Frozen);
    QCOMPARE(m_temp->snapshot(), before);

    Status removed = images.remove(Actor::local(), ref("lab/tool:v1"));
    QVERIFY(!removed.ok());
    QCOMPARE(removed.error().code(), ErrorCode::Frozen);
    Status removedByDigest = images.remove(Actor::local(), ref("lab/tool:" + first.digest));
    QCOMPARE(removedByDigest.error().code(), ErrorCode::Frozen);
    Result<TagRecord> retagged = images.tag(Actor::local(), ref("lab/tool:v1"), "v1");
    QVERIFY(retagged.ok()); // pointing a frozen tag at the image it already has is not a move
    QCOMPARE(m_temp->snapshot(), before);

    QVERIFY(images.setFrozen(Actor::local(), ref("lab/tool:v1"), false).ok());
    QVERIFY(images.remove(Actor::local(), ref("lab/tool:v1")).ok());
}

void RegistryTagTest::removingTheLastTagRemovesTheImage()
{
    ImageService& images = m_temp->registry().images();
    const ImageRecord image = push(m_one, "tool", { "a", "b" });
    QVERIFY(images.remove(Actor::local(), ref("lab/tool:a")).ok());
    QVERIFY(images.resolve(Actor::local(), ref("lab/tool:" + image.digest)).ok());
    QVERIFY(images.remove(Actor::local(), ref("lab/tool:b")).ok());
    Result<ImageRecord> gone = images.resolve(Actor::local(), ref("lab/tool:" + image.digest));
    QCOMPARE(gone.error().code(), ErrorCode::NotFound);
}

void RegistryTagTest::removingByDigestRemovesEveryTag()
{
    ImageService& images = m_temp->registry().images();
    const ImageRecord image = push(m_one, "tool", { "a", "b", "c" });
    QVERIFY(images.remove(Actor::local(), ref("lab/tool:" + image.digest)).ok());
    Result<QList<TagRecord>> tags = images.tags(Actor::local(), "lab");
    QVERIFY(tags.ok());
    QVERIFY(tags->isEmpty());
}

void RegistryTagTest::architecturesShareATagName()
{
    ImageService& images = m_temp->registry().images();
    const ImageRecord amd = push(m_one, "tool", { "latest" });
    const ImageRecord arm = push(m_arm, "tool", { "latest" });
    QCOMPARE(arm.arch, QStringLiteral("arm64"));
    Result<ImageRecord> pickedArm = images.resolve(Actor::local(), ref("lab/tool:latest"), "arm64");
    QVERIFY(pickedArm.ok());
    QCOMPARE(pickedArm->digest, arm.digest);
    Result<ImageRecord> pickedAmd = images.resolve(Actor::local(), ref("lab/tool:latest"), "amd64");
    QCOMPARE(pickedAmd->digest, amd.digest);
    Result<ImageRecord> missing = images.resolve(Actor::local(), ref("lab/tool:latest"), "s390x");
    QCOMPARE(missing.error().code(), ErrorCode::NotFound);
    Result<QList<TagRecord>> tags = images.tags(Actor::local(), "lab");
    QCOMPARE(tags->size(), 2);
    // Moving the amd64 tag leaves the arm64 one alone.
    push(m_two, "tool", { "latest" });
    QCOMPARE(images.resolve(Actor::local(), ref("lab/tool:latest"), "arm64")->digest, arm.digest);
}

void RegistryTagTest::tagIntoAnotherContainerSharesTheBlob()
{
    ImageService& images = m_temp->registry().images();
    const ImageRecord image = push(m_one, "tool", { "v1" });
    Result<TagRecord> copied = images.tag(Actor::local(), ref("lab/tool:v1"), "mirror:stable");
    QVERIFY2(copied.ok(), copied ? "" : qPrintable(copied.error().message()));
    QCOMPARE(copied->container, QStringLiteral("mirror"));
    QCOMPARE(copied->image.digest, image.digest);
    int blobs = 0;
    QVERIFY(m_temp->registry().store().enumerate([&](const BlobInfo&) { return ++blobs, true; }));
    QCOMPARE(blobs, 1);
}

void RegistryTagTest::deletingACollectionWithFrozenTagsIsRefused()
{
    push(m_one, "tool", { "v1" });
    QVERIFY(m_temp->registry().images().setFrozen(Actor::local(), ref("lab/tool:v1"), true).ok());
    Status removed = m_temp->registry().collections().remove(Actor::local(), "lab");
    QCOMPARE(removed.error().code(), ErrorCode::Frozen);
    QVERIFY2(removed.error().message().contains("tool:v1"), qPrintable(removed.error().message()));
    QVERIFY(m_temp->registry().images().setFrozen(Actor::local(), ref("lab/tool:v1"), false).ok());
    QVERIFY(m_temp->registry().collections().remove(Actor::local(), "lab").ok());
    QCOMPARE(m_temp->registry().collections().get(Actor::local(), "lab").error().code(), ErrorCode::NotFound);
}

QTEST_GUILESS_MAIN(RegistryTagTest)
#include "RegistryTagTest.moc"
