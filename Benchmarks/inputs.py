#!/usr/bin/env python3
"""Materializes the benchmark inputs into a folder, one UTF-8 file per document.

    Benchmarks/inputs.py OUT [--shared ../shared/corpus]

OUT/hans/  about 10 MB of real Simplified documents (363 files): the national Government Work
           Reports 1954-2025 (bulk/cn-national-gwr-1954-2025.jsonl), the 31 provincial reports of
           2026 (bulk/cn-provincial-gwr-2026-csv), the loose Simplified texts (pairs/ eval/ html/*.txt
           bulk/national-fyp bulk/pkulaw-local-policies) and 218 LawRefBook laws (random, seed 1).
OUT/hant/  about 10 MB of Traditional text (34 files): the texts of hant/ and the Traditional
           ones of eval/, and 23 sittings of the Hong Kong LegCo Hansard 2012-13.
OUT/seeds-10mb.txt  the two seeds repeated to 10 MiB, one document.
OUT/*.txt  each set joined into one file (hans.txt, hant.txt), the text the peers read.

The same files on every run (sorted names, fixed seed), so that timings and outputs compare.
"""
import csv, io, json, os, random, sys, tarfile, subprocess

def zstd_tar(path):
    data = subprocess.run(["zstd", "-dc", path], check=True, capture_output=True).stdout
    return tarfile.open(fileobj=io.BytesIO(data))

def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    out = args[0]
    shared = "../shared/corpus"
    if "--shared" in args:
        shared = args[args.index("--shared") + 1]
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    hans, hant = os.path.join(out, "hans"), os.path.join(out, "hant")
    os.makedirs(hans, exist_ok=True)
    os.makedirs(hant, exist_ok=True)

    def write(folder, name, text):
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(text)

    # Simplified.
    with open(os.path.join(shared, "bulk/cn-national-gwr-1954-2025.jsonl"), encoding="utf-8") as f:
        for k, line in enumerate(f):
            record = json.loads(line)
            write(hans, "gwr-%03d.txt" % k, record["title"] + "\n" + record["content"])
    csv.field_size_limit(1 << 30)
    with zstd_tar(os.path.join(shared, "bulk/cn-provincial-gwr-2026-csv.tar.zst")) as tar:
        members = sorted((m for m in tar.getmembers() if m.name.endswith("_政府工作报告.csv")), key=lambda m: m.name)
        for k, member in enumerate(members):
            rows = list(csv.DictReader(io.StringIO(tar.extractfile(member).read().decode("utf-8-sig"))))
            write(hans, "prov-%02d.txt" % k, "\n".join(r["full_text"] for r in rows))
    for folder in ["pairs", "eval", "html", "bulk/national-fyp", "bulk/pkulaw-local-policies"]:
        for name in sorted(os.listdir(os.path.join(shared, folder))):
            if not name.endswith(".txt"):
                continue
            if folder == "eval" and "hk-" in name:
                continue
            with open(os.path.join(shared, folder, name), encoding="utf-8-sig") as f:
                write(hans, "loose-" + name, f.read())
    with zstd_tar(os.path.join(shared, "bulk/lawrefbook-laws-md.tar.zst")) as tar:
        members = sorted((m for m in tar.getmembers() if m.name.endswith(".md")), key=lambda m: m.name)
        for k, member in enumerate(sorted(random.Random(1).sample(members, 218), key=lambda m: m.name)):
            write(hans, "law-%03d.txt" % k, tar.extractfile(member).read().decode("utf-8", "replace"))

    # Traditional.
    for name in sorted(os.listdir(os.path.join(shared, "hant"))):
        if name.endswith(".txt") or name.endswith(".md"):
            with open(os.path.join(shared, "hant", name), encoding="utf-8-sig") as f:
                write(hant, name, f.read())
    for name in sorted(os.listdir(os.path.join(shared, "eval"))):
        if "hk-" in name and name.endswith(".txt"):
            with open(os.path.join(shared, "eval", name), encoding="utf-8-sig") as f:
                write(hant, "eval-" + name, f.read())
    with zstd_tar(os.path.join(shared, "bulk/hk-legco-hansard-2012-13-zh-txt.tar.zst")) as tar:
        members = sorted((m for m in tar.getmembers() if m.name.endswith(".txt")), key=lambda m: m.name)
        for member in members[:23]:
            write(hant, "legco-" + os.path.basename(member.name), tar.extractfile(member).read().decode("utf-8", "replace"))

    # Seeds repeated, and each set joined for the peers.
    seeds = b"".join(open(os.path.join(repo, "Corpus", n), "rb").read()
                     for n in ["000_cd4c2e10bd593054.txt", "002_113670edcd97c76e.txt"])
    with open(os.path.join(out, "seeds-10mb.txt"), "wb") as f:
        written = 0
        while written < 10 * 1048576:
            f.write(seeds)
            written += len(seeds)
    for name, folder in [("hans", hans), ("hant", hant)]:
        with open(os.path.join(out, name + ".txt"), "wb") as joined:
            for file in sorted(os.listdir(folder)):
                joined.write(open(os.path.join(folder, file), "rb").read())
                joined.write(b"\n")
    for name in ["hans", "hant"]:
        folder = os.path.join(out, name)
        size = sum(os.path.getsize(os.path.join(folder, n)) for n in os.listdir(folder))
        print("%s: %d files, %.2f MB" % (name, len(os.listdir(folder)), size / 1048576), file=sys.stderr)

if __name__ == "__main__":
    main()
