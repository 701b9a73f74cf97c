#pragma once

#include "metadata/Records.h"
#include "registry/PushRequest.h"

namespace sreg {

class RegistrySource;
class Task;
class TaskManager;

// Copies (or moves) an image from one registry to another, local or remote, either way, as a Task: the bytes
// stream through this computer only when the target lacks them, are verified by SHA-256 before the target
// records anything, and a broken download resumes where it stopped. A move removes the source's tag once the
// copy is recorded. Both sources announce the change when the task succeeds.
class CrossRegistryTransfer final
{
public:
    static bool canTransfer(RegistrySource* source);
    // nullptr when either source cannot take part.
    static Task* start(RegistrySource* from, const TagRecord& tag, RegistrySource* to, const PushRequest& target,
                       bool move, TaskManager* tasks);
};

} // namespace sreg
