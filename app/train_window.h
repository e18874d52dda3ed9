// Models ▸ Train a Mini-CLIP: the trainer of the embedded CLIP, in a window of its own beside
// the studio. It runs on an engine worker of its own, so the tabs keep answering while it
// trains; Stop writes a checkpoint that Start with Resume goes on from; the finished model can
// become the CLIP of the window.
#pragma once
#include <QDialog>
#include <QString>

#include "train_panel.h"

namespace atelier {

class EngineBridge;
namespace train {
struct ClipTrainOptions;
}

class TrainWindow : public QDialog {
  Q_OBJECT
 public:
  explicit TrainWindow(int threads, QWidget* parent = nullptr);
  ~TrainWindow() override;  // a running training stops, and checkpoints
  TrainPanel* panel() const { return m_panel; }
  EngineBridge* bridge() const { return m_bridge; }
  // The folder a first run goes to: the user's data folder, runs/my-clip.
  static QString defaultFolder();
  // What Start hands the trainer for the panel's settings (its warm-up from the start's recipe).
  static train::ClipTrainOptions trainOptions(const TrainPanel::Settings& settings);

 Q_SIGNALS:
  void useModel(const QString& path);  // "Use This Model": the trained model.safetensors

 private:
  void start(const TrainPanel::Settings& settings);
  void describeFolder(const QString& folder);  // answers the panel's folderChosen
  void runEnded();

  EngineBridge* m_bridge;
  TrainPanel* m_panel;
  QString m_out;
  qint64 m_job = 0, m_lastStep = 0;
};

}  // namespace atelier
