#pragma once

#include "SourceTableModel.h"
#include "registry/AccountService.h"

namespace sreg {

// The tokens of one user: scopes, dates, last use and state. The secret of a new token is handed to the
// caller of create() once and never kept here.
class TokensModel final : public SourceTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        ScopesColumn,
        CreatedColumn,
        ExpiresColumn,
        LastUsedColumn,
        StateColumn,
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        StateRole, // TokenState
        SortRole,
        RecordRole, // QVariant<TokenRecord>
    };
    enum class TokenState
    {
        Active,
        Expired,
        Revoked,
    };
    Q_ENUM(TokenState)

    using Created = std::function<void(Result<NewToken>)>;

    explicit TokensModel(RegistrySource* source, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QString user() const { return m_user; }
    void setUser(const QString& user);
    TokenRecord token(int row) const;
    int rowOfId(qint64 id) const;
    static TokenState stateOf(const TokenRecord& token, qint64 nowMs);

    // expiresAt: Unix ms, or nullopt for a token that never expires.
    void create(const QString& name, Scopes scopes, std::optional<qint64> expiresAt, const Created& created);
    void revoke(qint64 tokenId, const Done& done = {});

public Q_SLOTS:
    void reload() override;

protected:
    int rows() const override { return int(m_rows.size()); }

private:
    QString m_user;
    QList<TokenRecord> m_rows;
};

} // namespace sreg
