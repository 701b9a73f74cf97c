// Our server's admin API (/admin/v1) through the client the desktop uses: every call in the engine's records,
// the engine's permission rules for every caller (anonymous, a plain user, an admin), and errors with real
// statuses and the engine's codes.

#include "RemoteTestServer.h"
#include "TestSupport.h"
#include "remote/AdminClient.h"
#include "remote/RemoteHttp.h"
#include "remote/RemoteRegistry.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace sreg;
using namespace sreg::test;

class AdminApiTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void usersAndTeams();
    void tokensLiveAndDie();
    void collectionSettingsAndMembers();
    void tagsFreezeAndDelete();
    void auditStorageGcVerify();
    void callersOnlyGetWhatTheEngineAllows();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<RemoteTestServer> m_server;
    std::shared_ptr<remote::RemoteRegistry> m_admin;
};

void AdminApiTest::initTestCase()
{
    m_server = std::make_unique<RemoteTestServer>(m_dir.filePath(QStringLiteral("s")));
    QVERIFY(!m_server->push(QStringLiteral("lab/tool:v1"), 1 << 20, 1).isEmpty());
    QVERIFY(!m_server->push(QStringLiteral("lab/tool:v2"), 1 << 20, 2).isEmpty());
    QVERIFY(m_server->start());
    m_admin = m_server->connect(m_server->adminToken());
    QVERIFY(m_admin);
}

void AdminApiTest::usersAndTeams()
{
    remote::AdminClient admin = m_admin->admin();
    Result<UserRecord> dave = admin.addUser(QStringLiteral("dave"), false, QStringLiteral("Dave D."),
                                            QStringLiteral("dave@example.org"));
    QVERIFY2(dave, qPrintable(dave ? QString() : dave.error().message()));
    QCOMPARE(dave->fullName, QStringLiteral("Dave D."));
    Result<UserRecord> twice = admin.addUser(QStringLiteral("dave"), false, {}, {});
    QVERIFY(!twice);
    QCOMPARE(twice.error().code(), ErrorCode::AlreadyExists);
    QVERIFY(admin.updateUser(QStringLiteral("dave"), { { QStringLiteral("quotaBytes"), 1 << 20 },
                                                       { QStringLiteral("admin"), true } }));
    Result<QList<UserRecord>> users = admin.users();
    QVERIFY(users);
    bool seen = false;
    for (const UserRecord& user : *users) {
        if (user.name == u"dave") {
            seen = true;
            QVERIFY(user.admin);
            QCOMPARE(user.quotaBytes.value_or(-1), qint64(1 << 20));
        }
    }
    QVERIFY(seen);
    QVERIFY(admin.updateUser(QStringLiteral("dave"), { { QStringLiteral("active"), false } }));

    Result<TeamRecord> team = admin.createTeam(QStringLiteral("hpc"), QStringLiteral("the HPC team"));
    QVERIFY(team);
    QVERIFY(admin.setTeamMember(QStringLiteral("hpc"), QStringLiteral("alice"), QStringLiteral("owner")));
    Result<QList<TeamRecord>> teams = admin.teams();
    QVERIFY(teams && teams->size() == 1);
    QCOMPARE(teams->front().members.size(), 1);
    QVERIFY(admin.removeTeam(QStringLiteral("hpc")));
    QVERIFY(admin.teams()->isEmpty());
}

void AdminApiTest::tokensLiveAndDie()
{
    remote::AdminClient admin = m_admin->admin();
    QVERIFY(admin.addUser(QStringLiteral("erin"), false, {}, {}));
    Result<NewToken> token = admin.createToken(QStringLiteral("erin"), QStringLiteral("laptop"), Scope::Read, std::nullopt);
    QVERIFY2(token, qPrintable(token ? QString() : token.error().message()));
    QVERIFY(!token->secret.isEmpty());
    QCOMPARE(token->token.name, QStringLiteral("laptop"));
    auto asErin = m_server->connect(token->secret);
    QVERIFY(asErin);
    QCOMPARE(asErin->info().user, QStringLiteral("erin"));
    // Managing even one's own tokens takes a token with the admin scope (the engine's rule): a read token may not.
    Result<QList<TokenRecord>> own = asErin->admin().tokens(QStringLiteral("erin"));
    QVERIFY(!own);
    QCOMPARE(own.error().code(), ErrorCode::PermissionDenied);
    Result<QList<TokenRecord>> listed = admin.tokens(QStringLiteral("erin"));
    QVERIFY(listed && listed->size() == 1);
    QVERIFY(admin.revokeToken(token->token.id));
    Result<std::shared_ptr<remote::RemoteRegistry>> revoked
        = remote::RemoteRegistry::connect(m_server->connection(token->secret));
    QVERIFY(!revoked);
    QCOMPARE(revoked.error().code(), ErrorCode::Unauthenticated);
    // An expiry in the past is refused by the engine.
    Result<NewToken> past = admin.createToken(QStringLiteral("erin"), QStringLiteral("old"), Scope::Read, 1000);
    QVERIFY(!past);
}

void AdminApiTest::collectionSettingsAndMembers()
{
    remote::AdminClient admin = m_admin->admin();
    Result<CollectionRecord> created = admin.createCollection(QStringLiteral("team-x"), QStringLiteral("X"), true);
    QVERIFY2(created, qPrintable(created ? QString() : created.error().message()));
    QVERIFY(created->isPrivate);
    CollectionUpdate update;
    update.description = QStringLiteral("Team X images");
    update.isPrivate = false;
    update.quotaBytes = std::optional<qint64>(10 << 20);
    Result<CollectionRecord> updated = admin.updateCollection(QStringLiteral("team-x"), update);
    QVERIFY(updated);
    QCOMPARE(updated->description, QStringLiteral("Team X images"));
    QVERIFY(!updated->isPrivate);
    QCOMPARE(updated->quotaBytes.value_or(-1), qint64(10 << 20));
    update = {};
    update.quotaBytes = std::optional<qint64>();
    QVERIFY(!admin.updateCollection(QStringLiteral("team-x"), update)->quotaBytes);

    QVERIFY(admin.addUser(QStringLiteral("frank"), false, {}, {}));
    QVERIFY(admin.setMember(QStringLiteral("team-x"), QStringLiteral("frank"), false, QStringLiteral("owner")));
    Result<QList<CollectionMemberRecord>> members = admin.members(QStringLiteral("team-x"));
    QVERIFY(members);
    bool owner = false;
    for (const CollectionMemberRecord& member : *members)
        owner = owner || (member.name == u"frank" && member.owner);
    QVERIFY(owner);
    QVERIFY(admin.deleteCollection(QStringLiteral("team-x")));
    Result<CollectionRecord> gone = admin.collection(QStringLiteral("team-x"));
    QVERIFY(!gone);
    QCOMPARE(gone.error().code(), ErrorCode::NotFound);
}

void AdminApiTest::tagsFreezeAndDelete()
{
    remote::AdminClient admin = m_admin->admin();
    Result<QList<TagRecord>> tags = admin.allTags(QStringLiteral("lab"));
    QVERIFY(tags && tags->size() == 2);
    const ImageRecord v1 = tags->front().image;
    Result<TagRecord> stable = admin.setTag(v1.id, QStringLiteral("stable"), {});
    QVERIFY2(stable, qPrintable(stable ? QString() : stable.error().message()));
    QCOMPARE(stable->image.digest, v1.digest);
    ImageRef ref;
    ref.collection = QStringLiteral("lab");
    ref.container = QStringLiteral("tool");
    ref.tag = QStringLiteral("stable");
    QVERIFY(admin.setFrozen(ref, true, {}));
    const Status refused = admin.remove(ref, {});
    QVERIFY(!refused);
    QCOMPARE(refused.error().code(), ErrorCode::Frozen);
    QVERIFY(admin.setFrozen(ref, false, {}));
    QVERIFY(admin.remove(ref, {}));
    QCOMPARE(admin.allTags(QStringLiteral("lab"))->size(), 2);
    Result<QJsonObject> metadata = admin.metadata(v1.id);
    QVERIFY(metadata && metadata->contains(QStringLiteral("header")));
}

void AdminApiTest::auditStorageGcVerify()
{
    remote::AdminClient admin = m_admin->admin();
    AuditQuery query;
    query.action = QStringLiteral("tag.freeze");
    Result<QList<AuditEventRecord>> events = admin.audit(query);
    QVERIFY2(events, qPrintable(events ? QString() : events.error().message()));
    QVERIFY(!events->isEmpty());
    QCOMPARE(events->front().actor, QStringLiteral("alice"));
    query = {};
    query.limit = 3;
    Result<QList<AuditEventRecord>> page = admin.audit(query);
    QVERIFY(page && page->size() == 3);
    query.beforeId = page->back().id;
    Result<QList<AuditEventRecord>> older = admin.audit(query);
    QVERIFY(older && !older->isEmpty() && older->front().id < page->back().id);

    Result<StorageUsage> usage = admin.storage();
    QVERIFY(usage);
    QVERIFY(usage->referencedBytes > 0);
    Result<GcReport> gc = admin.collectGarbage(true);
    QVERIFY(gc && gc->dryRun);
    Result<VerifyReport> verify = admin.verify();
    QVERIFY(verify && verify->ok());
    QVERIFY(verify->blobsChecked >= 2);
}

void AdminApiTest::callersOnlyGetWhatTheEngineAllows()
{
    // Anonymous: browsing public collections yes, changing anything no (401).
    auto anonymous = m_server->connect({});
    QVERIFY(anonymous->admin().collections({}));
    Result<CollectionRecord> made = anonymous->admin().createCollection(QStringLiteral("nope"), {}, false);
    QVERIFY(!made);
    QCOMPARE(made.error().code(), ErrorCode::Unauthenticated);
    // A plain user: its own business only.
    const QString token = m_server->process().addUserWithToken(QStringLiteral("gina"), QStringLiteral("push"));
    auto gina = m_server->connect(token);
    QVERIFY(gina);
    QCOMPARE(gina->admin().audit({}).error().code(), ErrorCode::PermissionDenied);
    QCOMPARE(gina->admin().collectGarbage(false).error().code(), ErrorCode::PermissionDenied);
    QCOMPARE(gina->admin().addUser(QStringLiteral("x"), true, {}, {}).error().code(), ErrorCode::PermissionDenied);
    QCOMPARE(gina->admin().tokens(QStringLiteral("alice")).error().code(), ErrorCode::PermissionDenied);
    // Malformed input: a 400 with a reason, not a crash or a silent default.
    remote::RemoteRequest request;
    request.method = "PATCH";
    request.target = QStringLiteral("/admin/v1/collections/lab");
    request.body = "{\"private\": \"yes\"}";
    Result<remote::RemoteReply> reply = m_admin->http().send(request);
    QVERIFY(reply);
    QCOMPARE(reply->status, 400);
    QVERIFY(reply->json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().contains(
        QStringLiteral("private")));
}

QTEST_GUILESS_MAIN(AdminApiTest)
#include "AdminApiTest.moc"
