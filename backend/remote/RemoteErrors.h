#pragma once

#include "RemoteMessage.h"
#include "common/Error.h"

#include <QString>

namespace sreg::remote {

// Turns a remote registry's refusal into an Error with the code the engine would have used, so that the CLI,
// the panes and the transfers react to a remote refusal exactly as to a local one. Reads our servers'
// {"error":{"code","message","reason"}} (reason: the engine's code name), the Django REST framework's
// {"detail": "..."} of sregistry, and falls back to the HTTP status.
class RemoteErrors final
{
public:
    // what: the operation, prefixed to the message ("list collections of https://host").
    static Error fromReply(const RemoteReply& reply, const QString& what);
    static ErrorCode codeForStatus(int status);
    // The code named by errorCodeName(), if any.
    static std::optional<ErrorCode> codeForName(const QString& name);
    static Error unsupported(const QString& what, const QString& why);
};

} // namespace sreg::remote
