"""Push and pull of the same 1 GiB SIF through our server and through distribution, curl as the client of both
(issue 3: push >= 1.5x distribution, pull >= 1.0x), and the loopback ceiling of the HTTP library itself.

Every run starts both servers on empty storage (the same bytes are pushed again each run, and neither server may
skip them as already stored); the order alternates between runs so that neither always goes first."""
from .. import clients, peers
from ..report import Row
from ..stats import median, spread_percent
from ..suite import mib_per_s

COLLECTION, CONTAINER, REPOSITORY = "throughput", "big", "throughput/big"


def _ours(s, payload, run):
    server = peers.OurServer(s.bin_dir, peers.fresh_dir(s.path("tp-ours")), s.log_dir).start()
    try:
        client = clients.LibraryClient(server.url, server.token)
        s.prepare_read(payload.path)
        push = client.push(payload.path, payload.sha256, payload.size, COLLECTION, CONTAINER, f"r{run}")
        s.settle()
        if s.cold:
            s.prepare_read()
        pull = client.pull(COLLECTION, CONTAINER, f"r{run}")
        return push, pull
    finally:
        server.stop()


def _distribution(s, payload, run):
    server = peers.Distribution(peers.fresh_dir(s.path("tp-distribution")), s.log_dir).start()
    try:
        client = clients.DistributionClient(server.url)
        s.prepare_read(payload.path)
        push = client.push(payload.path, payload.sha256, payload.size, REPOSITORY, f"r{run}")
        s.settle()
        if s.cold:
            s.prepare_read()
        pull = client.pull(REPOSITORY, f"r{run}")
        return push, pull
    finally:
        server.stop()


def _ceiling(s, payload):
    server = peers.StaticServer(s.bin_dir, payload.path, s.log_dir).start()
    try:
        pulls, pushes = [], []
        for _ in range(s.runs):
            s.prepare_read(payload.path)
            pulls.append(clients.curl("GET", server.url + "/file", output="/dev/null").seconds)
            pushes.append(clients.curl("PUT", server.url + "/sink", upload=payload.path,
                                       content_type="application/octet-stream").seconds)
        return pushes, pulls
    finally:
        server.stop()


def run(s):
    payload = s.payload("throughput", s.sizes.throughput, seed=1)
    size = payload.size
    times = {"ours_push": [], "ours_pull": [], "dist_push": [], "dist_pull": []}
    for run in range(s.runs):
        contenders = [("ours", _ours), ("dist", _distribution)]
        if run % 2:
            contenders.reverse()
        for name, measure in contenders:
            push, pull = measure(s, payload, run)
            times[f"{name}_push"].append(push)
            times[f"{name}_pull"].append(pull)
            s.settle()
    ceiling_push, ceiling_pull = _ceiling(s, payload)
    rates = {k: [mib_per_s(size, t) for t in v] for k, v in times.items()}
    rates["ceiling_push"] = [mib_per_s(size, t) for t in ceiling_push]
    rates["ceiling_pull"] = [mib_per_s(size, t) for t in ceiling_pull]
    s.details["throughput"] = {"bytes": size, "mib_per_s": rates}
    m = {k: median(v) for k, v in rates.items()}
    label = f"{size / 2**30:.0f} GiB" if size >= 2**30 else f"{size / 2**20:.0f} MiB"

    def compare(measure, ours, peer, peer_name, target, note=""):
        ratio = m[ours] / m[peer]
        return Row(measure=measure, ours=m[ours], peer=m[peer], unit="MiB/s", peer_name=peer_name, ratio=ratio,
                   target=f">= {target:.1f}x" if target else "report",
                   status=("pass" if ratio >= target else "fail") if target else "info", note=note,
                   runs=[rates[ours], rates[peer]],
                   spread=f"ours ±{spread_percent(rates[ours]) / 2:.0f}%, peer ±{spread_percent(rates[peer]) / 2:.0f}%")

    return [
        compare(f"push {label} (library API vs registry v2, curl)", "ours_push", "dist_push", "distribution",
                1.5, "whole push sequence, curl request times summed; server fsyncs included"),
        compare(f"pull {label} (curl to /dev/null)", "ours_pull", "dist_pull", "distribution", 1.0,
                "ours: one GET by tag; distribution: manifest by tag, then the blob"),
        compare(f"push {label} vs loopback upload ceiling", "ours_push", "ceiling_push", "cpp-httplib sink", None,
                "ceiling: curl PUT to a cpp-httplib handler that discards the body"),
        compare(f"pull {label} vs loopback download ceiling", "ours_pull", "ceiling_pull", "cpp-httplib file", None,
                "ceiling: curl GET of the same file served by cpp-httplib in 1 MiB slices"),
    ]
