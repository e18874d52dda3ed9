// Batch…: seeds times one setting's values, planned and checked as they are typed.
#include "batch_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

#include "queue_panel.h"

namespace atelier {

namespace {

using Sweep = BatchDialog::Sweep;

// What a swept setting takes: the bounds of the tab's own field (vqgan_panel.cpp), whole or not.
struct Bounds {
  double lo, hi;
  bool whole;
};

Bounds boundsOf(Sweep s) {
  switch (s) {
    case Sweep::LearningRate: return {0.001, 1.0, false};
    case Sweep::Steps: return {1, 100000, true};
    case Sweep::Cutouts: return {1, 128, true};
    case Sweep::CutPower: return {0.1, 5.0, false};
    case Sweep::Size: return {16, 1024, true};  // a multiple of 16 (a VQGAN's factor divides it)
    case Sweep::None:
    case Sweep::Prompts: break;
  }
  return {0, 0, false};
}

constexpr int kSizeStep = 16;

void apply(Sweep s, VqganPanel::Settings& settings, double number, const QString& text) {
  switch (s) {
    case Sweep::LearningRate: settings.lr = number; break;
    case Sweep::Steps: settings.steps = int(number); break;
    case Sweep::Cutouts: settings.cutn = int(number); break;
    case Sweep::CutPower: settings.cutPow = number; break;
    case Sweep::Size: settings.size = int(number); break;
    case Sweep::Prompts:
      settings.prompts = text;
      settings.schedule.clear();  // a schedule stands in for the prompts: the swept ones run
      break;
    case Sweep::None: break;
  }
}

QString number(double v) { return QLocale::c().toString(v, 'g', 12); }

// "1-4, 9" -> "1-4_9", for a file name.
QString compact(const QString& spec) {
  QString out;
  for (const QChar c : spec) {
    if (c.isDigit() || c == QLatin1Char('-')) out += c;
    else if (c == QLatin1Char(',')) out += QLatin1Char('_');
  }
  return out.left(32);
}

}  // namespace

QString BatchDialog::key(Sweep sweep) {
  switch (sweep) {
    case Sweep::LearningRate: return QStringLiteral("lr");
    case Sweep::Steps: return QStringLiteral("steps");
    case Sweep::Cutouts: return QStringLiteral("cutn");
    case Sweep::CutPower: return QStringLiteral("cut-pow");
    case Sweep::Size: return QStringLiteral("size");
    case Sweep::Prompts: return QStringLiteral("prompts");
    case Sweep::None: break;
  }
  return {};
}

RunBatch BatchDialog::plan(const VqganPanel::Settings& base, const QString& seedSpec, Sweep sweep, const QString& values,
                           const SeedParser& parseSeeds, QString* error) {
  const auto fail = [error](const QString& why) {
    if (error) *error = why;
    return RunBatch();
  };
  if (error) error->clear();
  if (!parseSeeds) return fail(tr("The seeds can't be read here."));
  QString why;
  const QList<quint64> seeds = parseSeeds(seedSpec.trimmed(), &why);
  if (seeds.isEmpty()) return fail(why.isEmpty() ? tr("Give at least one seed.") : why);
  for (quint64 seed : seeds)
    if (seed > quint64(std::numeric_limits<int>::max()))
      return fail(tr("Seed %1 is over %2, the largest seed the tab takes.").arg(seed).arg(std::numeric_limits<int>::max()));

  // The swept values, as typed (labels show them) and as numbers (compared, applied).
  struct Value {
    QString text;
    double number = 0;
  };
  QList<Value> list;
  const QString name = key(sweep);
  if (sweep == Sweep::Size && base.gan) return fail(tr("A GAN makes images of its own size: sweep the size with another generator."));
  if (sweep == Sweep::Prompts) {
    for (const QString& line : values.split(QLatin1Char('\n'))) {
      const QString prompt = line.trimmed();
      if (prompt.isEmpty()) continue;
      for (const Value& earlier : std::as_const(list))
        if (earlier.text == prompt) return fail(tr("The prompt \"%1\" is given twice.").arg(prompt));
      if (list.size() == kMaxValues) return fail(tr("More than %1 prompts: a batch compares at most %1.").arg(kMaxValues));
      list.append({prompt, 0});
    }
    if (list.isEmpty()) return fail(tr("Give the prompts to compare, one per line."));
  } else if (sweep != Sweep::None) {
    const Bounds b = boundsOf(sweep);
    if (values.trimmed().isEmpty()) return fail(tr("Give the values of %1, separated by commas.").arg(name));
    for (const QString& item : values.split(QLatin1Char(','))) {
      const QString text = item.trimmed();
      if (text.isEmpty()) return fail(tr("An empty value in \"%1\" (two commas, or one at an end).").arg(values.trimmed()));
      bool ok = false;
      const double v = b.whole ? double(QLocale::c().toLongLong(text, &ok)) : QLocale::c().toDouble(text, &ok);
      if (!ok || !std::isfinite(v))
        return fail(b.whole ? tr("%1: \"%2\" is not a whole number.").arg(name, text)
                            : tr("%1: \"%2\" is not a number (write decimals with a point: 0.05).").arg(name, text));
      if (v < b.lo || v > b.hi)
        return fail(tr("%1=%2 is out of range: %1 takes %3 to %4.").arg(name, text, number(b.lo), number(b.hi)));
      if (sweep == Sweep::Size && int(v) % kSizeStep != 0)
        return fail(tr("size=%1: a size is a multiple of %2.").arg(text).arg(kSizeStep));
      for (const Value& earlier : std::as_const(list))
        if (earlier.number == v) return fail(tr("%1=%2 is given twice (as %3).").arg(name, text, earlier.text));
      if (list.size() == kMaxValues) return fail(tr("More than %1 values: a batch sweeps at most %1.").arg(kMaxValues));
      list.append({text, v});
    }
  }

  const qsizetype columns = std::max<qsizetype>(1, list.size());
  if (seeds.size() * columns > kMaxRuns)
    return fail(tr("%1 seeds × %2 values are %3 runs; at most %4 in a batch.")
                    .arg(seeds.size())
                    .arg(columns)
                    .arg(seeds.size() * columns)
                    .arg(kMaxRuns));
  RunBatch batch;
  for (quint64 seed : seeds) batch.rowLabels << tr("seed %1").arg(seed);
  if (list.isEmpty()) batch.columnLabels << QString();
  for (const Value& v : std::as_const(list))
    batch.columnLabels << (sweep == Sweep::Prompts ? v.text : name + QLatin1Char('=') + v.text);
  for (int r = 0; r < seeds.size(); ++r)
    for (int c = 0; c < int(columns); ++c) {
      RunBatch::Run run;
      run.settings = base;
      run.settings.seed = int(seeds[r]);
      run.row = r, run.column = c;
      if (!list.isEmpty()) apply(sweep, run.settings, list[c].number, list[c].text);
      // A swept prompt is the caption's prompt already: the caption names the others' values.
      run.caption = QueuePanel::caption(run.settings, sweep == Sweep::Prompts ? QString() : batch.columnLabels[c]);
      batch.runs << run;
    }
  batch.name = QStringLiteral("seed") + compact(seedSpec) + (name.isEmpty() ? QString() : QLatin1Char('-') + name);
  return batch;
}

BatchDialog::BatchDialog(const VqganPanel::Settings& base, SeedParser parseSeeds, BatchCheck check, QWidget* parent)
    : QDialog(parent),
      m_base(base),
      m_parseSeeds(std::move(parseSeeds)),
      m_check(std::move(check)),
      m_intro(new QLabel(this)),
      m_seedsLabel(new QLabel(this)),
      m_seeds(new QLineEdit(this)),
      m_settingLabel(new QLabel(this)),
      m_setting(new QComboBox(this)),
      m_valuesLabel(new QLabel(this)),
      m_values(new QLineEdit(this)),
      m_prompts(new QPlainTextEdit(this)),
      m_summary(new QLabel(this)),
      m_problemLabel(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
  setObjectName(QStringLiteral("batchDialog"));
  m_intro->setWordWrap(true);
  m_seeds->setObjectName(QStringLiteral("batchSeeds"));
  m_seeds->setText(QString::number(base.seed));
  m_setting->setObjectName(QStringLiteral("batchSetting"));
  for (Sweep s : {Sweep::None, Sweep::LearningRate, Sweep::Steps, Sweep::Cutouts, Sweep::CutPower, Sweep::Size, Sweep::Prompts})
    m_setting->addItem(QString(), int(s));
  m_values->setObjectName(QStringLiteral("batchValues"));
  m_prompts->setObjectName(QStringLiteral("batchPrompts"));
  m_prompts->setMaximumHeight(110);
  m_summary->setObjectName(QStringLiteral("batchSummary"));
  m_problemLabel->setObjectName(QStringLiteral("batchProblem"));
  m_problemLabel->setWordWrap(true);
  m_problemLabel->setStyleSheet(QStringLiteral("color: #c62828"));  // red in both themes
  m_buttons->setObjectName(QStringLiteral("batchButtons"));
  m_seedsLabel->setBuddy(m_seeds);
  m_settingLabel->setBuddy(m_setting);

  // The values: a line of numbers, or prompts one per line.
  auto* values = new QWidget(this);
  auto* valuesColumn = new QVBoxLayout(values);
  valuesColumn->setContentsMargins(0, 0, 0, 0);
  valuesColumn->addWidget(m_values);
  valuesColumn->addWidget(m_prompts);
  auto* form = new QFormLayout;
  form->addRow(m_seedsLabel, m_seeds);
  form->addRow(m_settingLabel, m_setting);
  form->addRow(m_valuesLabel, values);
  auto* column = new QVBoxLayout(this);
  column->addWidget(m_intro);
  column->addLayout(form);
  column->addWidget(m_summary);
  column->addWidget(m_problemLabel);
  column->addWidget(m_buttons);
  connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_seeds, &QLineEdit::textChanged, this, &BatchDialog::update);
  connect(m_values, &QLineEdit::textChanged, this, &BatchDialog::update);
  connect(m_prompts, &QPlainTextEdit::textChanged, this, &BatchDialog::update);
  connect(m_setting, &QComboBox::currentIndexChanged, this, [this] {
    retranslate();  // the values' label and example
    update();
  });
  retranslate();
  update();
  resize(480, sizeHint().height());
}

BatchDialog::Sweep BatchDialog::sweep() const { return Sweep(m_setting->currentData().toInt()); }

void BatchDialog::setSeeds(const QString& spec) { m_seeds->setText(spec); }

void BatchDialog::setSweep(Sweep s, const QString& values) {
  m_setting->setCurrentIndex(std::max(0, m_setting->findData(int(s))));
  if (s == Sweep::Prompts) m_prompts->setPlainText(values);
  else m_values->setText(values);
}

void BatchDialog::update() {
  const Sweep s = sweep();
  const bool prompts = s == Sweep::Prompts;
  m_values->setVisible(s != Sweep::None && !prompts);
  m_valuesLabel->setVisible(s != Sweep::None);
  m_prompts->setVisible(prompts);
  m_values->parentWidget()->setVisible(s != Sweep::None);
  m_batch = plan(m_base, m_seeds->text(), s, prompts ? m_prompts->toPlainText() : m_values->text(), m_parseSeeds, &m_problem);
  if (m_problem.isEmpty() && m_check) {
    m_problem = m_check(m_batch);
    if (!m_problem.isEmpty()) m_batch = RunBatch();
  }
  m_problemLabel->setText(m_problem);
  m_problemLabel->setVisible(!m_problem.isEmpty());
  const int runs = int(m_batch.runs.size());
  m_summary->setText(runs == 0 ? QString()
                               : tr("%n run(s) (%1 × %2), then a grid of their final images", nullptr, runs)
                                     .arg(m_batch.rowLabels.size())
                                     .arg(m_batch.columnLabels.size()));
  m_buttons->button(QDialogButtonBox::Ok)->setEnabled(runs > 0);
}

void BatchDialog::changeEvent(QEvent* event) {
  QDialog::changeEvent(event);
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    update();
  }
}

void BatchDialog::retranslate() {
  setWindowTitle(tr("Batch"));
  m_intro->setText(tr("The tab's settings, run once per seed (the grid's rows) and, if you like, once per value of one setting "
                      "(its columns). The runs wait in the queue; when the last one has ended, their final images make one "
                      "labelled grid."));
  m_seedsLabel->setText(tr("&Seeds:"));
  m_seeds->setPlaceholderText(QStringLiteral("1-4, 9"));
  m_seeds->setToolTip(tr("Seeds and ranges of seeds, separated by commas: 1-8, 1,3,5 or 1-4,9 (at most %1 runs)").arg(kMaxRuns));
  m_settingLabel->setText(tr("S&weep:"));
  m_setting->setToolTip(tr("One setting whose values make the grid's columns"));
  const QStringList names{tr("Nothing (seeds only)"), tr("Learning rate (lr)"), tr("Steps"), tr("Cutouts (cutn)"),
                          tr("Cut power (cut-pow)"), tr("Size (not for a GAN)"), tr("Prompts")};
  for (int i = 0; i < m_setting->count() && i < names.size(); ++i) m_setting->setItemText(i, names[i]);
  m_valuesLabel->setText(tr("&Values:"));
  m_valuesLabel->setBuddy(sweep() == Sweep::Prompts ? static_cast<QWidget*>(m_prompts) : m_values);
  QString example;
  switch (sweep()) {
    case Sweep::LearningRate: example = QStringLiteral("0.05, 0.1, 0.2"); break;
    case Sweep::Steps: example = QStringLiteral("100, 200, 300"); break;
    case Sweep::Cutouts: example = QStringLiteral("8, 16, 32"); break;
    case Sweep::CutPower: example = QStringLiteral("0.5, 1, 2"); break;
    case Sweep::Size: example = QStringLiteral("128, 256"); break;
    case Sweep::None:
    case Sweep::Prompts: break;
  }
  m_values->setPlaceholderText(example);
  m_values->setToolTip(tr("Values separated by commas, decimals with a point (at most %1)").arg(kMaxValues));
  m_prompts->setPlaceholderText(tr("a red circle\na blue square"));
  m_prompts->setToolTip(tr("One run's prompts per line (each line as the Prompts field takes them; at most %1 lines)").arg(kMaxValues));
  m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add to &Queue"));
}

}  // namespace atelier
