#include "guide_controller.h"

#include "clip/clip.h"
#include "gan/gan.h"
#include "guide/guide.h"
#include "runtime/error.h"
#include "runtime/model_paths.h"
#include "vqgan/vqgan.h"

namespace atelier {

struct GuideController::State {
  std::unique_ptr<clip::Clip> clip;
  std::string clipPath;
  std::unique_ptr<gan::Gan> generator;
  std::string generatorPath;
  std::unique_ptr<vqgan::Vqgan> vqgan;
  std::string vqganPath;
};

GuideController::GuideController(QObject* parent) : QObject(parent), m_state(std::make_shared<State>()) {}
GuideController::~GuideController() = default;

JobFn GuideController::job(const VqganPanel::Settings& s, const QString& clipPath, const QVector<float>& startLatent) {
  guide::GuideOptions o;
  o.prompts = s.prompts.trimmed().isEmpty() ? std::string("a red apple") : s.prompts.toStdString();
  o.steps = s.steps;
  o.cutn = s.cutn;
  o.cut_pow = s.cutPow;
  o.lr = s.lr;
  o.optimiser = s.optimiser.toStdString();
  o.seed = uint64_t(s.seed);
  o.width = o.height = s.size;
  o.start_latent.assign(startLatent.begin(), startLatent.end());
  auto state = m_state;
  const std::string requested = clipPath.toStdString(), generator = s.generatorPath.toStdString();
  const bool gan = s.gan;
  return [state, o, requested, generator, gan](JobContext& ctx) {
    if (!gan) {
      const auto [ckpt, yaml] = vqgan::find_vqgan();
      if (ckpt.empty())
        throw Error(ErrorKind::NotFound, "no VQGAN is installed: put a taming checkpoint (e.g. vqgan_imagenet_f16_16384.ckpt) and its "
                                         ".yaml in your models folder (Models ▸ Model Folders)");
      if (!state->vqgan || state->vqganPath != ckpt.string()) {
        state->vqgan = std::make_unique<vqgan::Vqgan>(vqgan::Vqgan::load(ckpt, yaml));
        state->vqganPath = ckpt.string();
      }
    }
    if (gan && generator.empty()) throw Error(ErrorKind::NotFound, "no generator is installed; Models ▸ Model Folders shows where they go");
    const std::string path = requested.empty() ? find_default_clip().string() : requested;
    if (path.empty()) throw Error(ErrorKind::NotFound, "no CLIP model is installed; Models ▸ Model Folders shows where checkpoints go");
    if (!state->clip || state->clipPath != path) {
      state->clip = std::make_unique<clip::Clip>(clip::Clip::load(path));
      state->clipPath = path;
    }
    if (!gan) {
      const auto r = guide::run_vqgan_guidance(*state->clip, *state->vqgan, o, &ctx);
      if (r.stopped) throw JobCancelled{};
      return;
    }
    if (!state->generator || state->generatorPath != generator) {
      state->generator = std::make_unique<gan::Gan>(gan::Gan::load(generator));
      state->generatorPath = generator;
    }
    const auto r = guide::run_gan_guidance(*state->clip, *state->generator, o, &ctx);
    if (r.stopped) throw JobCancelled{};
  };
}

}  // namespace atelier
