#include "AppSettings.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>

namespace sreg {

namespace {

struct Entry
{
    AppSettings::Key key;
    const char* name;
    QVariant defaultValue;
};

// Names are grouped like folders in the INI file; changing one loses the user's value, so they stay put.
const Entry& entry(AppSettings::Key key)
{
    using K = AppSettings::Key;
    static const Entry table[] = {
        { K::MainWindowGeometry, "MainWindow/geometry", QByteArray() },
        { K::MainWindowState, "MainWindow/state", QByteArray() },
        { K::MainSplitterState, "MainWindow/mainSplitter", QByteArray() },
        { K::DetailSplitterState, "MainWindow/detailSplitter", QByteArray() },
        { K::TreeHeaderState, "Headers/registries", QByteArray() },
        { K::TagHeaderState, "Headers/tags", QByteArray() },
        { K::TasksHeaderState, "Headers/tasks", QByteArray() },
        { K::SearchHeaderState, "Headers/search", QByteArray() },
        { K::Theme, "Appearance/theme", QStringLiteral("system") },
        { K::LastSaveFolder, "Folders/save", QString() },
        { K::LastUploadFolder, "Folders/upload", QString() },
        { K::ShowDetailPane, "MainWindow/showDetails", true },
        { K::LastCollection, "MainWindow/lastCollection", QString() },
    };
    static_assert(std::size(table) == size_t(K::KeyCount), "every key needs a name and a default");
    return table[int(key)];
}

std::unique_ptr<AppSettings>& globalInstance()
{
    static std::unique_ptr<AppSettings> settings;
    return settings;
}

} // namespace

AppSettings* AppSettings::instance()
{
    auto& settings = globalInstance();
    if (!settings)
        settings = std::make_unique<AppSettings>();
    return settings.get();
}

void AppSettings::setInstance(AppSettings* settings)
{
    globalInstance().reset(settings);
}

AppSettings::AppSettings(const QString& iniFile, QObject* parent)
    : QObject(parent), m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{
}

AppSettings::AppSettings(QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope,
                                             QCoreApplication::organizationName().isEmpty()
                                                 ? QStringLiteral("sregistry")
                                                 : QCoreApplication::organizationName(),
                                             QStringLiteral("sregistry-desktop")))
{
}

AppSettings::~AppSettings()
{
    m_settings->sync();
}

QVariant AppSettings::value(Key key) const
{
    const Entry& e = entry(key);
    return m_settings->value(QLatin1String(e.name), e.defaultValue);
}

void AppSettings::setValue(Key key, const QVariant& value)
{
    if (this->value(key) == value)
        return;
    m_settings->setValue(QLatin1String(entry(key).name), value);
    Q_EMIT changed(key);
}

void AppSettings::reset(Key key)
{
    m_settings->remove(QLatin1String(entry(key).name));
    Q_EMIT changed(key);
}

void AppSettings::sync()
{
    m_settings->sync();
}

QString AppSettings::keyName(Key key)
{
    return QLatin1String(entry(key).name);
}

QVariant AppSettings::defaultValue(Key key)
{
    return entry(key).defaultValue;
}

} // namespace sreg
