"""S3 backend (issue 6): push and pull of a 1 GiB image through our server on the S3 backend vs Debian's awscli
`s3 cp` of the same file to and from the same S3 server, >= 0.9x both ways. The measuring program is the storage
engineer's `bench-storage-s3` (tests/bench/storage); this module gives it an S3 server and files its figures.

The S3 server: $S3_ENDPOINT (with S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION) when set; else whatever already
listens on 127.0.0.1:18080 (a Swift test server someone started: reused, never restarted); else the shared
`swift-test-server.sh` is started on it (Debian's OpenStack Swift with s3api, ~15 s) and stopped afterwards.
Debian's awscli is installed with apt when /usr/bin/aws is missing."""
import json
import os
import shutil
import socket
import subprocess

from .. import procs
from ..report import Row

PROGRAM = "bench-storage-s3"
TARGET = 0.9
SWIFT_S3 = {"S3_ENDPOINT": "http://127.0.0.1:18080", "S3_ACCESS_KEY": "test:tester", "S3_SECRET_KEY": "testing",
            "S3_REGION": "us-east-1"}


def _listening(port):
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _swift_script(s):
    for base in (os.environ.get("SREG_SHARED_DIR"), os.path.join(s.source_dir, "..", "shared"), "/work/shared"):
        if base and os.path.exists(os.path.join(base, "tools", "swift-test-server.sh")):
            return os.path.join(base, "tools", "swift-test-server.sh")
    return None


def _ensure_awscli():
    if os.path.exists("/usr/bin/aws") or os.geteuid() != 0:
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "awscli"], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run(s):
    program = s.exe(PROGRAM)
    if not os.path.exists(program):
        return [Row(measure="S3 backend push/pull vs awscli s3 cp", target=f">= {TARGET}x", status="skipped",
                    note=f"{PROGRAM} (tests/bench/storage) is not built: the S3 backend has not landed yet")]
    _ensure_awscli()
    env = dict(os.environ)
    started_swift = None
    if not env.get("S3_ENDPOINT"):
        env.update(SWIFT_S3)
        if not _listening(18080):
            started_swift = _swift_script(s)
            if not started_swift:
                return [Row(measure="S3 backend push/pull vs awscli s3 cp", status="skipped",
                            note="no S3 server: set S3_ENDPOINT or provide ../shared/tools/swift-test-server.sh")]
            procs.run(["bash", started_swift, "start"], timeout=300,
                      env=dict(os.environ, SWIFT_CI_DIR=s.path("swift")))
    try:
        out = procs.run([program, "--size-mib", str(s.sizes.throughput // 2**20), "--rounds", str(min(s.runs, 2)),
                         "--work", s.work_dir], env=env, timeout=1800).stdout
    finally:
        if started_swift:
            procs.run(["bash", started_swift, "stop"], check=False, env=dict(os.environ, SWIFT_CI_DIR=s.path("swift")))
    result = json.loads([line for line in out.splitlines() if line.strip().startswith("{")][-1])
    s.details["s3"] = result
    rows = []
    for direction, ours_key, peer_key in (("push", "serverPushMiBps", "awscliUploadMiBps"),
                                          ("pull", "serverPullMiBps", "awscliDownloadMiBps")):
        ours, peer = result.get(ours_key), result.get(peer_key)
        if not isinstance(ours, (int, float)) or not isinstance(peer, (int, float)) or not peer:
            rows.append(Row(measure=f"S3 backend {direction}", status="error",
                            note=f"unexpected output of {PROGRAM}: {json.dumps(result)[:300]}"))
            continue
        ratio = ours / peer
        size = result.get("sizeBytes", s.sizes.throughput)
        rows.append(Row(measure=f"S3 backend {direction} {size / 2**20:.0f} MiB vs awscli s3 cp", ours=ours,
                        peer=peer, unit="MiB/s", peer_name="awscli", ratio=ratio, target=f">= {TARGET}x",
                        status="pass" if ratio >= TARGET else "fail",
                        note=f"measured by {PROGRAM}: best of {result.get('rounds', s.runs)} alternating rounds, "
                             f"same Swift s3api server on loopback"))
    return rows
