#include "MultipartContract.h"

#include "ContractSupport.h"
#include "ResultAssertions.h"
#include "common/Sha256.h"

#include <QStringList>
#include <QTest>
#include <limits>

namespace sreg::test {

using namespace contract;

MultipartContract::MultipartContract(Factory factory, qint64 partSize)
    : m_factory(std::move(factory)), m_partSize(partSize)
{
}

std::unique_ptr<BlobStore> MultipartContract::makeStore()
{
    return m_factory();
}

void MultipartContract::completesPartsSentInOrder()
{
    auto store = makeStore();
    const QByteArray bytes = testBytes(2 * m_partSize + 12345, 61);
    const QList<QByteArray> pieces = splitIntoParts(bytes, m_partSize);
    BlobWriteOptions options;
    options.expectedDigest = Sha256::of(bytes);
    options.expectedSize = bytes.size();
    auto uploadId = store->createMultipart(options);
    SREG_VERIFY_OK(uploadId);
    for (int i = 0; i < pieces.size(); ++i)
        SREG_VERIFY_OK(sendPart(*store, *uploadId, i + 1, pieces[i]));
    auto parts = store->listParts(*uploadId);
    SREG_VERIFY_OK(parts);
    QCOMPARE(parts->size(), pieces.size());
    for (int i = 0; i < pieces.size(); ++i) {
        QCOMPARE(parts->at(i).number, i + 1);
        QCOMPARE(parts->at(i).size, pieces[i].size());
        QVERIFY(!parts->at(i).etag.isEmpty());
    }
    auto writer = store->completeMultipart(*uploadId, *parts);
    SREG_VERIFY_OK(writer);
    auto digest = (*writer)->finish(); // already finished: gives the digest again
    SREG_VERIFY_OK(digest);
    QCOMPARE(*digest, Sha256::of(bytes));
    QCOMPARE((*writer)->staged().size(), bytes.size());
    auto staged = (*writer)->staged().read(0, bytes.size());
    SREG_VERIFY_OK(staged);
    QVERIFY(*staged == bytes);
    auto exists = store->exists(*digest);
    SREG_VERIFY_OK(exists);
    QVERIFY(!*exists); // not before commit
    SREG_VERIFY_OK((*writer)->commit());
    auto stored = readBlob(*store, *digest);
    SREG_VERIFY_OK(stored);
    QVERIFY(*stored == bytes);
    // A completed upload is gone.
    SREG_VERIFY_ERROR(store->listParts(*uploadId), ErrorCode::NotFound);
}

void MultipartContract::completesPartsSentOutOfOrder()
{
    auto store = makeStore();
    const QByteArray bytes = testBytes(2 * m_partSize + 999, 67);
    const QList<QByteArray> pieces = splitIntoParts(bytes, m_partSize);
    auto uploadId = store->createMultipart({});
    SREG_VERIFY_OK(uploadId);
    for (int number : { 3, 1, 2 })
        SREG_VERIFY_OK(sendPart(*store, *uploadId, number, pieces[number - 1]));
    auto parts = store->listParts(*uploadId);
    SREG_VERIFY_OK(parts);
    QCOMPARE(parts->size(), 3);
    QList<BlobPart> reversed(parts->crbegin(), parts->crend()); // the order of the list does not matter
    auto writer = store->completeMultipart(*uploadId, reversed);
    SREG_VERIFY_OK(writer);
    SREG_VERIFY_OK((*writer)->commit());
    auto stored = readBlob(*store, Sha256::of(bytes));
    SREG_VERIFY_OK(stored);
    QVERIFY(*stored == bytes);
}

void MultipartContract::resentPartReplacesTheOldOne()
{
    auto store = makeStore();
    const QByteArray first = testBytes(m_partSize, 71);
    const QByteArray replacement = testBytes(m_partSize, 73);
    const QByteArray last = testBytes(1000, 79);
    auto uploadId = store->createMultipart({});
    SREG_VERIFY_OK(uploadId);
    SREG_VERIFY_OK(sendPart(*store, *uploadId, 1, first));
    SREG_VERIFY_OK(sendPart(*store, *uploadId, 2, last));
    auto before = store->listParts(*uploadId);
    SREG_VERIFY_OK(before);
    SREG_VERIFY_OK(sendPart(*store, *uploadId, 1, replacement));
    auto parts = store->listParts(*uploadId);
    SREG_VERIFY_OK(parts);
    QCOMPARE(parts->size(), 2);
    QVERIFY(parts->at(0).etag != before->at(0).etag);
    // The etag of the replaced part no longer completes the upload.
    SREG_VERIFY_ERROR(store->completeMultipart(*uploadId, *before), ErrorCode::InvalidArgument);
    auto writer = store->completeMultipart(*uploadId, *parts);
    SREG_VERIFY_OK(writer);
    SREG_VERIFY_OK((*writer)->commit());
    auto stored = readBlob(*store, Sha256::of(replacement + last));
    SREG_VERIFY_OK(stored);
    QVERIFY(*stored == replacement + last);
}

void MultipartContract::refusesWrongEtag()
{
    auto store = makeStore();
    const QByteArray bytes = testBytes(m_partSize + 10, 83);
    const QList<QByteArray> pieces = splitIntoParts(bytes, m_partSize);
    auto uploadId = store->createMultipart({});
    SREG_VERIFY_OK(uploadId);
    for (int i = 0; i < pieces.size(); ++i)
        SREG_VERIFY_OK(sendPart(*store, *uploadId, i + 1, pieces[i]));
    auto parts = store->listParts(*uploadId);
    SREG_VERIFY_OK(parts);
    QList<BlobPart> wrong = *parts;
    wrong[0].etag = QString(64, u'0');
    SREG_VERIFY_ERROR(store->completeMultipart(*uploadId, wrong), ErrorCode::InvalidArgument);
    auto exists = store->exists(Sha256::of(bytes));
    SREG_VERIFY_OK(exists);
    QVERIFY(!*exists);
    // A refused completion leaves the upload to be completed properly.
    auto writer = store->completeMultipart(*uploadId, *parts);
    SREG_VERIFY_OK(writer);
    SREG_VERIFY_OK((*writer)->commit());
}

void MultipartContract::refusesMissingParts()
{
    auto store = makeStore();
    const QByteArray one = testBytes(m_partSize, 89);
    const QByteArray two = testBytes(m_partSize, 97);
    auto uploadId = store->createMultipart({});
    SREG_VERIFY_OK(uploadId);
    SREG_VERIFY_OK(sendPart(*store, *uploadId, 1, one));
    SREG_VERIFY_OK(sendPart(*store, *uploadId, 2, two));
    auto parts = store->listParts(*uploadId);
    SREG_VERIFY_OK(parts);
    QCOMPARE(parts->size(), 2);
    QList<BlobPart> withThird = *parts;
    withThird.append(BlobPart { 3, 10, parts->at(1).etag });
    SREG_VERIFY_ERROR(store->completeMultipart(*uploadId, withThird), ErrorCode::InvalidArgument);
    SREG_VERIFY_ERROR(store->completeMultipart(*uploadId, { parts->at(1) }), ErrorCode::InvalidArgument); // no part 1
    SREG_VERIFY_ERROR(store->completeMultipart(*uploadId, {}), ErrorCode::InvalidArgument);
    SREG_VERIFY_ERROR(store->completeMultipart(*uploadId, { parts->at(0), parts->at(0), parts->at(1) }),
                      ErrorCode::InvalidArgument);
    auto blobs = listBlobs(*store);
    SREG_VERIFY_OK(blobs);
    QVERIFY(!blobs->contains(Sha256::of(one + two).toString()));
    SREG_VERIFY_OK(store->abortMultipart(*uploadId));
}

void MultipartContract::refusesBadPartNumbers()
{
    auto store = makeStore();
    auto uploadId = store->createMultipart({});
    SREG_VERIFY_OK(uploadId);
    for (int number : { 0, -1, 10001, std::numeric_limits<int>::max(), std::numeric_limits<int>::min() })
        SREG_VERIFY_ERROR(store->beginPart(*uploadId, number), ErrorCode::InvalidArgument);
    SREG_VERIFY_OK(sendPart(*store, *uploadId, 10000, "the highest part number"));
    auto parts = store->listParts(*uploadId);
    SREG_VERIFY_OK(parts);
    QCOMPARE(parts->size(), 1);
    QCOMPARE(parts->at(0).number, 10000);
    SREG_VERIFY_OK(store->abortMultipart(*uploadId));
}

void MultipartContract::checksTheUploadOptions()
{
    auto store = makeStore();
    const QByteArray bytes = testBytes(m_partSize + 100, 101);
    const QList<QByteArray> pieces = splitIntoParts(bytes, m_partSize);
    const auto upload = [&](const BlobWriteOptions& options) -> Result<QString> {
        auto uploadId = store->createMultipart(options);
        if (!uploadId)
            return uploadId;
        for (int i = 0; i < pieces.size(); ++i) {
            if (Status sent = sendPart(*store, *uploadId, i + 1, pieces[i]); !sent)
                return sent.error();
        }
        return uploadId;
    };
    const auto complete = [&](const QString& uploadId) -> Status {
        auto parts = store->listParts(uploadId);
        if (!parts)
            return parts.error();
        auto writer = store->completeMultipart(uploadId, *parts);
        if (!writer)
            return writer.error();
        return (*writer)->commit();
    };

    BlobWriteOptions wrongDigest;
    wrongDigest.expectedDigest = Sha256::of("not these bytes");
    auto uploadId = upload(wrongDigest);
    SREG_VERIFY_OK(uploadId);
    SREG_VERIFY_ERROR(complete(*uploadId), ErrorCode::DigestMismatch);

    BlobWriteOptions wrongSize;
    wrongSize.expectedSize = bytes.size() + 1;
    uploadId = upload(wrongSize);
    SREG_VERIFY_OK(uploadId);
    SREG_VERIFY_ERROR(complete(*uploadId), ErrorCode::SizeMismatch);

    // Every part within the limit, the whole over it.
    BlobWriteOptions limited;
    limited.maxSize = m_partSize + 10;
    uploadId = upload(limited);
    SREG_VERIFY_OK(uploadId);
    SREG_VERIFY_ERROR(complete(*uploadId), ErrorCode::TooLarge);

    // A single part over the limit is refused as it arrives.
    BlobWriteOptions tiny;
    tiny.maxSize = 100;
    uploadId = store->createMultipart(tiny);
    SREG_VERIFY_OK(uploadId);
    SREG_VERIFY_ERROR(sendPart(*store, *uploadId, 1, pieces[0]), ErrorCode::TooLarge);

    auto exists = store->exists(Sha256::of(bytes));
    SREG_VERIFY_OK(exists);
    QVERIFY(!*exists);
}

void MultipartContract::abortRemovesTheUpload()
{
    auto store = makeStore();
    const QByteArray bytes = testBytes(m_partSize, 103);
    auto uploadId = store->createMultipart({});
    SREG_VERIFY_OK(uploadId);
    SREG_VERIFY_OK(sendPart(*store, *uploadId, 1, bytes));
    auto parts = store->listParts(*uploadId);
    SREG_VERIFY_OK(parts);
    SREG_VERIFY_OK(store->abortMultipart(*uploadId));
    SREG_VERIFY_ERROR(store->listParts(*uploadId), ErrorCode::NotFound);
    SREG_VERIFY_ERROR(store->beginPart(*uploadId, 2), ErrorCode::NotFound);
    SREG_VERIFY_ERROR(store->completeMultipart(*uploadId, *parts), ErrorCode::NotFound);
    SREG_VERIFY_ERROR(store->abortMultipart(*uploadId), ErrorCode::NotFound);
    auto exists = store->exists(Sha256::of(bytes));
    SREG_VERIFY_OK(exists);
    QVERIFY(!*exists);
}

void MultipartContract::refusesUnknownUploads()
{
    auto store = makeStore();
    const QStringList ids { QString(),
                            QStringLiteral("../x"),
                            QStringLiteral("a/b"),
                            QStringLiteral(".."),
                            QStringLiteral("/etc/passwd"),
                            QStringLiteral("no-such-upload"),
                            QString(32, u'0'),
                            QString(300, u'a'),
                            QStringLiteral("%2e%2e%2fx") };
    const auto refused = [](const auto& result) {
        return !result.ok()
            && (result.error().code() == ErrorCode::InvalidArgument || result.error().code() == ErrorCode::NotFound);
    };
    for (const QString& id : ids) {
        QVERIFY2(refused(store->listParts(id)), qPrintable(id));
        QVERIFY2(refused(store->beginPart(id, 1)), qPrintable(id));
        QVERIFY2(refused(store->completeMultipart(id, { BlobPart { 1, 1, QString(64, u'0') } })), qPrintable(id));
        QVERIFY2(refused(store->abortMultipart(id)), qPrintable(id));
    }
}

} // namespace sreg::test
