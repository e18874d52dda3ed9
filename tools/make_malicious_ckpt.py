#!/usr/bin/python3
"""Writes tests/data/vqgan/malicious.ckpt: a checkpoint laid out as torch.save writes one (a zip
with archive/data.pkl and archive/version), holding a Lightning-shaped dictionary whose
"callbacks" entry, if unpickled by Python, would run os.system("touch /tmp/clip_atelier_pwned").
The engine's restricted unpickler must refuse it with a message naming the global, and the file
must never appear. Plain Python (pickle, zipfile); the output is committed."""
import os
import pickle
import sys
import zipfile


class Payload:
    def __reduce__(self):
        return (os.system, ("touch /tmp/clip_atelier_pwned",))


out = sys.argv[1] if len(sys.argv) > 1 else "tests/data/vqgan/malicious.ckpt"
ckpt = {"epoch": 1, "global_step": 10, "callbacks": {"Evil": Payload()}, "state_dict": {}}
with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
    z.writestr("malicious/data.pkl", pickle.dumps(ckpt, protocol=2))
    z.writestr("malicious/version", "3\n")
print(out)
