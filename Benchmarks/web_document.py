#!/usr/bin/env python3
"""Writes one large plan for the web benchmark: about SIZE_KB of text made of the seed plans'
lines (Corpus/), numbered into sections, with the figures and years of each copy perturbed so
that every indicator is distinct. Lines that carry figures are repeated more than the others,
to give about 5,000 indicators in 1 MB.

usage: web_document.py OUT SIZE_KB [SEED]
"""
import os
import random
import re
import sys

NUMERALS = "一二三四五六七八九十"
# The share of lines drawn from those with figures: about 5,000 indicators per MB.
FIGURE_SHARE = 0.38


def main():
    out, size_kb = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 20261201)
    root = os.path.join(os.path.dirname(__file__), "..", "Corpus")
    lines = []
    for name in ("000_cd4c2e10bd593054.txt", "002_113670edcd97c76e.txt"):
        with open(os.path.join(root, name), encoding="utf-8-sig") as f:
            lines += [l.strip() for l in f if l.strip()]
    # Body lines only: drop the seeds' own section markers, keep sentences.
    body = [l for l in lines if not re.match(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．])", l)]
    figures = [l for l in body if re.search(r"\d+(\.\d+)?\s*(%|个|万|亿|元|家|所|人|张|公里|平方米|亩|次|项|条|户|座|年)", l)]
    plain = [l for l in body if l not in figures]
    target = size_kb * 1024
    parts = ["某市关于推进乡村片区组团发展的实施方案（基准测试文本）", "", "某市人民政府办公室", "2026年12月1日", ""]
    size = sum(len(p.encode()) + 1 for p in parts)
    section = 0
    while size < target:
        section += 1
        heading = f"{NUMERALS[(section - 1) % 10]}、第{section}部分 重点任务"
        parts.append(heading)
        size += len(heading.encode()) + 1
        for sub in range(1, 6):
            line = f"（{NUMERALS[sub - 1]}）推进第{section}.{sub}项工作"
            parts.append(line)
            size += len(line.encode()) + 1
            for _ in range(6):
                source = rng.choice(figures) if rng.random() < FIGURE_SHARE else rng.choice(plain)
                # Perturb figures (keep years plausible) so that copies differ.
                text = re.sub(r"(?<![\d.])(\d{1,3})(?![\d年])", lambda m: str(max(1, int(m.group(1)) + rng.randint(-3, 3))), source)
                parts.append(text)
                size += len(text.encode()) + 1
                if size >= target:
                    break
            if size >= target:
                break
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(parts) + "\n")
    print(f"web_document.py: {out}: {size} bytes, {section} sections", file=sys.stderr)


if __name__ == "__main__":
    main()
