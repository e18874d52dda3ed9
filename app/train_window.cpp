// The training window: the panel's settings become a train_clip job on an engine worker of its
// own; the engine says what a run's folder holds and which recipes the shipped model used.
#include "train_window.h"

#include <QDir>
#include <QMetaObject>
#include <QPointer>
#include <QVBoxLayout>

#include <chrono>

#include "engine_bridge.h"
#include "error_text.h"
#include "image_convert.h"
#include "runtime/error.h"
#include "runtime/model_paths.h"
#include "train/clip_trainer.h"
#include "train/run_folder.h"

namespace atelier {

TrainWindow::TrainWindow(int threads, QWidget* parent)
    : QDialog(parent), m_bridge(new EngineBridge(threads, this)), m_panel(new TrainPanel(this)) {
  setWindowTitle(tr("Train a Mini-CLIP"));
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_panel);
  resize(1000, 760);
  const auto scratch = train::ClipRecipe::from_scratch(), fineTune = train::ClipRecipe::fine_tune();
  m_panel->setRecipes({int(scratch.steps), scratch.lr}, {int(fineTune.steps), fineTune.lr});
  connect(m_panel, &TrainPanel::folderChosen, this, &TrainWindow::describeFolder);
  const QString shipped = QString::fromStdString(find_default_clip().string());
  m_panel->setShippedModel(shipped);
  // The first choice and its numbers agree: a fine-tune of the shipped mini-CLIP with the
  // fine-tune's recipe (minutes, not the hour a new model takes), or, without one, random
  // weights with the from-scratch recipe.
  TrainPanel::Settings s;
  s.out = defaultFolder();
  s.init = shipped;
  const auto& recipe = shipped.isEmpty() ? scratch : fineTune;
  s.steps = int(recipe.steps);
  s.lr = recipe.lr;
  s.resume = true;  // where that folder holds a run, go on with it
  m_panel->setSettings(s);

  connect(m_panel, &TrainPanel::startRequested, this, &TrainWindow::start);
  connect(m_panel, &TrainPanel::stopRequested, this, [this] { m_bridge->cancel(m_job); });
  connect(m_panel, &TrainPanel::useRequested, this, &TrainWindow::useModel);
  connect(m_bridge, &EngineBridge::progress, this, [this](const JobProgress& p) {
    if (p.job != m_job) return;
    double loss = 0, accuracy = 0;
    for (const auto& [name, value] : p.values)
      if (name == QLatin1String("loss")) loss = value;
      else if (name == QLatin1String("accuracy")) accuracy = value;
    m_lastStep = p.step;
    m_panel->showProgress(p.step, p.steps, p.seconds, loss, accuracy);
  });
  connect(m_bridge, &EngineBridge::finished, this, [this](qint64 job, const QString&, double seconds) {
    if (job != m_job) return;
    runEnded();
    const QString model = QDir(m_out).filePath(QStringLiteral("model.safetensors"));
    m_panel->setResult(model);
    m_panel->setStatus(tr("Done in %1 s: %2 (its vocabulary beside it). Use This Model makes it the CLIP of the window; "
                          "clip-atelier-cli eval clip --clip %2 measures it.")
                           .arg(seconds, 0, 'f', 0)
                           .arg(model));
  });
  connect(m_bridge, &EngineBridge::cancelled, this, [this](qint64 job, const QString&) {
    if (job != m_job) return;
    runEnded();
    m_panel->setStatus(tr("Stopped after step %1; the checkpoint is written. Start with Resume ticked goes on.").arg(m_lastStep));
  });
  connect(m_bridge, &EngineBridge::failed, this, [this](qint64 job, const QString&, const EngineError& error) {
    if (job != m_job) return;
    runEnded();
    m_panel->setStatus(tr("Training failed: %1").arg(errorMessage(error)));
  });
}

TrainWindow::~TrainWindow() = default;  // the bridge, a child, cancels the run: the trainer checkpoints

QString TrainWindow::defaultFolder() {
  return QString::fromStdString((user_data_dir() / "runs" / "my-clip").string());
}

void TrainWindow::describeFolder(const QString& folder) {
  const std::filesystem::path dir = folder.toStdString();
  m_panel->setFolderState(train::has_checkpoint(dir));
  const train::MetricsLog log = train::read_metrics(dir);
  const int step = log.column("step"), loss = log.column("loss"), accuracy = log.column("accuracy");
  QVector<double> steps, losses, accuracies;
  if (step >= 0 && loss >= 0 && accuracy >= 0)  // not another trainer's log
    for (const auto& row : log.rows) {
      steps << row[step];
      losses << row[loss];
      accuracies << row[accuracy];
    }
  m_panel->setHistory(steps, losses, accuracies);
}

void TrainWindow::runEnded() {
  m_panel->setRunning(false);
  m_panel->setFolderState(train::has_checkpoint(m_out.toStdString()));  // Resume is offered where the run left one
}

train::ClipTrainOptions TrainWindow::trainOptions(const TrainPanel::Settings& s) {
  train::ClipTrainOptions o;
  o.out = s.out.toStdString();
  o.init = s.init.toStdString();
  o.resume = s.resume;
  o.steps = s.steps;
  o.batch = s.batch;
  o.lr = s.lr;
  o.warmup = (s.init.isEmpty() ? train::ClipRecipe::from_scratch() : train::ClipRecipe::fine_tune()).warmup_for(s.steps);
  o.contrast = s.contrast;
  // The data mix. Clip art without openclipart installed fails the job with the engine's
  // Error(NotFound), which names the packages (train/clipart.h: clipart_missing).
  o.emoji_fraction = s.emoji;
  o.clipart_fraction = s.clipart;
  o.strokes_fraction = s.strokes;
  o.adversarial = s.adversarial;
  o.parts = s.parts;
  o.grow_vision_layers = s.init.isEmpty() ? 0 : s.visionLayers;
  o.grow_text_layers = s.init.isEmpty() ? 0 : s.textLayers;
  return o;
}

void TrainWindow::start(const TrainPanel::Settings& s) {
  const train::ClipTrainOptions o = trainOptions(s);
  m_out = s.out;
  m_lastStep = 0;
  QPointer<TrainPanel> panel(m_panel);
  m_job = m_bridge->submit(tr("Training a mini-CLIP"), [o, panel](JobContext& ctx) {
    auto shown = std::chrono::steady_clock::time_point{};
    train::train_clip(
        o,
        [&](const train::TrainProgress& p) {
          ctx.report(Progress{p.step, p.steps, p.seconds, {{"loss", p.loss}, {"accuracy", p.accuracy}, {"lr", p.lr}}});
          // The pairs at most four times a second: a view, not a log.
          const auto now = std::chrono::steady_clock::now();
          if (now - shown < std::chrono::milliseconds(250) && p.step != p.steps) return;
          shown = now;
          QList<QImage> images;
          for (const auto& im : p.images) images << toQImage(im);
          QStringList captions;
          for (const auto& c : p.captions) captions << QString::fromStdString(c);
          const QVector<float> softmax(p.softmax.begin(), p.softmax.end());
          QMetaObject::invokeMethod(panel, [panel, images, captions, softmax] {
            if (panel) panel->showPairs(images, captions, softmax);
          }, Qt::QueuedConnection);
        },
        [&] { return ctx.cancel_requested(); });
  });
  m_panel->setRunning(true);
  m_panel->setStatus(s.resume           ? tr("Resuming %1…").arg(s.out)
                     : s.init.isEmpty() ? tr("Starting: a new model learns its vocabulary first…")
                                        : tr("Starting from %1…").arg(s.init));
}

}  // namespace atelier
