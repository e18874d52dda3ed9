// The CLIP + VQGAN tab's image inputs, four rows of its settings form: the image prompts (image
// files whose CLIP embeddings are targets too, weight 1; both generators), the init image
// (CLIP + VQGAN starts from its codes), the start without one (random codes, pixels, a gradient
// or soft patches: generate --init-noise) and the init weight (pulls the latent towards them).
// Engine-free, like the panel that holds it.
#pragma once
#include <QObject>
#include <QString>
#include <QStringList>

class QAction;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QListWidget;
class QPushButton;
class QWidget;

namespace atelier {

class ImageInputs : public QObject {
  Q_OBJECT
 public:
  // The rows go into form from row on; their widgets are children of owner (the form's widget).
  ImageInputs(QFormLayout* form, int row, QWidget* owner);

  QStringList imagePrompts() const;
  void setImagePrompts(const QStringList& paths);
  bool addImagePrompt(const QString& path);  // made absolute; false: empty, or already listed
  QString initImage() const { return m_initPath; }
  void setInitImage(const QString& path);  // made absolute; empty: none
  double initWeight() const;
  void setInitWeight(double weight);
  // The start without an init image (objectName "initNoise"), as generate --init-noise names it:
  // "codes", "pixels", "gradient" or "smooth"; an unknown name sets "codes".
  QString initNoise() const;
  void setInitNoise(const QString& name);
  // Only CLIP + VQGAN starts from an image: false (CLIP + GAN) disables the init rows, and
  // their tooltips say why.
  void setInitEnabled(bool enabled);
  bool initEnabled() const { return m_initEnabled; }
  // The texts and tooltips again (the panel calls it on QEvent::LanguageChange).
  void retranslate();

 private:
  void chooseImagePrompts();
  void chooseInitImage();
  void removeSelected();
  void refresh();  // the buttons' states, the init name and every tooltip
  QString fileFilter() const;

  QWidget* m_owner;
  QLabel* m_promptsLabel;
  QListWidget* m_list;
  QPushButton* m_add;
  QPushButton* m_remove;
  QAction* m_removeAction;
  QLabel* m_initLabel;
  QLabel* m_initName;
  QPushButton* m_choose;
  QPushButton* m_clear;
  QLabel* m_noiseLabel;
  QComboBox* m_noise;
  QLabel* m_weightLabel;
  QDoubleSpinBox* m_weight;
  QString m_initPath;
  QString m_folder;  // where the file dialogs open (the last folder chosen from)
  bool m_initEnabled = true;
};

}  // namespace atelier
