// The CLIP + VQGAN tab's queue (issue 21, item 6): runs wait their turn, one starts when the one
// before it ends; they can be reordered, removed (cancelled) while they wait, and the queue paused
// (the run going on goes on; none starts after it). A batch (BatchDialog: seeds x one setting's
// values) is a set of queued runs with their cells in a grid: when the last of them has ended or
// been cancelled, their final images make one labelled grid (the engine's draw_grid, io/grid.h;
// a cancelled or failed run's cell "not run", a stopped one's image marked "stopped"), offered
// with gridReady and, when a grid folder is set, saved there.
//
// Independent of GuideController: it starts runs through the function it is given, and is told
// when the started run ends (runEnded). A run that ends unfinished (stopped or failed) pauses the
// queue, so a Stop or a broken model doesn't run through the rest.
#pragma once
#include <QImage>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

#include "batch_dialog.h"
#include "vqgan_panel.h"

namespace atelier {

class QueuePanel;

class RunQueue : public QObject {
  Q_OBJECT
 public:
  // Starts a run with these settings (the tab's startRun); the queue then waits for runEnded.
  using StartFn = std::function<void(const VqganPanel::Settings& settings, const QString& caption)>;
  // Whether the tab is busy with a run of its own: the queue starts nothing until startNext is
  // called when it is free again. Empty: never busy.
  using BusyFn = std::function<bool()>;
  // The settings Add to Queue and Batch… take (the tab's, as they are now).
  using SettingsFn = std::function<VqganPanel::Settings()>;

  struct Item {
    qint64 id = 0;  // the queue's, for the view's requests
    VqganPanel::Settings settings;
    QString caption;
    int batch = 0;            // 0: a single run
    int row = 0, column = 0;  // a batch run's cell in its grid
  };

  explicit RunQueue(StartFn start, BusyFn busy = {}, QObject* parent = nullptr);

  QList<Item> waiting() const { return m_waiting; }  // in the order they will run
  std::optional<Item> current() const { return m_current; }  // the queue's run in progress
  bool running() const { return m_current.has_value(); }
  bool paused() const { return m_paused; }
  int batchesOpen() const { return int(m_batches.size()); }  // batches whose grid is still to come

  // A run after the waiting ones (started at once when the queue is idle, not paused and the
  // tab is free); caption empty: QueuePanel::caption(settings). Returns its id.
  qint64 append(const VqganPanel::Settings& settings, const QString& caption = {});
  // A batch's runs, after the waiting ones; returns its id, 0 when refused (error says why: no
  // runs, a cell twice or outside the labels, checkBatch's reasons).
  int appendBatch(const RunBatch& batch, QString* error = nullptr);
  // A waiting run one place earlier or later; false when it is not waiting or already at that end.
  bool moveUp(qint64 id);
  bool moveDown(qint64 id);
  // Cancels a waiting run: it will not run (in a batch its cell says "not run"); false when it is
  // not waiting (the run going on stops with the tab's Stop).
  bool remove(qint64 id);
  void clear();  // cancels every waiting run
  void setPaused(bool paused);  // resuming starts the next run when none goes on

  // The folder grids are saved in (e.g. the history folder's "grids"); empty: only gridReady.
  void setGridFolder(const QString& folder) { m_gridFolder = folder; }
  QString gridFolder() const { return m_gridFolder; }

  // The view: shows the waiting runs, the current one and the pause state; its buttons act on this
  // queue. Add to Queue appends settings(); Batch… opens a BatchDialog on settings() and appends
  // what it plans. One view at a time.
  void bind(QueuePanel* view, SettingsFn settings);
  BatchDialog* batchDialog() const { return m_dialog; }  // the open one; null: none
  BatchDialog* openBatchDialog();                          // as Batch… does (non-modal)

  // For BatchDialog: the engine's parse_seeds (what generate --seeds reads); seeds over the tab's
  // largest are the dialog's to refuse. And a batch's grid within the image limits in shape (too
  // long and narrow is refused; too many pixels makes smaller cells when it is drawn).
  static QList<quint64> parseSeeds(const QString& spec, QString* error);
  static QString checkBatch(const RunBatch& batch);

 public Q_SLOTS:
  // The run the queue started has ended: finished, or stopped or failed (the queue pauses);
  // finalFrame its last frame (null: none). Its batch's cell takes it; the next run starts.
  void runEnded(bool finished, const QImage& finalFrame);
  // Starts the first waiting run if none of the queue's goes on, it is not paused and the tab is
  // free: call when the tab's own run has ended.
  void startNext();

 Q_SIGNALS:
  void changed();  // the waiting runs, the current one or the pause state
  void started(qint64 id, const QString& caption);
  // A batch's grid: rows of seeds, columns of values, with their labels; fileName a suggestion
  // ("grid-20261201-101500-seed1-4-lr.png").
  void gridReady(int batch, const QImage& grid, const QString& fileName);
  void gridSaved(const QString& path);  // in the grid folder
  void message(const QString& text);    // for the tab's status: paused after a stopped run, a grid saved or not

 private:
  struct Cell {
    QImage image;  // null: not run
    bool stopped = false;
  };
  struct Batch {
    int rows = 0, columns = 0;
    QStringList rowLabels, columnLabels;
    QString name;
    QList<Cell> cells;  // rows x columns, row by row
    int pending = 0;    // runs still waiting or running
  };
  int indexOf(qint64 id) const;
  void advance(bool mindBusy);       // startNext; mindBusy false: the tab is known to be free
  void cancelled(const Item& item);  // a waiting run removed: its batch has one less to wait for
  void finishBatch(int id);          // the grid of a batch with nothing pending
  void refreshView();

  StartFn m_start;
  BusyFn m_busy;
  QList<Item> m_waiting;
  std::optional<Item> m_current;
  QMap<int, Batch> m_batches;
  bool m_paused = false;
  bool m_starting = false;  // inside m_start: a runEnded from it doesn't start another from there
  qint64 m_nextId = 1;
  int m_nextBatch = 1;
  QString m_gridFolder;
  QPointer<QueuePanel> m_view;
  SettingsFn m_settings;
  QPointer<BatchDialog> m_dialog;
};

}  // namespace atelier
