// Integrity of signed fixtures (fixtures/sif/README.md): the sif-metadata digests (PGP and DSSE, group links)
// and legacy SIFHASH digests (object links) match; changing a covered byte makes them mismatch, changing what
// the digests leave out (times, arch, offsets, group flag bits) does not.

#include "MemoryByteSource.h"
#include "TestSupport.h"
#include "common/Sha256.h"
#include "sif/EvpHasher.h"
#include "sif/SifImage.h"
#include "sif/SifIntegrity.h"
#include "sif/SifLayout.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace sreg;
using namespace sreg::sif;
using sreg::test::MemoryByteSource;

namespace {
QByteArray fixtureBytes(const QString& relative)
{
    return sreg::test::readFile(sreg::test::fixture(relative));
}

QList<SifSignature> signaturesOf(const QByteArray& bytes)
{
    Result<SifImage> image = SifImage::open(MemoryByteSource::of(bytes));
    return image ? image->signatures() : QList<SifSignature>();
}

qint64 descriptorOf(quint32 id)
{
    return 4096 + qint64(id - 1) * layout::DescriptorSize;
}

template<typename T> QByteArray patched(QByteArray bytes, qint64 offset, T value)
{
    layout::writeLittleEndian<T>(bytes.data() + offset, value);
    return bytes;
}

QByteArray flipped(QByteArray bytes, qint64 offset)
{
    bytes[offset] = char(bytes[offset] ^ 0x01);
    return bytes;
}

bool allMatch(const QList<SifSignature>& signatures)
{
    if (signatures.isEmpty())
        return false;
    for (const SifSignature& s : signatures)
        if (!s.digestsMatch)
            return false;
    return true;
}

bool noneMatch(const QList<SifSignature>& signatures)
{
    if (signatures.isEmpty())
        return false;
    for (const SifSignature& s : signatures)
        if (s.digestsMatch || s.mismatches.isEmpty())
            return false;
    return true;
}
} // namespace

class SifSignatureTest final : public QObject
{
    Q_OBJECT

private slots:
    void signedFakeDigestsMatch();
    void integrityBytesMatchTheSignedMetadata();
    void multiPartitionSignsGroupTwo();
    void legacySignaturesMatch();
    void coveredChangesMismatch_data();
    void coveredChangesMismatch();
    void uncoveredChangesStillMatch_data();
    void uncoveredChangesStillMatch();
    void movedObjectStillMatches();
    void legacyCoversOnlyItsObject();
    void garbageSignaturesAreReportedNotTrusted();
    void unsignedImagesHaveNoSignatures();
};

void SifSignatureTest::signedFakeDigestsMatch()
{
    const QList<SifSignature> signatures = signaturesOf(fixtureBytes(QStringLiteral("signed-fake.sif")));
    QCOMPARE(signatures.size(), 2);
    const SifSignature& pgp = signatures[0];
    QCOMPARE(pgp.objectId, 4u);
    QCOMPARE(pgp.kind, SifSignature::Kind::PgpClearsign);
    QCOMPARE(pgp.kindName, QStringLiteral("PGP"));
    QCOMPARE(pgp.hashType, QStringLiteral("SHA-256"));
    QCOMPARE(pgp.fingerprint, QStringLiteral("433FE984155206BD962725E20E8713472A879943"));
    QCOMPARE(pgp.target, QStringLiteral("group 1"));
    QCOMPARE(pgp.coveredObjects, (QList<quint32> { 1, 2, 3 }));
    QVERIFY(pgp.uncoveredObjects.isEmpty());
    QVERIFY(pgp.metadataParsed);
    QVERIFY2(pgp.digestsMatch, qPrintable(pgp.mismatches.join(u'\n')));
    QVERIFY(!pgp.cryptographicallyVerified);
    const SifSignature& dsse = signatures[1];
    QCOMPARE(dsse.kind, SifSignature::Kind::Dsse);
    QCOMPARE(dsse.kindName, QStringLiteral("DSSE"));
    QVERIFY(dsse.fingerprint.isEmpty());
    QCOMPARE(dsse.target, QStringLiteral("group 1"));
    QCOMPARE(dsse.coveredObjects, (QList<quint32> { 1, 2, 3 }));
    QVERIFY2(dsse.digestsMatch, qPrintable(dsse.mismatches.join(u'\n')));
}

void SifSignatureTest::integrityBytesMatchTheSignedMetadata()
{
    Result<SifImage> image = SifImage::open(MemoryByteSource::of(fixtureBytes(QStringLiteral("signed-fake.sif"))));
    QVERIFY(image);
    const QJsonObject metadata
        = QJsonDocument::fromJson(
              sreg::test::readFile(sreg::test::fixture(QStringLiteral("expected/signed-fake.metadata.json"))))
              .object();
    const QByteArray header = SifIntegrity::headerBytes(image->header());
    QCOMPARE(header.size(), 61);
    QCOMPARE(QStringLiteral("sha256:") + Sha256::of(header).hex(),
             metadata.value(QStringLiteral("header")).toObject().value(QStringLiteral("digest")).toString());
    QCOMPARE(QStringLiteral("sha256:") + Sha256::of(header).hex(),
             QStringLiteral("sha256:b03f5aeeebbd4aa16a4877377feece075f5eb67813e9505889ae75fbf46bf6d5"));
    const QJsonArray objects = metadata.value(QStringLiteral("objects")).toArray();
    QCOMPARE(objects.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const QByteArray bytes = SifIntegrity::descriptorBytes(*image->object(quint32(i + 1)), quint32(i));
        QCOMPARE(bytes.size(), 557);
        QCOMPARE(QStringLiteral("sha256:") + Sha256::of(bytes).hex(),
                 objects[i].toObject().value(QStringLiteral("descriptorDigest")).toString());
    }
    QCOMPARE(SifIntegrity::minimumId(*image, 1), 1u);
    QCOMPARE(SifIntegrity::minimumId(*image, 0), 4u);
    QCOMPARE(EvpHasher::hash(EvpHasher::Algorithm::Sha256, "abc").toHex(),
             QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

void SifSignatureTest::multiPartitionSignsGroupTwo()
{
    const QList<SifSignature> signatures = signaturesOf(fixtureBytes(QStringLiteral("multi-partition.sif")));
    QCOMPARE(signatures.size(), 1);
    QCOMPARE(signatures[0].target, QStringLiteral("group 2"));
    QCOMPARE(signatures[0].hashType, QStringLiteral("SHA-512"));
    QCOMPARE(signatures[0].coveredObjects, (QList<quint32> { 3, 4 }));
    QVERIFY2(signatures[0].digestsMatch, qPrintable(signatures[0].mismatches.join(u'\n')));
}

void SifSignatureTest::legacySignaturesMatch()
{
    for (const auto& [fixture, object] :
         { std::pair { QStringLiteral("v1-layout.sif"), 2u }, std::pair { QStringLiteral("all-types.sif"), 4u } }) {
        const QList<SifSignature> signatures = signaturesOf(fixtureBytes(fixture));
        QCOMPARE(signatures.size(), 1);
        const SifSignature& s = signatures[0];
        QCOMPARE(s.kind, SifSignature::Kind::LegacySifHash);
        QCOMPARE(s.kindName, QStringLiteral("legacy SIFHASH"));
        QCOMPARE(s.hashType, QStringLiteral("SHA-384"));
        QCOMPARE(s.target, QStringLiteral("object %1").arg(object));
        QCOMPARE(s.coveredObjects, QList<quint32> { object });
        QCOMPARE(
            s.signedDigest,
            QStringLiteral(
                "237cf88bb6a9b9f7dc08ab2d47d7de3a158a0728900e45d3c6dd6309aa47bda86204cc2b20edb50bbd07579ca162f060"));
        QVERIFY2(s.digestsMatch, qPrintable(s.mismatches.join(u'\n')));
    }
}

void SifSignatureTest::coveredChangesMismatch_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray signedFake = fixtureBytes(QStringLiteral("signed-fake.sif"));
    const QByteArray multi = fixtureBytes(QStringLiteral("multi-partition.sif"));
    QTest::newRow("launch script") << "signed-fake" << flipped(signedFake, 3);
    QTest::newRow("uuid") << "signed-fake" << flipped(signedFake, layout::IdOffset + 5);
    QTest::newRow("object name") << "signed-fake" << flipped(signedFake, descriptorOf(2) + layout::DNameOffset + 2);
    QTest::newRow("partition extra") << "signed-fake"
                                     << patched<qint32>(signedFake, descriptorOf(3) + layout::DExtraOffset, 4);
    QTest::newRow("object created-at") << "signed-fake"
                                       << patched<qint64>(signedFake, descriptorOf(1) + layout::DCreatedAtOffset, 1);
    QTest::newRow("object size") << "signed-fake"
                                 << patched<qint64>(signedFake, descriptorOf(1) + layout::DSizeOffset, 232);
    QTest::newRow("deffile data") << "signed-fake" << flipped(signedFake, 32176 + 10);
    QTest::newRow("metadata data") << "signed-fake" << flipped(signedFake, 32409 + 500);
    QTest::newRow("squashfs data") << "signed-fake" << flipped(signedFake, 36864 + 2000);
    QTest::newRow("group 2 data") << "multi-partition" << flipped(multi, 45056 + 100);
    QTest::newRow("group 2 uid") << "multi-partition"
                                 << patched<qint64>(multi, descriptorOf(3) + layout::DUidOffset, 1000);
}

void SifSignatureTest::coveredChangesMismatch()
{
    QFETCH(QByteArray, bytes);
    const QList<SifSignature> signatures = signaturesOf(bytes);
    QVERIFY(noneMatch(signatures));
}

void SifSignatureTest::uncoveredChangesStillMatch_data()
{
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray signedFake = fixtureBytes(QStringLiteral("signed-fake.sif"));
    QTest::newRow("header modified-at") << patched<qint64>(signedFake, layout::ModifiedAtOffset, 1800000000);
    QTest::newRow("header created-at") << patched<qint64>(signedFake, layout::CreatedAtOffset, 1);
    QTest::newRow("header arch") << patched<quint8>(signedFake, layout::ArchOffset + 1, '4');
    QTest::newRow("object modified-at") << patched<qint64>(signedFake, descriptorOf(2) + layout::DModifiedAtOffset, 5);
    QTest::newRow("size with padding") << patched<qint64>(signedFake, descriptorOf(3) + layout::DSizeWithPaddingOffset,
                                                          9000);
    QTest::newRow("group flag bits") << patched<quint32>(signedFake, descriptorOf(1) + layout::DGroupOffset, 1);
    QTest::newRow("data size") << patched<qint64>(signedFake, layout::DataSizeOffset, 12345);
}

void SifSignatureTest::uncoveredChangesStillMatch()
{
    QFETCH(QByteArray, bytes);
    const QList<SifSignature> signatures = signaturesOf(bytes);
    QCOMPARE(signatures.size(), 2);
    QVERIFY2(allMatch(signatures), qPrintable(signatures[0].mismatches.join(u'\n')));
}

void SifSignatureTest::movedObjectStillMatches()
{
    // Copy the deffile to the end of the file and point its descriptor there: offsets are not signed.
    QByteArray bytes = fixtureBytes(QStringLiteral("signed-fake.sif"));
    const qint64 newOffset = bytes.size();
    bytes += bytes.mid(32176, 233);
    bytes = patched<qint64>(bytes, descriptorOf(1) + layout::DOffsetOffset, newOffset);
    Result<SifImage> image = SifImage::open(MemoryByteSource::of(bytes));
    QVERIFY(image);
    QCOMPARE(image->object(1)->offset, newOffset);
    QVERIFY(allMatch(image->signatures()));
}

void SifSignatureTest::legacyCoversOnlyItsObject()
{
    const QByteArray v1 = fixtureBytes(QStringLiteral("v1-layout.sif"));
    QVERIFY(allMatch(signaturesOf(flipped(v1, 32768 + 5)))); // the deffile is not what it signs
    QVERIFY(allMatch(signaturesOf(flipped(v1, 3)))); // nor the header
    QVERIFY(noneMatch(signaturesOf(flipped(v1, 36864 + 5))));
}

void SifSignatureTest::garbageSignaturesAreReportedNotTrusted()
{
    QByteArray bytes = fixtureBytes(QStringLiteral("signed-fake.sif"));
    // Object 5's DSSE payload replaced by text that is no envelope.
    bytes.replace(41858, 11, "NOT-A-JSON!");
    const QList<SifSignature> signatures = signaturesOf(bytes);
    QCOMPARE(signatures.size(), 2);
    QVERIFY(signatures[0].digestsMatch);
    QVERIFY(!signatures[1].digestsMatch);
    QCOMPARE(signatures[1].kind, SifSignature::Kind::Unknown);
    QVERIFY(!signatures[1].mismatches.isEmpty());

    // A signature linked to a group that does not exist is flagged and does not match.
    QByteArray dangling = patched<quint32>(fixtureBytes(QStringLiteral("signed-fake.sif")),
                                           descriptorOf(4) + layout::DLinkOffset, 0xf0000009u);
    Result<SifImage> image = SifImage::open(MemoryByteSource::of(dangling));
    QVERIFY(image);
    QVERIFY(image->hasErrors());
    QVERIFY(!image->signatures()[0].digestsMatch);
    QCOMPARE(image->signatures()[0].target, QStringLiteral("group 9"));
}

void SifSignatureTest::unsignedImagesHaveNoSignatures()
{
    QVERIFY(signaturesOf(fixtureBytes(QStringLiteral("singularity-like.sif"))).isEmpty());
    Result<SifImage> image = SifImage::open(MemoryByteSource::of(fixtureBytes(QStringLiteral("signed-fake.sif"))));
    QVERIFY(image);
    const QJsonArray json = image->toJson().value(QStringLiteral("signatures")).toArray();
    QCOMPARE(json.size(), 2);
    QCOMPARE(json[0].toObject().value(QStringLiteral("digestsMatch")).toBool(), true);
    QCOMPARE(json[1].toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("DSSE"));
    QCOMPARE(json[0].toObject().value(QStringLiteral("coveredObjects")).toArray().size(), 3);
}

QTEST_GUILESS_MAIN(SifSignatureTest)
#include "SifSignatureTest.moc"
