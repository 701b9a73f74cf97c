"""Mirroring (issue 5): a collection of 20 images totalling 2 GiB copied between two local servers must reach
80 % of the single-stream pull throughput measured in the same run.

The remote engineer's `bench-remote-mirror` (tests/bench/remote) measures it when built: the mirror through the
CLI and server to server, and single-stream curl pulls of the same images in the same run, to /dev/null and
into fsynced files. Otherwise this module times `sregistry-server mirror` itself against the throughput
measure's pull; and the row is pending while neither exists."""
import json
import os
import subprocess
import time

from .. import peers, procs
from ..report import Row
from ..suite import mib_per_s


def available(s):
    result = subprocess.run([s.exe("sregistry-server"), "mirror", "--help"], capture_output=True, text=True)
    return result.returncode == 0 and "mirror" in (result.stdout + result.stderr).lower()


def _program_rows(s, program):
    out = procs.run([program, "--images", str(s.sizes.mirror_images),
                     "--total-mib", str(s.sizes.mirror_total // 2**20), "--work", s.work_dir], timeout=1800).stdout
    result = json.loads([line for line in out.splitlines() if line.strip().startswith("{")][-1])
    s.details["mirror"] = result
    target = result.get("target", 0.8)
    gib = result.get("bytes", s.sizes.mirror_total) / 2**30
    pull, to_disk = result.get("pull_mib_s"), result.get("pull_to_disk_mib_s")
    rows = []
    for key, how in (("mirror_mib_s", "sregistry-server mirror (CLI)"), ("servers_mirror_mib_s", "server to server")):
        rate = result.get(key)
        if not isinstance(rate, (int, float)) or not pull:
            continue
        ratio = rate / pull
        note = f"measured by bench-remote-mirror, {result.get('jobs', '?')} images at once"
        if to_disk:
            note += f"; single-stream pull into fsynced files: {to_disk:,.0f} MiB/s ({rate / to_disk:.2f}x of it)"
        rows.append(Row(measure=f"mirror {result.get('images', '?')} images / {gib:.1f} GiB, {how}", ours=rate,
                        peer=pull, unit="MiB/s", peer_name="single-stream pull", ratio=ratio, target=f">= {target}x",
                        status="pass" if ratio >= target else "fail", note=note))
    return rows or [Row(measure="mirror", status="error", note=f"unexpected output: {json.dumps(result)[:300]}")]


def run(s, single_stream_mib_s):
    program = s.exe("bench-remote-mirror")
    if os.path.exists(program):
        return _program_rows(s, program)
    if not available(s):
        return [Row(measure="mirror 20 images / 2 GiB between two servers vs single-stream pull",
                    target=">= 0.8x", status="pending",
                    note="`sregistry-server mirror` does not exist yet (issue 5)")]
    count, each = s.sizes.mirror_images, s.sizes.mirror_total // s.sizes.mirror_images
    source_dir = peers.fresh_dir(s.path("mirror-source"))
    exe = s.exe("sregistry-server")
    total = 0
    for i in range(count):
        payload = s.payload(f"mirror-{i}", each, seed=100 + i)
        procs.run([exe, "--data", source_dir, "push", payload.path, f"mirrored/img{i}:v1"])
        total += payload.size
        s.drop(f"mirror-{i}")
    source = peers.OurServer(s.bin_dir, source_dir, s.log_dir, name="mirror-source").start()
    try:
        token_file = s.path("mirror-token")
        with open(token_file, "w") as f:
            f.write(source.token)
        os.chmod(token_file, 0o600)
        dest = peers.fresh_dir(s.path("mirror-dest"))
        s.settle()
        start = time.perf_counter()
        procs.run([exe, "--data", dest, "mirror", source.url, "mirrored", "--token-file", token_file],
                  timeout=3600)
        seconds = time.perf_counter() - start
    finally:
        source.stop()
    rate = mib_per_s(total, seconds)
    ratio = rate / single_stream_mib_s if single_stream_mib_s else None
    s.details["mirror"] = {"images": count, "bytes": total, "seconds": seconds, "mib_per_s": rate}
    return [Row(measure=f"mirror {count} images / {total / 2**30:.1f} GiB between two servers", ours=rate,
                peer=single_stream_mib_s, unit="MiB/s", peer_name="single-stream pull", ratio=ratio,
                target=">= 0.8x", status="pass" if ratio and ratio >= 0.8 else "fail",
                note="timed: `sregistry-server mirror` into an empty registry; one run")]
