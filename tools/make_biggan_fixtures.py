#!/usr/bin/env python3
"""Golden numbers for the BigGAN-deep engine's tests (issue 23), made by the reference
implementation, huggingface/pytorch-pretrained-BigGAN, read from a local checkout given on the
command line. Nothing of the reference goes into this project: only the numbers it computes.

    /usr/bin/python3 tools/make_biggan_fixtures.py /path/to/pytorch-pretrained-BigGAN tests/data/biggan

Writes, for a tiny random BigGAN-deep (32 px, z 8, channel width 4, 10 classes, six blocks of
which three upsample, self-attention before the third block at 8 px, 51 statistics per
batch norm):
  config.json        the configuration, in the published files' layout
  pytorch_model.bin  the state dict as the published files are: torch.save's legacy format
                     (_use_new_zipfile_serialization=False; its storage keys, memory addresses,
                     renamed 0, 1, ... so that the file is reproducible), the keys BigGAN.from_pretrained
                     expects; weights stored as the reference's TF converter leaves them (views of
                     TF-layout arrays: non-contiguous strides), each batch norm's means and
                     variances two halves of one storage (tensors at an offset into a shared storage)
  state_dict.pt      the same tensors in the zip format (the engine's zip reader is the reference)
  golden.pt          for each case i: z{i} [2, 8], class{i} [2, 10] (one-hot, or a softmax),
                     truncation{i} (float64, 0-d), out{i}, the reference's output [2, 3, 32, 32]
                     in [-1, 1] from BigGAN.from_pretrained(out folder) in eval mode, and image{i},
                     its 8-bit images as the reference's convert_to_images makes them (uint8)
Truncations include values between the 51 stored statistics (0.413, 0.73, 0.871: the
reference's interpolation weights them unevenly) and the stored ones 0.4 and 1.0.
Needs python3-torch (Debian). The reference's package __init__ imports scipy, boto3, requests
and tqdm for downloads and image helpers: its config and model modules are imported without it,
with cached_path replaced by the identity (the files are local).
"""
import io
import json
import os
import pickle
import pickletools
import struct
import sys
import types

import torch
import torch.nn.functional as F

ref, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)

# The package without its __init__ (downloads and image helpers need scipy, boto3, requests, tqdm).
pkg = types.ModuleType("pytorch_pretrained_biggan")
pkg.__path__ = [os.path.join(ref, "pytorch_pretrained_biggan")]
sys.modules["pytorch_pretrained_biggan"] = pkg
file_utils = types.ModuleType("pytorch_pretrained_biggan.file_utils")
file_utils.cached_path = lambda path, cache_dir=None: path
sys.modules["pytorch_pretrained_biggan.file_utils"] = file_utils
from pytorch_pretrained_biggan.config import BigGANConfig  # noqa: E402
from pytorch_pretrained_biggan.model import BigGAN, GenBlock, SelfAttn, BigGANBatchNorm  # noqa: E402

torch.manual_seed(23)
config = BigGANConfig(output_dim=32, z_dim=8, class_embed_dim=8, channel_width=4, num_classes=10,
                      layers=[(False, 16, 16), (True, 16, 8), (False, 8, 4), (True, 4, 2), (False, 2, 2), (True, 2, 1)],
                      attention_layer_position=2, eps=1e-4, n_stats=51)
model = BigGAN(config)
assert sum(isinstance(m, SelfAttn) for m in model.modules()) == 1
assert sum(isinstance(m, GenBlock) and m.up_sample for m in model.modules()) == 3

with torch.no_grad():
    # Weights as the TF converter leaves them: torch.from_numpy(np.transpose(tf_array)) keeps the
    # TF layout's memory, so a [out, in] weight is a transposed view and a [out, in, kh, kw]
    # convolution a permuted one. Scaled so activations neither vanish nor saturate tanh.
    for name, module in model.named_modules():
        if not hasattr(module, "weight_orig"):
            continue
        w = module.weight_orig
        if w.dim() == 2:
            tf = torch.randn(w.shape[1], w.shape[0])
            module.weight_orig.data = tf.t()
        else:
            tf = torch.randn(w.shape[2], w.shape[3], w.shape[1], w.shape[0])
            module.weight_orig.data = tf.permute(3, 2, 0, 1)
        assert not module.weight_orig.is_contiguous() or module.weight_orig.shape[0] == 1
        if getattr(module, "bias", None) is not None:
            module.bias.normal_(0, 0.1)
        # The converter's spectral-norm buffers: one power-iteration step from a random u.
        mat = module.weight_orig.reshape(module.weight_orig.shape[0], -1)
        u0 = torch.randn(mat.shape[0])
        v = F.normalize(torch.mv(mat.t(), u0), dim=0, eps=config.eps)
        module.weight_v.data = v
        module.weight_u.data = F.normalize(torch.mv(mat, v), dim=0, eps=config.eps)
        if name.endswith(".scale") or name.endswith(".offset"):
            module.weight_orig.mul_(0.5)  # conditional gains of 1 + O(0.5)
    model.embeddings.weight.normal_(0, 1)
    for module in model.modules():
        if isinstance(module, BigGANBatchNorm):
            # 51 statistics, none the identity: random means, positive variances (one storage).
            n, c = module.running_means.shape
            both = torch.empty(2, n, c)
            both[0].normal_(0, 0.5)
            both[1].uniform_(0.25, 2.0)
            module.running_means = both[0]
            module.running_vars = both[1]
            if not module.conditional:
                module.weight.data = 1 + 0.2 * torch.randn(c)
                module.bias.data = 0.1 * torch.randn(c)
        if isinstance(module, SelfAttn):
            module.gamma.fill_(0.7)  # zero in a fresh model: the attention would not count



def save_legacy(obj, path):
    """torch.save(obj, path, _use_new_zipfile_serialization=False), made reproducible: torch names
    each storage by its memory address (str(storage._cdata)) and writes them sorted by that name.
    Here they are renamed "0", "1", ... in the order the object's pickle first names them, and the
    key list and the storages' records follow that order (float32 storages only). Keys are
    pickled as BINUNICODE: X, u32 length, utf-8."""
    buf = io.BytesIO()
    torch.save(obj, buf, _use_new_zipfile_serialization=False)
    data = buf.getvalue()
    f = io.BytesIO(data)
    for _ in range(3):  # magic number, protocol version, system information
        pickle.load(f)
    main_start = f.tell()
    for _ in pickletools.genops(f):  # the object's pickle, up to its STOP
        pass
    main_end = f.tell()
    keys = pickle.load(f)
    pos, records = f.tell(), {}
    for k in keys:  # int64 element count, then the float32 elements
        n = struct.unpack("<q", data[pos:pos + 8])[0]
        records[k] = data[pos:pos + 8 + 4 * n]
        pos += 8 + 4 * n
    assert pos == len(data), "float32 storages only"

    def pattern(key):
        return b"X" + struct.pack("<I", len(key.encode())) + key.encode()

    main = data[main_start:main_end]
    order = sorted(keys, key=lambda k: main.index(pattern(k)))
    for new, old in enumerate(order):
        assert main.count(pattern(old)) >= 1, "storage key not found where expected"
        main = main.replace(pattern(old), pattern(str(new)))
    with open(path, "wb") as f:
        f.write(data[:main_start] + main + pickle.dumps([str(i) for i in range(len(order))], protocol=2) +
                b"".join(records[k] for k in order))


sd = model.state_dict()
assert sd["generator.layers.0.bn_0.running_vars"].storage_offset() > 0
save_legacy(sd, os.path.join(out, "pytorch_model.bin"))
torch.save({k: v.contiguous() for k, v in sd.items()}, os.path.join(out, "state_dict.pt"))
with open(os.path.join(out, "config.json"), "w") as f:
    f.write(json.dumps({"output_dim": 32, "z_dim": 8, "class_embed_dim": 8, "channel_width": 4, "num_classes": 10,
                        "layers": [list(l) for l in config.layers], "attention_layer_position": 2, "eps": 1e-4,
                        "n_stats": 51}, indent=2) + "\n")

# The golden outputs come from the files, loaded as a user of the reference loads them.
loaded = BigGAN.from_pretrained(out).eval()
expected = set(loaded.state_dict())
assert expected == set(sd), "the state dict's keys are the ones BigGAN.from_pretrained expects"
for k, v in loaded.state_dict().items():
    assert torch.equal(v, sd[k]), k


def truncated(n, t):
    z = torch.randn(n, config.z_dim)
    while (z.abs() > 2).any():  # truncnorm(-2, 2): redraw outside, then scale (utils.truncated_noise_sample)
        z = torch.where(z.abs() > 2, torch.randn_like(z), z)
    return t * z


def one_hot(*classes):
    return F.one_hot(torch.tensor(classes), config.num_classes).float()


cases = [(one_hot(0, 7), 0.4), (one_hot(3, 9), 0.413), (torch.softmax(2 * torch.randn(2, 10), 1), 0.73),
         (one_hot(5, 5), 0.871), (one_hot(1, 8), 1.0)]
golden = {}
with torch.no_grad():
    for i, (c, t) in enumerate(cases):
        z = truncated(2, t)
        y = loaded(z, c, t)
        golden[f"z{i}"], golden[f"class{i}"], golden[f"truncation{i}"], golden[f"out{i}"] = z, c, torch.tensor(t, dtype=torch.float64), y
        # utils.convert_to_images: clip(((x + 1) / 2) * 256, 0, 255), then uint8 (a floor).
        golden[f"image{i}"] = torch.clamp((y + 1) / 2.0 * 256, 0, 255).to(torch.uint8)
        print(f"case {i}: truncation {t}, output mean {y.mean():.3f} std {y.std():.3f}, |x| > 0.99: {(y.abs() > 0.99).float().mean():.3f}")
torch.save(golden, os.path.join(out, "golden.pt"))
for f in ("config.json", "pytorch_model.bin", "state_dict.pt", "golden.pt"):
    print(f, os.path.getsize(os.path.join(out, f)), "bytes")
