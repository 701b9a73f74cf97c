#pragma once

#include <QByteArray>
#include <QString>

namespace sreg {

// Cryptographically random bytes (OpenSSL RAND_bytes).
QByteArray randomBytes(int count);
// count random characters from [a-z2-7] (base32 alphabet, lower case): URL-, path- and header-safe.
QString randomToken(int count);
// Lower-case base32 (RFC 4648 alphabet, no padding) of bytes.
QString base32(const QByteArray& bytes);

} // namespace sreg
