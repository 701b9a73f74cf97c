#include "SifBuilder.h"
#include "TempRegistry.h"
#include "TestSupport.h"
#include "common/ImageRef.h"
#include "registry/CollectionService.h"
#include "registry/ImageService.h"
#include "storage/BlobStore.h"
#include "registry/MaintenanceService.h"

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace sreg;
using namespace sreg::test;

// Garbage collection, verification, usage, search, and many pushes at once.
class RegistryMaintenanceTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gcDryRunReportsAndGcRemoves();
    void verifyFindsCorruptAndMissingBlobs();
    void usageCountsEachBlobOnce();
    void searchCoversCollectionsContainersTagsAndLabels();
    void concurrentPushesOfSameAndDifferentImages();
    void concurrentPushAndGcNeverLoseABlob();

private:
    static PushRequest request(const QString& collection, const QString& container, const QStringList& tags)
    {
        PushRequest r;
        r.collection = collection;
        r.container = container;
        r.tags = tags;
        return r;
    }
};

void RegistryMaintenanceTest::gcDryRunReportsAndGcRemoves()
{
    TempRegistry temp;
    QTemporaryDir files;
    const QString kept = files.filePath("kept.sif");
    const QString dropped = files.filePath("dropped.sif");
    QVERIFY(makeSif(kept, 40 * 1024, 11).ok());
    QVERIFY(makeSif(dropped, 60 * 1024, 12).ok());
    ImageService& images = temp.registry().images();
    QVERIFY(images.pushFile(Actor::local(), kept, request("lab", "kept", { "v1" })).ok());
    Result<ImageRecord> gone = images.pushFile(Actor::local(), dropped, request("lab", "gone", { "v1" }));
    QVERIFY(gone.ok());
    QVERIFY(images.remove(Actor::local(), *ImageRef::parse("lab/gone:v1")).ok());

    MaintenanceService& maintenance = temp.registry().maintenance();
    Result<StorageUsage> usage = maintenance.usage(Actor::local());
    QVERIFY(usage.ok());
    QCOMPARE(usage->reclaimableBytes, gone->size);

    const QString before = temp.snapshot();
    Result<GcReport> preview = maintenance.collectGarbage(Actor::local(), true);
    QVERIFY(preview.ok());
    QCOMPARE(preview->blobs.size(), 1);
    QCOMPARE(preview->blobs.front().digest.toString(), gone->digest);
    QCOMPARE(preview->bytes, gone->size);
    QCOMPARE(temp.snapshot(), before); // a dry run changes nothing

    Result<GcReport> report = maintenance.collectGarbage(Actor::local(), false);
    QVERIFY(report.ok());
    QCOMPARE(report->bytes, gone->size);
    QVERIFY(!temp.registry().store().exists(*Digest::fromString(gone->digest)).value());
    QVERIFY(images.resolve(Actor::local(), *ImageRef::parse("lab/kept:v1")).ok());
    QCOMPARE(maintenance.collectGarbage(Actor::local(), true)->blobs.size(), 0);
    QCOMPARE(maintenance.collectGarbage(Actor::anonymous(), true).error().code(), ErrorCode::Unauthenticated);
}

void RegistryMaintenanceTest::verifyFindsCorruptAndMissingBlobs()
{
    TempRegistry temp;
    QTemporaryDir files;
    const QString a = files.filePath("a.sif");
    const QString b = files.filePath("b.sif");
    QVERIFY(makeSif(a, 300 * 1024, 21).ok());
    QVERIFY(makeSif(b, 300 * 1024, 22).ok());
    ImageService& images = temp.registry().images();
    Result<ImageRecord> first = images.pushFile(Actor::local(), a, request("lab", "a", { "v1" }));
    Result<ImageRecord> second = images.pushFile(Actor::local(), b, request("lab", "b", { "v1" }));
    QVERIFY(first.ok() && second.ok());

    qint64 reported = 0;
    Result<VerifyReport> clean = temp.registry().maintenance().verify(Actor::local(), [&](qint64 done, qint64) {
        reported = done;
        return true;
    });
    QVERIFY(clean.ok());
    QVERIFY(clean->ok());
    QCOMPARE(clean->blobsChecked, 2);
    QCOMPARE(clean->bytesChecked, first->size + second->size);
    QCOMPARE(reported, first->size + second->size);

    // Flip one byte of the first blob and delete the second.
    QString firstPath, secondPath;
    QDirIterator it(temp.dataDir() + "/blobs", QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.endsWith(first->digest.mid(7)))
            firstPath = path;
        if (path.endsWith(second->digest.mid(7)))
            secondPath = path;
    }
    QVERIFY(!firstPath.isEmpty() && !secondPath.isEmpty());
    QFile file(firstPath);
    QFile::setPermissions(firstPath, QFile::ReadOwner | QFile::WriteOwner);
    QVERIFY(file.open(QIODevice::ReadWrite));
    file.seek(100000);
    char byte = 0;
    file.getChar(&byte);
    file.seek(100000);
    file.putChar(char(byte ^ 0x55));
    file.close();
    QVERIFY(QFile::remove(secondPath));

    Result<VerifyReport> broken = temp.registry().maintenance().verify(Actor::local());
    QVERIFY(broken.ok());
    QVERIFY(!broken->ok());
    QCOMPARE(broken->mismatched.size(), 1);
    QVERIFY(broken->mismatched.front().startsWith(first->digest));
    QCOMPARE(broken->missing, QStringList { second->digest });
}

void RegistryMaintenanceTest::usageCountsEachBlobOnce()
{
    TempRegistry temp;
    const QString file = fixture("singularity-like.sif");
    ImageService& images = temp.registry().images();
    QVERIFY(images.pushFile(Actor::local(), file, request("lab", "a", { "v1", "v2" })).ok());
    QVERIFY(images.pushFile(Actor::local(), file, request("lab", "b", { "v1" })).ok());
    QVERIFY(images.pushFile(Actor::local(), file, request("other", "c", { "v1" })).ok());
    Result<StorageUsage> usage = temp.registry().maintenance().usage(Actor::local());
    QVERIFY(usage.ok());
    QCOMPARE(usage->referencedBytes, 40960);
    QCOMPARE(usage->storedBytes, 40960);
    QCOMPARE(usage->reclaimableBytes, 0);
    QCOMPARE(usage->collections.size(), 2);
    for (const CollectionUsage& collection : usage->collections)
        QCOMPARE(collection.bytes, 40960);
    Result<CollectionRecord> lab = temp.registry().collections().get(Actor::local(), "lab");
    QCOMPARE(lab->imageCount, 2);
    QCOMPARE(lab->containerCount, 2);
    QCOMPARE(lab->totalBytes, 40960);
}

void RegistryMaintenanceTest::searchCoversCollectionsContainersTagsAndLabels()
{
    TempRegistry temp;
    ImageService& images = temp.registry().images();
    QVERIFY(images.pushFile(Actor::local(), fixture("singularity-like.sif"), request("biology", "blast", { "2.14" })).ok());
    QVERIFY(images.pushFile(Actor::local(), fixture("signed-fake.sif"), request("physics", "geant", { "stable" })).ok());
    auto search = [&](const QString& text, const QString& arch = {}, bool signedOnly = false) {
        Result<SearchResults> results = images.search(Actor::local(), { .text = text, .arch = arch, .signedOnly = signedOnly });
        QStringList found;
        if (results) {
            for (const ImageRecord& image : results->images)
                found.append(image.collection + u'/' + image.container);
        }
        return found;
    };
    QCOMPARE(search("biology"), QStringList { "biology/blast" });
    QCOMPARE(search("GEANT"), QStringList { "physics/geant" });
    QCOMPARE(search("stable"), QStringList { "physics/geant" });
    QCOMPARE(search("fixtures@example.org").size(), 2); // a label value both carry
    QCOMPARE(search("blast", "amd64", true), QStringList {}); // signed-only: blast is not signed
    QCOMPARE(search("geant", "amd64", true), QStringList { "physics/geant" });
    QCOMPARE(search("geant", "arm64"), QStringList {});
    QCOMPARE(search("100%"), QStringList {}); // LIKE wildcards are literal
    QCOMPARE(search("gea_t"), QStringList {});
    QCOMPARE(search("2.1"), QStringList { "biology/blast" }); // a tag
    QCOMPARE(search("bi"), QStringList { "biology/blast" }); // shorter than the index's trigrams
    // The indexes follow changes: a new tag is found, a removed one is not.
    Result<ImageRecord> geant = images.resolve(Actor::local(), *ImageRef::parse(QStringLiteral("physics/geant:stable")));
    QVERIFY(geant.ok());
    QVERIFY(images.setTag(Actor::local(), *geant, QStringLiteral("release-candidate")).ok());
    QCOMPARE(search("candid"), QStringList { "physics/geant" });
    QVERIFY(images.remove(Actor::local(), *ImageRef::parse(QStringLiteral("physics/geant:release-candidate"))).ok());
    QCOMPARE(search("candid"), QStringList {});
    Result<SearchResults> collections = images.search(Actor::local(), { .text = "phys" });
    QCOMPARE(collections->collections.size(), 1);
    QCOMPARE(images.search(Actor::local(), { .text = "  " }).error().code(), ErrorCode::InvalidArgument);
}

void RegistryMaintenanceTest::concurrentPushesOfSameAndDifferentImages()
{
    TempRegistry temp;
    QTemporaryDir files;
    QStringList paths;
    for (int i = 0; i < 4; ++i) {
        paths.append(files.filePath(QStringLiteral("%1.sif").arg(i)));
        QVERIFY(makeSif(paths.back(), 512 * 1024, 100 + i).ok());
    }
    std::atomic<int> failures { 0 };
    QStringList errors;
    std::mutex mutex;
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            // Threads 0-3 push distinct images; 4-7 push the same bytes as 0-3 under other names.
            Result<ImageRecord> pushed = temp.registry().images().pushFile(Actor::local(), paths[t % 4],
                request("lab", QStringLiteral("tool%1").arg(t), { QStringLiteral("v%1").arg(t % 2) }));
            if (!pushed) {
                ++failures;
                std::lock_guard lock(mutex);
                errors.append(pushed.error().message());
            }
        });
    }
    for (std::thread& thread : threads)
        thread.join();
    QVERIFY2(failures == 0, qPrintable(errors.join("; ")));
    int blobs = 0;
    QVERIFY(temp.registry().store().enumerate([&](const BlobInfo&) { return ++blobs, true; }));
    QCOMPARE(blobs, 4);
    QCOMPARE(temp.registry().images().tags(Actor::local(), "lab")->size(), 8);
    QVERIFY(temp.registry().maintenance().verify(Actor::local())->ok());
}

void RegistryMaintenanceTest::concurrentPushAndGcNeverLoseABlob()
{
    TempRegistry temp;
    QTemporaryDir files;
    const QString file = files.filePath("same.sif");
    QVERIFY(makeSif(file, 256 * 1024, 55).ok());
    ImageService& images = temp.registry().images();
    // The same bytes are pushed, deleted and pushed again while GC runs in a loop: whatever interleaving
    // happens, every image that exists afterwards must have its blob.
    std::atomic<bool> stop { false };
    std::thread gc([&] {
        while (!stop)
            Q_UNUSED(temp.registry().maintenance().collectGarbage(Actor::local(), false));
    });
    for (int round = 0; round < 15; ++round) {
        QVERIFY(images.pushFile(Actor::local(), file, request("lab", "tool", { "v1" })).ok());
        if (round % 2 == 0)
            QVERIFY(images.remove(Actor::local(), *ImageRef::parse("lab/tool:v1")).ok());
    }
    QVERIFY(images.pushFile(Actor::local(), file, request("lab", "tool", { "v1" })).ok());
    stop = true;
    gc.join();
    Result<VerifyReport> report = temp.registry().maintenance().verify(Actor::local());
    QVERIFY(report.ok());
    QVERIFY2(report->missing.isEmpty(), qPrintable(report->missing.join(", ")));
    Result<ImageRecord> last = images.resolve(Actor::local(), *ImageRef::parse("lab/tool:v1"));
    QVERIFY(last.ok());
}

QTEST_GUILESS_MAIN(RegistryMaintenanceTest)
#include "RegistryMaintenanceTest.moc"
