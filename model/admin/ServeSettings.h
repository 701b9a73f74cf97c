#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace sreg {

// How the desktop app serves its registry over HTTP: what the Serve page edits and ServeController runs.
// The defaults are the safe ones (DESIGN §5): loopback only; any other address needs TLS or an explicit
// choice of plain HTTP.
struct ServeSettings
{
    Q_DECLARE_TR_FUNCTIONS(ServeSettings)

public:
    enum class Tls
    {
        None,
        SelfSigned, // made once, kept in the data folder, fingerprint shown
        Files, // the user's certificate and key (PEM)
    };

    QString host = QStringLiteral("127.0.0.1");
    int port = 5000; // 0: any free port
    Tls tls = Tls::None;
    QString certificate;
    QString key;
    bool insecure = false; // plain HTTP on a non-loopback address, knowingly
    QString publicUrl; // what clients are told to use (behind a proxy); empty = derived

    bool isLoopback() const;
    bool needsTlsOrInsecure() const { return !isLoopback() && tls == Tls::None; }
    // Why these settings cannot be served (translated, for the page); empty when they can.
    QString problem() const;

    // Remembered per registry (in its data folder) so the Serve page offers last time's choices. The insecure
    // choice is never remembered: plain HTTP on the network is chosen explicitly, every time.
    QJsonObject toJson() const;
    static ServeSettings fromJson(const QJsonObject& json);
    static QString fileName() { return QStringLiteral("serve-settings.json"); }
};

} // namespace sreg
