#pragma once

#include "common/Result.h"
#include "remote/RemoteConnection.h"

#include <memory>
#include <optional>

namespace sreg {

class Registry;
class RegistrySource;

namespace remote {
class RemoteRegistry;
class TransferEndpoint;
} // namespace remote

// Lets a worker thread reach a RegistrySource as a transfer endpoint without touching the source itself (which
// lives on the GUI thread and may go away meanwhile): handleOf() takes, on the source's thread, what the worker
// needs (the local engine, or the remote connection and its client), and open() builds the endpoint from it.
class SourceEndpoints final
{
public:
    struct Handle
    {
        QString name;
        std::shared_ptr<Registry> local; // the embedded engine (LocalSource)
        remote::RemoteConnection connection; // a remote (RemoteSource) ...
        std::shared_ptr<remote::RemoteRegistry> remote; // ... and its client when already connected
    };

    // nullopt for a source that cannot take part in transfers.
    static std::optional<Handle> handleOf(RegistrySource* source);
    // Worker threads only: may connect (a blocking probe).
    static Result<std::unique_ptr<remote::TransferEndpoint>> open(const Handle& handle);
};

} // namespace sreg
