#!/usr/bin/env python3
"""Agreement of Zhibiao's Traditional-to-Simplified conversion with OpenCC's t2s.

Zhibiao's normalized text with the script kept (same NFKC, punctuation and space handling)
is converted by OpenCC t2s and compared, Han character by Han character, with Zhibiao's own
Simplified output (conversion never changes a length, so positions line up).

Usage: t2s_agreement.py ZHIBIAO_BINARY FILE...     (needs: pip install opencc)
"""
import collections
import subprocess
import sys

import opencc


def is_han(ch):
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x3134F or 0xF900 <= o <= 0xFAFF


def normalize(binary, path, script):
    out = subprocess.run([binary, "normalize", "--script", script, path], capture_output=True, text=True, check=True)
    return out.stdout


def main():
    binary, files = sys.argv[1], sys.argv[2:]
    converter = opencc.OpenCC("t2s")
    total_han = total_diff = 0
    kinds = collections.Counter()
    examples = {}
    for path in files:
        kept = normalize(binary, path, "keep")
        ours = normalize(binary, path, "hans")
        theirs = converter.convert(kept)
        if len(theirs) != len(ours):
            print(f"{path}: OpenCC changed the length ({len(kept)} -> {len(theirs)}); comparing line by line", file=sys.stderr)
        han = diff = 0
        for line_ours, line_theirs, line_kept in zip(ours.split("\n"), theirs.split("\n"), kept.split("\n")):
            if len(line_ours) != len(line_theirs):
                continue
            for i, (a, b) in enumerate(zip(line_ours, line_theirs)):
                if not is_han(a) and not is_han(b):
                    continue
                han += 1
                if a != b:
                    diff += 1
                    key = (line_kept[i], a, b)
                    kinds[key] += 1
                    examples.setdefault(key, line_kept[max(0, i - 4):i + 5])
        total_han += han
        total_diff += diff
        print(f"{path}: {han} Han characters, {diff} differ ({100.0 * (han - diff) / max(han, 1):.3f}% agree)")
    print(f"TOTAL: {total_han} Han characters, {total_diff} differ, agreement {100.0 * (total_han - total_diff) / max(total_han, 1):.4f}%")
    print("differences (original -> zhibiao / opencc: count, example):")
    for (orig, a, b), count in kinds.most_common():
        print(f"  {orig} -> {a} / {b}: {count}  «{examples[(orig, a, b)]}»")


if __name__ == "__main__":
    main()
