#pragma once

#include "RegistrySource.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <functional>

namespace sreg {

// Base of the administration models: a table filled asynchronously from a RegistrySource. Reloads never reset
// the model; rows are matched by key so that selections and scroll positions survive a refresh, and views see
// precise inserts, removes and dataChanged.
class SourceTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // Called when an operation the model started has finished: an empty message on success, else why it failed.
    using Done = std::function<void(const QString& error)>;

    RegistrySource* source() const { return m_source; }
    bool isLoading() const { return m_loading; }
    QString lastError() const { return m_lastError; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;

public Q_SLOTS:
    virtual void reload() = 0;
    // Reloads a moment later, once: a burst of change signals (pushes while serving) costs one reload.
    void scheduleReload();

Q_SIGNALS:
    void loadingChanged(bool loading);
    void reloaded();
    void errorOccurred(const QString& message);

protected:
    SourceTableModel(RegistrySource* source, int columnCount, QObject* parent);

    virtual int rows() const = 0;
    // True for an index of this (flat) table; quiet, unlike checkIndex, for the invalid indexes views pass.
    bool isRowIndex(const QModelIndex& index) const;

    // Starts a load; the returned generation tells a late answer of an older load from the current one.
    quint64 beginLoad();
    bool isCurrent(quint64 generation) const { return generation == m_generation; }
    // Ends the current load; a non-empty error is reported through errorOccurred.
    void endLoad(const QString& error = {});
    // Reports the outcome of an operation to done and, when it failed, through errorOccurred.
    void finish(const Done& done, const QString& error);

    // Makes rows equal to fresh (in fresh's order) with the fewest model signals. Falls back to a reset only
    // when the surviving rows changed their relative order.
    template<typename T, typename KeyOf, typename Same>
    void replaceRows(QList<T>& rows, const QList<T>& fresh, KeyOf keyOf, Same same);

    // For tables of named records (users, teams, collections): the row of a name (-1 if absent), every name.
    template<typename T>
    static int rowOfName(const QList<T>& rows, const QString& name)
    {
        for (int i = 0; i < rows.size(); ++i) {
            if (rows.at(i).name == name)
                return i;
        }
        return -1;
    }
    template<typename T>
    static QStringList namesOf(const QList<T>& rows)
    {
        QStringList names;
        names.reserve(rows.size());
        for (const T& row : rows)
            names.append(row.name);
        return names;
    }

private:
    QPointer<RegistrySource> m_source;
    QTimer m_reloadTimer;
    int m_columnCount = 0;
    quint64 m_generation = 0;
    bool m_loading = false;
    QString m_lastError;
};

template<typename T, typename KeyOf, typename Same>
void SourceTableModel::replaceRows(QList<T>& rows, const QList<T>& fresh, KeyOf keyOf, Same same)
{
    using Key = decltype(keyOf(fresh.front()));
    QHash<Key, int> freshIndex;
    for (int i = 0; i < fresh.size(); ++i)
        freshIndex.insert(keyOf(fresh.at(i)), i);

    // Remove what is gone, bottom-up in contiguous runs.
    for (int end = int(rows.size()) - 1; end >= 0;) {
        if (freshIndex.contains(keyOf(rows.at(end)))) {
            --end;
            continue;
        }
        int begin = end;
        while (begin > 0 && !freshIndex.contains(keyOf(rows.at(begin - 1))))
            --begin;
        beginRemoveRows({}, begin, end);
        rows.remove(begin, end - begin + 1);
        endRemoveRows();
        end = begin - 1;
    }

    int previous = -1;
    for (const T& row : rows) {
        const int position = freshIndex.value(keyOf(row));
        if (position < previous) {
            beginResetModel();
            rows = fresh;
            endResetModel();
            return;
        }
        previous = position;
    }

    // The survivors are in fresh's order: walk both, inserting what is new and refreshing what changed.
    for (int i = 0; i < fresh.size(); ++i) {
        if (i < rows.size() && keyOf(rows.at(i)) == keyOf(fresh.at(i))) {
            if (!same(rows.at(i), fresh.at(i))) {
                rows[i] = fresh.at(i);
                Q_EMIT dataChanged(index(i, 0), index(i, columnCount() - 1));
            }
            continue;
        }
        beginInsertRows({}, i, i);
        rows.insert(i, fresh.at(i));
        endInsertRows();
    }
}

} // namespace sreg
