// The guidance loop (CLIP + a generator): a latent optimised so that CLIP finds the generated
// image close to the prompts, as the VQGAN-CLIP notebooks do: cutouts of the image, switchable
// augmentations, a spherical distance per prompt (weighted; negative weights push away; a stop
// value ends a prompt's pull), and the optimisers people use. One loop steers a DCGAN's z (the
// article's "CLIP + GAN"), VQGAN's latent grid, and BigGAN-deep's z and class vector (big-sleep),
// with the field's constraints (constraints.h) and prompt schedules (schedule.h) for all three.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/image.h"

namespace atelier {
class JobContext;
namespace clip { class Clip; }
namespace gan {
class Gan;
class BigGan;
}  // namespace gan
namespace vqgan { class Vqgan; }
}  // namespace atelier

namespace atelier::guide {

// How the cutouts' sizes are drawn. VQGAN-CLIP's: between CLIP's input size and the image side,
// biased by cut_pow (an image no larger than CLIP's input is always cut whole). big-sleep's: a
// side of N(0.8, 0.3) clipped to [0.5, 0.95] of the image's, so small images are cut too.
// Auto: big-sleep's for BigGAN-deep, VQGAN-CLIP's for the others.
enum class CutSizes { Auto, VqganClip, BigSleep };

// CLIP + VQGAN's start when there is no init image and no latent to restart from. Codes: a random
// code in every cell (VQGAN-CLIP's default). Pixels: an image of uniform random pixels, encoded
// and quantised; Gradient: a random colour gradient (red left to right, green and blue top to
// bottom), encoded (nerdyrodent/VQGAN-CLIP's --init_noise pixels and gradient). Smooth: value
// noise of three octaves (random colours on 2x2, 4x4 and 8x8 grids, enlarged bicubically, halved
// in weight per octave), encoded: soft colour patches with no texture for the cutouts to fix on.
enum class VqganStart { Codes, Pixels, Gradient, Smooth };
// By the names generate --init-noise and the tab's saved settings use: "codes", "pixels",
// "gradient", "smooth"; another name throws InvalidArgument, naming them.
VqganStart vqgan_start_named(std::string_view name);

// Progress::losses of a run: [0] "loss" (the total), then one similarity per target (named by its
// prompt text, or "image: FILE"), then the generator's extra loss terms and the constraints'
// (constraints.h), unweighted, each named with this prefix ("term: latent statistics", "term:
// symmetry"), so a plot or a prompt list can tell them apart; a scheduled run ends the list with
// the keyframe in effect (schedule.h's kKeyframeName).
inline constexpr std::string_view kTermPrefix = "term: ";

struct GuideOptions {
  std::string prompts = "a red circle";     // "text:weight:stop | ..."
  std::vector<std::string> image_prompts;   // image files whose CLIP embeddings are targets too (weight 1)
  int steps = 150;
  int cutn = 16;
  double cut_pow = 1.0;
  double lr = 0.05;
  std::string optimiser = "adam";           // adam, adamw, adagrad, rmsprop
  uint64_t seed = 0;
  bool flips = true, affine = true, noise = true;  // augmentations of the cutouts
  // Each cutout blurred by a Gaussian of sigma uniform in [0, blur] pixels of CLIP's input (0:
  // none): strokes and texture of the prompt's colour fade, filled regions stay (augment.h).
  double blur = 0.0;
  double latent_bound = 3.0;                // GANs: |z| components clamped to this (stays where G was trained)
  int frame_every = 5;
  // CLIP's image encoder in bfloat16 autocast on CPUs with bf16 instructions (about 3x faster
  // there; float32 elsewhere, and on CUDA for now).
  bool bf16 = true;
  CutSizes cut_sizes = CutSizes::Auto;
  // Restart: the latent of an earlier frame (Frame::state), continued from exactly there. Its
  // size must be the generator's (GAN: z_dim; VQGAN: embed_dim x height/f x width/f; BigGAN:
  // z_dim + num_classes, z / truncation then the class logits).
  std::vector<float> start_latent;
  // VQGAN: the image size (multiples of the model's factor), an init image and its weight.
  int width = 128, height = 128;
  std::string init_image;
  double init_weight = 0.0;                 // pulls the latent towards the init image's (MSE)
  VqganStart start = VqganStart::Codes;     // the start without an init image (seeded by seed)
  // BigGAN-deep, as lucidrains/big-sleep steers it (defaults: big-sleep's). The class vector is
  // sigmoid(logits), or with max_classes > 0 big-sleep's differentiable top-k of
  // softmax(logits / class_temperature); z and the logits are optimised together.
  // The start: every logit ~ N(-3.9, 0.3) (big-sleep's; sigmoid about 0.02); a class >= 0 has its
  // logit set to +3.9 (sigmoid 0.98), -1 leaves the class to the prompts.
  int64_t biggan_class = -1;
  double truncation = 1.0;         // (0, 1]: picks the batch norm statistics and scales z (big-sleep runs at 1)
  int64_t max_classes = 0;         // 0: sigmoid; 1 .. num_classes: top-k
  double class_temperature = 2.0;  // the top-k's softmax temperature
  // big-sleep's extra terms weigh 1 against its similarity term's 100 x cosine; here the
  // prompts' term is the spherical distance at weight 1, so 1/100 keeps big-sleep's balance.
  double latent_loss_weight = 0.01;  // z's mean 0, std 1, mean square at most 1, no skew or kurtosis
  double class_loss_weight = 0.01;   // all but the largest class weight towards 0
  // Constraints (constraints.h says what each measures): weighted terms on the whole rendered
  // image, for every generator, each reported as a term. 0, empty or false: off; any finite
  // weight, a negative one pushing the other way.
  double symmetry = 0;           // "symmetry": left/right mirror
  double symmetry_vertical = 0;  // "vertical symmetry": top/bottom mirror
  double smooth = 0;             // "smoothness": total variation (L1)
  double saturation = 0;         // "saturation": 1 - mean chroma (a positive weight raises the saturation)
  std::string palette;           // "palette": "#rrggbb,#rrggbb,..." (1 to 64 colours), at palette_weight
  double palette_weight = 1.0;
  std::string border;            // "border": "#rrggbb", the colour of a band of 4% of each side, at border_weight
  double border_weight = 1.0;
  bool tile = false;             // seamless tiles: random wrap-around shifts before the cutouts, and "seam"
  double tile_weight = 100.0;    // the seam's weight while tiling (0: reported only; see constraints.h)
  // A prompt schedule (schedule.h: "0: a forest | fog:0.5; 150: a city", keyframes separated by
  // ';' or new lines): when set, it takes the place of the prompts, which must then be empty
  // (Error(InvalidArgument) when both are given).
  std::string schedule;
  // Drawers that need no VQGAN (drawers.h): pixel art's grid (the image's width and height must
  // be multiples of it) and its palette (each cell shows its nearest colour; empty: any colour);
  // the FFT image's spectrum falloff (1 / frequency^decay, Lucid's decay power).
  int grid_width = 32, grid_height = 32;
  std::string pixel_palette;
  double fft_decay = 1.0;
  // Motion (CLIP + VQGAN and the drawers; a GAN has no way back from an image and refuses it):
  // after each frame (every frame_every steps, the last step excepted) the image is zoomed about
  // its centre, rotated and shifted in pixel space, taken back to the latent (VQGAN: encoded and
  // quantised; a drawer: its parameters of that image) and the optimiser starts afresh, as
  // nerdyrodent/VQGAN-CLIP's zoom videos do. zoom 1, rotate 0, shift 0: no motion.
  double zoom = 1.0;                    // per frame; above 1 zooms in (0.5 to 2)
  double rotate = 0.0;                  // degrees per frame, anticlockwise on the screen (-45 to 45)
  double shift_x = 0.0, shift_y = 0.0;  // pixels per frame, right and down (at most a quarter of the side)
  // Frames (and the result's image) rendered from an exponential moving average of the latent,
  // ema = smoothing x ema + (1 - smoothing) x latent each step, against flicker (rkhamilton's
  // VQGAN-CLIP PR #39); 0: off; below 1. Frame::state stays the latent itself.
  double smoothing = 0.0;
  // A start_latent made at another size (a higher-resolution pass: a finished run continued at
  // twice its size): the size it was made at; 0 and 0: this run's. VQGAN's grid and pixel art's
  // cells are enlarged by nearest neighbour, the FFT image's picture is resized and taken back to
  // its spectrum. GANs refuse another size.
  int start_width = 0, start_height = 0;
};

struct GuideResult {
  Image image;
  std::vector<float> latent;
  int64_t steps = 0;
  double loss = 0;
  std::vector<double> similarity;  // per prompt: mean cosine over the cutouts, last step
  bool stopped = false;
  std::vector<float> class_vector;  // BigGAN: the final image's class weights (num_classes)
};

// Parameter changes read each step: param::prompts (string; it ends a schedule), param::lr (double),
// param::schedule (string: a new schedule), and the constraints' (below). Frames carry the latent
// they were rendered from in Frame::state.
GuideResult run_gan_guidance(const clip::Clip& clip, const gan::Gan& generator, const GuideOptions& options, JobContext* ctx);
// CLIP + VQGAN: the latent is VQGAN's grid before quantisation, started from random codes or the
// encoded init image, quantised straight-through each step and clamped to the codebook's range.
GuideResult run_vqgan_guidance(const clip::Clip& clip, const vqgan::Vqgan& model, const GuideOptions& options, JobContext* ctx);
// CLIP + BigGAN-deep (lucidrains/big-sleep): z (unit scale; the generator gets truncation x z) and
// the class logits, optimised together from the seed's start (z ~ N(0, 1); the logits as
// biggan_class says), with big-sleep's latent and class terms. Frames carry z then the logits.
// big-sleep keeps one z and one class vector per generator block (its BigGAN takes a list); the
// BigGAN-deep here takes one of each, as the reference's does, so the terms see one row.
GuideResult run_biggan_guidance(const clip::Clip& clip, const gan::BigGan& model, const GuideOptions& options, JobContext* ctx);

// Whether the options ask for motion (zoom, rotation or shift).
bool has_motion(const GuideOptions& options);
// The options' motion, smoothing and drawer settings checked as a run checks them, for a caller
// that wants it earlier (the CLI before the models load). Error(InvalidArgument) naming the setting.
void check_motion(const GuideOptions& options);

}  // namespace atelier::guide

// The live parameters of the guidance loop beside runtime/job.h's prompts and lr, one name, one
// type: a weight that is not a finite number keeps the one in use (as lr does); a schedule,
// palette or border colour that does not parse ends the run with Error(InvalidArgument) (as
// prompts do); an empty palette or border turns it off.
namespace atelier::param {
inline constexpr char schedule[] = "schedule";                    // std::string: GuideOptions::schedule
inline constexpr char symmetry[] = "symmetry";                    // double: the GuideOptions fields of the same names
inline constexpr char symmetry_vertical[] = "symmetry_vertical";  // double
inline constexpr char smooth[] = "smooth";                        // double
inline constexpr char saturation[] = "saturation";                // double
inline constexpr char palette[] = "palette";                      // std::string: "#rrggbb,..." or ""
inline constexpr char palette_weight[] = "palette_weight";        // double
inline constexpr char border[] = "border";                        // std::string: "#rrggbb" or ""
inline constexpr char border_weight[] = "border_weight";          // double
inline constexpr char tile[] = "tile";                            // bool
inline constexpr char tile_weight[] = "tile_weight";              // double
}  // namespace atelier::param
