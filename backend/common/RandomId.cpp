#include "RandomId.h"

#include <openssl/rand.h>

#include <QtGlobal>

namespace sreg {

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), count) != 1)
        qFatal("OpenSSL's random generator failed"); // never hand out predictable secrets
    return bytes;
}

QString base32(const QByteArray& bytes)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
    QString text;
    quint32 buffer = 0;
    int bits = 0;
    for (char c : bytes) {
        buffer = (buffer << 8) | quint8(c);
        bits += 8;
        while (bits >= 5) {
            text.append(QLatin1Char(alphabet[(buffer >> (bits - 5)) & 31]));
            bits -= 5;
        }
    }
    if (bits > 0)
        text.append(QLatin1Char(alphabet[(buffer << (5 - bits)) & 31]));
    return text;
}

QString randomToken(int count)
{
    return base32(randomBytes((count * 5 + 7) / 8)).left(count);
}

} // namespace sreg
