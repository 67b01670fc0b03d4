#!/bin/sh
# Fuzzes Zhibiao's stages with libFuzzer (address sanitizer and coverage instrumentation).
#
#   Fuzz/run.sh [--seconds N] [TARGET...]     (default: every target, 60 s each)
#
# Targets: decode html docx normalize outline extract grammar. Each runs for N seconds on its
# corpus in .build-fuzz/corpus/TARGET, seeded from Fuzz/seeds/TARGET, Corpus/ and Tests/Hostile.
# A crash or broken invariant leaves its input in .build-fuzz/crashes/TARGET and fails the run;
# copy it to Tests/Hostile (with a line in EXPECTED.tsv) once fixed. Prints executions per target.
set -eu
cd "$(dirname "$0")/.."
seconds=60
targets=""
while [ $# -gt 0 ]; do
    case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    *) targets="$targets $1"; shift ;;
    esac
done
[ -n "$targets" ] || targets="decode html docx normalize outline extract grammar"

SCRATCH=.build-fuzz
runtime=$(find "$(dirname "$(dirname "$(command -v swiftc)")")/lib" -name 'libclang_rt.fuzzer_no_main-*.a' 2>/dev/null | head -1)
if [ -z "$runtime" ]; then
    echo "fuzz: no libFuzzer runtime (libclang_rt.fuzzer_no_main) in this toolchain" >&2
    exit 69
fi
echo "fuzz: building with address sanitizer and coverage ($runtime)" >&2
mkdir -p "$SCRATCH"
# Optimized, so that more inputs run per second; the sanitizer still checks every access.
if ! ZHIBIAO_FUZZ=1 swift build -c release --scratch-path "$SCRATCH" --product ZhibiaoFuzz \
    -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table \
    -Xcc -fsanitize=address -Xlinker "$runtime" -Xlinker -lstdc++ > "$SCRATCH/build.log" 2>&1; then
    grep -E "error" "$SCRATCH/build.log" | head -20 >&2
    echo "fuzz: build failed: see $SCRATCH/build.log" >&2
    exit 70
fi
BIN="$SCRATCH/release/ZhibiaoFuzz"

status=0
for target in $targets; do
    corpus="$SCRATCH/corpus/$target"
    crashes="$SCRATCH/crashes/$target"
    mkdir -p "$corpus" "$crashes"
    seeds="Fuzz/seeds/$target"
    [ -d "$seeds" ] && cp -n "$seeds"/* "$corpus"/ 2>/dev/null || true
    case "$target" in
    grammar) cp -n Grammars/*.rules "$corpus"/ 2>/dev/null || true ;;
    html) cp -n Corpus/mini/*.html Tests/Hostile/*.html "$corpus"/ 2>/dev/null || true ;;
    docx) cp -n Tests/Hostile/*.docx "$corpus"/ 2>/dev/null || true ;;
    *) for f in Corpus/*.txt Corpus/mini/*.txt Tests/Hostile/*.txt; do cp -n "$f" "$corpus/$(basename "$f" | tr ' ' _)" 2>/dev/null || true; done ;;
    esac
    log="$SCRATCH/$target.log"
    echo "fuzz: $target for ${seconds}s" >&2
    if ZHIBIAO_FUZZ_TARGET=$target ZHIBIAO_GRAMMARS="$PWD/Grammars" ASAN_OPTIONS=detect_leaks=0 \
        "$BIN" "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=4096 \
        -artifact_prefix="$crashes/" -print_final_stats=1 > "$log" 2>&1; then
        runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
        echo "fuzz: $target: $runs executions, no crash ($(ls "$corpus" | wc -l) inputs in the corpus)"
    else
        status=1
        echo "fuzz: $target FAILED: see $log and $crashes" >&2
        grep -E "Swift runtime failure|Fatal error|invariant broken|ERROR: AddressSanitizer|ERROR: libFuzzer|SUMMARY" "$log" | head -5 >&2
    fi
done
exit $status
