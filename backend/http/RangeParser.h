#pragma once

#include <QtGlobal>
#include <string_view>

namespace sreg::http {

// The Range request header (RFC 9110 §14), for one resource of a known size.
class RangeParser final
{
public:
    enum class Kind
    {
        Whole, // no Range, or one we ignore (another unit, bad syntax, several ranges): send everything, 200
        Partial, // one satisfiable range: 206 with Content-Range
        Unsatisfiable, // 416 with Content-Range: bytes */size
    };
    struct Outcome
    {
        Kind kind = Kind::Whole;
        qint64 first = 0;
        qint64 length = 0; // bytes to send
    };

    // Several ranges are answered with the whole body (RFC 9110 lets a server ignore Range): no client we
    // serve asks for them, and multipart/byteranges would only add code to get wrong.
    static Outcome parse(std::string_view header, qint64 size);
};

} // namespace sreg::http
