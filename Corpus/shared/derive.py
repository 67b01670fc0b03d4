#!/usr/bin/env python3
"""Materialize the corpus documents that Zhibiao's annotations refer to but that sit inside an
archive or a JSON Lines file of ../shared/corpus (SOURCES.tsv says where), as UTF-8 text files.

    Corpus/shared/derive.py [--corpus ../shared/corpus] [--out DIR] [NAME ...]

Prints `NAME<TAB>PATH` per document on stdout. A document whose text does not have the
SHA-256 recorded in SOURCES.tsv is an error (exit 65): the annotations' offsets would be wrong.
"""
import argparse, csv, hashlib, io, json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))

def sources():
    with open(os.path.join(here, 'SOURCES.tsv'), encoding='utf-8') as f:
        rows = [l.rstrip('\n').split('\t') for l in f if l.strip() and not l.startswith('#')]
    return {r[0]: dict(zip(['name', 'source', 'select', 'sha256'], r)) for r in rows[1:]}

def text_of(corpus, row):
    path = os.path.join(corpus, row['source'])
    select, _, field = row['select'].partition('#')
    if not select:
        with open(path, 'rb') as f:
            return f.read()
    if path.endswith('.tar.zst'):
        data = subprocess.run(['tar', '-I', 'zstd', '-xOf', path, select], check=True, capture_output=True).stdout
        csv.field_size_limit(1 << 30)
        records = list(csv.DictReader(io.StringIO(data.decode('utf-8-sig'), newline='')))
        return records[0][field]
    if path.endswith('.jsonl'):
        key, _, value = select.partition('=')
        with open(path, encoding='utf-8') as f:
            for line in f:
                record = json.loads(line)
                if str(record.get(key)) == value:
                    return record[field]
        raise SystemExit(f'derive.py: {row["source"]}: no record with {select}')
    with open(path, encoding='utf-8') as f:
        return f.read()

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--corpus', default=os.path.join(here, '..', '..', '..', 'shared', 'corpus'))
    parser.add_argument('--out', default=os.path.join(here, '..', '..', '.build', 'derived-corpus'))
    parser.add_argument('names', nargs='*')
    args = parser.parse_args()
    table = sources()
    os.makedirs(args.out, exist_ok=True)
    for name in args.names or sorted(table):
        if name not in table:
            sys.exit(f'derive.py: {name}: not in SOURCES.tsv')
        row = table[name]
        text = text_of(args.corpus, row)
        data = text if isinstance(text, bytes) else text.encode('utf-8')
        extension = os.path.splitext(row['source'])[1] if not row['select'] else '.txt'
        digest = hashlib.sha256(data).hexdigest()
        if row.get('sha256') and row['sha256'] != digest:
            print(f'derive.py: {name}: text has SHA-256 {digest}, SOURCES.tsv says {row["sha256"]}', file=sys.stderr)
            sys.exit(65)
        out = os.path.join(args.out, name + extension)
        with open(out, 'wb') as f:
            f.write(data)
        print(f'{name}\t{os.path.abspath(out)}')

main()
