#pragma once

#include "common/Result.h"

#include <QString>

namespace sreg::remote {

// Reads a token from a file for headless runs (cron): the file must belong to nobody else's eyes. A file that
// its group or other users may read is refused, naming the chmod that fixes it, because a token left readable
// is a token given away.
class TokenFile final
{
public:
    static Result<QString> read(const QString& path);
};

} // namespace sreg::remote
