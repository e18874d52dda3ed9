// The search benchmark: a text search over an in-memory library of random unit vectors, beside
// the bare matrix-vector product it is built on (the memory-bound floor of any exact search).
#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "library/library.h"
#include "runtime/error.h"

namespace atelier::library {

namespace {

template <typename Fn>
double median_ms(int repeats, Fn&& fn) {
  fn();  // warm-up: first touch of the pages, thread pool start
  std::vector<double> ms;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    fn();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::nth_element(ms.begin(), ms.begin() + ptrdiff_t(ms.size() / 2), ms.end());
  return ms[ms.size() / 2];
}

}  // namespace

SearchBench bench_search(int64_t images, int64_t dim, int top_k, int repeats) {
  if (images < 1 || dim < 1 || repeats < 1 || top_k < 1)
    throw Error(ErrorKind::InvalidArgument, "the search benchmark needs at least one image, value, repeat and hit");
  c10::InferenceMode guard;
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(7);
  const at::Tensor m = at::randn({images, dim}, gen, at::kFloat).contiguous();
  std::vector<float> values(m.data_ptr<float>(), m.data_ptr<float>() + m.numel());
  std::vector<Entry> entries(static_cast<size_t>(images));
  for (int64_t i = 0; i < images; ++i) entries[size_t(i)].path = "image-" + std::to_string(i) + ".png";
  const Library library = Library::from_embeddings(std::move(entries), values, dim, "bench");
  values.clear();
  values.shrink_to_fit();
  const at::Tensor q = at::randn({dim}, gen, at::kFloat);
  const std::vector<float> query(q.data_ptr<float>(), q.data_ptr<float>() + dim);
  SearchBench b;
  b.images = images;
  b.dim = dim;
  b.top_k = top_k;
  b.repeats = repeats;
  size_t sink = 0;
  b.search_ms = median_ms(repeats, [&] { sink += library.search({{query, 1.0}}, top_k, 4.6052).size(); });
  const at::Tensor unit = q / q.norm();
  b.matvec_ms = median_ms(repeats, [&] { sink += size_t(at::matmul(m, unit).size(0)); });
  b.bytes_per_second = double(images) * double(dim) * 4.0 / (b.search_ms / 1000.0);
  if (sink == 0) throw Error(ErrorKind::Internal, "the benchmark found nothing");
  return b;
}

}  // namespace atelier::library
