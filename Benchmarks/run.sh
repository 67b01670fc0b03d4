#!/bin/sh
# make bench: release-build throughput and peak memory of Zhibiao's stages, with peer tools run
# on the same input in the same run. Needs ../shared/corpus (skipped inputs are said so) and
# Python with the peers' packages (installed with pip when missing).
#
#   Benchmarks/run.sh [normalize|outline|extract|diff]
set -eu
cd "$(dirname "$0")/.."
suite=${1:-normalize}
SHARED=../shared/corpus
SCRATCH=.build-bench
ZHIBIAO_BENCHMARKS=1 swift build -c release --scratch-path "$SCRATCH" --product zhibiao-bench >&2
BENCH="$SCRATCH/release/zhibiao-bench"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

python3 -c "import opencc" 2>/dev/null || pip install -q opencc >&2
if [ "$suite" = extract ]; then
    python3 -c "import jionlp, cn2an" 2>/dev/null || pip install -q jionlp cn2an >&2
fi

# Inputs: name and file. Each is one UTF-8 file that every tool reads.
inputs=""
if [ -d "$SHARED/hant" ]; then
    cat "$SHARED"/hant/*.txt "$SHARED"/hant/*.md > "$TMP/hant-corpus.txt"
    inputs="$inputs hant-corpus"
    if command -v zstd >/dev/null && [ -f "$SHARED/bulk/hk-legco-hansard-2012-13-zh-txt.tar.zst" ]; then
        mkdir -p "$TMP/hansard" && tar -I zstd -xf "$SHARED/bulk/hk-legco-hansard-2012-13-zh-txt.tar.zst" -C "$TMP/hansard"
        find "$TMP/hansard" -type f -name '*.txt' | sort | xargs cat > "$TMP/hk-hansard-2012-13.txt"
        inputs="$inputs hk-hansard-2012-13"
    fi
else
    echo "bench: $SHARED not found: corpus inputs skipped" >&2
fi
: > "$TMP/seeds-10mb.txt"
while [ "$(wc -c < "$TMP/seeds-10mb.txt")" -lt 10485760 ]; do
    cat Corpus/000_cd4c2e10bd593054.txt Corpus/002_113670edcd97c76e.txt >> "$TMP/seeds-10mb.txt"
done
inputs="$inputs seeds-10mb"

printf '%-22s %-18s %10s %9s %9s %9s\n' input tool MB seconds MB/s peak_MB
show() {
    echo "$2" | python3 -c '
import json,sys
r=json.loads(sys.stdin.read())
tool=r["tool"]+(" "+r["stage"] if "stage" in r else "")
print("%-22s %-18s %10.2f %9.3f %9.2f %9.1f" % (sys.argv[1], tool, r["bytes"]/1048576, r["seconds"], r["mbps"], r["peak_rss_mb"]))' "$1"
}
if [ "$suite" = outline ]; then
    # Each file a document: the readable documents of the corpus, and the seeds repeated.
    files=""
    for folder in pairs hant html eval bulk/national-fyp bulk/pkulaw-local-policies; do
        [ -d "$SHARED/$folder" ] && files="$files $(ls "$SHARED/$folder"/*.txt "$SHARED/$folder"/*.md "$SHARED/$folder"/*.html "$SHARED/$folder"/*.docx 2>/dev/null | tr '\n' ' ')"
    done
    [ -n "$files" ] && show corpus-documents "$("$BENCH" outline --iterations 3 $files)"
    show seeds-10mb "$("$BENCH" outline --iterations 3 --repeat-to-mb 10 Corpus/000_cd4c2e10bd593054.txt Corpus/002_113670edcd97c76e.txt)"
    exit 0
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
if [ "$suite" = extract ]; then
    # End to end, file bytes to JSON Lines, in-process; each file a document. The peers get
    # the same text (the documents' UTF-8 joined) in the same run.
    ZHIBIAO_BENCHMARKS=1 swift build -c release --scratch-path "$SCRATCH" --product zhibiao >&2
    files=""
    for folder in pairs hant html eval bulk/national-fyp bulk/pkulaw-local-policies; do
        [ -d "$SHARED/$folder" ] && files="$files $(ls "$SHARED/$folder"/*.txt "$SHARED/$folder"/*.md 2>/dev/null | tr '\n' ' ')"
    done
    compare() {  # name file zhibiao-json
        j=$(python3 Benchmarks/peers/number_extractors.py jionlp "$2" --iterations 1)
        c=$(python3 Benchmarks/peers/number_extractors.py cn2an "$2" --iterations 1)
        for line in "$3" "$j" "$c"; do show "$1" "$line"; done
        python3 -c 'import json,sys; z,j,c=(json.loads(a) for a in sys.argv[1:4]); print("%-22s ratio zhibiao extract / jionlp extract_money = %.1f, / cn2an transform = %.1f" % (sys.argv[4], z["mbps"]/j["mbps"], z["mbps"]/c["mbps"]))' "$3" "$j" "$c" "$1"
    }
    if [ -n "$files" ]; then
        cat $files > "$TMP/corpus-text.txt"
        compare corpus-documents "$TMP/corpus-text.txt" "$("$BENCH" extract --iterations 3 $files)"
    fi
    compare seeds-10mb "$TMP/seeds-10mb.txt" "$("$BENCH" extract --iterations 3 "$TMP/seeds-10mb.txt")"
    # The CLI, file to stdout, startup included.
    start=$(date +%s.%N)
    /usr/bin/time -f '%M' -o "$TMP/rss" "$SCRATCH/release/zhibiao" extract "$TMP/seeds-10mb.txt" > /dev/null
    end=$(date +%s.%N)
    python3 -c 'import os,sys; b=os.path.getsize(sys.argv[1]); s=float(sys.argv[3])-float(sys.argv[2]); print("%-22s %-18s %10.2f %9.3f %9.2f %9.1f" % ("seeds-10mb", "zhibiao CLI", b/1048576, s, b/1048576/s, int(open(sys.argv[4]).read().split()[-1])/1024))' "$TMP/seeds-10mb.txt" "$start" "$end" "$TMP/rss"
    exit 0
fi
for name in $inputs; do
    file="$TMP/$name.txt"
    case "$suite" in
    normalize)
        z=$("$BENCH" normalize --iterations 5 "$file")
        e=$("$BENCH" ingest+normalize --iterations 3 "$file")
        o=$(python3 Benchmarks/peers/opencc_t2s.py "$file" --iterations 5)
        ;;
    *) echo "unknown suite $suite" >&2; exit 64 ;;
    esac
    for line in "$z" "$e" "$o"; do show "$name" "$line"; done
    python3 -c 'import json,sys; z=json.loads(sys.argv[1]); o=json.loads(sys.argv[2]); print("%-22s ratio zhibiao normalize / opencc t2s = %.2f" % (sys.argv[3], z["mbps"]/o["mbps"]))' "$z" "$o" "$name"
done
