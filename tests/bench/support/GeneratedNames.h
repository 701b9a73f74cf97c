#pragma once

#include <QString>

namespace sreg::bench {

// Where image number i of a generated registry lives. The generator and the query programs share this scheme so
// that queries name images that exist without asking the server first.
struct GeneratedRef
{
    QString collection;
    QString container;
    QString tag;
};

// The shape of a generated registry: every collection holds 10 containers of 10 tags, each tag its own image.
// The number of collections therefore grows with the number of images (N / 100), which is what makes a paged
// collection list a real test of scale, while one container stays the same size at every scale.
class GeneratedNames final
{
public:
    static constexpr int ContainersPerCollection = 10;
    static constexpr int TagsPerContainer = 10;
    static constexpr int ImagesPerCollection = ContainersPerCollection * TagsPerContainer;

    static GeneratedRef ref(qint64 image);
    // Fixed width ("c000123"), so that a search for one collection's name matches that collection only.
    static QString collection(qint64 index);
    static qint64 collectionCount(qint64 images);
    // The library API's entity in the refs we send (entities are labels: any name resolves the collection).
    static QString entity() { return QStringLiteral("bench"); }
};

} // namespace sreg::bench
