#pragma once

#include "CliCommand.h"

namespace sreg {

// freeze REF / unfreeze REF [--arch ARCH]: a frozen tag never moves and cannot be deleted.
class FreezeCommand final : public CliCommand
{
public:
    explicit FreezeCommand(bool freeze)
        : m_freeze(freeze)
    {
    }
    QString name() const override { return m_freeze ? QStringLiteral("freeze") : QStringLiteral("unfreeze"); }
    QString synopsis() const override { return name() + QStringLiteral(" REF [--arch ARCH]"); }
    int run(CliContext& context, const QStringList& args) override;

private:
    bool m_freeze;
};

} // namespace sreg
