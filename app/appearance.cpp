#include "appearance.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
#include <QTranslator>
#include <QWidget>

namespace atelier {

namespace {
QPalette darkPalette() {
  QPalette p;
  const QColor window(0x2b, 0x2b, 0x2e), base(0x1e, 0x1e, 0x21), text(0xe6, 0xe6, 0xe6);
  const QColor disabled(0x80, 0x80, 0x80), highlight(0x3d, 0x7e, 0xd9);
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, window);
  p.setColor(QPalette::ToolTipBase, base);
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::PlaceholderText, QColor(0xa0, 0xa0, 0xa0));
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, window);
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::BrightText, Qt::red);
  p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
  p.setColor(QPalette::Highlight, highlight);
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Light, window.lighter(160));
  p.setColor(QPalette::Midlight, window.lighter(130));
  p.setColor(QPalette::Mid, window.lighter(115));
  p.setColor(QPalette::Dark, window.darker(150));
  p.setColor(QPalette::Shadow, Qt::black);
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::HighlightedText})
    p.setColor(QPalette::Disabled, role, disabled);
  return p;
}
}  // namespace

void applyTheme(const QString& theme) {
  static const QString platformStyle = QApplication::style()->name();
  if (theme == QLatin1String("dark") || theme == QLatin1String("light")) {
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(theme == QLatin1String("dark") ? darkPalette()
                                                            : QApplication::style()->standardPalette());
  } else {
    QApplication::setStyle(QStyleFactory::create(platformStyle));
    QApplication::setPalette(QApplication::style()->standardPalette());
  }
  // The application palette alone left widgets of open windows with the old one (their own
  // palette() stayed light after a switch to dark, tst_appearance): each window gets it
  // explicitly, and passes it down to every child, shown or not.
  for (QWidget* w : QApplication::topLevelWidgets()) w->setPalette(QApplication::palette(w));
}

QRect firstWindowGeometry(const QRect& available, const QSize& needed, const QMargins& frame) {
  const QSize border(frame.left() + frame.right(), frame.top() + frame.bottom());
  const QSize most = (available.size() - border).expandedTo(QSize(1, 1));
  // 85%: room around the window for the desktop, yet most of the screen for the images.
  const QSize share = (available.size() * 0.85 - border).expandedTo(QSize(1, 1));
  const QSize size = share.expandedTo(needed).boundedTo(most);
  // Centred with its frame, so the title bar stays on the screen.
  QRect outer(QPoint(0, 0), size + border);
  outer.moveCenter(available.center());
  return outer.marginsRemoved(frame);
}

QStringList availableLanguages() { return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("es")}; }

QString installTranslators(const QString& language) {
  const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
  auto* app = new QTranslator(qApp);
  if (!app->load(locale, QStringLiteral("clip-atelier"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
    delete app;
    return QStringLiteral("en");
  }
  QCoreApplication::installTranslator(app);
  // Qt's own strings (standard buttons, dialogs), from qt6-translations-l10n when installed.
  auto* qt = new QTranslator(qApp);
  if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QCoreApplication::installTranslator(qt);
  else
    delete qt;
  return locale.name().section(QLatin1Char('_'), 0, 0);
}

}  // namespace atelier
