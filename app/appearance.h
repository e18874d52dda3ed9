// Look and language: the theme (system, light, dark) and the translators for a language.
#pragma once
#include <QString>
#include <QStringList>

namespace atelier {

// "system" keeps the platform's style and palette; "light" and "dark" use Fusion with a palette.
void applyTheme(const QString& theme);
// Installs the program's and Qt's translators for language ("" = the system locale's).
// Returns the language actually used ("en" when there is no translation for it).
QString installTranslators(const QString& language);
// Languages the program is translated into, English first.
QStringList availableLanguages();

}  // namespace atelier
