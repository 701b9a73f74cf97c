"""Small-image push latency (issue 7): 200 pushes of different 1 MiB SIFs, p50 and p99 of a whole push, over one
keep-alive connection (bench-push-latency, C++ for timer precision). Ours is pushed as the Go library client
does (13 requests); distribution as docker does (HEAD, POST, PUT per blob, then the manifest). No target is set
by the issues: the figures are reported, with distribution's beside them."""
import json

from .. import peers, procs
from ..report import Row


def _measure(s, url, mode, token=None):
    args = [s.exe("bench-push-latency"), "--mode", mode, "--url", url, "--count", str(s.sizes.latency_count),
            "--size", str(s.sizes.latency_size)]
    if token:
        args += ["--token", token]
    return json.loads(procs.run(args).stdout.strip().splitlines()[-1])


def run(s):
    ours = peers.OurServer(s.bin_dir, peers.fresh_dir(s.path("lat-ours")), s.log_dir).start()
    try:
        mine = _measure(s, ours.url, "library", ours.token)
        mine_ping = _measure(s, ours.url, "ping-library", ours.token)
    finally:
        ours.stop()
    s.settle()
    dist = peers.Distribution(peers.fresh_dir(s.path("lat-distribution")), s.log_dir).start()
    try:
        theirs = _measure(s, dist.url, "distribution")
        theirs_ping = _measure(s, dist.url, "ping-distribution")
    finally:
        dist.stop()
    s.details["latency"] = {"ours": mine, "distribution": theirs, "ours_ping": mine_ping,
                            "distribution_ping": theirs_ping}
    count, size = s.sizes.latency_count, s.sizes.latency_size // 2**20
    rows = []
    for p in ("p50", "p99"):
        a, b = mine[f"{p}_ms"], theirs[f"{p}_ms"]
        rows.append(Row(measure=f"push latency {p}, {size} MiB image ({count} pushes)", ours=a, peer=b, unit="ms",
                        peer_name="distribution", ratio=a / b, ratio_text=f"{a / b:.2f}x peer's time",
                        target="report", status="info",
                        note=(f"ours min {mine['min_ms']:.1f} / max {mine['max_ms']:.1f} ms, distribution min "
                              f"{theirs['min_ms']:.1f} / max {theirs['max_ms']:.1f} ms; whole push, client hashes "
                              f"made beforehand") if p == "p50" else ""))
    a, b = mine_ping["p50_ms"], theirs_ping["p50_ms"]
    rows.append(Row(measure="request round trip on a kept-alive connection (bodiless GET), p50", ours=a, peer=b,
                    unit="ms", peer_name="distribution", ratio=a / b, ratio_text=f"{a / b:.1f}x peer's time",
                    target="report", status="info",
                    note="GET /version vs GET /v2/: the floor under each of a push's requests. ~40 ms means the "
                         "server sends headers and body in two writes without TCP_NODELAY, and Nagle waits for the "
                         "client's delayed ACK"))
    return rows
