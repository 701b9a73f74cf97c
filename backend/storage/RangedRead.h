#pragma once

#include "common/Result.h"

#include <QByteArray>

namespace sreg {

// One ranged GET of an object into a caller's buffer, kept across retries: each attempt asks only for the bytes
// still missing, a store that ignores Range and answers 200 with the whole object is read past the bytes before
// the range and cut off after it, and a range starting at or past the end reads nothing. The same for every
// object store client; each supplies its own signed request around it.
class RangedRead final
{
public:
    RangedRead(qint64 offset, qint64 length, char* buffer);

    // The Range header value for the next attempt ("bytes=FIRST-LAST").
    QByteArray rangeHeader() const;
    // Call when the attempt's status arrives, then hand every body chunk to receive() (false: stop reading).
    void onStatus(int status);
    bool receive(const char* data, size_t size);
    // What an attempt that failed with error means: the bytes read when the failure is how such a read ends
    // (our stop of a whole-object answer, or HTTP 416), else the error.
    Result<qint64> afterFailure(const Error& error) const;
    qint64 done() const { return m_done; }

private:
    const qint64 m_offset;
    const qint64 m_length;
    char* const m_buffer;
    qint64 m_done = 0; // survives the attempts
    qint64 m_skip = 0; // bytes of a whole-object answer before our range
    bool m_whole = false;
};

} // namespace sreg
