#include "SourceTableModel.h"

namespace sreg {

SourceTableModel::SourceTableModel(RegistrySource* source, int columnCount, QObject* parent)
    : QAbstractTableModel(parent), m_source(source), m_columnCount(columnCount)
{
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(250);
    connect(&m_reloadTimer, &QTimer::timeout, this, &SourceTableModel::reload);
}

void SourceTableModel::scheduleReload()
{
    m_reloadTimer.start();
}

int SourceTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : rows();
}

int SourceTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_columnCount;
}

bool SourceTableModel::isRowIndex(const QModelIndex& index) const
{
    return index.isValid() && index.model() == this && !index.parent().isValid() && index.row() < rows()
        && index.column() < m_columnCount;
}

quint64 SourceTableModel::beginLoad()
{
    if (!m_loading) {
        m_loading = true;
        Q_EMIT loadingChanged(true);
    }
    return ++m_generation;
}

void SourceTableModel::endLoad(const QString& error)
{
    m_lastError = error;
    if (m_loading) {
        m_loading = false;
        Q_EMIT loadingChanged(false);
    }
    if (!error.isEmpty())
        Q_EMIT errorOccurred(error);
    Q_EMIT reloaded();
}

void SourceTableModel::finish(const Done& done, const QString& error)
{
    if (!error.isEmpty())
        Q_EMIT errorOccurred(error);
    if (done)
        done(error);
}

} // namespace sreg
