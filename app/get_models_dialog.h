// Models ▸ Get Models: the catalogue of official models (hub/catalog.h) as a table: what each one
// is for, its size, and whether it is installed, found where another tool put it, or not
// installed. Download (an engine job with a progress bar and Cancel; a cancelled download keeps
// its .part and the next Download resumes it), Verify, Remove (the user's folder only), and Use
// for CLIP / for CLIP + VQGAN. Non-modal: a download goes on while the window is used.
#pragma once
#include <QDialog>
#include <QPointer>
#include <QString>
#include <QVariant>

#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace atelier {

namespace hub {
struct Catalog;
}
class EngineBridge;
struct JobProgress;

class GetModelsDialog : public QDialog {
  Q_OBJECT
 public:
  // Whether the catalogue has a CLIP and a VQGAN installed or found here (for the tabs' banners);
  // error: why the catalogue could not be read (both false then).
  struct Presence {
    bool clip = false, vqgan = false;
    QString error;
  };
  static Presence presence();

  // Set the property "confirm" to false to remove without asking (tests).
  explicit GetModelsDialog(EngineBridge* bridge, QWidget* parent = nullptr);
  ~GetModelsDialog() override;  // cancels a download still running

  void refresh();                  // reads the catalogue and what is here again
  bool select(const QString& id);  // selects an entry's row; false when there is none
  QString selectedId() const;
  QString stateText(const QString& id) const;   // the State column as shown
  qint64 downloadJob() const { return m_job; }  // 0 when no download runs
  QString status() const;

 public Q_SLOTS:
  void download();
  void cancelDownload();
  void verify();
  void removeSelected();

 Q_SIGNALS:
  // The selected entry's first file (a CLIP's .pt, a VQGAN's .ckpt).
  void useForClip(const QString& path);
  void useForVqgan(const QString& path);
  // A download ended: completed, or cancelled or failed (the status says which and why).
  void downloadEnded(const QString& id, bool completed);
  // Models were installed or removed: the window looks at what it has again.
  void modelsChanged();

 private:
  void onProgress(const JobProgress& progress);
  void onEnded(const QString& text, bool completed);
  void updateButtons();
  void setStatus(const QString& text);
  int rowOf(const QString& id) const;  // -1 when absent
  QVariant selected(int role) const;   // of the selected row; invalid when none is
  int selectedState() const;           // hub::InstallState, -1 when nothing is selected

  QPointer<EngineBridge> m_bridge;
  std::shared_ptr<const hub::Catalog> m_catalog;  // shared with a running download
  QTableWidget* m_table;
  QPushButton* m_download;
  QPushButton* m_cancel;
  QPushButton* m_verify;
  QPushButton* m_remove;
  QPushButton* m_useClip;
  QPushButton* m_useVqgan;
  QProgressBar* m_progress;
  QLabel* m_status;
  qint64 m_job = 0;
  QString m_jobId;  // the entry being downloaded
  bool m_verifying = false;
};

}  // namespace atelier
