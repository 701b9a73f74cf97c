#pragma once

#include "AuthOutcome.h"
#include "HttplibFwd.h"

#include <QString>
#include <optional>

namespace sreg::http {

class ServerContext;

// The sregistry native API (/api/...) that sregistry-cli's "registry" backend uses, minus uploads
// (NativeUploadApi):
//   GET    /api/collections/                       {"count","next":null,"previous":null,"results":[collection]}
//   GET    /api/collection/<name>                  collection, or {} (200) when missing or not visible
//   GET    /api/container/<c>/<n>[:<t>][@<v>]      container with "image": a capability download URL
//   DELETE /api/container/<c>/<n>[:<t>]            HMAC kind "delete"; 204
//   GET    /api/container/search/[collection/<c>/]name/<n>[/tag/<t>]/   [container]
//   GET    /api/labels/search[/<k>/key][/<v>/value]/                   [{"key","value","containers":[uri]}]
//   GET    /api/registry/identity/                 {"name","id","url"}
//   GET|HEAD /capability/<token>                   the image bytes the manifest's "image" URL points at
//
// Credentials: SREGISTRY-HMAC-SHA256 where sregistry checks one (pull, delete); a Bearer/Token header is also
// taken on the reading endpoints. Where sregistry-cli depends on sregistry's odd replies they are matched and
// marked so in the code; everything else gets real statuses.
class NativeApi final
{
public:
    explicit NativeApi(ServerContext& context);
    void registerRoutes(httplib::Server& server);

private:
    void collections(const httplib::Request& req, httplib::Response& res);
    void collection(const httplib::Request& req, httplib::Response& res);
    void container(const httplib::Request& req, httplib::Response& res);
    void deleteContainer(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void searchContainers(const httplib::Request& req, httplib::Response& res, bool withCollection);
    void labels(const httplib::Request& req, httplib::Response& res);
    void identity(const httplib::Request& req, httplib::Response& res);
    void download(const httplib::Request& req, httplib::Response& res);

    // Reading endpoints: anonymous, or a Bearer/Token header. Replies (403/429) and returns nullopt on failure.
    std::optional<Actor> readingActor(const httplib::Request& req, httplib::Response& res);
    // An HMAC of kind over (collection, name, tag), or a Bearer/Token header; anonymous without credentials.
    std::optional<Actor> signedActor(const httplib::Request& req, httplib::Response& res, const QString& kind,
                                     const QString& collection, const QString& name, const QString& tag);
    bool reject(httplib::Response& res, const AuthOutcome& outcome);

    ServerContext& m_context;
};

} // namespace sreg::http
