// The CLIP tab: a prompt against a row of images (cosine, softmax, embeddings), a prompts x
// images table, zero-shot classification, and the cosine / softmax explainer; each a page of
// its own (clip_row_page.h, clip_table_page.h, zero_shot_page.h, cosine_softmax_page.h).
#pragma once
#include <QList>
#include <QStringList>
#include <QWidget>

class QCustomPlot;
class QFrame;
class QLabel;
class QTabWidget;

namespace atelier {

class ClipRowPage;
class ClipTablePage;
class NoteBox;
class ZeroShotPage;

class ClipPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ClipPanel(QWidget* parent = nullptr);

  NoteBox* note() const { return m_note; }
  // The note's model-dependent words: the loaded model's name and its embedding's length
  // ("128 numbers for the mini-CLIP").
  void setModelNote(const QString& name, int embedDim);
  QTabWidget* modes() const { return m_modes; }
  QString prompt() const;
  void setPrompt(const QString& prompt);
  QString tablePrompts() const;
  void setTablePrompts(const QString& prompts);
  // Adds the readable images; each unreadable one is reported through imageRejected.
  int addImages(const QStringList& paths);
  // Replaces the row with rendered images (the mini-CLIP's defaults); keepOthers: replaces only
  // the earlier renders, before the user's images.
  void setRenderedImages(const QList<QImage>& images, const QStringList& names, bool keepOthers = false);
  int exampleCount() const;  // the renders still in the row
  QStringList imagePaths() const;  // the files in the row (rendered images have none)
  QList<QImage> images() const;
  // Scores for the current prompt, one per image (empty to clear); embeddings raw.
  void showScores(const QVector<double>& cosine, const QVector<double>& softmax, const QVector<double>& text,
                  const QList<QVector<double>>& images);
  void showScoreError(const QString& message);
  QVector<double> shownCosines() const;
  QVector<double> shownSoftmax() const;
  int bestImage() const;  // -1 when nothing is scored
  void removeImage(int index);
  void moveImage(int index, int delta);
  // An image from the clipboard or a drop (no file): named, kept for this session.
  void addImage(const QImage& image, const QString& name);
  QStringList imageNames() const;
  // Whether a CLIP model is there to score with; reason says what to do when it isn't.
  void setModelAvailable(bool available, const QString& reason);
  // The first-run banner (objectName "modelsBanner"): one sentence and a Get Models… button
  // (getModelsRequested); empty text hides it.
  void setBanner(const QString& text);
  QString bannerText() const;
  bool pasteFromClipboard();

  // Table mode: prompts x images; measure 0 cosine, 1 softmax over images, 2 softmax over prompts.
  QStringList tablePromptList() const;  // the non-empty lines
  void showTable(const QStringList& prompts, const QList<QVector<double>>& cosine, const QList<QVector<double>>& overImages,
                 const QList<QVector<double>>& overPrompts);
  void showTableError(const QString& message);
  bool tableBusy() const;  // a table was asked for and has not come yet
  QList<QVector<double>> shownTable() const;  // the chosen measure
  void setTableMeasure(int measure);
  void focusCell(int prompt, int image);
  QString focusText() const;
  bool exportTableCsv(const QString& path);
  bool exportTablePng(const QString& path);
  // Reads what exportTableCsv writes: the matrix, its prompts and image names.
  static QList<QVector<double>> readTableCsv(const QString& path, QStringList* prompts, QStringList* images);
  QCustomPlot* heatmap() const;

  // Zero-shot: labels (presets: CIFAR-10, CIFAR-100, the mini-CLIP's vocabulary), template or ensemble.
  static QStringList cifar10();
  static QStringList cifar100();
  // CLIP's ensemble of ImageNet prompt templates (18 of the prompt-engineering notebook's 80).
  static QStringList ensembleTemplates();
  // The loaded model's zero-shot templates (ZeroShotPage::setTemplates) and the ensemble in use.
  void setZeroShotTemplates(const QString& single, const QStringList& ensemble, const QString& source);
  QStringList zeroShotEnsemble() const;
  void setZeroShotLabels(const QStringList& labels);
  void requestClassification();
  void showZeroShot(const QStringList& labels, const QVector<double>& probability);
  void showZeroShotError(const QString& message);
  bool zeroShotBusy() const;  // a classification was asked for and has not come yet
  QList<QPair<QString, double>> shownTopK() const;
  QCustomPlot* bars() const;
  void setEnsemble(bool on);

  // Embedding views of the row: raw or normalised, or the prompt minus an image; as text.
  void setEmbeddingView(bool normalised, int differenceWith = -1);
  QVector<double> shownPromptStrip() const;
  QString embeddingsCsv() const;
  QString embeddingsJson() const;
  bool exportEmbeddings(const QString& path);  // .csv or .json by the extension

 Q_SIGNALS:
  void promptChanged(const QString& prompt);
  void imagesChanged(const QStringList& paths);
  void imageRejected(const QString& path, const QString& reason);
  void addImagesRequested();
  void resetExamplesRequested();  // the row's Reset to Examples button
  void examplesRemoved();         // the user removed the last example render
  void tableRequested(const QStringList& prompts);
  void classifyRequested(int image, const QStringList& labels, const QStringList& templates);
  void vocabularyRequested();  // the mini-CLIP's own labels
  void getModelsRequested();   // the banner's button: Models ▸ Get Models
  // Debounced: the prompt stopped changing, or the images changed.
  void scoreRequested(const QString& prompt);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  NoteBox* m_note;
  QLabel* m_banner;
  QFrame* m_modelsBanner;
  QLabel* m_modelsText;
  QTabWidget* m_modes;
  ClipRowPage* m_row;
  ClipTablePage* m_table;
  ZeroShotPage* m_zeroShot;
};

}  // namespace atelier
