#pragma once

#include "CliCommand.h"

namespace sreg {

// serve [--listen ADDR:PORT] [--public-url URL] [--tls-cert F --tls-key F | --tls-self-signed] [--insecure]
//       [--max-upload-size BYTES] [--default-private] [--threads N] [--read-timeout S]
//       [--auth-failure-limit N] [--auth-failure-window S] [--access-log FILE]
// Serves the registry over HTTP(S) to Apptainer/Singularity's library client and to sregistry-cli until SIGINT or
// SIGTERM. Prints "listening on <url>" on stdout once it accepts connections.
class ServeCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("serve"); }
    QString synopsis() const override
    {
        return QStringLiteral("serve [--listen ADDR:PORT] [--public-url URL] [--tls-cert F --tls-key F | "
                              "--tls-self-signed] [--insecure] [--max-upload-size BYTES] [--default-private] ...");
    }
    int run(CliContext& context, const QStringList& args) override;
};

} // namespace sreg
