// The program's settings, in KeePassXC's manner: an enum of keys, one table of names and
// defaults, typed access, and a changed(key) signal. Stored with QSettings.
#pragma once
#include <QObject>
#include <QSettings>
#include <QStringList>
#include <QVariant>
#include <QVariantHash>

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
    ClipExamples,   // the mini-CLIP's example renders lead the row (false once the user removed them all)
    GanSeed,
    GanModel,       // the generator's name (its folder)
    GanTruncation,  // 0 = off
    GanClass,       // a BigGAN-deep's ImageNet class
    GanBigganTruncation,  // a BigGAN-deep's truncation (0.02 to 1)
    VqganPrompts,
    GuideMode,      // the CLIP + VQGAN tab's generator: "vqgan", "gan", or a drawer: "pixel", "fft"
    VqganModel,     // the VQGAN runs try first (Models ▸ Get Models ▸ Use for CLIP + VQGAN); "" = the search order
    GuideGridWidth,     // pixel art's cells across
    GuideGridHeight,    // and down
    GuidePixelPalette,  // pixel art's palette, "#rrggbb,..."; "" = any colour
    GuideFftDecay,      // the FFT image's spectrum falloff
    GuideZoom,          // motion per frame (1 = none)
    GuideRotate,        // degrees per frame
    GuideShiftX,        // pixels per frame, right
    GuideShiftY,        // pixels per frame, down
    GuideFrameEvery,    // a frame every this many steps
    GuideSmoothing,     // 0 = off, below 1
    DrawPrompts,
    LastImageFolder,
    LastExportFolder,
    LibraryFolders,  // the Library tab's folders
    LibraryLabels,   // its label list, one per line
  };
  Q_ENUM(Key)

  // Stored where QSettings puts the application's settings, or in fileName (INI) when given.
  // A file that QSettings can't parse, or (given by the user) one that holds none of this
  // program's keys, e.g. a notes.txt passed by mistake, is never written: the session runs on
  // the defaults, kept in memory only, and warnings() says so.
  explicit Settings(const QString& fileName = {}, QObject* parent = nullptr);

  // What was wrong with the stored settings, for the user (stderr and the window say them):
  // a file that is not used, values that were out of range or unusable. Worded when called (in
  // the language installed then).
  QStringList warnings() const;
  // Whether the settings live in memory only (the file could not be used).
  bool isDetached() const { return !m_store; }

  // The stored value, or the default when it is missing or unusable (a number that does not
  // parse or is not finite); Threads bounded to 0..max_thread_count().
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
  QVariant stored(const QString& name, const QVariant& def) const;

  std::unique_ptr<QSettings> m_store;  // null when detached
  QVariantHash m_memory;               // the settings of a detached session
  QString m_unusedFile;                // the file not used, when detached
  QList<QPair<QString, QString>> m_unusableValues;  // key, value as stored
  int m_threadsAsked = 0;              // the stored thread count, when over the bound
};

}  // namespace atelier
