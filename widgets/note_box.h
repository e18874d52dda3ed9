// A collapsible explanation at the top of a panel: a header button that folds a short text.
#pragma once
#include <QWidget>

class QLabel;
class QToolButton;

namespace atelier {

class NoteBox : public QWidget {
  Q_OBJECT
 public:
  NoteBox(const QString& title, const QString& html, QWidget* parent = nullptr);
  bool isExpanded() const;
  QString text() const;
  void setText(const QString& html);  // e.g. when it names the model that is loaded

 public Q_SLOTS:
  void setExpanded(bool expanded);

 Q_SIGNALS:
  void expandedChanged(bool expanded);

 private:
  QToolButton* m_header;
  QLabel* m_body;
};

}  // namespace atelier
