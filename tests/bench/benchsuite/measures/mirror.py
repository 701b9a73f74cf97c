"""Mirroring (issue 5): a collection of 20 images totalling 2 GiB copied between two local servers must reach
80 % of the single-stream pull throughput measured in the same run. Pending until `sregistry-server mirror`
exists (the remote-registries issue).

When it exists: a source server holds the 20 images (pushed through the CLI, untimed); the timed part is
`sregistry-server --data DEST mirror SOURCE_URL COLLECTION --token-file F` into an empty registry."""
import os
import subprocess
import time

from .. import peers, procs
from ..report import Row
from ..suite import mib_per_s


def available(s):
    result = subprocess.run([s.exe("sregistry-server"), "mirror", "--help"], capture_output=True, text=True)
    return result.returncode == 0 and "mirror" in (result.stdout + result.stderr).lower()


def run(s, single_stream_mib_s):
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
