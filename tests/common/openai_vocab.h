// Test helper: where OpenAI's BPE vocabulary (bpe_simple_vocab_16e6.txt.gz) is, for the tests
// that compare the tokenizer with OpenAI's. It is not in the repository (it comes with the
// official checkpoints): $CLIP_ATELIER_OPENAI_VOCAB names it, else ../shared/data/clip beside
// the source tree (this project's CI machines) is used. When neither exists those tests skip,
// saying how to provide it; with CLIP_ATELIER_REQUIRE_OPENAI_VOCAB=1 (set by .ci/run) a missing
// vocabulary fails them instead, so CI never loses their coverage quietly.
#pragma once
#include <QFileInfo>
#include <QString>
#include <QTest>

namespace atelier::test {

inline QString openaiVocab() {
  const QString fromEnv = qEnvironmentVariable("CLIP_ATELIER_OPENAI_VOCAB");
  if (!fromEnv.isEmpty()) return QFileInfo::exists(fromEnv) ? fromEnv : QString();
  const QString shared = QStringLiteral(ATELIER_SOURCE_DIR "/../shared/data/clip/bpe_simple_vocab_16e6.txt.gz");
  return QFileInfo::exists(shared) ? shared : QString();
}

inline QByteArray openaiVocabMissing() {
  const QString fromEnv = qEnvironmentVariable("CLIP_ATELIER_OPENAI_VOCAB");
  return (fromEnv.isEmpty()
              ? QStringLiteral("OpenAI's vocabulary bpe_simple_vocab_16e6.txt.gz is not here: set CLIP_ATELIER_OPENAI_VOCAB "
                               "to its path (it is in the openai/CLIP repository, clip/bpe_simple_vocab_16e6.txt.gz)")
              : QStringLiteral("CLIP_ATELIER_OPENAI_VOCAB names %1, which does not exist").arg(fromEnv))
      .toUtf8();
}

}  // namespace atelier::test

// In a test function: declares `var` as the vocabulary's path, or skips (fails under
// CLIP_ATELIER_REQUIRE_OPENAI_VOCAB=1) with the reason.
#define ATELIER_OPENAI_VOCAB_OR_SKIP(var)                                                \
  const QString var = atelier::test::openaiVocab();                                    \
  if (var.isEmpty()) {                                                                 \
    if (qEnvironmentVariableIntValue("CLIP_ATELIER_REQUIRE_OPENAI_VOCAB") == 1)        \
      QFAIL(atelier::test::openaiVocabMissing().constData());                          \
    QSKIP(atelier::test::openaiVocabMissing().constData());                            \
  }
