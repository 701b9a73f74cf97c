#include "TokensModel.h"

#include "AdminFormat.h"
#include "registry/RecordJson.h"

#include <QDateTime>
#include <QLocale>
#include <limits>

namespace sreg {

TokensModel::TokensModel(RegistrySource* source, QObject* parent) : SourceTableModel(source, ColumnCount, parent)
{
    if (source)
        connect(source, &RegistrySource::accountsChanged, this, &TokensModel::scheduleReload);
}

TokensModel::TokenState TokensModel::stateOf(const TokenRecord& token, qint64 nowMs)
{
    if (token.revokedAt)
        return TokenState::Revoked;
    if (token.expiresAt && *token.expiresAt <= nowMs)
        return TokenState::Expired;
    return TokenState::Active;
}

QVariant TokensModel::data(const QModelIndex& index, int role) const
{
    if (!isRowIndex(index))
        return {};
    const TokenRecord& row = m_rows.at(index.row());
    const TokenState state = stateOf(row, QDateTime::currentMSecsSinceEpoch());
    switch (role) {
    case IdRole:
        return row.id;
    case StateRole:
        return QVariant::fromValue(state);
    case RecordRole:
        return QVariant::fromValue(row);
    case SortRole:
        switch (index.column()) {
        case CreatedColumn:
            return row.createdAt;
        case ExpiresColumn:
            return row.expiresAt.value_or(std::numeric_limits<qint64>::max());
        case LastUsedColumn:
            return row.lastUsedAt.value_or(0);
        case StateColumn:
            return int(state);
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        if (index.column() == NameColumn)
            return tr("Public id %1").arg(row.publicId);
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return row.name;
        case ScopesColumn:
            return QLocale().createSeparatedList(row.scopes);
        case CreatedColumn:
            return AdminFormat::dateTime(row.createdAt);
        case ExpiresColumn:
            return AdminFormat::optionalDateTime(row.expiresAt, tr("Never"));
        case LastUsedColumn:
            return AdminFormat::optionalDateTime(row.lastUsedAt, tr("Never used"));
        case StateColumn:
            switch (state) {
            case TokenState::Active:
                return tr("Active");
            case TokenState::Expired:
                return tr("Expired");
            case TokenState::Revoked:
                return tr("Revoked %1").arg(AdminFormat::date(*row.revokedAt));
            }
        }
        return {};
    }
    return {};
}

QVariant TokensModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Token");
    case ScopesColumn:
        return tr("Scopes");
    case CreatedColumn:
        return tr("Created");
    case ExpiresColumn:
        return tr("Expires");
    case LastUsedColumn:
        return tr("Last used");
    case StateColumn:
        return tr("State");
    }
    return {};
}

void TokensModel::setUser(const QString& user)
{
    if (user == m_user)
        return;
    m_user = user;
    // A different user's tokens share nothing with the rows shown: start from an empty table.
    if (!m_rows.isEmpty()) {
        beginResetModel();
        m_rows.clear();
        endResetModel();
    }
    reload();
}

TokenRecord TokensModel::token(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : TokenRecord {};
}

int TokensModel::rowOfId(qint64 id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return i;
    }
    return -1;
}

void TokensModel::reload()
{
    if (!source() || m_user.isEmpty())
        return;
    const quint64 generation = beginLoad();
    const QString user = m_user;
    source()->tokens(user, this, [this, generation, user](Result<QList<TokenRecord>> tokens) {
        if (!isCurrent(generation))
            return;
        if (!tokens)
            return endLoad(tr("Could not list %1's tokens: %2").arg(user, tokens.error().message()));
        replaceRows(
            m_rows, tokens.value(), [](const TokenRecord& r) { return r.id; },
            [](const TokenRecord& a, const TokenRecord& b) { return RecordJson::toJson(a) == RecordJson::toJson(b); });
        endLoad();
    });
}

void TokensModel::create(const QString& name, Scopes scopes, std::optional<qint64> expiresAt, const Created& created)
{
    const QString user = m_user;
    source()->createToken(user, name, scopes, expiresAt, this, [this, user, name, created](Result<NewToken> token) {
        if (token)
            reload();
        else
            Q_EMIT errorOccurred(tr("Could not create token %1 for %2: %3").arg(name, user, token.error().message()));
        if (created)
            created(std::move(token));
    });
}

void TokensModel::revoke(qint64 tokenId, const Done& done)
{
    source()->revokeToken(tokenId, this, [this, done](Result<bool> revoked) {
        if (revoked)
            reload();
        finish(done, revoked ? QString() : tr("Could not revoke the token: %1").arg(revoked.error().message()));
    });
}

} // namespace sreg
