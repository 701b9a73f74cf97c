#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>

namespace sreg {

class MainWindow;

// Hidden command-line hooks for measurements and documentation, kept out of the window's code:
// --benchmark prints one line per milestone ("first-paint", "table-populated") with the milliseconds since
// main() started, then quits; --screenshot FILE selects the first image, waits for its details and saves a
// picture of the window, then quits. Both watch the real window: nothing is faked.
class StartupProbe final : public QObject
{
    Q_OBJECT

public:
    StartupProbe(MainWindow* window, const QElapsedTimer& sinceStart, bool benchmark, QString screenshotPath,
                 QObject* parent = nullptr);
    ~StartupProbe() override;
    Q_DISABLE_COPY_MOVE(StartupProbe)

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void milestone(const char* name);
    void tablePopulated();
    void takeScreenshot();

    QPointer<MainWindow> m_window;
    QElapsedTimer m_sinceStart;
    bool m_benchmark;
    QString m_screenshotPath;
    bool m_painted = false;
    bool m_rowsLoaded = false;
    bool m_tableShown = false;
};

} // namespace sreg
