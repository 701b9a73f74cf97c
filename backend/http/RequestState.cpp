#include "RequestState.h"

namespace sreg::http {

namespace {
struct Slot
{
    const void* request = nullptr;
    std::chrono::steady_clock::time_point started;
    QString user;
};
thread_local Slot t_slot;
} // namespace

void RequestState::begin(const void* request)
{
    t_slot.request = request;
    t_slot.started = std::chrono::steady_clock::now();
    t_slot.user.clear();
}

void RequestState::setUser(const QString& user)
{
    t_slot.user = user;
}

RequestState::Snapshot RequestState::end(const void* request)
{
    Snapshot snapshot;
    if (t_slot.request == request && request != nullptr) {
        snapshot.user = t_slot.user;
        snapshot.elapsedMs
            = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t_slot.started)
                  .count();
    }
    t_slot = Slot {};
    return snapshot;
}

} // namespace sreg::http
