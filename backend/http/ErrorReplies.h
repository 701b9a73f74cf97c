#pragma once

#include "HttplibFwd.h"
#include "common/Error.h"

#include <QString>

namespace sreg::http {

// Failure replies, each with a real HTTP status and a specific message.
//
// Library API: {"error": {"code": <HTTP status>, "message": "...", "reason": "<engine error code>"}}. "code" must be
// the integer status because the Go client decodes it into an int (github.com/sylabs/json-resp); "reason" is our
// machine-readable addition, ignored by that client.
// Native API: {"detail": "..."}, the Django REST framework shape sregistry-cli reads.
class ErrorReplies final
{
public:
    static int statusFor(ErrorCode code);

    static void library(httplib::Response& res, const Error& error);
    static void library(httplib::Response& res, int status, const QString& message, const QString& reason);

    // The sregistry client treats 401 as "credentials expired" and never retries, and it only signs a pull after
    // a 403, so the native API answers every authentication problem with 403.
    static void native(httplib::Response& res, const Error& error);
    static void native(httplib::Response& res, int status, const QString& detail);

    // 429 with Retry-After, in the API's own error shape.
    static void tooManyLibrary(httplib::Response& res, int retryAfterSeconds);
    static void tooManyNative(httplib::Response& res, int retryAfterSeconds);
};

} // namespace sreg::http
