#include "settings.h"

#include <QHash>
#include <QStandardPaths>

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
      {Settings::Key::GanSeed, "gan/seed", 0},
      {Settings::Key::GanModel, "gan/model", QStringLiteral("gan-emoji")},
      {Settings::Key::GanTruncation, "gan/truncation", 0.0},
      {Settings::Key::VqganPrompts, "vqgan/prompts", QStringLiteral("a red apple")},
      {Settings::Key::GuideMode, "vqgan/mode", QStringLiteral("vqgan")},
      {Settings::Key::DrawPrompts, "draw/prompts", QStringLiteral("a red heart")},
      {Settings::Key::LastImageFolder, "paths/lastImageFolder",
       QStandardPaths::writableLocation(QStandardPaths::PicturesLocation)},
      {Settings::Key::LastExportFolder, "paths/lastExportFolder",
       QStandardPaths::writableLocation(QStandardPaths::PicturesLocation)},
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

Settings::Settings(const QString& fileName, QObject* parent)
    : QObject(parent),
      // The organisation stays empty application-wide so that Qt's AppDataLocation is
      // ~/.local/share/clip-atelier, the folder the engine searches; QSettings needs one.
      m_store(fileName.isEmpty()
                  ? std::make_unique<QSettings>(QStringLiteral("clip-atelier"), QStringLiteral("clip-atelier"))
                  : std::make_unique<QSettings>(fileName, QSettings::IniFormat)) {}

QVariant Settings::value(Key key) const {
  const Entry& e = entry(key);
  return m_store->value(QLatin1String(e.name), e.def);
}

void Settings::setValue(Key key, const QVariant& value) {
  if (value == this->value(key)) return;
  m_store->setValue(QLatin1String(entry(key).name), value);
  Q_EMIT changed(key);
}

void Settings::reset(Key key) {
  if (!m_store->contains(QLatin1String(entry(key).name))) return;
  m_store->remove(QLatin1String(entry(key).name));
  Q_EMIT changed(key);
}

void Settings::sync() { m_store->sync(); }

QString Settings::name(Key key) { return QLatin1String(entry(key).name); }

QVariant Settings::defaultValue(Key key) { return entry(key).def; }

QList<Settings::Key> Settings::allKeys() {
  QList<Key> keys;
  for (const auto& e : table()) keys << e.key;
  return keys;
}

}  // namespace atelier
