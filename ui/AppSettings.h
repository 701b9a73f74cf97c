#pragma once

#include <QObject>
#include <QVariant>
#include <memory>

class QSettings;

namespace sreg {

// Every setting of the desktop application, behind one typed facade: a key enum, a table of names and
// defaults, QSettings underneath. Widgets never touch QSettings themselves, so a test can run the whole window
// against a temporary settings file (AppSettings(path)) and a key is spelt in one place only.
class AppSettings final : public QObject
{
    Q_OBJECT

public:
    enum class Key
    {
        MainWindowGeometry,
        MainWindowState,
        MainSplitterState,
        DetailSplitterState,
        TreeHeaderState,
        TagHeaderState,
        TasksHeaderState,
        SearchHeaderState,
        Theme, // "system", "light", "dark"
        LastSaveFolder,
        LastUploadFolder,
        ShowDetailPane,
        LastCollection, // "source-id/collection", selected again at start
        KeyCount
    };
    Q_ENUM(Key)

    // The application's settings (the platform's configuration location).
    static AppSettings* instance();
    // Replaces the application's instance, for tests and for --profile style isolation; takes ownership.
    static void setInstance(AppSettings* settings);

    // Settings in a given INI file (tests use a temporary one).
    explicit AppSettings(const QString& iniFile, QObject* parent = nullptr);
    AppSettings(QObject* parent = nullptr);
    ~AppSettings() override;
    Q_DISABLE_COPY_MOVE(AppSettings)

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant& value);
    void reset(Key key);
    void sync();

    static QString keyName(Key key);
    static QVariant defaultValue(Key key);

Q_SIGNALS:
    void changed(sreg::AppSettings::Key key);

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace sreg
