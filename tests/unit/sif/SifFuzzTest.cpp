// Fuzz-style robustness test: every fixture (and a built image with a deeper squashfs) is mutated thousands of
// times in total (byte flips, truncations, extreme values in header, descriptor and squashfs super block
// fields, random runs, splices), and each result must be parsed or refused: never a crash, hang or unbounded
// allocation. Deterministic: the seed is fixed (SREG_FUZZ_SEED and SREG_FUZZ_ROUNDS override it for longer
// runs by hand).

#include "MemoryByteSource.h"
#include "SifBuilder.h"
#include "TestSupport.h"
#include "sif/SifImage.h"
#include "sif/SifLayout.h"
#include "sif/SquashfsReader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTest>
#include <limits>
#include <random>

using namespace sreg;
using namespace sreg::sif;
using sreg::test::MemoryByteSource;

namespace {
constexpr qint64 ReadCap = 1024 * 1024;

// How the mutated inputs fared, to show the fuzzing reaches past the header checks.
struct Outcome
{
    int refused = 0;
    int opened = 0;
    int flagged = 0;
    int squashfsOpened = 0;
};
Outcome g_outcome;

struct Seed
{
    QString name;
    QByteArray bytes;
};

class Mutator final
{
public:
    explicit Mutator(quint64 seed) : m_random(seed) { }

    QByteArray mutate(const QByteArray& original)
    {
        QByteArray bytes = original;
        const int steps = 1 + int(below(3));
        for (int i = 0; i < steps; ++i)
            mutateOnce(bytes, original);
        return bytes;
    }

private:
    quint64 below(quint64 limit) { return limit == 0 ? 0 : m_random() % limit; }

    qint64 interesting(qint64 fileSize)
    {
        static const qint64 values[] = { 0,
                                         1,
                                         -1,
                                         2,
                                         127,
                                         128,
                                         585,
                                         4096,
                                         32176,
                                         32768,
                                         28080,
                                         48,
                                         49,
                                         65536,
                                         65537,
                                         std::numeric_limits<qint64>::max(),
                                         std::numeric_limits<qint64>::min(),
                                         qint64(1) << 62,
                                         qint64(1) << 32,
                                         std::numeric_limits<qint32>::max(),
                                         -62135596800LL,
                                         0xf0000000LL,
                                         0xf0000001LL,
                                         0x0fffffffLL };
        if (below(4) == 0)
            return fileSize + qint64(below(3)) - 1;
        if (below(4) == 0)
            return qint64(m_random());
        return values[below(std::size(values))];
    }

    // Most damage goes where the parsers look: the header, the descriptor table, and squashfs super blocks.
    qint64 position(const QByteArray& bytes)
    {
        if (bytes.isEmpty())
            return 0;
        const quint64 choice = below(10);
        if (choice < 3)
            return qint64(below(std::min<quint64>(bytes.size(), 128)));
        if (choice < 6)
            return qint64(below(std::min<quint64>(bytes.size(), 4096 + 48 * 585)));
        if (choice < 8) {
            const qsizetype magic = bytes.indexOf("hsqs", qsizetype(below(bytes.size())));
            const qsizetype at = magic >= 0 ? magic : bytes.indexOf("hsqs");
            if (at >= 0)
                return std::min<qint64>(bytes.size() - 1, at + qint64(below(4096)));
        }
        return qint64(below(bytes.size()));
    }

    template<typename T> void writeValue(QByteArray& bytes, qint64 at, T value)
    {
        if (at >= 0 && at + qint64(sizeof(T)) <= bytes.size())
            layout::writeLittleEndian<T>(bytes.data() + at, value);
    }

    void mutateOnce(QByteArray& bytes, const QByteArray& original)
    {
        switch (below(9)) {
        case 0: // bit flips
        case 1: {
            const int flips = 1 + int(below(16));
            for (int i = 0; i < flips && !bytes.isEmpty(); ++i) {
                const qint64 at = position(bytes);
                bytes[at] = char(bytes[at] ^ (1 << below(8)));
            }
            break;
        }
        case 2: // truncation
            bytes.truncate(qsizetype(below(bytes.size() + 1)));
            break;
        case 3: { // header integer fields
            const qint64 field = 64 + 8 * qint64(below(8));
            writeValue<qint64>(bytes, field, interesting(bytes.size()));
            break;
        }
        case 4: { // descriptor fields of one of the first slots
            const qint64 slot = 4096 + qint64(below(8)) * layout::DescriptorSize;
            static const int offsets[] = {
                layout::DTypeOffset,      layout::DIdOffset,       layout::DGroupOffset,           layout::DLinkOffset,
                layout::DOffsetOffset,    layout::DSizeOffset,     layout::DSizeWithPaddingOffset, layout::DExtraOffset,
                layout::DExtraOffset + 4, layout::DExtraOffset + 8
            };
            const int field = offsets[below(std::size(offsets))];
            if (field == layout::DOffsetOffset || field == layout::DSizeOffset
                || field == layout::DSizeWithPaddingOffset)
                writeValue<qint64>(bytes, slot + field, interesting(bytes.size()));
            else
                writeValue<quint32>(bytes, slot + field, quint32(interesting(bytes.size())));
            if (below(4) == 0 && slot + layout::DUsedOffset < bytes.size())
                bytes[slot + layout::DUsedOffset] = char(below(3));
            break;
        }
        case 5: { // squashfs super block fields
            const qsizetype magic = bytes.indexOf("hsqs");
            if (magic < 0)
                break;
            const qint64 field = magic + 4 + 4 * qint64(below(22));
            if (below(2) == 0)
                writeValue<quint32>(bytes, field, quint32(interesting(bytes.size())));
            else
                writeValue<quint64>(bytes, field, quint64(interesting(bytes.size())));
            break;
        }
        case 6: { // a run of random bytes
            const qint64 at = position(bytes);
            const qint64 length = std::min<qint64>(bytes.size() - at, qint64(1 + below(64)));
            for (qint64 i = 0; i < length; ++i)
                bytes[at + i] = char(m_random());
            break;
        }
        case 7: { // splice another part of the original over this one
            if (original.isEmpty() || bytes.isEmpty())
                break;
            const qint64 from = qint64(below(original.size()));
            const qint64 to = position(bytes);
            const qint64 length
                = std::min<qint64>({ original.size() - from, bytes.size() - to, qint64(1 + below(600)) });
            bytes.replace(to, length, original.mid(from, length));
            break;
        }
        default: // zero a run
        {
            const qint64 at = position(bytes);
            const qint64 length = std::min<qint64>(bytes.size() - at, qint64(1 + below(256)));
            bytes.replace(at, length, QByteArray(length, '\0'));
        }
        }
    }

    std::mt19937_64 m_random;
};

void exerciseSquashfs(std::shared_ptr<ByteSource> source)
{
    Result<SquashfsReader> reader = SquashfsReader::open(std::move(source));
    if (!reader) {
        QVERIFY(!reader.error().message().isEmpty());
        return;
    }
    ++g_outcome.squashfsOpened;
    Result<QList<SquashfsEntry>> entries = reader->walk(QStringLiteral("/"), 10000);
    if (entries) {
        int files = 0;
        for (const SquashfsEntry& entry : *entries)
            if (entry.type != SquashfsEntry::Type::Directory && files++ < 8)
                (void)reader->readFile(entry.path, ReadCap);
    }
    (void)reader->list(QStringLiteral("/.singularity.d"));
    (void)reader->readFile(QStringLiteral("/.singularity.d/runscript.link"), ReadCap);
}

// Parse or refuse, and when parsed, every accessor must behave.
void exercise(const QByteArray& bytes)
{
    std::shared_ptr<ByteSource> source = MemoryByteSource::of(bytes);
    Result<SifImage> image = SifImage::open(source);
    if (!image) {
        const ErrorCode code = image.error().code();
        QVERIFY2(code == ErrorCode::NotSif || code == ErrorCode::BrokenSif, qPrintable(image.error().message()));
        QVERIFY(!image.error().message().isEmpty());
        ++g_outcome.refused;
        if (bytes.startsWith("hsqs"))
            exerciseSquashfs(source);
        return;
    }
    ++g_outcome.opened;
    g_outcome.flagged += image->hasErrors() ? 1 : 0;
    QVERIFY(image->objects().size() <= image->header().descriptorsTotal);
    for (const SifProblem& problem : image->problems())
        QVERIFY(!problem.message.isEmpty());
    QCOMPARE(image->hasErrors(), !image->firstErrorMessage().isEmpty());
    (void)image->metadata();
    (void)image->signatures();
    const QByteArray json = QJsonDocument(image->toJson()).toJson(QJsonDocument::Compact);
    QVERIFY(json.startsWith('{'));
    for (const SifDescriptor& d : image->objects()) {
        if (!d.readable) {
            QVERIFY(!image->readObject(d.id, ReadCap) || image->object(d.id) != &d);
            continue;
        }
        QVERIFY(d.offset >= 0 && d.size >= 0 && d.offset + d.size <= bytes.size());
        if (image->object(d.id) == &d && d.size <= ReadCap)
            QVERIFY(image->readObject(d.id, ReadCap));
        if (d.rawType == layout::TypePartition)
            exerciseSquashfs(image->objectSource(d.id));
    }
}

QList<Seed> seeds()
{
    QList<Seed> list;
    const QDir top(sreg::test::fixturesDir());
    for (const QString& name :
         top.entryList({ QStringLiteral("*.sif"), QStringLiteral("*.simg") }, QDir::Files, QDir::Name))
        list.append({ name, sreg::test::readFile(top.filePath(name)) });
    const QDir broken(top.filePath(QStringLiteral("broken")));
    for (const QString& name : broken.entryList(QDir::Files, QDir::Name))
        list.append({ QStringLiteral("broken/") + name, sreg::test::readFile(broken.filePath(name)) });
    QMap<QString, QByteArray> files;
    for (int i = 0; i < 40; ++i)
        files.insert(QStringLiteral("/d%1/e%2/f%3").arg(i % 3).arg(i % 5).arg(i),
                     QByteArray(i * 97, char('a' + i % 26)));
    const QByteArray squashfs
        = test::SifBuilder::squashfs(files, { { QStringLiteral("/l"), QStringLiteral("d1/e1") } });
    test::SifBuilder builder;
    builder.addDeffile(QStringLiteral("Bootstrap: scratch\n"));
    builder.addInspectMetadata({ { QStringLiteral("a"), QStringLiteral("b") } });
    builder.addPartition(squashfs, QStringLiteral("amd64"));
    list.append({ QStringLiteral("built"), builder.build() });
    return list;
}
} // namespace

class SifFuzzTest final : public QObject
{
    Q_OBJECT

private slots:
    void seedsParse();
    void mutationsParseOrRefuse();
};

void SifFuzzTest::seedsParse()
{
    for (const Seed& seed : seeds()) {
        exercise(seed.bytes);
        if (QTest::currentTestFailed())
            QFAIL(qPrintable(seed.name));
    }
}

void SifFuzzTest::mutationsParseOrRefuse()
{
    const quint64 seed = qEnvironmentVariableIsSet("SREG_FUZZ_SEED")
        ? qEnvironmentVariable("SREG_FUZZ_SEED").toULongLong()
        : 0x5eed5eedULL;
    const int rounds
        = qEnvironmentVariableIsSet("SREG_FUZZ_ROUNDS") ? qEnvironmentVariableIntValue("SREG_FUZZ_ROUNDS") : 2000;
    Mutator mutator(seed);
    const QList<Seed> inputs = seeds();
    QElapsedTimer timer;
    timer.start();
    int iterations = 0;
    qint64 slowest = -1;
    QString slowestInput;
    for (int round = 0; round < rounds; ++round) {
        for (const Seed& input : inputs) {
            const QByteArray mutated = mutator.mutate(input.bytes);
            QElapsedTimer one;
            one.start();
            exercise(mutated);
            ++iterations;
            if (one.elapsed() > slowest) {
                slowest = one.elapsed();
                slowestInput = QStringLiteral("%1, round %2").arg(input.name).arg(round);
                if (qEnvironmentVariableIsSet("SREG_FUZZ_SAVE_SLOWEST"))
                    sreg::test::writeFile(QDir::temp().filePath(QStringLiteral("sif-fuzz-slowest.bin")), mutated);
            }
            if (QTest::currentTestFailed()) {
                const QString path = QDir::temp().filePath(QStringLiteral("sif-fuzz-failure.bin"));
                sreg::test::writeFile(path, mutated);
                QFAIL(
                    qPrintable(QStringLiteral("%1, round %2: input saved to %3").arg(input.name).arg(round).arg(path)));
            }
        }
    }
    qInfo("%d mutated inputs from %d seeds in %lld ms (seed %llu): %d refused, %d opened (%d of them flagged), "
          "%d squashfs images opened",
          iterations, int(inputs.size()), timer.elapsed(), seed, g_outcome.refused, g_outcome.opened, g_outcome.flagged,
          g_outcome.squashfsOpened);
    qInfo("slowest input: %lld ms (%s)", slowest, qPrintable(slowestInput));
    QCOMPARE(iterations, rounds * int(inputs.size()));
    QVERIFY(rounds != 2000 || iterations >= 50000); // the default run is the "thousands of inputs" one
}

QTEST_GUILESS_MAIN(SifFuzzTest)
#include "SifFuzzTest.moc"
