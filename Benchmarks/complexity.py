#!/usr/bin/env python3
"""Complexity check: 4x the input must cost about 4x the time, for several input shapes.

    Benchmarks/complexity.py ZHIBIAO_BINARY [--mb N] [--table-mb T] [--iterations K] [--shapes a,b,...]

Each shape is made at N MB and at 4N MB (the table at T and 4T MB, 25 and 100 by default) and read with
`zhibiao extract` (release build, output to /dev/null); the best of K runs is kept. A shape
passes when the larger input costs at most 5x the smaller one (4x, with room for noise on a
shared machine). Prints one line per shape and one JSON line with every number. Exit status 1
when a shape fails.

Shapes:
  short-sentences  '达到85%。' repeated: many short sentences, each a quantity without a metric
  long-sentence    '达到85%,' repeated on one line: one sentence read in pieces
  sections         '1.到2025年,第1片区建成示范村10个,达到85%。' numbered on: many sections
  table            rows of tab-separated cells with a name cell and quantities (100 MB)
  prose            the seeds repeated: real text
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def make(shape, size, path):
    """Writes about `size` bytes of the shape to `path`."""
    with open(path, "wb") as f:
        written = 0
        if shape == "short-sentences":
            unit = "达到85%。".encode()
            f.write(unit * (size // len(unit)))
        elif shape == "long-sentence":
            unit = "达到85%,".encode()
            f.write(unit * (size // len(unit)))
        elif shape == "sections":
            i = 0
            while written < size:
                i += 1
                line = ("%d.到2025年,第%d片区建成示范村10个,农村居民人均可支配收入达到5.7万元,覆盖率达到85%%。\n" % (i, i)).encode()
                f.write(line)
                written += len(line)
        elif shape == "table":
            i = 0
            while written < size:
                i += 1
                line = ("%d.签约服务覆盖率\t2025年\t每年增加1-3个百分点\t达到85%%\t投入%d万元\n" % (i, i % 1000 + 1)).encode()
                f.write(line)
                written += len(line)
        elif shape == "prose":
            unit = b"".join(open(os.path.join(REPO, "Corpus", n), "rb").read()
                            for n in ["000_cd4c2e10bd593054.txt", "002_113670edcd97c76e.txt"])
            while written < size:
                f.write(unit)
                written += len(unit)
        else:
            sys.exit("unknown shape " + shape)


def run(binary, path, iterations):
    """Best wall seconds and peak RSS (MB) of `zhibiao extract` over the runs."""
    best, peak = float("inf"), 0.0
    for _ in range(iterations):
        start = time.perf_counter()
        process = subprocess.Popen([binary, "extract", "--max-input-mb", "128", path],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        best = min(best, time.perf_counter() - start)
        peak = max(peak, usage.ru_maxrss / 1024)
        if os.waitstatus_to_exitcode(status) not in (0, 3):
            sys.exit("%s failed on %s (status %d)" % (binary, path, os.waitstatus_to_exitcode(status)))
    return best, peak


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    binary = os.path.abspath(args[0])
    mb = float(args[args.index("--mb") + 1]) if "--mb" in args else 2.0
    iterations = int(args[args.index("--iterations") + 1]) if "--iterations" in args else 3
    table_mb = float(args[args.index("--table-mb") + 1]) if "--table-mb" in args else 25.0
    shapes = (args[args.index("--shapes") + 1].split(",") if "--shapes" in args
              else ["short-sentences", "long-sentence", "sections", "table", "prose"])
    results = []
    failed = False
    with tempfile.TemporaryDirectory() as scratch:
        for shape in shapes:
            small = int((table_mb if shape == "table" else mb) * 1048576)
            row = {"shape": shape}
            for label, size in [("small", small), ("large", 4 * small)]:
                path = os.path.join(scratch, "%s-%s.txt" % (shape, label))
                make(shape, size, path)
                seconds, peak = run(binary, path, iterations)
                actual = os.path.getsize(path)
                row[label] = {"bytes": actual, "seconds": round(seconds, 3), "mbps": round(actual / 1048576 / seconds, 2),
                              "peak_rss_mb": round(peak, 1)}
                os.remove(path)
            ratio = row["large"]["seconds"] / row["small"]["seconds"]
            row["ratio"] = round(ratio, 2)
            row["pass"] = ratio <= 5.0
            failed = failed or not row["pass"]
            results.append(row)
            print("%-16s %7.1f MB %7.3f s | %7.1f MB %7.3f s | x%.2f %s | peak %6.1f / %6.1f MB" % (
                shape, row["small"]["bytes"] / 1048576, row["small"]["seconds"], row["large"]["bytes"] / 1048576,
                row["large"]["seconds"], ratio, "ok" if row["pass"] else "FAIL", row["small"]["peak_rss_mb"],
                row["large"]["peak_rss_mb"]), file=sys.stderr)
    print(json.dumps({"tool": "zhibiao", "check": "complexity", "shapes": results}))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
