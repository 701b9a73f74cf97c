"""Issue 3: 32 concurrent pulls of a 64 MiB image all complete and verify (each stream piped through
`openssl dgst -sha256` and compared with the pushed digest). distribution serves the same 32 pulls for
comparison of the aggregate throughput."""
import subprocess
import time

from .. import clients, peers
from ..report import Row
from ..stats import median, spread_percent
from ..suite import mib_per_s


def _pull_all(url, count, sha256, token=None):
    """Starts count `curl | openssl dgst` pipelines at once; returns (seconds, verified)."""
    auth = f"-H 'Authorization: Bearer {token}'" if token else ""
    command = f"set -o pipefail; curl -sS --fail -L {auth} '{url}' | openssl dgst -sha256 -r"
    start = time.perf_counter()
    pipelines = [subprocess.Popen(["bash", "-c", command], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for _ in range(count)]
    verified = 0
    for pipeline in pipelines:
        out, _ = pipeline.communicate()
        if pipeline.returncode == 0 and out.split() and out.split()[0] == sha256:
            verified += 1
    return time.perf_counter() - start, verified


def run(s):
    count = s.sizes.concurrent_count
    payload = s.payload("concurrent", s.sizes.concurrent_size, seed=3)
    results = {}
    ours = peers.OurServer(s.bin_dir, peers.fresh_dir(s.path("cc-ours")), s.log_dir).start()
    dist = peers.Distribution(peers.fresh_dir(s.path("cc-distribution")), s.log_dir).start()
    try:
        library = clients.LibraryClient(ours.url, ours.token)
        library.push(payload.path, payload.sha256, payload.size, "concurrent", "img", "v1")
        registry = clients.DistributionClient(dist.url)
        registry.push(payload.path, payload.sha256, payload.size, "concurrent/img", "v1")
        urls = {"ours": (library.pull_url("concurrent", "img", "v1"), ours.token),
                "dist": (registry.blob_url("concurrent/img", payload.sha256), None)}
        for run in range(s.runs):
            for name in (["ours", "dist"] if run % 2 == 0 else ["dist", "ours"]):
                s.prepare_read()  # cold mode drops caches; warm: the blobs were just written
                seconds, verified = _pull_all(urls[name][0], count, payload.sha256, urls[name][1])
                results.setdefault(name, []).append((seconds, verified))
    finally:
        ours.stop()
        dist.stop()
    total = payload.size * count
    rates = {k: [mib_per_s(total, t) for t, _ in v] for k, v in results.items()}
    verified = {k: [n for _, n in v] for k, v in results.items()}
    s.details["concurrent"] = {"pulls": count, "bytes_each": payload.size, "aggregate_mib_per_s": rates,
                               "verified": verified}
    all_ok = all(n == count for n in verified["ours"])
    a, b = median(rates["ours"]), median(rates["dist"])
    return [Row(measure=f"{count} concurrent pulls of {payload.size // 2**20} MiB, all verified",
                ours=a, peer=b, unit="MiB/s", peer_name="distribution", ratio=a / b,
                ours_text=f"{min(verified['ours'])}/{count} ok, {a:,.0f} MiB/s",
                peer_text=f"{min(verified['dist'])}/{count} ok, {b:,.0f} MiB/s (distribution)",
                target=f"{count}/{count} verified", status="pass" if all_ok else "fail",
                note="aggregate throughput of the batch, streams hashed as they arrive (2 cores also hash)",
                runs=[rates["ours"], rates["dist"]],
                spread=f"ours ±{spread_percent(rates['ours']) / 2:.0f}%, peer ±{spread_percent(rates['dist']) / 2:.0f}%")]
