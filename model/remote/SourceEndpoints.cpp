#include "SourceEndpoints.h"

#include "LocalSource.h"
#include "RemoteSource.h"
#include "remote/LocalEndpoint.h"
#include "remote/RemoteEndpoint.h"
#include "remote/RemoteRegistry.h"

namespace sreg {

std::optional<SourceEndpoints::Handle> SourceEndpoints::handleOf(RegistrySource* source)
{
    if (!source)
        return std::nullopt;
    Handle handle;
    handle.name = source->displayName();
    if (auto* local = qobject_cast<LocalSource*>(source)) {
        handle.local = local->registry();
        return handle;
    }
    if (auto* remote = qobject_cast<RemoteSource*>(source)) {
        handle.connection = remote->connection();
        handle.remote = remote->currentRegistry();
        return handle;
    }
    return std::nullopt;
}

Result<std::unique_ptr<remote::TransferEndpoint>> SourceEndpoints::open(const Handle& handle)
{
    if (handle.local)
        return std::unique_ptr<remote::TransferEndpoint>(
            std::make_unique<remote::LocalEndpoint>(handle.local, Actor::local()));
    std::shared_ptr<remote::RemoteRegistry> registry = handle.remote;
    if (!registry) {
        Result<std::shared_ptr<remote::RemoteRegistry>> connected = remote::RemoteRegistry::connect(handle.connection);
        if (!connected)
            return connected.error();
        registry = *connected;
    }
    return std::unique_ptr<remote::TransferEndpoint>(std::make_unique<remote::RemoteEndpoint>(registry));
}

} // namespace sreg
