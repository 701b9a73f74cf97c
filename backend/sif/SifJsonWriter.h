#pragma once

#include "SifImage.h"

namespace sreg::sif {

// Renders an opened image as the JSON document `sregistry-server inspect --json` prints and the registry
// stores: camelCase keys, times as Unix seconds plus ISO 8601 (null when unset), raw bytes as hex.
class SifJsonWriter final
{
public:
    static QJsonObject write(const SifImage& image);

    static QJsonObject header(const SifHeader& header);
    static QJsonObject object(const SifDescriptor& descriptor, const QList<const SifProblem*>& problems);
    static QJsonObject metadata(const SingularityMetadata& metadata);
    static QJsonObject signature(const SifSignature& signature);
    static QJsonObject problem(const SifProblem& problem);
};

} // namespace sreg::sif
