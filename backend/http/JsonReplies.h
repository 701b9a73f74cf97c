#pragma once

#include "HttplibFwd.h"

#include <QJsonValue>

namespace sreg::http {

// Success replies. The library API wraps everything in {"data": …}; the native API sends bare JSON.
class JsonReplies final
{
public:
    static void send(httplib::Response& res, int status, const QJsonValue& body);
    static void sendData(httplib::Response& res, const QJsonValue& data, int status = 200);
};

} // namespace sreg::http
