// The CLIP + VQGAN tab's drawers, generators that need no VQGAN (the engine's guide/drawers.h):
// pixel art (a grid of cells, each one colour, optionally from a palette) and the FFT image (a
// spectrum with a falloff). This group holds their settings under the Generator row and shows
// the ones of the drawer chosen: the Grid (cells across and down, only counts that divide the
// image size) and the Palette for pixel art, the Decay for the FFT image. Engine-free, like the
// panel that holds it: the app hands it the engine's palette check.
#pragma once
#include <QList>
#include <QPair>
#include <QString>
#include <QWidget>

#include <functional>

#include "constraints_box.h"

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace atelier {

// The drawer a run paints with; None: no drawer (the generator is a GAN or VQGAN).
enum class DrawerKind { None, Pixel, Fft };

// The drawers' settings, as GuideOptions holds them (grid_width, grid_height, pixel_palette, fft_decay).
struct DrawerSettings {
  int gridWidth = 32, gridHeight = 32;  // pixel art's cells across and down
  QString pixelPalette;                 // "#rrggbb,..."; empty: any colour
  double fftDecay = 1.0;                // the FFT image's spectrum falloff, 1 / frequency^decay
  bool operator==(const DrawerSettings&) const = default;

  // As PNG text chunks (key, value): "clip-atelier:grid_width" and so on; fromText reads them back
  // from a lookup of those keys. Absent or unusable chunks keep the defaults (frames saved before
  // drawers), values are brought into the fields' ranges.
  QList<QPair<QString, QString>> toText() const;
  static DrawerSettings fromText(const std::function<QString(const QString& key)>& text);
  DrawerSettings bounded() const;  // the values brought into the fields' ranges
};

class DrawerBox : public QWidget {
  Q_OBJECT
 public:
  explicit DrawerBox(QWidget* parent = nullptr);
  DrawerSettings drawing() const;
  // Set by the program (restored, a saved frame opened): a grid that doesn't divide the image
  // size is shown as the nearest count that does (and taken again at a size it divides).
  void setDrawing(const DrawerSettings& drawing);
  // Which rows show: pixel art's, the FFT image's, none (the box itself stays shown, empty).
  void setDrawer(DrawerKind kind);
  DrawerKind drawer() const { return m_kind; }
  // The image's side: the Grid offers the cell counts that divide it.
  void setImageSize(int size);
  // Why a palette is refused, as ConstraintsBox's check (the app installs the engine's parse_palette).
  void setColourCheck(ConstraintsBox::ColourCheck check);
  QString paletteProblem() const;  // empty: fine, or no palette

  // The cell counts a side of size pixels offers: its divisors from 4 cells up to cells of 2
  // pixels; nearestGrid: the one of them closest to wanted (the larger on a tie; wanted when none).
  static QList<int> gridChoices(int size);
  static int nearestGrid(int wanted, int size);

 protected:
  void changeEvent(QEvent* event) override;  // LanguageChange: the texts again

 private:
  void fillGrid(QComboBox* combo, int wanted);
  void retranslate();
  void refresh();  // the palette's swatch and hint

  QFormLayout* m_form;
  QComboBox* m_gridWidth;
  QComboBox* m_gridHeight;
  QWidget* m_gridRow;
  QLineEdit* m_palette;
  QLabel* m_swatch;
  QWidget* m_paletteRow;
  QLabel* m_hint;
  QDoubleSpinBox* m_decay;
  DrawerKind m_kind = DrawerKind::None;
  int m_size = 128;
  int m_wantedWidth = 32, m_wantedHeight = 32;  // the grid chosen, kept across sizes it doesn't divide
  ConstraintsBox::ColourCheck m_check;
};

}  // namespace atelier
