#include "RangeParser.h"

#include <charconv>
#include <optional>

namespace sreg::http {

namespace {

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

// Digits only (no sign, no spaces); nullopt on anything else or on overflow.
std::optional<qint64> number(std::string_view text)
{
    if (text.empty() || text.size() > 18)
        return std::nullopt;
    qint64 value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 0)
        return std::nullopt;
    return value;
}

} // namespace

RangeParser::Outcome RangeParser::parse(std::string_view header, qint64 size)
{
    header = trimmed(header);
    constexpr std::string_view unit = "bytes=";
    if (header.size() <= unit.size() || header.substr(0, unit.size()) != unit)
        return {};
    const std::string_view spec = trimmed(header.substr(unit.size()));
    if (spec.find(',') != std::string_view::npos)
        return {};
    const size_t dash = spec.find('-');
    if (dash == std::string_view::npos)
        return {};
    const std::string_view firstText = trimmed(spec.substr(0, dash));
    const std::string_view lastText = trimmed(spec.substr(dash + 1));

    if (firstText.empty()) { // suffix range: the last N bytes
        const std::optional<qint64> suffix = number(lastText);
        if (!suffix)
            return {};
        if (*suffix == 0 || size == 0)
            return { Kind::Unsatisfiable, 0, 0 };
        const qint64 length = std::min(*suffix, size);
        return { Kind::Partial, size - length, length };
    }
    const std::optional<qint64> first = number(firstText);
    if (!first)
        return {};
    qint64 last = size - 1;
    if (!lastText.empty()) {
        const std::optional<qint64> parsedLast = number(lastText);
        if (!parsedLast || *parsedLast < *first)
            return {}; // syntactically invalid: ignored, as RFC 9110 asks
        last = std::min(*parsedLast, size - 1);
    }
    if (*first >= size)
        return { Kind::Unsatisfiable, 0, 0 };
    return { Kind::Partial, *first, last - *first + 1 };
}

} // namespace sreg::http
