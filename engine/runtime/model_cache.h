// Models loaded once per (kind, file, device) and shared by every job of a worker: the CLIP tab,
// a CLIP + VQGAN run and a CLIPDraw run that name the same checkpoint use one copy of it.
//
// Lifetime: a caller keeps the shared_ptr it got for as long as it uses the model (a tab keeps
// its current model; a run keeps its models for the run). The cache keeps every model someone
// holds, and of the models nobody holds, only the most recently loaded of each kind: loading
// another checkpoint of a kind frees the unused ones of that kind, so switching models never
// piles copies up. Thread-safe; a load runs under the cache's lock, so two threads asking for
// the same file load it once. Models themselves are not thread-safe: a worker's jobs use them
// on the worker's thread (short jobs run between a long run's steps, on the same thread).
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace atelier {

class ModelCache {
 public:
  struct Entry {
    std::string kind;    // "clip", "vqgan", "gan"
    std::string path;    // the checkpoint as asked for
    std::string device;  // "cpu", "cuda:0"
    size_t bytes = 0;    // parameters and buffers, as the model reports them
    long users = 0;      // holders outside the cache
  };

  // The model for (kind, path, device): the cached one, else load() called once, under the lock.
  // Model must have `size_t bytes() const`. load's exceptions reach the caller; nothing is cached then.
  template <typename Model, typename Load>
  std::shared_ptr<Model> get(const std::string& kind, const std::string& path, const std::string& device, Load&& load) {
    std::lock_guard lock(mutex_);
    if (auto found = find(kind, path, device)) return std::static_pointer_cast<Model>(found);
    auto model = std::make_shared<Model>(load());
    const size_t bytes = model->bytes();
    insert(kind, path, device, model, bytes);
    return model;
  }

  // Whether (kind, path, device) is loaded now.
  bool contains(const std::string& kind, const std::string& path, const std::string& device = "cpu") const;
  std::vector<Entry> entries() const;
  size_t bytes() const;  // of every model the cache holds
  // Drops every model nobody else holds.
  void release_unused();
  void clear();

 private:
  struct Slot {
    std::string kind, path, device;
    std::shared_ptr<void> model;
    size_t bytes = 0;
  };
  std::shared_ptr<void> find(const std::string& kind, const std::string& path, const std::string& device) const;
  void insert(const std::string& kind, const std::string& path, const std::string& device, std::shared_ptr<void> model,
              size_t bytes);

  mutable std::mutex mutex_;
  std::vector<Slot> slots_;
};

}  // namespace atelier
