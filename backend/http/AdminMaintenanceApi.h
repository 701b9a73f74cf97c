#pragma once

#include "HttplibFwd.h"

namespace sreg::http {

class ServerContext;

// The admin API's audit log and storage maintenance (see AdminApi); admins only, by the engine's rules.
//   GET  /admin/v1/audit?actor=&action=&text=&since=&until=&beforeId=&limit=   [event], newest first
//        (since/until: Unix ms; beforeId pages to older events)
//   GET  /admin/v1/storage                      storage usage
//   POST /admin/v1/gc        {"dryRun": bool}   GC report (dry run unless "dryRun": false is said explicitly)
//   POST /admin/v1/verify                       verify report (re-hashes every blob: may take minutes)
class AdminMaintenanceApi final
{
public:
    explicit AdminMaintenanceApi(ServerContext& context);
    void registerRoutes(httplib::Server& server);

private:
    void audit(const httplib::Request& req, httplib::Response& res);
    void storage(const httplib::Request& req, httplib::Response& res);
    void gc(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void verify(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);

    ServerContext& m_context;
};

} // namespace sreg::http
