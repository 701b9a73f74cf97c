#pragma once

#include "common/Error.h"
#include "registry/Actor.h"

#include <optional>

namespace sreg::http {

// What checking a request's credentials gave: an actor (anonymous when none were presented), a refusal, or
// "slow down" when the client address has failed too often.
struct AuthOutcome
{
    Actor actor = Actor::anonymous();
    std::optional<Error> error; // Unauthenticated (bad, expired or revoked credentials)
    int retryAfterSeconds = 0; // > 0: answer 429

    bool ok() const { return !error && retryAfterSeconds == 0; }
};

} // namespace sreg::http
