#include "RegistrySource.h"

#include <QCoreApplication>

namespace sreg {

RegistrySource::RegistrySource(QObject* parent) : QObject(parent) { }

RegistrySource::~RegistrySource() = default;

QString RegistrySource::unsupportedReason(Feature feature) const
{
    if (supports(feature))
        return {};
    return QCoreApplication::translate("sreg::RegistrySource", "%1 does not support this.").arg(displayName());
}

Task* RegistrySource::transferImage(const TagRecord&, const PushRequest&, bool)
{
    return nullptr;
}

} // namespace sreg
