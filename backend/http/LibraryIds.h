#pragma once

#include <QString>
#include <optional>
#include <utility>

namespace sreg::http {

// The library API's object IDs. The client treats them as opaque strings but puts them in URL paths
// (v1/tags/{containerID}, v2/imagefile/{imageID}), so they are URL-safe:
//   entity     its name (a user's or team's; entities are labels, collections are globally unique)
//   collection its name
//   container  "<collection>~<container>" ('~' never occurs in a name)
//   image      the engine's numeric image id, in decimal
// Names instead of numbers let a container ID be resolved with the engine's by-name lookups, which check
// permissions, instead of a back door by id.
class LibraryIds final
{
public:
    static QString container(const QString& collection, const QString& container);
    // nullopt unless both halves are valid names.
    static std::optional<std::pair<QString, QString>> parseContainer(const QString& id);
    static QString image(qint64 id);
    static std::optional<qint64> parseImage(const QString& id);
};

} // namespace sreg::http
