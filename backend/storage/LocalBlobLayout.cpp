#include "LocalBlobLayout.h"

#include "common/Sha256.h"

#include <QByteArray>
#include <QList>
#include <array>
#include <climits>
#include <openssl/rand.h>
#include <unistd.h>

namespace sreg {
namespace {

bool isLowerHex(QStringView text)
{
    for (QChar c : text) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

bool isDecimal(QStringView text)
{
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return !text.isEmpty();
}

QString randomHex(int bytes)
{
    QByteArray random(bytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(random.data()), bytes) != 1) {
        // OpenSSL's generator failing means the process cannot make anything secret; going on with
        // predictable ids would be worse than stopping.
        qFatal("OpenSSL could not produce random bytes");
    }
    return QString::fromLatin1(random.toHex());
}

QString computeHostTag()
{
    std::array<char, 256> host {};
    ::gethostname(host.data(), host.size() - 1);
    std::array<char, 64> pidNamespace {};
    const ssize_t n = ::readlink("/proc/self/ns/pid", pidNamespace.data(), pidNamespace.size() - 1);
    QByteArray identity(host.data());
    identity += '\n';
    if (n > 0)
        identity += QByteArray(pidNamespace.data(), int(n));
    return Sha256::of(identity).hex().left(8);
}

} // namespace

LocalBlobLayout::LocalBlobLayout(QString root) : m_root(std::move(root)) { }

QString LocalBlobLayout::blobDir(const Digest& digest) const
{
    return blobsDir() + u'/' + digest.hex().left(2);
}

QString LocalBlobLayout::blobPath(const Digest& digest) const
{
    const QString hex = digest.hex();
    return blobsDir() + u'/' + hex.left(2) + u'/' + hex;
}

QString LocalBlobLayout::newTempPath() const
{
    return tmpDir() + u'/' + tempFileName(::getpid());
}

QString LocalBlobLayout::newUploadId()
{
    return randomHex(16);
}

bool LocalBlobLayout::isValidUploadId(QStringView id)
{
    return id.size() == 32 && isLowerHex(id);
}

QString LocalBlobLayout::partFileName(int number, const Digest& digest)
{
    return QStringLiteral("part-%1.%2").arg(number, 5, 10, QChar(u'0')).arg(digest.hex());
}

std::optional<LocalBlobLayout::PartFile> LocalBlobLayout::parsePartFileName(QStringView name)
{
    // "part-" + 5 digits + "." + 64 hex
    if (name.size() != 5 + 5 + 1 + 64 || !name.startsWith(u"part-") || name[10] != u'.')
        return std::nullopt;
    const QStringView digits = name.mid(5, 5);
    const QStringView hex = name.mid(11);
    if (!isDecimal(digits) || !isLowerHex(hex))
        return std::nullopt;
    const int number = digits.toInt();
    std::optional<Digest> digest = Digest::fromHex(hex);
    if (!isValidPartNumber(number) || !digest)
        return std::nullopt;
    return PartFile { number, *digest };
}

bool LocalBlobLayout::isShardName(QStringView name)
{
    return name.size() == 2 && isLowerHex(name);
}

std::optional<Digest> LocalBlobLayout::parseBlobFileName(QStringView shard, QStringView name)
{
    if (name.size() != 64 || !isLowerHex(name) || !isShardName(shard) || name.left(2) != shard)
        return std::nullopt;
    return Digest::fromHex(name);
}

QString LocalBlobLayout::tempFileName(qint64 pid)
{
    return QStringLiteral("%1-%2-%3.partial").arg(pid).arg(hostTag(), randomHex(8));
}

std::optional<LocalBlobLayout::TempOwner> LocalBlobLayout::parseTempFileName(QStringView name)
{
    if (!name.endsWith(u".partial"))
        return std::nullopt;
    const QList<QStringView> fields = name.chopped(8).split(u'-');
    if (fields.size() != 3 || !isDecimal(fields[0]) || fields[0].size() > 9 || fields[1].size() != 8
        || !isLowerHex(fields[1]) || fields[2].size() != 16 || !isLowerHex(fields[2]))
        return std::nullopt;
    const qint64 pid = fields[0].toLongLong();
    if (pid <= 0 || pid > INT_MAX)
        return std::nullopt;
    return TempOwner { pid, fields[1].toString() };
}

QString LocalBlobLayout::hostTag()
{
    static const QString tag = computeHostTag();
    return tag;
}

} // namespace sreg
