#pragma once

#include "BlobWriter.h"
#include "ParallelHasher.h"

#include <QString>
#include <functional>
#include <memory>

namespace sreg {

// One part of a local multipart upload whose part size is fixed (the library API's), written straight into the
// upload's data file at the part's offset, so that completing the upload needs no second copy of the image: the
// data file becomes the blob. The part is hashed while it is written; finish() makes it durable and checks that
// exactly its length arrived; commit() hands the digest to the upload (which records the part as received).
// A part that is not committed is simply not listed: its bytes in the data file are overwritten when it is sent
// again, and nothing else is left behind.
class InPlacePartWriter final : public BlobWriter
{
public:
    using Commit = std::function<Status(const Digest& digest)>;

    static constexpr size_t BufferSize = 4 * 1024 * 1024;

    static Result<std::unique_ptr<InPlacePartWriter>> create(const QString& dataPath, qint64 offset, qint64 length,
                                                             Commit commit);
    ~InPlacePartWriter() override;

    Status write(const char* data, qint64 size) override;
    qint64 bytesWritten() const override { return m_written; }
    Result<Digest> finish() override;
    ByteSource& staged() override;
    Status commit() override;
    void abort() override;

private:
    enum class State
    {
        Writing,
        Finished,
        Done, // committed, aborted or failed
    };

    InPlacePartWriter(QString dataPath, int fd, qint64 offset, qint64 length, Commit commit);
    Status flush();
    Error fail(const Error& error);

    QString m_dataPath;
    int m_fd = -1;
    const qint64 m_offset;
    const qint64 m_length;
    Commit m_commit;
    State m_state = State::Writing;
    qint64 m_written = 0; // accepted from the caller
    qint64 m_flushed = 0; // written to the file
    std::unique_ptr<char[]> m_buffer;
    size_t m_buffered = 0;
    ParallelHasher m_hasher;
    Digest m_digest;
    std::unique_ptr<ByteSource> m_staged;
};

} // namespace sreg
