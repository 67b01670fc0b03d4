#!/bin/bash
# The catalog benchmark (release build): ingest throughput on one core and on all cores, query
# and search latency in a catalog of 10,000 documents, store size per input MB and peak memory,
# SQLite and PostgreSQL side by side. Documents are perturbed copies of ../shared/corpus
# (Benchmarks/catalog_corpus.py). PostgreSQL is a throwaway server with default settings
# (fsync on), started here as in the tests. Report: stdout and $WORK/report.md.
#
#   Benchmarks/catalog.sh                 # 10,000 documents (CATALOG_DOCS), 400 for throughput
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${CATALOG_DOCS:-10000}
SMALL=${CATALOG_SMALL:-400}
WORK=${CATALOG_WORK:-/tmp/zhibiao-catalog-bench}
CORES=$(nproc)
[ -d ../shared/corpus ] || { echo "catalog.sh: ../shared/corpus is needed" >&2; exit 66; }
swift build -c release --product zhibiao >&2
BIN=$PWD/.build/release/zhibiao
rm -rf "$WORK"; mkdir -p "$WORK"; chmod 755 "$WORK"
# The large catalog from the shorter documents (under LARGE_MAX_KB), to keep the run short.
python3 Benchmarks/catalog_corpus.py ../shared/corpus "$WORK/docs" "$DOCS" 20261201 "${LARGE_MAX_KB:-40}" >&2
python3 Benchmarks/catalog_corpus.py ../shared/corpus "$WORK/small" "$SMALL" 7 >&2
MB_ALL=$(du -sbL "$WORK/docs" | awk '{printf "%.1f", $1/1048576}')
MB_SMALL=$(du -sbL "$WORK/small" | awk '{printf "%.1f", $1/1048576}')

# A throwaway PostgreSQL server.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDIR="$WORK/pg"; mkdir -p "$PGDIR"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" = 0 ]; then chown -R postgres "$PGDIR"; su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi; }
as_pg "$PGBIN/initdb -D $PGDIR/data -A trust -U zb -E UTF8 --locale=C.UTF-8 >/dev/null"
as_pg "$PGBIN/pg_ctl -D $PGDIR/data -o '-k $PGDIR -p $PORT -c listen_addresses=127.0.0.1' -l $PGDIR/log -w start >/dev/null"
trap 'as_pg "$PGBIN/pg_ctl -D $PGDIR/data -m fast stop >/dev/null" || true' EXIT
PGURL="postgres://zb@127.0.0.1:$PORT"
newdb() { as_pg "$PGBIN/createdb -h 127.0.0.1 -p $PORT -U zb $1"; echo "$PGURL/$1"; }

# run LABEL CMD…: wall seconds and peak resident MB of one command.
run() {
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/$label.err" || { echo "$label failed:" >&2; tail -3 "$WORK/$label.err" >&2; }
    read -r SECONDS_TAKEN PEAK_KB < <(tail -1 "$WORK/time")
    PEAK_MB=$((PEAK_KB / 1024))
}
rate() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

{
echo "## Catalog benchmark ($(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD), $CORES cores, release build)"
echo
echo "Inputs: $SMALL documents ($MB_SMALL MB) for throughput; $DOCS documents ($MB_ALL MB) for the large catalog."
echo
echo "| backend | ingest | documents/s | MB/s | peak memory |"
echo "| --- | --- | --- | --- | --- |"
} | tee "$WORK/report.md"

declare -A STORE
for backend in sqlite postgres; do
    for jobs in 1 "$CORES"; do
        if [ $backend = sqlite ]; then db="$WORK/small-$jobs.sqlite"; else db=$(newdb small_$jobs); fi
        run "ingest-$backend-$jobs" "$BIN" ingest --db "$db" --jobs "$jobs" "$WORK/small"
        echo "| $backend | $SMALL docs, --jobs $jobs | $(rate "$SMALL" "$SECONDS_TAKEN") | $(rate "$MB_SMALL" "$SECONDS_TAKEN") | $PEAK_MB MB |" | tee -a "$WORK/report.md"
    done
    if [ $backend = sqlite ]; then db="$WORK/large.sqlite"; else db=$(newdb large); fi
    STORE[$backend]=$db
    run "ingest-$backend-large" "$BIN" ingest --db "$db" "$WORK/docs"
    echo "| $backend | $DOCS docs, all cores | $(rate "$DOCS" "$SECONDS_TAKEN") | $(rate "$MB_ALL" "$SECONDS_TAKEN") | $PEAK_MB MB |" | tee -a "$WORK/report.md"
done

{
echo
echo "| backend | store size | per input MB |"
echo "| --- | --- | --- |"
} | tee -a "$WORK/report.md"
SQLITE_BYTES=$(stat -c %s "${STORE[sqlite]}")
PG_BYTES=$(as_pg "$PGBIN/psql -X -A -t -h 127.0.0.1 -p $PORT -U zb -d large -c 'SELECT pg_database_size(current_database())'")
for pair in "sqlite $SQLITE_BYTES" "postgres $PG_BYTES"; do
    set -- $pair
    echo "| $1 | $(rate "$2" 1048576) MB | $(rate "$2" "$(awk -v m="$MB_ALL" 'BEGIN{print m*1048576}')") MB |" | tee -a "$WORK/report.md"
done

# Latency: the median of 5 runs of each command (process start and Grammars/ loading included;
# the first row is that start-up alone, on an empty catalog).
EMPTY_SQLITE="$WORK/empty.sqlite"; "$BIN" ingest --db "$EMPTY_SQLITE" "$WORK/small/00/00000-"* >/dev/null 2>&1 || true
QUERIES=(
    "startup|query --metric 无此指标"
    "query --metric 城镇化率|query --metric 城镇化率"
    "query --metric 城鎮化率 --year 2025|query --metric 城鎮化率 --year 2025"
    "query --kind percentage --role target --year 2025 --limit 100|query --kind percentage --role target --year 2025 --limit 100"
    "query --level county --kind money --limit 100|query --level county --kind money --limit 100"
    "query --section 目标 --limit 100|query --section 目标 --limit 100"
    "search 托位|search 托位"
    "search 城镇化率 --limit 100|search 城镇化率 --limit 100"
    "search 人工智能 --limit 100|search 人工智能 --limit 100"
    "search 村 --limit 100 (no index)|search 村 --limit 100"
    "list|list"
)
{
echo
echo "| command (10,000 documents) | SQLite ms | PostgreSQL ms | rows |"
echo "| --- | --- | --- | --- |"
} | tee -a "$WORK/report.md"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for entry in "${QUERIES[@]}"; do
    label=${entry%%|*}; args=${entry#*|}
    row="| \`$label\` |"
    rows=""
    for backend in sqlite postgres; do
        db=${STORE[$backend]}
        [ "$label" = startup ] && [ $backend = sqlite ] && db=$EMPTY_SQLITE
        times=""
        for _ in 1 2 3 4 5; do
            start=$(date +%s%N)
            # shellcheck disable=SC2086
            out=$("$BIN" $args --db "$db" --format jsonl 2>/dev/null | wc -l)
            end=$(date +%s%N)
            times+="$(( (end - start) / 1000000 ))"$'\n'
        done
        row+=" $(printf "%s" "$times" | median) |"
        rows=$out
    done
    echo "$row $rows |" | tee -a "$WORK/report.md"
done
