#include "SiftoolExpected.h"

#include <QDateTime>
#include <QRegularExpression>
#include <cmath>

namespace sreg::test {

namespace {
// "  Key:   value" -> {Key, value}; values keep inner spaces.
QMap<QString, QString> fields(const QStringList& lines)
{
    QMap<QString, QString> map;
    for (const QString& line : lines) {
        const qsizetype colon = line.indexOf(u':');
        if (colon < 0)
            continue;
        map.insert(line.left(colon).trimmed(), line.mid(colon + 1).trimmed());
    }
    return map;
}
} // namespace

SiftoolExpected SiftoolExpected::parse(const QByteArray& text)
{
    SiftoolExpected expected;
    const QStringList lines = QString::fromUtf8(text).split(u'\n');
    static const QRegularExpression infoCommand(QStringLiteral("^\\$ siftool info (\\d+) "));
    static const QRegularExpression dumpCommand(QStringLiteral("^\\$ siftool dump (\\d+) "));
    static const QRegularExpression dumpResult(QStringLiteral("^([0-9a-f]{64})  bytes=(\\d+)$"));
    static const QRegularExpression row(
        QStringLiteral("^(\\S+)\\s*\\|(.*?)\\s*\\|(.*?)\\s*\\|(-?\\d+)-(-?\\d+)\\s*\\|(.*)$"));
    Command* current = nullptr;
    Dump* dump = nullptr;
    for (const QString& line : lines) {
        if (line.startsWith(QStringLiteral("# fixture: "))) {
            expected.fixture = line.mid(11).trimmed();
            continue;
        }
        if (line.startsWith(QStringLiteral("# size: "))) {
            expected.size = line.mid(8).toLongLong();
            continue;
        }
        if (line.startsWith(QStringLiteral("# sha256: "))) {
            expected.sha256 = line.mid(10).trimmed();
            continue;
        }
        if (line.startsWith(QStringLiteral("$ "))) {
            dump = nullptr;
            current = nullptr;
            if (line.startsWith(QStringLiteral("$ siftool header"))) {
                current = &expected.header;
            } else if (line.startsWith(QStringLiteral("$ siftool list"))) {
                current = &expected.list;
            } else if (const auto m = infoCommand.match(line); m.hasMatch()) {
                current = &expected.info[m.captured(1).toUInt()];
            } else if (const auto m = dumpCommand.match(line); m.hasMatch()) {
                dump = &expected.dumps[m.captured(1).toUInt()];
            }
            continue;
        }
        if (line.startsWith(QStringLiteral("[exit "))) {
            const int code = line.mid(6, line.size() - 7).toInt();
            if (current)
                current->exitCode = code;
            if (dump)
                dump->exitCode = code;
            current = nullptr;
            dump = nullptr;
            continue;
        }
        if (dump) {
            if (const auto m = dumpResult.match(line); m.hasMatch()) {
                dump->sha256 = m.captured(1);
                dump->bytes = m.captured(2).toLongLong();
            } else if (line.startsWith(QStringLiteral("Error: ")) && dump->error.isEmpty()) {
                dump->error = line.mid(7);
            }
            continue;
        }
        if (current) {
            if (line.startsWith(QStringLiteral("Error: ")) && current->error.isEmpty())
                current->error = line.mid(7);
            current->lines.append(line);
        }
    }
    if (expected.header.exitCode == 0)
        expected.headerFields = fields(expected.header.lines);
    if (expected.list.exitCode == 0) {
        for (const QString& line : expected.list.lines) {
            const auto m = row.match(line);
            if (!m.hasMatch() || m.captured(1) == QStringLiteral("ID"))
                continue;
            expected.rows.append(ListRow { m.captured(1), m.captured(2).trimmed(), m.captured(3).trimmed(),
                                           m.captured(6).trimmed(), m.captured(4).toLongLong(),
                                           m.captured(5).toLongLong() });
        }
    }
    for (auto it = expected.info.cbegin(); it != expected.info.cend(); ++it)
        if (it->exitCode == 0)
            expected.infoFields.insert(it.key(), fields(it->lines));
    return expected;
}

QString SiftoolExpected::siftoolTime(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
        + QStringLiteral(" +0000 UTC");
}

QString SiftoolExpected::siftoolSize(qint64 bytes)
{
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    const char units[] = "KMGTPE";
    qint64 divisor = 1024;
    int exponent = 0;
    for (qint64 n = bytes / 1024; n >= 1024; n /= 1024) {
        divisor *= 1024;
        ++exponent;
    }
    return QStringLiteral("%1 %2iB")
        .arg(qint64(std::nearbyint(double(bytes) / double(divisor))))
        .arg(QLatin1Char(units[exponent]));
}

} // namespace sreg::test
