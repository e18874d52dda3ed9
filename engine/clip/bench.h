// Throughput of CLIP's encoders, beside the machine's own matmul rate.
#pragma once
#include <string>

#include "clip/clip.h"

namespace atelier::clip {

struct ClipBenchOptions {
  int batch = 32;
  int repeats = 3;          // timed batches (after one warm-up)
  bool grad = false;        // time forward + backward to the input pixels, as guidance does
  std::string precision = "fp32";  // fp32, bf16, fp16
  std::string device = "cpu";      // "cpu" or "cuda:N": where the model, the inputs and the matmul run
};

struct ClipBenchResult {
  double images_per_s = 0, texts_per_s = 0;
  double image_gflop = 0, text_gflop = 0;  // per item, forward
  double achieved_gflops = 0;              // of the image encoder
  double matmul_gflops = 0;                // a 2048^3 matmul at the same precision and threads
  double cosine_to_fp32 = 1.0;             // for reduced precision: worst cosine of image embeddings vs float32
};

ClipBenchResult bench_clip(Clip& model, const ClipBenchOptions& options);
// GFLOP/s of an n x n x n matmul in the given precision on the device (on the CPU: this thread's
// intra-op threads).
double matmul_gflops(const std::string& precision, int n = 2048, const std::string& device = "cpu");

}  // namespace atelier::clip
