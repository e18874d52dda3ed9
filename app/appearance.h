// Look and language: the theme (system, light, dark) and the translators for a language.
#pragma once
#include <QMargins>
#include <QRect>
#include <QString>
#include <QStringList>

namespace atelier {

// "system" keeps the platform's style and palette; "light" and "dark" use Fusion with a palette.
// Live: every widget gets a PaletteChange, and the plots and strips restyle on it.
void applyTheme(const QString& theme);
// The first window's geometry (no saved one yet) on a screen whose free area is available:
// 85% of it, at least needed (what the content asks for), never more than the screen, centred.
// frame: the window manager's borders and title bar, outside the returned (client) rectangle.
QRect firstWindowGeometry(const QRect& available, const QSize& needed, const QMargins& frame = {});
// Installs the program's and Qt's translators for language ("" = the system locale's).
// Returns the language actually used ("en" when there is no translation for it).
QString installTranslators(const QString& language);
// Languages the program is translated into, English first.
QStringList availableLanguages();

}  // namespace atelier
