#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

#include <array>
#include <optional>

namespace sreg {

// A SHA-256 content digest. Its text form is "sha256.<64 lower-case hex>", the form the library API uses in
// image hashes and refs; "sha256:<hex>" (OCI style) is accepted on input.
class Digest final
{
public:
    Digest() = default;
    explicit Digest(const std::array<unsigned char, 32>& bytes);

    static std::optional<Digest> fromString(QStringView text); // "sha256.<hex>" or "sha256:<hex>"
    static std::optional<Digest> fromHex(QStringView hex); // bare 64 hex digits
    static bool looksLikeDigest(QStringView text) { return fromString(text).has_value(); }

    bool isNull() const { return m_null; }
    QString hex() const;
    QString toString() const; // "sha256.<hex>"
    const std::array<unsigned char, 32>& bytes() const { return m_bytes; }

    friend bool operator==(const Digest& a, const Digest& b) { return a.m_null == b.m_null && a.m_bytes == b.m_bytes; }
    friend bool operator<(const Digest& a, const Digest& b) { return a.m_bytes < b.m_bytes; }

private:
    std::array<unsigned char, 32> m_bytes {};
    bool m_null = true;
};

} // namespace sreg

Q_DECLARE_METATYPE(sreg::Digest)
