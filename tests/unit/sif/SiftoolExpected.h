#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace sreg::test {

// One fixture's expected/<name>.txt: what Debian's siftool 2.8.3 printed for header, list, info N and
// dump N (README "Using these in tests"), parsed into fields so tests can compare them with the reader.
struct SiftoolExpected final
{
    struct Command
    {
        QStringList lines; // output lines, raw
        int exitCode = -1;
        QString error; // the "Error: ..." line, if any
    };
    struct ListRow
    {
        QString id, group, link, type;
        qint64 start = 0, end = 0;
    };
    struct Dump
    {
        QString sha256;
        qint64 bytes = 0;
        int exitCode = -1;
        QString error;
    };

    QString fixture;
    qint64 size = -1;
    QString sha256;
    Command header;
    QMap<QString, QString> headerFields;
    Command list;
    QList<ListRow> rows;
    QMap<quint32, Command> info;
    QMap<quint32, QMap<QString, QString>> infoFields;
    QMap<quint32, Dump> dumps;

    static SiftoolExpected parse(const QByteArray& text);
    // "2023-11-14 22:13:20 +0000 UTC", as siftool prints times.
    static QString siftoolTime(qint64 seconds);
    // "27 KiB", "152 B": siftool's rounding to 1024 steps.
    static QString siftoolSize(qint64 bytes);
};

} // namespace sreg::test
