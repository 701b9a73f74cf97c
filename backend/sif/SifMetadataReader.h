#pragma once

#include "SifImage.h"

namespace sreg::sif {

class SquashfsReader;

// Collects the human-facing metadata (reference/sif-format.md §6) from where Singularity/Apptainer keep it:
// the Def.FILE object, inspect-metadata.json, a JSON.Labels object and oci-config.json, and, when those do not
// hold it, /.singularity.d inside the root file system. Every read is capped and the whole pass reads at most
// a few MiB; content that is not valid JSON is ignored with a Warning rather than trusted.
class SifMetadataReader final
{
public:
    static constexpr qint64 MaxDeffileBytes = 1024 * 1024;
    static constexpr qint64 MaxJsonBytes = 2 * 1024 * 1024;
    static constexpr qint64 MaxScriptBytes = 256 * 1024;
    static constexpr int MaxEnvironmentFiles = 64;

    // Problems found on the way (Warnings only) are appended to problems.
    static SingularityMetadata read(const SifImage& image, QList<SifProblem>& problems);

private:
    SifMetadataReader(const SifImage& image, QList<SifProblem>& problems);
    void readDeffile();
    void readInspectMetadata();
    void readLabelsObject();
    void readOciConfig();
    void readRootFileSystem();
    void readScriptsFromRootFileSystem(const SquashfsReader& reader);
    const SifDescriptor* preferred(qint32 type, const QByteArray& name = {}) const;
    std::optional<QJsonObject> parseJsonObject(const SifDescriptor& object, const QString& what);
    void warn(quint32 objectId, const QString& message);

    const SifImage& m_image;
    QList<SifProblem>& m_problems;
    SingularityMetadata m_metadata;
    bool m_haveInspectMetadata = false;
};

} // namespace sreg::sif
