// The GAN tab's controller: finds the installed generators (the DCGANs, then the BigGAN-deep
// models, named "BigGAN-deep: <name>"), loads one (from the worker's model cache), and samples,
// grids and interpolates as short tasks. A stale answer (for a model superseded since) is dropped.
// A BigGAN-deep samples a class at BigGAN's truncation; the tab's class and truncation are
// remembered (Settings GanClass, GanBigganTruncation).
#pragma once
#include <QImage>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>

namespace atelier {

class EngineBridge;
class FailedModels;
class GanPanel;
class Settings;

class GanController : public QObject {
  Q_OBJECT
 public:
  // panel and settings may be null (tests drive the controller alone).
  // failed: the record of model files that failed to load, shared with the other tabs (null: its own).
  GanController(EngineBridge* bridge, GanPanel* panel, Settings* settings, std::shared_ptr<FailedModels> failed = nullptr,
                QObject* parent = nullptr);
  ~GanController() override;

  void refresh();                    // answers models()
  void load(const QString& path);    // the user's choice: answers loaded() or loadFailed()
  // The first of paths that loads, preferred first, skipping files that failed before: answers
  // loaded() (and fellBack() when another one failed or was skipped) or loadFailed().
  void loadDefault(const QStringList& paths, const QString& preferred);
  bool ready() const { return m_ready; }
  // The loaded generator's class names, in class-index order: ImageNet's for a 1,000-class
  // BigGAN-deep, else "class N"; empty for a DCGAN.
  QStringList classNames() const { return m_classes; }
  // classIndex: a BigGAN-deep's class (ignored by a DCGAN; -1 for a BigGAN-deep: class 0).
  // truncation: a DCGAN's (0: off) or BigGAN's (0 < t <= 1; outside: its default 0.4).
  void sample(int seed, double truncation, int classIndex = -1);
  void grid(int firstSeed, int count, double truncation, int classIndex = -1);
  // z along the great circle from seedA's to seedB's; a BigGAN-deep's class vector along the line
  // from classA's one-hot to classB's (classB -1: classA's throughout).
  void interpolate(int seedA, int seedB, int frames, double truncation, int classA = -1, int classB = -1);

 Q_SIGNALS:
  void models(const QStringList& names, const QStringList& paths);
  void loaded(const QString& name, const QString& description, int zDim, int imageSize);
  void loadFailed(const QString& message);
  void sampled(int seed, const QImage& image, const QVector<double>& z, int classIndex);  // classIndex -1: a DCGAN's
  void gridReady(const QList<QImage>& images, const QList<int>& seeds);
  void interpolationReady(const QList<QImage>& frames);
  void failed(const QString& message);
  // The generator loaded is not the first choice: message names what failed and why; fresh:
  // something failed just now (not only files remembered from an earlier start).
  void fellBack(const QString& message, bool fresh);

 private:
  void connectPanel();
  void tryLoad(const QStringList& candidates, const QStringList& skipped, bool chosen);
  struct State;
  EngineBridge* m_bridge;
  GanPanel* m_panel;
  Settings* m_settings;
  std::shared_ptr<State> m_state;  // the loaded generator: touched on the worker thread only
  bool m_ready = false;
  QStringList m_classes;  // the loaded generator's class names (empty: a DCGAN)
  qint64 m_generation = 0;
  std::shared_ptr<FailedModels> m_failed;         // bumped by load(): answers for an older model are dropped
};

}  // namespace atelier
