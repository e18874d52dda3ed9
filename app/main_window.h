// The main window: one tab per section of the article (CLIP, GAN, CLIP + VQGAN, CLIPDraw), the
// menus, and a status bar with the compute device, threads, BLAS and models. It only wires:
// each tab's panel to its controller, which owns the tab's runs and requests.
#pragma once
#include <functional>
#include <memory>

#include <QMap>
#include <QVector>
#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include "runtime/worker.h"

class QLabel;
class QTabWidget;

namespace atelier {

class ClipPanel;
class ClipController;
class GanController;
class DrawController;
class AnimationExporter;
class GuideController;
class DrawPanel;
class EngineBridge;
class FailedModels;
class GetModelsDialog;
class LibraryController;
class LibraryPanel;
class GanPanel;
class RunView;
class Settings;
class TrainWindow;
class VqganPanel;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  enum Tab { ClipTab, GanTab, VqganTab, DrawTab, LibraryTab };
  explicit MainWindow(Settings* settings, QWidget* parent = nullptr);
  ~MainWindow() override;

  QTabWidget* tabs() const { return m_tabs; }
  ClipPanel* clipPanel() const { return m_clip; }
  GanPanel* ganPanel() const { return m_gan; }
  VqganPanel* vqganPanel() const { return m_vqgan; }
  DrawPanel* drawPanel() const { return m_draw; }
  LibraryPanel* libraryPanel() const { return m_library; }
  LibraryController* libraryController() const { return m_libraryController; }
  EngineBridge* bridge() const { return m_bridge; }
  ClipController* clipController() const { return m_clipController; }
  GanController* ganController() const { return m_ganController; }
  GuideController* guideController() const { return m_guideController; }
  DrawController* drawController() const { return m_drawController; }
  TrainWindow* trainWindow() const { return m_trainWindow; }  // null until first shown
  GetModelsDialog* getModelsDialog() const { return m_getModels; }  // null until first shown
  // Animation exports of the GAN, CLIP + VQGAN and CLIPDraw tabs, one each.
  AnimationExporter* ganExporter() const { return m_ganExporter; }
  AnimationExporter* guideExporter() const { return m_guideExporter; }
  AnimationExporter* drawExporter() const { return m_drawExporter; }
  // The last error or notice shown to the user (for tests and the status bar).
  QString lastMessage() const { return m_lastMessage; }
  QString statusText() const;  // device, threads, BLAS and models, as shown
  // Help ▸ Licences as Markdown: the program's, the photos' and every shipped model's card, their
  // images as file URLs (a card's relative image would not resolve in the dialog).
  static QString licencesText();

 public Q_SLOTS:
  void openImages();
  void exportView();
  void showPreferences();
  void showModelFolders();
  void showGetModels();  // Models ▸ Get Models, and the tabs' banners
  void rescanModels();
  void openClipCheckpoint();
  void showTrainWindow();  // Models ▸ Train a Mini-CLIP
  void showAbout();
  void showLicences();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildMenus();
  void buildStatusBar();
  void connectBridge();
  void restoreState();
  void saveState();
  void updateRuntimeStatus();
  void showMessage(const QString& text, bool error, bool offerModelFolders = false);
  void applyExportFolder();  // the remembered export folder, to the three tabs that export
  void onSettingChanged(int key);
  void connectClip();
  void connectLibrary();  // the Library tab: its CLIP and its hand-offs to the other tabs
  // The CLIP and CLIP + VQGAN tabs' banners while only the embedded models are here.
  void updateModelsBanners();
  void connectExporter(AnimationExporter* exporter, const std::function<void(const QString&)>& status);
  static QStringList defaultPhotos();  // the shipped photos, the row's default

  Settings* m_settings;
  EngineBridge* m_bridge;
  QTabWidget* m_tabs;
  ClipPanel* m_clip;
  GanPanel* m_gan;
  VqganPanel* m_vqgan;
  DrawPanel* m_draw;
  LibraryPanel* m_library;
  QLabel* m_device;
  QLabel* m_threads;
  QLabel* m_blas;
  QLabel* m_models;
  QLabel* m_job;
  std::shared_ptr<FailedModels> m_failedModels;  // one record, shared by the tabs' controllers
  ClipController* m_clipController;
  GanController* m_ganController;
  GuideController* m_guideController;
  DrawController* m_drawController;
  LibraryController* m_libraryController;
  AnimationExporter* m_ganExporter;
  AnimationExporter* m_guideExporter;
  AnimationExporter* m_drawExporter;
  TrainWindow* m_trainWindow = nullptr;
  GetModelsDialog* m_getModels = nullptr;
  QString m_catalogError;  // said once in the status bar
  QString m_clipName;
  QString m_lastMessage;
  int m_modelCount = 0;
};

}  // namespace atelier
