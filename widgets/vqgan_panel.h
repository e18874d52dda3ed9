// The CLIP + VQGAN tab: prompts steer a VQGAN latent (or a GAN's z). Engine-free, like DrawPanel:
// the window runs the job; the panel holds the settings, saves frames with them in their PNG text
// chunks and reads them back (a file, a drop, the history).
#pragma once
#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>

#include "constraints_box.h"
#include "drawer_box.h"
#include "guided_panel.h"
#include "motion_box.h"

class QComboBox;
class QDoubleSpinBox;
class QFrame;
class QLabel;
class QPushButton;
class QSpinBox;
class QDragEnterEvent;
class QDropEvent;
class QEvent;

namespace atelier {

class ClassPicker;
class QueuePanel;
class ImageInputs;
class ScheduleEditor;

class VqganPanel : public GuidedPanel {
  Q_OBJECT
 public:
  struct Settings {
    QString prompts, generatorPath, optimiser = QStringLiteral("adam");
    int steps = 150, cutn = 16, seed = 0, size = 128;  // size: CLIP + VQGAN's square image
    double cutPow = 1.0, lr = 0.05;
    bool gan = true;  // CLIP + GAN; false: CLIP + VQGAN, or the drawer when one is set
    DrawerKind drawer = DrawerKind::None;  // with gan false: pixel art or the FFT image (no VQGAN); None: VQGAN
    QStringList imagePrompts;  // image files whose CLIP embeddings are targets too (weight 1; both generators)
    QString initImage;         // CLIP + VQGAN: the latent starts from this image's codes (empty: random)
    double initWeight = 0.0;   // CLIP + VQGAN: pulls towards the init image (0: only starts from it)
    QString initNoise = QStringLiteral("codes");  // CLIP + VQGAN's start without one: codes, pixels, gradient, smooth
    int bigganClass = -1;      // CLIP + BigGAN-deep: the class the run starts from (-1: the prompts choose)
    ConstraintSettings constraints;  // the weighted terms beside the prompts (both generators)
    QString schedule;  // a prompt schedule ("0: a forest; 150: a city"), in place of the prompts; empty: off
    DrawerSettings drawing;  // the drawers' grid, palette and decay (used by the drawer chosen)
    MotionSettings motion;   // zoom, rotation, shift per frame, frames, smoothing (not for a GAN)
    bool usesVqgan() const { return !gan && drawer == DrawerKind::None; }
    bool usesDrawer() const { return !gan && drawer != DrawerKind::None; }
    // The generator as the settings, PNG chunks and run.json name it: "gan", "vqgan", "pixel",
    // "fft"; setMode takes those back (anything else: "gan", as before drawers).
    QString modeName() const;
    void setMode(const QString& name);
  };
  // The generator's name for people: "CLIP + GAN", "CLIP + VQGAN", "Pixel art", "FFT image".
  static QString generatorTitle(const Settings& settings);
  // The largest image size the tab offers (the Size box's): a higher-resolution pass stays within it.
  int maxSize() const;
  explicit VqganPanel(QWidget* parent = nullptr);
  Settings settings() const;
  void setSettings(const Settings& settings);
  void setGenerators(const QStringList& names, const QStringList& paths);
  // A generator's class names (BigGAN-deep's, in class-index order): while it is the chosen
  // generator, the Class row (objectName "guideClass") shows them.
  void setGeneratorClasses(const QString& path, const QStringList& names);
  ClassPicker* classPicker() const { return m_class; }
  // The Constraints group (objectName "constraintsBox") and the schedule (toggle "scheduleEnabled",
  // list "scheduleTable"): the controller sends their edits to a running job, shows the keyframe.
  ConstraintsBox* constraintsBox() const { return m_constraints; }
  ScheduleEditor* scheduleEditor() const { return m_schedule; }
  // The queue (objectName "queuePanel"; issue 21): runs that wait their turn, Add to Queue, Batch….
  QueuePanel* queuePanel() const { return m_queue; }
  // The drawers' settings (objectName "drawerBox": "gridWidth", "gridHeight", "pixelPalette",
  // "fftDecay"), shown under the Generator in a drawer's mode, and the Motion group ("motionBox",
  // disabled for CLIP + GAN).
  DrawerBox* drawerBox() const { return m_drawer; }
  MotionBox* motionBox() const { return m_motion; }
  // The ×2 button (objectName "upscaleRun", upscaleRequested): the controller enables it when its
  // last run can be continued at twice the size; why says why not (its tooltip).
  void setUpscaleAvailable(bool available, const QString& why = {});
  // The VQGAN a CLIP + VQGAN run uses (the first found in the model folders); empty: none.
  void setVqgan(const QString& name);
  // The Image prompts row (objectName "imagePrompts"): adds the file (absolute; once), e.g. the
  // Library's "Use as Image Prompt"; the status line says so.
  void addImagePrompt(const QString& path);
  // The init image (objectName "initImage"; its weight "initWeight"), e.g. the Library's "Use as
  // Init Image"; empty clears it. Only CLIP + VQGAN uses it: in GAN mode the status says so.
  void setInitImage(const QString& path);
  // The current frame as PNG with every parameter in its text chunks; false + status on failure.
  bool saveFrame(const QString& path);
  static Settings settingsFromPng(const QString& path, bool* ok);  // what saveFrame wrote
  bool loadSettingsFromPng(const QString& path);  // also by dropping the PNG on the tab
  // The frame with the settings in its PNG text chunks; written whole or not at all.
  static QImage withSettings(QImage frame, const Settings& settings);
  void setHistoryFolder(const QString& folder) { m_historyFolder = folder; }
  // The settings of the run at a frame's step (-1: its newest frame): GuideController keeps the
  // prompts and learning rate by step, so a saved frame carries what made it, not what was typed
  // since. Unset: the fields' values.
  using FrameSettings = std::function<Settings(qint64 step)>;
  void setFrameSettings(FrameSettings frameSettings) { m_frameSettings = std::move(frameSettings); }
  Settings shownFrameSettings() const;  // what saveFrame writes with the frame shown now
  // The first-run banner (objectName "modelsBanner"): one sentence and a Get Models… button
  // (getModelsRequested); empty text hides it.
  void setBanner(const QString& text);
  QString bannerText() const;

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void changeEvent(QEvent* event) override;  // LanguageChange: the image inputs' texts again
  int exportSeed() const override;

 Q_SIGNALS:
  void learningRateEdited(double lr);
  void modeChanged(bool gan);  // any change of the Generator box; gan: it is CLIP + GAN now
  void upscaleRequested();     // the ×2 button: the last run again at twice its size, from its last latent
  void getModelsRequested();  // the banner's button: Models ▸ Get Models
  void historyRequested();    // the History… button (the gallery; a file dialog when none listens)

 private:
  // The Preset box (objectName "preset") on the preset whose values the steps and cutouts hold,
  // else on Custom.
  void matchPreset();
  void updateClassRow();  // shown for a generator with classes, in CLIP + GAN mode
  void updateModeRows();  // the model rows, the drawer's rows, the init image, the Motion group


  QComboBox* m_mode;
  QComboBox* m_generator;
  ClassPicker* m_class;
  QHash<QString, QStringList> m_generatorClasses;  // by generator path
  QLabel* m_vqganName;
  QComboBox* m_preset;
  QSpinBox* m_steps;
  QSpinBox* m_cutn;
  QDoubleSpinBox* m_cutPow;
  QDoubleSpinBox* m_lr;
  QComboBox* m_optimiser;
  QSpinBox* m_seed;
  QComboBox* m_size;
  ImageInputs* m_images = nullptr;  // the image prompts, init image and init weight rows
  ScheduleEditor* m_schedule = nullptr;  // the schedule toggle and keyframe list rows
  ConstraintsBox* m_constraints = nullptr;
  QueuePanel* m_queue = nullptr;
  DrawerBox* m_drawer = nullptr;
  MotionBox* m_motion = nullptr;
  QPushButton* m_upscale = nullptr;
  QString m_historyFolder;
  FrameSettings m_frameSettings;
  QFrame* m_modelsBanner;
  QLabel* m_modelsText;
};

}  // namespace atelier
