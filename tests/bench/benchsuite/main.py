"""tests/bench/run: builds, starts every peer on loopback, runs each measure, prints one table and writes it as
JSON, Markdown and a PNG chart into a results folder it names. See tests/bench/README.md."""
import argparse
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

from . import build, machine, procs, report, suite
from .measures import cli, concurrent, latency, metadata, mirror, rss, s3, throughput

MEASURES = ["throughput", "cli", "rss", "concurrent", "latency", "metadata", "mirror", "s3"]


def parse(argv, source_dir):
    p = argparse.ArgumentParser(prog="tests/bench/run", description=__doc__)
    p.add_argument("--quick", action="store_true", help="small sizes, 2 runs: under two minutes, for development")
    p.add_argument("--runs", type=int, help="runs of each measure (default 3; --quick 2); the median is reported")
    p.add_argument("--cold", action="store_true",
                   help="drop the page cache (echo 3 > /proc/sys/vm/drop_caches, root only) before every timed "
                        "run of every contender; default: warm (inputs read into the cache first)")
    p.add_argument("--build-dir", default=os.environ.get("SREG_BENCH_BUILD_DIR", os.path.join(source_dir, "build")),
                   help="build folder (default: build/, or $SREG_BENCH_BUILD_DIR)")
    p.add_argument("--no-build", action="store_true", help="use the programs already in the build folder")
    p.add_argument("--results", help="results folder (default: <build>/bench-results/<date-time>)")
    p.add_argument("--only", help="comma-separated subset of: " + ",".join(MEASURES))
    p.add_argument("--work-dir", help="where payloads and registries go (default: a temporary folder under "
                                      "$TMPDIR, removed at the end); it must be on the disk you mean to measure")
    p.add_argument("--keep-work", action="store_true", help="do not delete the work folder")
    return p.parse_args(argv)


def ensure_peer_tools():
    """Installs Debian's docker-registry when missing (root + apt), the one peer not always present, and eatmydata
    (optional: it speeds up building the 100 000-image registry, which is set-up, not a measure)."""
    missing = [t for t in ("curl", "openssl") if not shutil.which(t)]
    if missing:
        raise SystemExit(f"missing tools: {' '.join(missing)} (apt-get install {' '.join(missing)})")
    if not os.path.exists("/usr/bin/docker-registry"):
        if os.geteuid() != 0 or not shutil.which("apt-get"):
            raise SystemExit("docker-registry is missing: apt-get install docker-registry")
        print("installing docker-registry (distribution 2.8) with apt-get ...", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        if subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "docker-registry"], env=env,
                          stdout=subprocess.DEVNULL).returncode != 0:
            subprocess.run(["apt-get", "update"], env=env, stdout=subprocess.DEVNULL, check=True)
            subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "docker-registry"], env=env,
                           stdout=subprocess.DEVNULL, check=True)
    if not shutil.which("eatmydata") and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "eatmydata"],
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"), stdout=subprocess.DEVNULL)


def main(argv):
    source_dir = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
    args = parse(argv, source_dir)
    selected = args.only.split(",") if args.only else MEASURES
    unknown = [m for m in selected if m not in MEASURES]
    if unknown:
        raise SystemExit(f"unknown measure(s): {', '.join(unknown)}; choose from {', '.join(MEASURES)}")
    if args.cold and not suite.can_drop_caches():
        raise SystemExit("--cold needs root (writes /proc/sys/vm/drop_caches)")
    procs.install_cleanup()
    started = time.monotonic()
    ensure_peer_tools()

    build_dir = os.path.abspath(args.build_dir)
    build_type = build.cache_value(build_dir, "CMAKE_BUILD_TYPE") or "?"
    if not args.no_build:
        build_type = build.ensure_built(source_dir, build_dir)
    bin_dir = os.path.join(build_dir, "bin")

    now = datetime.datetime.now()
    results_dir = args.results or os.path.join(build_dir, "bench-results", now.strftime("%Y-%m-%d_%H%M%S"))
    work_dir = args.work_dir or tempfile.mkdtemp(prefix="sreg-bench-")
    os.makedirs(work_dir, exist_ok=True)
    log_dir = os.path.join(results_dir, "logs")
    os.makedirs(log_dir, exist_ok=True)
    sizes = suite.QUICK if args.quick else suite.DEFAULT
    runs = args.runs or (2 if args.quick else 3)
    s = suite.Suite(bin_dir, work_dir, log_dir, sizes, runs, args.cold, args.quick)
    s.source_dir = source_dir
    s.growth_lines = []
    info = machine.describe(work_dir)
    cache = ("cold: page cache dropped before every timed run of every contender" if args.cold
             else "warm: inputs read into the page cache before every timed run of every contender")
    print(f"\nbenchmark suite, {'quick' if args.quick else 'default'} sizes, {runs} runs each, {cache}")
    print(f"machine: {info['summary']}")
    print(f"peers: {suite_peers()}\nwork folder: {work_dir}\n", flush=True)

    rows = []
    try:
        run_measures(s, selected, rows, started)
        meta = {"date": now.strftime("%Y-%m-%d %H:%M"), "machine": info, "mode": "quick" if args.quick else "default",
                "cache": "cold" if args.cold else "warm", "runs": runs, "build_type": build_type,
                "peers": suite_peers(), "duration_s": round(time.monotonic() - started),
                "command": "tests/bench/run " + " ".join(argv)}
        paths = report.write(results_dir, rows, meta, s.details, os.path.join(bin_dir, "bench-chart"))
        print_summary(s, rows, meta, info, paths)
    finally:
        procs.stop_all()
        if not args.keep_work and not args.work_dir:
            shutil.rmtree(work_dir, ignore_errors=True)
    return 1 if any(r.status in ("fail", "error") for r in rows) else 0


def run_measures(s, selected, rows, started):
    for name in selected:
        t0 = time.monotonic()
        print(f"[{time.monotonic() - started:6.0f}s] {name} ...", flush=True)
        try:
            if name == "mirror":
                single = s.details.get("throughput", {}).get("mib_per_s", {}).get("ours_pull") or [None]
                got = mirror.run(s, sorted(single)[len(single) // 2] if single[0] else None)
            else:
                got = globals()[name].run(s)
        except Exception as error:  # one broken measure must not hide the others
            traceback.print_exc()
            got = [report.Row(measure=name, status="error", note=str(error)[:400])]
        finally:
            procs.stop_all()
            # The 1 GiB payload serves throughput and cli; nothing else outlives its measure.
            s.clean(keep_payloads=("throughput",) if name == "throughput" else ())
        rows += [report.finish(r) for r in got]
        for r in got:
            print(f"           {r.measure}: {r.ours_text} vs {r.peer_text} -> {r.status}", flush=True)
        print(f"           ({time.monotonic() - t0:.0f} s)", flush=True)


def print_summary(s, rows, meta, info, paths):
    print()
    print(f"Singularity Registry Desktop benchmark — {meta['date']}, {meta['mode']} sizes, {meta['runs']} runs per "
          f"measure (median), cache {meta['cache']}, build {meta['build_type']}")
    print(f"machine: {info['summary']}")
    print()
    print("\n".join(report.table_lines(rows)))
    if s.growth_lines:
        print("\nmetadata cost growth:")
        print("\n".join("  " + line for line in s.growth_lines))
    notes = [r for r in rows if r.note or r.spread]
    if notes:
        print("\nnotes:")
        for r in notes:
            extra = f" [spread {r.spread}]" if r.spread else ""
            print(f"  - {r.measure}: {r.note}{extra}")
    print(f"\ntook {meta['duration_s']} s")
    for kind in ("json", "markdown", "png"):
        print(f"{kind:>9}: {paths[kind]}")


def suite_peers():
    from .peers import Distribution
    return f"{Distribution.version() or 'docker-registry (not installed)'}, curl, openssl, cp + sync"
