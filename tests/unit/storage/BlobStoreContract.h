#pragma once

#include "storage/BlobStore.h"

#include <QObject>
#include <functional>
#include <memory>

namespace sreg::test {

// What every BlobStore must do, checked through the interface alone, so that the local store and the object
// stores (S3, Swift, GCS) run the very same suite with their own factory:
//
//   BlobStoreContract contract([&] { return makeMyStore(); });
//   status |= QTest::qExec(&contract, argc, argv);
//
// The factory is called once per test and must return a working store. The store need not be empty (a shared
// bucket is fine): the suite only reasons about blobs it wrote itself. Nothing here looks at files, so a
// backend's own checks (leftovers in a temporary area, layout) belong in its own test.
class BlobStoreContract final : public QObject
{
    Q_OBJECT

public:
    using Factory = std::function<std::unique_ptr<BlobStore>()>;

    struct Options
    {
        // Size of every part but the last in multipart tests. Object stores need their minimum here (5 MiB on
        // S3); the local store accepts anything, and a smaller size keeps its suite quick.
        qint64 partSize = 5 * 1024 * 1024;
    };

    explicit BlobStoreContract(Factory factory);
    BlobStoreContract(Factory factory, Options options);

private Q_SLOTS:
    void writesCommitsAndReadsBack_data();
    void writesCommitsAndReadsBack();
    void readsRanges();
    void readsPastTheEnd();
    void storesTheEmptyBlob();
    void existsSizeAndRemove();
    void enumeratesStoredBlobs();
    void deduplicatesIdenticalContent();
    void refusesDigestMismatch();
    void acceptsMatchingExpectations();
    void refusesSizeMismatch_data();
    void refusesSizeMismatch();
    void refusesTooLarge();
    void abortLeavesNothing();
    void destroyingWithoutCommitLeavesNothing();
    void stagedIsReadableBeforeCommit();
    void refusesMisuse();

    void multipartInOrder();
    void multipartOutOfOrder();
    void multipartResentPartReplacesTheOldOne();
    void multipartRefusesWrongEtag();
    void multipartRefusesMissingParts();
    void multipartRefusesBadPartNumbers();
    void multipartChecksTheUploadOptions();
    void multipartAbort();
    void multipartRefusesUnknownUploads();

    void concurrentWritersOfTheSameContent();
    void concurrentWritersOfDifferentContent();

private:
    std::unique_ptr<BlobStore> makeStore();

    Factory m_factory;
    Options m_options;
};

} // namespace sreg::test
