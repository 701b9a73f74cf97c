// RemoteSource's administration calls: users, teams, tokens, audit and storage, all through our server's admin
// API (an sregistry server has none of them: refused with the reason).

#include "RemoteSource.h"
#include "RemoteSourceCall.h"
#include "remote/AdminClient.h"

#include <QJsonObject>

namespace sreg {

namespace {

Result<bool> fromStatus(const Status& status)
{
    if (!status)
        return status.error();
    return true;
}

} // namespace

void RemoteSource::users(QObject* context, SourceCallback<QList<UserRecord>> done)
{
    adminCall<QList<UserRecord>>(Feature::Users, context, std::move(done),
                                 [](remote::RemoteRegistry& r) { return r.admin().users(); });
}

void RemoteSource::addUser(const QString& name, bool admin, const QString& fullName, const QString& email,
                           QObject* context, SourceCallback<UserRecord> done)
{
    adminCall<UserRecord>(
        Feature::Users, context, std::move(done),
        [=](remote::RemoteRegistry& r) { return r.admin().addUser(name, admin, fullName, email); },
        [this] { Q_EMIT accountsChanged(); });
}

void RemoteSource::setUserActive(const QString& name, bool active, QObject* context, SourceCallback<bool> done)
{
    adminCall<bool>(
        Feature::Users, context, std::move(done),
        [=](remote::RemoteRegistry& r) {
            return fromStatus(r.admin().updateUser(name, { { QStringLiteral("active"), active } }));
        },
        [this] { Q_EMIT accountsChanged(); });
}

void RemoteSource::setUserAdmin(const QString& name, bool admin, QObject* context, SourceCallback<bool> done)
{
    adminCall<bool>(
        Feature::Users, context, std::move(done),
        [=](remote::RemoteRegistry& r) {
            return fromStatus(r.admin().updateUser(name, { { QStringLiteral("admin"), admin } }));
        },
        [this] { Q_EMIT accountsChanged(); });
}

void RemoteSource::setUserQuota(const QString& name, std::optional<qint64> bytes, QObject* context,
                                SourceCallback<bool> done)
{
    adminCall<bool>(
        Feature::Users, context, std::move(done),
        [=](remote::RemoteRegistry& r) {
            const QJsonValue quota = bytes ? QJsonValue(double(*bytes)) : QJsonValue(QJsonValue::Null);
            return fromStatus(r.admin().updateUser(name, { { QStringLiteral("quotaBytes"), quota } }));
        },
        [this] { Q_EMIT accountsChanged(); });
}

void RemoteSource::teams(QObject* context, SourceCallback<QList<TeamRecord>> done)
{
    adminCall<QList<TeamRecord>>(Feature::Teams, context, std::move(done),
                                 [](remote::RemoteRegistry& r) { return r.admin().teams(); });
}

void RemoteSource::createTeam(const QString& name, const QString& description, QObject* context,
                              SourceCallback<TeamRecord> done)
{
    adminCall<TeamRecord>(
        Feature::Teams, context, std::move(done),
        [=](remote::RemoteRegistry& r) { return r.admin().createTeam(name, description); },
        [this] { Q_EMIT accountsChanged(); });
}

void RemoteSource::removeTeam(const QString& name, QObject* context, SourceCallback<bool> done)
{
    adminCall<bool>(
        Feature::Teams, context, std::move(done),
        [=](remote::RemoteRegistry& r) { return fromStatus(r.admin().removeTeam(name)); },
        [this] { Q_EMIT accountsChanged(); });
}

void RemoteSource::setTeamMember(const QString& team, const QString& user, const QString& role, QObject* context,
                                 SourceCallback<bool> done)
{
    adminCall<bool>(
        Feature::Teams, context, std::move(done),
        [=](remote::RemoteRegistry& r) { return fromStatus(r.admin().setTeamMember(team, user, role)); },
        [this] { Q_EMIT accountsChanged(); });
}

void RemoteSource::tokens(const QString& user, QObject* context, SourceCallback<QList<TokenRecord>> done)
{
    adminCall<QList<TokenRecord>>(Feature::Tokens, context, std::move(done),
                                  [=](remote::RemoteRegistry& r) { return r.admin().tokens(user); });
}

void RemoteSource::createToken(const QString& user, const QString& name, Scopes scopes, std::optional<qint64> expiresAt,
                               QObject* context, SourceCallback<NewToken> done)
{
    adminCall<NewToken>(
        Feature::Tokens, context, std::move(done),
        [=](remote::RemoteRegistry& r) { return r.admin().createToken(user, name, scopes, expiresAt); },
        [this] { Q_EMIT accountsChanged(); });
}

void RemoteSource::revokeToken(qint64 tokenId, QObject* context, SourceCallback<bool> done)
{
    adminCall<bool>(
        Feature::Tokens, context, std::move(done),
        [=](remote::RemoteRegistry& r) { return fromStatus(r.admin().revokeToken(tokenId)); },
        [this] { Q_EMIT accountsChanged(); });
}

void RemoteSource::audit(const AuditQuery& query, QObject* context, SourceCallback<QList<AuditEventRecord>> done)
{
    adminCall<QList<AuditEventRecord>>(Feature::Audit, context, std::move(done),
                                       [=](remote::RemoteRegistry& r) { return r.admin().audit(query); });
}

void RemoteSource::storageUsage(QObject* context, SourceCallback<StorageUsage> done)
{
    adminCall<StorageUsage>(Feature::Storage, context, std::move(done),
                            [](remote::RemoteRegistry& r) { return r.admin().storage(); });
}

} // namespace sreg
