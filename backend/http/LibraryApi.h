#pragma once

#include "HttplibFwd.h"

namespace sreg::http {

class ServerContext;

// The Sylabs/Apptainer library API's metadata side: /version, /assets/config/config.prod.json, /v1/token-status,
// entities, collections, containers, search and /v1/oci-redirect. Images, tags and uploads have their own
// classes (LibraryImagesApi, LibraryTagsApi, LibraryUploadApi, LibraryMultipartApi).
//
// apiVersion is "2.0.0-alpha.2": the lowest version with which the Go client uses everything we serve, v2 uploads
// (single and multipart, with per-part SHA-256) and architecture-aware v2 tags. A plain "2.0.0" would claim
// whatever later clients may tie to a final 2.0.0. v1 tags and the legacy v1 upload are served too, for clients
// that fall back to them.
class LibraryApi final
{
public:
    static inline const char* const ApiVersion = "2.0.0-alpha.2";

    explicit LibraryApi(ServerContext& context);
    void registerRoutes(httplib::Server& server);

private:
    void version(const httplib::Request& req, httplib::Response& res);
    void config(const httplib::Request& req, httplib::Response& res);
    void tokenStatus(const httplib::Request& req, httplib::Response& res);
    void getEntity(const httplib::Request& req, httplib::Response& res);
    void createEntity(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void getCollection(const httplib::Request& req, httplib::Response& res);
    void createCollection(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void getContainer(const httplib::Request& req, httplib::Response& res);
    void createContainer(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void search(const httplib::Request& req, httplib::Response& res);
    void ociRedirect(const httplib::Request& req, httplib::Response& res);

    ServerContext& m_context;
};

} // namespace sreg::http
