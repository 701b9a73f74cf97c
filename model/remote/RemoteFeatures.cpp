#include "RemoteFeatures.h"

#include <QCoreApplication>

namespace sreg {

namespace {

using Feature = RegistrySource::Feature;

QString tr(const char* text)
{
    return QCoreApplication::translate("sreg::RemoteFeatures", text);
}

bool adminOnly(Feature feature)
{
    return feature == Feature::Users || feature == Feature::Teams || feature == Feature::Audit
        || feature == Feature::Storage;
}

} // namespace

bool RemoteFeatures::supports(const remote::RemoteInfo& info, Feature feature)
{
    if (feature == Feature::Serve)
        return false;
    switch (info.kind) {
    case remote::RemoteInfo::Kind::OurServer:
        return !adminOnly(feature) || info.admin;
    case remote::RemoteInfo::Kind::Sregistry:
        switch (feature) {
        case Feature::Push:
        case Feature::Search:
        case Feature::ImageMetadata:
        case Feature::ImageBytes:
            return true;
        case Feature::Delete: // sregistry signs deletions with the user's name
            return info.tokenAccepted && !info.user.isEmpty();
        default:
            return false;
        }
    case remote::RemoteInfo::Kind::LibraryOnly:
        return feature == Feature::Push;
    }
    return false;
}

QString RemoteFeatures::reason(const remote::RemoteInfo& info, const QString& name, Feature feature)
{
    if (supports(info, feature))
        return {};
    if (feature == Feature::Serve)
        return tr("Only this computer's registry can be served from here.");
    if (info.kind == remote::RemoteInfo::Kind::OurServer)
        return tr("Your token on %1 is not an administrator's.").arg(name);
    if (info.kind == remote::RemoteInfo::Kind::LibraryOnly)
        return tr("%1 only offers the library API: it can receive images, not be browsed.").arg(name);
    switch (feature) {
    case Feature::Delete:
        return tr("Deleting on an sregistry server needs a user name and a token in the connection settings.");
    case Feature::Tag:
        return tr("The sregistry API cannot move or add tags.");
    case Feature::Freeze:
        return tr("The sregistry API cannot freeze tags; use the server's web pages.");
    case Feature::EditCollections:
        return tr("The sregistry API cannot change collection settings.");
    case Feature::Members:
        return tr("The sregistry API does not expose collection owners and contributors.");
    case Feature::Users:
    case Feature::Teams:
        return tr("The sregistry API does not manage users or teams; use the server's admin pages.");
    case Feature::Tokens:
        return tr("sregistry has one token per user, managed on its web pages.");
    case Feature::Audit:
        return tr("sregistry keeps no audit log that its API exposes.");
    case Feature::Storage:
        return tr("The sregistry API does not report storage or run garbage collection.");
    case Feature::History:
        return tr("sregistry keeps no tag history.");
    default:
        return tr("%1 does not support this.").arg(name);
    }
}

} // namespace sreg
