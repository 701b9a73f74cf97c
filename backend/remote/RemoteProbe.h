#pragma once

#include "RemoteInfo.h"
#include "common/Result.h"

namespace sreg::remote {

class RemoteHttp;

// Finds out what is on the other side of a connection, and whether its token is good:
//   GET /admin/v1/info                     our server (and who the token belongs to)
//   GET /version                           a library API, and its apiVersion
//   GET /api/registry/identity/            an sregistry server's name
//   GET /assets/config/config.prod.json    where its library API lives
//   GET /v1/token-status                   whether a server without our admin API takes the token
// A refused token is an Unauthenticated error with the server's reason (invalid, expired, revoked), and a TLS
// certificate that is not trusted stops the probe at the first request (RemoteHttp::certificate() has it).
class RemoteProbe final
{
public:
    static Result<RemoteInfo> run(RemoteHttp& http);
};

} // namespace sreg::remote
