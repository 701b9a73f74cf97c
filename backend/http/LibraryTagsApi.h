#pragma once

#include "HttplibFwd.h"

namespace sreg::http {

class ServerContext;

// Library API tags of one container: GET/POST /v1/tags/<containerID> ({"tag": imageID}; a v1 tag lands on the
// image's own architecture) and GET/POST /v2/tags/<containerID> ({"arch": {"tag": imageID}}). Tag writes are
// scoped to the container in the URL (sregistry matched tags across all collections), and a frozen tag is
// refused with an error envelope instead of being moved.
class LibraryTagsApi final
{
public:
    explicit LibraryTagsApi(ServerContext& context);
    void registerRoutes(httplib::Server& server);

private:
    void getTags(const httplib::Request& req, httplib::Response& res, bool v2);
    void setTag(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader, bool v2);

    ServerContext& m_context;
};

} // namespace sreg::http
