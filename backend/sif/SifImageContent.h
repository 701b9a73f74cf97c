#pragma once

#include "SifImage.h"

#include <memory>

namespace sreg::sif {

// What the parser and the validator build and SifImage then owns: the decoded header, the used descriptors
// and every finding. Kept apart from SifImage so that each stage is its own small class.
struct SifImageContent final
{
    std::shared_ptr<ByteSource> source;
    SifHeader header;
    QList<SifDescriptor> objects;
    QList<SifProblem> problems;

    void addProblem(SifProblem::Severity severity, quint32 objectId, const QString& message, int slot = -1)
    {
        problems.append(SifProblem { severity, objectId, message, slot });
    }
    void addError(quint32 objectId, const QString& message)
    {
        addProblem(SifProblem::Severity::Error, objectId, message);
    }
    void addWarning(quint32 objectId, const QString& message)
    {
        addProblem(SifProblem::Severity::Warning, objectId, message);
    }
};

} // namespace sreg::sif
