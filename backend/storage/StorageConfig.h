#pragma once

#include "common/Result.h"

#include <QJsonObject>
#include <QString>

namespace sreg {

// Where a registry keeps its blobs: the non-secret settings of one backend, as stored in <data>/storage.json
// (or any file given to `sregistry-server --storage FILE` / `migrate-storage --to FILE`). One flat JSON object:
//
//   {"backend": "s3", "endpoint": "https://s3.eu-west-1.amazonaws.com", "region": "eu-west-1",
//    "bucket": "lab-images", "prefix": "registry/", "accessKeyId": "AKIA..."}
//   {"backend": "gcs", "bucket": "lab-images", "accessKeyId": "GOOG1E..."}   (endpoint and region defaulted)
//   {"backend": "swift", "authUrl": "https://keystone.example.org:5000/v3", "authMethod": "keystone",
//    "user": "registry", "project": "lab", "container": "images"}
//   {"backend": "local", "path": "/srv/registry/blobs"}
//
// Secrets (the S3 secret access key, the Swift key or password) never go here: a field that looks like one is
// refused, so that a copied example cannot leak one into a file others may read (StorageSecrets finds them).
// Unknown fields are refused too, so that a typo is an error instead of a silently ignored setting.
struct StorageConfig
{
    enum class Backend
    {
        Local,
        S3,
        Gcs, // S3 over Google Cloud Storage's XML API with HMAC keys
        Swift,
    };

    Backend backend = Backend::Local;

    QString path; // local: the folder; empty = <data>/blobs

    // s3 / gcs
    QString endpoint; // empty: AWS's regional endpoint, or https://storage.googleapis.com
    QString region; // empty: us-east-1 (gcs: auto)
    QString bucket;
    QString addressing = QStringLiteral("auto"); // "path", "virtual", or "auto" (virtual on AWS, else path)
    QString accessKeyId; // not a secret: it names the key, like a user name

    // swift
    QString authUrl;
    QString authMethod = QStringLiteral("tempauth"); // "tempauth", "keystone", "application-credential"
    QString user;
    QString userDomain = QStringLiteral("Default");
    QString project;
    QString projectDomain = QStringLiteral("Default");
    QString applicationCredentialId;
    QString interface = QStringLiteral("public");
    QString storageUrl; // overrides the one the sign-in returns
    QString container;

    // every object store
    QString prefix; // keys start with this ("registry/"), so that a bucket can be shared
    bool verifyTls = true;
    QString caFile;
    int chunkMiB = 16; // size of the pieces large blobs are sent in (S3 parts, Swift segments)
    int parallelism = 4; // pieces in flight per upload, and blocks read ahead per download
    int maxChunks = 1000; // Swift (and its s3api) allow 1000; AWS and GCS 10000
    int readAheadMiB = 8;
    bool presignedDownloads = false; // S3/GCS: let /v1/imagefile redirect clients to a short-lived URL
    bool directUploads = true; // S3/GCS: upload announced digests straight to their key (needs a spool folder)
    QString spoolDir; // empty: <data>/spool
    int spoolMemoryMiB = -1; // direct uploads spool in memory up to this much in all; -1: RAM/8, at most 2048
    QString secretsFile; // empty: this file's name with "-secrets.json" for ".json"

    static Result<StorageConfig> fromJson(const QJsonObject& json);
    QJsonObject toJson() const; // only what differs from the defaults, plus "backend"
    // NotFound when the file does not exist.
    static Result<StorageConfig> load(const QString& path);
    // Written aside and renamed, readable by the owner only.
    Status save(const QString& path) const;
    Status validate() const;

    static QString pathIn(const QString& dataDir); // <data>/storage.json
    static QString backendName(Backend backend); // "local", "s3", "gcs", "swift"
    bool isObjectStore() const { return backend != Backend::Local; }
    // "s3 bucket lab-images at https://s3.eu-west-1.amazonaws.com, prefix registry/": for messages, no secret.
    QString describe() const;
    // Where blobs live, as a comparable text: two configs with the same location hold the same blobs.
    QString location(const QString& dataDir) const;
    // What the secret of this backend is called, for messages and the GUI ("secret access key", "password").
    QString secretLabel() const;
    QString effectiveEndpoint() const;
    QString effectiveRegion() const;
};

} // namespace sreg
