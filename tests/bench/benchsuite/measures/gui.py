"""GUI start (issue 4): time to the first painted window and to a populated table with 1 000 and 100 000 images,
by `gui-startup-bench` (tests/bench/gui, another engineer's program) on the registries the metadata measure made.
The 100 000 / 1 000 ratio must stay under 2x. Until the program exists the rows are marked pending.

Contract relied on: `gui-startup-bench --data DIR` prints one JSON line on stdout whose numeric fields include the
time to the first window and to the populated table (names containing "window" and "table"/"populated", in ms)."""
import json
import os

from .. import procs
from ..report import Row

PROGRAM = "gui-startup-bench"


def available(s):
    return os.path.exists(s.exe(PROGRAM))


def measure(s, data_dir):
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    out = procs.run([s.exe(PROGRAM), "--data", data_dir], env=env, timeout=600).stdout
    lines = [line for line in out.splitlines() if line.strip().startswith("{")]
    return json.loads(lines[-1])


def _pick(result, *words):
    for key, value in result.items():
        if isinstance(value, (int, float)) and any(w in key.lower() for w in words):
            return key, float(value)
    return None, None


def rows(s, results):
    """results: {images: json} for the sizes measured (empty when the program is missing)."""
    small, large = s.sizes.gui
    if not results:
        source = os.path.join(s.source_dir, "tests", "bench", "gui", "CMakeLists.txt")
        why = (f"{PROGRAM} is not built in {os.path.dirname(s.bin_dir)}: it needs a BUILD_GUI=ON build"
               if os.path.exists(source) else f"{PROGRAM} (tests/bench/gui) does not exist yet")
        return [Row(measure=f"GUI start to populated table, {large:,} vs {small:,} images", target="< 2x",
                    status="pending", note=why)]
    out = []
    for words, what in ((("window", "paint", "shown"), "first window"), (("table", "populated"), "populated table")):
        key, a = _pick(results.get(large, {}), *words)
        _, b = _pick(results.get(small, {}), *words)
        if a is None or b is None:
            out.append(Row(measure=f"GUI start to {what}", status="error",
                           note=f"no field for '{what}' in {PROGRAM}'s output: {json.dumps(results)[:300]}"))
            continue
        ratio = a / b if b else None
        out.append(Row(measure=f"GUI start to {what}, {large:,} vs {small:,} images", ours=a, peer=b, unit="ms",
                       peer_name=f"{small:,} images", ratio=ratio, target="< 2x",
                       status="pass" if ratio is not None and ratio < 2 else "fail",
                       note=f"{PROGRAM} field '{key}'"))
    return out
