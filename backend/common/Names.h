#pragma once

#include <QString>
#include <QStringList>

namespace sreg {

// The naming rule of collections, containers, tags and user/team names, taken from the library client so that
// anything we accept can also be pushed and pulled by apptainer: lower case, [a-z0-9]+([._-][a-z0-9]+)*.
namespace Names {

constexpr int MaxLength = 128;

bool isValid(QStringView name);
// A one-line reason why name is invalid (empty when it is valid), naming the kind ("collection", "tag", ...).
QString whyInvalid(QStringView name, const QString& kind);
// Splits a push's "v1,latest" tag list; an empty input gives {"latest"}. Does not validate.
QStringList splitTagList(const QString& tags);
// Suggests a valid name from free text, e.g. a file name "My Tool_v2.sif" -> "my-tool-v2"; may be empty.
QString suggestFrom(const QString& text);

} // namespace Names
} // namespace sreg
