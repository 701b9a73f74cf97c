#include "BlobStoreContract.h"

#include "ContractSupport.h"
#include "MultipartContract.h"
#include "ResultAssertions.h"
#include "common/Sha256.h"

#include <QRandomGenerator>
#include <QStringList>
#include <QTest>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace sreg::test {

using namespace contract;

BlobStoreContract::BlobStoreContract(Factory factory) : m_factory(std::move(factory)) { }

int BlobStoreContract::runAll(const Factory& factory, const Options& options, int argc, char** argv)
{
    BlobStoreContract blobs(factory);
    MultipartContract multipart(factory, options.partSize);
    int status = QTest::qExec(&blobs, argc, argv);
    status |= QTest::qExec(&multipart, argc, argv);
    return status;
}

std::unique_ptr<BlobStore> BlobStoreContract::makeStore()
{
    return m_factory();
}

void BlobStoreContract::writesCommitsAndReadsBack_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("chunk");
    QTest::newRow("one byte") << qint64(1) << qint64(1);
    QTest::newRow("small chunks") << qint64(300000) << qint64(4095);
    QTest::newRow("buffer-sized chunks") << 4 * MiB << MiB;
    QTest::newRow("one large write") << 9 * MiB + 3 << 9 * MiB + 3;
    QTest::newRow("mixed") << 5 * MiB + 17 << MiB + 1;
}

void BlobStoreContract::writesCommitsAndReadsBack()
{
    QFETCH(qint64, size);
    QFETCH(qint64, chunk);
    auto store = makeStore();
    QVERIFY(store);
    const QByteArray bytes = testBytes(size, quint32(size));
    auto writer = store->beginWrite({});
    SREG_VERIFY_OK(writer);
    SREG_VERIFY_OK(writeBytes(**writer, bytes, chunk));
    QCOMPARE((*writer)->bytesWritten(), size);
    auto digest = (*writer)->finish();
    SREG_VERIFY_OK(digest);
    QCOMPARE(*digest, Sha256::of(bytes));
    SREG_VERIFY_OK((*writer)->commit());
    auto stored = readBlob(*store, *digest);
    SREG_VERIFY_OK(stored);
    QVERIFY(*stored == bytes);
    auto storedSize = store->size(*digest);
    SREG_VERIFY_OK(storedSize);
    QCOMPARE(*storedSize, size);
}

void BlobStoreContract::readsRanges()
{
    auto store = makeStore();
    const QByteArray bytes = testBytes(MiB + 5, 7);
    auto digest = storeBytes(*store, bytes);
    SREG_VERIFY_OK(digest);
    auto source = store->openRead(*digest);
    SREG_VERIFY_OK(source);
    QCOMPARE((*source)->size(), bytes.size());
    QRandomGenerator random(11);
    QList<QPair<qint64, qint64>> ranges { { 0, 1 }, { 1000, 5000 }, { bytes.size() - 1, 1 }, { 0, bytes.size() } };
    for (int i = 0; i < 20; ++i) {
        const qint64 offset = random.bounded(bytes.size());
        ranges.append({ offset, random.bounded(bytes.size() - offset) + 1 });
    }
    for (const auto& [offset, length] : ranges) {
        auto read = (*source)->read(offset, length);
        SREG_VERIFY_OK(read);
        QVERIFY2(*read == bytes.mid(offset, length), qPrintable(QStringLiteral("range %1+%2").arg(offset).arg(length)));
    }
}

void BlobStoreContract::readsPastTheEnd()
{
    auto store = makeStore();
    const QByteArray bytes = testBytes(4096, 13);
    auto digest = storeBytes(*store, bytes);
    SREG_VERIFY_OK(digest);
    auto source = store->openRead(*digest);
    SREG_VERIFY_OK(source);
    char buffer[64];
    auto atEnd = (*source)->readAt(bytes.size(), buffer, sizeof buffer);
    SREG_VERIFY_OK(atEnd);
    QCOMPARE(*atEnd, 0);
    auto beyond = (*source)->readAt(bytes.size() + 1000, buffer, sizeof buffer);
    SREG_VERIFY_OK(beyond);
    QCOMPARE(*beyond, 0);
    auto tail = (*source)->readAt(bytes.size() - 3, buffer, sizeof buffer);
    SREG_VERIFY_OK(tail);
    QCOMPARE(*tail, 3);
    QVERIFY(QByteArray(buffer, 3) == bytes.right(3));
    QVERIFY(!(*source)->read(bytes.size() - 3, 10).ok());
    QVERIFY(!(*source)->readAt(-1, buffer, 1).ok());
}

void BlobStoreContract::storesTheEmptyBlob()
{
    auto store = makeStore();
    auto writer = store->beginWrite({});
    SREG_VERIFY_OK(writer);
    auto digest = (*writer)->finish();
    SREG_VERIFY_OK(digest);
    QCOMPARE(digest->hex(), QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE((*writer)->staged().size(), 0);
    SREG_VERIFY_OK((*writer)->commit());
    auto exists = store->exists(*digest);
    SREG_VERIFY_OK(exists);
    QVERIFY(*exists);
    auto size = store->size(*digest);
    SREG_VERIFY_OK(size);
    QCOMPARE(*size, 0);
    auto source = store->openRead(*digest);
    SREG_VERIFY_OK(source);
    QCOMPARE((*source)->size(), 0);
    char byte;
    auto read = (*source)->readAt(0, &byte, 1);
    SREG_VERIFY_OK(read);
    QCOMPARE(*read, 0);
    // An empty blob within an explicit zero limit is fine.
    BlobWriteOptions zero;
    zero.maxSize = 0;
    zero.expectedSize = 0;
    SREG_VERIFY_OK(storeBytes(*store, QByteArray(), zero));
}

void BlobStoreContract::existsSizeAndRemove()
{
    auto store = makeStore();
    const QByteArray bytes = testBytes(12345, 17);
    const Digest never = Sha256::of("never stored in this test");
    auto absent = store->exists(never);
    SREG_VERIFY_OK(absent);
    QVERIFY(!*absent);
    SREG_VERIFY_ERROR(store->size(never), ErrorCode::NotFound);
    SREG_VERIFY_ERROR(store->openRead(never), ErrorCode::NotFound);
    SREG_VERIFY_OK(store->remove(never));

    auto digest = storeBytes(*store, bytes);
    SREG_VERIFY_OK(digest);
    auto exists = store->exists(*digest);
    SREG_VERIFY_OK(exists);
    QVERIFY(*exists);
    auto size = store->size(*digest);
    SREG_VERIFY_OK(size);
    QCOMPARE(*size, bytes.size());
    SREG_VERIFY_OK(store->remove(*digest));
    exists = store->exists(*digest);
    SREG_VERIFY_OK(exists);
    QVERIFY(!*exists);
    SREG_VERIFY_ERROR(store->size(*digest), ErrorCode::NotFound);
    SREG_VERIFY_ERROR(store->openRead(*digest), ErrorCode::NotFound);
    SREG_VERIFY_OK(store->remove(*digest));
}

void BlobStoreContract::enumeratesStoredBlobs()
{
    auto store = makeStore();
    QList<Digest> digests;
    for (quint32 seed = 1; seed <= 3; ++seed) {
        auto digest = storeBytes(*store, testBytes(1000 * seed, 100 + seed));
        SREG_VERIFY_OK(digest);
        digests.append(*digest);
    }
    auto blobs = listBlobs(*store);
    SREG_VERIFY_OK(blobs);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(blobs->value(digests[i].toString()), qint64(1000 * (i + 1)));
    SREG_VERIFY_OK(store->remove(digests[1]));
    blobs = listBlobs(*store);
    SREG_VERIFY_OK(blobs);
    QVERIFY(blobs->contains(digests[0].toString()));
    QVERIFY(!blobs->contains(digests[1].toString()));
    QVERIFY(blobs->contains(digests[2].toString()));
    // The visitor stops the walk.
    int visits = 0;
    SREG_VERIFY_OK(store->enumerate([&](const BlobInfo&) {
        ++visits;
        return false;
    }));
    QCOMPARE(visits, 1);
}

void BlobStoreContract::deduplicatesIdenticalContent()
{
    auto store = makeStore();
    const QByteArray bytes = testBytes(2 * MiB + 3, 19);
    auto first = storeBytes(*store, bytes, {}, 4096);
    SREG_VERIFY_OK(first);
    auto second = storeBytes(*store, bytes, {}, MiB);
    SREG_VERIFY_OK(second);
    QCOMPARE(*first, *second);
    auto blobs = listBlobs(*store);
    SREG_VERIFY_OK(blobs);
    QCOMPARE(blobs->value(first->toString()), bytes.size()); // listed once, with its size
    auto stored = readBlob(*store, *first);
    SREG_VERIFY_OK(stored);
    QVERIFY(*stored == bytes);
}

void BlobStoreContract::refusesDigestMismatch()
{
    auto store = makeStore();
    const QByteArray bytes = testBytes(MiB + 1, 23);
    const Digest actual = Sha256::of(bytes);
    const Digest announced = Sha256::of("something else");
    auto before = listBlobs(*store);
    SREG_VERIFY_OK(before);
    BlobWriteOptions options;
    options.expectedDigest = announced;
    auto writer = store->beginWrite(options);
    SREG_VERIFY_OK(writer);
    auto finished = writeAndFinish(**writer, bytes);
    SREG_VERIFY_ERROR(finished, ErrorCode::DigestMismatch);
    QVERIFY2(finished.error().message().contains(actual.hex()) && finished.error().message().contains(announced.hex()),
             qPrintable(finished.error().message()));
    QVERIFY(!(*writer)->commit().ok());
    writer->reset();
    auto exists = store->exists(actual);
    SREG_VERIFY_OK(exists);
    QVERIFY(!*exists);
    auto after = listBlobs(*store);
    SREG_VERIFY_OK(after);
    QCOMPARE(*after, *before);
}

void BlobStoreContract::acceptsMatchingExpectations()
{
    auto store = makeStore();
    const QByteArray bytes = testBytes(MiB + 9, 29);
    BlobWriteOptions options;
    options.expectedDigest = Sha256::of(bytes);
    options.expectedSize = bytes.size();
    options.maxSize = bytes.size();
    auto digest = storeBytes(*store, bytes, options);
    SREG_VERIFY_OK(digest);
    QCOMPARE(*digest, *options.expectedDigest);
}

void BlobStoreContract::refusesSizeMismatch_data()
{
    QTest::addColumn<qint64>("delta");
    QTest::newRow("fewer bytes than announced") << qint64(1);
    QTest::newRow("more bytes than announced") << qint64(-1);
}

void BlobStoreContract::refusesSizeMismatch()
{
    QFETCH(qint64, delta);
    auto store = makeStore();
    const QByteArray bytes = testBytes(300001, 31);
    auto before = listBlobs(*store);
    SREG_VERIFY_OK(before);
    BlobWriteOptions options;
    options.expectedSize = bytes.size() + delta;
    auto writer = store->beginWrite(options);
    SREG_VERIFY_OK(writer);
    // The store may refuse at the write that overflows or at finish(); either way with SizeMismatch.
    auto finished = writeAndFinish(**writer, bytes);
    SREG_VERIFY_ERROR(finished, ErrorCode::SizeMismatch);
    QVERIFY2(finished.error().message().contains(QString::number(options.expectedSize)),
             qPrintable(finished.error().message()));
    QVERIFY(!(*writer)->commit().ok());
    writer->reset();
    auto exists = store->exists(Sha256::of(bytes));
    SREG_VERIFY_OK(exists);
    QVERIFY(!*exists);
    auto after = listBlobs(*store);
    SREG_VERIFY_OK(after);
    QCOMPARE(*after, *before);
}

void BlobStoreContract::refusesTooLarge()
{
    auto store = makeStore();
    auto before = listBlobs(*store);
    SREG_VERIFY_OK(before);
    BlobWriteOptions options;
    options.maxSize = 1000;
    const QByteArray bytes = testBytes(1001, 37);
    // Refused at the very write that crosses the limit, not later.
    auto writer = store->beginWrite(options);
    SREG_VERIFY_OK(writer);
    SREG_VERIFY_OK((*writer)->write(bytes.constData(), 999));
    SREG_VERIFY_ERROR((*writer)->write(bytes.constData() + 999, 2), ErrorCode::TooLarge);
    QVERIFY(!(*writer)->finish().ok());
    QVERIFY(!(*writer)->commit().ok());
    writer->reset();
    // One big write over the limit.
    const QByteArray big = testBytes(3 * MiB, 41);
    writer = store->beginWrite(options);
    SREG_VERIFY_OK(writer);
    SREG_VERIFY_ERROR((*writer)->write(big.constData(), big.size()), ErrorCode::TooLarge);
    writer->reset();
    auto after = listBlobs(*store);
    SREG_VERIFY_OK(after);
    QCOMPARE(*after, *before);
}

void BlobStoreContract::abortLeavesNothing()
{
    auto store = makeStore();
    const QByteArray bytes = testBytes(2 * MiB + 1, 43);
    const Digest digest = Sha256::of(bytes);
    auto before = listBlobs(*store);
    SREG_VERIFY_OK(before);
    // Aborted while writing.
    auto writer = store->beginWrite({});
    SREG_VERIFY_OK(writer);
    SREG_VERIFY_OK(writeBytes(**writer, bytes.left(MiB + 5), 65536));
    (*writer)->abort();
    (*writer)->abort();
    QVERIFY(!(*writer)->write("x", 1).ok());
    QVERIFY(!(*writer)->finish().ok());
    QVERIFY(!(*writer)->commit().ok());
    writer->reset();
    // Aborted after finish().
    writer = store->beginWrite({});
    SREG_VERIFY_OK(writer);
    SREG_VERIFY_OK(writeAndFinish(**writer, bytes));
    (*writer)->abort();
    QVERIFY(!(*writer)->commit().ok());
    writer->reset();
    auto exists = store->exists(digest);
    SREG_VERIFY_OK(exists);
    QVERIFY(!*exists);
    auto after = listBlobs(*store);
    SREG_VERIFY_OK(after);
    QCOMPARE(*after, *before);
}

void BlobStoreContract::destroyingWithoutCommitLeavesNothing()
{
    auto store = makeStore();
    const QByteArray bytes = testBytes(MiB + 3, 47);
    auto before = listBlobs(*store);
    SREG_VERIFY_OK(before);
    {
        auto writer = store->beginWrite({});
        SREG_VERIFY_OK(writer);
        SREG_VERIFY_OK(writeBytes(**writer, bytes.left(5000), 1000));
    }
    {
        auto writer = store->beginWrite({});
        SREG_VERIFY_OK(writer);
        SREG_VERIFY_OK(writeAndFinish(**writer, bytes));
    }
    auto exists = store->exists(Sha256::of(bytes));
    SREG_VERIFY_OK(exists);
    QVERIFY(!*exists);
    auto after = listBlobs(*store);
    SREG_VERIFY_OK(after);
    QCOMPARE(*after, *before);
}

void BlobStoreContract::stagedIsReadableBeforeCommit()
{
    auto store = makeStore();
    const QByteArray bytes = testBytes(MiB + 77, 53);
    auto writer = store->beginWrite({});
    SREG_VERIFY_OK(writer);
    auto digest = writeAndFinish(**writer, bytes);
    SREG_VERIFY_OK(digest);
    ByteSource& staged = (*writer)->staged();
    QCOMPARE(staged.size(), bytes.size());
    auto head = staged.read(0, 32);
    SREG_VERIFY_OK(head);
    QVERIFY(*head == bytes.left(32));
    auto all = staged.read(0, bytes.size());
    SREG_VERIFY_OK(all);
    QVERIFY(*all == bytes);
    // Invisible until committed.
    auto exists = store->exists(*digest);
    SREG_VERIFY_OK(exists);
    QVERIFY(!*exists);
    SREG_VERIFY_ERROR(store->openRead(*digest), ErrorCode::NotFound);
    auto blobs = listBlobs(*store);
    SREG_VERIFY_OK(blobs);
    QVERIFY(!blobs->contains(digest->toString()));
    SREG_VERIFY_OK((*writer)->commit());
    exists = store->exists(*digest);
    SREG_VERIFY_OK(exists);
    QVERIFY(*exists);
}

void BlobStoreContract::refusesMisuse()
{
    auto store = makeStore();
    const QByteArray bytes = testBytes(5000, 59);
    auto writer = store->beginWrite({});
    SREG_VERIFY_OK(writer);
    SREG_VERIFY_OK(writeBytes(**writer, bytes, 1000));
    QVERIFY(!(*writer)->commit().ok()); // not finished yet
    writer->reset();
    auto exists = store->exists(Sha256::of(bytes));
    SREG_VERIFY_OK(exists);
    QVERIFY(!*exists);

    writer = store->beginWrite({});
    SREG_VERIFY_OK(writer);
    SREG_VERIFY_OK(writeAndFinish(**writer, bytes));
    QVERIFY(!(*writer)->write("x", 1).ok()); // finished already
    SREG_VERIFY_OK((*writer)->commit());
    auto stored = readBlob(*store, Sha256::of(bytes));
    SREG_VERIFY_OK(stored);
    QVERIFY(*stored == bytes);
}

void BlobStoreContract::concurrentWritersOfTheSameContent()
{
    auto store = makeStore();
    const QByteArray bytes = testBytes(3 * MiB + 7, 107);
    const Digest digest = Sha256::of(bytes);
    constexpr int Writers = 6;
    std::mutex mutex;
    QStringList failures;
    const auto record = [&](const QString& failure) {
        std::lock_guard lock(mutex);
        failures.append(failure);
    };
    const auto writeOnce = [&](int i) {
        auto stored = storeBytes(*store, bytes, {}, 4096 + qint64(i) * 300000);
        if (!stored)
            record(stored.error().message());
        else if (*stored != digest)
            record(QStringLiteral("wrong digest"));
    };
    {
        std::vector<std::thread> threads;
        for (int i = 0; i < Writers; ++i)
            threads.emplace_back(writeOnce, i);
        for (std::thread& thread : threads)
            thread.join();
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
    auto blobs = listBlobs(*store);
    SREG_VERIFY_OK(blobs);
    QCOMPARE(blobs->value(digest.toString()), bytes.size()); // exactly one copy

    // Committing the same content again while others read it never disturbs the readers.
    std::atomic<bool> writing = true;
    const auto readRepeatedly = [&] {
        do {
            auto stored = readBlob(*store, digest);
            if (!stored)
                record(stored.error().message());
            else if (*stored != bytes)
                record(QStringLiteral("a reader saw different bytes"));
        } while (writing);
    };
    std::vector<std::thread> readers;
    for (int i = 0; i < 2; ++i)
        readers.emplace_back(readRepeatedly);
    {
        std::vector<std::thread> writers;
        for (int i = 0; i < 3; ++i)
            writers.emplace_back(writeOnce, i);
        for (std::thread& thread : writers)
            thread.join();
    }
    writing = false;
    for (std::thread& thread : readers)
        thread.join();
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
}

void BlobStoreContract::concurrentWritersOfDifferentContent()
{
    auto store = makeStore();
    constexpr int Writers = 6;
    QList<QByteArray> contents;
    for (int i = 0; i < Writers; ++i)
        contents.append(testBytes(MiB + 1000 * i, 200 + i));
    std::vector<std::optional<Result<Digest>>> results(Writers);
    {
        std::vector<std::thread> threads;
        for (int i = 0; i < Writers; ++i)
            threads.emplace_back(
                [&, i] { results[size_t(i)] = storeBytes(*store, contents.at(i), {}, 65536 * (i + 1)); });
        for (std::thread& thread : threads)
            thread.join();
    }
    for (int i = 0; i < Writers; ++i) {
        SREG_VERIFY_OK(*results[size_t(i)]);
        auto stored = readBlob(*store, **results[size_t(i)]);
        SREG_VERIFY_OK(stored);
        QVERIFY(*stored == contents.at(i));
    }
}

} // namespace sreg::test
