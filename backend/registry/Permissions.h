#pragma once

#include "Actor.h"

#include <QString>

namespace sreg {

// Everything an actor may try to do. The rules for all of them live in Permissions::allows and nowhere else.
enum class Action
{
    ViewCollection, // see it in listings, its containers, tags and metadata
    PullImage,
    PushImage,
    CreateCollection,
    TagImage, // add, move or remove a tag
    FreezeTag,
    DeleteImage, // delete a tag, an image or a container
    DeleteCollection,
    EditCollection, // description, privacy, quota, whether contributors may push
    EditMembers, // owners and contributors
    ViewUsers,
    ManageUsers, // add, disable, make admin, teams, quotas
    ManageOwnTokens,
    ManageAnyTokens,
    ViewAudit,
    Maintenance, // storage usage, GC, verify
};

QString actionName(Action action);

// The actor's relation to the collection an action is about.
struct CollectionAccess
{
    bool isPrivate = false;
    bool owner = false;
    bool contributor = false;
    bool contributorsCanPush = false;
};

class Permissions final
{
public:
    // DESIGN §4: owners push, tag, freeze, delete, edit members and privacy; contributors pull private
    // collections and push when the owner allows it; admins may do anything; anonymous callers see and pull
    // public collections only. A token's scopes narrow all of this further; inactive users never get here.
    static bool allows(const Actor& actor, Action action, const CollectionAccess& access = {});
    // The scope an action needs from the credential.
    static Scope requiredScope(Action action);
};

} // namespace sreg
