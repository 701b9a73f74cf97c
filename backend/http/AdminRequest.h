#pragma once

#include "ErrorReplies.h"
#include "HttplibFwd.h"
#include "JsonReplies.h"
#include "common/Result.h"
#include "registry/Actor.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <functional>
#include <optional>

namespace sreg::http {

class ServerContext;

// Helpers of the admin API's handlers. Like LibraryRequest's, each one that can fail writes the error reply
// itself and returns nullopt. Replies are {"data": …}; errors the library API's {"error": {"code", "message",
// "reason"}} with the engine's status, so one client reads both APIs.
class AdminRequest final
{
public:
    // Anonymous without credentials (the engine then shows public collections only); 401 for bad ones.
    static std::optional<Actor> reader(ServerContext& context, const httplib::Request& req, httplib::Response& res);
    // Changes need a signed-in caller; what they may change is the engine's decision.
    static std::optional<Actor> writer(ServerContext& context, const httplib::Request& req, httplib::Response& res);
    static std::optional<QJsonObject> body(ServerContext& context, const httplib::Request& req, httplib::Response& res,
                                           const httplib::ContentReader& reader);

    // A query parameter as a number; fallback when absent, nullopt (after a 400 reply) when malformed.
    static std::optional<qint64> number(const httplib::Request& req, httplib::Response& res, const char* name,
                                        qint64 fallback);
    // A route capture, percent-decoded.
    static QString match(const httplib::Request& req, int index);

    template<typename T>
    static void reply(httplib::Response& res, const Result<T>& result, const std::function<QJsonValue(const T&)>& json)
    {
        if (!result)
            return ErrorReplies::library(res, result.error());
        JsonReplies::sendData(res, json(*result));
    }
    static void reply(httplib::Response& res, const Status& status);
};

} // namespace sreg::http
