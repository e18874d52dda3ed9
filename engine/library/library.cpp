#include "library/library.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include <ATen/CPUGeneratorImpl.h>

#include "library/detail/sqlite.h"
#include "runtime/error.h"

namespace fs = std::filesystem;

namespace atelier::library {

struct Library::Impl {
  fs::path db;
  std::string key;
  int64_t dim = 0;
  std::vector<Entry> entries;
  std::vector<float> matrix;  // [size, dim], row-major, each row a unit vector
  std::vector<Skipped> skipped;
  std::unordered_map<std::string, size_t> by_path;

  // The matrix as a tensor without a copy: every product below reads it in place.
  at::Tensor tensor() const {
    return at::from_blob(const_cast<float*>(matrix.data()), {int64_t(entries.size()), dim}, at::kFloat);
  }
  // A query's embedding as a unit vector of the library's dimension.
  at::Tensor unit(const std::vector<float>& v, const char* what) const {
    if (int64_t(v.size()) != dim)
      throw Error(ErrorKind::InvalidArgument, std::string(what) + " has " + std::to_string(v.size()) + " values; the library's embeddings (" +
                                                  key + ") have " + std::to_string(dim) + ": was it made by another model?");
    at::Tensor t = at::from_blob(const_cast<float*>(v.data()), {dim}, at::kFloat).clone();
    const double n = t.norm().item<double>();
    if (!(n > 0) || !std::isfinite(n)) throw Error(ErrorKind::InvalidArgument, std::string(what) + " is zero or not finite");
    return t / n;
  }
};

Library::Library(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Library::Library(Library&&) noexcept = default;
Library& Library::operator=(Library&&) noexcept = default;
Library::~Library() = default;

Library Library::open(const fs::path& db, const std::string& model_key) {
  detail::Database d(db, detail::Database::Mode::Existing);
  auto impl = std::make_unique<Impl>();
  impl->db = db;
  impl->key = model_key;
  {
    auto s = d.prepare("SELECT dim FROM models WHERE key = ?1");
    s.bind(1, model_key);
    if (s.step()) {
      impl->dim = s.int64(0);
    } else {
      // Another model's key (a --clip that did not index it) would show an empty library: say so.
      std::string keys;
      auto all = d.prepare("SELECT key FROM models ORDER BY key");
      while (all.step()) keys += (keys.empty() ? "" : ", ") + all.text(0);
      throw Error(ErrorKind::NotFound, db.string() + " holds no embeddings of the model " + model_key +
                                           (keys.empty() ? std::string(" (nothing is indexed yet)") : " (it holds " + keys + ")"));
    }
  }
  auto s = d.prepare(
      "SELECT i.path, i.size, i.width, i.height, e.vector FROM images i JOIN embeddings e ON e.image_id = i.id "
      "WHERE e.model = ?1 AND i.status = 'ok' ORDER BY i.path");
  s.bind(1, model_key);
  while (s.step()) {
    std::vector<float> v = s.floats(4);
    if (impl->dim == 0) impl->dim = int64_t(v.size());
    if (int64_t(v.size()) != impl->dim)
      throw Error(ErrorKind::BadFile, "an embedding of " + std::to_string(v.size()) + " values for a model of " + std::to_string(impl->dim) +
                                          " in " + db.string() + " (" + s.text(0) + "): index the folder again into a new database");
    double n = 0;
    for (float x : v) n += double(x) * double(x);
    n = std::sqrt(n);
    if (!(n > 0) || !std::isfinite(n)) continue;  // an all-zero embedding ranks nothing; leave it out
    for (float x : v) impl->matrix.push_back(float(double(x) / n));
    impl->by_path.emplace(s.text(0), impl->entries.size());
    impl->entries.push_back({fs::path(s.text(0)), uint64_t(s.int64(1)), int(s.int64(2)), int(s.int64(3))});
  }
  auto k = d.prepare("SELECT path, status FROM images WHERE status != 'ok' ORDER BY path");
  while (k.step()) impl->skipped.push_back({fs::path(k.text(0)), k.text(1)});
  return Library(std::move(impl));
}

Library Library::from_embeddings(std::vector<Entry> entries, const std::vector<float>& matrix, int64_t dim, const std::string& model_key) {
  if (dim <= 0 || matrix.size() != entries.size() * size_t(dim))
    throw Error(ErrorKind::InvalidArgument, std::to_string(matrix.size()) + " values are not " + std::to_string(entries.size()) +
                                                " embeddings of " + std::to_string(dim));
  auto impl = std::make_unique<Impl>();
  impl->key = model_key;
  impl->dim = dim;
  impl->matrix.reserve(matrix.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    const float* row = matrix.data() + i * size_t(dim);
    double n = 0;
    for (int64_t d = 0; d < dim; ++d) n += double(row[d]) * double(row[d]);
    n = std::sqrt(n);
    if (!(n > 0) || !std::isfinite(n)) throw Error(ErrorKind::InvalidArgument, "embedding " + std::to_string(i) + " is zero or not finite");
    for (int64_t d = 0; d < dim; ++d) impl->matrix.push_back(float(double(row[d]) / n));
    impl->by_path.emplace(entries[i].path.lexically_normal().string(), i);
  }
  impl->entries = std::move(entries);
  return Library(std::move(impl));
}

const fs::path& Library::db() const { return impl_->db; }
const std::string& Library::model_key() const { return impl_->key; }
size_t Library::size() const { return impl_->entries.size(); }
int64_t Library::dim() const { return impl_->dim; }
const std::vector<Entry>& Library::entries() const { return impl_->entries; }
const std::vector<Skipped>& Library::skipped() const { return impl_->skipped; }

std::optional<size_t> Library::find(const fs::path& path) const {
  const auto it = impl_->by_path.find(path.lexically_normal().string());
  if (it == impl_->by_path.end()) return std::nullopt;
  return it->second;
}

std::vector<float> Library::embedding(size_t index) const {
  if (index >= size()) throw Error(ErrorKind::InvalidArgument, "no image " + std::to_string(index) + " in a library of " + std::to_string(size()));
  const auto* row = impl_->matrix.data() + index * size_t(impl_->dim);
  return {row, row + impl_->dim};
}

std::vector<Hit> Library::search(const std::vector<Term>& terms, int top_k, double logit_scale) const {
  if (terms.empty()) throw Error(ErrorKind::InvalidArgument, "a search needs a query");
  if (!std::isfinite(logit_scale)) throw Error(ErrorKind::InvalidArgument, "the logit scale is not finite");
  for (const auto& t : terms)
    if (!std::isfinite(t.weight)) throw Error(ErrorKind::InvalidArgument, "a query term's weight is not finite");
  if (impl_->entries.empty()) return {};
  c10::InferenceMode guard;
  // The score is linear in the terms: sum_i w_i (M u_i) = M (sum_i w_i u_i). So one
  // matrix-vector product over the whole matrix ranks (memory-bound: 100,000 x 512 floats are
  // 205 MB read once), and the cosine with the query is computed for the hits alone.
  const at::Tensor query = impl_->unit(terms[0].embedding, "the query's embedding");
  at::Tensor combined = query * terms[0].weight;
  for (size_t i = 1; i < terms.size(); ++i) combined = combined + impl_->unit(terms[i].embedding, "a query term's embedding") * terms[i].weight;
  const at::Tensor score = at::mv(impl_->tensor(), combined).contiguous();                              // [N]
  const at::Tensor share = at::softmax(score.to(at::kDouble) * std::exp(logit_scale), 0).contiguous();  // [N]
  const int64_t n = int64_t(impl_->entries.size());
  const int64_t k = top_k <= 0 ? n : std::min<int64_t>(top_k, n);
  const at::Tensor order = std::get<1>(at::topk(score, k)).contiguous();
  const at::Tensor first = terms.size() == 1 && terms[0].weight != 0 ? score.index_select(0, order) / terms[0].weight
                                             : at::mv(impl_->tensor().index_select(0, order), query);
  const at::Tensor cosine = first.contiguous();
  const auto* o = order.data_ptr<int64_t>();
  const auto* s = score.data_ptr<float>();
  const auto* c = cosine.data_ptr<float>();
  const auto* sm = share.data_ptr<double>();
  std::vector<Hit> hits;
  hits.reserve(size_t(k));
  for (int64_t i = 0; i < k; ++i) {
    const size_t at = size_t(o[i]);
    hits.push_back({at, impl_->entries[at].path, double(s[at]), double(c[i]), sm[at]});
  }
  return hits;
}

std::vector<std::vector<Member>> Library::duplicates(double threshold) const {
  if (!(threshold >= -1 && threshold <= 1)) throw Error(ErrorKind::InvalidArgument, "a cosine threshold must lie in -1 to 1");
  const int64_t n = int64_t(impl_->entries.size());
  std::vector<int64_t> parent(static_cast<size_t>(n));
  std::iota(parent.begin(), parent.end(), 0);
  auto root = [&](int64_t i) {
    while (parent[size_t(i)] != i) i = parent[size_t(i)] = parent[size_t(parent[size_t(i)])];
    return i;
  };
  c10::InferenceMode guard;
  const at::Tensor m = impl_->tensor();
  // Row blocks of at most 4 M similarities, so memory stays bounded at any size (all pairs of
  // 100,000 images take minutes, not gigabytes).
  const int64_t rows = std::max<int64_t>(1, (int64_t(1) << 22) / std::max<int64_t>(n, 1));
  const at::Tensor cols = at::arange(n, at::kLong).unsqueeze(0);
  for (int64_t r0 = 0; r0 < n; r0 += rows) {
    const int64_t r1 = std::min(n, r0 + rows);
    const at::Tensor sims = at::matmul(m.slice(0, r0, r1), m.t());  // [b, N]
    const at::Tensor upper = cols > at::arange(r0, r1, at::kLong).unsqueeze(1);
    const at::Tensor pairs = at::nonzero(at::logical_and(sims >= float(threshold), upper)).contiguous();  // [p, 2]
    const auto* p = pairs.data_ptr<int64_t>();
    for (int64_t i = 0; i < pairs.size(0); ++i) {
      const int64_t a = root(r0 + p[2 * i]), b = root(p[2 * i + 1]);
      if (a != b) parent[size_t(std::max(a, b))] = std::min(a, b);
    }
  }
  std::unordered_map<int64_t, std::vector<size_t>> groups;
  for (int64_t i = 0; i < n; ++i) groups[root(i)].push_back(size_t(i));
  std::vector<std::vector<Member>> out;
  for (auto& [_, g] : groups) {
    if (g.size() < 2) continue;
    const auto& e = impl_->entries;
    std::sort(g.begin(), g.end(), [&](size_t a, size_t b) {
      const uint64_t pa = uint64_t(e[a].width) * uint64_t(e[a].height), pb = uint64_t(e[b].width) * uint64_t(e[b].height);
      if (pa != pb) return pa > pb;
      if (e[a].bytes != e[b].bytes) return e[a].bytes > e[b].bytes;
      return e[a].path < e[b].path;
    });
    const float* first = impl_->matrix.data() + g[0] * size_t(impl_->dim);
    std::vector<Member> members;
    for (size_t i : g) {
      const float* row = impl_->matrix.data() + i * size_t(impl_->dim);
      double c = 0;
      for (int64_t d = 0; d < impl_->dim; ++d) c += double(first[d]) * double(row[d]);
      members.push_back({e[i].path, e[i].bytes, e[i].width, e[i].height, c});
    }
    out.push_back(std::move(members));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (a.size() != b.size()) return a.size() > b.size();
    return a.front().path < b.front().path;
  });
  return out;
}

std::vector<std::array<double, 2>> Library::pca2(const std::vector<std::vector<float>>& extra) const {
  const int64_t n = int64_t(impl_->entries.size());
  std::vector<std::array<double, 2>> out;
  if (n == 0) return out;
  c10::InferenceMode guard;
  const at::Tensor m = impl_->tensor().to(at::kDouble);
  const at::Tensor mean = m.mean(0);
  const at::Tensor centred = m - mean;
  // The covariance is D x D (512 x 512 for ViT-B): its eigenvectors cost the same for 100 or
  // 100,000 images, where an SVD of the N x D matrix would grow with N.
  const at::Tensor cov = at::matmul(centred.t(), centred) / double(std::max<int64_t>(n - 1, 1));
  const auto [values, vectors] = at::linalg_eigh(cov);  // ascending
  const int64_t d = vectors.size(1);
  at::Tensor axes = at::zeros({impl_->dim, 2}, at::kDouble);
  for (int64_t j = 0; j < std::min<int64_t>(2, d); ++j) {
    at::Tensor v = vectors.select(1, d - 1 - j);
    // An eigenvector's sign is arbitrary: the largest component made positive, so the same
    // embeddings always give the same map.
    if (v[v.abs().argmax()].item<double>() < 0) v = -v;
    axes.select(1, j).copy_(v);
  }
  const at::Tensor points = at::matmul(centred, axes).contiguous();
  const auto* p = points.data_ptr<double>();
  for (int64_t i = 0; i < n; ++i) out.push_back({p[2 * i], p[2 * i + 1]});
  for (const auto& e : extra) {
    const at::Tensor q = at::matmul(impl_->unit(e, "an extra embedding").to(at::kDouble) - mean, axes);
    out.push_back({q[0].item<double>(), q[1].item<double>()});
  }
  return out;
}

std::vector<Label> Library::labels(const std::vector<std::vector<float>>& label_embeddings, double logit_scale) const {
  if (label_embeddings.empty()) throw Error(ErrorKind::InvalidArgument, "no labels to choose from");
  if (!std::isfinite(logit_scale)) throw Error(ErrorKind::InvalidArgument, "the logit scale is not finite");
  if (impl_->entries.empty()) return {};
  c10::InferenceMode guard;
  std::vector<at::Tensor> units;
  for (const auto& l : label_embeddings) units.push_back(impl_->unit(l, "a label's embedding"));
  const at::Tensor probs = at::softmax(at::matmul(impl_->tensor(), at::stack(units, 1)).to(at::kDouble) * std::exp(logit_scale), 1);
  const auto max = probs.max(1);
  const at::Tensor best = std::get<0>(max).contiguous(), which = std::get<1>(max).contiguous();
  std::vector<Label> out;
  const auto* b = best.data_ptr<double>();
  const auto* w = which.data_ptr<int64_t>();
  for (size_t i = 0; i < impl_->entries.size(); ++i) out.push_back({int(w[i]), b[i]});
  return out;
}

Library::Clusters Library::clusters(int k, uint64_t seed, int iterations) const {
  Clusters out;
  const int64_t n = int64_t(impl_->entries.size());
  if (n == 0 || k <= 0) return out;
  k = int(std::min<int64_t>(k, n));
  c10::InferenceMode guard;
  const at::Tensor m = impl_->tensor();
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  // k-means++ on cosine distance: each next centre drawn with probability proportional to its
  // squared distance from the nearest centre so far.
  std::vector<int64_t> chosen{at::randint(n, {1}, gen, at::kLong).item<int64_t>()};
  at::Tensor nearest = 1 - at::matmul(m, m[chosen[0]]);  // [N] distance to the nearest centre
  while (int(chosen.size()) < k) {
    const at::Tensor w = nearest.clamp_min(0).square().to(at::kDouble);
    const double total = w.sum().item<double>();
    const int64_t next = total > 0 ? at::multinomial(w, 1, false, gen).item<int64_t>()
                                   : at::randint(n, {1}, gen, at::kLong).item<int64_t>();  // all images alike
    chosen.push_back(next);
    nearest = at::minimum(nearest, 1 - at::matmul(m, m[next]));
  }
  at::Tensor centres = m.index_select(0, at::tensor(chosen, at::kLong)).clone();  // [k, D]
  at::Tensor assign;
  for (int it = 0; it < std::max(1, iterations); ++it) {
    const at::Tensor next = at::matmul(m, centres.t()).argmax(1);  // [N]
    if (assign.defined() && at::equal(next, assign)) break;
    assign = next;
    at::Tensor sums = at::zeros_like(centres).index_add_(0, assign, m);
    const at::Tensor norms = sums.norm(2, 1, true);
    // A cluster left empty keeps its centre.
    centres = at::where(norms > 0, sums / norms.clamp_min(1e-12), centres);
  }
  const at::Tensor a = assign.contiguous();
  const auto* ap = a.data_ptr<int64_t>();
  out.sizes.assign(size_t(k), 0);
  for (int64_t i = 0; i < n; ++i) {
    out.of.push_back(int(ap[i]));
    ++out.sizes[size_t(ap[i])];
  }
  const at::Tensor c = centres.contiguous();
  for (int j = 0; j < k; ++j) {
    const float* row = c.data_ptr<float>() + int64_t(j) * impl_->dim;
    out.centres.emplace_back(row, row + impl_->dim);
  }
  return out;
}

std::vector<Hit> search(const fs::path& db, const std::string& model_key, const std::vector<float>& query_embedding, int top_k,
                        double logit_scale, const std::vector<std::pair<std::vector<float>, double>>& extra_terms) {
  std::vector<Term> terms{{query_embedding, 1.0}};
  for (const auto& [e, w] : extra_terms) terms.push_back({e, w});
  return Library::open(db, model_key).search(terms, top_k, logit_scale);
}

}  // namespace atelier::library
