"""S3 backend (issue 6): push and pull of a 1 GiB image through our server on the S3 backend vs awscli `s3 cp`
of the same file to and from the same server, >= 0.9x both ways. The measuring program belongs to the storage
engineer (tests/bench/storage); this module only runs it and files its figures. Skipped with a note until it
exists.

Contract relied on: an executable `s3-bench` in the build's bin folder, or `tests/bench/storage/run`, run with
`--size BYTES --runs N --json`, starts (and stops) the S3 server it needs on loopback, and prints one JSON line
whose numeric fields name direction (push/pull) and client (ours/awscli) in MiB/s, e.g.
{"push_ours_mib_s": .., "push_awscli_mib_s": .., "pull_ours_mib_s": .., "pull_awscli_mib_s": ..}."""
import json
import os

from .. import procs
from ..report import Row

TARGET = 0.9


def _program(s):
    for candidate in (s.exe("s3-bench"), os.path.join(s.source_dir, "tests", "bench", "storage", "run")):
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def _field(result, direction, who):
    for key, value in result.items():
        k = key.lower()
        if isinstance(value, (int, float)) and direction in k and any(w in k for w in who):
            return float(value)
    return None


def run(s):
    program = _program(s)
    if not program:
        return [Row(measure="S3 backend push/pull 1 GiB vs awscli s3 cp", target=">= 0.9x", status="skipped",
                    note="the S3 measure program (tests/bench/storage) has not landed yet")]
    out = procs.run([program, "--size", str(s.sizes.throughput), "--runs", str(s.runs), "--json"],
                    timeout=1800).stdout
    result = json.loads([line for line in out.splitlines() if line.strip().startswith("{")][-1])
    s.details["s3"] = result
    rows = []
    for direction in ("push", "pull"):
        ours = _field(result, direction, ("ours", "sreg", "server"))
        peer = _field(result, direction, ("aws",))
        if ours is None or peer is None:
            rows.append(Row(measure=f"S3 backend {direction}", status="error",
                            note=f"unexpected output of {program}: {json.dumps(result)[:300]}"))
            continue
        ratio = ours / peer
        rows.append(Row(measure=f"S3 backend {direction} vs awscli s3 cp", ours=ours, peer=peer, unit="MiB/s",
                        peer_name="awscli", ratio=ratio, target=f">= {TARGET}x",
                        status="pass" if ratio >= TARGET else "fail", note=f"measured by {os.path.basename(program)}"))
    return rows
