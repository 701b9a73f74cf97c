#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace sreg {

// A dismissable one-line message at the top of a page or dialog: the administration UI reports errors and
// results here instead of in modal message boxes, so nothing waits on a click.
class InlineMessage final : public QFrame
{
    Q_OBJECT

public:
    enum class Kind
    {
        Info,
        Success,
        Warning,
        Error,
    };

    explicit InlineMessage(QWidget* parent = nullptr);

    QString text() const;
    Kind kind() const { return m_kind; }

public Q_SLOTS:
    void showMessage(const QString& text, sreg::InlineMessage::Kind kind = Kind::Info);
    void showError(const QString& text) { showMessage(text, Kind::Error); }
    void clear();

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyColours();

    QLabel* m_label;
    QToolButton* m_close;
    Kind m_kind = Kind::Info;
    bool m_applying = false;
};

} // namespace sreg
