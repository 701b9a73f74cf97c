// SquashfsReader over the fixture tree (fixtures/sif/README.md "Squashfs tree"), over SIF partitions through
// SifImage::objectSource, over images made by SifBuilder::squashfs, and over damaged images.

#include "sif/SquashfsReader.h"

#include "MemoryByteSource.h"
#include "SifBuilder.h"
#include "TestSupport.h"
#include "common/FileByteSource.h"
#include "common/Sha256.h"
#include "sif/SifImage.h"

#include <QTest>

using namespace sreg;
using namespace sreg::sif;

namespace {
std::shared_ptr<ByteSource> fileSource(const QString& relative)
{
    auto file = FileByteSource::open(sreg::test::fixture(relative));
    return file ? std::shared_ptr<ByteSource>(std::move(*file)) : nullptr;
}

Result<SquashfsReader> partitionOf(const QString& fixture, quint32 id)
{
    Result<SifImage> image = SifImage::open(fileSource(fixture));
    if (!image)
        return image.error();
    return SquashfsReader::open(image->objectSource(id));
}

struct Expected
{
    QString path;
    SquashfsEntry::Type type;
    quint32 permissions;
    qint64 size;
    QString target;
};
} // namespace

class SquashfsReaderTest final : public QObject
{
    Q_OBJECT

private slots:
    void walksTheFixtureTree();
    void readsFilesOfTheFixtureTree();
    void listsOneDirectory();
    void followsSymlinksInsideTheImage();
    void readsPartitionsOfSifImages();
    void refusesWhatIsNotSquashfs();
    void reportsMissingAndWrongKinds();
    void capsReads();
    void truncatedImageIsAnError();
    void damagedImagesNeverCrash();
    void readsBuilderImages();
};

void SquashfsReaderTest::walksTheFixtureTree()
{
    Result<SquashfsReader> reader = SquashfsReader::open(fileSource(QStringLiteral("legacy-squashfs.simg")));
    QVERIFY2(reader, qPrintable(reader ? QString() : reader.error().message()));
    QCOMPARE(reader->info().compression, QStringLiteral("gzip"));
    QCOMPARE(reader->info().bytesUsed <= 4096, true);
    const QList<Expected> expected {
        { QStringLiteral("/.singularity.d"), SquashfsEntry::Type::Directory, 0755, 0, {} },
        { QStringLiteral("/etc"), SquashfsEntry::Type::Directory, 0755, 0, {} },
        { QStringLiteral("/.singularity.d/Singularity"), SquashfsEntry::Type::File, 0644, 233, {} },
        { QStringLiteral("/.singularity.d/actions"), SquashfsEntry::Type::Directory, 0755, 0, {} },
        { QStringLiteral("/.singularity.d/env"), SquashfsEntry::Type::Directory, 0755, 0, {} },
        { QStringLiteral("/.singularity.d/labels.json"), SquashfsEntry::Type::File, 0644, 528, {} },
        { QStringLiteral("/.singularity.d/runscript"), SquashfsEntry::Type::File, 0755, 32, {} },
        { QStringLiteral("/.singularity.d/runscript.help"), SquashfsEntry::Type::File, 0644, 23, {} },
        { QStringLiteral("/.singularity.d/runscript.link"), SquashfsEntry::Type::Symlink, 0777, 9,
          QStringLiteral("runscript") },
        { QStringLiteral("/.singularity.d/actions/run"), SquashfsEntry::Type::File, 0755, 46, {} },
        { QStringLiteral("/.singularity.d/env/90-environment.sh"), SquashfsEntry::Type::File, 0755, 48, {} },
        { QStringLiteral("/etc/hostname"), SquashfsEntry::Type::File, 0644, 14, {} },
    };
    Result<QList<SquashfsEntry>> entries = reader->walk();
    QVERIFY(entries);
    QCOMPARE(entries->size(), expected.size());
    for (const Expected& e : expected) {
        const auto it = std::find_if(entries->cbegin(), entries->cend(),
                                     [&](const SquashfsEntry& entry) { return entry.path == e.path; });
        QVERIFY2(it != entries->cend(), qPrintable(e.path));
        QCOMPARE(it->type, e.type);
        QCOMPARE(it->mode & 07777, e.permissions);
        if (e.type != SquashfsEntry::Type::Directory)
            QCOMPARE(it->size, e.size);
        QCOMPARE(it->symlinkTarget, e.target);
        QCOMPARE(it->mtime, qint64(1700000000));
        QCOMPARE(it->uid, 0u);
        QCOMPARE(it->gid, 0u);
        QCOMPARE(it->name, e.path.section(u'/', -1));
    }
    QCOMPARE(entries->first().typeName(), QStringLiteral("dir"));
}

void SquashfsReaderTest::readsFilesOfTheFixtureTree()
{
    Result<SquashfsReader> reader = SquashfsReader::open(fileSource(QStringLiteral("legacy-squashfs.simg")));
    QVERIFY(reader);
    const auto read = [&](const QString& path) {
        return reader->readFile(path, 1 << 20);
    };
    QCOMPARE(Sha256::of(*read(QStringLiteral("/.singularity.d/Singularity"))).hex(),
             QStringLiteral("3e998eec6009033fc1f62edea3a48d4248a8e543530ccb1d2d80b985dd3636fe"));
    QCOMPARE(Sha256::of(*read(QStringLiteral("/.singularity.d/labels.json"))).hex(),
             QStringLiteral("6412f2ba2a5989be6fe1a83e49541565a7649ab419a28c19dfbda76da34fd065"));
    QCOMPARE(*read(QStringLiteral("/.singularity.d/actions/run")),
             QByteArray("#!/bin/sh\nexec /.singularity.d/runscript \"$@\"\n"));
    QCOMPARE(*read(QStringLiteral("/.singularity.d/env/90-environment.sh")),
             QByteArray("#!/bin/sh\n\n    export GREETING=\"hello from sif\"\n"));
    QCOMPARE(*read(QStringLiteral("/.singularity.d/runscript")), QByteArray("#!/bin/sh\n\n    echo \"$GREETING\"\n"));
    QCOMPARE(*read(QStringLiteral("/.singularity.d/runscript.help")), QByteArray("Tiny SIF test fixture.\n"));
    QCOMPARE(*read(QStringLiteral("etc/hostname")), QByteArray("fixture-amd64\n"));
}

void SquashfsReaderTest::listsOneDirectory()
{
    Result<SquashfsReader> reader = SquashfsReader::open(fileSource(QStringLiteral("legacy-squashfs.simg")));
    QVERIFY(reader);
    Result<QList<SquashfsEntry>> root = reader->list(QStringLiteral("/"));
    QVERIFY(root);
    QCOMPARE(root->size(), 2);
    QCOMPARE(root->at(0).name, QStringLiteral(".singularity.d"));
    QCOMPARE(root->at(1).path, QStringLiteral("/etc"));
    Result<QList<SquashfsEntry>> env = reader->list(QStringLiteral("/.singularity.d/env/"));
    QVERIFY(env);
    QCOMPARE(env->size(), 1);
    QCOMPARE(env->at(0).path, QStringLiteral("/.singularity.d/env/90-environment.sh"));
    Result<SquashfsEntry> stat = reader->stat(QStringLiteral("/"));
    QVERIFY(stat);
    QCOMPARE(stat->type, SquashfsEntry::Type::Directory);
}

void SquashfsReaderTest::followsSymlinksInsideTheImage()
{
    Result<SquashfsReader> reader = SquashfsReader::open(fileSource(QStringLiteral("legacy-squashfs.simg")));
    QVERIFY(reader);
    Result<SquashfsEntry> link = reader->stat(QStringLiteral("/.singularity.d/runscript.link"));
    QVERIFY(link);
    QCOMPARE(link->type, SquashfsEntry::Type::Symlink);
    QCOMPARE(link->symlinkTarget, QStringLiteral("runscript"));
    QCOMPARE(*reader->readFile(QStringLiteral("/.singularity.d/runscript.link"), 4096),
             *reader->readFile(QStringLiteral("/.singularity.d/runscript"), 4096));
    // ".." never leaves the image: the root's parent is the root.
    QCOMPARE(*reader->readFile(QStringLiteral("/../../etc/./hostname"), 4096), QByteArray("fixture-amd64\n"));
    QCOMPARE(*reader->readFile(QStringLiteral("/.singularity.d/env/../../etc/hostname"), 4096),
             QByteArray("fixture-amd64\n"));
}

void SquashfsReaderTest::readsPartitionsOfSifImages()
{
    Result<SquashfsReader> amd = partitionOf(QStringLiteral("singularity-like.sif"), 3);
    QVERIFY(amd);
    QCOMPARE(*amd->readFile(QStringLiteral("/etc/hostname"), 100), QByteArray("fixture-amd64\n"));
    Result<SquashfsReader> arm = partitionOf(QStringLiteral("multi-partition.sif"), 3);
    QVERIFY(arm);
    QCOMPARE(*arm->readFile(QStringLiteral("/etc/hostname"), 100), QByteArray("fixture-arm64\n"));
    Result<SquashfsReader> data = partitionOf(QStringLiteral("multi-partition.sif"), 4);
    QVERIFY(data);
    QCOMPARE(*data->readFile(QStringLiteral("/data/readme.txt"), 100), QByteArray("data partition fixture\n"));
    Result<SquashfsReader> raw = partitionOf(QStringLiteral("multi-partition.sif"), 2);
    QVERIFY(!raw);
    QCOMPARE(raw.error().code(), ErrorCode::InvalidArgument);
}

void SquashfsReaderTest::refusesWhatIsNotSquashfs()
{
    Result<SquashfsReader> sif = SquashfsReader::open(fileSource(QStringLiteral("singularity-like.sif")));
    QVERIFY(!sif);
    QCOMPARE(sif.error().code(), ErrorCode::InvalidArgument);
    QVERIFY(sif.error().message().contains(QStringLiteral("hsqs")));
    QVERIFY(!SquashfsReader::open(test::MemoryByteSource::of({})));
    QVERIFY(!SquashfsReader::open(test::MemoryByteSource::of("hsq")));
    QVERIFY(!SquashfsReader::open(nullptr));
}

void SquashfsReaderTest::reportsMissingAndWrongKinds()
{
    Result<SquashfsReader> reader = SquashfsReader::open(fileSource(QStringLiteral("legacy-squashfs.simg")));
    QVERIFY(reader);
    Result<QByteArray> missing = reader->readFile(QStringLiteral("/etc/passwd"), 100);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code(), ErrorCode::NotFound);
    Result<QByteArray> directory = reader->readFile(QStringLiteral("/etc"), 100);
    QVERIFY(!directory);
    QCOMPARE(directory.error().code(), ErrorCode::InvalidArgument);
    Result<QList<SquashfsEntry>> file = reader->list(QStringLiteral("/etc/hostname"));
    QVERIFY(!file);
    QVERIFY(!reader->list(QStringLiteral("/etc/hostname/deeper")));
    QCOMPARE(reader->stat(QStringLiteral("/nope")).error().code(), ErrorCode::NotFound);
}

void SquashfsReaderTest::capsReads()
{
    Result<SquashfsReader> reader = SquashfsReader::open(fileSource(QStringLiteral("legacy-squashfs.simg")));
    QVERIFY(reader);
    Result<QByteArray> capped = reader->readFile(QStringLiteral("/.singularity.d/labels.json"), 527);
    QVERIFY(!capped);
    QCOMPARE(capped.error().code(), ErrorCode::TooLarge);
    QVERIFY(reader->readFile(QStringLiteral("/.singularity.d/labels.json"), 528));
    Result<QList<SquashfsEntry>> walk = reader->walk(QStringLiteral("/"), 5);
    QVERIFY(!walk);
    QCOMPARE(walk.error().code(), ErrorCode::TooLarge);
}

void SquashfsReaderTest::truncatedImageIsAnError()
{
    const QByteArray image = sreg::test::readFile(sreg::test::fixture(QStringLiteral("legacy-squashfs.simg")));
    // bytes_used is 915: every cut below it loses part of the file system.
    for (const qsizetype size : { 4, 50, 95, 96, 200, 500, 700, 850, 900, 914 }) {
        Result<SquashfsReader> reader = SquashfsReader::open(test::MemoryByteSource::of(image.left(size)));
        if (reader) {
            // bytes_used may fit; then listing or reading must fail instead.
            Result<QList<SquashfsEntry>> all = reader->walk();
            Result<QByteArray> labels = reader->readFile(QStringLiteral("/.singularity.d/labels.json"), 4096);
            QVERIFY2(!all || !labels, qPrintable(QString::number(size)));
        } else {
            QCOMPARE(reader.error().code() == ErrorCode::BrokenSif
                         || reader.error().code() == ErrorCode::InvalidArgument,
                     true);
        }
    }
}

void SquashfsReaderTest::damagedImagesNeverCrash()
{
    const QByteArray image = sreg::test::readFile(sreg::test::fixture(QStringLiteral("legacy-squashfs.simg")));
    int opened = 0;
    for (int at = 0; at < image.size(); at += 7) {
        QByteArray damaged = image;
        damaged[at] = char(damaged[at] ^ 0xa5);
        Result<SquashfsReader> reader = SquashfsReader::open(test::MemoryByteSource::of(damaged));
        if (!reader)
            continue;
        ++opened;
        (void)reader->walk();
        (void)reader->readFile(QStringLiteral("/.singularity.d/labels.json"), 1 << 20);
        (void)reader->readFile(QStringLiteral("/.singularity.d/runscript.link"), 1 << 20);
    }
    QVERIFY(opened > 0);
}

void SquashfsReaderTest::readsBuilderImages()
{
    QMap<QString, QByteArray> files;
    QByteArray big(300 * 1024 + 17, Qt::Uninitialized);
    test::SifBuilder::pseudoRandom(7)(big.data(), 0, big.size());
    files.insert(QStringLiteral("/big.bin"), big);
    files.insert(QStringLiteral("/empty"), QByteArray());
    for (int i = 0; i < 300; ++i)
        files.insert(QStringLiteral("/many/file-%1.txt").arg(i, 3, 10, QLatin1Char('0')), QByteArray::number(i));
    files.insert(QStringLiteral("/a/b/c/d/deep.txt"), "deep\n");
    const QMap<QString, QString> links { { QStringLiteral("/up"), QStringLiteral("a/b/../b/c") },
                                         { QStringLiteral("/loop"), QStringLiteral("loop") } };
    const QByteArray image = test::SifBuilder::squashfs(files, links);
    Result<SquashfsReader> reader = SquashfsReader::open(test::MemoryByteSource::of(image));
    QVERIFY2(reader, qPrintable(reader ? QString() : reader.error().message()));
    QCOMPARE(*reader->readFile(QStringLiteral("/big.bin"), 1 << 20), big);
    QCOMPARE(*reader->readFile(QStringLiteral("/empty"), 0), QByteArray());
    QCOMPARE(*reader->readFile(QStringLiteral("/many/file-299.txt"), 10), QByteArray("299"));
    QCOMPARE(*reader->readFile(QStringLiteral("/up/d/deep.txt"), 10), QByteArray("deep\n"));
    Result<QList<SquashfsEntry>> many = reader->list(QStringLiteral("/many"));
    QVERIFY(many);
    QCOMPARE(many->size(), 300);
    QCOMPARE(many->last().name, QStringLiteral("file-299.txt"));
    Result<QByteArray> loop = reader->readFile(QStringLiteral("/loop"), 10);
    QVERIFY(!loop);
    QVERIFY(loop.error().message().contains(QStringLiteral("symbolic links")));
    Result<QList<SquashfsEntry>> all = reader->walk();
    QVERIFY(all);
    QCOMPARE(all->size(), 300 + 3 + 5 + 2); // files (many/*, big, empty, deep), directories, symlinks
}

QTEST_GUILESS_MAIN(SquashfsReaderTest)
#include "SquashfsReaderTest.moc"
