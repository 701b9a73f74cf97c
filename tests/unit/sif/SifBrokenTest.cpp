// Damaged and foreign inputs: every file in fixtures/sif/broken/ and legacy-squashfs.simg is refused or
// flagged with a message naming the problem, and crafted variants cover the checks the fixtures do not.

#include "MemoryByteSource.h"
#include "SifBuilder.h"
#include "TestSupport.h"
#include "common/FileByteSource.h"
#include "sif/SifImage.h"
#include "sif/SifLayout.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace sreg;
using namespace sreg::sif;
using sreg::test::MemoryByteSource;
using sreg::test::SifBuilder;

namespace {
QByteArray fixtureBytes(const QString& relative)
{
    return sreg::test::readFile(sreg::test::fixture(relative));
}

Result<SifImage> openBytes(const QByteArray& bytes)
{
    return SifImage::open(MemoryByteSource::of(bytes));
}

template<typename T> QByteArray patched(QByteArray bytes, qint64 offset, T value)
{
    layout::writeLittleEndian<T>(bytes.data() + offset, value);
    return bytes;
}

qint64 descriptorOf(quint32 id)
{
    return 4096 + qint64(id - 1) * layout::DescriptorSize;
}

// All messages of the image (Errors and Warnings) in one string, for "contains" checks.
QString allProblems(const SifImage& image, SifProblem::Severity severity)
{
    QStringList messages;
    for (const SifProblem& problem : image.problems())
        if (problem.severity == severity)
            messages.append(problem.message);
    return messages.join(u'\n');
}

QByteArray validImage()
{
    return fixtureBytes(QStringLiteral("singularity-like.sif"));
}
} // namespace

class SifBrokenTest final : public QObject
{
    Q_OBJECT

private slots:
    void everyBrokenFixtureIsRefusedOrFlagged();
    void refusals_data();
    void refusals();
    void flags_data();
    void flags();
    void truncatedDataKeepsOtherObjectsReadable();
    void badNameIsShownLenientlyAndKeptRaw();
    void duplicateIdFlagsBothSlots();
    void foreignFilesAreNamed_data();
    void foreignFilesAreNamed();
    void craftedHeaderRefusals_data();
    void craftedHeaderRefusals();
    void craftedObjectFlags_data();
    void craftedObjectFlags();
    void warningsKeepTheImageAcceptable();
    void readObjectIsBounded();
    void fullLargestTableStaysBounded();
};

void SifBrokenTest::everyBrokenFixtureIsRefusedOrFlagged()
{
    const QDir broken(sreg::test::fixture(QStringLiteral("broken")));
    const QStringList files = broken.entryList(QDir::Files);
    QVERIFY(files.size() >= 15);
    for (const QString& name : files) {
        Result<SifImage> image = openBytes(fixtureBytes(QStringLiteral("broken/") + name));
        QVERIFY2(!image || image->hasErrors(), qPrintable(name));
    }
}

void SifBrokenTest::refusals_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("phrase");
    const int notSif = int(ErrorCode::NotSif);
    const int broken = int(ErrorCode::BrokenSif);
    QTest::newRow("bad-magic") << "broken/bad-magic.sif" << notSif << "not a SIF: no SIF_MAGIC at offset 32";
    QTest::newRow("bad-version") << "broken/bad-version.sif" << broken << "unsupported SIF version '02'";
    QTest::newRow("truncated-header") << "broken/truncated-header.sif" << broken << "truncated header";
    QTest::newRow("truncated-descriptors")
        << "broken/truncated-descriptors.sif" << broken << "descriptor table truncated";
    QTest::newRow("descriptors-past-eof")
        << "broken/descriptors-past-eof.sif" << broken << "descriptor table out of range";
    QTest::newRow("count-too-large")
        << "broken/count-too-large.sif" << broken
        << "descriptor count 100000 needs 58500000 bytes, more than the descriptors size (28080)";
    QTest::newRow("count-huge") << "broken/count-huge.sif" << broken
                                << "descriptor count 4611686018427387904 overflows";
    QTest::newRow("legacy-squashfs") << "legacy-squashfs.simg" << notSif
                                     << "a squashfs image (Singularity 2.x .simg), not a SIF";
}

void SifBrokenTest::refusals()
{
    QFETCH(QString, fixture);
    QFETCH(int, code);
    QFETCH(QString, phrase);
    Result<SifImage> image = openBytes(fixtureBytes(fixture));
    QVERIFY(!image);
    QCOMPARE(int(image.error().code()), code);
    QVERIFY2(image.error().message().contains(phrase), qPrintable(image.error().message()));
}

void SifBrokenTest::flags_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<quint32>("objectId");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("truncated-data") << "broken/truncated-data.sif" << 3u << "extends past end of file";
    QTest::newRow("offset-past-eof") << "broken/offset-past-eof.sif" << 2u
                                     << "out of range: starts at 1073741824, past end of file";
    QTest::newRow("overlap 1") << "broken/overlap.sif" << 1u << "overlaps object 2";
    QTest::newRow("overlap 2") << "broken/overlap.sif" << 2u << "overlaps object 1";
    QTest::newRow("offset-into-header")
        << "broken/offset-into-header.sif" << 1u
        << "starts at 16, before the data section at 32176 (inside the header/descriptor table)";
    QTest::newRow("negative-size") << "broken/negative-size.sif" << 2u << "size -1 is negative";
    QTest::newRow("bad-name-utf8") << "broken/bad-name-utf8.sif" << 2u << "name is not valid UTF-8";
    QTest::newRow("duplicate-id") << "broken/duplicate-id.sif" << 1u << "duplicate ID 1 (slots 0 and 1";
    QTest::newRow("free-count-mismatch") << "broken/free-count-mismatch.sif" << 0u
                                         << "descriptors free (48) != total - used (45)";
}

void SifBrokenTest::flags()
{
    QFETCH(QString, fixture);
    QFETCH(quint32, objectId);
    QFETCH(QString, phrase);
    Result<SifImage> image = openBytes(fixtureBytes(fixture));
    QVERIFY2(image, qPrintable(image ? QString() : image.error().message()));
    QVERIFY(image->hasErrors());
    QCOMPARE(image->objects().size(), 3);
    bool found = false;
    for (const SifProblem& problem : image->problems())
        found |= problem.severity == SifProblem::Severity::Error && problem.objectId == objectId
            && problem.message.contains(phrase);
    QVERIFY2(found, qPrintable(allProblems(*image, SifProblem::Severity::Error)));
    if (objectId != 0) {
        const SifDescriptor* object = image->object(objectId);
        QVERIFY(object && !object->readable);
        QVERIFY(!image->objectSource(objectId));
        QCOMPARE(image->readObject(objectId).error().code(), ErrorCode::BrokenSif);
    }
}

void SifBrokenTest::truncatedDataKeepsOtherObjectsReadable()
{
    Result<SifImage> image = openBytes(fixtureBytes(QStringLiteral("broken/truncated-data.sif")));
    QVERIFY(image);
    QVERIFY(image->object(1)->readable);
    QVERIFY(image->object(2)->readable);
    QCOMPARE(image->readObject(1)->size(), 233);
    QCOMPARE(image->metadata().labels.size(), 10);
    QCOMPARE(image->metadata().labelsSource, QStringLiteral("inspect-metadata.json"));
    QVERIFY(sreg::test::sha256OfFile(sreg::test::fixture(QStringLiteral("broken/truncated-data.sif")))
            != sreg::test::sha256OfFile(sreg::test::fixture(QStringLiteral("singularity-like.sif"))));
}

void SifBrokenTest::badNameIsShownLenientlyAndKeptRaw()
{
    Result<SifImage> image = openBytes(fixtureBytes(QStringLiteral("broken/bad-name-utf8.sif")));
    QVERIFY(image);
    const SifDescriptor* object = image->object(2);
    QCOMPARE(object->nameRaw, QByteArray("\xff\xfeinspect-\xc3(.json"));
    QVERIFY(!object->nameIsUtf8);
    QVERIFY(object->name.contains(QChar(0xfffd)));
    QVERIFY(object->name.contains(QStringLiteral("inspect-")));
    QVERIFY(object->name.endsWith(QStringLiteral("(.json")));
    // The name no longer finds inspect-metadata.json: labels come from the root file system.
    QCOMPARE(image->metadata().labelsSource, QStringLiteral("squashfs"));
    QCOMPARE(image->metadata().labels.size(), 10);
    QCOMPARE(image->toJson()
                 .value(QStringLiteral("objects"))
                 .toArray()
                 .at(1)
                 .toObject()
                 .value(QStringLiteral("nameRaw"))
                 .toString(),
             QString::fromLatin1(object->nameRaw.toHex()));
}

void SifBrokenTest::duplicateIdFlagsBothSlots()
{
    Result<SifImage> image = openBytes(fixtureBytes(QStringLiteral("broken/duplicate-id.sif")));
    QVERIFY(image);
    QCOMPARE(image->objects().size(), 3);
    QCOMPARE(image->objects()[0].id, 1u);
    QCOMPARE(image->objects()[1].id, 1u);
    QVERIFY(!image->objects()[0].readable);
    QVERIFY(!image->objects()[1].readable);
    QVERIFY(image->objects()[2].readable);
    int flagged = 0;
    for (const SifProblem& problem : image->problems())
        flagged += problem.message.contains(QStringLiteral("duplicate ID 1")) ? 1 : 0;
    QCOMPARE(flagged, 2);
}

void SifBrokenTest::foreignFilesAreNamed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("phrase");
    QByteArray ext3(4096, '\0');
    ext3[1024 + 56] = char(0x53);
    ext3[1024 + 57] = char(0xef);
    QByteArray singularity2 = QByteArray("#!/usr/bin/env run-singularity\n") + ext3;
    QByteArray tar(1024, '\0');
    tar.replace(257, 5, "ustar");
    QTest::newRow("empty") << QByteArray() << "an empty file (0 bytes), not a SIF";
    QTest::newRow("ext3") << ext3 << "an ext2/3/4 file system image, not a SIF";
    QTest::newRow("singularity 2 ext3") << singularity2 << "a Singularity 2.x ext3 image, not a SIF";
    QTest::newRow("gzip") << QByteArray("\x1f\x8b\x08\x00", 4) + QByteArray(200, 'x') << "gzip";
    QTest::newRow("tar") << tar << "tar archive";
    QTest::newRow("html") << QByteArray("<!DOCTYPE html><html>404</html>") << "HTML page";
    QTest::newRow("short text") << QByteArray("hello") << "not a SIF: no SIF_MAGIC at offset 32";
    QTest::newRow("zeros") << QByteArray(200, '\0') << "not a SIF: no SIF_MAGIC at offset 32";
}

void SifBrokenTest::foreignFilesAreNamed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, phrase);
    Result<SifImage> image = openBytes(bytes);
    QVERIFY(!image);
    QCOMPARE(image.error().code(), ErrorCode::NotSif);
    QVERIFY2(image.error().message().contains(phrase), qPrintable(image.error().message()));
}

void SifBrokenTest::craftedHeaderRefusals_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("phrase");
    const QByteArray valid = validImage();
    QTest::newRow("magic cut") << valid.left(38) << "truncated header";
    QTest::newRow("127 bytes") << valid.left(127) << "truncated header";
    QTest::newRow("version 00") << patched<quint8>(valid, 43, '0') << "unsupported SIF version '00'";
    QTest::newRow("negative total") << patched<qint64>(valid, layout::DescriptorsTotalOffset, -1)
                                    << "descriptor count is negative (-1)";
    QTest::newRow("negative size") << patched<qint64>(valid, layout::DescriptorsSizeOffset, -585)
                                   << "descriptors size is negative";
    QTest::newRow("table in header") << patched<qint64>(valid, layout::DescriptorsOffsetOffset, 64)
                                     << "inside the 128-byte header";
    QTest::newRow("table offset overflow")
        << patched<qint64>(valid, layout::DescriptorsOffsetOffset, std::numeric_limits<qint64>::max() - 10)
        << "overflows";
    QTest::newRow("table offset negative")
        << patched<qint64>(valid, layout::DescriptorsOffsetOffset, std::numeric_limits<qint64>::min())
        << "descriptor table out of range";
    const QByteArray manySlots = patched<qint64>(patched<qint64>(valid, layout::DescriptorsTotalOffset, 20000),
                                                 layout::DescriptorsSizeOffset, 20000 * 585);
    QTest::newRow("too many slots") << manySlots + QByteArray(20000 * 585, '\0') << "more than the supported 16384";
}

void SifBrokenTest::craftedHeaderRefusals()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, phrase);
    Result<SifImage> image = openBytes(bytes);
    QVERIFY(!image);
    QCOMPARE(image.error().code(), ErrorCode::BrokenSif);
    QVERIFY2(image.error().message().contains(phrase), qPrintable(image.error().message()));
}

void SifBrokenTest::craftedObjectFlags_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("phrase");
    const QByteArray valid = validImage();
    QTest::newRow("used 2") << patched<quint8>(valid, descriptorOf(1) + layout::DUsedOffset, 2) << "used flag is 0x02";
    QTest::newRow("id 0") << patched<quint32>(valid, descriptorOf(2) + layout::DIdOffset, 0) << "ID 0 is invalid";
    QTest::newRow("padding < size") << patched<qint64>(valid, descriptorOf(1) + layout::DSizeWithPaddingOffset, 10)
                                    << "size with padding (10) is smaller than size (233)";
    QTest::newRow("negative offset") << patched<qint64>(valid, descriptorOf(3) + layout::DOffsetOffset, -4096)
                                     << "offset -4096 is negative";
    QTest::newRow("offset+size overflow")
        << patched<qint64>(valid, descriptorOf(3) + layout::DSizeOffset, std::numeric_limits<qint64>::max())
        << "overflows";
    QTest::newRow("inside table") << patched<qint64>(valid, descriptorOf(1) + layout::DOffsetOffset, 5000)
                                  << "inside the header/descriptor table";
    QTest::newRow("dangling object link") << patched<quint32>(valid, descriptorOf(2) + layout::DLinkOffset, 9)
                                          << "links to object 9, which does not exist";
    QTest::newRow("dangling group link") << patched<quint32>(valid, descriptorOf(2) + layout::DLinkOffset, 0xf0000007u)
                                         << "links to group 7, which has no objects";
    QTest::newRow("negative data offset")
        << patched<qint64>(valid, layout::DataOffsetOffset, -1) << "data offset is negative";
    QTest::newRow("data offset in table")
        << patched<qint64>(valid, layout::DataOffsetOffset, 5000) << "lies inside the header or the descriptor table";
    // A second PrimSys partition: object 1 re-typed as a partition.
    QByteArray twoPrimary = patched<qint32>(valid, descriptorOf(1), layout::TypePartition);
    twoPrimary = patched<qint32>(twoPrimary, descriptorOf(1) + layout::DExtraOffset, 4);
    twoPrimary = patched<qint32>(twoPrimary, descriptorOf(1) + layout::DExtraOffset + 4, layout::PartPrimSys);
    QTest::newRow("two primaries") << twoPrimary << "more than one primary (PrimSys) partition";
    QByteArray ociMismatch = patched<qint32>(valid, descriptorOf(1), layout::TypeOciBlob);
    ociMismatch.replace(descriptorOf(1) + layout::DExtraOffset, 71,
                        "sha256:0000000000000000000000000000000000000000000000000000000000000000");
    QTest::newRow("oci digest mismatch") << ociMismatch << "OCI digest mismatch";
}

void SifBrokenTest::craftedObjectFlags()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, phrase);
    Result<SifImage> image = openBytes(bytes);
    QVERIFY2(image, qPrintable(image ? QString() : image.error().message()));
    QVERIFY(image->hasErrors());
    QVERIFY2(allProblems(*image, SifProblem::Severity::Error).contains(phrase),
             qPrintable(allProblems(*image, SifProblem::Severity::Error)));
}

void SifBrokenTest::warningsKeepTheImageAcceptable()
{
    const QByteArray valid = validImage();
    struct Case
    {
        QByteArray bytes;
        QString phrase;
    };
    QByteArray dirtySlot = valid;
    dirtySlot[descriptorOf(10) + 100] = 'x';
    QByteArray groupWithoutFlag = patched<quint32>(valid, descriptorOf(1) + layout::DGroupOffset, 1);
    const QList<Case> cases {
        { dirtySlot, QStringLiteral("unused descriptor slot(s) hold non-zero bytes (slot 9)") },
        { patched<qint64>(valid, layout::DataSizeOffset, 99999), QStringLiteral("data size (99999) differs") },
        { patched<qint64>(valid, layout::DescriptorsSizeOffset, 30000),
          QStringLiteral("descriptors size (30000) is larger") },
        { groupWithoutFlag, QStringLiteral("lacks the 0xf0000000 flag") },
        { patched<quint8>(valid, layout::ArchOffset + 1, '4'), QStringLiteral("header architecture arm64") },
    };
    for (const Case& c : cases) {
        Result<SifImage> image = openBytes(c.bytes);
        QVERIFY(image);
        QVERIFY2(!image->hasErrors(), qPrintable(image->firstErrorMessage()));
        QVERIFY2(allProblems(*image, SifProblem::Severity::Warning).contains(c.phrase),
                 qPrintable(allProblems(*image, SifProblem::Severity::Warning)));
    }
    // Invalid JSON in inspect-metadata.json: nothing shown from it, a warning, no crash.
    SifBuilder builder;
    builder.addJson(QByteArrayLiteral("inspect-metadata.json"),
                    QByteArrayLiteral("{\"data\": {\"attributes\": {\"labels\": {\"a\": "));
    Result<SifImage> image = openBytes(builder.build());
    QVERIFY(image);
    QVERIFY(!image->hasErrors());
    QVERIFY(image->metadata().labels.isEmpty());
    QVERIFY(allProblems(*image, SifProblem::Severity::Warning).contains(QStringLiteral("is not valid JSON")));
}

void SifBrokenTest::readObjectIsBounded()
{
    Result<SifImage> image = openBytes(validImage());
    QVERIFY(image);
    Result<QByteArray> capped = image->readObject(3, 4095);
    QVERIFY(!capped);
    QCOMPARE(capped.error().code(), ErrorCode::TooLarge);
    QCOMPARE(image->readObject(3, 4096)->size(), 4096);
    QCOMPARE(image->readObject(99).error().code(), ErrorCode::NotFound);
    std::shared_ptr<ByteSource> view = image->objectSource(3);
    QVERIFY(view);
    QCOMPARE(view->size(), qint64(4096));
    char buffer[16];
    QCOMPARE(*view->readAt(4090, buffer, 16), qint64(6));
    QCOMPARE(*view->readAt(5000, buffer, 16), qint64(0));
    QVERIFY(!view->read(4090, 16));
    QCOMPARE(view->read(0, 4)->constData(), "hsqs");
}

void SifBrokenTest::fullLargestTableStaysBounded()
{
    // The largest accepted table with every slot used and every object overlapping the next: all are listed
    // and flagged without quadratic work.
    const qint64 total = layout::MaxDescriptors;
    const qint64 dataOffset = 4096 + total * layout::DescriptorSize;
    QByteArray bytes = validImage().left(4096);
    bytes = patched<qint64>(bytes, layout::DescriptorsTotalOffset, total);
    bytes = patched<qint64>(bytes, layout::DescriptorsSizeOffset, total * layout::DescriptorSize);
    bytes = patched<qint64>(bytes, layout::DescriptorsFreeOffset, 0);
    bytes = patched<qint64>(bytes, layout::DataOffsetOffset, dataOffset);
    bytes.resize(dataOffset + 2 * total, 'x');
    for (qint64 i = 0; i < total; ++i) {
        char* slot = bytes.data() + 4096 + i * layout::DescriptorSize;
        std::memset(slot, 0, layout::DescriptorSize);
        layout::writeLittleEndian<qint32>(slot, layout::TypeGeneric);
        slot[layout::DUsedOffset] = 1;
        layout::writeLittleEndian<quint32>(slot + layout::DIdOffset, quint32(i + 1));
        layout::writeLittleEndian<qint64>(slot + layout::DOffsetOffset, dataOffset + i);
        layout::writeLittleEndian<qint64>(slot + layout::DSizeOffset, 2);
        layout::writeLittleEndian<qint64>(slot + layout::DSizeWithPaddingOffset, 2);
    }
    QElapsedTimer timer;
    timer.start();
    Result<SifImage> image = openBytes(bytes);
    QVERIFY(image);
    QCOMPARE(image->objects().size(), total);
    QVERIFY(image->hasErrors());
    QVERIFY(!image->objects().last().readable);
    (void)image->toJson();
    // About 0.3 s of CPU here; the bound only catches quadratic work (which would take minutes), not a busy machine.
    QVERIFY2(timer.elapsed() < 30000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(SifBrokenTest)
#include "SifBrokenTest.moc"
