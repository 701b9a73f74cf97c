#pragma once

#include "ByteSource.h"

#include <QString>

#include <memory>

namespace sreg {

// A ByteSource over a local file, read with pread so that one instance is safe to share between threads.
class FileByteSource final : public ByteSource
{
public:
    ~FileByteSource() override;
    static Result<std::unique_ptr<FileByteSource>> open(const QString& path);

    qint64 size() const override { return m_size; }
    Result<qint64> readAt(qint64 offset, char* buffer, qint64 length) override;
    const QString& path() const { return m_path; }
    // For kernel-side copies (copy_file_range); the source keeps ownership.
    int fd() const { return m_fd; }

private:
    FileByteSource(QString path, int fd, qint64 size);

    QString m_path;
    int m_fd = -1;
    qint64 m_size = 0;
};

} // namespace sreg
