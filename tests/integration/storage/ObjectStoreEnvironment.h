#pragma once

#include "storage/StorageConfig.h"
#include "storage/StorageSecrets.h"

#include <QString>
#include <optional>

namespace sreg::test {

// The real object stores the storage tests run against, from the environment that .ci/run sets up after
// starting ../shared/tools/swift-test-server.sh (one Swift server whose s3api speaks S3 with SigV4 checks):
//   S3_ENDPOINT S3_ACCESS_KEY S3_SECRET_KEY S3_REGION     and     SWIFT_AUTH_URL SWIFT_USER SWIFT_KEY
// Without them a test skips (exit code 77, which CTest reports as skipped) locally, and fails when CI=true:
// CI must never pass by not testing.
struct ObjectStoreEnvironment
{
    StorageConfig config;
    StorageSecrets secrets;

    static constexpr int SkipExitCode = 77;

    // Settings for a bucket (container) named `name` with small chunks (5 MiB) so that a few MiB exercise
    // the multipart and large-object paths; nullopt when the variables are missing.
    static std::optional<ObjectStoreEnvironment> s3(const QString& name);
    static std::optional<ObjectStoreEnvironment> swift(const QString& name);
    // Prints why the test cannot run; returns the exit code (fail on CI, skip elsewhere).
    static int unavailable(const QString& what);
    // "sreg-<stem>-<random>": a fresh bucket or container per run, so runs never see each other's blobs.
    static QString uniqueName(const QString& stem);
    // Creates the bucket or container of config.
    static Status create(const ObjectStoreEnvironment& environment);
    // Removes every object (and unfinished upload) of the bucket or container, then the bucket itself, so
    // that repeated runs on one server do not fill its disk.
    static Status destroy(const ObjectStoreEnvironment& environment);
};

} // namespace sreg::test
