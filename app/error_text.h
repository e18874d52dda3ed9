// An engine failure in the person's language: what kind of problem it is and what to do, with
// the engine's own detail (English, from the engine) beside it.
#pragma once
#include <QString>

#include "runtime/error.h"

namespace atelier {

struct EngineError;

// One sentence per kind: what happened, in words a person can act on.
QString errorKindText(ErrorKind kind);
// What to try next, or empty when the detail says it all.
QString errorAdvice(ErrorKind kind);
// "<what> (<context>): <detail> <advice>"; context may be empty (e.g. the job's name).
QString errorMessage(const EngineError& error, const QString& context = {});

}  // namespace atelier
