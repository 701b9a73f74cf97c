#include "UploadInspector.h"

#include "common/FileByteSource.h"
#include "common/Names.h"
#include "sif/SifImage.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFileInfo>

namespace sreg {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("sreg::UploadInspector", text);
}

QString firstLabel(const QMap<QString, QString>& labels, std::initializer_list<const char*> keys)
{
    for (const char* key : keys) {
        const QString value = labels.value(QLatin1String(key)).trimmed();
        if (!value.isEmpty())
            return value;
    }
    return {};
}

} // namespace

QList<UploadCandidate> UploadInspector::inspect(const QStringList& paths, int maxFiles)
{
    QList<UploadCandidate> candidates;
    for (const QString& path : paths) {
        if (candidates.size() >= maxFiles)
            break;
        const QFileInfo info(path);
        if (!info.isDir()) {
            candidates.append(inspectFile(path));
            continue;
        }
        QStringList found;
        QDirIterator it(path, { QStringLiteral("*.sif") }, QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
        while (it.hasNext() && candidates.size() + found.size() < maxFiles)
            found.append(it.next());
        found.sort();
        for (const QString& file : std::as_const(found))
            candidates.append(inspectFile(file));
    }
    return candidates;
}

UploadCandidate UploadInspector::inspectFile(const QString& path)
{
    UploadCandidate candidate;
    candidate.path = path;
    const QFileInfo info(path);
    candidate.size = info.size();
    if (!info.exists()) {
        candidate.refusal = tr("The file does not exist.");
        return candidate;
    }
    if (!info.isFile()) {
        candidate.refusal = tr("Not a regular file.");
        return candidate;
    }
    Result<std::unique_ptr<FileByteSource>> file = FileByteSource::open(path);
    if (!file) {
        candidate.refusal = file.error().message();
        return candidate;
    }
    Result<sif::SifImage> image = sif::SifImage::open(std::shared_ptr<ByteSource>(std::move(*file)));
    if (!image) {
        candidate.refusal = image.error().code() == ErrorCode::NotSif
            ? tr("Not a SIF image: %1").arg(image.error().message())
            : tr("A damaged SIF image: %1").arg(image.error().message());
        return candidate;
    }
    if (image->hasErrors()) {
        candidate.refusal = tr("A damaged SIF image: %1").arg(image->firstErrorMessage());
        return candidate;
    }
    candidate.accepted = true;
    candidate.arch = image->primaryArch();
    candidate.labels = image->metadata().labels;
    const auto [container, tag] = propose(info.fileName(), candidate.labels);
    candidate.container = container;
    candidate.tag = tag;
    return candidate;
}

QPair<QString, QString> UploadInspector::propose(const QString& fileName, const QMap<QString, QString>& labels)
{
    QString stem = fileName;
    for (const QString& suffix : { QStringLiteral(".sif"), QStringLiteral(".simg"), QStringLiteral(".img") }) {
        if (stem.endsWith(suffix, Qt::CaseInsensitive)) {
            stem.chop(suffix.size());
            break;
        }
    }
    QString container = stem;
    QString tag;
    // `apptainer pull library://lolcow:latest` saves lolcow_latest.sif; a colon survives some copies too.
    const qsizetype split = qMax(stem.lastIndexOf(u':'), stem.lastIndexOf(u'_'));
    if (split > 0 && split < stem.size() - 1) {
        container = stem.left(split);
        tag = stem.mid(split + 1);
    }
    container = Names::suggestFrom(container);
    if (container.isEmpty())
        container
            = Names::suggestFrom(firstLabel(labels, { "org.opencontainers.image.title", "org.label-schema.name" }));
    if (container.isEmpty())
        container = QStringLiteral("image");
    tag = Names::suggestFrom(tag);
    if (tag.isEmpty())
        tag = Names::suggestFrom(
            firstLabel(labels, { "org.opencontainers.image.version", "org.label-schema.version", "version" }));
    if (tag.isEmpty())
        tag = QStringLiteral("latest");
    return { container, tag };
}

} // namespace sreg
