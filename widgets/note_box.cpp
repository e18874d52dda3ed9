#include "note_box.h"

#include <QLabel>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

namespace atelier {

NoteBox::NoteBox(const QString& title, const QString& html, QWidget* parent)
    : QWidget(parent), m_header(new QToolButton(this)), m_body(new QLabel(html, this)) {
  m_header->setText(title);
  m_header->setCheckable(true);
  m_header->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  m_header->setAutoRaise(true);
  m_header->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  QFont f = m_header->font();
  f.setBold(true);
  m_header->setFont(f);

  m_body->setWordWrap(true);
  m_body->setTextFormat(Qt::RichText);
  m_body->setOpenExternalLinks(true);
  m_body->setTextInteractionFlags(Qt::TextBrowserInteraction);
  m_body->setContentsMargins(24, 0, 8, 6);
  m_body->setForegroundRole(QPalette::WindowText);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  layout->addWidget(m_header);
  layout->addWidget(m_body);

  connect(m_header, &QToolButton::toggled, this, &NoteBox::setExpanded);
  setExpanded(true);
}

bool NoteBox::isExpanded() const { return m_header->isChecked(); }

QString NoteBox::text() const { return m_body->text(); }

void NoteBox::setText(const QString& html) { m_body->setText(html); }

void NoteBox::setExpanded(bool expanded) {
  const bool changed = m_header->isChecked() != expanded;
  {
    const QSignalBlocker block(m_header);  // the header's toggled() calls us
    m_header->setChecked(expanded);
  }
  m_header->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
  m_body->setVisible(expanded);
  if (changed) Q_EMIT expandedChanged(expanded);
}

}  // namespace atelier
