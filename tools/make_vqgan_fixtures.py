#!/usr/bin/env python3
"""Golden numbers for the VQGAN engine's tests (issue: VQGAN engine), made by the reference
implementation, CompVis/taming-transformers, read from a local checkout given on the command
line. Nothing of the reference goes into this project: only the numbers it computes.

    /usr/bin/python3 tools/make_vqgan_fixtures.py /path/to/taming-transformers tests/data/vqgan

Writes, for a tiny random configuration (GroupNorm(32) needs widths of 32 and up):
  tiny.ckpt    a checkpoint shaped like Lightning's: state_dict (with loss.* entries that a loader
               must skip), optimizer_states, lr_schedulers and a callback of a class the loader has
               never heard of
  tiny.yaml    the configuration, in taming's layout
  input.png, reconstruction.png
               the first input as an 8-bit image, and the reference's reconstruction of it
  golden.pt    input, encoder output, quant_conv output, quantised latent, code indices, decoder
               output, and the reference's 8-bit image of the reconstruction
Needs python3-torch and python3-numpy (Debian); einops, which taming imports for a few reshapes,
is replaced by a stub doing exactly those reshapes (and one transpose).
"""
import os
import sys
import types

import torch

ref, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)

einops = types.ModuleType("einops")


def rearrange(t, pattern, **_):
    if pattern.replace(" ", "") == "bchw->bhwc":
        return t.permute(0, 2, 3, 1)
    if pattern.replace(" ", "") == "bhwc->bchw":
        return t.permute(0, 3, 1, 2)
    if pattern.replace(" ", "") == "nd->dn":
        return t.t()
    raise NotImplementedError(pattern)


einops.rearrange = rearrange
sys.modules["einops"] = einops
sys.path.insert(0, ref)
from taming.modules.diffusionmodules.model import Decoder, Encoder  # noqa: E402
from taming.modules.vqvae.quantize import VectorQuantizer2  # noqa: E402

torch.manual_seed(0)
dd = dict(double_z=False, z_channels=8, resolution=16, in_channels=3, out_ch=3, ch=32, ch_mult=[1, 2],
          num_res_blocks=1, attn_resolutions=[8], dropout=0.0)
n_embed, embed_dim = 32, 8


class VQ(torch.nn.Module):  # VQModel's modules under VQModel's names, without Lightning
    def __init__(self):
        super().__init__()
        self.encoder = Encoder(**dd)
        self.decoder = Decoder(**dd)
        self.quantize = VectorQuantizer2(n_embed, embed_dim, beta=0.25)
        self.quant_conv = torch.nn.Conv2d(dd["z_channels"], embed_dim, 1)
        self.post_quant_conv = torch.nn.Conv2d(embed_dim, dd["z_channels"], 1)


m = VQ().eval()
with torch.no_grad():
    # Norm layers and the codebook at non-trivial values, so that every weight matters.
    for name, p in m.named_parameters():
        if "norm" in name:
            p.copy_(1.0 + 0.1 * torch.randn_like(p) if name.endswith("weight") else 0.1 * torch.randn_like(p))

# 8-bit pixels, as an image file gives them, scaled to [-1, 1] as taming's data loaders do.
pixels = torch.randint(0, 256, (2, 3, 16, 16), dtype=torch.uint8)
x = pixels.float() / 127.5 - 1
with torch.no_grad():
    # A codebook drawn from the latents themselves (plus noise), so the nearest codes differ.
    flat = m.quant_conv(m.encoder(x)).permute(0, 2, 3, 1).reshape(-1, embed_dim)
    pick = torch.randperm(flat.shape[0])[:n_embed]
    m.quantize.embedding.weight.copy_(flat[pick] + 0.01 * torch.randn(n_embed, embed_dim))
    h = m.encoder(x)
    hq = m.quant_conv(h)
    zq, _, (_, _, indices) = m.quantize(hq)
    dec = m.decoder(m.post_quant_conv(zq))
    image = ((dec.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8)  # the reference's clamping and rounding

sd = dict(m.state_dict())
sd["loss.discriminator.main.0.weight"] = torch.randn(4, 3, 4, 4)
sd["loss.perceptual_loss.net.slice1.0.weight"] = torch.randn(4, 3, 3, 3)


class SomeLightningCallback:  # pickled by reference: a class the loader can't know
    def __init__(self):
        self.best_model_score = torch.tensor(0.5)


params = [p for p in m.parameters()]
ckpt = {
    "epoch": 3,
    "global_step": 1234,
    "pytorch-lightning_version": "1.0.8",
    "state_dict": sd,
    "optimizer_states": [{"state": {0: {"step": 10, "exp_avg": torch.zeros_like(params[0]),
                                        "exp_avg_sq": torch.zeros_like(params[0])}},
                          "param_groups": [{"lr": 4.5e-6, "betas": (0.5, 0.9), "params": [0]}]}],
    "lr_schedulers": [],
    "callbacks": {SomeLightningCallback: SomeLightningCallback()},
}
torch.save(ckpt, os.path.join(out, "tiny.ckpt"))
torch.save({"x": x, "h": h, "hq": hq, "zq": zq, "indices": indices.view(-1).to(torch.int64), "dec": dec, "image": image},
           os.path.join(out, "golden.pt"))
with open(os.path.join(out, "tiny.yaml"), "w") as f:
    f.write(f"""model:
  base_learning_rate: 4.5e-06
  target: taming.models.vqgan.VQModel
  params:
    embed_dim: {embed_dim}
    n_embed: {n_embed}
    ddconfig:
      double_z: false
      z_channels: {dd['z_channels']}
      resolution: {dd['resolution']}
      in_channels: 3
      out_ch: 3
      ch: {dd['ch']}
      ch_mult:
      - 1
      - 2
      num_res_blocks: {dd['num_res_blocks']}
      attn_resolutions:
      - 8
      dropout: 0.0
    lossconfig:
      target: taming.modules.losses.vqperceptual.VQLPIPSWithDiscriminator
""")
from PIL import Image  # noqa: E402  (python3-pil)

Image.fromarray(pixels[0].permute(1, 2, 0).numpy()).save(os.path.join(out, "input.png"))
Image.fromarray(image[0].permute(1, 2, 0).numpy()).save(os.path.join(out, "reconstruction.png"))
print("indices", indices.view(-1)[:16].tolist(), "| dec", tuple(dec.shape), "| unique codes", int(indices.unique().numel()))
