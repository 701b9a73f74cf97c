#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace sreg {

// A name field checked as the user types against the naming rule of collections, users and teams
// ([a-z0-9]+([._-][a-z0-9]+)*), saying what is wrong and suggesting a valid name.
class NameEdit final : public QWidget
{
    Q_OBJECT

public:
    explicit NameEdit(QWidget* parent = nullptr);

    QString text() const;
    void setText(const QString& text);
    bool isValid() const;
    QLineEdit* lineEdit() const { return m_edit; }
    QString problem() const; // what the hint shows; empty when valid
    // Why name breaks the rule, in words a person can act on; empty when it is valid.
    static QString whyInvalid(const QString& name);

Q_SIGNALS:
    void validityChanged(bool valid);
    void textChanged(const QString& text);

protected:
    void changeEvent(QEvent* event) override;

private:
    void check();
    void applyHintColour();

    QLineEdit* m_edit;
    QLabel* m_hint;
    bool m_valid = false;
};

} // namespace sreg
