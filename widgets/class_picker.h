// A class of a class-conditional generator (BigGAN-deep), picked by search: a field that filters
// the class names as one types ("retriev" lists the retrievers; a number finds that class), the
// list of matches under it, and a Random button. Shows the class as "207 golden retriever" (a
// model without ImageNet's names: "class 3"). Engine-free: the names come from the controller.
#pragma once
#include <QString>
#include <QStringList>
#include <QWidget>

class QCompleter;
class QLineEdit;
class QPushButton;
class QStringListModel;

namespace atelier {

class ClassPicker : public QWidget {
  Q_OBJECT
 public:
  explicit ClassPicker(QWidget* parent = nullptr);

  // The classes' names in class-index order. The current class stays when it is one of them
  // (also one set before the names came), else it becomes the first (or none, when allowed).
  void setClassNames(const QStringList& names);
  QStringList classNames() const { return m_names; }
  int count() const { return int(m_names.size()); }
  int currentClass() const { return m_current; }  // -1: none
  void setCurrentClass(int index);                 // shows it; no classChosen
  // An empty field means no class (-1), and the placeholder says what that does (e.g. "Same as
  // Class"; "the prompts choose").
  void setNoneAllowed(const QString& placeholder);
  bool noneAllowed() const { return m_noneAllowed; }
  QString label(int index) const;  // "207 golden retriever", "class 3"; empty for -1
  // The labels the list offers for a filter: those containing it, case-insensitive.
  QStringList matching(const QString& filter) const;
  // The class a typed text names: a number in range ("207", "207 golden retriever"), a whole name
  // ("Golden Retriever"), or the only label containing it; -1 for an empty field when allowed;
  // kNoMatch otherwise (nothing, or several: the list shows them).
  int resolve(const QString& text) const;
  static constexpr int kNoMatch = -2;
  QLineEdit* lineEdit() const { return m_edit; }
  QCompleter* completer() const { return m_completer; }

 public Q_SLOTS:
  void chooseRandom();  // a class drawn at random, chosen (classChosen)

 Q_SIGNALS:
  void classChosen(int index);  // the user's choice (a different class, or none)
  void unmatched(const QString& message);  // what was typed names no class; the field went back

 private:
  void commit();           // Enter, or the field left: the typed text resolved
  void choose(int index);  // made current and announced, if it changed

  QLineEdit* m_edit;
  QPushButton* m_random;
  QStringListModel* m_model;
  QCompleter* m_completer;
  QStringList m_names;
  QString m_nonePlaceholder;
  int m_current = -1;
  bool m_noneAllowed = false;
};

}  // namespace atelier
