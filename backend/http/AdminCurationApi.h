#pragma once

#include "HttplibFwd.h"

namespace sreg::http {

class ServerContext;

// The admin API's curation calls (see AdminApi). Bodies are JSON objects; keys as in RecordJson.
//   POST   /admin/v1/collections                      {"name","description","private"} -> collection
//   PATCH  /admin/v1/collections/<c>                  {"description"?,"private"?,"contributorsCanPush"?,
//                                                      "quotaBytes"? (null removes the quota)} -> collection
//   DELETE /admin/v1/collections/<c>
//   GET    /admin/v1/collections/<c>/members          [member]
//   PUT    /admin/v1/collections/<c>/members          {"name","isTeam","role": "owner"|"contributor"|""}
//   POST   /admin/v1/images/<id>/tags                 {"tag","arch"?} -> tag
//   PUT    /admin/v1/refs/<c>/<n>:<t>/frozen          {"frozen","arch"?}
//   DELETE /admin/v1/refs/<c>/<n>:<t|sha256.hex>?arch=   a tag ref removes the tag, a digest ref the image
class AdminCurationApi final
{
public:
    explicit AdminCurationApi(ServerContext& context);
    void registerRoutes(httplib::Server& server);

private:
    void createCollection(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void updateCollection(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void deleteCollection(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void members(const httplib::Request& req, httplib::Response& res);
    void setMember(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void setTag(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void setFrozen(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void remove(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);

    ServerContext& m_context;
};

} // namespace sreg::http
