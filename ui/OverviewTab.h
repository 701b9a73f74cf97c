#pragma once

#include "metadata/Records.h"

#include <QJsonObject>
#include <QWidget>

class QFormLayout;
class QLabel;

namespace sreg {

class CommandField;
class RegistrySource;

// The first detail tab: what the selected image is (reference, digest, size, arch, dates, every tag pointing
// at it) and how to pull it, with the commands for apptainer/singularity and the sregistry client ready to copy.
class OverviewTab final : public QWidget
{
    Q_OBJECT

public:
    explicit OverviewTab(QWidget* parent = nullptr);
    ~OverviewTab() override;
    Q_DISABLE_COPY_MOVE(OverviewTab)

    // sameImageTags: every tag known to point at the image (the table's rows and the image's own list).
    void setTag(RegistrySource* source, const TagRecord& tag, const QStringList& sameImageTags);
    void setSifJson(const QJsonObject& sif);
    void clear();

    QString apptainerCommand() const;

Q_SIGNALS:
    void copied(const QString& text);

private:
    QLabel* addRow(QFormLayout* form, const QString& label);

    QLabel* m_reference;
    CommandField* m_digest;
    QLabel* m_size;
    QLabel* m_arch;
    QLabel* m_uploaded;
    QLabel* m_built;
    QLabel* m_downloads;
    QLabel* m_state;
    QLabel* m_tags;
    CommandField* m_apptainer;
    CommandField* m_singularity;
    CommandField* m_sregistry;
};

} // namespace sreg
