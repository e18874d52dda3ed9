// The GAN tab: sample z, see G(z); the seed, truncation, z as a heat strip, a grid of samples,
// and an interpolation between two of them.
#pragma once
#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QSpinBox;

namespace atelier {

class HeatStrip;
class ImageCanvas;
class NoteBox;

class GanPanel : public QWidget {
  Q_OBJECT
 public:
  explicit GanPanel(QWidget* parent = nullptr);
  NoteBox* note() const { return m_note; }
  ImageCanvas* canvas() const { return m_canvas; }
  int seed() const;
  void setSeed(int seed);
  void setModelAvailable(bool available, const QString& reason);

 Q_SIGNALS:
  void sampleRequested(int seed);

 private:
  NoteBox* m_note;
  QLabel* m_banner;
  ImageCanvas* m_canvas;
  HeatStrip* m_z;
  QComboBox* m_model;
  QSpinBox* m_seed;
  QList<QWidget*> m_needModel;
};

}  // namespace atelier
