// The CLIP + VQGAN tab's prompt schedule: a "Schedule" toggle under the prompts and, when it is
// on, a list of keyframes (the step, the prompts in the usual syntax) in place of the prompts.
// The text is the engine's schedule syntax (guide/schedule.h): "0: a forest | fog:0.5; 150: a
// city", the keyframes in the rows' order. Engine-free, like the panel that holds it: the app
// hands it the engine's parse as the check, and shows the keyframe a run is at.
#pragma once
#include <QString>
#include <QWidget>

#include <functional>

class QCheckBox;
class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTimer;
class QToolButton;

namespace atelier {

class ScheduleEditor : public QWidget {
  Q_OBJECT
 public:
  // Why a schedule's text is refused (empty: fine); the app installs the engine's parse_schedule.
  using Check = std::function<QString(const QString& text)>;

  // Puts the toggle (objectName "scheduleEnabled") and the keyframe list into form from row on;
  // prompts is the prompts' field, hidden while the schedule is on.
  ScheduleEditor(QFormLayout* form, int row, QPlainTextEdit* prompts, QWidget* parent);

  // The schedule's text when the toggle is on and it has a keyframe; empty: off (plain prompts).
  QString schedule() const;
  // Set by the program (restored, a saved frame opened): empty turns the toggle off and keeps the
  // rows; no scheduleEdited() follows.
  void setSchedule(const QString& text);
  bool isOn() const;
  void setOn(bool on);  // as the user's toggle: on with no rows starts a row at step 0 with the prompts
  // The rows as text, whether on or not ("STEP: prompts" joined by "; ").
  QString text() const;
  void setCheck(Check check);
  QString problem() const;  // why the rows don't make a schedule (empty: they do, or the toggle is off)
  // The run's steps: a new row starts a quarter of them after the last.
  void setSteps(int steps) { m_steps = steps; }
  // The keyframe a run is at (its index from 0; the progress value "schedule: keyframe"): its row
  // highlighted; -1 clears it.
  void setCurrentKeyframe(int index);
  int currentKeyframe() const { return m_current; }
  QTableWidget* table() const { return m_table; }

 Q_SIGNALS:
  // The user changed the schedule (debounced, as prompt edits are): its text when it is valid,
  // empty when the toggle went off (the run goes back to the prompts). Not sent while invalid.
  void scheduleEdited(const QString& text);

 protected:
  void changeEvent(QEvent* event) override;  // LanguageChange: the texts again

 private:
  void addRow();
  void removeRows();
  void moveRow(int by);  // the selected row's prompts up or down, the steps staying in order
  void insertRow(int row, int step, const QString& prompts);
  void changed();  // a user's edit: check, then (debounced) scheduleEdited
  void refresh();  // the toggle's rows, the error line, the buttons
  void highlight();
  void retranslate();

  QFormLayout* m_form;
  QPlainTextEdit* m_prompts;
  QCheckBox* m_toggle;
  QLabel* m_label;
  QTableWidget* m_table;
  QPushButton* m_add;
  QPushButton* m_remove;
  QToolButton* m_up;
  QToolButton* m_down;
  QLabel* m_error;
  QTimer* m_timer;
  Check m_check;
  int m_steps = 150;
  int m_current = -1;
  bool m_filling = false;  // rows set by the program: no edit
};

}  // namespace atelier
