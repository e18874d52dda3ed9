// The CLIP + VQGAN tab's queue (issue 21, item 6): a collapsible group with the runs that wait
// their turn, the queue's run in progress, and buttons to add the tab's settings, plan a batch,
// reorder, remove (cancel) a waiting run, pause or resume the queue, and clear it. A view only:
// the app's RunQueue (app/run_queue.h) holds the runs and answers the requests.
#pragma once
#include <QList>
#include <QString>
#include <QWidget>

#include "vqgan_panel.h"

class QEvent;
class QLabel;
class QListWidget;
class QPushButton;
class QToolButton;

namespace atelier {

class QueuePanel : public QWidget {
  Q_OBJECT
 public:
  // A waiting run as the list shows it: id (the queue's), caption, tooltip.
  struct Row {
    qint64 id = 0;
    QString caption;
    QString tip;
  };

  explicit QueuePanel(QWidget* parent = nullptr);

  // The waiting runs, first to run at the top (objectName "queueList"); the selected run stays
  // selected while it waits. A new row expands the group.
  void setRows(const QList<Row>& rows);
  QList<Row> rows() const { return m_rows; }
  // The queue's run in progress (objectName "queueCurrent"); empty: none.
  void setCurrent(const QString& caption);
  // The Pause Queue / Resume Queue toggle (objectName "queuePause"), set without pauseRequested.
  void setPaused(bool paused);
  bool paused() const { return m_paused; }
  // A line about the queue (objectName "queueStatus": paused after a stopped run, a grid saved...).
  void setStatus(const QString& text);
  QString status() const;
  qint64 selectedId() const;  // -1: none
  void select(qint64 id);
  bool expanded() const;
  void setExpanded(bool expanded);
  QListWidget* list() const { return m_list; }

  // A run's line: its prompts (or schedule), its seed, and what tells it apart in a batch
  // ("lr=0.05"): "a red circle · seed 3 · lr=0.05".
  static QString caption(const VqganPanel::Settings& settings, const QString& swept = {});

 Q_SIGNALS:
  void addRequested();    // Add to Queue (objectName "queueAdd"): the tab's settings as they are
  void batchRequested();  // Batch… (objectName "queueBatch"): seeds x one setting's values
  // The selected run's buttons: Up ("queueUp"), Down ("queueDown"), Remove ("queueRemove", also
  // the Delete key in the list); Clear ("queueClear") removes every waiting run.
  void moveUpRequested(qint64 id);
  void moveDownRequested(qint64 id);
  void removeRequested(qint64 id);
  void clearRequested();
  void pauseRequested(bool paused);  // the toggle was clicked: pause (true) or resume the queue

 protected:
  void changeEvent(QEvent* event) override;  // LanguageChange: the texts again

 private:
  void retranslate();
  void updateButtons();

  QToolButton* m_header;
  QWidget* m_body;
  QLabel* m_current;
  QListWidget* m_list;
  QPushButton* m_add;
  QPushButton* m_batch;
  QPushButton* m_up;
  QPushButton* m_down;
  QPushButton* m_remove;
  QPushButton* m_pause;
  QPushButton* m_clear;
  QLabel* m_status;
  QList<Row> m_rows;
  QString m_currentCaption;
  bool m_paused = false;
};

}  // namespace atelier
