"""Issue 2: `sregistry-server push` of a 1 GiB SIF from local disk vs `cp` + `sync` of the same file to the same
disk (>= 0.8x), and `sregistry-server verify` vs `openssl dgst -sha256` of the stored blob (>= 0.9x).

cp's copy is made durable with `sync FILE` (fsync of that file), the same durability our push gives its blob;
a bare `sync` would also bill cp for whatever else this shared machine has dirty. Times are wall clock of the
whole command, process start included, for both."""
import glob
import os
import shutil
import subprocess
import time

from .. import peers, procs
from ..report import Row
from ..stats import median, spread_percent
from ..suite import mib_per_s


def _timed(args, **kw):
    start = time.perf_counter()
    procs.run(args, **kw)
    return time.perf_counter() - start


def run(s):
    payload = s.payload("throughput", s.sizes.throughput, seed=1)
    exe = s.exe("sregistry-server")
    data = s.path("cli-registry")
    copy_dir = peers.fresh_dir(s.path("cli-cp"))
    copy = os.path.join(copy_dir, "copy.sif")
    push_times, cp_times = [], []
    for run in range(s.runs):
        steps = ["ours", "cp"] if run % 2 == 0 else ["cp", "ours"]
        for step in steps:
            if step == "ours":
                peers.fresh_dir(data)
                s.prepare_read(payload.path)
                push_times.append(_timed([exe, "--data", data, "push", payload.path, f"bench/cli:r{run}"]))
            else:
                if os.path.exists(copy):
                    os.remove(copy)
                s.prepare_read(payload.path)
                cp_times.append(_timed(["sh", "-c", 'cp "$1" "$2" && sync "$2"', "cp+sync", payload.path, copy]))
            s.settle()
    os.remove(copy)

    blobs = [p for p in glob.glob(os.path.join(data, "**", payload.sha256), recursive=True) if os.path.isfile(p)]
    if not blobs:
        raise RuntimeError(f"no blob named {payload.sha256} under {data}")
    blob = blobs[0]
    verify_times, dgst_times = [], []
    for run in range(s.runs):
        steps = ["ours", "openssl"] if run % 2 == 0 else ["openssl", "ours"]
        for step in steps:
            s.prepare_read(blob)
            if step == "ours":
                verify_times.append(_timed([exe, "--data", data, "verify"]))
            else:
                dgst_times.append(_timed(["openssl", "dgst", "-sha256", blob]))

    size = payload.size
    rates = {"cli_push": [mib_per_s(size, t) for t in push_times], "cp_sync": [mib_per_s(size, t) for t in cp_times],
             "verify": [mib_per_s(size, t) for t in verify_times],
             "openssl_dgst": [mib_per_s(size, t) for t in dgst_times]}
    s.details["cli"] = {"bytes": size, "mib_per_s": rates}
    label = f"{size / 2**30:.0f} GiB" if size >= 2**30 else f"{size / 2**20:.0f} MiB"

    def row(measure, ours, peer, peer_name, target, note):
        a, b = median(rates[ours]), median(rates[peer])
        return Row(measure=measure, ours=a, peer=b, unit="MiB/s", peer_name=peer_name, ratio=a / b,
                   target=f">= {target:.1f}x", status="pass" if a / b >= target else "fail", note=note,
                   runs=[rates[ours], rates[peer]],
                   spread=f"ours ±{spread_percent(rates[ours]) / 2:.0f}%, peer ±{spread_percent(rates[peer]) / 2:.0f}%")

    return [
        row(f"CLI push {label} from local disk", "cli_push", "cp_sync", "cp + sync", 0.8,
            "sregistry-server push (open, hash, parse, store, fdatasync, record) vs cp + sync FILE"),
        row(f"verify ({label} registry)", "verify", "openssl_dgst", "openssl dgst -sha256", 0.9,
            "sregistry-server verify re-hashes every blob; openssl hashes the same stored file"),
    ]
