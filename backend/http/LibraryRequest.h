#pragma once

#include "HttplibFwd.h"
#include "registry/Actor.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <optional>

namespace sreg::http {

class ServerContext;

// Helpers every library-API handler uses. Each one that can fail writes the error reply itself and returns
// nullopt, so handlers read as a straight line of "get this or stop".
class LibraryRequest final
{
public:
    // The caller (anonymous without credentials); 401/429 replies for bad credentials.
    static std::optional<Actor> actor(ServerContext& context, const httplib::Request& req, httplib::Response& res);
    // As actor(), but anonymous callers get 401.
    static std::optional<Actor> signedInActor(ServerContext& context, const httplib::Request& req,
                                              httplib::Response& res, const QString& toDoWhat);
    // A JSON object body of at most config().maxJsonBytes; no Content-Type is required (the Go client sends
    // none). An empty body is an empty object.
    static std::optional<QJsonObject> jsonBody(ServerContext& context, const httplib::Request& req,
                                               httplib::Response& res, const httplib::ContentReader& reader);

    // A key of a JSON object, matched case-insensitively: the Go client sends {"Tag","ImageID"} from a struct
    // without json tags, while the openapi spec says {"tag","imageID"}.
    static QJsonValue field(const QJsonObject& object, const QString& key);
    static QString match(const httplib::Request& req, int index); // regex capture of the route
    static QString query(const httplib::Request& req, const char* name);
};

} // namespace sreg::http
