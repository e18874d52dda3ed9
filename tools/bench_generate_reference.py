#!/usr/bin/python3
"""Seconds per iteration of the field's CLIP + VQGAN loop (nerdyrodent/VQGAN-CLIP's method with
its `--cut_method original` cutouts, as in Katherine Crowson's notebook), written here for timing
only, to put beside `clip-atelier-cli bench generate` on the same machine. Random weights of the
real shapes: OpenAI's ViT-B/32 (clip/model.py from a checkout of openai/CLIP) and taming's
f16-16384 VQModel (from a checkout of taming-transformers); neither checkout is part of this
project. One JSON line.

    /usr/bin/python3 tools/bench_generate_reference.py /path/to/taming-transformers /path/to/CLIP \
        --size 256 --cutn 32 --steps 4 --threads 2
"""
import argparse
import importlib.util
import json
import math
import os
import sys
import time
import types

import torch
import torch.nn.functional as F

ap = argparse.ArgumentParser()
ap.add_argument("taming")
ap.add_argument("clip")
ap.add_argument("--size", type=int, default=256)
ap.add_argument("--cutn", type=int, default=32)
ap.add_argument("--cut_pow", type=float, default=1.0)
ap.add_argument("--steps", type=int, default=4)
ap.add_argument("--lr", type=float, default=0.1)
ap.add_argument("--threads", type=int, default=0)
args = ap.parse_args()
if args.threads:
    torch.set_num_threads(args.threads)
einops = types.ModuleType("einops")  # imported by taming, unused by these modules
einops.rearrange = None
sys.modules["einops"] = einops
sys.path[:0] = [args.taming]
from taming.modules.diffusionmodules.model import Decoder  # noqa: E402
from taming.modules.vqvae.quantize import VectorQuantizer  # noqa: E402

# clip/model.py alone (the package's __init__ wants PIL, packaging and downloads).
spec = importlib.util.spec_from_file_location("clip_model", os.path.join(args.clip, "clip", "model.py"))
clip_model = importlib.util.module_from_spec(spec)
spec.loader.exec_module(clip_model)
CLIP = clip_model.CLIP

torch.manual_seed(0)
dd = dict(double_z=False, z_channels=256, resolution=256, in_channels=3, out_ch=3, ch=128, ch_mult=[1, 1, 2, 2, 4],
          num_res_blocks=2, attn_resolutions=[16], dropout=0.0)
decoder = Decoder(**dd).eval().requires_grad_(False)
post_quant_conv = torch.nn.Conv2d(256, 256, 1).requires_grad_(False)
codebook = VectorQuantizer(16384, 256, beta=0.25).embedding.weight.requires_grad_(False)
perceptor = CLIP(512, 224, 12, 768, 32, 77, 49408, 512, 8, 12).eval().requires_grad_(False)
cut_size = 224
mean = torch.tensor([0.48145466, 0.4578275, 0.40821073]).view(1, 3, 1, 1)
std = torch.tensor([0.26862954, 0.26130258, 0.27577711]).view(1, 3, 1, 1)


# The notebook's Lanczos resampling of each cutout to CLIP's input size.
def sinc(x):
    return torch.where(x != 0, torch.sin(math.pi * x) / (math.pi * x), x.new_ones([]))


def lanczos(x, a):
    cond = torch.logical_and(-a < x, x < a)
    out = torch.where(cond, sinc(x) * sinc(x / a), x.new_zeros([]))
    return out / out.sum()


def ramp(ratio, width):
    n = math.ceil(width / ratio + 1)
    out = torch.arange(n, dtype=torch.float32) * ratio
    return torch.cat([-out[1:].flip([0]), out])[1:-1]


def resample(x, size):
    n, c, h, w = x.shape
    dh, dw = size
    x = x.reshape(n * c, 1, h, w)
    if dh < h:
        k = lanczos(ramp(dh / h, 2), 2)
        p = (k.shape[0] - 1) // 2
        x = F.conv2d(F.pad(x, (0, 0, p, p), "reflect"), k[None, None, :, None])
    if dw < w:
        k = lanczos(ramp(dw / w, 2), 2)
        p = (k.shape[0] - 1) // 2
        x = F.conv2d(F.pad(x, (p, p, 0, 0), "reflect"), k[None, None, None, :])
    return F.interpolate(x.reshape(n, c, h, w), size, mode="bicubic", align_corners=True)


class ClampWithGrad(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, lo, hi):
        ctx.save_for_backward(x)
        return x.clamp(lo, hi)

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return g * (g * (x - x.clamp(0, 1)) >= 0), None, None


def cutouts(img):
    side = min(img.shape[2], img.shape[3])
    lo = min(side, cut_size)
    out = []
    for _ in range(args.cutn):
        size = int(torch.rand([]) ** args.cut_pow * (side - lo) + lo)
        ox = torch.randint(0, img.shape[3] - size + 1, ())
        oy = torch.randint(0, img.shape[2] - size + 1, ())
        out.append(resample(img[:, :, oy:oy + size, ox:ox + size], (cut_size, cut_size)))
    return ClampWithGrad.apply(torch.cat(out), 0, 1)


def quantise(z):  # nearest code, straight-through
    zf = z.movedim(1, 3)
    d = zf.pow(2).sum(-1, keepdim=True) + codebook.pow(2).sum(1) - 2 * zf @ codebook.T
    zq = F.one_hot(d.argmin(-1), codebook.shape[0]).to(d.dtype) @ codebook
    return (zf + (zq - zf).detach()).movedim(3, 1)


toks = torch.randint(1, 49407, (1, 77))  # a prompt's tokens (the timing does not depend on the words)
with torch.no_grad():
    target = F.normalize(perceptor.encode_text(toks).float(), dim=-1)
cells = args.size // 16
z = (F.one_hot(torch.randint(16384, (cells * cells,)), 16384).float() @ codebook).view(1, cells, cells, 256).permute(0, 3, 1, 2)
z_min, z_max = codebook.min(0).values.view(1, -1, 1, 1), codebook.max(0).values.view(1, -1, 1, 1)
z.requires_grad_(True)
opt = torch.optim.Adam([z], lr=args.lr)
times = []
for i in range(args.steps + 1):
    t0 = time.perf_counter()
    opt.zero_grad(set_to_none=True)
    img = ClampWithGrad.apply(decoder(post_quant_conv(quantise(z))).add(1).div(2), 0, 1)
    feats = F.normalize(perceptor.encode_image((cutouts(img) - mean) / std).float().unsqueeze(1), dim=2)
    loss = (feats - target.unsqueeze(0)).norm(dim=2).div(2).arcsin().pow(2).mul(2).mean()
    loss.backward()
    opt.step()
    with torch.no_grad():
        z.copy_(z.maximum(z_min).minimum(z_max))
    times.append(time.perf_counter() - t0)
print(json.dumps({"reference": "VQGAN-CLIP loop (cut_method original)", "clip": "random ViT-B/32", "vqgan": "random f16-16384",
                  "size": args.size, "cutn": args.cutn, "threads": torch.get_num_threads(), "steps": args.steps,
                  "seconds_per_iteration": sum(times[1:]) / args.steps}))
