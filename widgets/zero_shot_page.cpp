// The CLIP tab's "Zero-shot" page: labels, templates, and the top k as bars.
#include "zero_shot_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>

#include <algorithm>

#include "live_plot.h"
#include "qcp.h"

namespace atelier {

ZeroShotPage::ZeroShotPage(QWidget* parent) : QWidget(parent) {
  m_image = new QComboBox(this);
  m_preset = new QComboBox(this);
  m_preset->addItems({tr("Custom"), QStringLiteral("CIFAR-10"), QStringLiteral("CIFAR-100"), tr("Mini-CLIP vocabulary")});
  m_labels = new QPlainTextEdit(this);
  m_labels->setPlaceholderText(tr("One label per line"));
  connect(m_preset, &QComboBox::activated, this, [this](int i) {
    if (i == 1) setLabels(cifar10());
    else if (i == 2) setLabels(cifar100());
    else if (i == 3) Q_EMIT vocabularyRequested();
  });
  m_defaultTemplate = QStringLiteral("a photo of a {}");
  m_ensembleTemplates = ensembleTemplates();
  m_template = new QLineEdit(m_defaultTemplate, this);
  m_template->setToolTip(tr("{} stands for the label"));
  m_ensemble = new QCheckBox(tr("Ensemble of %1 templates (CLIP's prompt engineering)").arg(ensembleTemplates().size()), this);
  m_ensemble->setToolTip(tr("Each label's embedding is the average over the templates, as in CLIP's "
                            "prompt-engineering notebook"));
  connect(m_ensemble, &QCheckBox::toggled, m_template, &QWidget::setDisabled);
  m_topkBox = new QSpinBox(this);
  m_topkBox->setRange(1, 20);
  m_topkBox->setValue(5);
  connect(m_topkBox, &QSpinBox::valueChanged, this, [this] {
    if (!m_topk.isEmpty()) requestClassification();
  });
  m_classify = new QPushButton(tr("Classify"), this);
  connect(m_classify, &QPushButton::clicked, this, &ZeroShotPage::requestClassification);
  m_info = new QLabel(this);
  m_info->setWordWrap(true);
  m_busy = new QProgressBar(this);
  m_busy->setObjectName(QStringLiteral("zeroShotBusy"));
  m_busy->setRange(0, 0);
  m_busy->setTextVisible(false);
  m_busy->setMaximumHeight(8);
  m_busy->hide();

  auto* form = new QFormLayout;
  form->addRow(tr("Image:"), m_image);
  form->addRow(tr("Labels:"), m_preset);
  form->addRow(m_labels);
  form->addRow(tr("Template:"), m_template);
  form->addRow(m_ensemble);
  form->addRow(tr("Top k:"), m_topkBox);
  form->addRow(QString(), m_classify);
  form->addRow(m_busy);
  form->addRow(m_info);
  m_bars = new QCustomPlot(this);
  m_bars->setObjectName(QStringLiteral("zeroShotBars"));
  m_bars->xAxis->setLabel(tr("probability"));
  m_bars->xAxis->setRange(0, 1);
  m_bars->yAxis->setRangeReversed(true);
  // Until a first answer, a word on what will be here rather than an empty 0-5 chart.
  auto* placeholder = new QLabel(tr("Choose an image, give labels and press Classify: the top k labels appear here "
                                    "with their probabilities."),
                                 this);
  placeholder->setObjectName(QStringLiteral("zeroShotPlaceholder"));
  placeholder->setWordWrap(true);
  placeholder->setAlignment(Qt::AlignCenter);
  placeholder->setForegroundRole(QPalette::PlaceholderText);
  m_stack = new QStackedWidget(this);
  m_stack->addWidget(placeholder);
  m_stack->addWidget(m_bars);
  restyle();
  auto* layout = new QHBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(m_stack, 1);
}

void ZeroShotPage::restyle() {
  stylePlot(m_bars, palette());
  for (int i = 0; i < m_bars->plottableCount(); ++i)
    if (auto* bars = qobject_cast<QCPBars*>(m_bars->plottable(i))) {
      bars->setBrush(palette().color(QPalette::Highlight));
      bars->setPen(QPen(palette().color(QPalette::Highlight).darker(130)));
    }
  m_bars->replot(QCustomPlot::rpQueuedReplot);
}

void ZeroShotPage::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (isThemeChange(event)) restyle();
}

QStringList ZeroShotPage::cifar10() {
  return QStringLiteral("airplane automobile bird cat deer dog frog horse ship truck").split(QLatin1Char(' '));
}

QStringList ZeroShotPage::cifar100() {
  QStringList names = QStringLiteral(
      "apple aquarium_fish baby bear beaver bed bee beetle bicycle bottle bowl boy bridge bus butterfly camel can castle "
      "caterpillar cattle chair chimpanzee clock cloud cockroach couch crab crocodile cup dinosaur dolphin elephant flatfish "
      "forest fox girl hamster house kangaroo keyboard lamp lawn_mower leopard lion lizard lobster man maple_tree motorcycle "
      "mountain mouse mushroom oak_tree orange orchid otter palm_tree pear pickup_truck pine_tree plain plate poppy porcupine "
      "possum rabbit raccoon ray road rocket rose sea seal shark shrew skunk skyscraper snail snake spider squirrel streetcar "
      "sunflower sweet_pepper table tank telephone television tiger tractor train trout tulip turtle wardrobe whale "
      "willow_tree wolf woman worm").split(QLatin1Char(' '));
  for (QString& n : names) n.replace(QLatin1Char('_'), QLatin1Char(' '));
  return names;
}

QStringList ZeroShotPage::ensembleTemplates() {
  return {QStringLiteral("a photo of a {}."),          QStringLiteral("a bad photo of a {}."),
          QStringLiteral("a drawing of a {}."),        QStringLiteral("a painting of the {}."),
          QStringLiteral("a close-up photo of a {}."), QStringLiteral("a bright photo of a {}."),
          QStringLiteral("a cropped photo of the {}."), QStringLiteral("a rendering of a {}."),
          QStringLiteral("a sketch of a {}."),         QStringLiteral("a toy {}."),
          QStringLiteral("itap of a {}."),             QStringLiteral("a good photo of the {}."),
          QStringLiteral("a low resolution photo of a {}."), QStringLiteral("art of the {}."),
          QStringLiteral("a photo of the small {}."),  QStringLiteral("a photo of the large {}."),
          QStringLiteral("a black and white photo of the {}."), QStringLiteral("graffiti of a {}.")};
}

void ZeroShotPage::setImageChoices(const QStringList& names) {
  const QSignalBlocker block(m_image);
  const int keep = m_image->currentIndex();
  m_image->clear();
  m_image->addItems(names);
  m_image->setCurrentIndex(std::clamp(keep, 0, int(names.size()) - 1));
}

void ZeroShotPage::setLabels(const QStringList& labels) { m_labels->setPlainText(labels.join(QLatin1Char('\n'))); }

void ZeroShotPage::setEnsemble(bool on) { m_ensemble->setChecked(on); }

void ZeroShotPage::setTemplates(const QString& single, const QStringList& ensemble, const QString& source) {
  if (m_template->text() == m_defaultTemplate) m_template->setText(single);
  m_defaultTemplate = single;
  m_ensembleTemplates = ensemble;
  m_ensemble->setText(tr("Ensemble of %1 templates (%2)").arg(ensemble.size()).arg(source));
}

void ZeroShotPage::setModelAvailable(bool available) { m_classify->setEnabled(available); }

void ZeroShotPage::requestClassification() {
  QStringList labels;
  for (const QString& l : m_labels->toPlainText().split(QLatin1Char('\n')))
    if (!l.trimmed().isEmpty()) labels << l.trimmed();
  QString templ = m_template->text();
  if (!templ.contains(QLatin1String("{}"))) templ += QStringLiteral(" {}");
  const QStringList templates = m_ensemble->isChecked() ? m_ensembleTemplates : QStringList{templ};
  if (labels.isEmpty() || m_image->currentIndex() < 0) {
    m_info->setText(tr("Choose an image and give labels, one per line."));
    return;
  }
  m_info->setText(tr("Classifying among %n label(s)…", nullptr, int(labels.size())));
  m_busy->show();
  Q_EMIT classifyRequested(m_image->currentIndex(), labels, templates);
}

void ZeroShotPage::showError(const QString& message) {
  m_busy->hide();
  m_info->setText(message);
}

bool ZeroShotPage::busy() const { return !m_busy->isHidden(); }

void ZeroShotPage::showResult(const QStringList& labels, const QVector<double>& probability) {
  m_busy->hide();
  QList<QPair<QString, double>> all;
  for (int i = 0; i < labels.size() && i < probability.size(); ++i) all << qMakePair(labels[i], probability[i]);
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  m_topk = all.mid(0, m_topkBox->value());
  m_bars->clearPlottables();
  auto* bars = new QCPBars(m_bars->yAxis, m_bars->xAxis);
  bars->setBrush(palette().color(QPalette::Highlight));
  bars->setPen(QPen(palette().color(QPalette::Highlight).darker(130)));
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  for (int i = 0; i < m_topk.size(); ++i) {
    bars->addData(i, m_topk[i].second);
    ticker->addTick(i, QStringLiteral("%1  %2%").arg(m_topk[i].first).arg(100 * m_topk[i].second, 0, 'f', 1));
  }
  m_bars->yAxis->setTicker(ticker);
  m_bars->yAxis->setRange(-0.5, m_topk.size() - 0.5);
  if (!m_topk.isEmpty()) m_stack->setCurrentWidget(m_bars);
  m_bars->replot();
  m_info->setText(m_topk.isEmpty() ? QString() : tr("Top: %1 (%2%)").arg(m_topk[0].first).arg(100 * m_topk[0].second, 0, 'f', 1));
}

}  // namespace atelier
