#pragma once

#include "HttplibFwd.h"

namespace sreg::http {

class ServerContext;

// sregistry-cli's push, without the nginx upload module sregistry needs:
//   POST /api/upload/chunked_upload {"collection","name","tag"}  HMAC kind "push"  -> 200 {"cid": <collection>}
//   POST /upload  multipart/form-data: SREGISTRY_EVENT, name, collection (= cid), tag, then file1
//                 HMAC kind "upload" over the collection's name        -> 200 {"message": "Upload Complete"}
// The form is parsed as it arrives (MultipartFormParser) and file1 streams straight into a PushSession, so the
// signature is checked, and the destination known, before the first byte of the image is stored. That needs
// the text fields before file1, which is the order sregistry-cli sends them in.
//
// "cid" is the collection's name: sregistry-cli only echoes it back as the form's "collection" field, and a
// name needs no lookup by number. Failures get real statuses (sregistry answered some with 200).
class NativeUploadApi final
{
public:
    explicit NativeUploadApi(ServerContext& context);
    void registerRoutes(httplib::Server& server);

    static constexpr int MaxFieldBytes = 4096;

private:
    void chunkedUpload(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void upload(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);

    ServerContext& m_context;
};

} // namespace sreg::http
