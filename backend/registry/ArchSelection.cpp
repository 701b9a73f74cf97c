#include "ArchSelection.h"

#include <QSysInfo>

namespace sreg::ArchSelection {

QString hostArch()
{
    const QString cpu = QSysInfo::currentCpuArchitecture();
    if (cpu == u"x86_64")
        return QStringLiteral("amd64");
    if (cpu == u"i386")
        return QStringLiteral("386");
    if (cpu == u"arm")
        return QStringLiteral("arm");
    if (cpu == u"power64")
        return QStringLiteral("ppc64le");
    return cpu; // arm64, riscv64, s390x, mips64 ... already match
}

std::optional<int> choose(const QList<TagRecord>& candidates, const QString& requested)
{
    if (candidates.isEmpty())
        return std::nullopt;
    if (!requested.isEmpty()) {
        for (int i = 0; i < candidates.size(); ++i) {
            if (candidates[i].arch == requested)
                return i;
        }
        for (int i = 0; i < candidates.size(); ++i) {
            if (candidates[i].arch == u"unknown" || candidates[i].arch.isEmpty())
                return i;
        }
        return std::nullopt;
    }
    if (candidates.size() == 1)
        return 0;
    const QString host = hostArch();
    for (int i = 0; i < candidates.size(); ++i) {
        if (candidates[i].arch == host)
            return i;
    }
    int newest = 0;
    for (int i = 1; i < candidates.size(); ++i) {
        if (candidates[i].updatedAt > candidates[newest].updatedAt)
            newest = i;
    }
    return newest;
}

} // namespace sreg::ArchSelection
