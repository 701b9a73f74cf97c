"""The suite's one table: rows filled by the measures, printed, and written as JSON, Markdown and a PNG chart."""
import json
import os
import subprocess
from dataclasses import asdict, dataclass, field


@dataclass
class Row:
    """One measure. status: pass | fail | info (no target) | pending (not built yet) | skipped | error."""
    measure: str
    ours: float = None
    peer: float = None
    unit: str = ""
    peer_name: str = ""
    ratio: float = None
    ratio_text: str = ""
    target: str = ""
    status: str = "info"
    note: str = ""
    ours_text: str = ""
    peer_text: str = ""
    runs: list = field(default_factory=list)  # raw per-run figures, ours and the peer's
    spread: str = ""  # how far apart the runs were


def fmt(value, unit):
    if value is None:
        return "—"
    if unit in ("MiB/s", "MiB"):
        return f"{value:,.0f} {unit}" if value >= 100 else f"{value:.1f} {unit}"
    if unit == "ms":
        return f"{value:.2f} ms" if value < 10 else f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    return f"{value:g} {unit}".strip()


def finish(row):
    """Fills the display fields a measure did not set itself."""
    if not row.ours_text:
        row.ours_text = fmt(row.ours, row.unit)
    if not row.peer_text:
        row.peer_text = (fmt(row.peer, row.unit) + (f" ({row.peer_name})" if row.peer_name else "")
                         if row.peer is not None else (row.peer_name or "—"))
    if not row.ratio_text and row.ratio is not None:
        row.ratio_text = f"{row.ratio:.2f}x"
    return row


def table_lines(rows):
    headers = ["measure", "ours", "peer / limit", "ratio", "target", "result"]
    cells = [[r.measure, r.ours_text, r.peer_text, r.ratio_text or "—", r.target or "—", r.status.upper()]
             for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) if cells else len(h) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(cell, widths)) for cell in cells]
    return out


def markdown(rows, header):
    out = [header, "", "| measure | ours | peer / limit | ratio | target | result |", "|---|---|---|---|---|---|"]
    for r in rows:
        out.append(f"| {r.measure} | {r.ours_text} | {r.peer_text} | {r.ratio_text or '—'} | {r.target or '—'} "
                   f"| {r.status.upper()} |")
    notes = [(r.measure, r.note) for r in rows if r.note]
    if notes:
        out += ["", "Notes:", ""] + [f"- **{m}**: {n}" for m, n in notes]
    return "\n".join(out) + "\n"


def write(results_dir, rows, meta, extra, chart_exe):
    """Writes results.json, table.md, table.txt and chart.png; returns their paths."""
    os.makedirs(results_dir, exist_ok=True)
    paths = {k: os.path.join(results_dir, v) for k, v in
             (("json", "results.json"), ("markdown", "table.md"), ("text", "table.txt"), ("png", "chart.png"))}
    document = dict(meta, rows=[asdict(r) for r in rows], details=extra)
    with open(paths["json"], "w") as f:
        json.dump(document, f, indent=2)
    header = (f"Measured {meta['date']} on {meta['machine']['summary']}; mode {meta['mode']}, "
              f"cache {meta['cache']}, build {meta['build_type']}, {meta['runs']} runs per measure (median shown).")
    with open(paths["markdown"], "w") as f:
        f.write(markdown(rows, header))
    with open(paths["text"], "w") as f:
        f.write(header + "\n\n" + "\n".join(table_lines(rows)) + "\n")
    if chart_exe and os.path.exists(chart_exe):
        result = subprocess.run([chart_exe, paths["json"], paths["png"]], capture_output=True, text=True)
        if result.returncode != 0:
            paths["png"] = f"(not drawn: {result.stderr.strip()})"
    else:
        paths["png"] = "(not drawn: bench-chart was not built)"
    return paths
