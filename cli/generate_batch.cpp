// generate's batches: --seeds and --sweep parsed and checked before any model loads, and the runs'
// names (the seeds' parser and the grid are the engine's, io/grid.cpp).
#include "generate_batch.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <optional>

#include "cli_common.h"
#include "guide/constraints.h"
#include "runtime/error.h"
#include "runtime/limits.h"
#include "runtime/parse.h"

namespace atelier::cli {

namespace {

// ---- the settings --sweep takes ---------------------------------------------------------------

enum class Kind { Int, Real, Size, Choice };
// What a setting is for: every generator, CLIP + VQGAN (size), CLIP + BigGAN, or a flag's term.
enum class Needs { None, Vqgan, BigGan, Palette, Border, Tile };

struct SweepValue {
  std::string text;  // as typed: labels and file names show it
  double number = 0;
  int width = 0, height = 0;  // size
};

using Options = guide::GuideOptions;
using Value = SweepValue;
constexpr double kAny = std::numeric_limits<double>::max();  // a weight: any finite value

struct Setting {
  std::string_view name;  // the flag without its dashes
  Kind kind;
  double min, max;  // Int and Real, inclusive
  bool above_min;   // min itself excluded: (min, max]
  Needs needs;
  void (*set)(Options&, const Value&);
};

// The bounds are the flags' (generate's flags take setting_check); the weights are any finite
// number, as --symmetry's are, and then meet guide::check_constraints as the flags' do.
const Setting kSettings[] = {
    {"lr", Kind::Real, 1e-6, 100, false, Needs::None, [](Options& o, const Value& v) { o.lr = v.number; }},
    {"steps", Kind::Int, 1, 1000000, false, Needs::None, [](Options& o, const Value& v) { o.steps = int(v.number); }},
    {"cutn", Kind::Int, 1, 256, false, Needs::None, [](Options& o, const Value& v) { o.cutn = int(v.number); }},
    {"cut-pow", Kind::Real, 0.1, 10, false, Needs::None, [](Options& o, const Value& v) { o.cut_pow = v.number; }},
    {"blur", Kind::Real, 0, 16, false, Needs::None, [](Options& o, const Value& v) { o.blur = v.number; }},
    {"size", Kind::Size, 0, 0, false, Needs::Vqgan, [](Options& o, const Value& v) { o.width = v.width, o.height = v.height; }},
    {"optimiser", Kind::Choice, 0, 0, false, Needs::None, [](Options& o, const Value& v) { o.optimiser = v.text; }},
    {"symmetry", Kind::Real, -kAny, kAny, false, Needs::None, [](Options& o, const Value& v) { o.symmetry = v.number; }},
    {"symmetry-vertical", Kind::Real, -kAny, kAny, false, Needs::None,
     [](Options& o, const Value& v) { o.symmetry_vertical = v.number; }},
    {"smooth", Kind::Real, -kAny, kAny, false, Needs::None, [](Options& o, const Value& v) { o.smooth = v.number; }},
    {"saturation", Kind::Real, -kAny, kAny, false, Needs::None, [](Options& o, const Value& v) { o.saturation = v.number; }},
    {"palette-weight", Kind::Real, -kAny, kAny, false, Needs::Palette,
     [](Options& o, const Value& v) { o.palette_weight = v.number; }},
    {"border-weight", Kind::Real, -kAny, kAny, false, Needs::Border,
     [](Options& o, const Value& v) { o.border_weight = v.number; }},
    {"tile-weight", Kind::Real, -kAny, kAny, false, Needs::Tile, [](Options& o, const Value& v) { o.tile_weight = v.number; }},
    {"truncation", Kind::Real, 0, 1, true, Needs::BigGan, [](Options& o, const Value& v) { o.truncation = v.number; }},
    {"max-classes", Kind::Int, 0, 1000000, false, Needs::BigGan,
     [](Options& o, const Value& v) { o.max_classes = int64_t(v.number); }},
    {"class-temperature", Kind::Real, 1e-3, 1000, false, Needs::BigGan,
     [](Options& o, const Value& v) { o.class_temperature = v.number; }},
    {"latent-weight", Kind::Real, 0, 1e6, false, Needs::BigGan,
     [](Options& o, const Value& v) { o.latent_loss_weight = v.number; }},
    {"class-weight", Kind::Real, 0, 1e6, false, Needs::BigGan,
     [](Options& o, const Value& v) { o.class_loss_weight = v.number; }},
};

// "cut_pow" and "optimizer" as well as the flags' spellings.
const Setting* find_setting(std::string name) {
  std::replace(name.begin(), name.end(), '_', '-');
  if (name == "optimizer") name = "optimiser";
  for (const Setting& s : kSettings)
    if (s.name == name) return &s;
  return nullptr;
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, std::abs(v) < 1e15 && v == std::floor(v) ? "%.0f" : "%g", v);
  return buf;
}

std::string bounds(const Setting& s) {
  return (s.above_min ? "above " + number_text(s.min) + " and at most " : number_text(s.min) + " to ") + number_text(s.max);
}

bool within(const Setting& s, double v) { return (s.above_min ? v > s.min : v >= s.min) && v <= s.max; }

std::optional<double> parse_number(const Setting& s, std::string_view text) {
  if (s.kind == Kind::Int) {
    const auto v = parse_int(text);
    return v ? std::optional<double>(double(*v)) : std::nullopt;
  }
  return parse_double(text);
}

// One value of a sweep, parsed and checked as its flag checks it.
Value parse_value(const Setting& s, const std::string& text, const std::string& where) {
  Value v{text};
  switch (s.kind) {
    case Kind::Size: {
      // "64" for 64x64, or WxH; bounded as --size is.
      const bool square = text.find_first_of("xX") == std::string::npos;
      if (square && !parse_int(text))
        throw Error(ErrorKind::InvalidArgument, where + ": '" + shown(text) + "' is not a size: give N (for NxN) or WxH");
      const std::string wxh = square ? text + "x" + text : text;
      const Size size = parse_size(wxh, where, limits::kMaxSizeOptionSide, limits::kMaxGuidePixels);
      v.width = size.width, v.height = size.height;
      return v;
    }
    case Kind::Choice:
      if (std::find(kOptimisers.begin(), kOptimisers.end(), text) == kOptimisers.end())
        throw Error(ErrorKind::InvalidArgument,
                    where + ": '" + shown(text) + "' is not an optimiser: adam, adamw, adagrad or rmsprop");
      return v;
    case Kind::Int:
    case Kind::Real: {
      const auto n = parse_number(s, text);
      if (!n)
        throw Error(ErrorKind::InvalidArgument,
                    where + ": '" + shown(text) + "' is not " + (s.kind == Kind::Int ? "a whole number" : "a finite number"));
      if (!within(s, *n))
        throw Error(ErrorKind::InvalidArgument,
                    where + ": " + shown(text) + " is out of range: --" + std::string(s.name) + " takes " + bounds(s));
      v.number = *n;
      return v;
    }
  }
  return v;
}

// Two values that would make the same runs ("0.1" and "0.10"; "64" and "64x64").
bool same_value(const Setting& s, const Value& a, const Value& b) {
  if (s.kind == Kind::Size) return a.width == b.width && a.height == b.height;
  return s.kind == Kind::Choice ? a.text == b.text : a.number == b.number;
}

struct Sweep {
  const Setting* setting = nullptr;
  std::vector<Value> values;
};

Sweep parse_sweep(const std::string& text, const Options& base, const BatchContext& context) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw Error(ErrorKind::InvalidArgument,
                "--sweep '" + shown(text) + "': give NAME=V1,V2,... (e.g. lr=0.05,0.1,0.2); NAME is one of " + sweep_settings());
  const std::string name = text.substr(0, eq);
  if (name == "seed") throw Error(ErrorKind::InvalidArgument, "--sweep seed: give the seeds as --seeds 1,2,3 (the grid's rows)");
  const Setting* s = find_setting(name);
  if (!s)
    throw Error(ErrorKind::InvalidArgument,
                "--sweep: there is no setting '" + shown(name) + "' to sweep; one of " + sweep_settings());
  const std::string flag = "--" + std::string(s->name);
  const bool big = context.generator == GeneratorKind::BigGan;
  const auto given = [&](const std::string& f) { return context.given && context.given(f); };
  if (s->needs == Needs::BigGan && !big)
    throw Error(ErrorKind::InvalidArgument, "--sweep " + flag.substr(2) + " is for --generator biggan:PATH");
  if (s->needs == Needs::Vqgan && context.generator != GeneratorKind::Vqgan)
    throw Error(ErrorKind::InvalidArgument, "--sweep size is for CLIP + VQGAN: a GAN's images have the generator's own size");
  if ((s->needs == Needs::Palette && base.palette.empty()) || (s->needs == Needs::Border && base.border.empty()) ||
      (s->needs == Needs::Tile && !base.tile)) {
    const char* needed = s->needs == Needs::Palette ? "--palette" : s->needs == Needs::Border ? "--border" : "--tile";
    throw Error(ErrorKind::InvalidArgument, "--sweep " + flag.substr(2) + " needs " + needed + ", as " + flag + " does");
  }
  if (given(flag))
    throw Error(ErrorKind::InvalidArgument,
                flag + " and --sweep " + flag.substr(2) + "=...: the sweep sets it for each run; give one of them");
  const std::string values = text.substr(eq + 1);
  const std::string where = "--sweep " + std::string(s->name);
  if (values.empty())
    throw Error(ErrorKind::InvalidArgument, where + "=: no values; give " + std::string(s->name) + "=V1,V2,... (at most " +
                                                std::to_string(kMaxSweepValues) + ")");
  Sweep sweep{s, {}};
  for (size_t start = 0;;) {
    const size_t comma = values.find(',', start);
    const std::string item = values.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (item.empty())
      throw Error(ErrorKind::InvalidArgument,
                  where + ": an empty value in '" + shown(values) + "' (two commas, or one at an end)");
    if (int(sweep.values.size()) == kMaxSweepValues)
      throw Error(ErrorKind::InvalidArgument, where + ": more than " + std::to_string(kMaxSweepValues) + " values");
    Value v = parse_value(*s, item, where);
    for (const Value& earlier : sweep.values)
      if (same_value(*s, earlier, v))
        throw Error(ErrorKind::InvalidArgument,
                    where + ": " + shown(item) + " is the same value as " + shown(earlier.text) + " (each once)");
    // The constraints' own checks, as for the flags (a weight that is not finite; a palette).
    Options o = base;
    s->set(o, v);
    try {
      guide::check_constraints(o);
    } catch (const Error& e) {
      throw Error(e.kind(), where + "=" + shown(item) + ": " + e.what());
    }
    sweep.values.push_back(std::move(v));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return sweep;
}

}  // namespace

CLI::Validator setting_check(std::string_view name) {
  const Setting* s = find_setting(std::string(name));
  if (!s || (s->kind != Kind::Int && s->kind != Kind::Real))
    throw Error(ErrorKind::Internal, "no numeric setting " + std::string(name));
  const std::string description = std::string(s->kind == Kind::Int ? "INT" : "FLOAT") + " in " + (s->above_min ? "(" : "[") +
                                  number_text(s->min) + " - " + number_text(s->max) + "]";
  return CLI::Validator(
      [s](std::string& text) -> std::string {
        const auto v = parse_number(*s, text);
        if (!v) return {};  // CLI11's conversion says what is wrong
        return within(*s, *v) ? std::string() : "'" + shown(text) + "' is out of range: " + bounds(*s);
      },
      description);
}

std::string sweep_settings() {
  std::string names;
  for (const Setting& s : kSettings) names += (names.empty() ? "" : ", ") + std::string(s.name);
  return names;
}

Batch plan_batch(const guide::GuideOptions& base, const std::string& seeds, const std::vector<std::string>& sweeps,
                 const BatchContext& context) {
  if (sweeps.size() > 1) {
    std::string all;
    for (const auto& s : sweeps) all += (all.empty() ? "" : ", ") + shown(s);
    throw Error(ErrorKind::InvalidArgument,
                "--sweep is given " + std::to_string(sweeps.size()) + " times (" + all +
                    "): a batch sweeps one setting (the grid's columns); its rows are the seeds (--seeds)");
  }
  const bool seeded = context.given && context.given("--seeds");
  Batch batch;
  batch.batch = seeded || !sweeps.empty();
  const std::vector<uint64_t> rows = seeded ? parse_seeds(seeds) : std::vector<uint64_t>{base.seed};
  const Sweep sweep = sweeps.empty() ? Sweep{} : parse_sweep(sweeps.front(), base, context);
  const size_t columns = std::max<size_t>(1, sweep.values.size());
  if (rows.size() * columns > size_t(kMaxBatchRuns))
    throw Error(ErrorKind::InvalidArgument, "--seeds and --sweep: " + std::to_string(rows.size()) + " seeds x " +
                                                std::to_string(columns) + " values are " + std::to_string(rows.size() * columns) +
                                                " runs; at most " + std::to_string(kMaxBatchRuns) + " in a batch");
  for (uint64_t seed : rows) batch.row_labels.push_back("seed " + std::to_string(seed));
  for (size_t c = 0; c < columns; ++c)
    batch.column_labels.push_back(sweep.setting ? std::string(sweep.setting->name) + "=" + sweep.values[c].text : std::string());
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < columns; ++c) {
      BatchRun run{base, "", "seed " + std::to_string(rows[r])};
      run.options.seed = rows[r];
      if (seeded) run.suffix = "-seed" + std::to_string(rows[r]);
      if (sweep.setting) {
        const Value& v = sweep.values[c];
        sweep.setting->set(run.options, v);
        run.suffix += "-" + (sweep.setting->kind == Kind::Choice ? v.text : std::string(sweep.setting->name) + v.text);
        run.caption += ", " + batch.column_labels[c];
      }
      batch.runs.push_back(std::move(run));
    }
  return batch;
}

std::string with_suffix(const std::string& path, const std::string& suffix) {
  std::filesystem::path p(path);
  return p.replace_filename(p.stem().string() + suffix + p.extension().string()).string();
}

}  // namespace atelier::cli
