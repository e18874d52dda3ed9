// clip-atelier-cli models list | fetch | verify | remove: the catalogue of official models
// (resources/catalog.json, or --catalog FILE / $CLIP_ATELIER_CATALOG), fetched with checksums into
// the user's models folder (or --to DIR), verified and removed; models other tools already put
// on this machine (~/.cache/clip, the Hugging Face hub cache) are found, not copied.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli_common.h"
#include "hub/hub.h"
#include "runtime/error.h"

namespace atelier::cli {

namespace fs = std::filesystem;

namespace {

struct ModelsArgs {
  std::string catalog, to;
  bool json = false, no_check = false;
  std::vector<std::string> names;
};

hub::Catalog catalog_of(const ModelsArgs& a) { return hub::load_catalog(a.catalog); }

std::string megabytes(uint64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", double(n) / 1e6);
  return buf;
}

void list(const ModelsArgs& a) {
  const hub::Catalog catalog = catalog_of(a);
  const auto status = hub::model_status(catalog, a.to);
  if (a.json) {
    nlohmann::json out;
    out["catalog"] = catalog.source.string();
    out["install_dir"] = (a.to.empty() ? hub::default_install_dir() : fs::path(a.to)).string();
    out["models"] = nlohmann::json::array();
    for (const auto& s : status) {
      nlohmann::json m{{"id", s.entry->id},          {"name", s.entry->name},       {"kind", s.entry->kind},
                       {"description", s.entry->description}, {"licence", s.entry->licence}, {"approx_size", s.entry->approx_size},
                       {"state", hub::to_string(s.state)}, {"paths", nlohmann::json::array()}};
      for (const auto& p : s.files) m["paths"].push_back(p.string());
      if (!s.recorded_sha256.empty()) m["sha256"] = s.recorded_sha256;
      out["models"].push_back(m);
    }
    std::cout << out.dump(2) << '\n';
    return;
  }
  std::printf("%-26s %-34s %-8s %s\n", "ID", "NAME", "SIZE", "STATE");
  for (const auto& s : status) {
    std::string state = hub::to_string(s.state);
    if (s.state == hub::InstallState::Found) state += " at " + s.files.front().string();
    else if (s.state == hub::InstallState::Installed) state += " in " + s.files.front().parent_path().string();
    std::printf("%-26s %-34s %-8s %s\n", s.entry->id.c_str(), s.entry->name.c_str(), s.entry->approx_size.c_str(), state.c_str());
  }
  std::printf("\nThe catalogue: %s. clip-atelier-cli models fetch ID gets one.\n", catalog.source.string().c_str());
}

void fetch(const ModelsArgs& a) {
  if (a.names.empty()) throw Error(ErrorKind::InvalidArgument, "name the models to fetch (clip-atelier-cli models list shows them)");
  const hub::Catalog catalog = catalog_of(a);
  for (const auto& n : a.names)
    if (!catalog.find(n)) {
      std::string ids;
      for (const auto& e : catalog.entries) ids += (ids.empty() ? "" : ", ") + e.id;
      throw Error(ErrorKind::NotFound, "no model \"" + n + "\" in the catalogue " + catalog.source.string() + " (it lists " + ids + ")");
    }
  const fs::path dir = a.to.empty() ? hub::default_install_dir() : fs::path(a.to);
  const bool stopped = run_in_foreground([&](const StopRequested& stop) {
    for (const auto& name : a.names) {
      auto progress = [](const hub::FetchProgress& p) {
        const auto& f = p.file;
        std::fprintf(stderr, "\r%s  %s  %s%s  %.1f MB/s  ETA %s   ", p.id.c_str(), f.file.c_str(), megabytes(f.bytes).c_str(),
                     f.total ? (" of " + megabytes(f.total)).c_str() : "", f.bytes_per_second / 1e6, clock_text(f.eta_seconds).c_str());
      };
      const auto fetched = hub::fetch(catalog, name, dir, progress, [&] { return stop(); });
      std::fprintf(stderr, "\n");
      const hub::CatalogEntry& e = *catalog.find(name);
      if (fetched.empty()) std::fprintf(stderr, "%s: already here (clip-atelier-cli models list says where)\n", e.id.c_str());
      for (const auto& id : fetched) std::fprintf(stderr, "%s: fetched into %s\n", id.c_str(), dir.string().c_str());
      if (!a.no_check && e.kind != "vocabulary" && std::find(fetched.begin(), fetched.end(), e.id) != fetched.end())
        std::fprintf(stderr, "%s loads: %s\n", e.id.c_str(), hub::check_loads(e, dir).c_str());
    }
  });
  (void)stopped;
}

void verify(const ModelsArgs& a) {
  const hub::Catalog catalog = catalog_of(a);
  std::vector<std::string> names = a.names;
  if (names.empty())
    for (const auto& s : hub::model_status(catalog, a.to))
      if (s.state != hub::InstallState::Missing) names.push_back(s.entry->id);
  if (names.empty()) throw Error(ErrorKind::NotFound, "no model of the catalogue is here to verify");
  bool all_ok = true;
  for (const auto& name : names) {
    std::error_code ec;
    if (!catalog.find(name) && fs::is_regular_file(name, ec)) {  // a path: its SHA-256, and the catalogue file it is
      const std::string sha = hub::sha256_file(name);
      std::string what = "not a file of the catalogue";
      for (const auto& e : catalog.entries)
        for (const auto& f : e.files)
          if (!f.sha256.empty() && f.sha256 == sha) what = e.id + "'s " + f.name + " (SHA-256 as " + f.sha256_source + ")";
      std::printf("%s  %s  %s\n", name.c_str(), sha.c_str(), what.c_str());
      continue;
    }
    for (const auto& v : hub::verify(catalog, name, a.to)) {
      std::printf("%s  %s  %s: %s\n", v.ok ? "ok  " : "FAIL", name.c_str(), v.file.string().c_str(), v.message.c_str());
      all_ok = all_ok && v.ok;
    }
  }
  if (!all_ok) throw Error(ErrorKind::BadFile, "a file did not verify (see above): clip-atelier-cli models remove ID, then fetch it again");
}

void remove(const ModelsArgs& a) {
  if (a.names.empty()) throw Error(ErrorKind::InvalidArgument, "name the models to remove");
  const hub::Catalog catalog = catalog_of(a);
  for (const auto& name : a.names)
    for (const auto& p : hub::remove(catalog, name, a.to)) std::printf("removed %s\n", p.string().c_str());
}

}  // namespace

void add_models_command(CLI::App& app, Globals& globals) {
  auto a = std::make_shared<ModelsArgs>();
  auto* models = app.add_subcommand("models", "The official models: list, fetch (with checksums), verify, remove");
  models->require_subcommand(1);
  auto common = [&](CLI::App* c) {
    c->add_option("--catalog", a->catalog, std::string("A catalogue file instead of the built-in one (also $") + hub::kCatalogEnv + ")");
    c->add_option("--to", a->to, "The models folder (default: the user's, " + hub::default_install_dir().string() + ")");
  };
  auto* l = models->add_subcommand("list", "The catalogue, and what is installed or found where");
  common(l);
  l->add_flag("--json", a->json, "Print JSON");
  l->callback([a] { list(*a); });
  auto* f = models->add_subcommand("fetch", "Download models and what they need, verified; Ctrl+C keeps the .part for a later resume");
  common(f);
  f->add_option("names", a->names, "Catalogue ids (models list shows them)")->required();
  f->add_flag("--no-check", a->no_check, "Don't load the fetched models to check their architecture");
  f->callback([a, &globals] {
    configure(globals);
    fetch(*a);
  });
  auto* v = models->add_subcommand("verify", "Check installed or found models (or files) against their checksums");
  common(v);
  v->add_option("names", a->names, "Catalogue ids or file paths (default: every model that is here)");
  v->callback([a] { verify(*a); });
  auto* r = models->add_subcommand("remove", "Remove models from the models folder (never files found elsewhere)");
  common(r);
  r->add_option("names", a->names, "Catalogue ids")->required();
  r->callback([a] { remove(*a); });
}

}  // namespace atelier::cli
