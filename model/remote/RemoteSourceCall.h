#pragma once

// The templates RemoteSource's implementation files share: run a call on the pool against the connected client
// and hand the answer to the caller on its context's thread (not at all when the context is gone).

#include "RemoteFeatures.h"
#include "RemoteSource.h"
#include "remote/RemoteRegistry.h"

#include <QMetaObject>
#include <QPointer>

namespace sreg {

template<typename T>
void RemoteSource::call(QObject* context, SourceCallback<T> done,
                        std::function<Result<T>(remote::RemoteRegistry&)> work, std::function<void()> onSuccess)
{
    const bool hasContext = context != nullptr;
    QPointer<QObject> guard(context);
    m_pool.start([this, guard, hasContext, done = std::move(done), work = std::move(work),
                  onSuccess = std::move(onSuccess)]() mutable {
        Result<std::shared_ptr<remote::RemoteRegistry>> registry = connectedRegistry();
        Result<T> result = registry ? work(**registry) : Result<T>(registry.error());
        // This object outlives the pool's jobs (the destructor waits), so it can relay the answer.
        QMetaObject::invokeMethod(
            this,
            [this, guard, hasContext, done = std::move(done), result = std::move(result),
             onSuccess = std::move(onSuccess)]() mutable {
                const bool ok = result.ok();
                if (!hasContext) {
                    if (done)
                        done(std::move(result));
                } else if (QObject* target = guard.data()) {
                    if (target->thread() == thread()) {
                        if (done)
                            done(std::move(result));
                    } else if (done) {
                        QMetaObject::invokeMethod(
                            target, [done, result]() { done(result); }, Qt::QueuedConnection);
                    }
                }
                if (ok && onSuccess)
                    onSuccess();
            },
            Qt::QueuedConnection);
    });
}

template<typename T>
void RemoteSource::adminCall(Feature feature, QObject* context, SourceCallback<T> done,
                             std::function<Result<T>(remote::RemoteRegistry&)> work, std::function<void()> onSuccess)
{
    const QString name = m_name;
    call<T>(
        context, std::move(done),
        [feature, name, work = std::move(work)](remote::RemoteRegistry& registry) -> Result<T> {
            if (!RemoteFeatures::supports(registry.info(), feature))
                return Error(ErrorCode::InvalidArgument, RemoteFeatures::reason(registry.info(), name, feature));
            return work(registry);
        },
        std::move(onSuccess));
}

} // namespace sreg
