#!/bin/sh
# make bench (jobs): how much faster a folder of documents is read with every core
# (`zhibiao extract --jobs N`) than with one, release build, and whether the outputs are the
# same bytes. The folder: the readable documents of ../shared/corpus, each three times (or the
# seeds repeated when it is absent). Prints the minimum and the median of RUNS runs of each.
#
#   Benchmarks/jobs.sh [RUNS]
set -eu
cd "$(dirname "$0")/.."
runs=${1:-5}
SHARED=../shared/corpus
swift build -c release --product zhibiao >&2
BIN=$PWD/.build/release/zhibiao
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir "$TMP/folder"
if [ -d "$SHARED" ]; then
    for copy in a b c; do
        for folder in pairs hant html eval bulk/national-fyp bulk/pkulaw-local-policies; do
            for f in "$SHARED/$folder"/*.txt "$SHARED/$folder"/*.md "$SHARED/$folder"/*.html "$SHARED/$folder"/*.docx; do
                [ -f "$f" ] && ln -s "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")" "$TMP/folder/$copy-$(echo "$folder" | tr / _)-$(basename "$f")"
            done
        done
    done
else
    echo "jobs: $SHARED not found: the seeds, repeated, stand in" >&2
    for i in $(seq 1 60); do cp Corpus/000_cd4c2e10bd593054.txt "$TMP/folder/$i-a.txt"; cp Corpus/002_113670edcd97c76e.txt "$TMP/folder/$i-b.txt"; done
fi
cores=$(nproc)
documents=$(ls "$TMP/folder" | wc -l)
megabytes=$(du -sLm "$TMP/folder" | cut -f1)
echo "jobs: $documents documents, about $megabytes MB, $cores cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$TMP/times-1"; : > "$TMP/times-$cores"
i=0
while [ $i -lt "$runs" ]; do
    for jobs in 1 "$cores"; do
        /usr/bin/time -f '%e' -o "$TMP/t" "$BIN" extract --jobs "$jobs" "$TMP/folder" > "$TMP/out-$jobs.jsonl" 2> /dev/null || true
        cat "$TMP/t" >> "$TMP/times-$jobs"
    done
    i=$((i + 1))
done
cmp -s "$TMP/out-1.jsonl" "$TMP/out-$cores.jsonl" && same=yes || same=NO
python3 - "$TMP/times-1" "$TMP/times-$cores" "$cores" "$same" <<'PY'
import statistics, sys
one = sorted(float(x) for x in open(sys.argv[1]))
many = sorted(float(x) for x in open(sys.argv[2]))
print("jobs 1: min %.2f s, median %.2f s" % (one[0], statistics.median(one)))
print("jobs %s: min %.2f s, median %.2f s" % (sys.argv[3], many[0], statistics.median(many)))
print("speedup: %.2fx (minimum), %.2fx (median); outputs identical: %s"
      % (one[0] / many[0], statistics.median(one) / statistics.median(many), sys.argv[4]))
PY
