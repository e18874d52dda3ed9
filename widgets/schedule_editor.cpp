// The CLIP + VQGAN tab's prompt schedule: the toggle, the keyframe list, its check and the
// keyframe a run is at.
#include "schedule_editor.h"

#include <QCheckBox>
#include <QEvent>
#include <QFont>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>
#include <initializer_list>
#include <utility>

namespace atelier {

namespace {
enum Column { kStep, kPrompts };
constexpr int kMaxRows = 1000;  // the engine's kMaxKeyframes: a longer schedule is refused

// Without the app's check: the rules of the engine's parse_schedule that rows can break.
QString localCheck(const QString& text) {
  int previous = -1, k = 0;
  for (const QString& keyframe : text.split(QLatin1Char(';'))) {
    ++k;
    const qsizetype colon = keyframe.indexOf(QLatin1Char(':'));
    bool ok = false;
    const int step = keyframe.left(colon).trimmed().toInt(&ok);
    if (colon < 0 || !ok || step < 0) return ScheduleEditor::tr("keyframe %1: the step must be a whole number from 0").arg(k);
    if (step <= previous) return ScheduleEditor::tr("keyframe %1: its step must come after the one before").arg(k);
    if (keyframe.mid(colon + 1).trimmed().isEmpty()) return ScheduleEditor::tr("keyframe %1 has no prompts").arg(k);
    previous = step;
  }
  return {};
}
}  // namespace

ScheduleEditor::ScheduleEditor(QFormLayout* form, int row, QPlainTextEdit* prompts, QWidget* parent)
    : QWidget(parent),
      m_form(form),
      m_prompts(prompts),
      m_toggle(new QCheckBox(parent)),
      m_label(new QLabel(parent)),
      m_table(new QTableWidget(0, 2, this)),
      m_add(new QPushButton(this)),
      m_remove(new QPushButton(this)),
      m_up(new QToolButton(this)),
      m_down(new QToolButton(this)),
      m_error(new QLabel(this)),
      m_timer(new QTimer(this)),
      m_check(localCheck) {
  m_toggle->setObjectName(QStringLiteral("scheduleEnabled"));
  m_table->setObjectName(QStringLiteral("scheduleTable"));
  m_add->setObjectName(QStringLiteral("scheduleAdd"));
  m_remove->setObjectName(QStringLiteral("scheduleRemove"));
  m_up->setObjectName(QStringLiteral("scheduleUp"));
  m_down->setObjectName(QStringLiteral("scheduleDown"));
  m_error->setObjectName(QStringLiteral("scheduleError"));
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
  m_table->verticalHeader()->hide();
  m_table->setWordWrap(false);  // one line a keyframe; the cell shows all of it while edited
  m_table->horizontalHeader()->setSectionResizeMode(kStep, QHeaderView::ResizeToContents);
  m_table->horizontalHeader()->setSectionResizeMode(kPrompts, QHeaderView::Stretch);
  m_table->setMinimumHeight(m_table->fontMetrics().height() * 7);
  m_table->setMaximumHeight(m_table->fontMetrics().height() * 12);
  m_error->setWordWrap(true);
  m_error->setStyleSheet(QStringLiteral("color: #c62828"));  // red in both themes, as the constraints' hints
  m_error->hide();
  // The buttons beside the list, as the image prompts' are: the settings column stays narrow.
  m_up->setArrowType(Qt::UpArrow);
  m_down->setArrowType(Qt::DownArrow);
  auto* arrows = new QHBoxLayout;
  arrows->addWidget(m_up);
  arrows->addWidget(m_down);
  arrows->addStretch(1);
  auto* buttons = new QVBoxLayout;
  buttons->addWidget(m_add);
  buttons->addWidget(m_remove);
  buttons->addLayout(arrows);
  buttons->addStretch(1);
  auto* list = new QHBoxLayout;
  list->addWidget(m_table, 1);
  list->addLayout(buttons);
  auto* column = new QVBoxLayout(this);
  column->setContentsMargins(0, 0, 0, 0);
  column->addLayout(list);
  column->addWidget(m_error);
  form->insertRow(row, QString(), m_toggle);
  form->insertRow(row + 1, m_label, this);
  m_label->setBuddy(m_table);

  connect(m_toggle, &QCheckBox::toggled, this, &ScheduleEditor::setOn);
  connect(m_add, &QPushButton::clicked, this, &ScheduleEditor::addRow);
  connect(m_remove, &QPushButton::clicked, this, &ScheduleEditor::removeRows);
  connect(m_up, &QToolButton::clicked, this, [this] { moveRow(-1); });
  connect(m_down, &QToolButton::clicked, this, [this] { moveRow(1); });
  connect(m_table, &QTableWidget::itemChanged, this, &ScheduleEditor::changed);
  connect(m_table, &QTableWidget::itemSelectionChanged, this, &ScheduleEditor::refresh);
  // Edits reach a running job once typing pauses, as the prompts' do (GuidedPanel).
  m_timer->setSingleShot(true);
  m_timer->setInterval(400);
  connect(m_timer, &QTimer::timeout, this, [this] {
    if (!isOn()) return Q_EMIT scheduleEdited({});
    if (problem().isEmpty() && !schedule().isEmpty()) Q_EMIT scheduleEdited(schedule());
  });
  retranslate();
}

bool ScheduleEditor::isOn() const { return m_toggle->isChecked(); }

QString ScheduleEditor::schedule() const { return isOn() && m_table->rowCount() > 0 ? text() : QString(); }

QString ScheduleEditor::text() const {
  QStringList keyframes;
  for (int r = 0; r < m_table->rowCount(); ++r) {
    const QTableWidgetItem* step = m_table->item(r, kStep);
    const QTableWidgetItem* prompts = m_table->item(r, kPrompts);
    keyframes
        << QStringLiteral("%1: %2").arg(step ? step->data(Qt::EditRole).toInt() : 0).arg(prompts ? prompts->text().trimmed() : QString());
  }
  return keyframes.join(QLatin1String("; "));
}

void ScheduleEditor::insertRow(int row, int step, const QString& prompts) {
  const bool filling = std::exchange(m_filling, true);
  m_table->insertRow(row);
  auto* stepItem = new QTableWidgetItem;
  stepItem->setData(Qt::EditRole, step);  // a number: the table edits it with a spin box
  m_table->setItem(row, kStep, stepItem);
  m_table->setItem(row, kPrompts, new QTableWidgetItem(prompts));
  m_filling = filling;
}

void ScheduleEditor::setSchedule(const QString& text) {
  m_filling = true;
  if (!text.trimmed().isEmpty()) {
    m_table->setRowCount(0);
    // The engine's syntax: keyframes separated by ';' or new lines, "STEP: prompts", '#' comments.
    static const QRegularExpression separators(QStringLiteral("[;\\n]"));
    for (const QString& part : text.split(separators)) {
      const QString keyframe = part.trimmed();
      if (keyframe.isEmpty() || keyframe.startsWith(QLatin1Char('#'))) continue;
      if (m_table->rowCount() == kMaxRows) break;  // a crafted file's millions of rows would take minutes
      const qsizetype colon = keyframe.indexOf(QLatin1Char(':'));
      bool ok = false;
      const int step = colon < 0 ? 0 : keyframe.left(colon).trimmed().toInt(&ok);
      insertRow(m_table->rowCount(), ok ? step : 0, ok ? keyframe.mid(colon + 1).trimmed() : keyframe);
    }
  }
  m_toggle->setChecked(!text.trimmed().isEmpty());  // setOn: m_filling keeps it from being an edit
  m_filling = false;
  m_timer->stop();
  m_current = -1;
  highlight();
  refresh();
}

void ScheduleEditor::setOn(bool on) {
  if (m_toggle->isChecked() != on) return m_toggle->setChecked(on);  // toggled() comes back here
  // A first keyframe: the prompts as they are, from step 0.
  if (on && m_table->rowCount() == 0) insertRow(0, 0, m_prompts->toPlainText().trimmed());
  refresh();
  if (m_filling) return;
  m_timer->start();  // a run goes to the schedule, or back to the prompts
}

void ScheduleEditor::setCheck(Check check) {
  m_check = check ? std::move(check) : Check(localCheck);
  refresh();
}

QString ScheduleEditor::problem() const {
  if (!isOn()) return {};
  if (m_table->rowCount() == 0) return tr("add a keyframe");
  return m_check(text());
}

void ScheduleEditor::addRow() {
  // After the last keyframe by a quarter of the run's steps, its prompts to be typed.
  const int rows = m_table->rowCount();
  const int last = rows == 0 ? -1 : m_table->item(rows - 1, kStep)->data(Qt::EditRole).toInt();
  const int step = rows == 0 ? 0 : last + std::max(1, m_steps / 4);
  insertRow(rows, step, rows == 0 ? m_prompts->toPlainText().trimmed() : QString());
  m_table->setCurrentCell(rows, kPrompts);
  m_table->editItem(m_table->item(rows, kPrompts));
  changed();
}

void ScheduleEditor::removeRows() {
  QList<int> rows;
  for (const QModelIndex& index : m_table->selectionModel()->selectedRows()) rows << index.row();
  std::sort(rows.begin(), rows.end(), std::greater<>());
  for (int r : rows) m_table->removeRow(r);
  if (!rows.isEmpty()) changed();
}

void ScheduleEditor::moveRow(int by) {
  const int from = m_table->currentRow(), to = from + by;
  if (from < 0 || to < 0 || to >= m_table->rowCount()) return;
  // The prompts move; the steps stay where they are, in order, so the story is told in a new order.
  const bool filling = std::exchange(m_filling, true);
  const QString moved = m_table->item(from, kPrompts)->text();
  m_table->item(from, kPrompts)->setText(m_table->item(to, kPrompts)->text());
  m_table->item(to, kPrompts)->setText(moved);
  m_filling = filling;
  m_table->setCurrentCell(to, kPrompts);
  changed();
}

void ScheduleEditor::changed() {
  if (m_filling) return;
  refresh();
  if (problem().isEmpty())
    m_timer->start();
  else
    m_timer->stop();  // not sent: a run would end on it
}

void ScheduleEditor::setCurrentKeyframe(int index) {
  if (index == m_current) return;
  m_current = index;
  highlight();
}

void ScheduleEditor::highlight() {
  // The keyframe in effect: a tinted, bold row (not the selection, which stays the user's).
  const bool filling = std::exchange(m_filling, true);
  QColor tint = palette().color(QPalette::Highlight);
  tint.setAlpha(80);
  for (int r = 0; r < m_table->rowCount(); ++r)
    for (int c : {kStep, kPrompts})
      if (QTableWidgetItem* item = m_table->item(r, c)) {
        item->setBackground(r == m_current ? QBrush(tint) : QBrush());
        QFont font = item->font();
        font.setBold(r == m_current);
        item->setFont(font);
        item->setData(Qt::AccessibleDescriptionRole, r == m_current ? tr("the keyframe the run is at") : QString());
      }
  if (m_current >= 0 && m_current < m_table->rowCount()) m_table->scrollToItem(m_table->item(m_current, kStep));
  m_filling = filling;
}

void ScheduleEditor::refresh() {
  const bool on = isOn();
  m_form->setRowVisible(m_prompts, !on);
  m_form->setRowVisible(this, on);
  const QString why = problem();
  m_error->setText(why.isEmpty() ? QString() : tr("Schedule: %1").arg(why));
  m_error->setVisible(!why.isEmpty());
  const bool selected = !m_table->selectionModel()->selectedRows().isEmpty();
  m_remove->setEnabled(selected);
  m_up->setEnabled(selected && m_table->currentRow() > 0);
  m_down->setEnabled(selected && m_table->currentRow() >= 0 && m_table->currentRow() + 1 < m_table->rowCount());
}

void ScheduleEditor::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::LanguageChange) retranslate();
  if (event->type() == QEvent::PaletteChange) highlight();  // the theme's highlight colour
}

void ScheduleEditor::retranslate() {
  m_toggle->setText(tr("Schedule"));
  m_toggle->setToolTip(
      tr("Prompts that change over the steps. Off: the prompts above for the whole run. On: keyframes of "
         "prompts by step, their weights blended from one keyframe to the next"));
  m_label->setText(tr("Schedule:"));
  m_table->setHorizontalHeaderLabels({tr("Step"), tr("Prompts")});
  m_table->setToolTip(
      tr("Each row a keyframe: from its step on its prompts (as in the Prompts field: text:weight | …) take "
         "over, blended in from the keyframe before. Steps in increasing order; edits reach a running run."));
  m_add->setText(tr("Add"));
  m_add->setToolTip(tr("A keyframe after the last one"));
  m_remove->setText(tr("Remove"));
  m_remove->setToolTip(tr("Remove the selected keyframes"));
  m_up->setAccessibleName(tr("Up"));
  m_up->setToolTip(tr("Move the selected keyframe's prompts up (the steps stay in order)"));
  m_down->setAccessibleName(tr("Down"));
  m_down->setToolTip(tr("Move the selected keyframe's prompts down (the steps stay in order)"));
  refresh();
}

}  // namespace atelier
