// A workaround for settings forms whose rows come and go (QFormLayout::setRowVisible).
#pragma once
#include <QFormLayout>
#include <QList>

namespace atelier {

// Qt 6.4's QFormLayout computes the rows' heights for a width (what a scroll area asks when the
// settings are taller than it) with the layout slots hidden rows had when they were last shown,
// so a hidden row could leave the row now in its old slot no height (seen in the CLIP + VQGAN
// tab: the Model row after a drawer's mode). Laid out once with every row shown, each hidden row
// keeps the slot it would have, which it only ever shares with rows after it, and they set it
// after it does. Call after changing which rows show.
inline void refreshHiddenRows(QFormLayout* form) {
  QList<int> hidden;
  for (int row = 0; row < form->rowCount(); ++row)
    if (!form->isRowVisible(row)) hidden << row;
  if (hidden.isEmpty()) return;
  for (int row : hidden) form->setRowVisible(row, true);
  (void)form->sizeHint();
  for (int row : hidden) form->setRowVisible(row, false);
}

}  // namespace atelier
