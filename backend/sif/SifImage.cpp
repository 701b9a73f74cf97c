#include "SifImage.h"

#include "SifImageContent.h"
#include "SifJsonWriter.h"
#include "SifLayout.h"
#include "SifMetadataReader.h"
#include "SifObjectSource.h"
#include "SifParser.h"
#include "SifSignatureVerifier.h"
#include "SifValidator.h"

#include <QHash>
#include <algorithm>

namespace sreg::sif {

struct SifImage::Data
{
    SifImageContent content;
    SingularityMetadata metadata;
    // Lookups by ID and by group run for every link and signature; indexes keep them O(1) even for the
    // largest table a crafted file may bring.
    QHash<quint32, qsizetype> firstById;
    QHash<quint32, QList<const SifDescriptor*>> groups; // members in ID order

    void index()
    {
        for (qsizetype i = 0; i < content.objects.size(); ++i) {
            const SifDescriptor& d = content.objects[i];
            if (!firstById.contains(d.id))
                firstById.insert(d.id, i);
            groups[d.group()].append(&d);
        }
        for (QList<const SifDescriptor*>& members : groups)
            std::stable_sort(members.begin(), members.end(),
                             [](const SifDescriptor* a, const SifDescriptor* b) { return a->id < b->id; });
    }
};

Result<SifImage> SifImage::open(std::shared_ptr<ByteSource> source)
{
    Result<SifImageContent> parsed = SifParser::parse(std::move(source));
    if (!parsed)
        return parsed.error();
    SifValidator::validate(*parsed);
    auto data = std::make_unique<Data>();
    data->content = std::move(*parsed);
    data->index();
    SifImage image(std::move(data));
    // Metadata is small and bounded, so it is read once here; problems() is then complete after open().
    QList<SifProblem> found;
    image.d->metadata = SifMetadataReader::read(image, found);
    image.d->content.problems.append(found);
    return image;
}

SifImage::SifImage(std::unique_ptr<Data> data) : d(std::move(data)) { }

SifImage::SifImage(SifImage&&) noexcept = default;
SifImage& SifImage::operator=(SifImage&&) noexcept = default;
SifImage::~SifImage() = default;

bool SifImage::looksLikeSif(const QByteArray& firstBytes)
{
    return firstBytes.size() >= layout::MagicOffset + layout::MagicSize
        && firstBytes.mid(layout::MagicOffset, layout::MagicSize) == QByteArray(layout::Magic, layout::MagicSize);
}

const SifHeader& SifImage::header() const
{
    return d->content.header;
}

const QList<SifDescriptor>& SifImage::objects() const
{
    return d->content.objects;
}

const SifDescriptor* SifImage::object(quint32 id) const
{
    const auto it = d->firstById.constFind(id);
    return it == d->firstById.cend() ? nullptr : &d->content.objects[*it];
}

const SifDescriptor* SifImage::primaryPartition() const
{
    for (const SifDescriptor& descriptor : d->content.objects)
        if (descriptor.isPrimaryPartition())
            return &descriptor;
    return nullptr;
}

QString SifImage::primaryArch() const
{
    if (d->content.header.arch != QStringLiteral("unknown"))
        return d->content.header.arch;
    if (const SifDescriptor* primary = primaryPartition())
        return primary->partitionArch;
    return d->content.header.arch;
}

QList<const SifDescriptor*> SifImage::objectsOfGroup(quint32 group) const
{
    QList<const SifDescriptor*> members;
    for (const SifDescriptor& descriptor : d->content.objects)
        if (descriptor.group() == group)
            members.append(&descriptor);
    std::stable_sort(members.begin(), members.end(),
                     [](const SifDescriptor* a, const SifDescriptor* b) { return a->id < b->id; });
    return members;
}

const QList<SifProblem>& SifImage::problems() const
{
    return d->content.problems;
}

bool SifImage::hasErrors() const
{
    return !firstErrorMessage().isEmpty();
}

QString SifImage::firstErrorMessage() const
{
    for (const SifProblem& problem : d->content.problems)
        if (problem.severity == SifProblem::Severity::Error)
            return problem.message;
    return {};
}

const std::shared_ptr<ByteSource>& SifImage::source() const
{
    return d->content.source;
}

Result<QByteArray> SifImage::readObject(quint32 id, qint64 cap) const
{
    const SifDescriptor* descriptor = object(id);
    if (!descriptor)
        return Error(ErrorCode::NotFound, QStringLiteral("the image has no object %1").arg(id));
    if (!descriptor->readable)
        return Error(ErrorCode::BrokenSif, QStringLiteral("object %1 is damaged and cannot be read").arg(id));
    if (descriptor->size > cap)
        return Error(ErrorCode::TooLarge,
                     QStringLiteral("object %1 is %2 bytes, more than the %3 bytes allowed")
                         .arg(id)
                         .arg(descriptor->size)
                         .arg(cap));
    return d->content.source->read(descriptor->offset, descriptor->size);
}

std::shared_ptr<ByteSource> SifImage::objectSource(quint32 id) const
{
    const SifDescriptor* descriptor = object(id);
    if (!descriptor || !descriptor->readable)
        return nullptr;
    Result<std::shared_ptr<SifObjectSource>> view
        = SifObjectSource::create(d->content.source, descriptor->offset, descriptor->size);
    return view ? std::shared_ptr<ByteSource>(*view) : nullptr;
}

SingularityMetadata SifImage::metadata() const
{
    return d->metadata;
}

QList<SifSignature> SifImage::signatures() const
{
    return SifSignatureVerifier::verify(*this);
}

QJsonObject SifImage::toJson() const
{
    return SifJsonWriter::write(*this);
}

} // namespace sreg::sif
