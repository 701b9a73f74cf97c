#pragma once

#include "MirrorPlan.h"
#include "MirrorReport.h"
#include "common/Result.h"
#include "registry/ImageService.h"

#include <functional>

namespace sreg::remote {

class TransferEndpoint;

// Mirrors one collection from a source registry into a target (any two, local or remote): plan() compares
// both sides (the preview), run() carries the plan out. Images are copied `jobs` at a time, each digest by one
// worker only, so the same bytes never travel twice at once; bytes the target already holds never travel. Tags
// are set once their image is complete, frozen tags of the target are never touched, and with prune the tags
// the source no longer has go last. A failed image is reported and the run goes on with the others.
class Mirror final
{
public:
    struct Options
    {
        QString collection;
        bool prune = false;
        int jobs = 3;
    };
    using Log = std::function<void(const QString& line)>;

    Mirror(TransferEndpoint& source, TransferEndpoint& target, Options options);

    Result<MirrorPlan> plan();
    // progress: bytes done of plan.bytesToCopy() (called from worker threads, serialised); false cancels.
    Result<MirrorReport> run(const MirrorPlan& plan, const ProgressCallback& progress = {}, const Log& log = {});

private:
    TransferEndpoint& m_source;
    TransferEndpoint& m_target;
    Options m_options;
};

} // namespace sreg::remote
