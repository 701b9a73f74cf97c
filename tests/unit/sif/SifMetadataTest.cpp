// Metadata (deffile, labels and where they came from, scripts, environment, OCI config) of the fixtures and of
// built images, and the shape of toJson().

#include "MemoryByteSource.h"
#include "SifBuilder.h"
#include "TestSupport.h"
#include "sif/SifImage.h"
#include "sif/SifLayout.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace sreg;
using namespace sreg::sif;
using sreg::test::MemoryByteSource;
using sreg::test::SifBuilder;

namespace {
Result<SifImage> openFixture(const QString& relative)
{
    return SifImage::open(MemoryByteSource::of(sreg::test::readFile(sreg::test::fixture(relative))));
}

QMap<QString, QString> fixtureLabels(const QString& arch = QStringLiteral("amd64"))
{
    return {
        { QStringLiteral("Author"), QStringLiteral("fixtures@example.org") },
        { QStringLiteral("Description"), QStringLiteral("UTF-8 label: café ✓") },
        { QStringLiteral("Version"), QStringLiteral("1.0") },
        { QStringLiteral("org.label-schema.build-arch"), arch },
        { QStringLiteral("org.label-schema.build-date"), QStringLiteral("Tuesday_14_November_2023_22:13:20_UTC") },
        { QStringLiteral("org.label-schema.schema-version"), QStringLiteral("1.0") },
        { QStringLiteral("org.label-schema.usage"), QStringLiteral("/.singularity.d/runscript.help") },
        { QStringLiteral("org.label-schema.usage.singularity.deffile.bootstrap"), QStringLiteral("scratch") },
        { QStringLiteral("org.label-schema.usage.singularity.runscript.help"),
          QStringLiteral("/.singularity.d/runscript.help") },
        { QStringLiteral("org.label-schema.usage.singularity.version"), QStringLiteral("4.1.0") },
    };
}

const QString Deffile = QStringLiteral("Bootstrap: scratch\n\n%labels\n    Author fixtures@example.org\n    "
                                       "Description UTF-8 label: café ✓\n    Version 1.0\n\n"
                                       "%environment\n    export GREETING=\"hello from sif\"\n\n%runscript\n    echo "
                                       "\"$GREETING\"\n\n%help\n    Tiny SIF test fixture.\n");
const QString Runscript = QStringLiteral("#!/bin/sh\n\n    echo \"$GREETING\"");
const QString EnvironmentPath = QStringLiteral("/.singularity.d/env/90-environment.sh");
const QString Environment = QStringLiteral("#!/bin/sh\n\n    export GREETING=\"hello from sif\"");
} // namespace

class SifMetadataTest final : public QObject
{
    Q_OBJECT

private slots:
    void fromInspectMetadata();
    void fromJsonLabelsObjectAndOciConfig();
    void fromRootFileSystem();
    void primaryGroupWins();
    void nestedAndFlatLabelsObjects();
    void invalidJsonIsIgnoredWithAWarning();
    void oversizedObjectsAreNotLoaded();
    void noMetadataAtAll();
    void jsonShape();
};

void SifMetadataTest::fromInspectMetadata()
{
    Result<SifImage> image = openFixture(QStringLiteral("singularity-like.sif"));
    QVERIFY(image);
    const SingularityMetadata m = image->metadata();
    QCOMPARE(m.labels, fixtureLabels());
    QCOMPARE(m.labelsSource, QStringLiteral("inspect-metadata.json"));
    QCOMPARE(m.deffile, Deffile);
    QCOMPARE(m.deffileSource, QStringLiteral("def-file-object"));
    QCOMPARE(m.runscript, Runscript);
    QCOMPARE(m.help, QStringLiteral("Tiny SIF test fixture."));
    QCOMPARE(m.environment.value(EnvironmentPath), Environment);
    QCOMPARE(m.scriptsSource, QStringLiteral("inspect-metadata.json"));
    QVERIFY(m.ociConfig.isEmpty());
    QVERIFY(image->problems().isEmpty());
}

void SifMetadataTest::fromJsonLabelsObjectAndOciConfig()
{
    Result<SifImage> image = openFixture(QStringLiteral("all-types.sif"));
    QVERIFY(image);
    const SingularityMetadata m = image->metadata();
    QCOMPARE(m.labels, fixtureLabels());
    QCOMPARE(m.labelsSource, QStringLiteral("json-labels-object"));
    QCOMPARE(m.deffile, Deffile);
    QCOMPARE(m.ociConfig.value(QStringLiteral("WorkingDir")).toString(), QStringLiteral("/"));
    QCOMPARE(m.ociConfig.value(QStringLiteral("Entrypoint")).toArray().first().toString(), QStringLiteral("/bin/sh"));
    // No inspect-metadata.json: the scripts come from the root file system.
    QCOMPARE(m.scriptsSource, QStringLiteral("squashfs"));
    QCOMPARE(m.runscript, Runscript);
    QCOMPARE(m.help, QStringLiteral("Tiny SIF test fixture."));
    QCOMPARE(m.environment.value(EnvironmentPath), Environment);
}

void SifMetadataTest::fromRootFileSystem()
{
    Result<SifImage> image = openFixture(QStringLiteral("broken/offset-past-eof.sif"));
    QVERIFY(image);
    SingularityMetadata m = image->metadata();
    QCOMPARE(m.labelsSource, QStringLiteral("squashfs"));
    QCOMPARE(m.labels, fixtureLabels());
    QCOMPARE(m.deffileSource, QStringLiteral("def-file-object"));
    QCOMPARE(m.runscript, Runscript);

    // Without a Def.FILE object the recipe comes from /.singularity.d/Singularity.
    SifBuilder builder;
    builder.addPartition(sreg::test::readFile(sreg::test::fixture(QStringLiteral("legacy-squashfs.simg"))),
                         QStringLiteral("amd64"));
    Result<SifImage> bare = SifImage::open(MemoryByteSource::of(builder.build()));
    QVERIFY(bare);
    QVERIFY(!bare->hasErrors());
    m = bare->metadata();
    QCOMPARE(m.deffile, Deffile);
    QCOMPARE(m.deffileSource, QStringLiteral("squashfs"));
    QCOMPARE(m.labels, fixtureLabels());
    QCOMPARE(m.environment.value(EnvironmentPath), Environment);
    QCOMPARE(m.scriptsSource, QStringLiteral("squashfs"));
}

void SifMetadataTest::primaryGroupWins()
{
    Result<SifImage> image = openFixture(QStringLiteral("multi-partition.sif"));
    QVERIFY(image);
    QCOMPARE(image->metadata().labels.value(QStringLiteral("org.label-schema.build-arch")), QStringLiteral("amd64"));
    QCOMPARE(image->metadata().labelsSource, QStringLiteral("squashfs"));
    Result<SifImage> v1 = openFixture(QStringLiteral("v1-layout.sif"));
    QVERIFY(v1);
    QCOMPARE(v1->metadata().labels, fixtureLabels());
}

void SifMetadataTest::nestedAndFlatLabelsObjects()
{
    SifBuilder nested;
    nested.addObject(layout::TypeLabels, R"({"system-partition":{"a":"1","b":"2"},"myapp":{"c":"3"}})", 1,
                     "labels.json");
    Result<SifImage> image = SifImage::open(MemoryByteSource::of(nested.build()));
    QVERIFY(image);
    QCOMPARE(image->metadata().labels,
             (QMap<QString, QString> { { QStringLiteral("a"), QStringLiteral("1") },
                                       { QStringLiteral("b"), QStringLiteral("2") } }));
    QCOMPARE(image->metadata().labelsSource, QStringLiteral("json-labels-object"));

    SifBuilder flat;
    flat.addObject(layout::TypeLabels, R"({"x":"y","n":3,"t":true})");
    image = SifImage::open(MemoryByteSource::of(flat.build()));
    QVERIFY(image);
    QCOMPARE(image->metadata().labels.value(QStringLiteral("x")), QStringLiteral("y"));
    QCOMPARE(image->metadata().labels.value(QStringLiteral("n")), QStringLiteral("3"));
    QCOMPARE(image->metadata().labels.value(QStringLiteral("t")), QStringLiteral("true"));
}

void SifMetadataTest::invalidJsonIsIgnoredWithAWarning()
{
    for (const QByteArray& bad :
         { QByteArray("{\"labels\":"), QByteArray("[1,2,3]"), QByteArray("\xff\xfe\x00garbage", 10), QByteArray() }) {
        SifBuilder builder;
        builder.addJson("inspect-metadata.json", bad);
        builder.addJson("oci-config.json", bad);
        builder.addObject(layout::TypeLabels, bad);
        Result<SifImage> image = SifImage::open(MemoryByteSource::of(builder.build()));
        QVERIFY(image);
        QVERIFY(!image->hasErrors());
        const SingularityMetadata m = image->metadata();
        QVERIFY(m.labels.isEmpty());
        QVERIFY(m.labelsSource.isEmpty());
        QVERIFY(m.ociConfig.isEmpty());
        QCOMPARE(image->problems().size(), 3);
        for (const SifProblem& problem : image->problems())
            QCOMPARE(problem.severity, SifProblem::Severity::Warning);
    }
    Result<SifImage> overlap = openFixture(QStringLiteral("broken/overlap.sif"));
    QVERIFY(overlap);
    QCOMPARE(overlap->metadata().labelsSource, QStringLiteral("squashfs"));
}

void SifMetadataTest::oversizedObjectsAreNotLoaded()
{
    SifBuilder builder;
    builder.addGeneratedObject(layout::TypeGenericJson, 64ll << 20, SifBuilder::pseudoRandom(1), 1,
                               "inspect-metadata.json");
    builder.addGeneratedObject(layout::TypeDeffile, 8ll << 20, SifBuilder::pseudoRandom(2));
    Result<SifImage> image = SifImage::open(MemoryByteSource::of(builder.build()));
    QVERIFY(image);
    QVERIFY(!image->hasErrors());
    QVERIFY(image->metadata().deffile.isEmpty());
    QVERIFY(image->metadata().labels.isEmpty());
    QCOMPARE(image->problems().size(), 2);
    QVERIFY(image->problems()[0].message.contains(QStringLiteral("more than")));
}

void SifMetadataTest::noMetadataAtAll()
{
    Result<SifImage> image = openFixture(QStringLiteral("empty.sif"));
    QVERIFY(image);
    const SingularityMetadata m = image->metadata();
    QVERIFY(m.deffile.isEmpty() && m.labels.isEmpty() && m.labelsSource.isEmpty() && m.runscript.isEmpty());
}

void SifMetadataTest::jsonShape()
{
    Result<SifImage> image = openFixture(QStringLiteral("all-types.sif"));
    QVERIFY(image);
    const QJsonObject json = image->toJson();
    for (const char* key : { "format", "header", "primaryArch", "primaryPartition", "objects", "metadata", "signatures",
                             "problems", "hasErrors" })
        QVERIFY2(json.contains(QLatin1String(key)), key);
    QCOMPARE(json.value(QStringLiteral("primaryArch")).toString(), QStringLiteral("amd64"));
    QCOMPARE(json.value(QStringLiteral("primaryPartition")).toInt(), 4);
    const QJsonObject header = json.value(QStringLiteral("header")).toObject();
    QCOMPARE(header.value(QStringLiteral("id")).toString(), QStringLiteral("7c2d9e4f-1a3b-4c5d-8e6f-7a8b9c0d1e2f"));
    QCOMPARE(header.value(QStringLiteral("createdAtIso")).toString(), QStringLiteral("2023-11-14T22:13:20Z"));
    QCOMPARE(header.value(QStringLiteral("dataOffset")).toInteger(), 32176);
    const QJsonArray objects = json.value(QStringLiteral("objects")).toArray();
    QCOMPARE(objects.size(), 9);
    const QJsonObject partition = objects[3].toObject();
    QCOMPARE(partition.value(QStringLiteral("typeText")).toString(), QStringLiteral("FS (Squashfs/*System/amd64)"));
    QCOMPARE(partition.value(QStringLiteral("partition")).toObject().value(QStringLiteral("primary")).toBool(), true);
    QCOMPARE(objects[4].toObject().value(QStringLiteral("link")).toObject().value(QStringLiteral("kind")).toString(),
             QStringLiteral("object"));
    QCOMPARE(objects[4]
                 .toObject()
                 .value(QStringLiteral("signature"))
                 .toObject()
                 .value(QStringLiteral("fingerprint"))
                 .toString(),
             QStringLiteral("433FE984155206BD962725E20E8713472A879943"));
    QCOMPARE(objects[7]
                 .toObject()
                 .value(QStringLiteral("cryptoMessage"))
                 .toObject()
                 .value(QStringLiteral("messageType"))
                 .toString(),
             QStringLiteral("RSA-OAEP"));
    QCOMPARE(objects[8].toObject().value(QStringLiteral("sbom")).toObject().value(QStringLiteral("format")).toString(),
             QStringLiteral("cyclonedx-json"));
    QVERIFY(objects[6].toObject().value(QStringLiteral("group")).isNull());
    const QJsonObject metadata = json.value(QStringLiteral("metadata")).toObject();
    QCOMPARE(metadata.value(QStringLiteral("labels")).toObject().size(), 10);
    QCOMPARE(metadata.value(QStringLiteral("labelsSource")).toString(), QStringLiteral("json-labels-object"));
    QCOMPARE(json.value(QStringLiteral("signatures")).toArray().size(), 1);
    QCOMPARE(json.value(QStringLiteral("hasErrors")).toBool(), false);
    // The document is valid JSON text.
    QVERIFY(!QJsonDocument::fromJson(QJsonDocument(json).toJson()).isNull());

    Result<SifImage> flagged = openFixture(QStringLiteral("broken/overlap.sif"));
    QVERIFY(flagged);
    const QJsonObject flaggedJson = flagged->toJson();
    QCOMPARE(flaggedJson.value(QStringLiteral("hasErrors")).toBool(), true);
    const QJsonObject first = flaggedJson.value(QStringLiteral("objects")).toArray().first().toObject();
    QCOMPARE(first.value(QStringLiteral("readable")).toBool(), false);
    QCOMPARE(first.value(QStringLiteral("problems"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("severity"))
                 .toString(),
             QStringLiteral("error"));
}

QTEST_GUILESS_MAIN(SifMetadataTest)
#include "SifMetadataTest.moc"
