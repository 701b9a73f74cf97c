#include "KeychainSecretStore.h"

#include <qt6keychain/keychain.h>

namespace sreg {

namespace {

SecretStore::Answer answerOf(QKeychain::Job* job)
{
    SecretStore::Answer answer;
    switch (job->error()) {
    case QKeychain::NoError:
        answer.outcome = SecretStore::Outcome::Ok;
        break;
    case QKeychain::EntryNotFound:
        answer.outcome = SecretStore::Outcome::NotFound;
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        answer.outcome = SecretStore::Outcome::Unavailable;
        answer.message = KeychainSecretStore::tr("No keychain service (such as GNOME Keyring or KWallet) is running.");
        break;
    default:
        answer.outcome = SecretStore::Outcome::Failed;
        answer.message = job->errorString();
        break;
    }
    return answer;
}

template<typename JobType> JobType* makeJob(const QString& key)
{
    auto* job = new JobType(QString::fromLatin1(KeychainSecretStore::Service));
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plain-text file
    job->setKey(key);
    return job;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QObject* parent)
    : SecretStore(parent)
{
}

QString KeychainSecretStore::describe() const
{
    return tr("the system keychain");
}

void KeychainSecretStore::read(const QString& key, QObject* context, Callback done)
{
    auto* job = makeJob<QKeychain::ReadPasswordJob>(key);
    connect(job, &QKeychain::Job::finished, context ? context : this, [done](QKeychain::Job* finished) {
        SecretStore::Answer answer = answerOf(finished);
        if (answer.outcome == Outcome::Ok)
            answer.secret = static_cast<QKeychain::ReadPasswordJob*>(finished)->textData();
        if (done)
            done(answer);
    });
    job->start();
}

void KeychainSecretStore::write(const QString& key, const QString& secret, QObject* context, Callback done)
{
    auto* job = makeJob<QKeychain::WritePasswordJob>(key);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, context ? context : this, [done](QKeychain::Job* finished) {
        if (done)
            done(answerOf(finished));
    });
    job->start();
}

void KeychainSecretStore::remove(const QString& key, QObject* context, Callback done)
{
    auto* job = makeJob<QKeychain::DeletePasswordJob>(key);
    connect(job, &QKeychain::Job::finished, context ? context : this, [done](QKeychain::Job* finished) {
        if (done)
            done(answerOf(finished));
    });
    job->start();
}

} // namespace sreg
