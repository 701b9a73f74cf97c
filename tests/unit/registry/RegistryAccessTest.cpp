#include "TempRegistry.h"
#include "TestSupport.h"
#include "common/Clock.h"
#include "common/Sha256.h"
#include "metadata/Database.h"
#include "metadata/Sql.h"
#include "registry/AccountService.h"
#include "registry/AuditLog.h"
#include "registry/CollectionService.h"
#include "registry/ImageService.h"

#include <QRandomGenerator>
#include <QTest>

#include <thread>

using namespace sreg;
using namespace sreg::test;

// Users, tokens, authentication, who sees what, and the audit trail of it all.
class RegistryAccessTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void tokenSecretIsShownOnceAndOnlyItsHashIsStored();
    void bearerTokensExpireAndRevoke();
    void disabledUsersCannotAuthenticate();
    void hmacAcceptsAnyOfTheOfferedPayloads();
    void privateCollectionsAreInvisibleToStrangers();
    void contributorsPushOnlyWhenAllowed();
    void ownersManageMembersButNotTheLastOwner();
    void nonAdminsCannotManageUsers();
    void auditRecordsSuccessesAndRefusals();
    void auditCsvEscapes();

private:
    Actor login(const QString& user, Scopes scopes = Scope::Admin);
    std::unique_ptr<TempRegistry> m_temp;
};

void RegistryAccessTest::init()
{
    m_temp = std::make_unique<TempRegistry>();
    QVERIFY(m_temp->isOpen());
    AccountService& accounts = m_temp->registry().accounts();
    QVERIFY(accounts.addUser(Actor::local(), "alice").ok());
    QVERIFY(accounts.addUser(Actor::local(), "bob").ok());
    QVERIFY(accounts.addUser(Actor::local(), "carol", true).ok());
}

void RegistryAccessTest::cleanup()
{
    m_temp.reset();
}

Actor RegistryAccessTest::login(const QString& user, Scopes scopes)
{
    Result<NewToken> token = m_temp->registry().accounts().createToken(
        Actor::local(), user, QStringLiteral("t-%1").arg(QRandomGenerator::global()->generate()), scopes);
    if (!token)
        return Actor::anonymous();
    Result<Actor> actor = m_temp->registry().accounts().authenticateBearer(token->secret);
    return actor ? *actor : Actor::anonymous();
}

void RegistryAccessTest::tokenSecretIsShownOnceAndOnlyItsHashIsStored()
{
    AccountService& accounts = m_temp->registry().accounts();
    Result<NewToken> token = accounts.createToken(Actor::local(), "alice", "laptop", Scope::Push);
    QVERIFY(token.ok());
    QVERIFY(token->secret.startsWith(QStringLiteral("sreg_")));
    QCOMPARE(token->token.scopes, (QStringList { "read", "push" }));
    // Nothing in the database file contains the secret.
    m_temp->close();
    const QByteArray database = readFile(m_temp->dataDir() + QStringLiteral("/registry.db"))
        + readFile(m_temp->dataDir() + QStringLiteral("/registry.db-wal"));
    QVERIFY(!database.contains(token->secret.toUtf8()));
    QVERIFY(m_temp->reopen());
    Result<QList<TokenRecord>> listed = m_temp->registry().accounts().tokens(Actor::local(), "alice");
    QVERIFY(listed.ok());
    QCOMPARE(listed->size(), 1);
    QCOMPARE(listed->front().name, QStringLiteral("laptop"));
    QVERIFY(!listed->front().lastUsedAt);
    Result<Actor> actor = m_temp->registry().accounts().authenticateBearer(token->secret);
    QVERIFY(actor.ok());
    QCOMPARE(actor->name, QStringLiteral("alice"));
    QVERIFY(actor->scopes.testFlag(Scope::Push));
    QVERIFY(!actor->scopes.testFlag(Scope::Admin));
    QVERIFY(m_temp->registry().accounts().tokens(Actor::local(), "alice")->front().lastUsedAt);
    // Same name twice is refused; a tampered secret is not a token.
    QCOMPARE(m_temp->registry().accounts().createToken(Actor::local(), "alice", "laptop", Scope::Read).error().code(),
        ErrorCode::AlreadyExists);
    QString tampered = token->secret;
    tampered[tampered.size() - 1] = tampered.back() == u'a' ? u'b' : u'a';
    QCOMPARE(m_temp->registry().accounts().authenticateBearer(tampered).error().code(), ErrorCode::Unauthenticated);
}

void RegistryAccessTest::bearerTokensExpireAndRevoke()
{
    AccountService& accounts = m_temp->registry().accounts();
    Result<NewToken> shortLived = accounts.createToken(Actor::local(), "alice", "ci", Scope::Read, nowMs() + 150);
    QVERIFY(shortLived.ok());
    QVERIFY(accounts.authenticateBearer(shortLived->secret).ok());
    QTest::qWait(300);
    Result<Actor> expired = accounts.authenticateBearer(shortLived->secret);
    QCOMPARE(expired.error().code(), ErrorCode::Unauthenticated);
    QVERIFY(expired.error().message().contains(QStringLiteral("expired")));

    Result<NewToken> token = accounts.createToken(Actor::local(), "alice", "laptop", Scope::Read);
    QVERIFY(accounts.authenticateBearer(token->secret).ok());
    QVERIFY(accounts.revokeToken(Actor::local(), token->token.id).ok());
    Result<Actor> revoked = accounts.authenticateBearer(token->secret);
    QCOMPARE(revoked.error().code(), ErrorCode::Unauthenticated);
    QVERIFY(revoked.error().message().contains(QStringLiteral("revoked")));
    // Bob may not revoke Alice's token; Alice may revoke her own.
    Result<NewToken> other = accounts.createToken(Actor::local(), "alice", "other", Scope::Read);
    QCOMPARE(accounts.revokeToken(login("bob"), other->token.id).error().code(), ErrorCode::PermissionDenied);
    QVERIFY(accounts.revokeToken(login("alice"), other->token.id).ok());
    QVERIFY(accounts.createToken(Actor::local(), "alice", "past", Scope::Read, nowMs() - 1000).error().code()
        == ErrorCode::InvalidArgument);
}

void RegistryAccessTest::disabledUsersCannotAuthenticate()
{
    AccountService& accounts = m_temp->registry().accounts();
    Result<NewToken> token = accounts.createToken(Actor::local(), "alice", "laptop", Scope::Read);
    QVERIFY(accounts.setActive(Actor::local(), "alice", false).ok());
    QCOMPARE(accounts.authenticateBearer(token->secret).error().code(), ErrorCode::Unauthenticated);
    QVERIFY(accounts.setActive(Actor::local(), "alice", true).ok());
    QVERIFY(accounts.authenticateBearer(token->secret).ok());
}

void RegistryAccessTest::hmacAcceptsAnyOfTheOfferedPayloads()
{
    AccountService& accounts = m_temp->registry().accounts();
    Result<NewToken> token = accounts.createToken(Actor::local(), "alice", "cli", Scope::Push);
    const QByteArray previousHour = "push|lab|20261130T03Z|tool|latest|";
    const QByteArray currentHour = "push|lab|20261130T04Z|tool|latest|";
    const QByteArray signature = Sha256::hmac(token->secret.toUtf8(), previousHour).toHex();
    Result<Actor> actor = accounts.authenticateHmac("alice", { currentHour, previousHour }, signature);
    QVERIFY(actor.ok());
    QCOMPARE(actor->name, QStringLiteral("alice"));
    QVERIFY(!accounts.authenticateHmac("alice", { currentHour }, signature).ok());
    QVERIFY(!accounts.authenticateHmac("bob", { previousHour }, signature).ok());
    QVERIFY(accounts.revokeToken(Actor::local(), token->token.id).ok());
    QVERIFY(!accounts.authenticateHmac("alice", { previousHour }, signature).ok());
}

void RegistryAccessTest::privateCollectionsAreInvisibleToStrangers()
{
    CollectionService& collections = m_temp->registry().collections();
    const Actor alice = login("alice");
    QVERIFY(collections.create(alice, "secret", {}, true).ok());
    QVERIFY(collections.create(alice, "open", {}, false).ok());
    PushRequest request;
    request.collection = "secret";
    request.container = "tool";
    request.tags = { "v1" };
    QVERIFY(m_temp->registry().images().pushFile(alice, fixture("singularity-like.sif"), request).ok());

    for (const Actor& stranger : { Actor::anonymous(), login("bob") }) {
        Result<QList<CollectionRecord>> visible = collections.list(stranger);
        QVERIFY(visible.ok());
        QCOMPARE(visible->size(), 1);
        QCOMPARE(visible->front().name, QStringLiteral("open"));
        QCOMPARE(collections.get(stranger, "secret").error().code(), ErrorCode::NotFound);
        QCOMPARE(m_temp->registry().images().resolve(stranger, *ImageRef::parse("secret/tool:v1")).error().code(),
            ErrorCode::NotFound);
        Result<SearchResults> found = m_temp->registry().images().search(stranger, { .text = "tool" });
        QVERIFY(found.ok());
        QVERIFY(found->images.isEmpty());
    }
    QCOMPARE(collections.list(alice)->size(), 2);
    QCOMPARE(collections.list(login("carol"))->size(), 2); // admins see everything
    QVERIFY(collections.setMember(alice, "secret", "bob", false, "contributor").ok());
    QVERIFY(m_temp->registry().images().resolve(login("bob"), *ImageRef::parse("secret/tool:v1")).ok());
}

void RegistryAccessTest::contributorsPushOnlyWhenAllowed()
{
    CollectionService& collections = m_temp->registry().collections();
    const Actor alice = login("alice");
    const Actor bob = login("bob", Scope::Push);
    QVERIFY(collections.create(alice, "lab").ok());
    QVERIFY(collections.setMember(alice, "lab", "bob", false, "contributor").ok());
    PushRequest request;
    request.collection = "lab";
    request.container = "tool";
    request.tags = { "v1" };
    const QString before = m_temp->snapshot();
    Result<ImageRecord> refused = m_temp->registry().images().pushFile(bob, fixture("singularity-like.sif"), request);
    QCOMPARE(refused.error().code(), ErrorCode::PermissionDenied);
    QCOMPARE(m_temp->snapshot(), before);
    CollectionUpdate update;
    update.contributorsCanPush = true;
    QVERIFY(collections.update(alice, "lab", update).ok());
    QVERIFY(m_temp->registry().images().pushFile(bob, fixture("singularity-like.sif"), request).ok());
    // Contributors still may not delete or freeze.
    QCOMPARE(m_temp->registry().images().remove(bob, *ImageRef::parse("lab/tool:v1")).error().code(),
        ErrorCode::PermissionDenied);
    // An anonymous caller is told to authenticate.
    QCOMPARE(m_temp->registry().images().pushFile(Actor::anonymous(), fixture("singularity-like.sif"), request).error().code(),
        ErrorCode::Unauthenticated);
}

void RegistryAccessTest::ownersManageMembersButNotTheLastOwner()
{
    CollectionService& collections = m_temp->registry().collections();
    const Actor alice = login("alice");
    QVERIFY(collections.create(alice, "lab").ok());
    QCOMPARE(collections.setMember(alice, "lab", "alice", false, "contributor").error().code(), ErrorCode::InvalidArgument);
    QVERIFY(collections.setMember(alice, "lab", "bob", false, "owner").ok());
    QVERIFY(collections.setMember(alice, "lab", "alice", false, "").ok());
    QCOMPARE(collections.setMember(alice, "lab", "bob", false, "").error().code(), ErrorCode::PermissionDenied);
    Result<QList<CollectionMemberRecord>> members = collections.members(login("bob"), "lab");
    QCOMPARE(members->size(), 1);
    QCOMPARE(members->front().name, QStringLiteral("bob"));
    // Teams hold roles too.
    AccountService& accounts = m_temp->registry().accounts();
    QVERIFY(accounts.createTeam(Actor::local(), "hpc").ok());
    QVERIFY(accounts.setTeamMember(Actor::local(), "hpc", "alice", "member").ok());
    QVERIFY(collections.setMember(login("bob"), "lab", "hpc", true, "owner").ok());
    QVERIFY(collections.update(login("alice"), "lab", { .description = QStringLiteral("via team") }).ok());
}

void RegistryAccessTest::nonAdminsCannotManageUsers()
{
    AccountService& accounts = m_temp->registry().accounts();
    QCOMPARE(accounts.addUser(login("alice"), "mallory").error().code(), ErrorCode::PermissionDenied);
    QCOMPARE(accounts.setAdmin(login("alice"), "alice", true).error().code(), ErrorCode::PermissionDenied);
    QCOMPARE(accounts.addUser(Actor::anonymous(), "mallory").error().code(), ErrorCode::Unauthenticated);
    QVERIFY(accounts.addUser(login("carol"), "dave").ok());
    QCOMPARE(accounts.addUser(Actor::local(), "dave").error().code(), ErrorCode::AlreadyExists);
    QCOMPARE(accounts.addUser(Actor::local(), "Dave").error().code(), ErrorCode::InvalidName);
    QCOMPARE(accounts.createToken(login("alice"), "bob", "x", Scope::Read).error().code(), ErrorCode::PermissionDenied);
    QVERIFY(accounts.createToken(login("alice"), "alice", "mine", Scope::Read).ok());
}

void RegistryAccessTest::auditRecordsSuccessesAndRefusals()
{
    const Actor alice = login("alice");
    QVERIFY(m_temp->registry().collections().create(alice, "lab").ok());
    QVERIFY(!m_temp->registry().collections().remove(login("bob"), "lab").ok());
    QVERIFY(!m_temp->registry().accounts().addUser(alice, "eve").ok());
    Result<QList<AuditEventRecord>> events = m_temp->registry().audit().query(Actor::local(), {});
    QVERIFY(events.ok());
    auto find = [&](const QString& action, const QString& actor) -> const AuditEventRecord* {
        for (const AuditEventRecord& event : *events) {
            if (event.action == action && event.actor == actor)
                return &event;
        }
        return nullptr;
    };
    const AuditEventRecord* created = find("collection.create", "alice");
    QVERIFY(created);
    QCOMPARE(created->outcome, QStringLiteral("ok"));
    QCOMPARE(created->object, QStringLiteral("lab"));
    const AuditEventRecord* deleted = find("collection.delete", "bob");
    QVERIFY(deleted);
    QCOMPARE(deleted->outcome, QStringLiteral("denied"));
    QVERIFY(find("user.add", "alice"));
    QVERIFY(find("token.create", "local:" + Actor::local().name));
    // Only admins read it; filters work.
    QCOMPARE(m_temp->registry().audit().query(alice, {}).error().code(), ErrorCode::PermissionDenied);
    Result<QList<AuditEventRecord>> onlyBob = m_temp->registry().audit().query(Actor::local(), { .actor = "bob" });
    QCOMPARE(onlyBob->size(), 1);
}

void RegistryAccessTest::auditCsvEscapes()
{
    AuditEventRecord event;
    event.at = 1700000000000;
    event.actor = "alice";
    event.action = "image.push";
    event.objectType = "image";
    event.object = "lab/tool:v1";
    event.outcome = "failed";
    event.detail = "said \"no\", twice\n=cmd";
    const QByteArray csv = AuditLog::toCsv({ event });
    QCOMPARE(csv,
        QByteArray("time,actor,action,object_type,object,outcome,detail\r\n"
                   "2023-11-14T22:13:20.000Z,alice,image.push,image,lab/tool:v1,failed,\"said \"\"no\"\", twice\n=cmd\"\r\n"));
}

QTEST_GUILESS_MAIN(RegistryAccessTest)
#include "RegistryAccessTest.moc"
