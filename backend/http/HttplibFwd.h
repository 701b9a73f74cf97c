#pragma once

// Forward declarations of the cpp-httplib types our headers mention, so that only the .cpp files (and the tests
// that link PkgConfig::HTTPLIB, which brings the library's compile definitions) include <httplib.h>.
namespace httplib {
struct Request;
struct Response;
class ContentReader;
class Server;
} // namespace httplib
