#include "failed_models.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include "runtime/model_paths.h"

namespace atelier {

FailedModels::FailedModels(QString file) : m_file(std::move(file)) {
  if (m_file.isEmpty()) m_file = QString::fromStdString((user_data_dir() / "failed-models.json").string());
  load();
}

FailedModels::Entry FailedModels::stamp(const QString& path) {
  // A model folder (mini-CLIP, Hugging Face) changes when its weights do.
  QFileInfo info(path);
  if (info.isDir()) {
    for (const char* name : {"model.safetensors", "pytorch_model.bin"})
      if (QFileInfo weights(QDir(path).filePath(QLatin1String(name))); weights.exists()) info = weights;
  }
  Entry e;
  if (info.exists()) {
    e.size = info.size();
    e.mtime = info.lastModified().toMSecsSinceEpoch();
  }
  return e;
}

void FailedModels::load() {
  QFile f(m_file);
  if (f.size() > (1 << 20) || !f.open(QIODevice::ReadOnly)) return;
  const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
  for (auto it = root.begin(); it != root.end(); ++it) {
    const QJsonObject o = it.value().toObject();
    m_entries.insert(it.key(), Entry{qint64(o.value(QLatin1String("size")).toDouble(-1)),
                                     qint64(o.value(QLatin1String("mtime")).toDouble()), o.value(QLatin1String("message")).toString()});
  }
}

void FailedModels::save() const {
  QJsonObject root;
  for (auto it = m_entries.begin(); it != m_entries.end(); ++it)
    root.insert(it.key(), QJsonObject{{QLatin1String("size"), double(it->size)},
                                      {QLatin1String("mtime"), double(it->mtime)},
                                      {QLatin1String("message"), it->message}});
  QDir().mkpath(QFileInfo(m_file).absolutePath());
  QSaveFile f(m_file);
  if (!f.open(QIODevice::WriteOnly)) return;  // a record we can't keep: the file is tried again next time
  f.write(QJsonDocument(root).toJson());
  f.commit();
}

bool FailedModels::failedBefore(const QString& path, QString* message) const {
  const auto it = m_entries.find(path);
  if (it == m_entries.end()) return false;
  const Entry now = stamp(path);
  if (now.size != it->size || now.mtime != it->mtime) return false;
  if (message) *message = it->message;
  return true;
}

void FailedModels::recordFailure(const QString& path, const QString& message) {
  Entry e = stamp(path);
  e.message = message;
  m_entries.insert(path, e);
  save();
}

void FailedModels::forget(const QString& path) {
  if (m_entries.remove(path)) save();
}

QHash<QString, QString> FailedModels::all() const {
  QHash<QString, QString> out;
  for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
    QString message;
    if (failedBefore(it.key(), &message)) out.insert(it.key(), message);
  }
  return out;
}

}  // namespace atelier
