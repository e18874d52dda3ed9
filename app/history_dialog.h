// The CLIP + VQGAN tab's history: a gallery of past runs (their latest frame, prompts, date,
// seed, generator, steps), searchable by prompt, with favourites, delete (to the desktop's trash,
// else after a confirmation), restore settings, continue from the last frame and an A/B compare.
#pragma once
#include <QDialog>
#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>

#include "run_record.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace atelier {

class CompareDialog;

class HistoryDialog : public QDialog {
  Q_OBJECT
  // Whether a delete the trash can't take asks first (tests turn it off).
  Q_PROPERTY(bool confirmDelete READ confirmDelete WRITE setConfirmDelete)
 public:
  explicit HistoryDialog(const QString& historyFolder, QWidget* parent = nullptr);

  void reload();                                    // reads the folder again, keeping the selection
  QList<RunRecord> runs() const { return m_runs; }  // every run, newest first
  QStringList shownRuns() const;                    // the folders the search lets through, in order
  QListWidget* list() const { return m_list; }      // objectName "historyList"
  void setFilter(const QString& text);              // the search field (objectName "historySearch")
  void select(const QStringList& folders);
  QStringList selectedRuns() const;
  // The run's favourite flag, kept in its run.json (written for older runs too).
  bool setFavourite(const QString& folder, bool favourite);
  // To the trash, else (no trash here) removed after a confirmation; false: kept (and why in status()).
  bool deleteRun(const QString& folder);
  // The two runs' latest frames, side by side and wiped (objectName "compareDialog").
  CompareDialog* compare(const QString& a, const QString& b);
  // The run going on now: it can't be deleted, and its entry is refreshed when it ends.
  void setActiveRun(const QString& folder);
  QString status() const;
  bool confirmDelete() const { return m_confirmDelete; }
  void setConfirmDelete(bool on) { m_confirmDelete = on; }

 Q_SIGNALS:
  void restoreRequested(const QString& folder);   // the panel takes the run's settings
  void continueRequested(const QString& folder);  // a new run from the run's last frame

 private:
  void refill();
  void showDetails();
  const RunRecord* record(const QString& folder) const;
  QString caption(const RunRecord& r) const;

  QString m_folder;
  QList<RunRecord> m_runs;
  QString m_active;
  bool m_confirmDelete = true;
  QLineEdit* m_search;
  QCheckBox* m_favouritesOnly;
  QListWidget* m_list;
  QLabel* m_empty;
  QLabel* m_image;
  QLabel* m_details;
  QCheckBox* m_favourite;
  QPushButton* m_restore;
  QPushButton* m_continue;
  QPushButton* m_compare;
  QPushButton* m_delete;
  QLabel* m_status;
  QPointer<CompareDialog> m_compareDialog;
};

}  // namespace atelier
