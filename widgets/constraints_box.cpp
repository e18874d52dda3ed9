// The CLIP + VQGAN tab's constraints group: weights, a palette, a border colour, tiles.
#include "constraints_box.h"

#include <QCheckBox>
#include <QColor>
#include <QColorDialog>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace atelier {

namespace {
constexpr int kMaxPaletteColours = 64;  // the engine's (guide/constraints.h)
constexpr int kSwatchWidth = 36, kSwatchHeight = 14;

// "#rrggbb" or "rrggbb" (the engine's rule); invalid QColor otherwise.
QColor colourOf(QStringView text) {
  QStringView t = text.trimmed();
  if (t.startsWith(u'#')) t = t.mid(1);
  if (t.size() != 6) return {};
  for (QChar c : t)
    if (!c.isDigit() && !QStringView(u"abcdefABCDEF").contains(c)) return {};
  return QColor::fromString(QStringLiteral("#") + t.toString());
}

// Without the app's check: the same rules as the engine's parse_palette and parse_colour, in
// fewer words.
QString localCheck(const QString& text, bool palette) {
  if (!palette) return colourOf(text).isValid() ? QString() : ConstraintsBox::tr("not a colour: write it as #rrggbb");
  const QStringList items = text.split(QLatin1Char(','));
  if (items.size() > kMaxPaletteColours) return ConstraintsBox::tr("more than %1 colours").arg(kMaxPaletteColours);
  for (qsizetype i = 0; i < items.size(); ++i)
    if (!colourOf(items[i]).isValid()) return ConstraintsBox::tr("colour %1 is not a colour: list them as #rrggbb,#rrggbb,…").arg(i + 1);
  return {};
}

// The colours side by side in a strip of a fixed width (a long palette does not widen the
// settings column), framed in grey; empty: a blank strip, so the row keeps its layout.
QPixmap swatch(const QList<QColor>& colours) {
  QPixmap pixmap(kSwatchWidth, kSwatchHeight);
  pixmap.fill(Qt::transparent);
  if (colours.isEmpty()) return pixmap;
  QPainter p(&pixmap);
  const double w = double(kSwatchWidth - 1) / double(colours.size());
  for (qsizetype i = 0; i < colours.size(); ++i) p.fillRect(QRectF(i * w, 0, w, kSwatchHeight - 1), colours[i]);
  p.setPen(QColor(128, 128, 128));
  p.drawRect(0, 0, kSwatchWidth - 1, kSwatchHeight - 1);
  return pixmap;
}

// The keys of the PNG text chunks, beside vqgan_panel.cpp's.
QString key(const char* name) { return QStringLiteral("clip-atelier:") + QLatin1String(name); }
QString number(double v) { return QString::number(v, 'g', 17); }
}  // namespace

int ConstraintSettings::activeCount() const {
  int n = 0;
  for (double w : {symmetry, symmetryVertical, smooth, saturation}) n += w != 0;
  n += !palette.trimmed().isEmpty() && paletteWeight != 0;
  n += !border.trimmed().isEmpty() && borderWeight != 0;
  return n + tile;
}

QList<QPair<QString, QString>> ConstraintSettings::toText() const {
  return {{key("symmetry"), number(symmetry)},
          {key("symmetry_vertical"), number(symmetryVertical)},
          {key("smooth"), number(smooth)},
          {key("saturation"), number(saturation)},
          {key("palette"), palette},
          {key("palette_weight"), number(paletteWeight)},
          {key("border"), border},
          {key("border_weight"), number(borderWeight)},
          {key("tile"), tile ? QStringLiteral("1") : QStringLiteral("0")},
          {key("tile_weight"), number(tileWeight)}};
}

ConstraintSettings ConstraintSettings::fromText(const std::function<QString(const QString& key)>& text) {
  ConstraintSettings c;
  // Numbers as written by this program; anything else (nan, inf, words) keeps the default, and
  // a weight is kept to the box's range.
  auto weight = [&](const char* name, double fallback, double lo, double hi) {
    bool good = false;
    const double v = text(key(name)).toDouble(&good);
    return good && std::isfinite(v) ? std::clamp(v, lo, hi) : fallback;
  };
  c.symmetry = weight("symmetry", c.symmetry, 0, 1000);
  c.symmetryVertical = weight("symmetry_vertical", c.symmetryVertical, 0, 1000);
  c.smooth = weight("smooth", c.smooth, 0, 1000);
  c.saturation = weight("saturation", c.saturation, -1000, 1000);
  c.palette = text(key("palette")).left(4096);  // 64 colours are about 600 characters
  c.paletteWeight = weight("palette_weight", c.paletteWeight, 0, 1000);
  c.border = text(key("border")).left(16);
  c.borderWeight = weight("border_weight", c.borderWeight, 0, 1000);
  c.tile = text(key("tile")) == QLatin1String("1");
  c.tileWeight = weight("tile_weight", c.tileWeight, 0, 10000);
  return c;
}

ConstraintsBox::ConstraintsBox(QWidget* parent)
    : QWidget(parent),
      m_header(new QToolButton(this)),
      m_body(new QWidget(this)),
      m_form(new QFormLayout(m_body)),
      m_symmetry(weightBox("constraintSymmetry", 0, 1000, 0)),
      m_symmetryVertical(weightBox("constraintSymmetryVertical", 0, 1000, 0)),
      m_smooth(weightBox("constraintSmooth", 0, 1000, 0)),
      m_saturation(weightBox("constraintSaturation", -1000, 1000, 0)),
      m_palette(new QLineEdit(m_body)),
      m_paletteSwatch(new QLabel(m_body)),
      m_palettePick(new QPushButton(m_body)),
      m_paletteHint(new QLabel(m_body)),
      m_paletteWeight(weightBox("constraintPaletteWeight", 0, 1000, 1)),
      m_border(new QLineEdit(m_body)),
      m_borderSwatch(new QLabel(m_body)),
      m_borderPick(new QPushButton(m_body)),
      m_borderHint(new QLabel(m_body)),
      m_borderWeight(weightBox("constraintBorderWeight", 0, 1000, 1)),
      m_tile(new QCheckBox(m_body)),
      m_tileWeight(weightBox("constraintTileWeight", 0, 10000, 100)),
      m_timer(new QTimer(this)),
      m_check(localCheck) {
  setObjectName(QStringLiteral("constraintsBox"));
  // The group folds away under its header: most runs use none, and the settings column is long.
  m_header->setObjectName(QStringLiteral("constraintsToggle"));
  m_header->setCheckable(true);
  m_header->setAutoRaise(true);
  m_header->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  connect(m_header, &QToolButton::toggled, this, &ConstraintsBox::setExpanded);
  m_palette->setObjectName(QStringLiteral("constraintPalette"));
  m_palette->setPlaceholderText(QStringLiteral("#1b1b3a,#e0c060,#f4f4f4"));
  m_border->setObjectName(QStringLiteral("constraintBorder"));
  m_border->setPlaceholderText(QStringLiteral("#000000"));
  m_tile->setObjectName(QStringLiteral("constraintTile"));
  m_palettePick->setObjectName(QStringLiteral("constraintPalettePick"));
  m_borderPick->setObjectName(QStringLiteral("constraintBorderPick"));
  for (QLabel* hint : {m_paletteHint, m_borderHint}) {
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: #c62828"));  // red in both themes
    hint->hide();
  }
  m_paletteHint->setObjectName(QStringLiteral("constraintPaletteHint"));
  m_borderHint->setObjectName(QStringLiteral("constraintBorderHint"));
  connect(m_palettePick, &QPushButton::clicked, this, [this] { pickColour(m_palette, true); });
  connect(m_borderPick, &QPushButton::clicked, this, [this] { pickColour(m_border, false); });

  // Labels above their fields when the settings column is narrow.
  m_form->setContentsMargins(0, 0, 0, 0);
  m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
  auto row = [this](QWidget* field) {
    auto* label = new QLabel(m_body);
    label->setBuddy(field);
    m_form->addRow(label, field);
  };
  row(m_symmetry);
  row(m_symmetryVertical);
  row(m_smooth);
  row(m_saturation);
  row(colourRow(m_palette, m_paletteSwatch, m_palettePick));
  m_form->addRow(m_paletteHint);
  row(m_paletteWeight);
  row(colourRow(m_border, m_borderSwatch, m_borderPick));
  m_form->addRow(m_borderHint);
  row(m_borderWeight);
  row(m_tile);
  row(m_tileWeight);
  auto* column = new QVBoxLayout(this);
  column->setContentsMargins(0, 0, 0, 0);
  column->addWidget(m_header);
  column->addWidget(m_body);

  // Edits reach a running job once typing pauses, as the prompts' do (GuidedPanel).
  m_timer->setSingleShot(true);
  m_timer->setInterval(400);
  connect(m_timer, &QTimer::timeout, this, &ConstraintsBox::edited);
  for (QDoubleSpinBox* box : {m_symmetry, m_symmetryVertical, m_smooth, m_saturation, m_paletteWeight, m_borderWeight, m_tileWeight})
    connect(box, &QDoubleSpinBox::valueChanged, m_timer, qOverload<>(&QTimer::start));
  for (QLineEdit* edit : {m_palette, m_border}) {
    connect(edit, &QLineEdit::textChanged, this, &ConstraintsBox::refresh);
    connect(edit, &QLineEdit::textChanged, m_timer, qOverload<>(&QTimer::start));
  }
  connect(m_tile, &QCheckBox::toggled, m_timer, qOverload<>(&QTimer::start));
  connect(m_tile, &QCheckBox::toggled, m_tileWeight, &QWidget::setEnabled);
  for (QDoubleSpinBox* box : {m_symmetry, m_symmetryVertical, m_smooth, m_saturation})
    connect(box, &QDoubleSpinBox::valueChanged, this, &ConstraintsBox::refresh);
  m_tileWeight->setEnabled(false);
  setExpanded(false);
  retranslate();
}

QDoubleSpinBox* ConstraintsBox::weightBox(const char* objectName, double lo, double hi, double value) {
  auto* box = new QDoubleSpinBox(m_body);
  box->setObjectName(QLatin1String(objectName));
  box->setRange(lo, hi);
  box->setDecimals(2);
  box->setSingleStep(1.0);
  box->setValue(value);
  return box;
}

QWidget* ConstraintsBox::colourRow(QLineEdit* edit, QLabel* swatchLabel, QPushButton* pick) {
  auto* row = new QWidget(m_body);
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(0, 0, 0, 0);
  edit->setMinimumWidth(60);  // the column is narrow: the field scrolls its text
  layout->addWidget(edit, 1);
  layout->addWidget(swatchLabel);
  layout->addWidget(pick);
  return row;
}

void ConstraintsBox::pickColour(QLineEdit* edit, bool append) {
  // The dialog starts from the field's (last) colour.
  const QStringList items = edit->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
  const QColor start = items.isEmpty() ? QColor(Qt::white) : colourOf(items.last());
  const QColor chosen =
      QColorDialog::getColor(start.isValid() ? start : QColor(Qt::white), this, append ? tr("Add a Palette Colour") : tr("Border Colour"));
  if (!chosen.isValid()) return;
  const QString name = chosen.name(QColor::HexRgb);
  const QString kept = edit->text().trimmed();
  edit->setText(append && !kept.isEmpty() ? kept + QLatin1Char(',') + name : name);
}

ConstraintSettings ConstraintsBox::constraints() const {
  ConstraintSettings c;
  c.symmetry = m_symmetry->value();
  c.symmetryVertical = m_symmetryVertical->value();
  c.smooth = m_smooth->value();
  c.saturation = m_saturation->value();
  c.palette = m_palette->text().trimmed();
  c.paletteWeight = m_paletteWeight->value();
  c.border = m_border->text().trimmed();
  c.borderWeight = m_borderWeight->value();
  c.tile = m_tile->isChecked();
  c.tileWeight = m_tileWeight->value();
  return c;
}

void ConstraintsBox::setConstraints(const ConstraintSettings& c) {
  m_symmetry->setValue(c.symmetry);
  m_symmetryVertical->setValue(c.symmetryVertical);
  m_smooth->setValue(c.smooth);
  m_saturation->setValue(c.saturation);
  m_palette->setText(c.palette);
  m_paletteWeight->setValue(c.paletteWeight);
  m_border->setText(c.border);
  m_borderWeight->setValue(c.borderWeight);
  m_tile->setChecked(c.tile);
  m_tileWeight->setValue(c.tileWeight);
  m_tileWeight->setEnabled(c.tile);
  m_timer->stop();  // set by the program: not an edit for the run
  if (c.activeCount() > 0) setExpanded(true);
  refresh();
}

QString ConstraintsBox::plainColourCheck(const QString& text, bool palette) { return localCheck(text, palette); }

QPixmap ConstraintsBox::swatchOf(const QString& text) {
  QList<QColor> colours;
  for (const QString& item : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
    if (const QColor c = colourOf(item); c.isValid()) colours << c;
  return swatch(colours);
}

void ConstraintsBox::setColourCheck(ColourCheck check) {
  m_check = check ? std::move(check) : ColourCheck(localCheck);
  refresh();
}

QString ConstraintsBox::paletteProblem() const {
  return m_palette->text().trimmed().isEmpty() ? QString() : m_check(m_palette->text().trimmed(), true);
}

QString ConstraintsBox::borderProblem() const {
  return m_border->text().trimmed().isEmpty() ? QString() : m_check(m_border->text().trimmed(), false);
}

bool ConstraintsBox::expanded() const { return m_body->isVisibleTo(this); }

void ConstraintsBox::setExpanded(bool expanded) {
  m_body->setVisible(expanded);
  const QSignalBlocker block(m_header);
  m_header->setChecked(expanded);
  m_header->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
}

void ConstraintsBox::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::LanguageChange) retranslate();
}

void ConstraintsBox::refresh() {
  // The swatches show the colours that parse; the hints say why a field is refused (a run
  // would refuse it too, so it is not sent to one).
  QList<QColor> colours;
  for (const QString& item : m_palette->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
    if (const QColor c = colourOf(item); c.isValid()) colours << c;
  m_paletteSwatch->setPixmap(swatch(colours));
  const QColor border = colourOf(m_border->text());
  m_borderSwatch->setPixmap(swatch(border.isValid() ? QList<QColor>{border} : QList<QColor>{}));
  const QString palette = paletteProblem(), borderWhy = borderProblem();
  m_paletteHint->setText(palette.isEmpty() ? QString() : tr("Palette: %1 (not used until it reads right)").arg(palette));
  m_paletteHint->setVisible(!palette.isEmpty());
  m_borderHint->setText(borderWhy.isEmpty() ? QString() : tr("Border: %1 (not used until it reads right)").arg(borderWhy));
  m_borderHint->setVisible(!borderWhy.isEmpty());
  const int on = constraints().activeCount();
  m_header->setText(on == 0 ? tr("Constraints") : tr("Constraints (%n on)", nullptr, on));
}

void ConstraintsBox::retranslate() {
  auto label = [this](QWidget* field, const QString& text, const QString& tip) {
    if (auto* l = qobject_cast<QLabel*>(m_form->labelForField(field))) {
      l->setText(text);
      l->setToolTip(tip);
    }
    field->setToolTip(tip);
  };
  const QString strong = tr("0 = off; about 10 is strong. Takes effect at the next step, also while a run goes on.");
  label(m_symmetry, tr("Symmetry:"), tr("Pulls the image towards its left/right mirror image. %1").arg(strong));
  label(m_symmetryVertical, tr("Vertical symmetry:"), tr("Pulls the image towards its top/bottom mirror image. %1").arg(strong));
  label(m_smooth, tr("Smoothness:"), tr("Flat regions with their edges kept (total variation). %1").arg(strong));
  label(m_saturation, tr("Saturation:"), tr("Positive: purer, stronger colours; negative: towards greys. %1").arg(strong));
  label(m_palette->parentWidget(), tr("Palette:"),
        tr("Pulls every pixel towards the nearest of these colours (1 to %1, as #rrggbb,#rrggbb,…); empty = off").arg(kMaxPaletteColours));
  label(m_paletteWeight, tr("Palette weight:"), tr("How strongly the palette pulls. %1").arg(strong));
  label(m_border->parentWidget(), tr("Border:"), tr("A colour (#rrggbb) for a band around the edge; empty = off"));
  label(m_borderWeight, tr("Border weight:"), tr("How strongly the border colour pulls. %1").arg(strong));
  label(m_tile, tr("Tile:"), tr("Seamless tiles: the image wraps around, so copies of it side by side show no seam"));
  m_tile->setText(tr("Seamless"));
  label(m_tileWeight, tr("Tile weight:"),
        tr("How strongly the seam is closed; 100 by default, as the seam's value is small (0: tiles, and the seam is only "
           "reported)"));
  m_palette->setToolTip(m_palette->parentWidget()->toolTip());
  m_border->setToolTip(m_border->parentWidget()->toolTip());
  m_palettePick->setText(tr("Pick…"));
  m_palettePick->setToolTip(tr("Add a colour to the palette"));
  m_borderPick->setText(tr("Pick…"));
  m_borderPick->setToolTip(tr("Choose the border colour"));
  // The tile weight at 0 still tiles (the seam is only reported): no "off" there.
  for (QDoubleSpinBox* box : {m_symmetry, m_symmetryVertical, m_smooth, m_paletteWeight, m_borderWeight})
    box->setSpecialValueText(tr("off"));
  m_header->setToolTip(tr("Weighted loss terms beside the prompts; each shows in the loss plot as \"term: …\""));
  refresh();
}

}  // namespace atelier
