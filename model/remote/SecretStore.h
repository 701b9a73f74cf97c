#pragma once

#include <QObject>
#include <QString>
#include <functional>

namespace sreg {

// Where the tokens of remote connections are kept. The desktop's is the system keychain (qtkeychain, in
// ui/remote); tests and the "this session only" choice use MemorySecretStore. Answers arrive asynchronously on
// the context's thread. A store never writes a secret anywhere in plain text, and says Unavailable (rather than
// falling back silently) when it has nowhere safe to put one.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    enum class Outcome
    {
        Ok,
        NotFound, // nothing stored under that key
        Unavailable, // no keychain service is running: the user decides what to do
        Failed, // the keychain refused (locked, access denied, ...)
    };
    struct Answer
    {
        Outcome outcome = Outcome::Ok;
        QString secret; // read: the secret
        QString message; // why, when not Ok
    };
    using Callback = std::function<void(const Answer& answer)>;

    using QObject::QObject;
    ~SecretStore() override = default;

    virtual QString describe() const = 0; // "the system keychain", "memory (this session only)"
    virtual void read(const QString& key, QObject* context, Callback done) = 0;
    virtual void write(const QString& key, const QString& secret, QObject* context, Callback done) = 0;
    virtual void remove(const QString& key, QObject* context, Callback done) = 0;
};

} // namespace sreg
