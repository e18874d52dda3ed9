// The CLIP + VQGAN tab's link to the engine: a guided run (CLIP + GAN today) as a job, with the
// CLIP and the generator loaded on the worker and kept for the next run.
#pragma once
#include <QObject>
#include <QVector>

#include <memory>

#include "guided_panel.h"
#include "runtime/worker.h"

namespace atelier {

class GuideController : public QObject {
  Q_OBJECT
 public:
  explicit GuideController(QObject* parent = nullptr);
  ~GuideController() override;
  // Throws nothing: a run that can't start fails as a job, with the engine's message.
  // startLatent: an earlier frame's latent to continue from (EngineBridge::frameState).
  JobFn job(const VqganPanel::Settings& settings, const QString& clipPath = {}, const QVector<float>& startLatent = {});

 private:
  struct State;
  std::shared_ptr<State> m_state;  // touched on the worker thread only
};

}  // namespace atelier
