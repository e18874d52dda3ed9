// Soak (issue 16): 1,000 start/cancel cycles of a CLIP + VQGAN run and of a CLIPDraw run on
// one worker, cancelled at every point a person can (still queued, after its first step, while
// paused); every job ends Cancelled or Finished, nothing crashes, and the resident memory after
// the cycles is within a stated margin of what it was once warm. Then models swapped by tasks
// while a run goes on: the run ends as it would have without them.
// CLIP_ATELIER_SOAK_CYCLES overrides the count (the figures in the README are from 1,000).
#include <QTest>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <future>
#include <thread>

#include "clip/clip.h"
#include "draw/clipdraw.h"
#include "guide/guide.h"
#include "runtime/runtime_info.h"
#include "runtime/worker.h"
#include "vqgan/vqgan.h"

using namespace atelier;
using namespace std::chrono_literals;

namespace {

constexpr double kMarginMb = 48;  // what the resident memory may grow by over the cycles

int cycles() {
  const char* env = std::getenv("CLIP_ATELIER_SOAK_CYCLES");
  return env ? std::max(1, std::atoi(env)) : 1000;
}

double residentMb() { return double(resident_memory_bytes()) / (1 << 20); }

JobFn guidedJob(int steps, uint64_t seed, std::shared_ptr<guide::GuideResult> out = {}) {
  return [steps, seed, out](JobContext& ctx) {
    auto clip = clip::shared_clip(ctx.models());
    auto vq = vqgan::shared_vqgan(ctx.models());
    guide::GuideOptions o;
    o.steps = steps;
    o.cutn = 4;
    o.width = o.height = 64;
    o.seed = seed;
    o.frame_every = 1;
    auto r = guide::run_vqgan_guidance(*clip, *vq, o, &ctx);
    if (out) *out = std::move(r);
  };
}

JobFn drawJob(int steps) {
  return [steps](JobContext& ctx) {
    auto clip = clip::shared_clip(ctx.models());
    draw::DrawOptions o;
    o.steps = steps;
    o.paths = 16;
    o.size = 64;
    o.augmentations = 2;
    o.frame_every = 1;
    draw::run_clipdraw(*clip, o, &ctx);
  };
}

struct Tally {
  int cancelled = 0, finished = 0, failed = 0;
  std::string firstFailure;
};

// One cycle: submit, then cancel it queued (mode 0), after its first step (1), or paused (2).
void cycle(Worker& worker, const JobFn& job, int mode, Tally& tally) {
  std::promise<JobResult> done;
  auto result = done.get_future();
  auto stepped = std::make_shared<std::atomic<bool>>(false);
  JobCallbacks callbacks;
  callbacks.on_progress = [stepped](int64_t, const Progress&) { stepped->store(true); };
  JobHandle handle = worker.submit("soak", job, callbacks, [&done](const JobResult& r) { done.set_value(r); });
  if (mode > 0) {
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (!stepped->load() && result.wait_for(0ms) != std::future_status::ready && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(1ms);
    if (mode == 2) {
      handle.pause();
      std::this_thread::sleep_for(2ms);
    }
  }
  worker.cancel(handle);
  if (result.wait_for(120s) != std::future_status::ready) {
    tally.failed++;
    tally.firstFailure = "a job did not end within 120 s of its cancel";
    return;
  }
  const JobResult r = result.get();
  if (r.state == JobState::Cancelled) tally.cancelled++;
  else if (r.state == JobState::Finished) tally.finished++;
  else {
    tally.failed++;
    if (tally.firstFailure.empty()) tally.firstFailure = r.message;
  }
}

}  // namespace

class TestSoak : public QObject {
  Q_OBJECT

  void soak(const char* what, const JobFn& job) {
    Worker worker(2);
    Tally tally;
    const int n = cycles();
    const int warm = std::min(n, 100);
    for (int i = 0; i < warm; ++i) cycle(worker, job, i % 3, tally);
    const double before = residentMb();
    for (int i = warm; i < n; ++i) cycle(worker, job, i % 3, tally);
    const double after = residentMb();
    qInfo("%s: %d cycles, %d cancelled, %d finished, %d failed; resident %.1f MB after %d warm-up cycles, %.1f MB after all "
          "(%+.1f MB, margin %.0f MB)",
          what, n, tally.cancelled, tally.finished, tally.failed, before, warm, after, after - before, kMarginMb);
    QVERIFY2(tally.failed == 0, tally.firstFailure.c_str());
    QCOMPARE(tally.cancelled + tally.finished, n);
    QVERIFY(tally.cancelled > n / 2);
    QVERIFY2(after - before < kMarginMb, "resident memory grew past the margin");
    // The last job's finished() runs on the worker just before it takes the job off its list.
    QTRY_COMPARE_WITH_TIMEOUT(worker.pending(), size_t(0), 10000);
  }

 private Q_SLOTS:
  void guidedRunsStartedAndCancelled() { soak("CLIP + VQGAN", guidedJob(1000, 1)); }
  void drawRunsStartedAndCancelled() { soak("CLIPDraw", drawJob(1000)); }

  void modelsSwappedWhileARunGoesOn() {
    // Tasks load another CLIP (the fixtures' tiny Hugging Face one) and the default again
    // between the run's steps; the run keeps its models and ends as an undisturbed one does.
    const std::filesystem::path other = ATELIER_SOURCE_DIR "/tests/data/clip/tiny_hf";
    std::atomic<int> swaps{0};  // before the worker: its tasks may still run while it stops
    Worker worker(2);
    auto quiet = std::make_shared<guide::GuideResult>(), swapped = std::make_shared<guide::GuideResult>();
    std::promise<JobResult> first, second;
    worker.submit("quiet", guidedJob(20, 7, quiet), {}, [&](const JobResult& r) { first.set_value(r); });
    QCOMPARE(first.get_future().get().state, JobState::Finished);

    JobCallbacks callbacks;
    callbacks.on_progress = [&](int64_t, const Progress&) {
      worker.submit_task("swap", [&, n = swaps.load()](JobContext& ctx) {
        auto c = clip::shared_clip(ctx.models(), n % 2 ? std::filesystem::path() : other);
        c->encode_texts({"a swap"});
        ctx.models().release_unused();
        swaps++;
      });
    };
    worker.submit("swapped", guidedJob(20, 7, swapped), callbacks, [&](const JobResult& r) { second.set_value(r); });
    const JobResult r = second.get_future().get();
    QVERIFY2(r.state == JobState::Finished, r.message.c_str());
    QVERIFY2(swaps.load() >= 10, std::to_string(swaps.load()).c_str());
    QCOMPARE(swapped->steps, quiet->steps);
    QVERIFY2(swapped->image.pixels == quiet->image.pixels, "a run's image changed when other jobs swapped models");
  }
};

QTEST_GUILESS_MAIN(TestSoak)
#include "tst_soak.moc"
