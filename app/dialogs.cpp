// The main window's dialogs: preferences, model folders, Get Models (and the tabs' banners that
// offer it), about and licences.
#include <QColor>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

#include "appearance.h"
#include "clip_controller.h"
#include "atelier/version.h"
#include "engine_bridge.h"
#include "get_models_dialog.h"
#include "guide_controller.h"
#include "clip_panel.h"
#include "vqgan_panel.h"
#include "main_window.h"
#include "runtime/model_paths.h"
#include "runtime/runtime_info.h"
#include "settings.h"

namespace atelier {

namespace {
QString qs(const std::filesystem::path& p) { return QDir::toNativeSeparators(QString::fromStdString(p.string())); }

QString readText(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// A card's images (![alt](samples.png)) are relative to its own folder, but the dialog shows
// every card in one document with no folder of its own: each becomes a file URL, and one whose
// file is missing becomes its alt text, never a broken image.
QString withImagesFrom(const QString& markdown, const QDir& folder) {
  static const QRegularExpression image(QStringLiteral(R"(!\[([^\]]*)\]\(\s*([^)\s]+)((?:\s+"[^"]*")?)\s*\))"));
  QString out;
  qsizetype at = 0;
  for (auto it = image.globalMatch(markdown); it.hasNext();) {
    const QRegularExpressionMatch m = it.next();
    out += markdown.mid(at, m.capturedStart() - at);
    at = m.capturedEnd();
    const QString alt = m.captured(1), target = m.captured(2);
    if (!QUrl(target).scheme().isEmpty() && !QDir::isAbsolutePath(target)) {  // http:, file:, ...: as written
      out += m.captured(0);
      continue;
    }
    const QString file = folder.absoluteFilePath(target);
    if (QFileInfo(file).isFile()) out += QStringLiteral("![%1](%2%3)").arg(alt, QUrl::fromLocalFile(file).toString(QUrl::FullyEncoded), m.captured(3));
    else if (!alt.trimmed().isEmpty()) out += QLatin1Char('*') + alt + QLatin1Char('*');
  }
  return out + markdown.mid(at);
}

QString languageName(const QString& code) {
  return code.isEmpty() ? QObject::tr("System language") : QLocale(code).nativeLanguageName();
}
}  // namespace

void MainWindow::showPreferences() {
  QDialog dialog(this);
  dialog.setWindowTitle(tr("Preferences"));
  auto* threads = new QSpinBox(&dialog);
  threads->setRange(0, max_thread_count());  // 4 per core, at most 256 (runtime/limits.h)
  threads->setSpecialValueText(tr("all cores (%1)").arg(default_thread_count()));
  threads->setValue(m_settings->value(Settings::Key::Threads).toInt());
  auto* device = new QComboBox(&dialog);
  device->addItem(tr("Automatic (CUDA when present)"), QStringLiteral("auto"));
  device->addItem(tr("CPU"), QStringLiteral("cpu"));
  device->addItem(tr("CUDA"), QStringLiteral("cuda"));
  device->setCurrentIndex(device->findData(m_settings->value(Settings::Key::Device)));
  auto* language = new QComboBox(&dialog);
  language->addItem(languageName({}), QString());
  for (const QString& code : availableLanguages()) language->addItem(languageName(code), code);
  language->setCurrentIndex(language->findData(m_settings->value(Settings::Key::Language)));
  auto* theme = new QComboBox(&dialog);
  theme->addItem(tr("System"), QStringLiteral("system"));
  theme->addItem(tr("Light"), QStringLiteral("light"));
  theme->addItem(tr("Dark"), QStringLiteral("dark"));
  theme->setCurrentIndex(theme->findData(m_settings->value(Settings::Key::Theme)));

  auto* form = new QFormLayout;
  form->addRow(tr("Threads:"), threads);
  form->addRow(tr("Device:"), device);
  form->addRow(tr("Language:"), language);
  form->addRow(tr("Theme:"), theme);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
  connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  auto* layout = new QVBoxLayout(&dialog);
  layout->addLayout(form);
  layout->addWidget(buttons);
  if (dialog.exec() != QDialog::Accepted) return;
  m_settings->setValue(Settings::Key::Threads, threads->value());
  m_settings->setValue(Settings::Key::Device, device->currentData());
  m_settings->setValue(Settings::Key::Language, language->currentData());
  m_settings->setValue(Settings::Key::Theme, theme->currentData());
}

void MainWindow::showModelFolders() {
  const auto dirs = model_search_paths();
  const auto models = find_models(dirs);
  QDialog dialog(this);
  dialog.setWindowTitle(tr("Model Folders"));
  auto* intro = new QLabel(tr("Models are looked for in these folders, in this order. Put official checkpoints "
                              "(CLIP .pt or .safetensors, VQGAN .ckpt with its .yaml) in your own folder; "
                              "the environment variable %1 adds more.")
                               .arg(QLatin1String(kModelPathEnv)),
                           &dialog);
  intro->setWordWrap(true);
  auto* folders = new QTableWidget(int(dirs.size()), 3, &dialog);
  folders->setHorizontalHeaderLabels({tr("Kind"), tr("Folder"), tr("Present")});
  for (int i = 0; i < int(dirs.size()); ++i) {
    folders->setItem(i, 0, new QTableWidgetItem(QString::fromLatin1(to_string(dirs[i].kind))));
    folders->setItem(i, 1, new QTableWidgetItem(qs(dirs[i].path)));
    folders->setItem(i, 2, new QTableWidgetItem(dirs[i].exists ? tr("yes") : tr("no")));
  }
  // Files that failed to load (and have not changed since) say why; the rest are not tried yet
  // or loaded fine.
  const QHash<QString, QString> failed = m_clipController->failedModels();
  auto statusOf = [&](const std::filesystem::path& p) {
    for (auto it = failed.begin(); it != failed.end(); ++it) {
      const std::filesystem::path f = it.key().toStdString();
      if (f == p || f == p.parent_path()) return tr("failed to load: %1").arg(it.value());
    }
    return QString();
  };
  auto* files = new QTableWidget(int(models.size()), 4, &dialog);
  files->setObjectName(QStringLiteral("modelFiles"));
  files->setHorizontalHeaderLabels({tr("File"), tr("Format"), tr("Size"), tr("Status")});
  for (int i = 0; i < int(models.size()); ++i) {
    files->setItem(i, 0, new QTableWidgetItem(qs(models[i].path)));
    files->setItem(i, 1, new QTableWidgetItem(QString::fromStdString(models[i].format)));
    files->setItem(i, 2, new QTableWidgetItem(QLocale().formattedDataSize(qint64(models[i].bytes))));
    const QString status = statusOf(models[i].path);
    auto* item = new QTableWidgetItem(status);
    item->setToolTip(status);
    if (!status.isEmpty()) item->setForeground(QColor(0xc6, 0x28, 0x28));
    files->setItem(i, 3, item);
  }
  for (auto* t : {folders, files}) {
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->horizontalHeader()->setStretchLastSection(true);
    t->resizeColumnsToContents();
  }
  auto* openUser = new QPushButton(tr("Open My Models Folder"), &dialog);
  connect(openUser, &QPushButton::clicked, this, [] {
    const QString path = QString::fromStdString((user_data_dir() / "models").string());
    QDir().mkpath(path);
    QDesktopServices::openUrl(QUrl::fromLocalFile(path));
  });
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
  buttons->addButton(openUser, QDialogButtonBox::ActionRole);
  connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  auto* layout = new QVBoxLayout(&dialog);
  layout->addWidget(intro);
  layout->addWidget(folders);
  layout->addWidget(new QLabel(tr("Model files found: %1").arg(models.size()), &dialog));
  layout->addWidget(files, 1);
  layout->addWidget(buttons);
  dialog.resize(760, 420);
  dialog.exec();
}

void MainWindow::showAbout() {
  const Versions v = versions();
  QMessageBox::about(
      this, tr("About CLIP Atelier"),
      tr("<h3>CLIP Atelier %1</h3>"
         "<p>A studio for exploring how CLIP connects text and images, and for making art with it: "
         "similarity, GANs, CLIP + VQGAN and CLIPDraw, after the article \"CLIP, GANs, and Art\".</p>"
         "<p>Built with Qt %2, LibTorch %3, OpenCV %4 and QCustomPlot.</p>"
         "<p>Licensed under the GNU General Public License, version 3 or later. "
         "Help ▸ Licences lists the licences of the data and models shipped with it.</p>")
          .arg(QLatin1String(ATELIER_VERSION), QLatin1String(qVersion()),
               QString::fromStdString(v.torch), QString::fromStdString(v.opencv)));
}

QString MainWindow::licencesText() {
  const QDir data(QString::fromStdString(data_dir().string()));
  QString md = tr("# CLIP Atelier\n\nCLIP Atelier is free software under the GNU General Public License, version 3 "
                  "or later (it links QCustomPlot, GPL-3.0). It uses Qt (LGPL-3.0), LibTorch (BSD-3-Clause) "
                  "and OpenCV (Apache-2.0).\n\n");
  const QDir photos(data.filePath(QStringLiteral("photos")));
  md += withImagesFrom(readText(photos.filePath(QStringLiteral("LICENSES.md"))), photos);
  // The ImageNet class names of the BigGAN class picker (torchvision's list, BSD-3-Clause).
  const QString imagenet = readText(data.filePath(QStringLiteral("imagenet/LICENSE")));
  if (!imagenet.isEmpty()) md += QStringLiteral("\n\n## ImageNet class names\n\n```\n") + imagenet + QStringLiteral("```\n");
  // Every shipped model's card (its data, their licences, how it was trained).
  const QDir models(data.filePath(QStringLiteral("models")));
  for (const QString& sub : models.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
    const QDir folder(models.filePath(sub));
    const QString card = folder.filePath(QStringLiteral("README.md"));
    if (QFileInfo::exists(card)) md += QStringLiteral("\n\n") + withImagesFrom(readText(card), folder);
  }
  return md;
}

void MainWindow::showLicences() {
  QDialog dialog(this);
  dialog.setWindowTitle(tr("Licences"));
  auto* text = new QTextBrowser(&dialog);
  text->setMarkdown(licencesText());
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
  connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  auto* layout = new QVBoxLayout(&dialog);
  layout->addWidget(text);
  layout->addWidget(buttons);
  dialog.resize(640, 520);
  dialog.exec();
}

void MainWindow::updateModelsBanners() {
  const GetModelsDialog::Presence present = GetModelsDialog::presence();
  if (!present.error.isEmpty()) {
    // No catalogue, no banners: the window works on without them.
    if (present.error != m_catalogError) showMessage(present.error, false);
    m_catalogError = present.error;
    m_clip->setBanner({});
    m_vqgan->setBanner({});
    return;
  }
  m_catalogError.clear();
  // The model's name: its folder's (mini-clip/model.safetensors), or its own when it is a folder.
  auto name = [](const QString& path) {
    const QFileInfo info(path);
    return info.isDir() ? info.fileName() : info.dir().dirName();
  };
  m_clip->setBanner(!present.clip && m_clipController->isMiniClip()
                        ? tr("The CLIP in use, %1, is a mini-CLIP: it knows emoji, shapes and clip art drawn small, not photographs. "
                             "OpenAI's CLIP reads photographs.")
                              .arg(name(m_clipController->modelPath()))
                        : QString());
  const QString vq = m_guideController->nextVqgan();
  if (present.vqgan || !(vq.isEmpty() || vq.contains(QLatin1String("mini-vqgan"))))
    m_vqgan->setBanner({});
  else if (vq.isEmpty())
    m_vqgan->setBanner(tr("No VQGAN is installed: taming's ImageNet VQGAN paints recognisable things."));
  else
    m_vqgan->setBanner(tr("The VQGAN in use, %1, is a mini-VQGAN: it paints emoji and shapes at 64 px. "
                          "Taming's ImageNet VQGAN paints recognisable things.")
                           .arg(name(vq)));
}

void MainWindow::showGetModels() {
  if (!m_getModels) {
    m_getModels = new GetModelsDialog(m_bridge, this);
    m_getModels->setObjectName(QStringLiteral("getModels"));
    connect(m_getModels, &GetModelsDialog::useForClip, this, [this](const QString& path) {
      m_tabs->setCurrentWidget(m_clip);
      m_clipController->load(path);
    });
    connect(m_getModels, &GetModelsDialog::useForVqgan, this, [this](const QString& path) {
      m_settings->setValue(Settings::Key::VqganModel, path);
      VqganPanel::Settings guide = m_vqgan->settings();
      guide.setMode(QStringLiteral("vqgan"));  // the CLIP + VQGAN mode (not a GAN, not a drawer)
      m_vqgan->setSettings(guide);
      m_guideController->setPreferredVqgan(path);
      m_tabs->setCurrentWidget(m_vqgan);
      updateModelsBanners();
    });
    connect(m_getModels, &GetModelsDialog::modelsChanged, this, [this] {
      m_guideController->refreshAvailability();
      updateModelsBanners();
    });
  } else {
    m_getModels->refresh();
  }
  m_getModels->show();
  m_getModels->raise();
  m_getModels->activateWindow();
}

}  // namespace atelier
