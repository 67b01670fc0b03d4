#!/bin/bash
# The web view's latency (release build, `make bench-web`): `zhibiao serve` over (1) a catalog
# holding one 1 MB plan with about 5,000 indicators (Benchmarks/web_document.py, from the seeds)
# and (2) a catalog of 10,000 documents built as the catalog benchmark builds it
# (Benchmarks/catalog_corpus.py over ../shared/corpus; skipped without it). Each page is fetched
# once to warm up, then WEB_RUNS times with curl; the table gives the median and the slowest.
# Report: stdout and $WORK/report.md.
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${WEB_DOCS:-10000}
RUNS=${WEB_RUNS:-10}
WORK=${WEB_WORK:-/tmp/zhibiao-web-bench}
swift build -c release --product zhibiao >&2
BIN=$PWD/.build/release/zhibiao
rm -rf "$WORK"; mkdir -p "$WORK/big"

python3 Benchmarks/web_document.py "$WORK/big/plan.txt" 1024
"$BIN" ingest --db "$WORK/big.sqlite" "$WORK/big/plan.txt" Corpus/000_cd4c2e10bd593054.txt Corpus/002_113670edcd97c76e.txt >&2
BIG_ID=$("$BIN" list --db "$WORK/big.sqlite" --format jsonl | grep -n 'plan.txt' | head -1 | sed 's/.*"id":\([0-9]*\).*/\1/')
INDICATORS=$("$BIN" query --db "$WORK/big.sqlite" --doc "$BIG_ID" --format jsonl | wc -l)
if [ -d ../shared/corpus ]; then
    python3 Benchmarks/catalog_corpus.py ../shared/corpus "$WORK/docs" "$DOCS" 20261201 "${LARGE_MAX_KB:-40}" >&2
    "$BIN" ingest --db "$WORK/large.sqlite" "$WORK/docs" >&2
fi

SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; true' EXIT
serve() {
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
    : > "$WORK/serve.err"
    "$BIN" serve --db "$1" --port 0 2> "$WORK/serve.err" &
    SERVER=$!
    for _ in $(seq 100); do grep -q 'http://' "$WORK/serve.err" && break; sleep 0.1; done
    URL=$(grep -o 'http://127.0.0.1:[0-9]*/' "$WORK/serve.err" | head -1)
}

# measure LABEL PATH: median and slowest of RUNS fetches (ms), the page's size.
measure() {
    curl -s -o /dev/null "$URL$2"
    local times size status
    status=$(curl -s -o /dev/null -w '%{http_code}' "$URL$2")
    times=$(for _ in $(seq "$RUNS"); do curl -s -o /dev/null -w '%{time_total}\n' "$URL$2"; done | sort -n)
    size=$(curl -s -o /dev/null -w '%{size_download}' "$URL$2")
    local median slowest
    median=$(echo "$times" | awk '{a[NR]=$1} END {printf "%.0f", (NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2) * 1000}')
    slowest=$(echo "$times" | tail -1 | awk '{printf "%.0f", $1 * 1000}')
    echo "| $1 | \`$2\` | $status | $median | $slowest | $(awk -v s="$size" 'BEGIN {printf "%.0f KB", s/1024}') |" | tee -a "$WORK/report.md"
}

{
echo "## Web view benchmark ($(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD), $(nproc) cores, release build, $RUNS runs each)"
echo
echo "| catalog | page | status | median ms | slowest ms | size |"
echo "| --- | --- | --- | --- | --- | --- |"
} | tee "$WORK/report.md"
serve "$WORK/big.sqlite"
Q=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("托位"))')
measure "1 MB plan, $INDICATORS indicators" "doc/$BIG_ID"
measure "1 MB plan" "doc/$BIG_ID/checklist"
measure "1 MB plan" "query?doc=$BIG_ID&role=target&limit=500"
measure "1 MB plan vs seed" "diff?parent=$BIG_ID&child=2"
if [ -f "$WORK/large.sqlite" ]; then
    serve "$WORK/large.sqlite"
    COUNT=$("$BIN" list --db "$WORK/large.sqlite" --format jsonl | wc -l)
    measure "$COUNT documents" ""
    measure "$COUNT documents" "?sort=targets&order=desc&page=20"
    measure "$COUNT documents" "?level=county&filter=%E5%8C%BA"
    measure "$COUNT documents" "?q=$Q"
    measure "$COUNT documents" "query?metric=$Q&limit=500"
    measure "$COUNT documents" "doc/1"
fi
