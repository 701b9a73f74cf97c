#include "AdminAccountsApi.h"

#include "AdminRequest.h"
#include "ServerContext.h"
#include "UploadHandler.h"
#include "registry/AccountService.h"
#include "registry/RecordJson.h"
#include "registry/Registry.h"

#include <QDateTime>
#include <QJsonArray>
#include <httplib.h>

namespace sreg::http {

namespace {

constexpr const char* Name = "([^/]+)";

// Applies one optional boolean field through set; false after replying 400 when the value is not a boolean.
bool applyBool(const QJsonObject& body, const QString& key, httplib::Response& res,
               const std::function<Status(bool)>& set, Status& outcome)
{
    const QJsonValue value = body.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isBool()) {
        ErrorReplies::library(res, Error(ErrorCode::InvalidArgument, QStringLiteral("\"%1\" must be true or false").arg(key)));
        return false;
    }
    if (outcome)
        outcome = set(value.toBool());
    return true;
}

std::optional<Scopes> scopesOf(const QJsonValue& value)
{
    if (value.isString())
        return parseScopes(value.toString());
    if (!value.isArray())
        return std::nullopt;
    QStringList names;
    for (const QJsonValue& name : value.toArray())
        names.append(name.toString());
    return parseScopes(names.join(u','));
}

} // namespace

AdminAccountsApi::AdminAccountsApi(ServerContext& context)
    : m_context(context)
{
}

void AdminAccountsApi::registerRoutes(httplib::Server& server)
{
    using namespace std::placeholders;
    const std::string user = std::string("/admin/v1/users/") + Name;
    const std::string team = std::string("/admin/v1/teams/") + Name;
    server.Get("/admin/v1/users/?", std::bind(&AdminAccountsApi::users, this, _1, _2));
    server.Post("/admin/v1/users/?", UploadHandler::draining(std::bind(&AdminAccountsApi::addUser, this, _1, _2, _3)));
    server.Patch(user, UploadHandler::draining(std::bind(&AdminAccountsApi::updateUser, this, _1, _2, _3)));
    server.Get("/admin/v1/teams/?", std::bind(&AdminAccountsApi::teams, this, _1, _2));
    server.Post("/admin/v1/teams/?",
                UploadHandler::draining(std::bind(&AdminAccountsApi::createTeam, this, _1, _2, _3)));
    server.Delete(team, UploadHandler::draining(std::bind(&AdminAccountsApi::removeTeam, this, _1, _2, _3)));
    server.Put(team + "/members",
               UploadHandler::draining(std::bind(&AdminAccountsApi::setTeamMember, this, _1, _2, _3)));
    server.Get(user + "/tokens", std::bind(&AdminAccountsApi::tokens, this, _1, _2));
    server.Post(user + "/tokens", UploadHandler::draining(std::bind(&AdminAccountsApi::createToken, this, _1, _2, _3)));
    server.Delete("/admin/v1/tokens/([0-9]+)",
                  UploadHandler::draining(std::bind(&AdminAccountsApi::revokeToken, this, _1, _2, _3)));
}

void AdminAccountsApi::users(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = AdminRequest::reader(m_context, req, res);
    if (!actor)
        return;
    AdminRequest::reply<QList<UserRecord>>(res, m_context.registry().accounts().users(*actor),
                                           RecordJson::toJsonArray<UserRecord>);
}

void AdminAccountsApi::addUser(const httplib::Request& req, httplib::Response& res,
                               const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor = AdminRequest::writer(m_context, req, res);
    if (!actor)
        return;
    const std::optional<QJsonObject> body = AdminRequest::body(m_context, req, res, reader);
    if (!body)
        return;
    AdminRequest::reply<UserRecord>(
        res,
        m_context.registry().accounts().addUser(*actor, body->value(QStringLiteral("name")).toString(),
                                                body->value(QStringLiteral("admin")).toBool(),
                                                body->value(QStringLiteral("fullName")).toString(),
                                                body->value(QStringLiteral("email")).toString()),
        [](const UserRecord& user) { return RecordJson::toJson(user); });
}

void AdminAccountsApi::updateUser(const httplib::Request& req, httplib::Response& res,
                                  const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor = AdminRequest::writer(m_context, req, res);
    if (!actor)
        return;
    const std::optional<QJsonObject> body = AdminRequest::body(m_context, req, res, reader);
    if (!body)
        return;
    AccountService& accounts = m_context.registry().accounts();
    const QString name = AdminRequest::match(req, 1);
    Status outcome;
    if (!applyBool(*body, QStringLiteral("active"), res,
                   [&](bool active) { return accounts.setActive(*actor, name, active); }, outcome)
        || !applyBool(*body, QStringLiteral("admin"), res,
                      [&](bool admin) { return accounts.setAdmin(*actor, name, admin); }, outcome))
        return;
    if (outcome && body->contains(QStringLiteral("quotaBytes"))) {
        const QJsonValue quota = body->value(QStringLiteral("quotaBytes"));
        if (!quota.isNull() && !(quota.isDouble() && quota.toDouble() >= 0))
            return ErrorReplies::library(res, Error(ErrorCode::InvalidArgument,
                                                    QStringLiteral("\"quotaBytes\" must be a number of bytes or null")));
        outcome = accounts.setQuota(*actor, name,
                                    quota.isNull() ? std::nullopt : std::optional<qint64>(qint64(quota.toDouble())));
    }
    if (!outcome)
        return ErrorReplies::library(res, outcome.error());
    AdminRequest::reply<UserRecord>(res, accounts.user(*actor, name),
                                    [](const UserRecord& user) { return RecordJson::toJson(user); });
}

void AdminAccountsApi::teams(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = AdminRequest::reader(m_context, req, res);
    if (!actor)
        return;
    AdminRequest::reply<QList<TeamRecord>>(res, m_context.registry().accounts().teams(*actor),
                                           RecordJson::toJsonArray<TeamRecord>);
}

void AdminAccountsApi::createTeam(const httplib::Request& req, httplib::Response& res,
                                  const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor = AdminRequest::writer(m_context, req, res);
    if (!actor)
        return;
    const std::optional<QJsonObject> body = AdminRequest::body(m_context, req, res, reader);
    if (!body)
        return;
    AdminRequest::reply<TeamRecord>(
        res,
        m_context.registry().accounts().createTeam(*actor, body->value(QStringLiteral("name")).toString(),
                                                   body->value(QStringLiteral("description")).toString()),
        [](const TeamRecord& team) { return RecordJson::toJson(team); });
}

void AdminAccountsApi::removeTeam(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader&)
{
    const std::optional<Actor> actor = AdminRequest::writer(m_context, req, res);
    if (!actor)
        return;
    AdminRequest::reply(res, m_context.registry().accounts().removeTeam(*actor, AdminRequest::match(req, 1)));
}

void AdminAccountsApi::setTeamMember(const httplib::Request& req, httplib::Response& res,
                                     const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor = AdminRequest::writer(m_context, req, res);
    if (!actor)
        return;
    const std::optional<QJsonObject> body = AdminRequest::body(m_context, req, res, reader);
    if (!body)
        return;
    AdminRequest::reply(res, m_context.registry().accounts().setTeamMember(
                                 *actor, AdminRequest::match(req, 1), body->value(QStringLiteral("user")).toString(),
                                 body->value(QStringLiteral("role")).toString()));
}

void AdminAccountsApi::tokens(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = AdminRequest::writer(m_context, req, res);
    if (!actor)
        return;
    AdminRequest::reply<QList<TokenRecord>>(
        res, m_context.registry().accounts().tokens(*actor, AdminRequest::match(req, 1)),
        RecordJson::toJsonArray<TokenRecord>);
}

void AdminAccountsApi::createToken(const httplib::Request& req, httplib::Response& res,
                                   const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor = AdminRequest::writer(m_context, req, res);
    if (!actor)
        return;
    const std::optional<QJsonObject> body = AdminRequest::body(m_context, req, res, reader);
    if (!body)
        return;
    const std::optional<Scopes> scopes = scopesOf(body->value(QStringLiteral("scopes")));
    if (!scopes)
        return ErrorReplies::library(res, Error(ErrorCode::InvalidArgument,
                                                QStringLiteral("\"scopes\" must list read, push or admin")));
    std::optional<qint64> expiresAt;
    const QJsonValue expires = body->value(QStringLiteral("expiresAt"));
    if (expires.isString()) {
        const QDateTime when = QDateTime::fromString(expires.toString(), Qt::ISODateWithMs);
        if (!when.isValid())
            return ErrorReplies::library(
                res, Error(ErrorCode::InvalidArgument, QStringLiteral("\"expiresAt\" must be an RFC 3339 time")));
        expiresAt = when.toMSecsSinceEpoch();
    } else if (!expires.isNull() && !expires.isUndefined()) {
        return ErrorReplies::library(
            res, Error(ErrorCode::InvalidArgument, QStringLiteral("\"expiresAt\" must be an RFC 3339 time or null")));
    }
    AdminRequest::reply<NewToken>(
        res,
        m_context.registry().accounts().createToken(*actor, AdminRequest::match(req, 1),
                                                    body->value(QStringLiteral("name")).toString(), *scopes, expiresAt),
        [](const NewToken& token) {
            return QJsonObject { { QStringLiteral("token"), RecordJson::toJson(token.token) },
                                 { QStringLiteral("secret"), token.secret } };
        });
}

void AdminAccountsApi::revokeToken(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader&)
{
    const std::optional<Actor> actor = AdminRequest::writer(m_context, req, res);
    if (!actor)
        return;
    AdminRequest::reply(res,
                        m_context.registry().accounts().revokeToken(*actor, AdminRequest::match(req, 1).toLongLong()));
}

} // namespace sreg::http
