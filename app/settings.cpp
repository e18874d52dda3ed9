#include "settings.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QStandardPaths>

#include <cmath>

#include "runtime/limits.h"
#include "runtime/runtime_info.h"

namespace atelier {

namespace {
struct Entry {
  Settings::Key key;
  const char* name;
  QVariant def;
};

// The one table: every key's stored name and default.
const QList<Entry>& table() {
  static const QList<Entry> entries = {
      {Settings::Key::WindowGeometry, "window/geometry", QByteArray()},
      {Settings::Key::WindowState, "window/state", QByteArray()},
      {Settings::Key::CurrentTab, "window/currentTab", 0},
      {Settings::Key::NotesExpanded, "view/notesExpanded", true},
      {Settings::Key::Theme, "view/theme", QStringLiteral("system")},
      {Settings::Key::Language, "view/language", QString()},
      {Settings::Key::Threads, "engine/threads", 0},
      {Settings::Key::Device, "engine/device", QStringLiteral("auto")},
      {Settings::Key::ClipPrompt, "clip/prompt", QStringLiteral("a photo of a cat")},
      {Settings::Key::ClipTablePrompts, "clip/tablePrompts",
       QStringLiteral("a photo of a cat\na cup of coffee\na rocket launch\nan astronaut\na red circle")},
      {Settings::Key::ClipMode, "clip/mode", 0},
      {Settings::Key::ClipImages, "clip/images", QStringList()},
      {Settings::Key::ClipExamples, "clip/examples", true},
      {Settings::Key::GanSeed, "gan/seed", 0},
      {Settings::Key::GanModel, "gan/model", QStringLiteral("gan-emoji")},
      {Settings::Key::GanTruncation, "gan/truncation", 0.0},
      {Settings::Key::GanClass, "gan/class", 207},
      {Settings::Key::GanBigganTruncation, "gan/bigganTruncation", 0.4},
      {Settings::Key::VqganPrompts, "vqgan/prompts", QStringLiteral("a red apple")},
      {Settings::Key::GuideMode, "vqgan/mode", QStringLiteral("vqgan")},
      {Settings::Key::VqganModel, "vqgan/model", QString()},
      {Settings::Key::GuideGridWidth, "vqgan/gridWidth", 32},
      {Settings::Key::GuideGridHeight, "vqgan/gridHeight", 32},
      {Settings::Key::GuidePixelPalette, "vqgan/pixelPalette", QString()},
      {Settings::Key::GuideFftDecay, "vqgan/fftDecay", 1.0},
      {Settings::Key::GuideZoom, "vqgan/zoom", 1.0},
      {Settings::Key::GuideRotate, "vqgan/rotate", 0.0},
      {Settings::Key::GuideShiftX, "vqgan/shiftX", 0.0},
      {Settings::Key::GuideShiftY, "vqgan/shiftY", 0.0},
      {Settings::Key::GuideFrameEvery, "vqgan/frameEvery", 5},
      {Settings::Key::GuideSmoothing, "vqgan/smoothing", 0.0},
      {Settings::Key::DrawPrompts, "draw/prompts", QStringLiteral("a red heart")},
      {Settings::Key::LastImageFolder, "paths/lastImageFolder",
       QStandardPaths::writableLocation(QStandardPaths::PicturesLocation)},
      {Settings::Key::LastExportFolder, "paths/lastExportFolder",
       QStandardPaths::writableLocation(QStandardPaths::PicturesLocation)},
      {Settings::Key::LibraryFolders, "library/folders", QStringList()},
      {Settings::Key::LibraryLabels, "library/labels", QString()},
  };
  return entries;
}

const Entry& entry(Settings::Key key) {
  static const QHash<Settings::Key, const Entry*> index = [] {
    QHash<Settings::Key, const Entry*> h;
    for (const auto& e : table()) h.insert(e.key, &e);
    return h;
  }();
  return *index.value(key);
}
}  // namespace

namespace {

// A number read back from a file: an int or a finite double, else nothing (INI values are
// strings; "nan" converts to a double NaN).
bool usableNumber(const QVariant& v, const QVariant& def) {
  bool ok = false;
  if (def.typeId() == QMetaType::Int) {
    v.toInt(&ok);
    return ok;
  }
  if (def.typeId() == QMetaType::Double) {
    const double d = v.toDouble(&ok);
    return ok && std::isfinite(d);
  }
  return true;
}

// Whether a file the user named holds this program's settings: QSettings parsed it, and when it
// has anything in it, at least one key is ours (a notes.txt of "key = value" lines parses).
bool looksLikeOurs(const QSettings& store, const QString& fileName) {
  if (store.status() != QSettings::NoError) return false;
  const QFileInfo info(fileName);
  if (!info.exists()) return true;  // a new file: created on the first change
  if (!info.isFile()) return false;
  if (info.size() == 0) return true;
  const QStringList keys = store.allKeys();
  for (const auto& e : table())
    if (keys.contains(QLatin1String(e.name))) return true;
  return false;
}

}  // namespace

Settings::Settings(const QString& fileName, QObject* parent) : QObject(parent) {
  // The organisation stays empty application-wide so that Qt's AppDataLocation is
  // ~/.local/share/clip-atelier, the folder the engine searches; QSettings needs one.
  auto store = fileName.isEmpty() ? std::make_unique<QSettings>(QStringLiteral("clip-atelier"), QStringLiteral("clip-atelier"))
                                  : std::make_unique<QSettings>(fileName, QSettings::IniFormat);
  const bool usable = fileName.isEmpty() ? store->status() == QSettings::NoError : looksLikeOurs(*store, fileName);
  if (usable) {
    m_store = std::move(store);
  } else {
    // Dropped with nothing changed: QSettings writes only pending changes, so the file stays as it is.
    m_unusedFile = QDir::toNativeSeparators(store->fileName());
    store.reset();
  }
  // Values a person or a program may have put in the file: said once, then the default (or the
  // bound) is what value() returns.
  for (const auto& e : table()) {
    const QVariant v = stored(QLatin1String(e.name), e.def);
    if (!usableNumber(v, e.def)) {
      m_unusableValues.append({QLatin1String(e.name), v.toString().left(40)});
    } else if (e.key == Key::Threads && v.toInt() != bounded_thread_count(v.toInt())) {
      m_threadsAsked = v.toInt();
    }
  }
}

QStringList Settings::warnings() const {
  QStringList out;
  if (!m_unusedFile.isEmpty())
    out << tr("The settings file %1 is not a settings file of CLIP Atelier, or can't be read: it is left as it is, "
              "and this session runs with the default settings and saves none of them.")
               .arg(m_unusedFile);
  for (const auto& [name, value] : m_unusableValues)
    out << tr("The setting %1 holds '%2', which is not a usable value: the default is used.").arg(name, value);
  if (m_threadsAsked != 0)
    out << tr("The settings ask for %1 threads; at most %2 are used on this machine (%3 per core, %4 in all).")
               .arg(m_threadsAsked)
               .arg(max_thread_count())
               .arg(limits::kMaxThreadsPerCore)
               .arg(limits::kMaxThreads);
  return out;
}

QVariant Settings::stored(const QString& name, const QVariant& def) const {
  return m_store ? m_store->value(name, def) : m_memory.value(name, def);
}

QVariant Settings::value(Key key) const {
  const Entry& e = entry(key);
  const QVariant v = stored(QLatin1String(e.name), e.def);
  if (!usableNumber(v, e.def)) return e.def;
  if (key == Key::Threads) return bounded_thread_count(v.toInt());
  return v;
}

void Settings::setValue(Key key, const QVariant& value) {
  if (value == this->value(key)) return;
  if (m_store) m_store->setValue(QLatin1String(entry(key).name), value);
  else m_memory.insert(QLatin1String(entry(key).name), value);
  Q_EMIT changed(key);
}

void Settings::reset(Key key) {
  const QString name = QLatin1String(entry(key).name);
  if (m_store) {
    if (!m_store->contains(name)) return;
    m_store->remove(name);
  } else {
    if (!m_memory.contains(name)) return;
    m_memory.remove(name);
  }
  Q_EMIT changed(key);
}

void Settings::sync() {
  if (m_store) m_store->sync();
}

QString Settings::name(Key key) { return QLatin1String(entry(key).name); }

QVariant Settings::defaultValue(Key key) { return entry(key).def; }

QList<Settings::Key> Settings::allKeys() {
  QList<Key> keys;
  for (const auto& e : table()) keys << e.key;
  return keys;
}

}  // namespace atelier
