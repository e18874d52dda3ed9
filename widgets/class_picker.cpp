// The searchable class field of the GAN tab and the CLIP + VQGAN tab (BigGAN-deep).
#include "class_picker.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStringListModel>

namespace atelier {

ClassPicker::ClassPicker(QWidget* parent)
    : QWidget(parent),
      m_edit(new QLineEdit(this)),
      m_random(new QPushButton(tr("Random"), this)),
      m_model(new QStringListModel(this)),
      m_completer(new QCompleter(m_model, this)) {
  m_edit->setObjectName(QStringLiteral("classFilter"));
  m_edit->setClearButtonEnabled(true);
  m_edit->setToolTip(tr("Type part of a class's name or its number: the list shows the classes that match"));
  m_random->setObjectName(QStringLiteral("classRandom"));
  m_random->setToolTip(tr("A class drawn at random"));
  m_random->setEnabled(false);
  // Every label containing the text, whatever its case: "retriev" lists all the retrievers.
  m_completer->setFilterMode(Qt::MatchContains);
  m_completer->setCaseSensitivity(Qt::CaseInsensitive);
  m_completer->setCompletionMode(QCompleter::PopupCompletion);
  m_completer->setMaxVisibleItems(12);
  m_completer->popup()->setObjectName(QStringLiteral("classList"));
  m_edit->setCompleter(m_completer);
  connect(m_completer, qOverload<const QString&>(&QCompleter::activated), this, [this](const QString& text) {
    const int index = resolve(text);
    if (index != kNoMatch) choose(index);
  });
  connect(m_edit, &QLineEdit::editingFinished, this, &ClassPicker::commit);
  connect(m_random, &QPushButton::clicked, this, &ClassPicker::chooseRandom);
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(m_edit, 1);
  row->addWidget(m_random);
  setFocusProxy(m_edit);
}

void ClassPicker::setClassNames(const QStringList& names) {
  m_names = names;
  QStringList labels;
  labels.reserve(names.size());
  for (int i = 0; i < names.size(); ++i) labels << label(i);
  m_model->setStringList(labels);
  m_random->setEnabled(!names.isEmpty());
  // A class set before the names came (a remembered one) stays when the model has it.
  setCurrentClass(m_current);
}

void ClassPicker::setCurrentClass(int index) {
  // Before the names come, any class is kept as it is (setClassNames checks it). Then one the
  // model lacks is none, or (none not allowed) the first.
  if (index < -1) index = -1;
  if (!m_names.isEmpty() && index >= count()) index = -1;
  if (!m_names.isEmpty() && index < 0 && !m_noneAllowed) index = 0;
  m_current = index;
  m_edit->setText(label(index));
}

void ClassPicker::setNoneAllowed(const QString& placeholder) {
  m_noneAllowed = true;
  m_edit->setPlaceholderText(placeholder);
}

QString ClassPicker::label(int index) const {
  if (index < 0 || index >= count()) return {};
  const QString& name = m_names[index];
  // A model without class names (a BigGAN-deep not trained on ImageNet's 1,000): "class 3" alone.
  if (name == QStringLiteral("class %1").arg(index)) return tr("class %1").arg(index);
  return QStringLiteral("%1 %2").arg(index).arg(name);
}

QStringList ClassPicker::matching(const QString& filter) const {
  return m_model->stringList().filter(filter.trimmed(), Qt::CaseInsensitive);
}

int ClassPicker::resolve(const QString& typed) const {
  const QString text = typed.simplified();
  if (text.isEmpty()) return m_noneAllowed ? -1 : kNoMatch;
  // A number, alone or with (the start of) its name: "207", "207 golden retriever", "207 gold".
  static const QRegularExpression number(QStringLiteral("^(\\d{1,9})(?:\\s+(.*))?$"));
  if (const auto m = number.match(text); m.hasMatch()) {
    const int index = m.captured(1).toInt();
    const QString rest = m.captured(2);
    if (index < count() && (rest.isEmpty() || m_names[index].startsWith(rest, Qt::CaseInsensitive))) return index;
  }
  // A whole name or label, once ("crane" is two ImageNet classes: the list shows both).
  int whole = kNoMatch, wholeCount = 0;
  for (int i = 0; i < count(); ++i)
    if (m_names[i].compare(text, Qt::CaseInsensitive) == 0 || label(i).compare(text, Qt::CaseInsensitive) == 0)
      whole = i, ++wholeCount;
  if (wholeCount == 1) return whole;
  if (wholeCount > 1) return kNoMatch;
  // Else the only label containing the text.
  int only = kNoMatch, found = 0;
  for (int i = 0; i < count() && found < 2; ++i)
    if (label(i).contains(text, Qt::CaseInsensitive)) only = i, ++found;
  return found == 1 ? only : kNoMatch;
}

void ClassPicker::chooseRandom() {
  if (m_names.isEmpty()) return;
  int index = m_current;
  // Another class than the one shown (when there is another): the button always changes it.
  while (index == m_current && (count() > 1 || index < 0)) index = int(QRandomGenerator::global()->bounded(count()));
  choose(index);
}

void ClassPicker::commit() {
  const QString text = m_edit->text();
  if (text == label(m_current)) return;
  const int index = resolve(text);
  if (index != kNoMatch) return choose(index);
  const QString typed = text.simplified();
  const qsizetype n = matching(typed).size();
  m_edit->setText(label(m_current));
  if (n == 0)
    Q_EMIT unmatched(tr("No class matches “%1”: type part of a name, or a number from 0 to %2.").arg(typed).arg(count() - 1));
  else
    Q_EMIT unmatched(tr("“%1” matches %n classes: pick one from the list.", nullptr, int(n)).arg(typed));
}

void ClassPicker::choose(int index) {
  if (index == m_current) return setCurrentClass(index);  // the field shows its label again
  setCurrentClass(index);
  Q_EMIT classChosen(m_current);
}

}  // namespace atelier
