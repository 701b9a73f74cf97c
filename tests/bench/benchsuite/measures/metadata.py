"""Metadata at scale (issue 7): API calls on registries of 1 000, 10 000 and 100 000 images, and how their cost
grows. Lookups and paged lists must stay flat or logarithmic (never linear) in the number of images; search is
reported (a substring search may scan). Each call on a new connection (see bench-metadata-queries), so the figure
is the server's own work plus a loopback connect (~0.1 ms), not a delayed-ACK stall.

One registry is grown in place (bench-registry-generator, through the engine library: tiny unique SIFs, 100 per
collection) and measured at each size; the GUI start is measured on it at the GUI sizes."""
import json
import os
import shutil
import tempfile

from .. import peers, procs
from ..report import Row
from ..stats import describe_growth, growth
from . import gui

# (key in bench-metadata-queries' output, label, whether the issue's growth target applies)
CALLS = (
    ("tag_lookup", "tag lookup GET /v1/images/e/c/n:tag", True),
    ("container", "container lookup GET /v1/containers/e/c/n", True),
    ("paged_list", "paged list GET /api/collections/?limit=P&offset=k", True),
    ("search", "search GET /v1/search?value=<collection>", False),
)
MAX_EXPONENT = 0.2  # log growth over 1k..100k is at most x1.67 (N^0.11); linear is N^1
RAM_DISK = "/dev/shm"


def _registry_parent(s):
    """The registry goes to RAM (/dev/shm) when there is room: this measure is of the server's lookup work with a
    warm cache, not of the disk, and 100 000 blob files are then created and removed in seconds (on a disk mounted
    with `discard`, as here, every unlink waits for the device: minutes)."""
    if os.path.isdir(RAM_DISK):
        stat = os.statvfs(RAM_DISK)
        if stat.f_bavail * stat.f_frsize > 4 * 2**30 + s.sizes.metadata[-1] * 20 * 1024:
            return RAM_DISK
    return s.work_dir


def run(s):
    parent = _registry_parent(s)
    data = tempfile.mkdtemp(prefix="sreg-bench-metadata-", dir=parent)
    try:
        return _run(s, data, parent)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def _run(s, data, parent):
    have = 0
    # The same page size at every scale, no larger than the smallest registry's collection count (100 images each).
    page = max(1, min(10, s.sizes.metadata[0] // 100))
    per_size, generation, gui_results = {}, {}, {}
    for n in s.sizes.metadata:
        # Set-up, not measured: eatmydata turns the blob store's fsyncs into no-ops while the registry is built.
        fast = ["eatmydata"] if shutil.which("eatmydata") else []
        made = json.loads(procs.run([*fast, s.exe("bench-registry-generator"), "--data", data, "--images", str(n),
                                     "--from", str(have)], timeout=3600).stdout.strip().splitlines()[-1])
        generation[n] = made["seconds"]
        have = n
        server = peers.OurServer(s.bin_dir, data, s.log_dir, name=f"metadata-{n}").start()
        try:
            out = procs.run([s.exe("bench-metadata-queries"), "--url", server.url, "--token", server.token,
                             "--images", str(n), "--samples", str(s.sizes.metadata_samples),
                             "--fresh-connections", "--page-size", str(page),
                             "--max-seconds", str(s.sizes.metadata_seconds)]).stdout
            per_size[n] = json.loads(out.strip().splitlines()[-1])
        finally:
            server.stop()
        if n in s.sizes.gui and gui.available(s):
            gui_results[n] = gui.measure(s, data)
    sizes = list(s.sizes.metadata)
    fits = {}
    rows = []
    for key, label, targeted in CALLS:
        costs = [per_size[n][key]["p50_ms"] for n in sizes]
        fit = growth(sizes, costs)
        fits[key] = dict(fit, p50_ms=dict(zip(sizes, costs)),
                         p90_ms={n: per_size[n][key]["p90_ms"] for n in sizes})
        ok = fit["exponent"] < MAX_EXPONENT
        rows.append(Row(
            measure=f"{label}, {sizes[-1]:,} vs {sizes[0]:,} images", ours=costs[-1], peer=costs[0], unit="ms",
            peer_name=f"{sizes[0]:,} images", ratio=fit["ratio"],
            ratio_text=f"x{fit['ratio']:.2f}, N^{fit['exponent']:.2f}",
            target=f"flat/log (N^b, b < {MAX_EXPONENT})" if targeted else "report",
            status=("pass" if ok else "fail") if targeted else "info",
            note=f"p50 per call, up to {s.sizes.metadata_samples} random calls ({s.sizes.metadata_seconds} s at most) "
                 f"at each size{f', P={page}' if key == 'paged_list' else ''}: "
                 + ", ".join(f"{n:,}: {c:.2f} ms" for n, c in zip(sizes, costs)) + f"; {describe_growth(fit)}",
            runs=[costs]))
    s.details["metadata"] = {"per_size": per_size, "growth": fits, "generation_seconds": generation,
                             "page_size": page, "registry_in": parent}
    s.growth_lines = growth_table(sizes, fits)
    rows += gui.rows(s, gui_results)
    s.details["gui"] = gui_results
    return rows


def growth_table(sizes, fits):
    head = f"{'call':<58}" + "".join(f"{n:>12,}" for n in sizes) + "   growth fit (p50 per call, ms)"
    lines = [head]
    for key, label, _ in CALLS:
        fit = fits[key]
        lines.append(f"{label:<58}" + "".join(f"{fit['p50_ms'][n]:>12.2f}" for n in sizes)
                     + f"   {describe_growth(fit)}")
    return lines
