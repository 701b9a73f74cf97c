#pragma once

#include "HttplibFwd.h"

#include <memory>

namespace sreg::http {

class AdminAccountsApi;
class AdminCurationApi;
class AdminMaintenanceApi;
class ServerContext;

// Our own management API, under /admin/v1: the records of backend/registry/RecordJson in {"data": …}, so that a
// remote desktop app shows and curates this registry in the same panes as its embedded one. Every call acts as
// the caller (Bearer token, anonymous without one) and the engine's permission rules decide, exactly as for the
// other APIs: an anonymous caller browses public collections, an admin token reaches users, audit and storage.
//
// Browsing (this class):
//   GET  /admin/v1/info                                   server, version, the caller ({name, admin, scopes}|null)
//   GET  /admin/v1/collections?filter=&after=&limit=      [collection]   (keyset paging by name)
//   GET  /admin/v1/collections/<c>                        collection
//   GET  /admin/v1/collections/<c>/containers             [container]
//   GET  /admin/v1/collections/<c>/tags?container=&after=&limit=   [tag]  (paging on "container:tag:arch")
//   GET  /admin/v1/collections/<c>/containers/<n>/tags/<t>/history?arch=   [tag history]
//   GET  /admin/v1/images/<id>                            image
//   GET  /admin/v1/images/<id>/metadata                   the SIF as parsed at push (SifImage::toJson)
//   GET  /admin/v1/images/<id>/file                       the bytes, with Range; not counted as a download
//   GET  /admin/v1/search?q=&arch=&signed=&limit=         {"collections","containers","images"}
// Curation, accounts and maintenance: AdminCurationApi, AdminAccountsApi, AdminMaintenanceApi.
class AdminApi final
{
public:
    static constexpr int Version = 1;

    explicit AdminApi(ServerContext& context);
    ~AdminApi();
    void registerRoutes(httplib::Server& server);

private:
    void info(const httplib::Request& req, httplib::Response& res);
    void collections(const httplib::Request& req, httplib::Response& res);
    void collection(const httplib::Request& req, httplib::Response& res);
    void containers(const httplib::Request& req, httplib::Response& res);
    void tags(const httplib::Request& req, httplib::Response& res);
    void history(const httplib::Request& req, httplib::Response& res);
    void image(const httplib::Request& req, httplib::Response& res);
    void metadata(const httplib::Request& req, httplib::Response& res);
    void file(const httplib::Request& req, httplib::Response& res);
    void search(const httplib::Request& req, httplib::Response& res);

    ServerContext& m_context;
    std::unique_ptr<AdminCurationApi> m_curation;
    std::unique_ptr<AdminAccountsApi> m_accounts;
    std::unique_ptr<AdminMaintenanceApi> m_maintenance;
};

} // namespace sreg::http
