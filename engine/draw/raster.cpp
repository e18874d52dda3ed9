#include "draw/detail/raster.h"

#include <ATen/Parallel.h>
#include <torch/csrc/autograd/custom_function.h>

#include <atomic>
#include <cmath>
#include <limits>

#include "runtime/error.h"

namespace atelier::draw {

namespace {

constexpr int kTile = 16;
constexpr double kPiece = 3.0;   // px of control polygon per polyline piece
constexpr int kMaxPieces = 32;   // per cubic segment
std::atomic<int64_t> g_visits{0};

template <typename T>
struct Flat {
  std::vector<T> vx, vy;       // polyline vertices of all paths
  std::vector<int> vseg;       // vertex -> its cubic segment (within the path)
  std::vector<T> vt;           // vertex -> Bézier parameter in that segment
  std::vector<int> first, count;
  std::vector<char> closed;              // per path: filled, its polyline closed back to the start
  std::vector<T> x0, y0, x1, y1;         // bounding boxes, grown by half the width + 1 px
  std::vector<std::vector<int>> tiles;   // per tile, the paths overlapping it, in order
  int tiles_x = 0, tiles_y = 0;
};

template <typename T>
inline T bernstein(int i, T t) {
  const T s = 1 - t;
  switch (i) {
    case 0: return s * s * s;
    case 1: return 3 * s * s * t;
    case 2: return 3 * s * t * t;
    default: return t * t * t;
  }
}

template <typename T>
Flat<T> flatten(const T* pts, int64_t stride, const int64_t* segs, const T* widths, const uint8_t* closed, int64_t P, int64_t W,
                int64_t H) {
  Flat<T> f;
  f.closed.assign(closed, closed + P);
  f.first.resize(size_t(P));
  f.count.resize(size_t(P));
  f.x0.resize(size_t(P));
  f.y0.resize(size_t(P));
  f.x1.resize(size_t(P));
  f.y1.resize(size_t(P));
  for (int64_t p = 0; p < P; ++p) {
    const T* c = pts + p * stride * 2;
    const int S = int(segs[p]);
    f.first[size_t(p)] = int(f.vx.size());
    T bx0 = std::numeric_limits<T>::max(), by0 = bx0, bx1 = -bx0, by1 = -bx0;
    auto emit = [&](int s, T t) {
      T x = 0, y = 0;
      for (int i = 0; i < 4; ++i) {
        const T b = bernstein(i, t);
        x += b * c[(3 * s + i) * 2];
        y += b * c[(3 * s + i) * 2 + 1];
      }
      f.vx.push_back(x);
      f.vy.push_back(y);
      f.vseg.push_back(s);
      f.vt.push_back(t);
      bx0 = std::min(bx0, x), by0 = std::min(by0, y), bx1 = std::max(bx1, x), by1 = std::max(by1, y);
    };
    for (int s = 0; s < S; ++s) {
      T len = 0;
      for (int i = 0; i < 3; ++i)
        len += std::hypot(c[(3 * s + i + 1) * 2] - c[(3 * s + i) * 2], c[(3 * s + i + 1) * 2 + 1] - c[(3 * s + i) * 2 + 1]);
      const int n = std::clamp(int(std::ceil(double(len) / kPiece)), 2, kMaxPieces);
      for (int k = 0; k < n; ++k) emit(s, T(k) / T(n));
    }
    emit(S - 1, T(1));
    if (closed[p]) emit(0, T(0));  // the closing piece: from the end straight back to the start
    f.count[size_t(p)] = int(f.vx.size()) - f.first[size_t(p)];
    const T grow = std::max(T(0), widths[p]) / 2 + 1;
    f.x0[size_t(p)] = bx0 - grow, f.y0[size_t(p)] = by0 - grow, f.x1[size_t(p)] = bx1 + grow, f.y1[size_t(p)] = by1 + grow;
  }
  f.tiles_x = int((W + kTile - 1) / kTile);
  f.tiles_y = int((H + kTile - 1) / kTile);
  f.tiles.resize(size_t(f.tiles_x) * size_t(f.tiles_y));
  for (int64_t p = 0; p < P; ++p) {
    if (f.x1[size_t(p)] < 0 || f.y1[size_t(p)] < 0 || f.x0[size_t(p)] > T(W) || f.y0[size_t(p)] > T(H)) continue;  // off canvas: free
    const int tx0 = std::max(0, int(std::floor(f.x0[size_t(p)] / kTile))), tx1 = std::min(f.tiles_x - 1, int(f.x1[size_t(p)] / kTile));
    const int ty0 = std::max(0, int(std::floor(f.y0[size_t(p)] / kTile))), ty1 = std::min(f.tiles_y - 1, int(f.y1[size_t(p)] / kTile));
    for (int ty = ty0; ty <= ty1; ++ty)
      for (int tx = tx0; tx <= tx1; ++tx) f.tiles[size_t(ty) * size_t(f.tiles_x) + size_t(tx)].push_back(int(p));
  }
  return f;
}

// The nearest point of a path's polyline to (px, py): distance, piece (its first vertex) and t.
template <typename T>
inline T nearest(const Flat<T>& f, int p, T px, T py, T reach, int* piece, T* tpiece) {
  T best = std::numeric_limits<T>::max();
  const int v0 = f.first[size_t(p)], v1 = v0 + f.count[size_t(p)] - 1;
  for (int v = v0; v < v1; ++v) {
    const T ax = f.vx[size_t(v)], ay = f.vy[size_t(v)], bx = f.vx[size_t(v + 1)], by = f.vy[size_t(v + 1)];
    // Pieces whose box is farther than the reach can't be nearer than it.
    if (px < std::min(ax, bx) - reach || px > std::max(ax, bx) + reach || py < std::min(ay, by) - reach || py > std::max(ay, by) + reach) continue;
    const T ex = bx - ax, ey = by - ay, len2 = ex * ex + ey * ey;
    T t = len2 > 0 ? ((px - ax) * ex + (py - ay) * ey) / len2 : T(0);
    t = std::clamp(t, T(0), T(1));
    const T qx = ax + t * ex - px, qy = ay + t * ey - py, d2 = qx * qx + qy * qy;
    if (d2 < best) {
      best = d2;
      *piece = v;
      *tpiece = t;
    }
  }
  return best == std::numeric_limits<T>::max() ? best : std::sqrt(best);
}

// Nonzero winding of a closed path's polygon around (px, py): inside when not 0 (SVG's default
// fill rule).
template <typename T>
inline bool inside(const Flat<T>& f, int p, T px, T py) {
  int wn = 0;
  const int v0 = f.first[size_t(p)], v1 = v0 + f.count[size_t(p)] - 1;
  for (int v = v0; v < v1; ++v) {
    const T ax = f.vx[size_t(v)], ay = f.vy[size_t(v)], bx = f.vx[size_t(v + 1)], by = f.vy[size_t(v + 1)];
    const T left = (bx - ax) * (py - ay) - (px - ax) * (by - ay);
    if (ay <= py) {
      if (by > py && left > 0) ++wn;
    } else if (by <= py && left < 0) {
      --wn;
    }
  }
  return wn != 0;
}

template <typename T>
struct Layer {
  int path, piece;
  T t, d, cov_raw, alpha;
  T sign;  // +1: the distance grows outwards (strokes, outside a fill); -1: inside a fill
  T before[3];
};

// Visits the layers covering pixel (x, y) in order: fn(layer) with the colour before it.
template <typename T, typename Fn>
inline void layers_at(const Flat<T>& f, const std::vector<int>& tile, const T* widths, const T* colours, T px, T py, T* colour, Fn fn,
                      int64_t* visits) {
  for (int p : tile) {
    if (px < f.x0[size_t(p)] || px > f.x1[size_t(p)] || py < f.y0[size_t(p)] || py > f.y1[size_t(p)]) continue;
    ++*visits;
    const T half = widths[p] / 2;
    Layer<T> l{p, -1, 0, 0, 0, 0, 1, {}};
    l.d = nearest(f, p, px, py, half + 1, &l.piece, &l.t);
    // A stroke covers by the distance to its curve; a filled shape is the same shape grown by
    // half the width, so inside it the distance to the outline counts the other way.
    if (f.closed[size_t(p)] && inside(f, p, px, py)) {
      l.sign = -1;
      l.cov_raw = l.piece < 0 ? T(2) : half + l.d + T(0.5);  // deep inside: fully covered, no geometry gradient
    } else {
      l.cov_raw = half - l.d + T(0.5);
    }
    if (l.cov_raw <= 0) continue;
    const T* c = colours + p * 4;
    l.alpha = std::clamp(c[3], T(0), T(1)) * std::min(l.cov_raw, T(1));
    for (int k = 0; k < 3; ++k) {
      l.before[k] = colour[k];
      colour[k] = colour[k] * (1 - l.alpha) + c[k] * l.alpha;
    }
    fn(l);
  }
}

template <typename T>
void forward_kernel(const Flat<T>& f, const T* widths, const T* colours, const T* bg, int64_t W, int64_t H, T* out) {
  std::atomic<int64_t> visits{0};
  at::parallel_for(0, int64_t(f.tiles.size()), 1, [&](int64_t begin, int64_t end) {
    int64_t local = 0;
    for (int64_t ti = begin; ti < end; ++ti) {
      const auto& tile = f.tiles[size_t(ti)];
      const int64_t tx = ti % f.tiles_x, ty = ti / f.tiles_x;
      for (int64_t y = ty * kTile; y < std::min(H, (ty + 1) * kTile); ++y)
        for (int64_t x = tx * kTile; x < std::min(W, (tx + 1) * kTile); ++x) {
          T colour[3] = {bg[0], bg[1], bg[2]};
          layers_at(f, tile, widths, colours, T(x) + T(0.5), T(y) + T(0.5), colour, [](const Layer<T>&) {}, &local);
          for (int k = 0; k < 3; ++k) out[(k * H + y) * W + x] = colour[k];
        }
    }
    visits += local;
  });
  g_visits = visits.load();
}

template <typename T>
void backward_kernel(const Flat<T>& f, const T* widths, const T* colours, const T* bg, int64_t W, int64_t H, const T* grad, int64_t P,
                     std::vector<T>& gvx, std::vector<T>& gvy, T* gw, T* gc) {
  const int threads = at::get_num_threads();
  const size_t nv = f.vx.size();
  std::vector<std::vector<T>> bufs;
  bufs.resize(size_t(threads));  // per thread: vertices x, y, widths, colours
  at::parallel_for(0, int64_t(f.tiles.size()), 1, [&](int64_t begin, int64_t end) {
    auto& buf = bufs[size_t(at::get_thread_num())];
    if (buf.empty()) buf.assign(2 * nv + size_t(P) * 5, T(0));
    T* bx = buf.data();
    T* by = bx + nv;
    T* bw = by + nv;
    T* bc = bw + P;
    std::vector<Layer<T>> stack;
    int64_t unused = 0;
    for (int64_t ti = begin; ti < end; ++ti) {
      const auto& tile = f.tiles[size_t(ti)];
      if (tile.empty()) continue;
      const int64_t tx = ti % f.tiles_x, ty = ti / f.tiles_x;
      for (int64_t y = ty * kTile; y < std::min(H, (ty + 1) * kTile); ++y)
        for (int64_t x = tx * kTile; x < std::min(W, (tx + 1) * kTile); ++x) {
          const T px = T(x) + T(0.5), py = T(y) + T(0.5);
          T colour[3] = {bg[0], bg[1], bg[2]};
          stack.clear();
          layers_at(f, tile, widths, colours, px, py, colour, [&](const Layer<T>& l) { stack.push_back(l); }, &unused);
          if (stack.empty()) continue;
          const T g[3] = {grad[(0 * H + y) * W + x], grad[(1 * H + y) * W + x], grad[(2 * H + y) * W + x]};
          T trans = 1;  // the product of (1 - alpha) of the layers above
          for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
            const Layer<T>& l = *it;
            const T* c = colours + l.path * 4;
            T dalpha = 0;
            for (int k = 0; k < 3; ++k) {
              bc[l.path * 4 + k] += g[k] * l.alpha * trans;
              dalpha += g[k] * (c[k] - l.before[k]);
            }
            dalpha *= trans;
            const T a = std::clamp(c[3], T(0), T(1)), cov = std::min(l.cov_raw, T(1));
            if (c[3] > 0 && c[3] < 1) bc[l.path * 4 + 3] += dalpha * cov;
            if (l.cov_raw < 1 && l.piece >= 0) {  // a partly covered (edge) pixel: the geometry moves the image here
              const T dcov = dalpha * a;
              bw[l.path] += dcov / 2;
              if (l.d > 0) {
                const int v = l.piece;
                const T ex = f.vx[size_t(v + 1)] - f.vx[size_t(v)], ey = f.vy[size_t(v + 1)] - f.vy[size_t(v)];
                const T qx = f.vx[size_t(v)] + l.t * ex, qy = f.vy[size_t(v)] + l.t * ey;
                const T ux = (px - qx) / l.d, uy = (py - qy) / l.d;  // moving q towards p covers more
                const T gx = dcov * ux * l.sign, gy = dcov * uy * l.sign;
                bx[v] += gx * (1 - l.t), by[v] += gy * (1 - l.t);
                bx[v + 1] += gx * l.t, by[v + 1] += gy * l.t;
              }
            }
            trans *= 1 - l.alpha;
          }
        }
    }
  });
  for (auto& buf : bufs) {
    if (buf.empty()) continue;
    for (size_t i = 0; i < nv; ++i) gvx[i] += buf[i], gvy[i] += buf[nv + i];
    for (int64_t p = 0; p < P; ++p) gw[p] += buf[2 * nv + size_t(p)];
    for (int64_t i = 0; i < P * 4; ++i) gc[i] += buf[2 * nv + size_t(P) + size_t(i)];
  }
}

struct RasterFn : public torch::autograd::Function<RasterFn> {
  static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& points, const at::Tensor& widths,
                            const at::Tensor& colours, const at::Tensor& segments, const at::Tensor& closed, const at::Tensor& background,
                            int64_t W, int64_t H) {
    ctx->save_for_backward({points, widths, colours, segments, closed, background});
    ctx->saved_data["W"] = W;
    ctx->saved_data["H"] = H;
    at::Tensor out = at::empty({3, H, W}, points.options());
    AT_DISPATCH_FLOATING_TYPES(points.scalar_type(), "raster_forward", [&] {
      const auto f = flatten<scalar_t>(points.data_ptr<scalar_t>(), points.size(1), segments.data_ptr<int64_t>(),
                                       widths.data_ptr<scalar_t>(), closed.data_ptr<uint8_t>(), points.size(0), W, H);
      forward_kernel<scalar_t>(f, widths.data_ptr<scalar_t>(), colours.data_ptr<scalar_t>(), background.data_ptr<scalar_t>(), W, H,
                               out.data_ptr<scalar_t>());
    });
    return out;
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::variable_list grads) {
    auto saved = ctx->get_saved_variables();
    const at::Tensor &points = saved[0], &widths = saved[1], &colours = saved[2], &segments = saved[3], &closed = saved[4],
                     &background = saved[5];
    const int64_t W = ctx->saved_data["W"].toInt(), H = ctx->saved_data["H"].toInt(), P = points.size(0);
    const at::Tensor grad = grads[0].contiguous();
    at::Tensor gp = at::zeros_like(points), gw = at::zeros_like(widths), gc = at::zeros_like(colours);
    AT_DISPATCH_FLOATING_TYPES(points.scalar_type(), "raster_backward", [&] {
      const scalar_t* pts = points.data_ptr<scalar_t>();
      const auto f = flatten<scalar_t>(pts, points.size(1), segments.data_ptr<int64_t>(), widths.data_ptr<scalar_t>(),
                                       closed.data_ptr<uint8_t>(), P, W, H);
      std::vector<scalar_t> gvx(f.vx.size()), gvy(f.vy.size());
      backward_kernel<scalar_t>(f, widths.data_ptr<scalar_t>(), colours.data_ptr<scalar_t>(), background.data_ptr<scalar_t>(), W, H,
                                grad.data_ptr<scalar_t>(), P, gvx, gvy, gw.data_ptr<scalar_t>(), gc.data_ptr<scalar_t>());
      // Vertices back to control points through the Bernstein weights of the flattening.
      scalar_t* g = gp.data_ptr<scalar_t>();
      const int64_t stride = points.size(1);
      for (int64_t p = 0; p < P; ++p)
        for (int v = f.first[size_t(p)]; v < f.first[size_t(p)] + f.count[size_t(p)]; ++v) {
          const int s = f.vseg[size_t(v)];
          for (int i = 0; i < 4; ++i) {
            const scalar_t b = bernstein(i, f.vt[size_t(v)]);
            g[(p * stride + 3 * s + i) * 2] += b * gvx[size_t(v)];
            g[(p * stride + 3 * s + i) * 2 + 1] += b * gvy[size_t(v)];
          }
        }
    });
    return {gp, gw, gc, at::Tensor(), at::Tensor(), at::Tensor(), at::Tensor(), at::Tensor()};
  }
};

}  // namespace

at::Tensor render(const Strokes& s, int64_t W, int64_t H, const std::array<double, 3>& background, int scale) {
  if (W < 1 || H < 1 || W > 8192 || H > 8192) throw Error(ErrorKind::InvalidArgument, "a canvas must be 1 to 8192 pixels a side");
  const int64_t P = s.points.size(0);
  if (s.points.dim() != 3 || s.points.size(2) != 2 || (P > 0 && (s.points.size(1) - 1) % 3 != 0))
    throw Error(ErrorKind::InvalidArgument, "stroke points must be [paths, 3 * segments + 1, 2]");
  if (s.widths.numel() != P || s.colours.sizes() != at::IntArrayRef{P, 4} || s.segments.numel() != P)
    throw Error(ErrorKind::InvalidArgument, "one width, one RGBA colour and one segment count per path");
  if (!s.closed.empty() && int64_t(s.closed.size()) != P)
    throw Error(ErrorKind::InvalidArgument, "one closed flag per path (or none: all open)");
  at::Tensor closed = at::zeros({P}, at::kByte);
  for (size_t i = 0; i < s.closed.size(); ++i) closed[int64_t(i)] = s.closed[i] ? 1 : 0;
  const int64_t max_segments = (s.points.size(1) - 1) / 3;
  at::Tensor segs = s.segments.to(at::kCPU, at::kLong).contiguous();
  if (P > 0 && (segs.min().item<int64_t>() < 1 || segs.max().item<int64_t>() > max_segments))
    throw Error(ErrorKind::InvalidArgument, "a path has 1 to " + std::to_string(max_segments) + " segments");
  const auto device = s.points.device();
  const auto type = s.points.scalar_type();
  scale = std::clamp(scale, 1, 8);
  at::Tensor pts = s.points, w = s.widths;
  if (scale > 1) {
    pts = pts * double(scale);
    w = w * double(scale);
  }
  at::Tensor bg = at::tensor(std::vector<double>(background.begin(), background.end()), at::kDouble).to(type);
  at::Tensor img = RasterFn::apply(pts.to(at::kCPU).contiguous(), w.to(at::kCPU, type).contiguous(), s.colours.to(at::kCPU, type).contiguous(),
                                   segs, closed, bg, W * scale, H * scale);
  if (scale > 1) img = at::avg_pool2d(img.unsqueeze(0), {scale, scale}).squeeze(0);
  return img.to(device);
}

int64_t last_visits() { return g_visits.load(); }

}  // namespace atelier::draw
