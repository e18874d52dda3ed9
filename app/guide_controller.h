// The CLIP + VQGAN tab's controller: its runs (CLIP + VQGAN, or CLIP + GAN) with the models from
// the worker's cache, live edits of prompts and learning rate, the run's history folder (its
// latest frame with every setting, rewritten as the run goes), and restarts from a kept frame.
#pragma once
#include <QDateTime>
#include <QMap>
#include <QStringList>
#include <QVector>

#include <filesystem>
#include <memory>
#include <utility>
#include <vector>

#include "failed_models.h"
#include "vqgan_panel.h"
#include "run_controller.h"

namespace atelier {

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
  QString runFolder() const { return m_runDir; }  // the current or last run's history folder

 Q_SIGNALS:
  // A run uses another VQGAN than the first one found: message names what failed and why.
  void fellBack(const QString& message);

 protected:
  void onFrame(const QImage& image, qint64 step) override;
  void onState(qint64 step, const QVector<float>& state) override;
  void onEnded() override;
  void showStatus(const QString& text) override;

 private:
  void writeLatest(bool force);
  void takeVqganTrial();  // records the VQGANs the run could not load, says which it uses
  std::vector<std::pair<std::filesystem::path, std::filesystem::path>> vqganCandidates() const;  // preferred first

  VqganPanel* m_panel;
  QString m_history;
  QString m_runDir;
  VqganPanel::Settings m_settings;      // the run's settings, prompts as edited during the run
  QMap<qint64, QVector<float>> m_latents;  // by step: the frames a run can restart from
  QImage m_latest;
  QDateTime m_written;
  bool m_hasGan = false;
  QString m_preferredVqgan;
  std::shared_ptr<FailedModels> m_failed;
  std::shared_ptr<VqganTrial> m_trial;  // the current run's
};

}  // namespace atelier
