#include "StartupProbe.h"

#include "DetailPane.h"
#include "MainWindow.h"
#include "TagTableModel.h"
#include "TagTableView.h"

#include <QCoreApplication>
#include <QEvent>
#include <QPixmap>
#include <QTimer>
#include <cstdio>

namespace sreg {

StartupProbe::StartupProbe(MainWindow* window, const QElapsedTimer& sinceStart, bool benchmark, QString screenshotPath,
                           QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_sinceStart(sinceStart)
    , m_benchmark(benchmark)
    , m_screenshotPath(std::move(screenshotPath))
{
    window->installEventFilter(this);
    window->tagView()->viewport()->installEventFilter(this);
    connect(window->tagModel(), &TagTableModel::pageLoaded, this, [this](int rows) {
        if (rows > 0)
            m_rowsLoaded = true;
    });
}

StartupProbe::~StartupProbe() = default;

bool StartupProbe::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Paint && m_window) {
        if (watched == m_window && !m_painted) {
            m_painted = true;
            milestone("first-paint");
        } else if (watched == m_window->tagView()->viewport() && m_rowsLoaded && !m_tableShown) {
            // The first paint of the table with rows in it: what the user sees as "the registry is there".
            m_tableShown = true;
            QTimer::singleShot(0, this, &StartupProbe::tablePopulated);
        }
    }
    return QObject::eventFilter(watched, event);
}

void StartupProbe::milestone(const char* name)
{
    if (!m_benchmark)
        return;
    std::printf("%s %lld\n", name, static_cast<long long>(m_sinceStart.elapsed()));
    std::fflush(stdout);
}

void StartupProbe::tablePopulated()
{
    milestone("table-populated");
    if (m_benchmark) {
        std::printf("rows %d\n", m_window->tagModel()->rowCount());
        std::fflush(stdout);
        QCoreApplication::quit();
        return;
    }
    if (m_screenshotPath.isEmpty() || !m_window)
        return;
    TagTableView* table = m_window->tagView();
    const QModelIndex first = table->model()->index(qMin(1, table->model()->rowCount() - 1), 0);
    table->selectionModel()->setCurrentIndex(first, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    DetailPane* detail = m_window->detailPane();
    if (detail->isMetadataLoaded())
        QTimer::singleShot(300, this, &StartupProbe::takeScreenshot);
    else
        connect(detail, &DetailPane::metadataLoaded, this,
                [this] { QTimer::singleShot(300, this, &StartupProbe::takeScreenshot); });
}

void StartupProbe::takeScreenshot()
{
    if (!m_window)
        return;
    const QPixmap picture = m_window->grab();
    const bool saved = picture.save(m_screenshotPath, "PNG");
    std::fprintf(saved ? stdout : stderr, "%s %s\n", saved ? "screenshot" : "cannot write",
                 qPrintable(m_screenshotPath));
    QCoreApplication::exit(saved ? 0 : 1);
}

} // namespace sreg
