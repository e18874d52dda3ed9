// The program's settings, in KeePassXC's manner: an enum of keys, one table of names and
// defaults, typed access, and a changed(key) signal. Stored with QSettings.
#pragma once
#include <QObject>
#include <QSettings>
#include <QVariant>

#include <memory>

namespace atelier {

class Settings : public QObject {
  Q_OBJECT
 public:
  enum class Key {
    WindowGeometry,
    WindowState,
    CurrentTab,
    NotesExpanded,
    Theme,          // "system", "light", "dark"
    Language,       // "" = the system's, or "en", "de", "es"
    Threads,        // 0 = all cores
    Device,         // "auto", "cpu", "cuda"
    ClipPrompt,
    ClipTablePrompts,
    ClipMode,       // the CLIP tab's page: row, table, zero-shot, explainer
    ClipImages,     // paths the user added to the Similarity row
    GanSeed,
    GanModel,       // the generator's name (its folder)
    GanTruncation,  // 0 = off
    VqganPrompts,
    GuideMode,      // the CLIP + VQGAN tab's generator: "vqgan" or "gan"
    DrawPrompts,
    LastImageFolder,
    LastExportFolder,
  };
  Q_ENUM(Key)

  // Stored where QSettings puts the application's settings, or in fileName (INI) when given.
  explicit Settings(const QString& fileName = {}, QObject* parent = nullptr);

  QVariant value(Key key) const;
  void setValue(Key key, const QVariant& value);
  void reset(Key key);
  void sync();

  static QString name(Key key);
  static QVariant defaultValue(Key key);
  static QList<Key> allKeys();

 Q_SIGNALS:
  void changed(atelier::Settings::Key key);

 private:
  std::unique_ptr<QSettings> m_store;
};

}  // namespace atelier
