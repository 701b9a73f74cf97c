#include "storage/LocalBlobStore.h"

#include "BlobStoreContract.h"
#include "ResultAssertions.h"
#include "SleeperProcess.h"
#include "TestSupport.h"
#include "common/Sha256.h"
#include "storage/ByteSourceHasher.h"
#include "storage/LocalBlobLayout.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <cstring>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace sreg;
using namespace sreg::test;

namespace {

using sreg::test::contract::MiB;
const QString HelloHex = QStringLiteral("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");

QByteArray patternBytes(qint64 size, char seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        bytes[i] = char(seed + i * 7 + (i >> 13));
    return bytes;
}

Status writeInChunks(BlobWriter& writer, const QByteArray& bytes, qint64 chunk)
{
    for (qint64 offset = 0; offset < bytes.size(); offset += chunk) {
        if (Status written = writer.write(bytes.constData() + offset, std::min(chunk, bytes.size() - offset)); !written)
            return written;
    }
    return {};
}

Status sendPart(BlobStore& store, const QString& uploadId, int number, const QByteArray& bytes)
{
    auto writer = store.beginPart(uploadId, number);
    if (!writer)
        return writer.error();
    if (Status written = writeInChunks(**writer, bytes, 100000); !written)
        return written;
    if (auto finished = (*writer)->finish(); !finished)
        return finished.error();
    return (*writer)->commit();
}

Status completeAndCommit(BlobStore& store, const QString& uploadId)
{
    auto parts = store.listParts(uploadId);
    if (!parts)
        return parts.error();
    auto writer = store.completeMultipart(uploadId, *parts);
    if (!writer)
        return writer.error();
    return (*writer)->commit();
}

QStringList filesUnder(const QString& root, const QString& prefix)
{
    QStringList files = listFilesRecursively(root);
    files.removeIf([&](const QString& file) { return !file.startsWith(prefix); });
    return files;
}

// Sets a file's (or folder's) times into the past, as if nobody had touched it for that long.
bool age(const QString& path, int seconds)
{
    timeval times[2] {};
    gettimeofday(&times[0], nullptr);
    times[0].tv_sec -= seconds;
    times[1] = times[0];
    return ::utimes(QFile::encodeName(path).constData(), times) == 0;
}

pid_t deadPid()
{
    const pid_t child = ::fork();
    if (child == 0)
        ::_exit(0);
    ::waitpid(child, nullptr, 0);
    return child;
}

} // namespace

// Checks only a directory can answer: the files on disk, what failures leave, cleanup, hostile input.
class LocalBlobStoreTest final : public QObject
{
    Q_OBJECT

public:
    explicit LocalBlobStoreTest(QString contractRoot) : m_contractRoot(std::move(contractRoot)) { }

private Q_SLOTS:
    void contractLeftNoTemporaryFiles();
    void opensAndCreatesTheLayout();
    void storesBlobsUnderTheirDigest();
    void refusesNullDigests();
    void enumerateSkipsForeignFiles();
    void failuresLeaveNothingBehind_data();
    void failuresLeaveNothingBehind();
    void ioErrorMidWriteLeavesNothing_data();
    void ioErrorMidWriteLeavesNothing();
    void refusesHostileUploadIds();
    void multipartSurvivesReopening();
    void partOfAnAbortedUploadIsRefused();
    void concurrentResendsKeepOnePart();
    void fixedSizePartsAreWrittenInPlace();
    void inPlaceUploadRefusesWhatDoesNotFit();
    void cleanupStaleRemovesOnlyWhatIsAbandoned();
    void hashesByteSources();

private:
    QString m_contractRoot;
};

void LocalBlobStoreTest::contractLeftNoTemporaryFiles()
{
    // The contract suite ran every failure path on stores below m_contractRoot; none may have left a file in tmp/.
    const QStringList stores = QDir(m_contractRoot).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QVERIFY(!stores.isEmpty());
    for (const QString& store : stores) {
        const QStringList leftovers
            = QDir(m_contractRoot + u'/' + store + QStringLiteral("/tmp")).entryList(QDir::Files);
        QVERIFY2(leftovers.isEmpty(), qPrintable(store + QStringLiteral(": ") + leftovers.join(u' ')));
    }
}

void LocalBlobStoreTest::opensAndCreatesTheLayout()
{
    QTemporaryDir dir;
    const QString root = dir.filePath(QStringLiteral("a/b/store"));
    auto store = LocalBlobStore::open(root);
    SREG_VERIFY_OK(store);
    for (const char* sub : { "tmp", "blobs/sha256", "uploads" })
        QVERIFY2(QFileInfo(root + u'/' + QLatin1String(sub)).isDir(), sub);
    QCOMPARE((*store)->kind(), QStringLiteral("local"));
    QVERIFY((*store)->describe().contains(root));
    // Opening again is fine; opening nothing or a file is not.
    SREG_VERIFY_OK(LocalBlobStore::open(root));
    SREG_VERIFY_ERROR(LocalBlobStore::open(QString()), ErrorCode::InvalidArgument);
    QVERIFY(writeFile(dir.filePath(QStringLiteral("file")), "x"));
    QVERIFY(!LocalBlobStore::open(dir.filePath(QStringLiteral("file"))).ok());
}

void LocalBlobStoreTest::storesBlobsUnderTheirDigest()
{
    QTemporaryDir dir;
    auto store = LocalBlobStore::open(dir.path());
    SREG_VERIFY_OK(store);
    for (int i = 0; i < 2; ++i) { // twice: content addressing keeps one file
        auto writer = (*store)->beginWrite({});
        SREG_VERIFY_OK(writer);
        SREG_VERIFY_OK((*writer)->write("hello", 5));
        auto digest = (*writer)->finish();
        SREG_VERIFY_OK(digest);
        QCOMPARE(digest->hex(), HelloHex);
        QCOMPARE(filesUnder(dir.path(), QStringLiteral("tmp/")).size(), 1); // staged in tmp/ ...
        QCOMPARE(filesUnder(dir.path(), QStringLiteral("blobs/")).size(), i); // ... and not yet in blobs/
        SREG_VERIFY_OK((*writer)->commit());
    }
    const QString relative = QStringLiteral("blobs/sha256/2c/") + HelloHex;
    QCOMPARE(listFilesRecursively(dir.path()), QStringList { relative });
    QCOMPARE(readFile(dir.filePath(relative)), QByteArray("hello"));
    struct stat info
    {
    };
    QCOMPARE(::stat(QFile::encodeName(dir.filePath(relative)).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0222, 0u); // published blobs are read-only
}

void LocalBlobStoreTest::refusesNullDigests()
{
    QTemporaryDir dir;
    auto store = LocalBlobStore::open(dir.path());
    SREG_VERIFY_OK(store);
    SREG_VERIFY_ERROR((*store)->openRead(Digest()), ErrorCode::InvalidArgument);
    SREG_VERIFY_ERROR((*store)->exists(Digest()), ErrorCode::InvalidArgument);
    SREG_VERIFY_ERROR((*store)->size(Digest()), ErrorCode::InvalidArgument);
    SREG_VERIFY_ERROR((*store)->remove(Digest()), ErrorCode::InvalidArgument);
    BlobWriteOptions options;
    options.expectedDigest = Digest();
    SREG_VERIFY_ERROR((*store)->beginWrite(options), ErrorCode::InvalidArgument);
    SREG_VERIFY_ERROR((*store)->createMultipart(options), ErrorCode::InvalidArgument);
}

void LocalBlobStoreTest::enumerateSkipsForeignFiles()
{
    QTemporaryDir dir;
    auto store = LocalBlobStore::open(dir.path());
    SREG_VERIFY_OK(store);
    auto writer = (*store)->beginWrite({});
    SREG_VERIFY_OK(writer);
    SREG_VERIFY_OK((*writer)->write("hello", 5));
    SREG_VERIFY_OK((*writer)->finish());
    SREG_VERIFY_OK((*writer)->commit());
    const QString blobs = dir.filePath(QStringLiteral("blobs/sha256/"));
    const QString otherHex = QStringLiteral("cd") + HelloHex.mid(2);
    QVERIFY(QDir().mkpath(blobs + QStringLiteral("zz")));
    QVERIFY(QDir().mkpath(blobs + QStringLiteral("ab")));
    QVERIFY(QDir().mkpath(blobs + QStringLiteral("2c/2c") + QString(62, u'e'))); // a folder named like a blob
    for (const QString& junk :
         { QStringLiteral("2c/README"), QStringLiteral("zz/") + HelloHex, QStringLiteral("ab/") + otherHex,
           QStringLiteral("2c/") + HelloHex.toUpper(), QStringLiteral("2c/") + HelloHex + QStringLiteral(".partial"),
           QStringLiteral("2c/") + HelloHex.left(63) })
        QVERIFY2(writeFile(blobs + junk, "junk"), qPrintable(junk));
    QStringList seen;
    SREG_VERIFY_OK((*store)->enumerate([&](const BlobInfo& info) {
        seen.append(info.digest.hex() + u':' + QString::number(info.size));
        return true;
    }));
    QCOMPARE(seen, QStringList { HelloHex + QStringLiteral(":5") });
}

void LocalBlobStoreTest::failuresLeaveNothingBehind_data()
{
    QTest::addColumn<QString>("failure");
    for (const char* failure : { "digest mismatch", "fewer bytes", "more bytes", "too large", "abort while writing",
                                 "destroyed while writing", "abort after finish", "destroyed after finish",
                                 "commit before finish", "multipart digest mismatch", "multipart part too large",
                                 "multipart writer aborted", "multipart part destroyed" })
        QTest::newRow(failure) << QString::fromLatin1(failure);
}

void LocalBlobStoreTest::failuresLeaveNothingBehind()
{
    QFETCH(QString, failure);
    QTemporaryDir dir;
    auto opened = LocalBlobStore::open(dir.path());
    SREG_VERIFY_OK(opened);
    BlobStore& store = **opened;
    const QByteArray bytes = patternBytes(6 * MiB + 11, 3);
    BlobWriteOptions options;
    if (failure == QLatin1String("digest mismatch"))
        options.expectedDigest = Sha256::of("other");
    else if (failure == QLatin1String("fewer bytes"))
        options.expectedSize = bytes.size() + 1;
    else if (failure == QLatin1String("more bytes"))
        options.expectedSize = bytes.size() - 1;
    else if (failure == QLatin1String("too large"))
        options.maxSize = 5 * MiB;

    if (failure.startsWith(QLatin1String("multipart"))) {
        BlobWriteOptions uploadOptions;
        if (failure == QLatin1String("multipart digest mismatch"))
            uploadOptions.expectedDigest = Sha256::of("other");
        if (failure == QLatin1String("multipart part too large"))
            uploadOptions.maxSize = MiB;
        auto uploadId = store.createMultipart(uploadOptions);
        SREG_VERIFY_OK(uploadId);
        if (failure == QLatin1String("multipart part destroyed")) {
            auto writer = store.beginPart(*uploadId, 1);
            SREG_VERIFY_OK(writer);
            SREG_VERIFY_OK(writeInChunks(**writer, bytes, MiB));
        } else if (failure == QLatin1String("multipart part too large")) {
            SREG_VERIFY_ERROR(sendPart(store, *uploadId, 1, bytes), ErrorCode::TooLarge);
        } else {
            SREG_VERIFY_OK(sendPart(store, *uploadId, 1, bytes.left(3 * MiB)));
            SREG_VERIFY_OK(sendPart(store, *uploadId, 2, bytes.mid(3 * MiB)));
            auto parts = store.listParts(*uploadId);
            SREG_VERIFY_OK(parts);
            auto writer = store.completeMultipart(*uploadId, *parts);
            if (failure == QLatin1String("multipart digest mismatch")) {
                SREG_VERIFY_ERROR(writer, ErrorCode::DigestMismatch);
            } else {
                SREG_VERIFY_OK(writer);
                QCOMPARE(filesUnder(dir.path(), QStringLiteral("tmp/")).size(), 1);
                (*writer)->abort();
            }
        }
    } else {
        auto writer = store.beginWrite(options);
        SREG_VERIFY_OK(writer);
        Status written = writeInChunks(**writer, bytes, 300000);
        if (failure == QLatin1String("abort while writing")) {
            (*writer)->abort();
        } else if (failure == QLatin1String("destroyed while writing")) {
            writer->reset();
        } else if (failure == QLatin1String("commit before finish")) {
            QVERIFY(!(*writer)->commit().ok());
            writer->reset();
        } else {
            Result<Digest> finished = written ? (*writer)->finish() : Result<Digest>(written.error());
            if (failure == QLatin1String("abort after finish")) {
                SREG_VERIFY_OK(finished);
                (*writer)->abort();
            } else if (failure == QLatin1String("destroyed after finish")) {
                SREG_VERIFY_OK(finished);
                writer->reset();
            } else {
                QVERIFY(!finished.ok());
                QVERIFY(!(*writer)->commit().ok());
            }
        }
    }
    const QStringList left = listFilesRecursively(dir.path());
    for (const QString& file : left)
        QVERIFY2(file.startsWith(QLatin1String("uploads/")), qPrintable(left.join(u' ')));
}

void LocalBlobStoreTest::ioErrorMidWriteLeavesNothing_data()
{
    QTest::addColumn<qint64>("chunk");
    QTest::newRow("buffered writes") << 256 * 1024LL;
    QTest::newRow("direct writes") << 3 * MiB;
}

void LocalBlobStoreTest::ioErrorMidWriteLeavesNothing()
{
    QFETCH(qint64, chunk);
    QTemporaryDir dir;
    auto store = LocalBlobStore::open(dir.path());
    SREG_VERIFY_OK(store);
    auto writer = (*store)->beginWrite({});
    SREG_VERIFY_OK(writer);
    const QByteArray bytes = patternBytes(9 * MiB, 5);

    // A file size limit makes write(2) fail with EFBIG, like a full disk would with ENOSPC.
    rlimit original {};
    QCOMPARE(::getrlimit(RLIMIT_FSIZE, &original), 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = original;
    limited.rlim_cur = MiB;
    QCOMPARE(::setrlimit(RLIMIT_FSIZE, &limited), 0);
    Status written = writeInChunks(**writer, bytes, chunk);
    Result<Digest> finished = written ? (*writer)->finish() : Result<Digest>(written.error());
    ::setrlimit(RLIMIT_FSIZE, &original);
    std::signal(SIGXFSZ, previousHandler);

    SREG_VERIFY_ERROR(finished, ErrorCode::Io);
    QVERIFY2(finished.error().message().contains(QString::fromLocal8Bit(std::strerror(EFBIG))),
             qPrintable(finished.error().message()));
    QVERIFY(!(*writer)->commit().ok());
    QCOMPARE(listFilesRecursively(dir.path()), QStringList());
}

void LocalBlobStoreTest::refusesHostileUploadIds()
{
    QTemporaryDir dir;
    const QString root = dir.filePath(QStringLiteral("store"));
    auto store = LocalBlobStore::open(root);
    SREG_VERIFY_OK(store);
    // Bait: what a traversal would reach.
    QVERIFY(QDir().mkpath(root + QStringLiteral("/x")));
    QVERIFY(writeFile(root + QStringLiteral("/x/upload.json"), "{}"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("upload.json")), "{}"));
    const QStringList before = listFilesRecursively(dir.path());
    const QStringList hostile { QString(),
                                QStringLiteral("../x"),
                                QStringLiteral("a/b"),
                                QStringLiteral(".."),
                                QStringLiteral("."),
                                QStringLiteral("../.."),
                                QStringLiteral("/tmp"),
                                QString(32, u'A'),
                                QString(31, u'a') + u'/',
                                QString(32, u'a') + QStringLiteral("/.."),
                                QString(33, u'a'),
                                QStringLiteral("%2e%2e"),
                                QString(31, u'a') + QChar(0) };
    for (const QString& id : hostile) {
        const QByteArray name = id.toUtf8().toPercentEncoding();
        SREG_VERIFY_ERROR((*store)->listParts(id), ErrorCode::InvalidArgument);
        SREG_VERIFY_ERROR((*store)->beginPart(id, 1), ErrorCode::InvalidArgument);
        SREG_VERIFY_ERROR((*store)->completeMultipart(id, { BlobPart { 1, 1, QString(64, u'0') } }),
                          ErrorCode::InvalidArgument);
        SREG_VERIFY_ERROR((*store)->abortMultipart(id), ErrorCode::InvalidArgument);
        QVERIFY2(listFilesRecursively(dir.path()) == before, name.constData());
    }
    // Well-formed but unknown.
    SREG_VERIFY_ERROR((*store)->listParts(QString(32, u'a')), ErrorCode::NotFound);
    // Issued ids have the one accepted form.
    auto uploadId = (*store)->createMultipart({});
    SREG_VERIFY_OK(uploadId);
    QVERIFY(LocalBlobLayout::isValidUploadId(*uploadId));
    QCOMPARE(uploadId->size(), 32);
}

void LocalBlobStoreTest::multipartSurvivesReopening()
{
    QTemporaryDir dir;
    const QByteArray first = patternBytes(9 * MiB + 5, 7); // more than one assembly chunk
    const QByteArray second = patternBytes(123457, 9);
    QString good, bad;
    {
        auto store = LocalBlobStore::open(dir.path());
        SREG_VERIFY_OK(store);
        BlobWriteOptions options;
        options.expectedDigest = Sha256::of(first + second);
        options.expectedSize = first.size() + second.size();
        auto uploadId = (*store)->createMultipart(options);
        SREG_VERIFY_OK(uploadId);
        good = *uploadId;
        SREG_VERIFY_OK(sendPart(**store, good, 1, first));
        options.expectedDigest = Sha256::of("not these bytes");
        uploadId = (*store)->createMultipart(options);
        SREG_VERIFY_OK(uploadId);
        bad = *uploadId;
        SREG_VERIFY_OK(sendPart(**store, bad, 1, first));
    }
    auto store = LocalBlobStore::open(dir.path());
    SREG_VERIFY_OK(store);
    SREG_VERIFY_OK(sendPart(**store, good, 2, second));
    SREG_VERIFY_OK(sendPart(**store, bad, 2, second));
    auto parts = (*store)->listParts(good);
    SREG_VERIFY_OK(parts);
    QCOMPARE(parts->size(), 2);
    QCOMPARE(parts->at(0).size, first.size());
    QCOMPARE(parts->at(0).etag, Sha256::of(first).hex()); // documented: the part's SHA-256, unquoted
    // The options outlived the process that set them...
    SREG_VERIFY_ERROR(completeAndCommit(**store, bad), ErrorCode::DigestMismatch);
    // ... and etags are accepted quoted and in upper case.
    for (BlobPart& part : *parts)
        part.etag = u'"' + part.etag.toUpper() + u'"';
    auto writer = (*store)->completeMultipart(good, *parts);
    SREG_VERIFY_OK(writer);
    SREG_VERIFY_OK((*writer)->commit());
    QCOMPARE(sha256OfFile(
                 dir.filePath(QStringLiteral("blobs/sha256/%1/%2")
                                  .arg(Sha256::of(first + second).hex().left(2), Sha256::of(first + second).hex()))),
             Sha256::of(first + second).hex());
    // The committed upload's folder is gone, the refused one is still there.
    QCOMPARE(QDir(dir.filePath(QStringLiteral("uploads"))).entryList(QDir::Dirs | QDir::NoDotAndDotDot),
             QStringList { bad });
    QCOMPARE(filesUnder(dir.path(), QStringLiteral("tmp/")), QStringList());
}

void LocalBlobStoreTest::partOfAnAbortedUploadIsRefused()
{
    QTemporaryDir dir;
    auto store = LocalBlobStore::open(dir.path());
    SREG_VERIFY_OK(store);
    auto uploadId = (*store)->createMultipart({});
    SREG_VERIFY_OK(uploadId);
    auto writer = (*store)->beginPart(*uploadId, 1);
    SREG_VERIFY_OK(writer);
    SREG_VERIFY_OK((*writer)->write("late part", 9));
    SREG_VERIFY_OK((*store)->abortMultipart(*uploadId));
    SREG_VERIFY_OK((*writer)->finish());
    SREG_VERIFY_ERROR((*writer)->commit(), ErrorCode::NotFound);
    QCOMPARE(listFilesRecursively(dir.path()), QStringList());
}

void LocalBlobStoreTest::concurrentResendsKeepOnePart()
{
    QTemporaryDir dir;
    auto store = LocalBlobStore::open(dir.path());
    SREG_VERIFY_OK(store);
    auto uploadId = (*store)->createMultipart({});
    SREG_VERIFY_OK(uploadId);
    constexpr int Senders = 4;
    QList<QByteArray> contents;
    QStringList etags;
    for (int i = 0; i < Senders; ++i) {
        contents.append(patternBytes(MiB + i, char(i)));
        etags.append(Sha256::of(contents.constLast()).hex());
    }
    std::vector<std::optional<Status>> results(Senders);
    {
        std::vector<std::thread> threads;
        for (int i = 0; i < Senders; ++i)
            threads.emplace_back([&, i] { results[size_t(i)] = sendPart(**store, *uploadId, 1, contents.at(i)); });
        for (std::thread& thread : threads)
            thread.join();
    }
    for (const std::optional<Status>& result : results)
        SREG_VERIFY_OK(*result);
    auto parts = (*store)->listParts(*uploadId);
    SREG_VERIFY_OK(parts);
    QCOMPARE(parts->size(), 1);
    QVERIFY(etags.contains(parts->at(0).etag));
    QCOMPARE(filesUnder(dir.path(), QStringLiteral("uploads/")).size(), 2); // upload.json and one part
    auto writer = (*store)->completeMultipart(*uploadId, *parts);
    SREG_VERIFY_OK(writer);
    QCOMPARE((*writer)->finish()->hex(), parts->at(0).etag);
}

void LocalBlobStoreTest::fixedSizePartsAreWrittenInPlace()
{
    // With a fixed part size the parts land in the upload's data file at their offsets, in any order, and that
    // file becomes the blob: no second copy is written at completion.
    QTemporaryDir dir;
    auto store = LocalBlobStore::open(dir.path());
    SREG_VERIFY_OK(store);
    const QByteArray image = patternBytes(5 * MiB / 2, 3);
    BlobWriteOptions options;
    options.expectedDigest = Sha256::of(image);
    options.expectedSize = image.size();
    options.partSize = MiB;
    auto uploadId = (*store)->createMultipart(options);
    SREG_VERIFY_OK(uploadId);
    const QString data = dir.filePath(QStringLiteral("uploads/%1/data").arg(*uploadId));
    QVERIFY(QFileInfo::exists(data));
    SREG_VERIFY_OK(sendPart(**store, *uploadId, 3, image.mid(2 * MiB)));
    SREG_VERIFY_OK(sendPart(**store, *uploadId, 1, image.left(MiB)));

    // A re-send that fails leaves its part missing (to be sent again), never listed over other bytes.
    {
        auto writer = (*store)->beginPart(*uploadId, 1);
        SREG_VERIFY_OK(writer);
        SREG_VERIFY_OK((*writer)->write("garbage", 7));
    }
    auto parts = (*store)->listParts(*uploadId);
    SREG_VERIFY_OK(parts);
    QCOMPARE(parts->size(), 1);
    QCOMPARE(parts->at(0).number, 3);
    QCOMPARE(parts->at(0).size, image.size() - 2 * MiB);
    QCOMPARE(parts->at(0).etag, Sha256::of(image.mid(2 * MiB)).hex());
    SREG_VERIFY_ERROR(completeAndCommit(**store, *uploadId), ErrorCode::InvalidArgument); // part 1 is missing
    SREG_VERIFY_OK(sendPart(**store, *uploadId, 1, image.left(MiB)));
    SREG_VERIFY_OK(sendPart(**store, *uploadId, 2, image.mid(MiB, MiB)));
    parts = (*store)->listParts(*uploadId);
    SREG_VERIFY_OK(parts);
    QCOMPARE(parts->size(), 3);
    QCOMPARE(parts->at(1).size, MiB);
    SREG_VERIFY_ERROR((*store)->completeMultipart(*uploadId, parts->mid(0, 2)), ErrorCode::SizeMismatch);

    // A completion given up (its writer aborted) leaves the upload whole; the next one publishes the data file.
    struct stat before {};
    QCOMPARE(::stat(QFile::encodeName(data).constData(), &before), 0);
    {
        auto writer = (*store)->completeMultipart(*uploadId, *parts);
        SREG_VERIFY_OK(writer);
        QCOMPARE((*writer)->finish()->hex(), Sha256::of(image).hex());
        QCOMPARE((*writer)->staged().read(MiB - 3, 6).value(), image.mid(MiB - 3, 6));
        (*writer)->abort();
    }
    auto writer = (*store)->completeMultipart(*uploadId, *parts);
    SREG_VERIFY_OK(writer);
    SREG_VERIFY_OK((*writer)->commit());
    const QString hex = Sha256::of(image).hex();
    const QString blob = dir.filePath(QStringLiteral("blobs/sha256/%1/%2").arg(hex.left(2), hex));
    QCOMPARE(sha256OfFile(blob), hex);
    struct stat after {};
    QCOMPARE(::stat(QFile::encodeName(blob).constData(), &after), 0);
    QCOMPARE(after.st_ino, before.st_ino); // the very file the parts were written into
    QCOMPARE(filesUnder(dir.path(), QStringLiteral("uploads/")), QStringList());
    QCOMPARE(filesUnder(dir.path(), QStringLiteral("tmp/")), QStringList());
}

void LocalBlobStoreTest::inPlaceUploadRefusesWhatDoesNotFit()
{
    QTemporaryDir dir;
    auto store = LocalBlobStore::open(dir.path());
    SREG_VERIFY_OK(store);
    const QByteArray image = patternBytes(3 * MiB / 2, 5);
    BlobWriteOptions options;
    options.expectedDigest = Sha256::of("another image");
    options.expectedSize = image.size();
    options.partSize = MiB;
    auto uploadId = (*store)->createMultipart(options);
    SREG_VERIFY_OK(uploadId);
    SREG_VERIFY_ERROR((*store)->beginPart(*uploadId, 3), ErrorCode::InvalidArgument); // past the end
    // A part longer than its range would overwrite the next one: refused at the first byte too many.
    auto writer = (*store)->beginPart(*uploadId, 2);
    SREG_VERIFY_OK(writer);
    SREG_VERIFY_ERROR((*writer)->write(image.constData(), MiB), ErrorCode::SizeMismatch);
    writer = (*store)->beginPart(*uploadId, 1);
    SREG_VERIFY_OK(writer);
    SREG_VERIFY_OK((*writer)->write(image.constData(), 1000));
    SREG_VERIFY_ERROR((*writer)->finish(), ErrorCode::SizeMismatch); // too short
    SREG_VERIFY_OK(sendPart(**store, *uploadId, 1, image.left(MiB)));
    SREG_VERIFY_OK(sendPart(**store, *uploadId, 2, image.mid(MiB)));
    // Every part arrived intact, but the whole is not the image announced: refused, the upload kept.
    SREG_VERIFY_ERROR(completeAndCommit(**store, *uploadId), ErrorCode::DigestMismatch);
    auto parts = (*store)->listParts(*uploadId);
    SREG_VERIFY_OK(parts);
    QCOMPARE(parts->size(), 2);
    QCOMPARE(filesUnder(dir.path(), QStringLiteral("tmp/")), QStringList());
    SREG_VERIFY_OK((*store)->abortMultipart(*uploadId));
    QCOMPARE(listFilesRecursively(dir.path()), QStringList());
    // Too many parts for the store is refused when the upload is created, leaving nothing.
    options.partSize = 1;
    options.expectedSize = 20000;
    SREG_VERIFY_ERROR((*store)->createMultipart(options), ErrorCode::InvalidArgument);
    QCOMPARE(listFilesRecursively(dir.path()), QStringList());
}

void LocalBlobStoreTest::cleanupStaleRemovesOnlyWhatIsAbandoned()
{
    QTemporaryDir dir;
    auto store = LocalBlobStore::open(dir.path());
    SREG_VERIFY_OK(store);
    const QString tmp = dir.filePath(QStringLiteral("tmp/"));
    const int hour = 3600;

    const QString deadWriter = tmp + LocalBlobLayout::tempFileName(deadPid());
    const QString otherHostTag = LocalBlobLayout::hostTag() == QLatin1String("00000000") ? QStringLiteral("11111111")
                                                                                         : QStringLiteral("00000000");
    const QString otherHostFresh
        = tmp + QStringLiteral("%1-%2-0123456789abcdef.partial").arg(deadPid()).arg(otherHostTag);
    const QString otherHostOld
        = tmp + QStringLiteral("%1-%2-fedcba9876543210.partial").arg(deadPid()).arg(otherHostTag);
    const QString junkOld = tmp + QStringLiteral("junk-old");
    const QString junkFresh = tmp + QStringLiteral("junk-fresh");
    SleeperProcess sleeperProcess; // killed however this test ends
    const pid_t sleeper = sleeperProcess.pid();
    QVERIFY(sleeper > 0);
    const QString liveProcess = tmp + LocalBlobLayout::tempFileName(sleeper);
    const QString liveProcessOld = tmp + LocalBlobLayout::tempFileName(sleeper);
    for (const QString& file :
         { deadWriter, otherHostFresh, otherHostOld, junkOld, junkFresh, liveProcess, liveProcessOld })
        QVERIFY(writeFile(file, "partial bytes"));
    QVERIFY(age(otherHostOld, 2 * hour) && age(junkOld, 2 * hour) && age(liveProcessOld, 2 * hour));

    // A writer of this very process, in the middle of its work.
    auto live = (*store)->beginWrite({});
    SREG_VERIFY_OK(live);
    SREG_VERIFY_OK((*live)->write("still coming", 12));

    auto staleUpload = (*store)->createMultipart({});
    SREG_VERIFY_OK(staleUpload);
    SREG_VERIFY_OK(sendPart(**store, *staleUpload, 1, "old part"));
    const QString staleDir = dir.filePath(QStringLiteral("uploads/") + *staleUpload);
    for (const QString& file : QDir(staleDir).entryList(QDir::Files))
        QVERIFY(age(staleDir + u'/' + file, 2 * hour));
    QVERIFY(age(staleDir, 2 * hour));
    auto freshUpload = (*store)->createMultipart({});
    SREG_VERIFY_OK(freshUpload);
    SREG_VERIFY_OK(sendPart(**store, *freshUpload, 1, "new part"));

    SREG_VERIFY_OK((*store)->cleanupStale(std::chrono::hours(1)));

    QVERIFY2(!QFile::exists(deadWriter), "the file of a dead writer stays");
    QVERIFY2(QFile::exists(liveProcess), "the file of a live process was removed");
    QVERIFY2(!QFile::exists(liveProcessOld), "a file untouched for longer than maxAge stays");
    QVERIFY2(QFile::exists(otherHostFresh), "a fresh file of another host was removed");
    QVERIFY2(!QFile::exists(otherHostOld), "an old file of another host stays");
    QVERIFY(!QFile::exists(junkOld));
    QVERIFY(QFile::exists(junkFresh));
    QCOMPARE(QFileInfo(static_cast<LocalBlobStore&>(**store).layout().tmpDir()).isDir(), true);
    SREG_VERIFY_ERROR((*store)->listParts(*staleUpload), ErrorCode::NotFound);
    QVERIFY(!QFileInfo::exists(staleDir));
    auto freshParts = (*store)->listParts(*freshUpload);
    SREG_VERIFY_OK(freshParts);
    QCOMPARE(freshParts->size(), 1);

    // Once the other process is gone, its file goes too.
    sleeperProcess.stop();
    SREG_VERIFY_OK((*store)->cleanupStale(std::chrono::hours(1)));
    QVERIFY(!QFile::exists(liveProcess));

    // The writer of this process was never disturbed.
    SREG_VERIFY_OK((*live)->write(" and done", 9));
    SREG_VERIFY_OK((*live)->finish());
    SREG_VERIFY_OK((*live)->commit());
    auto exists = (*store)->exists(Sha256::of("still coming and done"));
    SREG_VERIFY_OK(exists);
    QVERIFY(*exists);
}

void LocalBlobStoreTest::hashesByteSources()
{
    QTemporaryDir dir;
    auto store = LocalBlobStore::open(dir.path());
    SREG_VERIFY_OK(store);
    const QByteArray bytes = patternBytes(9 * MiB + 3, 13); // several chunks, the last one short
    auto writer = (*store)->beginWrite({});
    SREG_VERIFY_OK(writer);
    SREG_VERIFY_OK((*writer)->write(bytes.constData(), bytes.size()));
    auto digest = (*writer)->finish();
    SREG_VERIFY_OK(digest);
    SREG_VERIFY_OK((*writer)->commit());
    auto source = (*store)->openRead(*digest);
    SREG_VERIFY_OK(source);
    qint64 reported = 0;
    auto hashed = ByteSourceHasher::hash(**source, [&](qint64 done, qint64 total) {
        reported = done;
        return total == bytes.size();
    });
    SREG_VERIFY_OK(hashed);
    QCOMPARE(*hashed, Sha256::of(bytes));
    QCOMPARE(reported, bytes.size());
    SREG_VERIFY_ERROR(ByteSourceHasher::hash(**source, [](qint64, qint64) { return false; }), ErrorCode::Cancelled);
    SREG_VERIFY_OK(ByteSourceHasher::hash((*writer)->staged())); // also the staged copy, after commit
}

int main(int argc, char** argv)
{
    // The contract runs on fresh stores below one folder, which the local checks then inspect for leftovers.
    QTemporaryDir contractRoot;
    if (!contractRoot.isValid())
        qFatal("cannot create a temporary folder");
    int stores = 0;
    BlobStoreContract::Options options;
    options.partSize = MiB + 3; // the local store takes any part size; small ones keep the suite quick
    const auto factory = [&]() -> std::unique_ptr<BlobStore> {
        auto store = LocalBlobStore::open(contractRoot.filePath(QString::number(++stores)));
        if (!store) {
            qWarning("%s", qPrintable(store.error().message()));
            return nullptr;
        }
        return std::move(*store);
    };
    int status = BlobStoreContract::runAll(factory, options, argc, argv);
    LocalBlobStoreTest local(contractRoot.path());
    status |= QTest::qExec(&local, argc, argv);
    return status;
}

#include "LocalBlobStoreTest.moc"
