#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace sreg {

// Token secrets are derived, not stored. A secret is "sreg_<public id>_<mac>", where mac is an HMAC of the
// public id under the registry's token key (dataDir/token.key). The database keeps the public id and the
// SHA-256 of the secret only, so a copy of the database alone reveals no usable token; yet the server can
// recompute a user's secrets, which the sregistry client's HMAC scheme needs (it signs with the token itself).
namespace TokenSecrets {

QString newPublicId();
QString secretFor(const QByteArray& tokenKey, const QString& publicId);
QString hashOf(const QString& secret); // hex SHA-256
// The public id inside a well-formed secret; nullopt for anything else.
std::optional<QString> publicIdOf(const QString& secret);
// Constant-time comparison of two byte strings of any length.
bool equalConstantTime(const QByteArray& a, const QByteArray& b);

} // namespace TokenSecrets
} // namespace sreg
