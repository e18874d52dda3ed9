// The CLIP + VQGAN tab's constraints: a collapsible group under the prompts with the guidance
// loop's weighted terms (the engine's guide/constraints.h says what each measures): left/right
// and top/bottom symmetry, smoothness, saturation, a palette, a border colour, seamless tiles.
// Engine-free, like the panel that holds it: the app hands it the engine's colour check and
// sends its edits to a running job.
#pragma once
#include <QList>
#include <QPair>
#include <QString>
#include <QWidget>

#include <functional>

class QCheckBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPixmap;
class QPushButton;
class QTimer;
class QToolButton;

namespace atelier {

// The constraints' settings, as GuideOptions holds them: 0, empty or false is off.
struct ConstraintSettings {
  double symmetry = 0, symmetryVertical = 0, smooth = 0, saturation = 0;  // saturation may be negative
  QString palette;                                                        // "#rrggbb,#rrggbb,..."
  double paletteWeight = 1.0;
  QString border;  // "#rrggbb"
  double borderWeight = 1.0;
  bool tile = false;
  double tileWeight = 100.0;
  bool operator==(const ConstraintSettings&) const = default;
  int activeCount() const;  // how many terms are on

  // As PNG text chunks (key, value), the keys "clip-atelier:symmetry" and so on; read back by
  // fromText from a lookup of those keys. A chunk that is absent or not a finite number keeps the
  // default (frames saved before constraints: none).
  QList<QPair<QString, QString>> toText() const;
  static ConstraintSettings fromText(const std::function<QString(const QString& key)>& text);
};

class ConstraintsBox : public QWidget {
  Q_OBJECT
 public:
  // Why a palette (palette: true) or a border colour is refused, empty when it is fine; the app
  // installs the engine's parse_palette and parse_colour so the hint says what a run would say.
  using ColourCheck = std::function<QString(const QString& text, bool palette)>;

  explicit ConstraintsBox(QWidget* parent = nullptr);
  ConstraintSettings constraints() const;
  // Set by the program (restored, a saved frame opened): no edited() follows. Expands the group
  // when a constraint is on.
  void setConstraints(const ConstraintSettings& constraints);
  void setColourCheck(ColourCheck check);
  // Why the palette or border text is refused (empty: fine, or empty text = off).
  QString paletteProblem() const;
  QString borderProblem() const;
  bool expanded() const;
  void setExpanded(bool expanded);
  // For other colour fields (the pixel-art palette): the default check (the engine's rules, in
  // fewer words), and a strip of the colours in text that parse ("#rrggbb,...").
  static QString plainColourCheck(const QString& text, bool palette);
  static QPixmap swatchOf(const QString& text);

 Q_SIGNALS:
  // A field was changed by the user; debounced (once typing pauses), for a running job.
  void edited();

 protected:
  void changeEvent(QEvent* event) override;  // LanguageChange: the texts again

 private:
  QDoubleSpinBox* weightBox(const char* objectName, double lo, double hi, double value);
  // A colour text field's row: the field, a swatch of its colours, a Pick… button.
  QWidget* colourRow(QLineEdit* edit, QLabel* swatch, QPushButton* pick);
  void pickColour(QLineEdit* edit, bool append);
  void retranslate();
  void refresh();  // swatches, hints, the header's count

  QToolButton* m_header;
  QWidget* m_body;
  QFormLayout* m_form;
  QDoubleSpinBox* m_symmetry;
  QDoubleSpinBox* m_symmetryVertical;
  QDoubleSpinBox* m_smooth;
  QDoubleSpinBox* m_saturation;
  QLineEdit* m_palette;
  QLabel* m_paletteSwatch;
  QPushButton* m_palettePick;
  QLabel* m_paletteHint;
  QDoubleSpinBox* m_paletteWeight;
  QLineEdit* m_border;
  QLabel* m_borderSwatch;
  QPushButton* m_borderPick;
  QLabel* m_borderHint;
  QDoubleSpinBox* m_borderWeight;
  QCheckBox* m_tile;
  QDoubleSpinBox* m_tileWeight;
  QTimer* m_timer;
  ColourCheck m_check;
};

}  // namespace atelier
