#!/usr/bin/env python3
"""Peers for `zhibiao-bench extract`: jionlp's money extraction and cn2an's transform on the
same text, timed the same way (best of K runs, input read once, line by line as each library
is meant to be called on sentences).

Usage: number_extractors.py jionlp|cn2an TEXT_FILE|FOLDER [--iterations K]

A TEXT_FILE is read line by line; a FOLDER is read document by document (each file's whole
text in one call, as a user runs the tool on a document).

- jionlp: `jionlp.ner.extract_money(line)` finds money amounts only and links nothing.
- cn2an: `cn2an.transform(line, "cn2an")` rewrites Chinese numerals to digits; it finds no
  units, targets or metrics.
Prints one JSON line: bytes (UTF-8 of the text), best seconds, MB/s, peak resident MB, and how
many items the tool found (money amounts, or lines it changed).
"""
import contextlib
import json
import resource
import sys
import time
import warnings

tool = sys.argv[1]
path = sys.argv[2]
iterations = int(sys.argv[sys.argv.index("--iterations") + 1]) if "--iterations" in sys.argv else 3
import os

if os.path.isdir(path):
    # Each file a document, read whole.
    documents = [open(os.path.join(path, name), encoding="utf-8", errors="replace").read() for name in sorted(os.listdir(path))]
    text = "\n".join(documents)
    lines = documents
else:
    text = open(path, encoding="utf-8").read()
    lines = [line for line in text.split("\n") if line.strip()]
warnings.filterwarnings("ignore")

if tool == "jionlp":
    with contextlib.redirect_stdout(sys.stderr):  # it prints a banner when imported
        import jionlp

    def run():
        return sum(len(jionlp.ner.extract_money(line)) for line in lines)
elif tool == "cn2an":
    import cn2an

    def run():
        return sum(1 for line in lines if cn2an.transform(line, "cn2an") != line)
else:
    sys.exit("unknown tool " + tool)

best = float("inf")
found = 0
for _ in range(iterations):
    start = time.perf_counter()
    found = run()
    best = min(best, time.perf_counter() - start)
size = sum(len(line.encode("utf-8")) for line in lines) if os.path.isdir(path) else len(text.encode("utf-8"))
print(json.dumps({"tool": tool, "bytes": size, "seconds": round(best, 4), "mbps": round(size / 1048576 / best, 3),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1), "found": found}))
