#!/bin/sh
# make bench: release-build throughput and peak memory of Zhibiao's stages, with peer tools run
# on the same input in the same run. Needs ../shared/corpus (skipped inputs are said so), zstd,
# and Python with the peers' packages (installed with pip when missing).
#
#   Benchmarks/run.sh [normalize|outline|extract|complexity|diff]
#
# Inputs (Benchmarks/inputs.py, the same files on every run):
#   hans   ~10 MB of real Simplified documents (360 files: national and provincial government work
#          reports, five-year plans, local policies, laws), each file a document
#   hant   ~10 MB of Traditional documents (34 files: Hong Kong and Taiwan texts, LegCo sittings)
#   seeds  the two seeds repeated to 10 MB, one document
# MB is MiB of input file. "B/B" is peak resident memory above the 32 MB a run starts with, per
# input byte. Times are the best of several runs.
set -eu
cd "$(dirname "$0")/.."
suite=${1:-normalize}
SHARED=../shared/corpus
SCRATCH=.build-bench
ZHIBIAO_BENCHMARKS=1 swift build -c release --scratch-path "$SCRATCH" --product zhibiao-bench >&2
ZHIBIAO_BENCHMARKS=1 swift build -c release --scratch-path "$SCRATCH" --product zhibiao >&2
BENCH="$SCRATCH/release/zhibiao-bench"
CLI="$SCRATCH/release/zhibiao"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

if [ "$suite" = complexity ]; then
    exec python3 Benchmarks/complexity.py "$CLI" --mb "${COMPLEXITY_MB:-2}" --iterations 3
fi

if [ "$suite" = diff ]; then
    # One parent (the national rural-revitalization opinion, else the provincial seed) against 100
    # children made by perturbing real documents; each stage in its own process for its peak memory.
    parent=Corpus/000_cd4c2e10bd593054.txt
    [ -f "$SHARED/pairs/cn-national-rural-revitalization-opinion-2018.txt" ] && parent="$SHARED/pairs/cn-national-rural-revitalization-opinion-2018.txt"
    sources="Corpus/000_cd4c2e10bd593054.txt Corpus/002_113670edcd97c76e.txt"
    for folder in pairs eval; do
        [ -d "$SHARED/$folder" ] && sources="$sources $(ls "$SHARED/$folder"/*.txt "$SHARED/$folder"/*.md 2>/dev/null | tr '\n' ' ')"
    done
    "$BENCH" make-children --count 100 --out "$TMP/children" $sources
    e=$("$BENCH" diff-extract --iterations 3 "$parent" "$TMP"/children/*.txt)
    d=$("$BENCH" diff --iterations 3 "$parent" "$TMP"/children/*.txt)
    show "1+100-documents" "$e"
    show "1+100-documents" "$d"
    python3 -c 'import json,sys; e,d=(json.loads(a) for a in sys.argv[1:3]); print("1+100-documents        diff / extraction: time %.2f (CPU %.2f s / %.2f s = %.2f), peak memory %.2f (%.0f MB / %.0f MB)" % (d["seconds"]/e["seconds"], d["cpu_seconds"], e["cpu_seconds"], d["cpu_seconds"]/e["cpu_seconds"], d["peak_rss_mb"]/e["peak_rss_mb"], d["peak_rss_mb"], e["peak_rss_mb"]))' "$e" "$d"
    exit 0
fi

python3 -c "import opencc" 2>/dev/null || pip install -q opencc >&2
if [ "$suite" = extract ]; then
    python3 -c "import jionlp, cn2an" 2>/dev/null || pip install -q jionlp cn2an >&2
fi

sets="seeds"
if [ -d "$SHARED/bulk" ] && command -v zstd >/dev/null; then
    python3 Benchmarks/inputs.py "$TMP" --shared "$SHARED" >&2
    sets="hans hant seeds"
else
    echo "bench: $SHARED or zstd not found: only the seeds are measured" >&2
    : > "$TMP/seeds-10mb.txt"
    while [ "$(wc -c < "$TMP/seeds-10mb.txt")" -lt 10485760 ]; do
        cat Corpus/000_cd4c2e10bd593054.txt Corpus/002_113670edcd97c76e.txt >> "$TMP/seeds-10mb.txt"
    done
fi
# What each set is read as: a folder of documents (the CLI and the bench) and one joined text
# (the peers' input for normalization).
path() { if [ "$1" = seeds ]; then echo "$TMP/seeds-10mb.txt"; else echo "$TMP/$1"; fi; }
text() { if [ "$1" = seeds ]; then echo "$TMP/seeds-10mb.txt"; else echo "$TMP/$1.txt"; fi; }
files() { if [ "$1" = seeds ]; then echo "$TMP/seeds-10mb.txt"; else ls "$TMP/$1"/* | tr '\n' ' '; fi; }

printf '%-8s %-22s %8s %9s %9s %9s %6s\n' input tool MB seconds MB/s peak_MB B/B
show() {
    echo "$2" | python3 -c '
import json,sys
r=json.loads(sys.stdin.read())
tool=r["tool"]+(" "+r["stage"] if "stage" in r else "")
mb=r["bytes"]/1048576
print("%-8s %-22s %8.2f %9.3f %9.2f %9.1f %6.2f" % (sys.argv[1], tool, mb, r["seconds"], r["mbps"], r["peak_rss_mb"], max(0, r["peak_rss_mb"]-32)/mb))' "$1"
}
# The CLI on a file or folder, output to /dev/null: best of 3, startup included.
cli() {  # command set
    python3 - "$CLI" "$1" "$(path "$2")" <<'EOF'
import json, os, subprocess, sys, time
cli, command, target = sys.argv[1:4]
size = os.path.getsize(target) if os.path.isfile(target) else sum(os.path.getsize(os.path.join(target, n)) for n in os.listdir(target))
best, peak = float("inf"), 0
for _ in range(3):
    start = time.perf_counter()
    p = subprocess.Popen([cli, command, target], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(p.pid, 0)
    best = min(best, time.perf_counter() - start)
    peak = max(peak, usage.ru_maxrss / 1024)
print(json.dumps({"tool": "zhibiao CLI", "stage": command, "bytes": size, "seconds": round(best, 4),
                  "mbps": round(size / 1048576 / best, 2), "peak_rss_mb": round(peak, 1)}))
EOF
}
ratio() {  # label ours theirs
    python3 -c 'import json,sys; a,b=(json.loads(x) for x in sys.argv[2:4]); print("%-8s ratio %s = %.2f" % (sys.argv[4], sys.argv[1], a["mbps"]/b["mbps"]))' "$1" "$2" "$3" "$4"
}

for name in $sets; do
    case "$suite" in
    normalize)
        # In-process: the normalizer alone on the joined text; file bytes to normalized text per
        # document; the CLI. OpenCC t2s (Python binding, in-process) on the same joined text.
        z=$("$BENCH" normalize --iterations 5 "$(text "$name")")
        e=$("$BENCH" ingest+normalize --iterations 3 $(files "$name"))
        c=$(cli normalize "$name")
        o=$(python3 Benchmarks/peers/opencc_t2s.py "$(text "$name")" --iterations 5)
        for line in "$z" "$e" "$c" "$o"; do show "$name" "$line"; done
        ratio "normalizer / opencc t2s" "$z" "$o" "$name"
        ratio "file->normalized / opencc t2s" "$e" "$o" "$name"
        ratio "CLI normalize / opencc t2s" "$c" "$o" "$name"
        ;;
    outline)
        z=$("$BENCH" outline --iterations 3 $(files "$name"))
        c=$(cli outline "$name")
        for line in "$z" "$c"; do show "$name" "$line"; done
        ;;
    extract)
        # End to end, file bytes to JSON Lines, each file a document: in-process and the CLI.
        # jionlp's money extraction and cn2an run document by document on the same files.
        z=$("$BENCH" extract --iterations 3 $(files "$name"))
        c=$(cli extract "$name")
        j=$(python3 Benchmarks/peers/number_extractors.py jionlp "$(path "$name")" --iterations 2)
        n=$(python3 Benchmarks/peers/number_extractors.py cn2an "$(path "$name")" --iterations 2)
        for line in "$z" "$c" "$j" "$n"; do show "$name" "$line"; done
        ratio "CLI extract / jionlp extract_money" "$c" "$j" "$name"
        ratio "CLI extract / cn2an transform" "$c" "$n" "$name"
        ;;
    *) echo "unknown suite $suite" >&2; exit 64 ;;
    esac
done
