#!/bin/sh
# Regenerates resources/screenshot.png (the README's picture) from the real sregistry-desktop on sample data,
# under a virtual X server: tests/gui/screenshot.sh [BUILD_DIR] (default: build). Needs xvfb-run (xvfb, xauth).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
BIN=$BUILD/bin
FIXTURES=${SREG_FIXTURES_DIR:-$ROOT/../shared/fixtures/sif}
[ -d "$FIXTURES" ] || FIXTURES=/work/shared/fixtures/sif
OUT=$ROOT/resources/screenshot.png
for program in sregistry-server sregistry-desktop; do
    [ -x "$BIN/$program" ] || { echo "screenshot.sh: $BIN/$program is missing: build it first" >&2; exit 1; }
done
command -v xvfb-run >/dev/null || { echo "screenshot.sh: xvfb-run is missing (apt-get install xvfb xauth)" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT INT TERM
DATA=$WORK/registry
server() { "$BIN/sregistry-server" --data "$DATA" "$@" >/dev/null; }

# Sample data: a few collections as a lab would have them, pushed through the real command line.
server collection create lab --description "Images of the lab's pipelines"
server push "$FIXTURES/singularity-like.sif" lab/lolcow:latest
server tag lab/lolcow:latest 1.0
server push "$FIXTURES/signed-fake.sif" lab/lolcow:2.0 --description "signed release"
server freeze lab/lolcow:1.0
server push "$FIXTURES/v1-layout.sif" lab/samtools:1.17
server tag lab/samtools:1.17 latest
server push "$FIXTURES/all-types.sif" lab/toolbox:2024.1
server push "$FIXTURES/multi-partition.sif" lab/toolbox:2024.2
server push "$FIXTURES/setprim-quirk.sif" lab/arm-tools:latest
server collection create genomics --private --description "Unpublished pipelines"
server push "$FIXTURES/multi-partition.sif" genomics/bwa:0.7.17
server push "$FIXTURES/deleted-object.sif" genomics/gatk:4.5
server push "$FIXTURES/future-types.sif" imaging/fiji:latest
server push "$FIXTURES/v1-layout.sif" teaching/python:3.11

# A fixed look: light theme, the lab collection open.
cat > "$WORK/settings.ini" <<INI
[Appearance]
theme=light
[MainWindow]
lastCollection=local/lab
INI

xvfb-run -a -s "-screen 0 1400x900x24" \
    "$BIN/sregistry-desktop" --data "$DATA" --settings "$WORK/settings.ini" --new-instance --screenshot "$WORK/shot.png"
# Keep the README light: a PNG of the window is ~100-200 KiB; refuse to commit a surprise.
size=$(stat -c %s "$WORK/shot.png")
[ "$size" -lt 512000 ] || { echo "screenshot.sh: the picture is $size bytes (limit 500 KiB)" >&2; exit 1; }
cp "$WORK/shot.png" "$OUT"
echo "wrote $OUT ($size bytes)"
