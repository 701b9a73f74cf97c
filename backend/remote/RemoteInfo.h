#pragma once

#include "CertificatePolicy.h"

#include <QString>
#include <QStringList>

namespace sreg::remote {

// What RemoteProbe found on the other side of a connection.
struct RemoteInfo
{
    enum class Kind
    {
        OurServer, // sregistry-server: library API, native API and our admin API
        Sregistry, // singularityhub/sregistry: native API (/api/…) and its library API
        LibraryOnly, // a Sylabs-style library server (only /version answered)
    };

    Kind kind = Kind::LibraryOnly;
    QString name; // the registry's own name, when it says one
    QString version; // of the server software
    QString apiVersion; // library API
    bool libraryApi = false;
    bool nativeApi = false;
    bool adminApi = false;
    bool multipartResume = false; // lists acknowledged multipart parts (our GET …/_multipart)
    // The caller, when a token was given and accepted.
    QString user;
    bool admin = false;
    QStringList scopes;
    CertificatePolicy::Observation certificate;

    bool authenticated() const { return !user.isEmpty() || tokenAccepted; }
    bool tokenAccepted = false; // sregistry's token-status says yes without naming the user
    QString kindName() const; // "sregistry-server", "sregistry", "library API server"
    // One line for the "Add registry" dialog and the CLI: what was found and what it supports.
    QString summary() const;
};

} // namespace sreg::remote
