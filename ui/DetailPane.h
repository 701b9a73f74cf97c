#pragma once

#include "metadata/Records.h"

#include <QJsonObject>
#include <QPointer>
#include <QTabWidget>

class QAbstractItemModel;
class QLabel;
class QPlainTextEdit;
class QTableView;

namespace sreg {

class FilesTab;
class HistoryModel;
class LabelsModel;
class OverviewTab;
class RegistrySource;
class SignaturesModel;

// The detail area of the selected image, in tabs: Overview, Labels, Definition file, Runscript & environment,
// Files, Signatures, History. The SIF metadata arrives asynchronously from the source; a newer selection
// makes an older answer irrelevant (a generation counter drops it).
class DetailPane final : public QTabWidget
{
    Q_OBJECT

public:
    enum Tab
    {
        OverviewPage,
        LabelsPage,
        DefinitionPage,
        ScriptsPage,
        FilesPage,
        SignaturesPage,
        HistoryPage,
    };

    explicit DetailPane(QWidget* parent = nullptr);
    ~DetailPane() override;
    Q_DISABLE_COPY_MOVE(DetailPane)

    void setTag(RegistrySource* source, const TagRecord& tag, const QStringList& sameImageTags);
    void clear();
    bool hasTag() const;
    TagRecord tag() const;
    // Whether the SIF metadata of the current tag has arrived.
    bool isMetadataLoaded() const;

    OverviewTab* overview() const;
    FilesTab* files() const;
    LabelsModel* labels() const;
    HistoryModel* history() const;
    QString definitionText() const;
    QString scriptsText() const;

Q_SIGNALS:
    void message(const QString& text);
    void metadataLoaded();

private:
    QTableView* makeTable(QAbstractItemModel* model, const QString& accessibleName);
    void applySif(const QJsonObject& sif);
    static QString scriptsOf(const QJsonObject& metadata);

    OverviewTab* m_overview;
    LabelsModel* m_labels;
    QPlainTextEdit* m_definition;
    QPlainTextEdit* m_scripts;
    FilesTab* m_files;
    SignaturesModel* m_signatures;
    QLabel* m_signatureNote;
    HistoryModel* m_history;
    QPointer<RegistrySource> m_source;
    TagRecord m_tag;
    bool m_hasTag = false;
    bool m_metadataLoaded = false;
    quint64 m_generation = 0;
};

} // namespace sreg
