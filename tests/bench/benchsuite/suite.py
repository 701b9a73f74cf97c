"""What every measure shares: where things are, the sizes of this mode, payloads, and the cache conditions."""
import hashlib
import os
import shutil
import subprocess
import time
from dataclasses import dataclass

from . import procs

MiB = 1024 * 1024
GiB = 1024 * MiB


@dataclass
class Sizes:
    throughput: int  # push/pull, CLI push, verify (issue: 1 GiB)
    rss: int  # the upload whose peak RSS is watched (issue: 2 GiB)
    concurrent_count: int  # parallel pulls (issue: 32)
    concurrent_size: int  # of this image (issue: 64 MiB)
    latency_count: int  # small pushes (issue: 200)
    latency_size: int  # each (issue: 1 MiB)
    metadata: tuple  # registry sizes (issue: 1 000, 10 000, 100 000)
    metadata_samples: int  # calls of each kind per size ...
    metadata_seconds: float  # ... or fewer once this time has gone (a linear call would take minutes at 100k)
    gui: tuple  # registry sizes the GUI start is measured with (issue: 1 000 and 100 000)
    mirror_images: int  # issue 5: 20 images ...
    mirror_total: int  # ... totalling 2 GiB
    settle: float  # seconds of quiet after heavy writes (virtual disks throttle after a burst)


DEFAULT = Sizes(throughput=GiB, rss=2 * GiB, concurrent_count=32, concurrent_size=64 * MiB, latency_count=200,
                latency_size=MiB, metadata=(1000, 10000, 100000), metadata_samples=200, metadata_seconds=20,
                gui=(1000, 100000), mirror_images=20, mirror_total=2 * GiB, settle=3.0)
# --quick: the same measures on sizes that keep the whole run under two minutes. Figures are indicative only
# (small transfers are dominated by fixed costs); targets are still checked.
QUICK = Sizes(throughput=128 * MiB, rss=256 * MiB, concurrent_count=32, concurrent_size=8 * MiB, latency_count=40,
              latency_size=MiB, metadata=(300, 1000, 3000), metadata_samples=60, metadata_seconds=3,
              gui=(300, 3000), mirror_images=20, mirror_total=160 * MiB, settle=0.5)


class Payload:
    def __init__(self, path, size, sha256):
        self.path, self.size, self.sha256 = path, size, sha256


class Suite:
    def __init__(self, bin_dir, work_dir, log_dir, sizes, runs, cold, quick):
        self.bin_dir, self.work_dir, self.log_dir = bin_dir, work_dir, log_dir
        self.sizes, self.runs, self.cold, self.quick = sizes, runs, cold, quick
        self.details = {}  # raw figures of every measure, for results.json
        self._payloads = {}

    def exe(self, name):
        return os.path.join(self.bin_dir, name)

    def path(self, *parts):
        return os.path.join(self.work_dir, *parts)

    def payload(self, name, size, seed):
        """A SIF of about `size` bytes made with SifBuilder (the same bytes for every peer), made once."""
        if name not in self._payloads:
            path = self.path(f"{name}.sif")
            procs.run([self.exe("bench-make-sif"), path, str(size), str(seed)])
            digest = hashlib.sha256()
            with open(path, "rb") as f:
                for chunk in iter(lambda: f.read(4 * MiB), b""):
                    digest.update(chunk)
            self._payloads[name] = Payload(path, os.path.getsize(path), digest.hexdigest())
        return self._payloads[name]

    def drop(self, name):
        payload = self._payloads.pop(name, None)
        if payload and os.path.exists(payload.path):
            os.remove(payload.path)

    def clean(self, keep_payloads=()):
        """Between measures: removes every registry and server folder, and the payloads not listed, so that one
        measure's gigabytes neither fill the disk nor crowd the page cache of the next."""
        for name in list(self._payloads):
            if name not in keep_payloads:
                self.drop(name)
        for entry in os.listdir(self.work_dir):
            path = os.path.join(self.work_dir, entry)
            if os.path.isdir(path):
                shutil.rmtree(path, ignore_errors=True)

    # --- conditions -------------------------------------------------------------------------------------------
    def prepare_read(self, *paths):
        """Before a timed run: warm = the files in the page cache; cold = every clean page dropped (root only)."""
        if self.cold:
            subprocess.run(["sync"], check=False)
            with open("/proc/sys/vm/drop_caches", "w") as f:
                f.write("3\n")
        else:
            for path in paths:
                with open(path, "rb") as f:
                    while f.read(8 * MiB):
                        pass

    def settle(self):
        """Lets writeback from the last run finish before the next one starts, so no contender pays for another."""
        subprocess.run(["sync"], check=False)
        time.sleep(self.sizes.settle)


def can_drop_caches():
    return os.geteuid() == 0 and os.access("/proc/sys/vm/drop_caches", os.W_OK)


def mib_per_s(size, seconds):
    return size / MiB / seconds if seconds else 0.0
