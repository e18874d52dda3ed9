// QCustomPlot for a project built with QT_NO_KEYWORDS: its header says `signals:` and
// `foreach`, so name those keywords for the length of the include only. Include this instead
// of <qcustomplot.h>.
#pragma once
#if !defined(signals) && !defined(foreach)
#define signals Q_SIGNALS
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef foreach
#else
#include <qcustomplot.h>
#endif
