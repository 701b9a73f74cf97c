#include "TagActions.h"

#include "AppSettings.h"
#include "Format.h"
#include "MessageBox.h"
#include "RegistrySource.h"
#include "TagTableModel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHash>
#include <QMenu>
#include <QSet>

namespace sreg {

TagActions::TagActions(TagTableModel* tags, Selection selection, QWidget* window)
    : QObject(window), m_tags(tags), m_selection(std::move(selection)), m_window(window)
{
    m_copyPull = makeAction(QStringLiteral(":/icons/copy.svg"), tr("&Copy Pull Command"), QKeySequence::Copy,
                            &TagActions::copyPullCommands);
    m_copyDigest
        = makeAction({}, tr("Copy &Digest"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), &TagActions::copyDigests);
    m_saveAs = makeAction(QStringLiteral(":/icons/save.svg"), tr("&Save as .sif…"), QKeySequence::Save,
                          &TagActions::saveSelected);
    m_freeze
        = makeAction(QStringLiteral(":/icons/frozen.svg"), tr("&Freeze Tag"), {}, &TagActions::toggleFrozenSelected);
    m_delete = makeAction(QStringLiteral(":/icons/delete.svg"), tr("&Delete…"), QKeySequence::Delete,
                          &TagActions::deleteSelected);
    updateEnabled();
}

TagActions::~TagActions() = default;

QAction* TagActions::makeAction(const QString& icon, const QString& text, const QKeySequence& shortcut,
                                void (TagActions::*slot)())
{
    auto* action = new QAction(icon.isEmpty() ? QIcon() : QIcon(icon), text, this);
    action->setShortcut(shortcut);
    // The shortcuts belong to the tag table (and its window), not to every text field: Ctrl+C in the
    // search box still copies its text.
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, slot);
    return action;
}

QAction* TagActions::copyPullCommand() const
{
    return m_copyPull;
}

QAction* TagActions::copyDigest() const
{
    return m_copyDigest;
}

QAction* TagActions::saveAs() const
{
    return m_saveAs;
}

QAction* TagActions::toggleFrozen() const
{
    return m_freeze;
}

QAction* TagActions::remove() const
{
    return m_delete;
}

void TagActions::addTo(QMenu* menu) const
{
    menu->addAction(m_copyPull);
    menu->addAction(m_copyDigest);
    menu->addSeparator();
    menu->addAction(m_saveAs);
    menu->addAction(m_freeze);
    menu->addSeparator();
    menu->addAction(m_delete);
}

void TagActions::updateEnabled()
{
    const QList<TagRecord> tags = m_selection();
    RegistrySource* source = m_tags->source();
    const bool any = !tags.isEmpty() && source;
    m_copyPull->setEnabled(any);
    m_copyDigest->setEnabled(any);
    m_saveAs->setEnabled(any && source->supports(RegistrySource::Feature::ImageBytes));
    m_freeze->setEnabled(any && source->supports(RegistrySource::Feature::Freeze));
    m_delete->setEnabled(any && source->supports(RegistrySource::Feature::Delete));
    const bool allFrozen = any && std::all_of(tags.begin(), tags.end(), [](const TagRecord& t) { return t.frozen; });
    m_freeze->setText(allFrozen ? tr("Un&freeze Tag") : tr("&Freeze Tag"));
    if (source && !source->supports(RegistrySource::Feature::Delete))
        m_delete->setToolTip(source->unsupportedReason(RegistrySource::Feature::Delete));
}

QString TagActions::pullCommand(RegistrySource* source, const TagRecord& tag)
{
    return QStringLiteral("apptainer pull %1").arg(source ? source->pullReference(tag) : QString());
}

void TagActions::copyPullCommands()
{
    QStringList lines;
    for (const TagRecord& tag : m_selection())
        lines.append(pullCommand(m_tags->source(), tag));
    if (lines.isEmpty())
        return;
    QApplication::clipboard()->setText(lines.join(u'\n'));
    Q_EMIT message(lines.size() == 1 ? tr("Copied: %1").arg(lines.constFirst())
                                     : tr("Copied %n pull command(s)", nullptr, int(lines.size())));
}

void TagActions::copyDigests()
{
    QStringList lines;
    for (const TagRecord& tag : m_selection())
        lines.append(tag.image.digest);
    lines.removeDuplicates();
    if (lines.isEmpty())
        return;
    QApplication::clipboard()->setText(lines.join(u'\n'));
    Q_EMIT message(tr("Copied %n digest(s)", nullptr, int(lines.size())));
}

void TagActions::saveSelected()
{
    const QList<TagRecord> tags = m_selection();
    RegistrySource* source = m_tags->source();
    if (tags.isEmpty() || !source)
        return;
    AppSettings* settings = AppSettings::instance();
    QString folder = settings->value(AppSettings::Key::LastSaveFolder).toString();
    if (folder.isEmpty())
        folder = QDir::homePath();
    QStringList targets;
    if (tags.size() == 1) {
        const TagRecord& tag = tags.constFirst();
        const QString path = QFileDialog::getSaveFileName(
            m_window, tr("Save image"), QDir(folder).filePath(QStringLiteral("%1_%2.sif").arg(tag.container, tag.name)),
            tr("SIF images (*.sif)"));
        if (path.isEmpty())
            return;
        targets.append(path);
    } else {
        const QString dir
            = QFileDialog::getExistingDirectory(m_window, tr("Save %n images into", nullptr, int(tags.size())), folder);
        if (dir.isEmpty())
            return;
        for (const TagRecord& tag : tags)
            targets.append(QDir(dir).filePath(QStringLiteral("%1_%2.sif").arg(tag.container, tag.name)));
    }
    settings->setValue(AppSettings::Key::LastSaveFolder, QFileInfo(targets.constFirst()).absolutePath());
    for (int i = 0; i < tags.size(); ++i)
        source->pullToFile(tags.at(i).image, targets.at(i));
    Q_EMIT message(tr("Saving %n image(s) (see Tasks)", nullptr, int(tags.size())));
}

void TagActions::toggleFrozenSelected()
{
    const QList<TagRecord> tags = m_selection();
    RegistrySource* source = m_tags->source();
    if (tags.isEmpty() || !source)
        return;
    const bool freeze = !std::all_of(tags.begin(), tags.end(), [](const TagRecord& t) { return t.frozen; });
    QPointer<TagActions> self(this);
    for (const TagRecord& tag : tags) {
        const QString name = QStringLiteral("%1:%2").arg(tag.container, tag.name);
        source->setFrozen(tag, freeze, this, [self, name](Result<bool> result) {
            if (self && !result)
                Q_EMIT self->message(tr("Cannot change %1: %2").arg(name, result.error().message()));
        });
    }
}

QString TagActions::deletionSummary(const QList<TagRecord>& tags, qint64* freedBytes) const
{
    // An image goes with its last tag: count the images none of whose tags stay.
    QSet<QString> deleted;
    for (const TagRecord& tag : tags)
        deleted.insert(TagTableModel::keyOf(tag));
    QHash<qint64, bool> imageGoes;
    QHash<qint64, qint64> imageBytes;
    for (const TagRecord& tag : tags) {
        imageGoes.insert(tag.image.id, true);
        imageBytes.insert(tag.image.id, tag.image.size);
    }
    for (int row = 0; row < m_tags->rowCount(); ++row) {
        const TagRecord tag = m_tags->tagAt(row);
        if (imageGoes.contains(tag.image.id) && !deleted.contains(TagTableModel::keyOf(tag)))
            imageGoes[tag.image.id] = false;
    }
    for (const TagRecord& tag : tags) {
        // Tags of the image on rows not loaded yet (or of another arch) are listed on the image itself.
        for (const QString& other : tag.image.tags) {
            if (!deleted.contains(QStringLiteral("%1:%2:%3").arg(tag.container, other, tag.arch)))
                imageGoes[tag.image.id] = false;
        }
    }
    qint64 bytes = 0;
    int images = 0;
    for (auto it = imageGoes.cbegin(); it != imageGoes.cend(); ++it) {
        if (it.value()) {
            bytes += imageBytes.value(it.key());
            ++images;
        }
    }
    if (freedBytes)
        *freedBytes = bytes;
    QStringList names;
    for (const TagRecord& tag : tags) {
        if (names.size() == 10) {
            names.append(tr("… and %n more", nullptr, int(tags.size()) - 10));
            break;
        }
        names.append(QStringLiteral("%1/%2:%3 (%4, %5)")
                         .arg(tag.collection, tag.container, tag.name, tag.arch, Format::bytes(tag.image.size)));
    }
    QString text = tr("Delete %n tag(s)?", nullptr, int(tags.size())) + u'\n' + names.join(u'\n') + u'\n';
    if (images > 0)
        text
            += tr("%n image(s) lose their last tag and are deleted with it: %1. Garbage collection reclaims the space.",
                  nullptr, images)
                   .arg(Format::bytes(bytes));
    else
        text += tr("Every image keeps another tag: no image is deleted.");
    return text;
}

void TagActions::deleteSelected()
{
    const QList<TagRecord> tags = m_selection();
    RegistrySource* source = m_tags->source();
    if (tags.isEmpty() || !source)
        return;
    const auto frozen = std::count_if(tags.begin(), tags.end(), [](const TagRecord& t) { return t.frozen; });
    if (frozen > 0) {
        MessageBox::warning(
            m_window, tr("Frozen tags"),
            tr("%n of the selected tags are frozen and cannot be deleted. Unfreeze them first.", nullptr, int(frozen)));
        return;
    }
    const QString text = deletionSummary(tags);
    const auto answer = MessageBox::question(m_window, tr("Delete tags"), text, QMessageBox::Yes | QMessageBox::Cancel,
                                             QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    auto remaining = std::make_shared<int>(int(tags.size()));
    auto failures = std::make_shared<QStringList>();
    QPointer<TagActions> self(this);
    for (const TagRecord& tag : tags) {
        ImageRef ref;
        ref.collection = tag.collection;
        ref.container = tag.container;
        ref.tag = tag.name;
        const QString name = ref.toString();
        source->remove(ref, tag.arch, this, [self, remaining, failures, name](Result<bool> result) {
            if (!self)
                return;
            if (!result)
                failures->append(tr("%1: %2").arg(name, result.error().message()));
            if (--*remaining > 0)
                return;
            if (failures->isEmpty()) {
                Q_EMIT self->message(tr("Deleted"));
                return;
            }
            MessageBox::warning(self->m_window, tr("Some tags were not deleted"), failures->join(u'\n'));
        });
    }
}

} // namespace sreg
