#pragma once

#include "ContractSupport.h"

#include <QObject>

namespace sreg::test {

// What every BlobStore must do with single blobs, checked through the interface alone, so that the local store
// and the object stores (S3, Swift, GCS) run the very same suite with their own factory. runAll() runs it
// together with MultipartContract:
//
//   status |= BlobStoreContract::runAll([&] { return makeMyStore(); }, {}, argc, argv);
//
// The factory is called once per test and must return a working store. The store need not be empty (a shared
// bucket is fine): the suites only reason about blobs they wrote themselves. Nothing here looks at files, so a
// backend's own checks (leftovers in a temporary area, layout) belong in its own test.
class BlobStoreContract final : public QObject
{
    Q_OBJECT

public:
    using Factory = contract::Factory;

    struct Options
    {
        // Size of every part but the last in the multipart suite. Object stores need their minimum here (5 MiB on
        // S3); the local store accepts anything, and a smaller size keeps its suite quick.
        qint64 partSize = 5 * contract::MiB;
    };

    explicit BlobStoreContract(Factory factory);
    // Runs this suite and MultipartContract; non-zero when anything failed.
    static int runAll(const Factory& factory, const Options& options, int argc, char** argv);

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
    void concurrentWritersOfTheSameContent();
    void concurrentWritersOfDifferentContent();

private:
    std::unique_ptr<BlobStore> makeStore();

    Factory m_factory;
};

} // namespace sreg::test
