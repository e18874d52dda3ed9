#include "run_record.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "save_file.h"

namespace atelier {

namespace {
const QString kRecordFile = QStringLiteral("run.json");
constexpr int kFormat = 1;
constexpr qint64 kMaxRecordBytes = 4 << 20;  // a record is a few kB: a bigger file is not ours
constexpr qint64 kMaxLatentBytes = 256 << 20;

QString iso(const QDateTime& t) { return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString(); }

double finiteOr(const QJsonValue& v, double fallback) {
  const double d = v.toDouble(fallback);
  return std::isfinite(d) ? d : fallback;
}

// The constraints as run.json keeps them: GuideOptions' names, numbers as numbers.
QJsonObject constraintsJson(const ConstraintSettings& c) {
  return {{QStringLiteral("symmetry"), c.symmetry},
          {QStringLiteral("symmetry_vertical"), c.symmetryVertical},
          {QStringLiteral("smooth"), c.smooth},
          {QStringLiteral("saturation"), c.saturation},
          {QStringLiteral("palette"), c.palette},
          {QStringLiteral("palette_weight"), c.paletteWeight},
          {QStringLiteral("border"), c.border},
          {QStringLiteral("border_weight"), c.borderWeight},
          {QStringLiteral("tile"), c.tile},
          {QStringLiteral("tile_weight"), c.tileWeight}};
}

// Absent (runs from before constraints): none. A weight that is not a finite number keeps the default.
ConstraintSettings constraintsFrom(const QJsonObject& o) {
  ConstraintSettings c;
  const auto weight = [&o](const char* key, double fallback) { return finiteOr(o.value(QLatin1String(key)), fallback); };
  c.symmetry = weight("symmetry", c.symmetry);
  c.symmetryVertical = weight("symmetry_vertical", c.symmetryVertical);
  c.smooth = weight("smooth", c.smooth);
  c.saturation = weight("saturation", c.saturation);
  c.palette = o.value(QStringLiteral("palette")).toString();
  c.paletteWeight = weight("palette_weight", c.paletteWeight);
  c.border = o.value(QStringLiteral("border")).toString();
  c.borderWeight = weight("border_weight", c.borderWeight);
  c.tile = o.value(QStringLiteral("tile")).toBool();
  c.tileWeight = weight("tile_weight", c.tileWeight);
  return c;
}

// The drawers' settings and the motion as run.json keeps them: GuideOptions' names.
QJsonObject drawerJson(const DrawerSettings& d) {
  return {{QStringLiteral("grid_width"), d.gridWidth},
          {QStringLiteral("grid_height"), d.gridHeight},
          {QStringLiteral("pixel_palette"), d.pixelPalette},
          {QStringLiteral("fft_decay"), d.fftDecay}};
}

QJsonObject motionJson(const MotionSettings& m) {
  return {{QStringLiteral("zoom"), m.zoom},           {QStringLiteral("rotate"), m.rotate},
          {QStringLiteral("shift_x"), m.shiftX},      {QStringLiteral("shift_y"), m.shiftY},
          {QStringLiteral("frame_every"), m.frameEvery}, {QStringLiteral("smoothing"), m.smoothing}};
}

// Absent (runs from before drawers and motion): the defaults, no motion. Values out of the
// fields' ranges are brought into them.
DrawerSettings drawerFrom(const QJsonObject& o) {
  DrawerSettings d;
  d.gridWidth = o.value(QStringLiteral("grid_width")).toInt(d.gridWidth);
  d.gridHeight = o.value(QStringLiteral("grid_height")).toInt(d.gridHeight);
  d.pixelPalette = o.value(QStringLiteral("pixel_palette")).toString().left(4096);
  d.fftDecay = finiteOr(o.value(QStringLiteral("fft_decay")), d.fftDecay);
  return d.bounded();
}

MotionSettings motionFrom(const QJsonObject& o) {
  MotionSettings m;
  m.zoom = finiteOr(o.value(QStringLiteral("zoom")), m.zoom);
  m.rotate = finiteOr(o.value(QStringLiteral("rotate")), m.rotate);
  m.shiftX = finiteOr(o.value(QStringLiteral("shift_x")), m.shiftX);
  m.shiftY = finiteOr(o.value(QStringLiteral("shift_y")), m.shiftY);
  m.frameEvery = o.value(QStringLiteral("frame_every")).toInt(m.frameEvery);
  m.smoothing = finiteOr(o.value(QStringLiteral("smoothing")), m.smoothing);
  return m.bounded();
}
}  // namespace

QString RunRecord::name() const { return QFileInfo(folder).fileName(); }
QString RunRecord::imagePath() const { return folder + QStringLiteral("/latest.png"); }
QString RunRecord::latentPath() const { return folder + QStringLiteral("/latent.f32"); }

QString RunRecord::promptsAt(qint64 step) const {
  QString p = settings.prompts;
  for (const auto& [at, prompts] : promptChanges)
    if (step < 0 || at < step) p = prompts;
  return p;
}

double RunRecord::lrAt(qint64 step) const {
  double lr = settings.lr;
  for (const auto& [at, value] : lrChanges)
    if (step < 0 || at < step) lr = value;
  return lr;
}

QString RunRecord::lastPrompts() const { return promptsAt(-1); }

VqganPanel::Settings RunRecord::settingsAt(qint64 step) const {
  VqganPanel::Settings s = settings;
  s.prompts = promptsAt(step);
  s.lr = lrAt(step);
  return s;
}

QStringList RunRecord::allPrompts() const {
  QStringList all{settings.prompts};
  for (const auto& change : promptChanges) all << change.second;
  return all;
}

bool RunRecord::addPromptChange(qint64 step, const QString& prompts) {
  // Two edits before the worker's next step: only the later one ever drives a step.
  if (!promptChanges.isEmpty() && promptChanges.last().first == step) promptChanges.removeLast();
  if (prompts == lastPrompts()) return false;
  promptChanges.append({step, prompts});
  return true;
}

void RunRecord::addLrChange(qint64 step, double lr) {
  if (!lrChanges.isEmpty() && lrChanges.last().first == step) lrChanges.removeLast();
  if (lr != lrAt(-1)) lrChanges.append({step, lr});
}

bool RunRecord::save(QString* error) const {
  const VqganPanel::Settings& s = settings;
  QJsonObject o{
      {QStringLiteral("format"), kFormat},
      {QStringLiteral("started"), iso(started)},
      {QStringLiteral("ended"), iso(ended)},
      {QStringLiteral("state"), state},
      {QStringLiteral("generator"), s.modeName()},  // gan, vqgan, or a drawer: pixel, fft
      {QStringLiteral("generator_path"), s.generatorPath},
      {QStringLiteral("model"), model},
      {QStringLiteral("clip"), clip},
      {QStringLiteral("prompts"), s.prompts},
      {QStringLiteral("seed"), s.seed},
      {QStringLiteral("size"), s.size},
      {QStringLiteral("steps"), s.steps},
      {QStringLiteral("steps_done"), stepsDone},
      {QStringLiteral("cutn"), s.cutn},
      {QStringLiteral("cut_pow"), s.cutPow},
      {QStringLiteral("lr"), s.lr},
      {QStringLiteral("optimiser"), s.optimiser},
      {QStringLiteral("favourite"), favourite},
      {QStringLiteral("continued_from"), continuedFrom},
      {QStringLiteral("latent_step"), latentStep},
      {QStringLiteral("image_prompts"), QJsonArray::fromStringList(s.imagePrompts)},
      {QStringLiteral("init_image"), s.initImage},
      {QStringLiteral("init_weight"), s.initWeight},
      {QStringLiteral("init_noise"), s.initNoise},
      {QStringLiteral("biggan_class"), s.bigganClass},
      // As the run ended: live edits of them are not kept by step (prompts and lr are).
      {QStringLiteral("constraints"), constraintsJson(s.constraints)},
      {QStringLiteral("schedule"), s.schedule},
      {QStringLiteral("drawer"), drawerJson(s.drawing)},
      {QStringLiteral("motion"), motionJson(s.motion)},
  };
  QJsonArray prompts, rates;
  for (const auto& [step, text] : promptChanges)
    prompts.append(QJsonObject{{QStringLiteral("step"), step}, {QStringLiteral("prompts"), text}});
  for (const auto& [step, lr] : lrChanges) rates.append(QJsonObject{{QStringLiteral("step"), step}, {QStringLiteral("lr"), lr}});
  o[QStringLiteral("prompt_changes")] = prompts;
  o[QStringLiteral("lr_changes")] = rates;
  QString why;
  const QString path = folder + QLatin1Char('/') + kRecordFile;
  if (saveAtomically(path, textWriter(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented))), &why)) return true;
  if (error) *error = couldNotWrite(path, why);
  return false;
}

RunRecord RunRecord::load(const QString& folder, bool* ok) {
  RunRecord r;
  r.folder = folder;
  bool good = false;
  QFile file(folder + QLatin1Char('/') + kRecordFile);
  if (file.size() <= kMaxRecordBytes && file.open(QIODevice::ReadOnly)) {
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    if (o.value(QStringLiteral("format")).toInt() >= 1) {
      good = r.recorded = true;
      VqganPanel::Settings& s = r.settings;
      // Anything but a GAN or a drawer is VQGAN (as before drawers).
      const QString generator = o.value(QStringLiteral("generator")).toString();
      const bool named = generator == QLatin1String("gan") || generator == QLatin1String("pixel") || generator == QLatin1String("fft");
      s.setMode(named ? generator : QStringLiteral("vqgan"));
      s.generatorPath = o.value(QStringLiteral("generator_path")).toString();
      s.prompts = o.value(QStringLiteral("prompts")).toString();
      s.seed = o.value(QStringLiteral("seed")).toInt(s.seed);
      s.size = o.value(QStringLiteral("size")).toInt(s.size);
      s.steps = o.value(QStringLiteral("steps")).toInt(s.steps);
      s.cutn = o.value(QStringLiteral("cutn")).toInt(s.cutn);
      s.cutPow = finiteOr(o.value(QStringLiteral("cut_pow")), s.cutPow);
      s.lr = finiteOr(o.value(QStringLiteral("lr")), s.lr);
      for (const QJsonValue& v : o.value(QStringLiteral("image_prompts")).toArray())
        if (v.isString() && s.imagePrompts.size() < 64) s.imagePrompts << v.toString();
      s.initImage = o.value(QStringLiteral("init_image")).toString();
      s.bigganClass = o.value(QStringLiteral("biggan_class")).toInt(-1);
      s.initWeight = std::clamp(finiteOr(o.value(QStringLiteral("init_weight")), 0.0), 0.0, 10.0);
      s.initNoise = o.value(QStringLiteral("init_noise")).toString(s.initNoise);
      s.optimiser = o.value(QStringLiteral("optimiser")).toString(s.optimiser);
      s.constraints = constraintsFrom(o.value(QStringLiteral("constraints")).toObject());
      s.schedule = o.value(QStringLiteral("schedule")).toString();
      s.drawing = drawerFrom(o.value(QStringLiteral("drawer")).toObject());
      s.motion = motionFrom(o.value(QStringLiteral("motion")).toObject());
      r.model = o.value(QStringLiteral("model")).toString();
      r.clip = o.value(QStringLiteral("clip")).toString();
      r.started = QDateTime::fromString(o.value(QStringLiteral("started")).toString(), Qt::ISODateWithMs);
      r.ended = QDateTime::fromString(o.value(QStringLiteral("ended")).toString(), Qt::ISODateWithMs);
      r.state = o.value(QStringLiteral("state")).toString();
      r.stepsDone = o.value(QStringLiteral("steps_done")).toInteger(-1);
      r.latentStep = o.value(QStringLiteral("latent_step")).toInteger(-1);
      r.continuedFrom = o.value(QStringLiteral("continued_from")).toString();
      r.favourite = o.value(QStringLiteral("favourite")).toBool();
      for (const QJsonValue& v : o.value(QStringLiteral("prompt_changes")).toArray())
        r.promptChanges.append({v[QStringLiteral("step")].toInteger(), v[QStringLiteral("prompts")].toString()});
      for (const QJsonValue& v : o.value(QStringLiteral("lr_changes")).toArray())
        r.lrChanges.append({v[QStringLiteral("step")].toInteger(), finiteOr(v[QStringLiteral("lr")], s.lr)});
    }
  }
  if (!good) {
    // A run from before run.json: what its latest frame says (prompts as they were at the end).
    r.settings = VqganPanel::settingsFromPng(r.imagePath(), &good);
    r.model = r.settings.gan ? r.settings.generatorPath : QString();
  }
  if (!r.started.isValid()) {
    r.started = QDateTime::fromString(QFileInfo(folder).fileName(), QStringLiteral("yyyyMMdd-hhmmss-zzz"));
    if (!r.started.isValid()) r.started = QFileInfo(r.imagePath()).lastModified();
  }
  if (ok) *ok = good;
  return r;
}

QList<RunRecord> RunRecord::scan(const QString& history) {
  QList<RunRecord> runs;
  for (const QFileInfo& dir : QDir(history).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
    bool ok = false;
    RunRecord r = load(dir.absoluteFilePath(), &ok);
    if (ok) runs << r;
  }
  std::stable_sort(runs.begin(), runs.end(), [](const RunRecord& a, const RunRecord& b) {
    return a.started != b.started ? a.started > b.started : a.name() > b.name();
  });
  return runs;
}

bool RunRecord::writeLatent(const QString& path, const QVector<float>& latent, QString* error) {
  QByteArray bytes(qsizetype(latent.size()) * 4, '\0');
  for (qsizetype i = 0; i < latent.size(); ++i) qToLittleEndian(latent[i], bytes.data() + i * 4);
  QString why;
  const bool ok = saveAtomically(
      path, [&bytes](QIODevice& f) { return f.write(bytes) == bytes.size(); }, &why);
  if (!ok && error) *error = couldNotWrite(path, why);
  return ok;
}

QVector<float> RunRecord::readLatent(const QString& path) {
  QFile f(path);
  if (f.size() % 4 != 0 || f.size() > kMaxLatentBytes || !f.open(QIODevice::ReadOnly)) return {};
  const QByteArray bytes = f.readAll();
  QVector<float> latent(bytes.size() / 4);
  for (qsizetype i = 0; i < latent.size(); ++i) latent[i] = qFromLittleEndian<float>(bytes.constData() + i * 4);
  return latent;
}

}  // namespace atelier
