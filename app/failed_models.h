// Model files that failed to load, remembered across starts so that one broken file in a model
// folder is tried once, not at every start: a JSON file in the user's data folder, keyed by
// path, with the file's size and modification time (a changed file is tried again) and the
// message. Written atomically; a damaged record is ignored (and rewritten), never fatal.
#pragma once
#include <QHash>
#include <QString>

namespace atelier {

class FailedModels {
 public:
  // file: where the record lives (default: <user data>/failed-models.json).
  explicit FailedModels(QString file = {});

  // Whether path failed before and has not changed since; message gets why.
  bool failedBefore(const QString& path, QString* message = nullptr) const;
  void recordFailure(const QString& path, const QString& message);
  void forget(const QString& path);  // it loaded: no longer a failure
  QHash<QString, QString> all() const;  // path -> message, of files as they are now

 private:
  struct Entry {
    qint64 size = -1, mtime = 0;
    QString message;
  };
  void load();
  void save() const;
  static Entry stamp(const QString& path);
  QString m_file;
  QHash<QString, Entry> m_entries;
};

}  // namespace atelier
