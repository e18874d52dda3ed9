// The live view of an optimisation run, shared by the CLIP + VQGAN and CLIPDraw panels: the
// evolving canvas, step / it/s / ETA, a loss plot, thumbnails of earlier frames, and the
// Run / Pause / Resume / Stop buttons.
#pragma once
#include <QImage>
#include <QVector>
#include <QWidget>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace atelier {

class ImageCanvas;
class LivePlot;

class RunView : public QWidget {
  Q_OBJECT
 public:
  enum class State { Idle, Running, Paused };
  explicit RunView(QWidget* parent = nullptr);

  State state() const { return m_state; }
  void setState(State state);
  // Whether Run can start (e.g. models are present); reason is shown when it can't.
  void setRunnable(bool runnable, const QString& reason = {});
  void showFrame(const QImage& image, qint64 step);
  void showProgress(qint64 step, qint64 steps, double seconds, const QVector<QPair<QString, double>>& values);
  void clear();
  // A run was asked for and has not reported yet (its models load, or it waits its turn):
  // "Starting…" and a busy bar, until the first progress or frame, or the end.
  void showStarting();
  bool starting() const;
  QString progressText() const;  // the line beside the buttons: idle, Starting…, step / it/s / ETA
  QImage currentImage() const;
  ImageCanvas* canvas() const { return m_canvas; }
  LivePlot* plot() const { return m_plot; }
  int thumbnailCount() const;
  // Runs that can continue from an earlier frame (guided runs): a "Restart from here" button
  // beside the thumbnails, enabled while idle with a thumbnail selected.
  void setRestartable(bool restartable);
  QList<qint64> thumbnailSteps() const;
  void selectThumbnail(int index);  // shows it, as a click does
  qint64 selectedStep() const;      // -1: none

 Q_SIGNALS:
  void runRequested();
  void pauseRequested();
  void resumeRequested();
  void stopRequested();
  void restartRequested(qint64 step);

 private:
  void updateButtons();

  ImageCanvas* m_canvas;
  QLabel* m_stats;
  QProgressBar* m_busy;  // indeterminate, while starting
  LivePlot* m_plot;
  QListWidget* m_thumbs;
  QPushButton* m_run;
  QPushButton* m_pause;
  QPushButton* m_resume;
  QPushButton* m_stop;
  QPushButton* m_restart;
  QLabel* m_reason;
  State m_state = State::Idle;
  bool m_runnable = false;
  bool m_restartable = false;
  qint64 m_lastThumbStep = -1;
};

}  // namespace atelier
