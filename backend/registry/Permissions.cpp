#include "Permissions.h"

namespace sreg {

QString actionName(Action action)
{
    switch (action) {
    case Action::ViewCollection:
        return QStringLiteral("view");
    case Action::PullImage:
        return QStringLiteral("pull");
    case Action::PushImage:
        return QStringLiteral("push");
    case Action::CreateCollection:
        return QStringLiteral("create collections");
    case Action::TagImage:
        return QStringLiteral("tag");
    case Action::FreezeTag:
        return QStringLiteral("freeze");
    case Action::DeleteImage:
        return QStringLiteral("delete images");
    case Action::DeleteCollection:
        return QStringLiteral("delete collections");
    case Action::EditCollection:
        return QStringLiteral("edit collections");
    case Action::EditMembers:
        return QStringLiteral("edit members");
    case Action::ViewUsers:
        return QStringLiteral("list users");
    case Action::ManageUsers:
        return QStringLiteral("manage users");
    case Action::ManageOwnTokens:
        return QStringLiteral("manage own tokens");
    case Action::ManageAnyTokens:
        return QStringLiteral("manage tokens");
    case Action::ViewAudit:
        return QStringLiteral("view the audit log");
    case Action::Maintenance:
        return QStringLiteral("maintain storage");
    }
    return QStringLiteral("unknown");
}

Scope Permissions::requiredScope(Action action)
{
    switch (action) {
    case Action::ViewCollection:
    case Action::PullImage:
    case Action::ViewUsers:
        return Scope::Read;
    case Action::PushImage:
    case Action::CreateCollection:
    case Action::TagImage:
    case Action::DeleteImage:
        return Scope::Push;
    case Action::FreezeTag:
    case Action::DeleteCollection:
    case Action::EditCollection:
    case Action::EditMembers:
    case Action::ManageUsers:
    case Action::ManageOwnTokens:
    case Action::ManageAnyTokens:
    case Action::ViewAudit:
    case Action::Maintenance:
        return Scope::Admin;
    }
    return Scope::Admin;
}

bool Permissions::allows(const Actor& actor, Action action, const CollectionAccess& access)
{
    if (!actor.scopes.testFlag(requiredScope(action)))
        return false;
    if (actor.admin)
        return true;

    const bool member = access.owner || access.contributor;
    switch (action) {
    case Action::ViewCollection:
    case Action::PullImage:
        return !access.isPrivate || (actor.isAuthenticated() && member);
    case Action::PushImage:
    case Action::TagImage:
        return actor.isAuthenticated() && (access.owner || (access.contributor && access.contributorsCanPush));
    case Action::CreateCollection:
    case Action::ViewUsers:
    case Action::ManageOwnTokens:
        return actor.isAuthenticated();
    case Action::FreezeTag:
    case Action::DeleteImage:
    case Action::DeleteCollection:
    case Action::EditCollection:
    case Action::EditMembers:
        return actor.isAuthenticated() && access.owner;
    case Action::ManageUsers:
    case Action::ManageAnyTokens:
    case Action::ViewAudit:
    case Action::Maintenance:
        return false; // admins only, handled above
    }
    return false;
}

} // namespace sreg
