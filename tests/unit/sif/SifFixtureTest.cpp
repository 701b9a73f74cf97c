// Every fixture against what Debian's siftool 2.8.3 printed for it (fixtures/sif/expected/*.txt): header
// fields, list rows, info fields and the sha256 and size of each object dump.

#include "MemoryByteSource.h"
#include "SiftoolExpected.h"
#include "TestSupport.h"
#include "common/FileByteSource.h"
#include "common/Sha256.h"
#include "sif/SifImage.h"
#include "sif/SifLayout.h"
#include "sif/SifNames.h"

#include <QDir>
#include <QTest>

using namespace sreg;
using namespace sreg::sif;
using sreg::test::SiftoolExpected;

namespace {
Result<SifImage> openFixture(const QString& relative)
{
    auto file = FileByteSource::open(sreg::test::fixture(relative));
    if (!file)
        return file.error();
    return SifImage::open(std::shared_ptr<ByteSource>(std::move(*file)));
}

QString expectedFileFor(const QString& relative)
{
    QString name = QFileInfo(relative).completeBaseName();
    if (relative.startsWith(QStringLiteral("broken/")))
        name = QStringLiteral("broken-") + name;
    return sreg::test::fixture(QStringLiteral("expected/%1.txt").arg(name));
}

QStringList allFixtures()
{
    QStringList files;
    const QDir top(sreg::test::fixturesDir());
    for (const QString& name :
         top.entryList({ QStringLiteral("*.sif"), QStringLiteral("*.simg") }, QDir::Files, QDir::Name))
        files.append(name);
    const QDir broken(sreg::test::fixture(QStringLiteral("broken")));
    for (const QString& name : broken.entryList({ QStringLiteral("*.sif") }, QDir::Files, QDir::Name))
        files.append(QStringLiteral("broken/") + name);
    return files;
}

QString groupText(quint32 group)
{
    return group == 0 ? QStringLiteral("NONE") : QString::number(group);
}

QString linkText(const SifDescriptor& d)
{
    if (const auto group = d.linkedGroup())
        return QStringLiteral("%1(G)").arg(*group);
    if (const auto object = d.linkedObject())
        return QString::number(*object);
    return QStringLiteral("NONE");
}

QString withoutSpaces(QString text)
{
    return text.remove(u' ');
}

// Debian's siftool predates OCI.RootIndex/OCI.Blob and prints "Unknown"; the reader names them.
bool newerThanSiftool(const SifDescriptor& d)
{
    return d.rawType == layout::TypeOciRootIndex || d.rawType == layout::TypeOciBlob;
}
} // namespace

class SifFixtureTest final : public QObject
{
    Q_OBJECT

private slots:
    void everyFixtureHasAnExpectedFile();
    void matchesSiftool_data();
    void matchesSiftool();
    void validFixturesOpenWithoutErrors_data();
    void validFixturesOpenWithoutErrors();
    void futureTypesDecodeAsCurrentLibrary();
    void emptyZeroIdHasNoIdAndUnsetTimes();
    void v1LayoutTakesDataOffsetFromHeader();
    void deletedObjectListsSlotOrder();
    void setprimQuirkDecodesArchAsUnknown();
    void allTypesDecodesEveryExtra();
    void typeTextMatchesSiftoolSpelling();

private:
    void compareHeader(const SiftoolExpected& expected, const SifImage& image);
    void compareList(const SiftoolExpected& expected, const SifImage& image);
    void compareInfo(const SiftoolExpected& expected, const SifImage& image);
    void compareDumps(const SiftoolExpected& expected, const SifImage& image, bool broken);
};

void SifFixtureTest::everyFixtureHasAnExpectedFile()
{
    const QStringList fixtures = allFixtures();
    QVERIFY(fixtures.size() >= 26);
    for (const QString& fixture : fixtures)
        QVERIFY2(QFile::exists(expectedFileFor(fixture)), qPrintable(fixture));
}

void SifFixtureTest::matchesSiftool_data()
{
    QTest::addColumn<QString>("fixture");
    for (const QString& fixture : allFixtures())
        QTest::newRow(qPrintable(fixture)) << fixture;
}

void SifFixtureTest::matchesSiftool()
{
    QFETCH(QString, fixture);
    const bool broken = fixture.startsWith(QStringLiteral("broken/"));
    const SiftoolExpected expected = SiftoolExpected::parse(sreg::test::readFile(expectedFileFor(fixture)));
    QCOMPARE(QFileInfo(sreg::test::fixture(fixture)).size(), expected.size);
    QCOMPARE(sreg::test::sha256OfFile(sreg::test::fixture(fixture)), expected.sha256);

    Result<SifImage> image = openFixture(fixture);
    if (expected.header.exitCode != 0) {
        // siftool refused the file (or panicked): the reader must refuse it too, with a reason.
        QVERIFY2(!image, qPrintable(fixture));
        QVERIFY(!image.error().message().isEmpty());
        return;
    }
    QVERIFY2(image, qPrintable(image ? QString() : image.error().message()));
    compareHeader(expected, *image);
    compareList(expected, *image);
    compareInfo(expected, *image);
    compareDumps(expected, *image, broken);
    if (!broken)
        QVERIFY2(!image->hasErrors(), qPrintable(image->firstErrorMessage()));
    else
        QVERIFY2(image->hasErrors(), qPrintable(fixture));
}

void SifFixtureTest::compareHeader(const SiftoolExpected& expected, const SifImage& image)
{
    const SifHeader& h = image.header();
    const QMap<QString, QString>& f = expected.headerFields;
    QString launch = h.launchScript;
    while (launch.endsWith(u'\n'))
        launch.chop(1);
    QCOMPARE(f.value(QStringLiteral("Launch Script")), launch);
    QCOMPARE(f.value(QStringLiteral("Version")), h.version);
    QCOMPARE(f.contains(QStringLiteral("Primary Architecture")), h.arch != QStringLiteral("unknown"));
    if (h.arch != QStringLiteral("unknown"))
        QCOMPARE(f.value(QStringLiteral("Primary Architecture")), h.arch);
    QCOMPARE(f.contains(QStringLiteral("ID")), !h.idIsNil);
    if (!h.idIsNil)
        QCOMPARE(f.value(QStringLiteral("ID")), h.id.toString(QUuid::WithoutBraces));
    QCOMPARE(f.contains(QStringLiteral("Created At")), !h.createdUnset);
    if (!h.createdUnset)
        QCOMPARE(f.value(QStringLiteral("Created At")), SiftoolExpected::siftoolTime(h.createdAt));
    QCOMPARE(f.contains(QStringLiteral("Modified At")), !h.modifiedUnset);
    if (!h.modifiedUnset)
        QCOMPARE(f.value(QStringLiteral("Modified At")), SiftoolExpected::siftoolTime(h.modifiedAt));
    QCOMPARE(f.value(QStringLiteral("Descriptors Free")).toLongLong(), h.descriptorsFree);
    QCOMPARE(f.value(QStringLiteral("Descriptors Total")).toLongLong(), h.descriptorsTotal);
    QCOMPARE(f.value(QStringLiteral("Descriptors Offset")).toLongLong(), h.descriptorsOffset);
    QCOMPARE(f.value(QStringLiteral("Descriptors Size")), SiftoolExpected::siftoolSize(h.descriptorsSize));
    QCOMPARE(f.value(QStringLiteral("Data Offset")).toLongLong(), h.dataOffset);
    QCOMPARE(f.value(QStringLiteral("Data Size")), SiftoolExpected::siftoolSize(h.dataSize));
    QCOMPARE(h.fileSize, expected.size);
}

void SifFixtureTest::compareList(const SiftoolExpected& expected, const SifImage& image)
{
    QCOMPARE(expected.list.exitCode, 0);
    QCOMPARE(image.objects().size(), expected.rows.size());
    for (int i = 0; i < expected.rows.size(); ++i) {
        const SiftoolExpected::ListRow& row = expected.rows[i];
        const SifDescriptor& d = image.objects()[i];
        QCOMPARE(row.id, QString::number(d.id));
        QCOMPARE(row.group, groupText(d.group()));
        QCOMPARE(withoutSpaces(row.link), linkText(d));
        QCOMPARE(row.start, d.offset);
        QCOMPARE(row.end, d.offset + d.size);
        if (newerThanSiftool(d))
            QCOMPARE(row.type, QStringLiteral("Unknown"));
        else
            QCOMPARE(d.typeText, row.type);
    }
}

void SifFixtureTest::compareInfo(const SiftoolExpected& expected, const SifImage& image)
{
    for (auto it = expected.infoFields.cbegin(); it != expected.infoFields.cend(); ++it) {
        const SifDescriptor* d = image.object(it.key());
        QVERIFY(d);
        const QMap<QString, QString>& f = it.value();
        if (newerThanSiftool(*d))
            QCOMPARE(f.value(QStringLiteral("Data Type")), QStringLiteral("Unknown"));
        else if (d->typeName.startsWith(QStringLiteral("Unknown")))
            QCOMPARE(f.value(QStringLiteral("Data Type")), QStringLiteral("Unknown"));
        else
            QCOMPARE(f.value(QStringLiteral("Data Type")), d->typeName);
        QCOMPARE(f.value(QStringLiteral("ID")), QString::number(d->id));
        QCOMPARE(f.value(QStringLiteral("Group ID")), groupText(d->group()));
        QCOMPARE(withoutSpaces(f.value(QStringLiteral("Linked ID"))), linkText(*d));
        QCOMPARE(f.value(QStringLiteral("Offset")).toLongLong(), d->offset);
        QCOMPARE(f.value(QStringLiteral("Size")).toLongLong(), d->size);
        QCOMPARE(f.value(QStringLiteral("Created At")), SiftoolExpected::siftoolTime(d->createdAt));
        QCOMPARE(f.value(QStringLiteral("Modified At")), SiftoolExpected::siftoolTime(d->modifiedAt));
        QCOMPARE(f.contains(QStringLiteral("Name")), !d->name.isEmpty());
        QCOMPARE(f.value(QStringLiteral("Name")), d->name);
        if (f.contains(QStringLiteral("Filesystem Type"))) {
            QCOMPARE(f.value(QStringLiteral("Filesystem Type")), d->fsType);
            QCOMPARE(f.value(QStringLiteral("Partition Type")),
                     d->isPrimaryPartition() ? QStringLiteral("*System") : d->partitionType);
            QCOMPARE(f.value(QStringLiteral("Architecture")), d->partitionArch);
        }
        if (d->rawType == layout::TypeSignature) {
            QCOMPARE(f.value(QStringLiteral("Hash Type")), d->hashType);
            QCOMPARE(f.value(QStringLiteral("Entity")), d->fingerprint);
        }
        if (d->rawType == layout::TypeCryptoMessage) {
            QCOMPARE(f.value(QStringLiteral("Format Type")), d->cryptoFormat);
            QCOMPARE(f.value(QStringLiteral("Message Type")), d->cryptoMessageType);
        }
        if (d->rawType == layout::TypeSbom)
            QCOMPARE(f.value(QStringLiteral("Format")), d->sbomFormat);
    }
}

void SifFixtureTest::compareDumps(const SiftoolExpected& expected, const SifImage& image, bool broken)
{
    QCOMPARE(expected.dumps.size(), expected.info.size());
    for (auto it = expected.dumps.cbegin(); it != expected.dumps.cend(); ++it) {
        const SifDescriptor* d = image.object(it.key());
        QVERIFY(d);
        const bool siftoolDumped = it->exitCode == 0 && it->error.isEmpty();
        if (!d->readable) {
            // Flagged where siftool was lenient (overlap, header offset, negative size, ...): broken only.
            QVERIFY2(broken, qPrintable(QStringLiteral("object %1 unreadable in a valid fixture").arg(d->id)));
            QVERIFY(!image.readObject(d->id));
            continue;
        }
        if (!siftoolDumped) {
            QVERIFY2(image.hasErrors(),
                     qPrintable(QStringLiteral("siftool failed on object %1: %2").arg(d->id).arg(it->error)));
            continue;
        }
        Result<QByteArray> bytes = image.readObject(d->id);
        QVERIFY2(bytes, qPrintable(bytes ? QString() : bytes.error().message()));
        QCOMPARE(qint64(bytes->size()), it->bytes);
        QCOMPARE(Sha256::of(*bytes).hex(), it->sha256);
    }
}

void SifFixtureTest::validFixturesOpenWithoutErrors_data()
{
    QTest::addColumn<QString>("fixture");
    for (const QString& fixture : allFixtures())
        if (fixture.endsWith(QStringLiteral(".sif")) && !fixture.startsWith(QStringLiteral("broken/")))
            QTest::newRow(qPrintable(fixture)) << fixture;
}

void SifFixtureTest::validFixturesOpenWithoutErrors()
{
    QFETCH(QString, fixture);
    Result<SifImage> image = openFixture(fixture);
    QVERIFY2(image, qPrintable(image ? QString() : image.error().message()));
    QVERIFY2(!image->hasErrors(), qPrintable(image->firstErrorMessage()));
    QVERIFY(image->firstErrorMessage().isEmpty());
    for (const SifDescriptor& d : image->objects())
        QVERIFY(d.readable);
}

void SifFixtureTest::futureTypesDecodeAsCurrentLibrary()
{
    Result<SifImage> image = openFixture(QStringLiteral("future-types.sif"));
    QVERIFY(image);
    QCOMPARE(image->objects().size(), 3);
    const SifDescriptor& index = image->objects()[0];
    QCOMPARE(index.typeName, QStringLiteral("OCI.RootIndex"));
    QCOMPARE(index.typeText, QStringLiteral("OCI.RootIndex"));
    QCOMPARE(index.ociDigest,
             QStringLiteral("sha256:dff9de10919148711140d349bf03f1a99eb06f94b03e51715ccebfa7cdc518e2"));
    const SifDescriptor& blob = image->objects()[1];
    QCOMPARE(blob.typeName, QStringLiteral("OCI.Blob"));
    QCOMPARE(blob.ociDigest, QStringLiteral("sha256:5f46631f3174c4b6acf962523bb09f291d17b79b0e85fdde60f4bd5892c7f5a7"));
    QCOMPARE(Sha256::of(*image->readObject(2)).hex(), blob.ociDigest.mid(7));
    const SifDescriptor& mystery = image->objects()[2];
    QCOMPARE(mystery.rawType, 0x40ff);
    QCOMPARE(mystery.typeName, QStringLiteral("Unknown (0x40ff)"));
    QCOMPARE(mystery.typeText, QStringLiteral("Unknown"));
    QCOMPARE(mystery.name.size(), 128);
    QCOMPARE(mystery.name, QStringLiteral("mystery-") + QString(120, u'0'));
    QCOMPARE(mystery.group(), 0u);
    QVERIFY(!image->hasErrors());
}

void SifFixtureTest::emptyZeroIdHasNoIdAndUnsetTimes()
{
    Result<SifImage> image = openFixture(QStringLiteral("empty-zero-id.sif"));
    QVERIFY(image);
    const SifHeader& h = image->header();
    QVERIFY(h.idIsNil);
    QVERIFY(h.id.isNull());
    QVERIFY(h.createdUnset);
    QVERIFY(h.modifiedUnset);
    QCOMPARE(h.createdAt, layout::GoZeroTime);
    QVERIFY(image->objects().isEmpty());
    QCOMPARE(h.arch, QStringLiteral("unknown"));
    const QJsonObject json = image->toJson().value(QStringLiteral("header")).toObject();
    QVERIFY(json.value(QStringLiteral("id")).isNull());
    QVERIFY(json.value(QStringLiteral("createdAt")).isNull());

    Result<SifImage> empty = openFixture(QStringLiteral("empty.sif"));
    QVERIFY(empty);
    QVERIFY(!empty->header().idIsNil);
    QVERIFY(!empty->header().createdUnset);
    QCOMPARE(empty->header().createdAt, qint64(1700000000));
    QCOMPARE(empty->header().id, QUuid(QStringLiteral("0e1f2a3b-4c5d-4e6f-8a7b-8c9d0e1f2a3b")));
}

void SifFixtureTest::v1LayoutTakesDataOffsetFromHeader()
{
    Result<SifImage> image = openFixture(QStringLiteral("v1-layout.sif"));
    QVERIFY(image);
    QCOMPARE(image->header().dataOffset, qint64(32768));
    QCOMPARE(image->header().dataSize, qint64(8479));
    QCOMPARE(image->objects().size(), 3);
    for (const SifDescriptor& d : image->objects()) {
        QCOMPARE(d.uid, qint64(1000));
        QCOMPARE(d.gid, qint64(1000));
        QCOMPARE(d.offset % 4096, qint64(0));
    }
    QCOMPARE(image->objects()[2].linkedObject(), std::optional<quint32>(2));
    QCOMPARE(image->objects()[2].hashType, QStringLiteral("SHA-384"));
    QCOMPARE(image->primaryArch(), QStringLiteral("amd64"));
}

void SifFixtureTest::deletedObjectListsSlotOrder()
{
    Result<SifImage> image = openFixture(QStringLiteral("deleted-object.sif"));
    QVERIFY(image);
    QCOMPARE(image->objects().size(), 3);
    QCOMPARE(image->objects()[1].id, 2u);
    QCOMPARE(image->objects()[1].slot, 1);
    QCOMPARE(image->objects()[1].offset, qint64(32795));
    QCOMPARE(image->objects()[1].name, QStringLiteral("replacement.json"));
    QCOMPARE(image->objects()[2].offset, qint64(32539));
    QVERIFY(!image->hasErrors());
    QVERIFY(!image->primaryPartition());
}

void SifFixtureTest::setprimQuirkDecodesArchAsUnknown()
{
    Result<SifImage> image = openFixture(QStringLiteral("setprim-quirk.sif"));
    QVERIFY(image);
    QCOMPARE(image->header().arch, QStringLiteral("amd64"));
    const SifDescriptor* primary = image->primaryPartition();
    QVERIFY(primary);
    QCOMPARE(primary->id, 1u);
    QCOMPARE(primary->partitionArch, QStringLiteral("unknown"));
    QCOMPARE(primary->partitionArchRaw, QByteArray("amd"));
    QCOMPARE(primary->typeText, QStringLiteral("FS (Squashfs/*System/unknown)"));
    QCOMPARE(image->primaryArch(), QStringLiteral("amd64"));
    QVERIFY(!image->hasErrors());
    bool warned = false;
    for (const SifProblem& p : image->problems())
        warned
            |= p.severity == SifProblem::Severity::Warning && p.message.contains(QStringLiteral("header architecture"));
    QVERIFY(warned);
}

void SifFixtureTest::allTypesDecodesEveryExtra()
{
    Result<SifImage> image = openFixture(QStringLiteral("all-types.sif"));
    QVERIFY(image);
    const QStringList types { QStringLiteral("Def.FILE"),    QStringLiteral("Env.Vars"),
                              QStringLiteral("JSON.Labels"), QStringLiteral("FS"),
                              QStringLiteral("Signature"),   QStringLiteral("JSON.Generic"),
                              QStringLiteral("Generic/Raw"), QStringLiteral("Cryptographic Message"),
                              QStringLiteral("SBOM") };
    QCOMPARE(image->objects().size(), types.size());
    for (int i = 0; i < types.size(); ++i)
        QCOMPARE(image->objects()[i].typeName, types[i]);
    const SifDescriptor* partition = image->object(4);
    QCOMPARE(partition->fsType, QStringLiteral("Squashfs"));
    QCOMPARE(partition->partitionType, QStringLiteral("PrimSys"));
    QCOMPARE(partition->partitionArch, QStringLiteral("amd64"));
    const SifDescriptor* signature = image->object(5);
    QCOMPARE(signature->hashType, QStringLiteral("SHA-384"));
    QCOMPARE(signature->fingerprint, QStringLiteral("433FE984155206BD962725E20E8713472A879943"));
    QCOMPARE(signature->linkedObject(), std::optional<quint32>(4));
    QVERIFY(!signature->linkedGroup());
    const SifDescriptor* crypto = image->object(8);
    QCOMPARE(crypto->cryptoFormat, QStringLiteral("PEM"));
    QCOMPARE(crypto->cryptoMessageType, QStringLiteral("RSA-OAEP"));
    QCOMPARE(crypto->typeText, QStringLiteral("Cryptographic Message (PEM/RSA-OAEP)"));
    QCOMPARE(image->object(9)->sbomFormat, QStringLiteral("cyclonedx-json"));
    QCOMPARE(image->object(7)->offset, qint64(41392));
    QCOMPARE(image->object(7)->sizeWithPadding - image->object(7)->size, qint64(41392 - 41377));
}

void SifFixtureTest::typeTextMatchesSiftoolSpelling()
{
    SifDescriptor d;
    d.rawType = layout::TypeSignature;
    d.hashTypeCode = 1;
    QCOMPARE(SifNames::typeText(d), QStringLiteral("Signature (SHA-256)"));
    d.hashTypeCode = 9;
    QCOMPARE(SifNames::typeText(d), QStringLiteral("Signature (Unknown)"));
    d.rawType = layout::TypeCryptoMessage;
    d.cryptoFormatCode = 0;
    d.cryptoMessageTypeCode = 0;
    QCOMPARE(SifNames::typeText(d), QStringLiteral("Cryptographic Message (Unknown/Unknown)"));
    d.rawType = layout::TypeSbom;
    d.sbomFormatCode = 4;
    QCOMPARE(SifNames::typeText(d), QStringLiteral("SBOM (spdx-json)"));
    d.rawType = layout::TypePartition;
    d.fsTypeCode = layout::FsEncryptedSquashfs;
    d.partitionTypeCode = layout::PartOverlay;
    d.partitionArchRaw = QByteArray("12\0", 3);
    QCOMPARE(SifNames::typeText(d), QStringLiteral("FS (Encrypted squashfs/Overlay/riscv64)"));
    QCOMPARE(SifNames::archName(QByteArray("13\0", 3)), QStringLiteral("loong64"));
    QCOMPARE(SifNames::archName(QByteArray("14\0", 3)), QStringLiteral("unknown"));
    QCOMPARE(SifNames::archName(QByteArray("00\0", 3)), QStringLiteral("unknown"));
    QCOMPARE(SifNames::archName(QByteArray("amd")), QStringLiteral("unknown"));
    QCOMPARE(SifNames::archName(QByteArray("02x")), QStringLiteral("unknown"));
    QCOMPARE(SifNames::dataTypeName(0x40ff), QStringLiteral("Unknown (0x40ff)"));
    QCOMPARE(SifNames::fsTypeName(7), QStringLiteral("Unknown (7)"));
}

QTEST_GUILESS_MAIN(SifFixtureTest)
#include "SifFixtureTest.moc"
