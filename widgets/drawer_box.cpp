// The CLIP + VQGAN tab's drawer settings: pixel art's grid and palette, the FFT image's decay.
#include "drawer_box.h"

#include "form_rows.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace atelier {

namespace {
constexpr int kMinCells = 4;      // fewer cells are no picture
constexpr int kMinCellPixels = 2;  // smaller cells are no pixel art
constexpr int kMaxGrid = 1024;     // a grid read from a file is kept to this
constexpr double kMaxDecay = 4.0;  // the engine's bound (guide::check_motion)

QString key(const char* name) { return QStringLiteral("clip-atelier:") + QLatin1String(name); }
}  // namespace

QList<QPair<QString, QString>> DrawerSettings::toText() const {
  return {{key("grid_width"), QString::number(gridWidth)},
          {key("grid_height"), QString::number(gridHeight)},
          {key("pixel_palette"), pixelPalette},
          {key("fft_decay"), QString::number(fftDecay, 'g', 17)}};
}

DrawerSettings DrawerSettings::fromText(const std::function<QString(const QString& key)>& text) {
  DrawerSettings d;
  bool good = false;
  const int w = text(key("grid_width")).toInt(&good);
  if (good) d.gridWidth = w;
  const int h = text(key("grid_height")).toInt(&good);
  if (good) d.gridHeight = h;
  d.pixelPalette = text(key("pixel_palette")).left(4096);  // 64 colours are about 600 characters
  const double decay = text(key("fft_decay")).toDouble(&good);
  if (good && std::isfinite(decay)) d.fftDecay = decay;
  return d.bounded();
}

DrawerSettings DrawerSettings::bounded() const {
  DrawerSettings d = *this;
  d.gridWidth = std::clamp(d.gridWidth, 1, kMaxGrid);
  d.gridHeight = std::clamp(d.gridHeight, 1, kMaxGrid);
  d.fftDecay = std::clamp(d.fftDecay, 0.0, kMaxDecay);
  return d;
}

QList<int> DrawerBox::gridChoices(int size) {
  QList<int> counts;
  for (int cells = kMinCells; cells * kMinCellPixels <= size; ++cells)
    if (size % cells == 0) counts << cells;
  return counts;
}

int DrawerBox::nearestGrid(int wanted, int size) {
  const QList<int> counts = gridChoices(size);
  if (counts.isEmpty()) return wanted;
  int best = counts.first();
  for (int c : counts)  // ascending: a tie goes to the larger
    if (std::abs(c - wanted) <= std::abs(best - wanted)) best = c;
  return best;
}

DrawerBox::DrawerBox(QWidget* parent)
    : QWidget(parent),
      m_form(new QFormLayout),
      m_gridWidth(new QComboBox(this)),
      m_gridHeight(new QComboBox(this)),
      m_gridRow(new QWidget(this)),
      m_palette(new QLineEdit(this)),
      m_swatch(new QLabel(this)),
      m_paletteRow(new QWidget(this)),
      m_hint(new QLabel(this)),
      m_decay(new QDoubleSpinBox(this)),
      m_check(ConstraintsBox::plainColourCheck) {
  setObjectName(QStringLiteral("drawerBox"));
  m_gridWidth->setObjectName(QStringLiteral("gridWidth"));
  m_gridHeight->setObjectName(QStringLiteral("gridHeight"));
  m_palette->setObjectName(QStringLiteral("pixelPalette"));
  m_palette->setPlaceholderText(QStringLiteral("#1b1b3a,#e0c060,#f4f4f4"));
  m_palette->setMinimumWidth(60);
  m_hint->setObjectName(QStringLiteral("pixelPaletteHint"));
  m_hint->setWordWrap(true);
  m_hint->setStyleSheet(QStringLiteral("color: #c62828"));  // red in both themes, as the constraints' hints
  m_hint->hide();
  m_decay->setObjectName(QStringLiteral("fftDecay"));
  m_decay->setRange(0.0, kMaxDecay);
  m_decay->setDecimals(2);
  m_decay->setSingleStep(0.1);
  m_decay->setValue(DrawerSettings{}.fftDecay);

  auto* grid = new QHBoxLayout(m_gridRow);
  grid->setContentsMargins(0, 0, 0, 0);
  grid->addWidget(m_gridWidth, 1);
  grid->addWidget(new QLabel(QStringLiteral("×"), m_gridRow));
  grid->addWidget(m_gridHeight, 1);
  auto* palette = new QHBoxLayout(m_paletteRow);
  palette->setContentsMargins(0, 0, 0, 0);
  palette->addWidget(m_palette, 1);
  palette->addWidget(m_swatch);

  auto* body = new QWidget(this);  // in a column, as the Constraints group's rows
  body->setLayout(m_form);
  auto* column = new QVBoxLayout(this);
  column->setContentsMargins(0, 0, 0, 0);
  column->addWidget(body);
  m_form->setContentsMargins(0, 0, 0, 0);
  for (QWidget* field : {m_gridRow, m_paletteRow}) {
    auto* label = new QLabel(this);
    label->setBuddy(field == m_gridRow ? static_cast<QWidget*>(m_gridWidth) : m_palette);
    m_form->addRow(label, field);
  }
  m_form->addRow(m_hint);
  auto* decayLabel = new QLabel(this);
  decayLabel->setBuddy(m_decay);
  m_form->addRow(decayLabel, m_decay);

  // The grid a person picks is the one wanted at every size it divides.
  connect(m_gridWidth, &QComboBox::activated, this, [this] { m_wantedWidth = m_gridWidth->currentData().toInt(); });
  connect(m_gridHeight, &QComboBox::activated, this, [this] { m_wantedHeight = m_gridHeight->currentData().toInt(); });
  connect(m_palette, &QLineEdit::textChanged, this, &DrawerBox::refresh);
  fillGrid(m_gridWidth, m_wantedWidth);
  fillGrid(m_gridHeight, m_wantedHeight);
  setDrawer(DrawerKind::None);
  retranslate();
}

void DrawerBox::fillGrid(QComboBox* combo, int wanted) {
  const QSignalBlocker block(combo);
  combo->clear();
  QList<int> counts = gridChoices(m_size);
  if (counts.isEmpty()) counts << std::max(1, wanted);  // a size too small for any: the grid as it is (the run says why)
  for (int c : counts) combo->addItem(QString::number(c), c);
  combo->setCurrentIndex(std::max(0, combo->findData(nearestGrid(wanted, m_size))));
}

DrawerSettings DrawerBox::drawing() const {
  DrawerSettings d;
  d.gridWidth = m_gridWidth->currentData().toInt();
  d.gridHeight = m_gridHeight->currentData().toInt();
  d.pixelPalette = m_palette->text().trimmed();
  d.fftDecay = m_decay->value();
  return d;
}

void DrawerBox::setDrawing(const DrawerSettings& drawing) {
  const DrawerSettings d = drawing.bounded();
  m_wantedWidth = d.gridWidth;
  m_wantedHeight = d.gridHeight;
  fillGrid(m_gridWidth, m_wantedWidth);
  fillGrid(m_gridHeight, m_wantedHeight);
  m_palette->setText(d.pixelPalette);
  m_decay->setValue(d.fftDecay);
  refresh();
}

void DrawerBox::setDrawer(DrawerKind kind) {
  m_kind = kind;
  const bool pixel = kind == DrawerKind::Pixel;
  m_form->setRowVisible(m_gridRow, pixel);
  m_form->setRowVisible(m_paletteRow, pixel);
  m_form->setRowVisible(m_decay, kind == DrawerKind::Fft);
  refresh();  // the hint shows with pixel art's rows only
}

void DrawerBox::setImageSize(int size) {
  if (size <= 0 || size == m_size) return;
  m_size = size;
  fillGrid(m_gridWidth, m_wantedWidth);
  fillGrid(m_gridHeight, m_wantedHeight);
}

void DrawerBox::setColourCheck(ConstraintsBox::ColourCheck check) {
  m_check = check ? std::move(check) : ConstraintsBox::ColourCheck(ConstraintsBox::plainColourCheck);
  refresh();
}

QString DrawerBox::paletteProblem() const {
  const QString text = m_palette->text().trimmed();
  return text.isEmpty() ? QString() : m_check(text, true);
}

void DrawerBox::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::LanguageChange) retranslate();
}

void DrawerBox::refresh() {
  m_swatch->setPixmap(ConstraintsBox::swatchOf(m_palette->text()));
  const QString why = paletteProblem();
  m_hint->setText(why.isEmpty() ? QString() : tr("Palette: %1 (a run refuses it until it reads right)").arg(why));
  m_form->setRowVisible(m_hint, m_kind == DrawerKind::Pixel && !why.isEmpty());
  refreshHiddenRows(m_form);
}

void DrawerBox::retranslate() {
  auto label = [this](QWidget* field, const QString& text, const QString& tip) {
    if (auto* l = qobject_cast<QLabel*>(m_form->labelForField(field))) {
      l->setText(text);
      l->setToolTip(tip);
    }
    field->setToolTip(tip);
  };
  label(m_gridRow, tr("Grid:"),
        tr("Pixel art's cells, across × down: each cell is one colour. Only counts that divide the image size are offered"));
  m_gridWidth->setToolTip(tr("Cells across"));
  m_gridHeight->setToolTip(tr("Cells down"));
  label(m_paletteRow, tr("Palette:"),
        tr("Every cell shows the nearest of these colours (as #rrggbb,#rrggbb,…); empty = any colour"));
  m_palette->setToolTip(m_paletteRow->toolTip());
  label(m_decay, tr("Decay:"),
        tr("How fast the FFT image's spectrum falls off with frequency (1 / frequency^decay): higher is smoother, lower "
           "is finer and noisier; 1 by default"));
  refresh();
}

}  // namespace atelier
