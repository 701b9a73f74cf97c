#pragma once

#include "HttplibFwd.h"

namespace sreg::http {

class ServerContext;

// The admin API's users, teams and tokens (see AdminApi). What a caller may see or change is the engine's rule:
// admins manage everyone, a user lists and manages its own tokens.
//   GET    /admin/v1/users                       [user]
//   POST   /admin/v1/users                       {"name","admin","fullName","email"} -> user
//   PATCH  /admin/v1/users/<u>                   {"active"?,"admin"?,"quotaBytes"? (null removes)}
//   GET    /admin/v1/teams                       [team]
//   POST   /admin/v1/teams                       {"name","description"} -> team
//   DELETE /admin/v1/teams/<t>
//   PUT    /admin/v1/teams/<t>/members           {"user","role": "owner"|"member"|""}
//   GET    /admin/v1/users/<u>/tokens            [token]
//   POST   /admin/v1/users/<u>/tokens            {"name","scopes":["read"|"push"|"admin"],"expiresAt": RFC 3339|null}
//                                                -> {"token": token, "secret": "…"} (the secret is shown once)
//   DELETE /admin/v1/tokens/<id>
class AdminAccountsApi final
{
public:
    explicit AdminAccountsApi(ServerContext& context);
    void registerRoutes(httplib::Server& server);

private:
    void users(const httplib::Request& req, httplib::Response& res);
    void addUser(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void updateUser(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void teams(const httplib::Request& req, httplib::Response& res);
    void createTeam(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void removeTeam(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void setTeamMember(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void tokens(const httplib::Request& req, httplib::Response& res);
    void createToken(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void revokeToken(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);

    ServerContext& m_context;
};

} // namespace sreg::http
