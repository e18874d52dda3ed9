// The CLIP tab's "Table" page: the prompts x images heatmap, its focus cell and its exports.
#include "clip_table_page.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTextStream>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "live_plot.h"
#include "qcp.h"
#include "save_file.h"

namespace atelier {

namespace {
QString csvField(const QString& s) { return QLatin1Char('"') + QString(s).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"'); }

QStringList splitCsv(const QString& line) {
  QStringList out;
  QString cur;
  bool quoted = false;
  for (int i = 0; i < line.size(); ++i) {
    const QChar ch = line[i];
    if (quoted) {
      if (ch == QLatin1Char('"') && i + 1 < line.size() && line[i + 1] == QLatin1Char('"')) cur += ch, ++i;
      else if (ch == QLatin1Char('"')) quoted = false;
      else cur += ch;
    } else if (ch == QLatin1Char('"')) {
      quoted = true;
    } else if (ch == QLatin1Char(',')) {
      out << cur;
      cur.clear();
    } else {
      cur += ch;
    }
  }
  out << cur;
  return out;
}
}  // namespace

ClipTablePage::ClipTablePage(QWidget* parent)
    : QWidget(parent),
      m_prompts(new QPlainTextEdit(this)),
      m_measure(new QComboBox(this)),
      m_compute(new QPushButton(tr("Compute Table"), this)) {
  m_prompts->setPlaceholderText(tr("One prompt per line"));
  m_prompts->setMaximumWidth(320);
  m_measure->addItems({tr("cosine"), tr("softmax over images"), tr("softmax over prompts")});
  m_measure->setToolTip(tr("Softmax over images: each row sums to 1 (which image fits this prompt); over prompts: "
                           "each column sums to 1 (which prompt fits this image)"));
  connect(m_measure, &QComboBox::currentIndexChanged, this, &ClipTablePage::draw);
  connect(m_compute, &QPushButton::clicked, this, [this] { Q_EMIT tableRequested(promptList()); });
  auto* exportCsvButton = new QPushButton(tr("Export CSV…"), this);
  connect(exportCsvButton, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Table"), QDir::home().filePath(QStringLiteral("clip-table.csv")),
                                                      tr("CSV files (*.csv)"));
    if (!path.isEmpty()) exportCsv(path);
  });
  auto* exportPngButton = new QPushButton(tr("Export PNG…"), this);
  connect(exportPngButton, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Table"), QDir::home().filePath(QStringLiteral("clip-table.png")),
                                                      tr("PNG images (*.png)"));
    if (!path.isEmpty()) exportPng(path);
  });
  m_heatmap = new QCustomPlot(this);
  m_heatmap->setObjectName(QStringLiteral("heatmap"));
  m_heatmap->xAxis->setLabel(tr("images"));
  m_heatmap->yAxis->setLabel(tr("prompts"));
  m_heatmap->yAxis->setRangeReversed(true);
  m_map = new QCPColorMap(m_heatmap->xAxis, m_heatmap->yAxis);
  m_map->setGradient(QCPColorGradient::gpThermal);
  m_map->setInterpolate(false);
  auto* scale = new QCPColorScale(m_heatmap);
  m_heatmap->plotLayout()->addElement(0, 1, scale);
  m_map->setColorScale(scale);
  m_focus = new QCPItemRect(m_heatmap);
  m_focus->setVisible(false);
  restyle();
  connect(m_heatmap, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) {
    const int image = int(std::lround(m_heatmap->xAxis->pixelToCoord(e->position().x())));
    const int prompt = int(std::lround(m_heatmap->yAxis->pixelToCoord(e->position().y())));
    focusCell(prompt, image);
  });
  m_info = new QLabel(this);
  m_info->setWordWrap(true);
  m_busy = new QProgressBar(this);
  m_busy->setObjectName(QStringLiteral("tableBusy"));
  m_busy->setRange(0, 0);
  m_busy->setTextVisible(false);
  m_busy->setMaximumHeight(8);
  m_busy->hide();
  // Until there is a table, a word on what will be here rather than an empty 0-5 chart. A
  // stack keeps the hidden heatmap at its final size, so a click maps to the right cell at once.
  auto* placeholder = new QLabel(tr("Type prompts, one per line, and press Compute Table: a row per prompt, a column per "
                                    "image of the row, each cell their cosine or softmax share."),
                                 this);
  placeholder->setObjectName(QStringLiteral("tablePlaceholder"));
  placeholder->setWordWrap(true);
  placeholder->setAlignment(Qt::AlignCenter);
  placeholder->setForegroundRole(QPalette::PlaceholderText);
  m_stack = new QStackedWidget(this);
  m_stack->addWidget(placeholder);
  m_stack->addWidget(m_heatmap);

  auto* side = new QVBoxLayout;
  side->addWidget(m_prompts, 1);
  side->addWidget(m_measure);
  side->addWidget(m_compute);
  side->addWidget(exportCsvButton);
  side->addWidget(exportPngButton);
  auto* right = new QVBoxLayout;
  right->addWidget(m_stack, 1);
  right->addWidget(m_busy);
  right->addWidget(m_info);
  auto* layout = new QHBoxLayout(this);
  layout->addLayout(side);
  layout->addLayout(right, 1);
}

QString ClipTablePage::prompts() const { return m_prompts->toPlainText(); }

void ClipTablePage::setPrompts(const QString& prompts) { m_prompts->setPlainText(prompts); }

QStringList ClipTablePage::promptList() const {
  QStringList out;
  for (const QString& line : m_prompts->toPlainText().split(QLatin1Char('\n')))
    if (!line.trimmed().isEmpty()) out << line.trimmed();
  return out;
}

void ClipTablePage::setModelAvailable(bool available) { m_compute->setEnabled(available); }

void ClipTablePage::setStatus(const QString& text) { m_info->setText(text); }

void ClipTablePage::showError(const QString& message) {
  m_busy->hide();
  setStatus(message);
}

void ClipTablePage::showBusy(int prompts) {
  m_busy->show();
  setStatus(tr("Scoring %n prompt(s) against the row…", nullptr, prompts));
}

bool ClipTablePage::busy() const { return !m_busy->isHidden(); }

void ClipTablePage::showTable(const QStringList& prompts, const QStringList& images, const QList<QVector<double>>& cosine,
                              const QList<QVector<double>>& overImages, const QList<QVector<double>>& overPrompts) {
  m_rows = prompts;
  m_cols = images;
  m_cos = cosine;
  m_overImages = overImages;
  m_overPrompts = overPrompts;
  m_busy->hide();
  m_focus->setVisible(false);
  setStatus(tr("%1 prompts × %2 images. Click a cell to see that pair.").arg(prompts.size()).arg(m_cols.size()));
  draw();
}

QList<QVector<double>> ClipTablePage::shownTable() const {
  switch (m_measure->currentIndex()) {
    case 1: return m_overImages;
    case 2: return m_overPrompts;
    default: return m_cos;
  }
}

void ClipTablePage::setMeasure(int measure) { m_measure->setCurrentIndex(measure); }

void ClipTablePage::draw() {
  const auto m = shownTable();
  const int rows = int(m.size()), cols = rows ? int(m[0].size()) : 0;
  if (!rows || !cols) return;
  m_map->data()->setSize(cols, rows);
  m_map->data()->setRange(QCPRange(0, cols - 1), QCPRange(0, rows - 1));
  double lo = 1e300, hi = -1e300;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      m_map->data()->setCell(c, r, m[r][c]);
      lo = std::min(lo, m[r][c]);
      hi = std::max(hi, m[r][c]);
    }
  m_map->setDataRange(m_measure->currentIndex() == 0 ? QCPRange(lo, hi > lo ? hi : lo + 1e-6) : QCPRange(0, 1));
  QSharedPointer<QCPAxisTickerText> x(new QCPAxisTickerText), y(new QCPAxisTickerText);
  for (int c = 0; c < cols; ++c) x->addTick(c, m_cols.value(c));
  for (int r = 0; r < rows; ++r) y->addTick(r, m_rows.value(r));
  m_heatmap->xAxis->setTicker(x);
  m_heatmap->yAxis->setTicker(y);
  m_heatmap->xAxis->setRange(-0.5, cols - 0.5);
  m_heatmap->yAxis->setRange(-0.5, rows - 0.5);
  drawNumbers(m);
  m_stack->setCurrentWidget(m_heatmap);
  m_heatmap->replot();
}

void ClipTablePage::drawNumbers(const QList<QVector<double>>& m) {
  for (QCPItemText* t : std::as_const(m_numbers)) m_heatmap->removeItem(t);
  m_numbers.clear();
  const int rows = int(m.size()), cols = rows ? int(m[0].size()) : 0;
  // Past a few hundred cells the numbers would overlap: the colours and a click tell them then.
  if (rows * cols > 300) return;
  const bool share = m_measure->currentIndex() != 0;
  QCPColorGradient gradient = m_map->gradient();
  const QCPRange range = m_map->dataRange();
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols && c < m[r].size(); ++c) {
      auto* text = new QCPItemText(m_heatmap);
      text->position->setType(QCPItemPosition::ptPlotCoords);
      text->position->setCoords(c, r);
      text->setPositionAlignment(Qt::AlignCenter);
      text->setClipToAxisRect(true);
      text->setFont(font());
      text->setText(share ? QStringLiteral("%1%").arg(100 * m[r][c], 0, 'f', 1) : QString::number(m[r][c], 'f', 3));
      // Black on the light end of the scale, white on the dark end: readable on every cell.
      text->setColor(qGray(gradient.color(m[r][c], range)) > 140 ? Qt::black : Qt::white);
      m_numbers << text;
    }
}

void ClipTablePage::restyle() {
  stylePlot(m_heatmap, palette());
  m_focus->setPen(QPen(palette().color(QPalette::Highlight), 3));
  m_heatmap->replot(QCustomPlot::rpQueuedReplot);
}

void ClipTablePage::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (isThemeChange(event)) restyle();
}

void ClipTablePage::focusCell(int prompt, int image) {
  if (prompt < 0 || prompt >= m_cos.size() || image < 0 || image >= m_cos[prompt].size()) return;
  m_focus->topLeft->setCoords(image - 0.5, prompt - 0.5);
  m_focus->bottomRight->setCoords(image + 0.5, prompt + 0.5);
  m_focus->setVisible(true);
  m_heatmap->replot();
  setStatus(tr("\"%1\" × %2: cosine %3, softmax over images %4%, over prompts %5%")
                .arg(m_rows.value(prompt), m_cols.value(image))
                .arg(m_cos[prompt][image], 0, 'f', 4)
                .arg(100 * m_overImages[prompt][image], 0, 'f', 2)
                .arg(100 * m_overPrompts[prompt][image], 0, 'f', 2));
}

QString ClipTablePage::focusText() const { return m_info->text(); }

bool ClipTablePage::exportCsv(const QString& path) {
  const auto m = shownTable();
  if (m.isEmpty()) {
    setStatus(tr("Compute the table first."));
    return false;
  }
  QString text;
  QTextStream s(&text);
  s << csvField(m_measure->currentText());
  for (const QString& c : m_cols) s << ',' << csvField(c);
  s << '\n';
  for (int r = 0; r < m.size(); ++r) {
    s << csvField(m_rows.value(r));
    for (double v : m[r]) s << ',' << QString::number(v, 'g', 17);
    s << '\n';
  }
  return saveAndReport(path, textWriter(text), [this](const QString& line) { setStatus(line); });
}

QList<QVector<double>> ClipTablePage::readCsv(const QString& path, QStringList* prompts, QStringList* images) {
  QFile f(path);
  QList<QVector<double>> out;
  if (!f.open(QIODevice::ReadOnly)) return out;
  const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  for (int i = 0; i < lines.size(); ++i) {
    QStringList fields = splitCsv(lines[i]);
    const QString first = fields.takeFirst();
    if (i == 0) {
      if (images) *images = fields;
      continue;
    }
    if (prompts) *prompts << first;
    QVector<double> row;
    for (const QString& v : fields) row << v.toDouble();
    out << row;
  }
  return out;
}

bool ClipTablePage::exportPng(const QString& path) {
  if (m_cos.isEmpty()) {
    setStatus(tr("Compute the table first."));
    return false;
  }
  const QPixmap shot = m_heatmap->toPixmap(std::max(640, m_heatmap->width()), std::max(400, m_heatmap->height()));
  return saveAndReport(path, [&shot](QIODevice& file) { return shot.save(&file, "PNG"); },
                       [this](const QString& line) { setStatus(line); });
}

}  // namespace atelier
