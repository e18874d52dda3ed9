// The CLIP + VQGAN tab's motion: a collapsible group (as the Constraints group) with the guidance
// loop's per-frame zoom, rotation and shift of the canvas, how often a frame is made (motion is
// applied after each), and the smoothing of the frames against flicker (the engine's
// guide/guide.h says what each does). Only a generator that can take an image back (VQGAN, a
// drawer) moves: for CLIP + GAN the group is disabled, its tooltip says why. Engine-free.
#pragma once
#include <QList>
#include <QPair>
#include <QString>
#include <QWidget>

#include <functional>

class QDoubleSpinBox;
class QFormLayout;
class QSpinBox;
class QToolButton;

namespace atelier {

// The motion's settings, as GuideOptions holds them: zoom 1, rotation 0 and shifts 0 are no motion.
struct MotionSettings {
  double zoom = 1.0;                    // per frame; above 1 zooms in (0.5 to 2)
  double rotate = 0.0;                  // degrees per frame, anticlockwise (-45 to 45)
  double shiftX = 0.0, shiftY = 0.0;    // pixels per frame, right and down
  int frameEvery = 5;                   // a frame (and the motion after it) every this many steps
  double smoothing = 0.0;               // 0 (off) to 0.99: the frames from a moving average of the latent
  bool operator==(const MotionSettings&) const = default;
  bool moves() const { return zoom != 1.0 || rotate != 0.0 || shiftX != 0.0 || shiftY != 0.0; }

  // As PNG text chunks (key, value): "clip-atelier:zoom" and so on; fromText reads them back from
  // a lookup of those keys. A chunk that is absent or not a finite number keeps the default
  // (frames saved before motion: none), a value out of the fields' range is brought into it.
  QList<QPair<QString, QString>> toText() const;
  static MotionSettings fromText(const std::function<QString(const QString& key)>& text);
  // The same values brought into the fields' ranges (a file's values, a hand-edited record).
  MotionSettings bounded() const;
};

class MotionBox : public QWidget {
  Q_OBJECT
 public:
  explicit MotionBox(QWidget* parent = nullptr);
  MotionSettings motion() const;
  // Set by the program (restored, a saved frame opened). Expands the group when it moves or smooths.
  void setMotion(const MotionSettings& motion);
  // The image's side: a shift is at most a quarter of it (the engine's bound).
  void setImageSize(int size);
  // false: the generator can't take an image back (CLIP + GAN); the group is disabled and its
  // tooltip says why (empty reason: the default sentence).
  void setAvailable(bool available, const QString& reason = {});
  bool isAvailable() const { return m_available; }
  bool expanded() const;
  void setExpanded(bool expanded);

 protected:
  void changeEvent(QEvent* event) override;  // LanguageChange: the texts again

 private:
  QDoubleSpinBox* box(const char* objectName, double lo, double hi, double value, int decimals, double step);
  void retranslate();
  void refresh();  // the header's text

  QToolButton* m_header;
  QWidget* m_body;
  QFormLayout* m_form;
  QDoubleSpinBox* m_zoom;
  QDoubleSpinBox* m_rotate;
  QDoubleSpinBox* m_shiftX;
  QDoubleSpinBox* m_shiftY;
  QSpinBox* m_frameEvery;
  QDoubleSpinBox* m_smoothing;
  bool m_available = true;
  QString m_reason;  // why not available, as given
};

}  // namespace atelier
