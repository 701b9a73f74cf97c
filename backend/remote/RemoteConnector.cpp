#include "RemoteConnector.h"

#include "CertificatePolicy.h"
#include "RemoteRegistry.h"
#include "TokenFile.h"

namespace sreg::remote {

Result<std::shared_ptr<RemoteRegistry>> RemoteConnector::connect(const Options& options)
{
    RemoteConnection connection;
    connection.baseUrl = options.base;
    connection.username = options.user;
    if (!options.fingerprint.isEmpty()) {
        connection.pinnedFingerprint = CertificatePolicy::normalize(options.fingerprint);
        if (connection.pinnedFingerprint.isEmpty())
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("--fingerprint takes a SHA-256 fingerprint: 32 bytes in hex, colons allowed"));
    }
    if (!options.tokenFile.isEmpty()) {
        Result<QString> token = TokenFile::read(options.tokenFile);
        if (!token)
            return token.error();
        connection.token = *token;
    }
    Result<std::shared_ptr<RemoteRegistry>> registry = RemoteRegistry::connect(connection);
    if (!registry && registry.error().message().contains(QStringLiteral("is not trusted")))
        return Error(registry.error().code(),
                     registry.error().message()
                         + QStringLiteral(". If that is the server's certificate, pass --fingerprint with it."));
    return registry;
}

} // namespace sreg::remote
