// The Library tab's controller: the CLIP tab's CLIP over whole folders. Indexing is a run on the
// engine's worker (progress, pause, cancel; a later run goes on where a stopped one ended); search,
// duplicates, the map and labels are short tasks that the worker answers between a run's steps,
// on the database of the CLIP in use (<user data>/library/<model>.sqlite, reopened after each
// index run). Answers carry a generation number so a stale one is dropped; the GUI never waits.
#pragma once
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>

namespace atelier {

class EngineBridge;
class LibraryPanel;
class Settings;
struct LibraryItem;

class LibraryController : public QObject {
  Q_OBJECT
 public:
  // settings may be null (tests); the panel may not.
  LibraryController(EngineBridge* bridge, LibraryPanel* panel, Settings* settings, QObject* parent = nullptr);
  ~LibraryController() override;

  // The CLIP the library uses (the CLIP tab's, once it loaded): its database, then the info line.
  // name: as the texts call it ("the mini-CLIP"); mini: its own caption forms label the map.
  void setClip(const QString& checkpoint, const QString& name, bool mini);
  QString checkpoint() const { return m_checkpoint; }
  QString database() const { return m_db; }
  // A database other than the model's default one (tests; empty: the default).
  void setDatabase(const QString& db);

  qint64 index(const QStringList& folders);  // a run; 0 when there is no CLIP yet
  bool indexing() const;
  void pause();
  void resume();
  void cancel();
  void search(const QString& query);  // "a beach | people:-0.5"
  void searchImage(const QString& path);
  void duplicates(double threshold);
  void map(const QString& query, int clusters, const QStringList& labels);
  void label(const QStringList& labels);
  void refresh();  // the info line and the unreadable files, from the database

  static constexpr int kShownHits = 500;  // ranked images handed to the panel

 Q_SIGNALS:
  // For tests and the window: each answer once the panel shows it.
  void refreshed(int images);
  void indexEnded(const QString& summary);
  void searched(int hits);
  void duplicatesFound(int groups);
  void mapped(int points);
  void labelled(int images);
  void failed(const QString& message);

 private:
  void connectPanel();
  void connectBridge();
  void showRanked(const QString& query, const QVector<LibraryItem>& items);
  QStringList labelTemplates() const;  // for the map's cluster names and the Labels page
  template <typename Result, typename Fn, typename Done>
  void ask(const char* name, Fn fn, Done done);
  struct State;
  EngineBridge* m_bridge;
  LibraryPanel* m_panel;
  Settings* m_settings;
  std::shared_ptr<State> m_state;  // touched on the worker thread only
  QString m_checkpoint, m_name, m_db, m_key, m_ownDb;
  bool m_mini = false;
  qint64 m_job = 0;
  bool m_paused = false;
  qint64 m_generation = 0;
};

}  // namespace atelier
