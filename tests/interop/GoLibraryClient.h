#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace sreg::test {

// Apptainer's library client, through the small Go driver in tests/interop/libclient built against Debian's
// golang-github-apptainer-container-library-client-dev with Debian's Go, offline (GOPATH mode, no modules).
class GoLibraryClient final
{
public:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        QJsonObject json() const;
    };

    // Builds the driver once per process; nullopt with the reason in why when Go or the client package is
    // missing or the build fails.
    static std::optional<QString> build(QString* why);
    // Whether a missing toolchain must fail the test (CI=true) rather than skip it.
    static bool required();

    GoLibraryClient(QString binary, QString baseUrl, QString token = {});
    // libclient -url BASE [-token T] [-arch A] args...
    Run run(const QStringList& args, const QString& arch = QStringLiteral("amd64"), int timeoutMs = 900000) const;

private:
    QString m_binary;
    QString m_baseUrl;
    QString m_token;
};

} // namespace sreg::test
