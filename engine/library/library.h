// A library database's embeddings of one model, held in memory as one contiguous matrix of unit
// vectors: text and image search (with weighted and negative terms), near-duplicate groups, a
// 2-D map (PCA) and zero-shot labels. Open once, query many times; open again to see a new
// index run's rows. Plain C++ (the matrix products run on LibTorch inside the .cpp).
#pragma once
#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "library/index.h"

namespace atelier::library {

struct Entry {
  std::filesystem::path path;
  uint64_t bytes = 0;
  int width = 0, height = 0;
};

// One term of a query: an embedding (raw, from Clip::encode_texts or encode_images; normalised
// here) and its weight; negative weights push images away ("a beach | people:-0.5").
struct Term {
  std::vector<float> embedding;
  double weight = 1.0;
};

struct Hit {
  size_t index = 0;            // into entries()
  std::filesystem::path path;
  double score = 0;            // sum of weight x cosine over the terms: what ranks
  double cosine = 0;           // with the first term (the query)
  double softmax = 0;          // share of the score times exp(logit_scale) among all the images
};

struct Member {
  std::filesystem::path path;
  uint64_t bytes = 0;
  int width = 0, height = 0;
  double cosine = 1;           // with the group's first member
};

struct Label {
  int label = -1;              // index into the label embeddings
  double probability = 0;      // softmax over the labels
};

class Library {
 public:
  // Loads the embeddings of model_key of every readable image in db. NotFound when there is no
  // database or it holds nothing of that model; BadFile when it is not a library or an
  // embedding's size is not the model's dimension.
  static Library open(const std::filesystem::path& db, const std::string& model_key);
  // A library of given embeddings ([entries.size(), dim] row-major, normalised here) held only in
  // memory, with no database: the search benchmark and tests. InvalidArgument when the sizes
  // disagree.
  static Library from_embeddings(std::vector<Entry> entries, const std::vector<float>& matrix, int64_t dim,
                                 const std::string& model_key = "in-memory");

  Library(Library&&) noexcept;
  Library& operator=(Library&&) noexcept;
  ~Library();

  const std::filesystem::path& db() const;
  const std::string& model_key() const;
  size_t size() const;
  int64_t dim() const;  // the model's embedding size
  const std::vector<Entry>& entries() const;
  std::optional<size_t> find(const std::filesystem::path& path) const;
  std::vector<float> embedding(size_t index) const;  // the unit vector
  // The files recorded as unreadable, with why (every run's, not only the last).
  const std::vector<Skipped>& skipped() const;

  // The images ranked by score, best first; top_k <= 0: all of them. logit_scale is the model's
  // raw parameter (ClipInfo::logit_scale). InvalidArgument for no terms, a zero or wrongly sized
  // embedding (another model's), a weight that is not finite.
  std::vector<Hit> search(const std::vector<Term>& terms, int top_k, double logit_scale) const;
  // Groups of images linked by cosine >= threshold (connected components), biggest first; in a
  // group, the most pixels first, then the largest file. Single images are not groups.
  std::vector<std::vector<Member>> duplicates(double threshold) const;
  // The embeddings projected on their first two principal components, one point per entry, then
  // one per extra embedding (a query) on the same axes. Signs fixed, so a map is reproducible.
  std::vector<std::array<double, 2>> pca2(const std::vector<std::vector<float>>& extra = {}) const;
  // Per image, its best label among label embeddings (one per label, e.g. the mean of its
  // templates' text embeddings) and the softmax share.
  std::vector<Label> labels(const std::vector<std::vector<float>>& label_embeddings, double logit_scale) const;
  // Spherical k-means (k-means++ seeding from seed, then Lloyd's iterations on cosine): per image
  // its cluster, and each cluster's centre as a unit vector (label it with labels()). k is
  // clamped to the number of images; an empty library gives nothing.
  struct Clusters {
    std::vector<int> of;                       // per entry
    std::vector<std::vector<float>> centres;   // per cluster
    std::vector<int> sizes;                    // per cluster
  };
  Clusters clusters(int k, uint64_t seed = 1, int iterations = 30) const;

 private:
  struct Impl;
  explicit Library(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The time of one text search over images random unit vectors of dim values (the product, the
// softmax and the top k), beside the bare matrix-vector product over the same matrix: median
// milliseconds of repeats, after a warm-up.
struct SearchBench {
  int64_t images = 0, dim = 0;
  int top_k = 0, repeats = 0;
  double search_ms = 0, matvec_ms = 0;
  double bytes_per_second = 0;  // the matrix read once per search
};
SearchBench bench_search(int64_t images, int64_t dim, int top_k = 100, int repeats = 20);

// One search without keeping the Library: the query (weight 1), then extra (embedding, weight) terms.
std::vector<Hit> search(const std::filesystem::path& db, const std::string& model_key, const std::vector<float>& query_embedding,
                        int top_k, double logit_scale, const std::vector<std::pair<std::vector<float>, double>>& extra_terms = {});

}  // namespace atelier::library
