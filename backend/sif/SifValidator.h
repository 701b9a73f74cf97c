#pragma once

#include "SifImageContent.h"

namespace sreg::sif {

// Judges a parsed image (reference/sif-format.md §9 items 6-13): per-object damage is recorded as an Error
// problem and makes the object unreadable, odd-but-valid states (setprim's arch bug, a data size left stale
// by delete/add) are Warnings. Never fails and never reads an object outside its checked range.
class SifValidator final
{
public:
    static void validate(SifImageContent& content);

private:
    explicit SifValidator(SifImageContent& content);
    void run();
    void checkHeader();
    void checkFields(int index);
    void checkRange(int index);
    void checkOverlaps();
    void checkDuplicateIds();
    void checkLinks();
    void checkPartitions();
    void checkContent(int index);
    void checkDataSize();
    void flag(int index, const QString& message);
    void warn(int index, const QString& message);
    QString where(int index) const;

    SifImageContent& m_content;
    qint64 m_tableStart = 0;
    qint64 m_tableEnd = 0;
};

} // namespace sreg::sif
