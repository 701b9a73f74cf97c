#pragma once

#include "ContractSupport.h"

#include <QObject>

namespace sreg::test {

// What every BlobStore must do with multipart uploads (the rules written down in BlobStore.h), through the
// interface alone; see BlobStoreContract for how a backend runs it.
class MultipartContract final : public QObject
{
    Q_OBJECT

public:
    // partSize: the size of every part but the last (an object store's minimum, e.g. 5 MiB on S3).
    MultipartContract(contract::Factory factory, qint64 partSize);

private Q_SLOTS:
    void completesPartsSentInOrder();
    void completesPartsSentOutOfOrder();
    void resentPartReplacesTheOldOne();
    void refusesWrongEtag();
    void refusesMissingParts();
    void refusesBadPartNumbers();
    void checksTheUploadOptions();
    void abortRemovesTheUpload();
    void refusesUnknownUploads();

private:
    std::unique_ptr<BlobStore> makeStore();

    contract::Factory m_factory;
    qint64 m_partSize;
};

} // namespace sreg::test
