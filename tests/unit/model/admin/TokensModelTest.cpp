#include "admin/TokensModel.h"

#include "FakeRegistrySource.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace sreg;

class TokensModelTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createListRevoke()
    {
        test::FakeRegistrySource source;
        source.addUserDirect(QStringLiteral("alice"));
        TokensModel model(&source);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reloaded(&model, &TokensModel::reloaded);
        model.setUser(QStringLiteral("alice"));
        QVERIFY(reloaded.wait());
        QCOMPARE(model.rowCount(), 0);

        QSignalSpy inserted(&model, &TokensModel::rowsInserted);
        std::optional<NewToken> created;
        const qint64 expiry = QDateTime::currentMSecsSinceEpoch() + 3600 * 1000;
        model.create(QStringLiteral("laptop"), Scope::Read | Scope::Push, expiry,
                     [&](Result<NewToken> token) { created = token.value(); });
        QTRY_VERIFY(created.has_value());
        QVERIFY(!created->secret.isEmpty());
        QTRY_COMPARE(inserted.count(), 1);
        QCOMPARE(model.index(0, TokensModel::NameColumn).data().toString(), QStringLiteral("laptop"));
        QCOMPARE(model.index(0, TokensModel::StateColumn).data().toString(), QStringLiteral("Active"));
        QCOMPARE(model.index(0, TokensModel::LastUsedColumn).data().toString(), QStringLiteral("Never used"));
        QVERIFY(model.index(0, TokensModel::ScopesColumn).data().toString().contains(QStringLiteral("push")));
        // The model never holds the secret.
        for (int column = 0; column < TokensModel::ColumnCount; ++column)
            QVERIFY(!model.index(0, column).data().toString().contains(created->secret));

        QSignalSpy changed(&model, &TokensModel::dataChanged);
        bool revoked = false;
        model.revoke(created->token.id, [&](const QString& error) { revoked = error.isEmpty(); });
        QTRY_VERIFY(revoked);
        QTRY_VERIFY(!changed.isEmpty());
        QCOMPARE(model.index(0, 0).data(TokensModel::StateRole).value<TokensModel::TokenState>(),
                 TokensModel::TokenState::Revoked);
    }

    void neverExpiringAndExpired()
    {
        TokenRecord token;
        token.expiresAt = std::nullopt;
        QCOMPARE(TokensModel::stateOf(token, 1000), TokensModel::TokenState::Active);
        token.expiresAt = 1000;
        QCOMPARE(TokensModel::stateOf(token, 999), TokensModel::TokenState::Active);
        QCOMPARE(TokensModel::stateOf(token, 1000), TokensModel::TokenState::Expired);
        token.revokedAt = 10;
        QCOMPARE(TokensModel::stateOf(token, 0), TokensModel::TokenState::Revoked);

        test::FakeRegistrySource source;
        source.addUserDirect(QStringLiteral("ci"));
        TokensModel model(&source);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setUser(QStringLiteral("ci"));
        bool done = false;
        model.create(QStringLiteral("pipeline"), Scope::Read, std::nullopt, [&](Result<NewToken>) { done = true; });
        QTRY_VERIFY(done);
        QTRY_COMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, TokensModel::ExpiresColumn).data().toString(), QStringLiteral("Never"));
    }

    void switchingUserShowsOnlyTheirs()
    {
        test::FakeRegistrySource source;
        source.addUserDirect(QStringLiteral("alice"));
        source.addUserDirect(QStringLiteral("bob"));
        TokensModel model(&source);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setUser(QStringLiteral("alice"));
        bool done = false;
        model.create(QStringLiteral("a1"), Scope::Read, std::nullopt, [&](Result<NewToken>) { done = true; });
        QTRY_VERIFY(done);
        QTRY_COMPARE(model.rowCount(), 1);
        QSignalSpy reset(&model, &TokensModel::modelReset);
        model.setUser(QStringLiteral("bob"));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 0);
        QTest::qWait(10);
        QCOMPARE(model.rowCount(), 0);

        QSignalSpy errors(&model, &TokensModel::errorOccurred);
        source.failNext(QStringLiteral("createToken"), Error(ErrorCode::PermissionDenied, QStringLiteral("no")));
        std::optional<bool> ok;
        model.create(QStringLiteral("b1"), Scope::Read, std::nullopt, [&](Result<NewToken> token) { ok = token.ok(); });
        QTRY_VERIFY(ok.has_value());
        QVERIFY(!*ok);
        QCOMPARE(errors.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TokensModelTest)
#include "TokensModelTest.moc"
