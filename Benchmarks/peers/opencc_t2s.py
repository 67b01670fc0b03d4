#!/usr/bin/env python3
"""Peer for `zhibiao-bench normalize`: OpenCC t2s on the same input, timed the same way.

Usage: opencc_t2s.py NORMALIZED_TEXT_FILE [--iterations K]
The input is the text Zhibiao's bench fed its normalizer (written by run.sh), read once.
"""
import json
import resource
import sys
import time

import opencc

path = sys.argv[1]
iterations = int(sys.argv[sys.argv.index("--iterations") + 1]) if "--iterations" in sys.argv else 3
text = open(path, encoding="utf-8").read()
converter = opencc.OpenCC("t2s")
best = float("inf")
for _ in range(iterations):
    start = time.perf_counter()
    out = converter.convert(text)
    best = min(best, time.perf_counter() - start)
size = len(text.encode("utf-8"))
print(json.dumps({"tool": "opencc-t2s", "bytes": size, "seconds": round(best, 4), "mbps": round(size / 1048576 / best, 2),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
