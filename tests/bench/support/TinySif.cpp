#include "TinySif.h"

#include "SifBuilder.h"

#include <QMap>
#include <QUuid>

namespace sreg::bench {

QByteArray TinySif::build(quint64 seed)
{
    using test::SifBuilder;
    const QString seedText = QString::number(seed);
    const QMap<QString, QString> labels { { QStringLiteral("org.label-schema.build-arch"), QStringLiteral("amd64") },
                                          { QStringLiteral("org.label-schema.schema-version"), QStringLiteral("1.0") },
                                          { QStringLiteral("sreg.bench.seed"), seedText } };
    const QString deffile = QStringLiteral("Bootstrap: scratch\n\n%labels\n    sreg.bench.seed %1\n").arg(seedText);
    const QString runscript = QStringLiteral("#!/bin/sh\necho \"seed %1\"\n").arg(seedText);

    constexpr int Slots = 3;
    SifBuilder builder;
    builder.setDescriptorCapacity(Slots);
    builder.setDataOffset(4096 + Slots * 585); // right after the descriptor table
    QByteArray id(16, '\0');
    SifBuilder::pseudoRandom(seed)(id.data(), 0, 16);
    id[6] = char((id[6] & 0x0f) | 0x40); // a version-4 UUID, as the Go library writes
    id[8] = char((id[8] & 0x3f) | 0x80);
    builder.setId(QUuid::fromRfc4122(id));
    builder.setArch(QStringLiteral("amd64"));
    builder.addDeffile(deffile);
    builder.addInspectMetadata(labels, runscript, deffile);
    builder.addPartition(SifBuilder::singularityRootfs(labels, runscript, deffile), QStringLiteral("amd64"));
    return builder.build();
}

} // namespace sreg::bench
