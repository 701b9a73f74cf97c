"""Issue 3: the server's peak resident memory while it receives a 2 GiB upload stays under 100 MiB.

VmRSS is sampled every 10 ms during the push and VmHWM (the kernel's own high-water mark over the process's
life, start-up included) read before the server stops; the larger is reported. distribution is watched the same
way for comparison (it has no target)."""
import threading

from .. import clients, peers, procs
from ..report import Row

LIMIT_MIB = 100


class _Watcher(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak_kib, self.stopping = pid, 0, threading.Event()

    def run(self):
        while not self.stopping.wait(0.01):
            self.peak_kib = max(self.peak_kib, procs.status_kib(self.pid, "VmRSS") or 0)

    def finish(self):
        self.stopping.set()
        self.join()
        return max(self.peak_kib, procs.status_kib(self.pid, "VmHWM") or 0) / 1024


def _watch(server, push):
    watcher = _Watcher(server.pid)
    watcher.start()
    try:
        push()
    finally:
        peak = watcher.finish()
    return peak


def run(s):
    payload = s.payload("rss", s.sizes.rss, seed=2)
    ours = peers.OurServer(s.bin_dir, peers.fresh_dir(s.path("rss-ours")), s.log_dir).start()
    try:
        client = clients.LibraryClient(ours.url, ours.token)
        s.prepare_read(payload.path)
        ours_peak = _watch(ours, lambda: client.push(payload.path, payload.sha256, payload.size, "rss", "big", "v1"))
    finally:
        ours.stop()
    s.settle()
    dist = peers.Distribution(peers.fresh_dir(s.path("rss-distribution")), s.log_dir).start()
    try:
        client = clients.DistributionClient(dist.url)
        s.prepare_read(payload.path)
        dist_peak = _watch(dist, lambda: client.push(payload.path, payload.sha256, payload.size, "rss/big", "v1"))
    finally:
        dist.stop()
    s.settle()
    s.drop("rss")
    s.details["rss"] = {"bytes": payload.size, "ours_peak_mib": ours_peak, "distribution_peak_mib": dist_peak}
    label = f"{payload.size / 2**30:.0f} GiB" if payload.size >= 2**30 else f"{payload.size / 2**20:.0f} MiB"
    return [Row(measure=f"server peak RSS during a {label} upload", ours=ours_peak, peer=LIMIT_MIB, unit="MiB",
                peer_name="limit", ratio=ours_peak / LIMIT_MIB, ratio_text=f"{ours_peak / LIMIT_MIB:.2f} of limit",
                target=f"< {LIMIT_MIB} MiB", status="pass" if ours_peak < LIMIT_MIB else "fail",
                note=f"max of VmRSS polled every 10 ms and VmHWM; distribution peaked at {dist_peak:.0f} MiB "
                     f"on the same upload; one run each",
                runs=[[ours_peak], [dist_peak]])]
