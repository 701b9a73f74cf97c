#pragma once

#include <QIcon>
#include <QString>

namespace sreg {

// The SVG icons models hand to views (":/icons/<name>.svg", compiled into the GUI). One QIcon per name, made on
// first use: data() runs for every visible cell on every paint, and parsing an SVG each time would show. A
// program without the icons (the model tests) gets null icons, quietly.
class Icons final
{
public:
    static QIcon named(const QString& name);

private:
    Icons() = delete;
};

} // namespace sreg
