// SifBuilder makes valid SIFs: SifImage must open them without errors, read their metadata and root file
// system, and makeSif must give unique bytes per seed at about the requested size.

#include "SifBuilder.h"

#include "MemoryByteSource.h"
#include "TestSupport.h"
#include "common/FileByteSource.h"
#include "sif/SifImage.h"
#include "sif/SquashfsReader.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sreg;
using namespace sreg::sif;
using sreg::test::SifBuilder;

namespace {
Result<SifImage> openPath(const QString& path)
{
    auto file = FileByteSource::open(path);
    if (!file)
        return file.error();
    return SifImage::open(std::shared_ptr<ByteSource>(std::move(*file)));
}
} // namespace

class SifBuilderTest final : public QObject
{
    Q_OBJECT

private slots:
    void builtImageOpensWithoutErrors();
    void v1LayoutAndOtherArches();
    void makeSifIsUniquePerSeed();
    void makeSifStreamsLargeImages();
    void pseudoRandomIsSeekable();

private:
    QTemporaryDir m_dir;
};

void SifBuilderTest::builtImageOpensWithoutErrors()
{
    const QMap<QString, QString> labels { { QStringLiteral("Author"), QStringLiteral("me") } };
    SifBuilder builder;
    builder.setLaunchScript("#!/usr/bin/env run-singularity\n");
    builder.addDeffile(QStringLiteral("Bootstrap: scratch\n"));
    builder.addInspectMetadata(labels, QStringLiteral("#!/bin/sh\necho hi\n"));
    builder.addPartition(SifBuilder::singularityRootfs(labels, QStringLiteral("#!/bin/sh\necho hi\n"),
                                                       QStringLiteral("Bootstrap: scratch\n")),
                         QStringLiteral("arm64"));
    const QByteArray bytes = builder.build();
    QCOMPARE(qint64(bytes.size()), builder.totalSize());
    Result<SifImage> image = SifImage::open(test::MemoryByteSource::of(bytes));
    QVERIFY2(image, qPrintable(image ? QString() : image.error().message()));
    QVERIFY2(!image->hasErrors(), qPrintable(image->firstErrorMessage()));
    for (const SifProblem& problem : image->problems())
        QFAIL(qPrintable(problem.message)); // not even a warning
    QCOMPARE(image->objects().size(), 3);
    QCOMPARE(image->primaryArch(), QStringLiteral("arm64"));
    QCOMPARE(image->objects()[2].offset % 4096, qint64(0));
    QCOMPARE(image->metadata().labels, labels);
    QCOMPARE(image->metadata().labelsSource, QStringLiteral("inspect-metadata.json"));
    QCOMPARE(image->metadata().runscript, QStringLiteral("#!/bin/sh\necho hi"));
    QCOMPARE(image->metadata().deffile, QStringLiteral("Bootstrap: scratch\n"));
    Result<SquashfsReader> rootfs = SquashfsReader::open(image->objectSource(3));
    QVERIFY(rootfs);
    QCOMPARE(*rootfs->readFile(QStringLiteral("/.singularity.d/runscript.link"), 100),
             QByteArray("#!/bin/sh\necho hi\n"));

    QVERIFY(builder.writeTo(m_dir.filePath(QStringLiteral("built.sif"))));
    QCOMPARE(sreg::test::readFile(m_dir.filePath(QStringLiteral("built.sif"))), bytes);
}

void SifBuilderTest::v1LayoutAndOtherArches()
{
    SifBuilder builder;
    builder.setDataOffset(32768);
    builder.setId(QUuid());
    builder.addDeffile(QStringLiteral("Bootstrap: scratch\n"));
    builder.addPartition(SifBuilder::squashfs({ { QStringLiteral("/x"), "y" } }), QStringLiteral("riscv64"));
    builder.addObject(0x4007, QByteArray(100, 'x'), 0, "blob", {}, 0, 16);
    Result<SifImage> image = SifImage::open(test::MemoryByteSource::of(builder.build()));
    QVERIFY(image);
    QVERIFY2(!image->hasErrors(), qPrintable(image->firstErrorMessage()));
    QCOMPARE(image->header().dataOffset, qint64(32768));
    QVERIFY(image->header().idIsNil);
    QCOMPARE(image->objects()[0].offset, qint64(32768));
    QCOMPARE(image->primaryArch(), QStringLiteral("riscv64"));
    QCOMPARE(image->objects()[2].offset % 16, qint64(0));
    QCOMPARE(image->objects()[2].group(), 0u);
    // no inspect-metadata.json: labels, scripts and deffile fall back to the root file system
    QCOMPARE(image->metadata().labelsSource, QString());
}

void SifBuilderTest::makeSifIsUniquePerSeed()
{
    const QString a = m_dir.filePath(QStringLiteral("a.sif"));
    const QString b = m_dir.filePath(QStringLiteral("b.sif"));
    const QString c = m_dir.filePath(QStringLiteral("c.sif"));
    QVERIFY(test::makeSif(a, 1 << 20, 1));
    QVERIFY(test::makeSif(b, 1 << 20, 2));
    QVERIFY(test::makeSif(c, 1 << 20, 1));
    QVERIFY(qAbs(QFileInfo(a).size() - (1 << 20)) < 8192);
    QCOMPARE(sreg::test::sha256OfFile(a), sreg::test::sha256OfFile(c));
    QVERIFY(sreg::test::sha256OfFile(a) != sreg::test::sha256OfFile(b));
    for (const QString& path : { a, b }) {
        Result<SifImage> image = openPath(path);
        QVERIFY(image);
        QVERIFY2(!image->hasErrors(), qPrintable(image->firstErrorMessage()));
        QCOMPARE(image->primaryArch(), QStringLiteral("amd64"));
        QCOMPARE(image->metadata().labels.value(QStringLiteral("sreg.test.seed")),
                 path == a ? QStringLiteral("1") : QStringLiteral("2"));
        Result<SquashfsReader> rootfs = SquashfsReader::open(image->objectSource(image->primaryPartition()->id));
        QVERIFY(rootfs);
        QVERIFY(rootfs->readFile(QStringLiteral("/.singularity.d/labels.json"), 4096));
    }
    const QString small = m_dir.filePath(QStringLiteral("small.sif"));
    QVERIFY(test::makeSif(small, 0, 3, QStringLiteral("arm64")));
    Result<SifImage> image = openPath(small);
    QVERIFY(image);
    QVERIFY(!image->hasErrors());
    QCOMPARE(image->primaryArch(), QStringLiteral("arm64"));
}

void SifBuilderTest::makeSifStreamsLargeImages()
{
    const QString path = m_dir.filePath(QStringLiteral("large.sif"));
    const qint64 size = 96ll << 20;
    QVERIFY(test::makeSif(path, size, 42));
    QVERIFY(qAbs(QFileInfo(path).size() - size) < 8192);
    Result<SifImage> image = openPath(path);
    QVERIFY(image);
    QVERIFY(!image->hasErrors());
    QCOMPARE(image->metadata().labels.value(QStringLiteral("sreg.test.seed")), QStringLiteral("42"));
    QFile::remove(path);
}

void SifBuilderTest::pseudoRandomIsSeekable()
{
    const SifBuilder::Generator generate = SifBuilder::pseudoRandom(5);
    QByteArray whole(1000, '\0');
    generate(whole.data(), 0, whole.size());
    QByteArray pieces(1000, '\0');
    for (qint64 at = 0, step = 1; at < pieces.size(); at += step, step = step * 3 % 17 + 1)
        generate(pieces.data() + at, at, std::min<qint64>(step, pieces.size() - at));
    QCOMPARE(pieces, whole);
    QByteArray other(1000, '\0');
    SifBuilder::pseudoRandom(6)(other.data(), 0, other.size());
    QVERIFY(other != whole);
}

QTEST_GUILESS_MAIN(SifBuilderTest)
#include "SifBuilderTest.moc"
