// The CLIP + VQGAN tab's controller: its runs (CLIP + VQGAN, or CLIP + GAN) with the models from
// the worker's cache, live edits of prompts and learning rate, the run's history folder (its
// record run.json with every live edit and the step it took effect after, its latest frame with
// the settings that made it, its latent), restarts from a kept frame, and the history gallery.
#pragma once
#include <QDateTime>
#include <QMap>
#include <QPointer>
#include <QSize>
#include <QStringList>
#include <QVector>

#include <filesystem>
#include <memory>
#include <utility>
#include <vector>

#include "failed_models.h"
#include "run_record.h"
#include "vqgan_panel.h"
#include "run_controller.h"

namespace atelier {

class HistoryDialog;
class RunQueue;
struct VqganTrial;

class GuideController : public RunController {
  Q_OBJECT
 public:
  // failed: the record of model files that failed to load, shared with the other tabs (null: its own).
  GuideController(EngineBridge* bridge, VqganPanel* panel, const QString& historyFolder, std::shared_ptr<FailedModels> failed = nullptr,
                  QObject* parent = nullptr);

  // A run with these settings, from startLatent when given (a frame's latent); clipPath empty
  // for the default CLIP. Throws nothing: a run that can't start fails as a job.
  qint64 startRun(const VqganPanel::Settings& settings, const QVector<float>& startLatent = {}, const QString& clipPath = {});
  // The generators the GAN mode can steer (GanController::models), and whether a run can start.
  void setGenerators(const QStringList& names, const QStringList& paths);
  void refreshAvailability();
  // The VQGAN runs try first (a .ckpt or .safetensors, its .yaml beside it); empty: the search
  // order of the model folders. A file that is gone is passed over.
  void setPreferredVqgan(const QString& path);
  QString preferredVqgan() const { return m_preferredVqgan; }
  // The VQGAN a run would use now: the first candidate that has not failed before; empty: none.
  QString nextVqgan() const;
  // The tab's queue (issue 21, item 6): its runs start here one at a time, after the tab's own run.
  RunQueue* queue() const { return m_queue; }
  QString runFolder() const { return m_runDir; }  // the current or last run's history folder
  RunRecord record() const { return m_record; }    // the current or last run's record (run.json)
  // The History… button: the gallery of past runs (one window, read again each time it opens).
  HistoryDialog* showHistory();
  // The panel takes a past run's settings (the prompts it started with); false: not a run.
  bool restoreRun(const QString& folder);
  // A new run from a past run's last frame, with the settings and prompts it ended with: from its
  // latent (exact, on its VQGAN or GAN), else (VQGAN) its latest.png as the init image. A GAN run
  // without a latent can't: its settings are restored and the status says so. Returns the job (0: none).
  qint64 continueRun(const QString& folder);
  // The higher-resolution pass (the tab's ×2 button): the last run, finished or stopped, of
  // CLIP + VQGAN or a drawer again at twice its size from its last frame's latent, with its
  // settings and its prompts as they ended (pixel art: twice the grid, cells of the same pixels).
  // Returns the job (0: it can't; the status says why, as the button's tooltip does).
  qint64 upscaleRun();

 Q_SIGNALS:
  // A run uses another VQGAN than the first one found: message names what failed and why.
  void fellBack(const QString& message);

 protected:
  void onFrame(const QImage& image, qint64 step) override;
  void onState(qint64 step, const QVector<float>& state) override;
  void onEnded() override;
  void showStatus(const QString& text) override;

 private:
  // startRun's work: initImage (VQGAN) the image to start from, vqgan the checkpoint to try
  // first (the continued run's), origin what this run continues (run.json's continued_from),
  // startSize the size startLatent was made at when it is not the run's (a ×2 pass).
  qint64 launch(const VqganPanel::Settings& settings, const QVector<float>& startLatent, const QString& clipPath,
                const QString& initImage, const QString& vqgan, const QString& origin, const QSize& startSize = {});
  QString upscaleProblem() const;  // why the last run can't go on at ×2 (empty: it can)
  void updateUpscale();            // the ×2 button's state
  void writeLatest(bool force);
  bool writeRecord();
  void endRecord(const QString& state);  // finished, stopped, failed
  void onProgress(qint64 step, const QStringList& names);
  void takeVqganTrial();  // records the VQGANs the run could not load, says which it uses
  // preferred (default: the tab's preferred VQGAN) first
  std::vector<std::pair<std::filesystem::path, std::filesystem::path>> vqganCandidates(const QString& preferred = {}) const;

  VqganPanel* m_panel;
  QString m_history;
  QString m_runDir;
  VqganPanel::Settings m_settings;      // the run's settings, prompts as edited during the run
  RunRecord m_record;                   // the run's settings by step, written as run.json
  qint64 m_step = 0;                    // the last step the run reported done
  QStringList m_names;                  // the prompts the last step was scored against
  // The newest prompt edit until a step is scored against its prompts (the progress names them):
  // its index in m_record.promptChanges and its prompts' texts; -1: none to place.
  int m_pendingEdit = -1;
  QStringList m_pendingNames;
  QMap<qint64, QVector<float>> m_latents;  // by step: the frames a run can restart from
  QImage m_latest;
  RunQueue* m_queue = nullptr;
  qint64 m_queueJob = 0;  // the queue's run in progress (0: none)
  qint64 m_latestStep = 0;
  QVector<float> m_latestState;         // the newest frame's latent, kept as latent.f32
  qint64 m_stateStep = -1;
  QDateTime m_written;
  QPointer<HistoryDialog> m_historyDialog;
  bool m_hasGan = false;
  QString m_preferredVqgan;
  std::shared_ptr<FailedModels> m_failed;
  std::shared_ptr<VqganTrial> m_trial;  // the current run's
};

}  // namespace atelier
