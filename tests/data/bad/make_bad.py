#!/usr/bin/python3
"""Regenerates the crafted hostile files of tests/data/bad/ (issue 16: the rows of its table that a
file reader meets, and their neighbours). Each goes to tests/data/bad/<reader>/, the folder of the
reader that meets it first; tests/engine/tst_bad_files.cpp runs every file there through that
reader (the same function as tests/fuzz/fuzz_<reader>.cpp) and asserts that it loads or is refused
with atelier::Error, within 2 GB and 30 s, without a signal.

Plain Python 3, no torch: the PyTorch files are written as torch.save writes them (a zip of
archive/data.pkl, archive/data/<key>, archive/version) with pickles made by Python's pickle module
against stand-in `torch` modules, or opcode by opcode where the point is a malformed pickle.
Nothing here is ever unpickled by Python.

    /usr/bin/python3 tests/data/bad/make_bad.py            # rewrites the crafted files
    /usr/bin/python3 tests/data/bad/make_bad.py --list     # what each file is

Fuzzer findings (tools/fuzz.sh copies them here) are not touched: their names start with
crash-, timeout-, oom- or leak-. tests/fuzz/make_seeds.py imports the writers below.
"""
import argparse
import collections
import gzip
import io
import json
import os
import pickle
import struct
import sys
import types
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
MAX_BYTES = 100 * 1024  # a crafted file bigger than this is not committed: make it smaller


# ---- writers (shared with tests/fuzz/make_seeds.py) -------------------------------------------

def _install_fake_torch():
    """Stand-in modules so that pickle writes GLOBAL torch._utils _rebuild_tensor_v2 and
    torch.FloatStorage as torch.save does (pickle checks that the names resolve to the objects)."""
    if "torch" in sys.modules and getattr(sys.modules["torch"], "_atelier_fake", False):
        return sys.modules["torch"]
    torch = types.ModuleType("torch")
    torch._atelier_fake = True
    utils = types.ModuleType("torch._utils")
    for name in ("FloatStorage", "HalfStorage", "BFloat16Storage", "DoubleStorage", "LongStorage", "IntStorage",
                 "ShortStorage", "CharStorage", "ByteStorage", "BoolStorage"):
        cls = type(name, (), {})
        cls.__module__ = "torch"
        setattr(torch, name, cls)

    def _rebuild_tensor_v2(*args):  # never called: only its name is pickled
        raise RuntimeError("stand-in")
    _rebuild_tensor_v2.__module__ = "torch._utils"
    _rebuild_tensor_v2.__qualname__ = "_rebuild_tensor_v2"
    utils._rebuild_tensor_v2 = _rebuild_tensor_v2

    def _rebuild_parameter(*args):
        raise RuntimeError("stand-in")
    _rebuild_parameter.__module__ = "torch._utils"
    _rebuild_parameter.__qualname__ = "_rebuild_parameter"
    utils._rebuild_parameter = _rebuild_parameter
    torch._utils = utils
    sys.modules["torch"] = torch
    sys.modules["torch._utils"] = utils
    return torch


ELEMENT = {"FloatStorage": ("<f", 4), "HalfStorage": ("<e", 2), "DoubleStorage": ("<d", 8), "LongStorage": ("<q", 8),
           "IntStorage": ("<i", 4), "ShortStorage": ("<h", 2), "CharStorage": ("<b", 1), "ByteStorage": ("<B", 1),
           "BoolStorage": ("<?", 1), "BFloat16Storage": (None, 2)}


class Storage:
    """A storage record: archive/data/<key>, numel elements of the class's dtype."""
    def __init__(self, key, numel, cls="FloatStorage", data=None):
        self.key, self.numel, self.cls = str(key), numel, cls
        self.data = data if data is not None else bytes(numel * ELEMENT[cls][1])


class Tensor:
    def __init__(self, storage, size, stride=None, offset=0, parameter=False):
        if stride is None:
            stride, s = [], 1
            for d in reversed(size):
                stride.insert(0, s)
                s *= d
        self.storage, self.size, self.stride, self.offset, self.parameter = storage, tuple(size), tuple(stride), offset, parameter

    def __reduce__(self):
        torch = _install_fake_torch()
        t = (torch._utils._rebuild_tensor_v2,
             (self.storage, self.offset, self.size, self.stride, False, collections.OrderedDict()))
        if not self.parameter:
            return t
        return (torch._utils._rebuild_parameter, (_Rebuilt(t), True, collections.OrderedDict()))


class _Rebuilt:
    def __init__(self, reduced):
        self.reduced = reduced

    def __reduce__(self):
        return self.reduced


def torch_pickle(obj, protocol=2):
    """obj pickled as torch.save pickles it: storages as persistent ids."""
    torch = _install_fake_torch()

    class P(pickle.Pickler):
        def persistent_id(self, o):
            if isinstance(o, Storage):
                return ("storage", getattr(torch, o.cls), o.key, "cpu", o.numel)
            return None
    buf = io.BytesIO()
    P(buf, protocol=protocol).dump(obj)
    return buf.getvalue()


def storages_of(obj, found=None):
    found = {} if found is None else found
    if isinstance(obj, Tensor):
        found[obj.storage.key] = obj.storage
    elif isinstance(obj, dict):
        for v in obj.values():
            storages_of(v, found)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            storages_of(v, found)
    return found


def torch_zip(pkl, storages=(), name="archive", deflate=False, extra=()):
    """A zip laid out as torch.save writes it. storages: Storage objects or (key, bytes) pairs."""
    buf = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    def put(z, rec, data):  # a fixed date: the same bytes at every run
        z.writestr(zipfile.ZipInfo(name + "/" + rec, date_time=(1980, 1, 1, 0, 0, 0)), data, compress_type=method)
    with zipfile.ZipFile(buf, "w", method, compresslevel=9 if deflate else None) as z:
        put(z, "data.pkl", pkl)
        for s in storages:
            key, data = (s.key, s.data) if isinstance(s, Storage) else s
            put(z, "data/" + key, data)
        for rec, data in extra:
            put(z, rec, data)
        put(z, "version", "3\n")
    return buf.getvalue()


def torch_save(obj, deflate=False, name="archive"):
    return torch_zip(torch_pickle(obj), storages_of(obj).values(), name=name, deflate=deflate)


def float_tensor(key, values, size=None):
    data = struct.pack("<%df" % len(values), *values)
    return Tensor(Storage(key, len(values), "FloatStorage", data), size or [len(values)])


def safetensors(tensors, metadata=None, header=None, pad=True):
    """tensors: name -> (dtype, shape, bytes). header: a raw header (str or dict) instead."""
    if header is None:
        header, data, offset = {}, b"", 0
        if metadata is not None:
            header["__metadata__"] = metadata
        for name, (dtype, shape, raw) in tensors.items():
            header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + len(raw)]}
            data += raw
            offset += len(raw)
    else:
        data = b"".join(raw for (_, _, raw) in tensors.values()) if tensors else b""
    text = (header if isinstance(header, str) else json.dumps(header, separators=(",", ":"))).encode()
    if pad:
        text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + data


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(width, height, texts=(), ztexts=(), itexts=(), color_type=0, bit_depth=8, idat=None, rows=None):
    """A PNG; texts: (key, value) tEXt chunks; ztexts: zTXt (value as bytes, deflated here);
    idat: raw IDAT payload instead of the pixels (for lying headers)."""
    out = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0))
    for k, v in texts:
        out += png_chunk(b"tEXt", k.encode("latin-1") + b"\0" + (v if isinstance(v, bytes) else v.encode("latin-1")))
    for k, v in ztexts:
        out += png_chunk(b"zTXt", k.encode("latin-1") + b"\0\0" + zlib.compress(v, 9))
    for k, v in itexts:
        out += png_chunk(b"iTXt", k.encode("latin-1") + b"\0\0\0\0\0" + v.encode("utf-8"))
    if idat is None:
        channels = {0: 1, 2: 3, 4: 2, 6: 4}[color_type]
        row = b"\0" + bytes(width * channels * bit_depth // 8)
        idat = zlib.compress((rows if rows is not None else row * height), 9)
    out += png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")
    return out


SETTINGS = [("Software", "CLIP Atelier"), ("clip-atelier:prompts", "a red circle"), ("clip-atelier:generator", ""),
            ("clip-atelier:mode", "vqgan"), ("clip-atelier:optimiser", "adam"), ("clip-atelier:steps", "150"),
            ("clip-atelier:cutn", "16"), ("clip-atelier:cut_pow", "1"), ("clip-atelier:lr", "0.05"),
            ("clip-atelier:seed", "7"), ("clip-atelier:size", "128")]


def settings_with(**changes):
    return [(k, changes.get(k.split(":")[-1], v)) for k, v in SETTINGS]


# ---- pickle opcodes, for the malformed ones ------------------------------------------------------

PROTO2 = b"\x80\x02"
STOP, NONE, MARK, EMPTY_LIST, APPEND, APPENDS, EMPTY_DICT, SETITEM = b".", b"N", b"(", b"]", b"a", b"e", b"}", b"s"
TUPLE, TUPLE1, TUPLE2, TUPLE3, EMPTY_TUPLE, REDUCE, BINPERSID, NEWFALSE = b"t", b"\x85", b"\x86", b"\x87", b")", b"R", b"Q", b"\x89"


def binput(i):
    return b"q" + bytes([i]) if i < 256 else b"r" + struct.pack("<I", i)


def binget(i):
    return b"h" + bytes([i]) if i < 256 else b"j" + struct.pack("<I", i)


def binint(i):
    return b"K" + bytes([i]) if 0 <= i < 256 else b"J" + struct.pack("<i", i)


def unicode(s):
    b = s.encode("utf-8")
    return b"X" + struct.pack("<I", len(b)) + b


def glob(module, name):
    return b"c" + module.encode() + b"\n" + name.encode() + b"\n"


def tensor_ops(key="0", numel=4):
    """Opcodes that push a float tensor of numel elements over storage `key`."""
    storage = MARK + unicode("storage") + glob("torch", "FloatStorage") + unicode(key) + unicode("cpu") + binint(numel) + TUPLE + BINPERSID
    return (glob("torch._utils", "_rebuild_tensor_v2") + MARK + storage + binint(0) + binint(numel) + TUPLE1 +
            binint(1) + TUPLE1 + NEWFALSE + glob("collections", "OrderedDict") + EMPTY_TUPLE + REDUCE + TUPLE + REDUCE)


def dag(levels, leaf):
    """[x, x] nested `levels` times over one memo entry per level: 2^levels paths, levels * 9 bytes."""
    out = PROTO2 + leaf + binput(0)
    for i in range(1, levels + 1):
        out += EMPTY_LIST + MARK + binget(i - 1) + binget(i - 1) + APPENDS + binput(i)
    return out + STOP


def dict_of(key, value_ops):
    return PROTO2 + EMPTY_DICT + unicode(key) + value_ops + SETITEM + STOP


def reduce_call(module, name, *args):
    return PROTO2 + glob(module, name) + MARK + b"".join(unicode(a) for a in args) + TUPLE + REDUCE + STOP


# ---- the crafted files ------------------------------------------------------------------------------

def crafted():
    """(reader, file name, bytes, what it is)"""
    files = []

    def add(reader, name, data, what):
        files.append((reader, name, data, what))

    # pickle/: data.pkl on its own (the unpickler and collect_tensors)
    add("pickle", "memo_dag_60_none.pkl", dag(60, NONE),
        "60 levels of [x, x] over the memo: 2^60 paths to walk (issue: hang)")
    add("pickle", "memo_dag_60_tensor.pkl", dag(60, tensor_ops()),
        "the same DAG with a tensor at the leaves: 2^60 names for it (issue: 8 GB, OOM)")
    add("pickle", "nested_lists_30k.pkl", PROTO2 + EMPTY_LIST * 30000 + APPEND * 29999 + STOP,
        "30,000 nested lists (60 KB; the issue's 1,000,000 are in checkpoint/nested_lists_1m.pt)")
    add("pickle", "nested_dicts_10k.pkl",
        PROTO2 + unicode("k") + binput(0) + (EMPTY_DICT + binget(0)) * 10000 + tensor_ops() + SETITEM * 10000 + STOP,
        "10,000 nested dicts keyed 'k' around a tensor: its name has 20,000 characters")
    add("pickle", "tuple1_on_mark.pkl", PROTO2 + MARK + TUPLE1 + MARK + NONE + TUPLE2 + TUPLE3 + STOP,
        "TUPLE1..3 with an open MARK under them (issue: the MARK is ignored)")
    add("pickle", "timeit_os_system.pkl", reduce_call("timeit", "timeit", "__import__('os').system('touch /tmp/clip_atelier_pwned')"),
        "timeit.timeit(\"os.system(...)\") (issue: loads silently; an allow-list refuses it)")
    add("pickle", "os_system.pkl", reduce_call("os", "system", "touch /tmp/clip_atelier_pwned"), "os.system: refused by name")
    add("pickle", "builtins_eval.pkl", reduce_call("builtins", "eval", "__import__('os').system('true')"), "builtins.eval: refused")
    add("pickle", "storage_2e62.pkl", dict_of("w", tensor_ops(numel=0).replace(binint(0) + TUPLE + BINPERSID,
                                                                               b"\x8a\x08" + struct.pack("<q", 1 << 62) + TUPLE + BINPERSID)),
        "a storage of 2^62 elements")
    big = (b"\x8a\x08" + struct.pack("<q", 1 << 40))
    add("pickle", "size_stride_overflow.pkl",
        dict_of("w", glob("torch._utils", "_rebuild_tensor_v2") + MARK +
                MARK + unicode("storage") + glob("torch", "FloatStorage") + unicode("0") + unicode("cpu") + binint(4) + TUPLE + BINPERSID +
                binint(0) + MARK + big + big + TUPLE + MARK + big + big + TUPLE + NEWFALSE + glob("collections", "OrderedDict") +
                EMPTY_TUPLE + REDUCE + TUPLE + REDUCE),
        "a tensor of size (2^40, 2^40) with strides (2^40, 2^40) over 4 elements: products overflow int64")
    add("pickle", "stride0_expand.pkl",
        dict_of("w", glob("torch._utils", "_rebuild_tensor_v2") + MARK +
                MARK + unicode("storage") + glob("torch", "FloatStorage") + unicode("0") + unicode("cpu") + binint(1) + TUPLE + BINPERSID +
                binint(0) + MARK + binint(4096) + binint(4096) + binint(24) + TUPLE + MARK + binint(0) + binint(0) + binint(0) + TUPLE +
                NEWFALSE + glob("collections", "OrderedDict") + EMPTY_TUPLE + REDUCE + TUPLE + REDUCE),
        "a [4096, 4096, 24] tensor over one element by strides of 0 (issue: models built from declared shapes)")
    add("pickle", "truncated.pkl", torch_pickle({"w": float_tensor("0", [1.0, 2.0])})[:-7], "a state dict's pickle cut short")
    add("pickle", "memo_get_missing.pkl", PROTO2 + binget(7) + STOP, "BINGET of a memo entry never stored")
    add("pickle", "long_binget_huge.pkl", PROTO2 + b"j\xff\xff\xff\xff" + STOP, "LONG_BINGET 2^32-1")
    add("pickle", "binunicode_length_past_end.pkl", PROTO2 + b"X\xff\xff\xff\x7f" + b"abc" + STOP,
        "BINUNICODE claiming 2 GB in an 11-byte file")

    # checkpoint/: whole files (PyTorch zip, safetensors)
    nested = PROTO2 + EMPTY_LIST * 1_000_000 + APPEND * 999_999 + STOP
    add("checkpoint", "nested_lists_1m.pt", torch_zip(nested, deflate=True),
        "1,000,000 nested lists, data.pkl deflated (issue: SIGSEGV, recursion in collect_tensors)")
    nones = PROTO2 + EMPTY_LIST + MARK + NONE * 50_000_000 + APPENDS + STOP
    add("checkpoint", "list_50m_none.pt", torch_zip(nones, deflate=True),
        "a list of 50,000,000 None, data.pkl deflated (issue: OOM, records inflated whole)")
    add("checkpoint", "memo_dag_60_tensor.pt",
        torch_zip(dag(60, tensor_ops()), [("0", bytes(16))]), "pickle/memo_dag_60_tensor.pkl in a checkpoint")
    add("checkpoint", "key_1m_digits.pt", torch_save({"1" * 1_000_000: float_tensor("0", [1.0])}, deflate=True),
        "a state dict key of 1,000,000 digits (issue: std::regex recursion in the model loaders)")
    add("checkpoint", "storage_inflates_90mb.pt",
        torch_zip(torch_pickle({"w": Tensor(Storage("0", 90 * 2**20 // 4, data=b""), [90 * 2**20 // 4])}),
                  [("0", bytes(90 * 2**20))], deflate=True),
        "a storage record deflated from 90 MB of zeros (a zip bomb within the stated cap's reach)")
    add("checkpoint", "storage_record_short.pt",
        torch_zip(torch_pickle({"w": Tensor(Storage("0", 1 << 20, data=b""), [1 << 20])}), [("0", bytes(8))]),
        "a storage of 1M floats whose record holds 8 bytes")
    add("checkpoint", "storage_record_missing.pt", torch_zip(torch_pickle({"w": float_tensor("0", [1.0])})),
        "a storage whose record is not in the zip")
    add("checkpoint", "no_data_pkl.pt", torch_zip(b"", []).replace(b"archive/data.pkl", b"archive/data.pkx"),
        "a zip without data.pkl")
    add("checkpoint", "lightning_malicious_callback.ckpt",
        torch_zip(PROTO2 + EMPTY_DICT + unicode("state_dict") + EMPTY_DICT + SETITEM + unicode("callbacks") +
                  glob("subprocess", "Popen") + MARK + unicode("true") + TUPLE + REDUCE + SETITEM + STOP),
        "a Lightning-shaped checkpoint with subprocess.Popen in its callbacks")
    huge = {"t": {"dtype": "F32", "shape": [1 << 62], "data_offsets": [0, 0]}}
    add("checkpoint", "safetensors_2e62_elements.safetensors", safetensors({}, header=huge),
        "a tensor claiming 2^62 elements over 0 bytes: 2^62 * 4 wraps to 0 (issue: accepted)")
    huge2 = {"t": {"dtype": "F32", "shape": [1 << 31, 1 << 31], "data_offsets": [0, 0]}}
    add("checkpoint", "safetensors_2e31x2e31.safetensors", safetensors({}, header=huge2),
        "a [2^31, 2^31] F32 tensor over 0 bytes (the product wraps)")
    huge3 = {"t": {"dtype": "I64", "shape": [1 << 40, 1 << 40, 1 << 40], "data_offsets": [0, 0]}}
    add("checkpoint", "safetensors_shape_overflow.safetensors", safetensors({}, header=huge3),
        "a shape whose element count overflows int64")
    add("checkpoint", "safetensors_negative_dim.safetensors",
        safetensors({}, header={"t": {"dtype": "F32", "shape": [-1, -4], "data_offsets": [0, 16]}}) + bytes(16),
        "negative dimensions whose product is positive")
    add("checkpoint", "safetensors_overlap.safetensors",
        safetensors({}, header={"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]},
                                "b": {"dtype": "F32", "shape": [4], "data_offsets": [8, 24]}}) + bytes(24),
        "two tensors sharing bytes")
    add("checkpoint", "safetensors_header_past_end.safetensors", struct.pack("<Q", 1 << 40) + b'{"a":1}',
        "a header length of 2^40")
    add("checkpoint", "safetensors_deep_json.safetensors", safetensors({}, header="[" * 30000 + "]" * 30000),
        "a header of 30,000 nested arrays")
    add("checkpoint", "safetensors_bad_types.safetensors",
        safetensors({}, header={"t": {"dtype": 7, "shape": "x", "data_offsets": {"a": 1}}, "__metadata__": [1, 2]}),
        "header fields of the wrong JSON types")
    add("checkpoint", "safetensors_metadata_not_strings.safetensors",
        safetensors({"t": ("F32", [1], bytes(4))}, metadata={"a": {"b": [1, 2]}, "c": 3}),
        "metadata values that are not strings")

    # taming_yaml/: a VQGAN's model.yaml
    base = open(os.path.join(HERE, "..", "vqgan", "tiny.yaml")).read()

    def yaml_with(old, new):
        assert old in base, old
        return base.replace(old, new, 1).encode()
    add("taming_yaml", "nested_flow_50k.yaml", b"model: " + b"[" * 50000 + b"\n",
        "50,000 nested [ (issue: 200,000 take 74 s inside libyaml)")
    add("taming_yaml", "nested_mappings_10k.yaml", b"model: " + b"{a: " * 10000 + b"1" + b"}" * 10000 + b"\n",
        "10,000 nested flow mappings")
    add("taming_yaml", "huge_architecture.yaml",
        yaml_with("      ch: 32", "      ch: 4096").replace(b"num_res_blocks: 1", b"num_res_blocks: 100000")
        .replace(b"      - 1\n      - 2", b"      - 255\n      - 2"),
        "ch 4096, num_res_blocks 100000, ch_mult [255, 2] (issue: OOM when built against a small checkpoint)")
    add("taming_yaml", "ch_float.yaml", yaml_with("ch: 32", "ch: 3.2e1"), "ch: 3.2e1 (issue: read as 3)")
    add("taming_yaml", "ch_garbage.yaml", yaml_with("ch: 32", "ch: 16x16garbage"), "ch: 16x16garbage (issue: read as 16)")
    add("taming_yaml", "ch_overflow.yaml", yaml_with("ch: 32", "ch: 99999999999999999999999"),
        "ch past int64 (issue: std::out_of_range, the message 'stoll')")
    add("taming_yaml", "ch_word.yaml", yaml_with("ch: 32", "ch: abc"), "ch: abc (issue: std::invalid_argument)")
    add("taming_yaml", "ch_negative.yaml", yaml_with("ch: 32", "ch: -32"), "ch: -32")
    add("taming_yaml", "ch_mult_words.yaml", yaml_with("      - 1\n      - 2", "      - one\n      - [2]"),
        "ch_mult: [one, [2]]")
    add("taming_yaml", "ch_mult_missing.yaml", yaml_with("      ch_mult:\n      - 1\n      - 2\n", ""), "no ch_mult")
    add("taming_yaml", "alias_bomb.yaml",
        ("a0: &a0 [x, x]\n" + "".join("a%d: &a%d [*a%d, *a%d, *a%d, *a%d]\n" % (i, i, i - 1, i - 1, i - 1, i - 1)
                                      for i in range(1, 12)) + base).encode(),
        "a billion-laughs alias tree before the real config")
    add("taming_yaml", "tab_and_bom.yaml", b"\xef\xbb\xbf\tmodel:\n\t\tparams: {embed_dim: 8}\n", "a BOM and tabs")
    add("taming_yaml", "not_utf8.yaml", b"model:\n  params:\n    embed_dim: \xff\xfe8\n", "bytes that are not UTF-8")
    add("taming_yaml", "empty.yaml", b"", "an empty file")

    # vocab/: OpenAI's merges list (bpe_simple_vocab_16e6.txt.gz or plain)
    tiny = gzip.decompress(open(os.path.join(HERE, "..", "clip", "tiny_vocab.txt.gz"), "rb").read())
    add("vocab", "inflates_68mb.txt.gz",
        gzip.compress(b"#version: 0.2\n" + b"a b\n" * (17 * 2**20), 9, mtime=0),
        "68 MB of merges in 70 KB of gzip (the issue's 1 GiB one is 1 MB; the stated cap is 64 MB)")
    add("vocab", "truncated.txt.gz", gzip.compress(tiny, 9, mtime=0)[:600], "a gzip stream cut short")
    add("vocab", "trailing_garbage.txt.gz", gzip.compress(tiny, 9, mtime=0) + b"\x1f\x8b\x08garbage", "a second, broken gzip member")
    add("vocab", "one_line.txt", b"#version: 0.2\n", "a header and no merges")
    add("vocab", "merge_without_space.txt", b"#version: 0.2\nab\n", "a merge line without its space")
    add("vocab", "merge_three_parts.txt", b"#version: 0.2\na b c\n", "a merge line of three parts")
    add("vocab", "long_line.txt", b"#version: 0.2\n" + b"a" * 20000 + b" " + b"b" * 10000 + b"\n", "a 30 KB merge")
    add("vocab", "not_utf8.txt", b"#version: 0.2\n\xff\xfe \x80\x80\n\xc3 \xa9\n", "merges that are not UTF-8")
    add("vocab", "nul_bytes.txt", b"#version: 0.2\n\0 \0\n\0\0 \0\n", "NUL bytes")
    add("vocab", "special_tokens.txt", b"#version: 0.2\n<|startoftext|> <|endoftext|>\n</w> </w>\n", "merges of the special tokens")

    # tokenizer/: prompts (bytes) for the cleaner and the tokenizer
    add("tokenizer", "invalid_utf8.txt", b"a \xff photo \xc3\x28 of \xed\xa0\x80 a \xf4\x90\x80\x80 cat \xc0\xaf", "invalid UTF-8")
    add("tokenizer", "html_entities.txt",
        b"&#1114112; &#x110000; &#0; &#xD800; &#99999999999999999999; &amp;amp;amp;lt; &#x; &; &lt &nbsp&#38;#38;",
        "numeric entities past Unicode, surrogates, NUL, overflow, nested &amp;")
    add("tokenizer", "combining_10k.txt", b"a" + "\u0301\u0316".encode() * 5000, "10,000 combining marks on one letter")
    add("tokenizer", "long_word_30k.txt", b"the" * 10000, "a 30,000-byte word (BPE is quadratic in a word's length)")
    add("tokenizer", "many_words.txt", b"a " * 10000, "10,000 one-letter words")
    add("tokenizer", "special_tokens.txt", b"<|startoftext|><|endoftext|>" * 100 + b"<|endoftext", "special tokens, one cut short")
    add("tokenizer", "controls.txt", bytes(range(0, 32)) + b"\x7f" + "\u200b\u2028\u2029\ufeff\U000e0001".encode(),
        "control and format characters")
    add("tokenizer", "mojibake.txt", "cafÃ© Ã¼ber â€œquotedâ€\x9d".encode(), "mojibake (ftfy's fix_encoding is not applied)")

    # hf_vocab/ (*.hf): vocab.json, the separator line, merges.txt
    sep = b"\n--merges.txt--\n"
    hf_vocab = open(os.path.join(HERE, "..", "clip", "tiny_hf", "vocab.json"), "rb").read()
    hf_merges = open(os.path.join(HERE, "..", "clip", "tiny_hf", "merges.txt"), "rb").read()
    vocab = json.loads(hf_vocab)

    def with_vocab(**changes):
        v = dict(vocab)
        v.update(changes)
        return json.dumps(v).encode() + sep + hf_merges
    add("hf_vocab", "id_huge.hf", with_vocab(**{"<|endoftext|>": 1 << 62}), "a token id of 2^62")
    add("hf_vocab", "id_negative.hf", with_vocab(**{"<|endoftext|>": -5}), "a negative token id")
    add("hf_vocab", "id_float.hf", with_vocab(**{"a</w>": 3.5}), "a token id that is not an integer")
    add("hf_vocab", "id_duplicate.hf", with_vocab(**{"zz": 1}), "two tokens with one id, one id missing")
    add("hf_vocab", "no_endoftext.hf", json.dumps({k: i for i, k in enumerate(t for t in vocab if t != "<|endoftext|>")}).encode() + sep + hf_merges,
        "no <|endoftext|>")
    add("hf_vocab", "not_an_object.hf", b"[1, 2, 3]" + sep + hf_merges, "vocab.json is a list")
    add("hf_vocab", "deep_arrays.hf", b"[" * 30000 + b"]" * 30000 + sep, "30,000 nested arrays")
    add("hf_vocab", "merge_one_part.hf", hf_vocab + sep + b"#version: 0.2\nabc\n", "a merge line of one part")
    add("hf_vocab", "no_merges.hf", hf_vocab, "no merges.txt content")

    # png_settings/: frames whose text chunks carry the CLIP + VQGAN tab's settings
    add("png_settings", "wide_999999x1.png", png(999999, 1, SETTINGS), "a 999999x1 PNG (issue: OOM through OpenCV)")
    add("png_settings", "lying_30000x30000.png", png(30000, 30000, SETTINGS, idat=zlib.compress(b"\0" * 30001)),
        "a 30000x30000 header over one row of pixels")
    add("png_settings", "numbers_out_of_range.png",
        png(8, 8, settings_with(steps="99999999999999999999", cutn="-5", lr="nan", cut_pow="inf", seed="0x10", size="1e9")),
        "steps past int, cutn -5, lr nan, cut_pow inf, seed 0x10, size 1e9 (issue: NaN options must be refused)")
    add("png_settings", "ztxt_inflates_16mb.png", png(8, 8, SETTINGS, ztexts=[("clip-atelier:prompts", b"a" * (16 << 20))]),
        "a zTXt prompt deflated from 16 MB")
    add("png_settings", "many_text_chunks.png", png(8, 8, SETTINGS + [("k%d" % i, "v") for i in range(2000)]),
        "2,000 text chunks")
    add("png_settings", "itxt_not_utf8.png", png(8, 8, SETTINGS, itexts=[("clip-atelier:prompts", "\udcff".encode("utf-8", "surrogatepass").decode("latin-1"))]),
        "an iTXt chunk that is not UTF-8")
    add("png_settings", "text_chunk_length_2gb.png",
        png(8, 8)[:33] + struct.pack(">I", 0x7FFFFFFF) + b"tEXt" + b"Software\0CLIP Atelier" + bytes(64),
        "a tEXt chunk declaring 2^31-1 bytes in a 126-byte file (found by fuzz_png_settings: libpng mallocs the declared length)")
    add("png_settings", "truncated.png", png(64, 64, SETTINGS)[:120], "a PNG cut inside its text chunks")
    add("png_settings", "bad_crc.png", png(8, 8, SETTINGS).replace(b"CLIP Atelier", b"CLIP Atelieq"), "a text chunk whose CRC is wrong")
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=HERE, help="the folder to write into (default: this one)")
    ap.add_argument("--list", action="store_true", help="list the files and what they are, write nothing")
    args = ap.parse_args()
    total = 0
    for reader, name, data, what in crafted():
        if len(data) > MAX_BYTES:
            sys.exit("%s/%s is %d bytes, over %d: make it smaller" % (reader, name, len(data), MAX_BYTES))
        total += len(data)
        if args.list:
            print("%-13s %-42s %7d  %s" % (reader, name, len(data), what))
            continue
        os.makedirs(os.path.join(args.out, reader), exist_ok=True)
        with open(os.path.join(args.out, reader, name), "wb") as f:
            f.write(data)
    print("%d bytes in all" % total, file=sys.stderr)


if __name__ == "__main__":
    main()
