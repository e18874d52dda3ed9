// The CLIP tab: a prompt against a row of images (cosine, softmax, embeddings), a prompts x
// images table, zero-shot classification, and the cosine / softmax explainer.
#pragma once
#include <QList>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QCPColorMap;
class QCPItemRect;
class QDoubleSpinBox;
class QSpinBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSlider;
class QTabWidget;
class QTimer;

namespace atelier {

class CosineDemo;
class HeatStrip;
class ImageCard;
class NoteBox;

class ClipPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ClipPanel(QWidget* parent = nullptr);

  NoteBox* note() const { return m_note; }
  QTabWidget* modes() const { return m_modes; }
  QString prompt() const;
  void setPrompt(const QString& prompt);
  QString tablePrompts() const;
  void setTablePrompts(const QString& prompts);
  // Adds the readable images; each unreadable one is reported through imageRejected.
  int addImages(const QStringList& paths);
  // Replaces the row with rendered images (the mini-CLIP's defaults).
  void setRenderedImages(const QList<QImage>& images, const QStringList& names);
  QStringList imagePaths() const;  // the files in the row (rendered images have none)
  QList<QImage> images() const;
  // Scores for the current prompt, one per image (empty to clear); embeddings raw.
  void showScores(const QVector<double>& cosine, const QVector<double>& softmax, const QVector<double>& text,
                  const QList<QVector<double>>& images);
  void showScoreError(const QString& message);
  QVector<double> shownCosines() const { return m_cosines; }
  QVector<double> shownSoftmax() const { return m_softmax; }
  int bestImage() const;  // -1 when nothing is scored
  void removeImage(int index);
  void moveImage(int index, int delta);
  // An image from the clipboard or a drop (no file): named, kept for this session.
  void addImage(const QImage& image, const QString& name);
  QStringList imageNames() const;
  // Whether a CLIP model is there to score with; reason says what to do when it isn't.
  void setModelAvailable(bool available, const QString& reason);
  bool pasteFromClipboard();

  // Table mode: prompts x images; measure 0 cosine, 1 softmax over images, 2 softmax over prompts.
  QStringList tablePromptList() const;  // the non-empty lines
  void showTable(const QStringList& prompts, const QList<QVector<double>>& cosine, const QList<QVector<double>>& overImages,
                 const QList<QVector<double>>& overPrompts);
  void showTableError(const QString& message);
  QList<QVector<double>> shownTable() const;  // the chosen measure
  void setTableMeasure(int measure);
  void focusCell(int prompt, int image);
  QString focusText() const;
  bool exportTableCsv(const QString& path);
  bool exportTablePng(const QString& path);
  // Reads what exportTableCsv writes: the matrix, its prompts and image names.
  static QList<QVector<double>> readTableCsv(const QString& path, QStringList* prompts, QStringList* images);
  QCustomPlot* heatmap() const { return m_heatmap; }

  // Zero-shot: labels (presets: CIFAR-10, CIFAR-100, the mini-CLIP's vocabulary), template or ensemble.
  static QStringList cifar10();
  static QStringList cifar100();
  // CLIP's ensemble of ImageNet prompt templates (18 of the prompt-engineering notebook's 80).
  static QStringList ensembleTemplates();
  void setZeroShotLabels(const QStringList& labels);
  void requestClassification();
  void showZeroShot(const QStringList& labels, const QVector<double>& probability);
  QList<QPair<QString, double>> shownTopK() const { return m_topk; }
  QCustomPlot* bars() const { return m_bars; }
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
  void tableRequested(const QStringList& prompts);
  void classifyRequested(int image, const QStringList& labels, const QStringList& templates);
  void vocabularyRequested();  // the mini-CLIP's own labels
  // Debounced: the prompt stopped changing, or the images changed.
  void scoreRequested(const QString& prompt);

 private:
  QWidget* buildRowPage();
  QWidget* buildTablePage();
  QWidget* buildZeroShotPage();
  QWidget* buildExplainPage();
  void updateSoftmaxDemo();
  void addCard(const QString& path, const QImage& image, const QString& label);
  void drawTable();
  void updatePromptStrip();
  void refreshImageChoices();
  void setTableStatus(const QString& text);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:

  NoteBox* m_note;
  QLabel* m_banner;
  QTabWidget* m_modes;
  QLineEdit* m_prompt = nullptr;
  QHBoxLayout* m_cards = nullptr;
  QList<ImageCard*> m_cardList;
  HeatStrip* m_promptStrip = nullptr;
  QPlainTextEdit* m_tablePrompts = nullptr;
  QList<QWidget*> m_needModel;
  CosineDemo* m_cosine = nullptr;
  QList<QDoubleSpinBox*> m_demoCosines;
  QList<QLabel*> m_demoShares;
  QSlider* m_scale = nullptr;
  QTimer* m_debounce = nullptr;
  QLabel* m_scoreError = nullptr;
  QVector<double> m_cosines, m_softmax;
  QLabel* m_scaleLabel = nullptr;
  // Row embeddings, raw as the model gave them.
  QVector<double> m_text;
  QList<QVector<double>> m_imageEmb;
  QComboBox* m_embView = nullptr;
  QComboBox* m_diffWith = nullptr;
  // Table.
  QComboBox* m_measure = nullptr;
  QCustomPlot* m_heatmap = nullptr;
  QCPColorMap* m_map = nullptr;
  QCPItemRect* m_focus = nullptr;
  QLabel* m_tableInfo = nullptr;
  QStringList m_tableRows, m_tableCols;
  QList<QVector<double>> m_tableCos, m_tableOverImages, m_tableOverPrompts;
  // Zero-shot.
  QComboBox* m_zsImage = nullptr;
  QComboBox* m_zsPreset = nullptr;
  QPlainTextEdit* m_zsLabels = nullptr;
  QLineEdit* m_zsTemplate = nullptr;
  QCheckBox* m_zsEnsemble = nullptr;
  QSpinBox* m_zsTopk = nullptr;
  QCustomPlot* m_bars = nullptr;
  QLabel* m_zsInfo = nullptr;
  QList<QPair<QString, double>> m_topk;
};

}  // namespace atelier
