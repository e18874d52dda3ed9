#include "guide_controller.h"

#include "clip/clip.h"
#include "gan/gan.h"
#include "guide/guide.h"
#include "runtime/error.h"
#include "runtime/model_paths.h"

namespace atelier {

struct GuideController::State {
  std::unique_ptr<clip::Clip> clip;
  std::string clipPath;
  std::unique_ptr<gan::Gan> generator;
  std::string generatorPath;
};

GuideController::GuideController(QObject* parent) : QObject(parent), m_state(std::make_shared<State>()) {}
GuideController::~GuideController() = default;

JobFn GuideController::job(const VqganPanel::Settings& s, const QString& clipPath) {
  guide::GuideOptions o;
  o.prompts = s.prompts.trimmed().isEmpty() ? std::string("a red apple") : s.prompts.toStdString();
  o.steps = s.steps;
  o.cutn = s.cutn;
  o.cut_pow = s.cutPow;
  o.lr = s.lr;
  o.optimiser = s.optimiser.toStdString();
  o.seed = uint64_t(s.seed);
  auto state = m_state;
  const std::string requested = clipPath.toStdString(), generator = s.generatorPath.toStdString();
  const bool gan = s.gan;
  return [state, o, requested, generator, gan](JobContext& ctx) {
    if (!gan) throw Error(ErrorKind::Unsupported, "CLIP + VQGAN needs the VQGAN engine, which this version does not have yet");
    if (generator.empty()) throw Error(ErrorKind::NotFound, "no generator is installed; Models ▸ Model Folders shows where they go");
    const std::string path = requested.empty() ? find_default_clip().string() : requested;
    if (path.empty()) throw Error(ErrorKind::NotFound, "no CLIP model is installed; Models ▸ Model Folders shows where checkpoints go");
    if (!state->clip || state->clipPath != path) {
      state->clip = std::make_unique<clip::Clip>(clip::Clip::load(path));
      state->clipPath = path;
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
