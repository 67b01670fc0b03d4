#!/usr/bin/env python3
"""Candidates for Grammars/lexicon/names.tsv: numeral-bearing expressions that recur across documents.

    zhibiao extract DOCS... > all.jsonl
    Corpus/mine-names.py all.jsonl 3      # expressions seen in at least 3 documents

For every quantity written without digits, the Han-character windows around it (up to 4 characters
each side) are counted by document; a window kept only when no longer window holds most of its
documents. Prints WINDOW:DOCUMENTS:SURFACE. Review by hand: a place, a programme, a slogan or an
idiom goes into names.tsv (with a counter-example in linker.examples); a real count does not.
"""
import json,sys,collections,re
han=re.compile(r'^[\u4e00-\u9fff]+$')
df=collections.defaultdict(set); ex={}
for l in open(sys.argv[1]):
    d=json.loads(l)
    s=d['surface']
    if re.search(r'[0-9０-９]',s): continue
    sent=d['sentence']; ss=d['sentenceStart']; a=d['start']-ss; b=d['end']-ss
    if sent[a:b]!=s: continue
    for k in range(0,5):
        for j in range(0,5):
            if k+j==0: continue
            if a-k<0 or b+j>len(sent): continue
            w=sent[a-k:b+j]
            if not han.match(w) or len(w)>8: continue
            df[w].add(d['doc']); ex.setdefault(w,s)
mn=int(sys.argv[2])
cand={w:len(v) for w,v in df.items() if len(v)>=mn}
# keep w unless some other candidate containing w has df >= 0.8*df(w)  (w is just a part of it)
# or w contains a shorter candidate with the same df (then the shorter one is the core)
keep=[]
for w,n in cand.items():
    if any(w!=o and w in o and m>=0.8*n for o,m in cand.items()): continue
    keep.append((n,w))
keep.sort(reverse=True)
print(' '.join(f'{w}:{n}:{ex[w]}' for n,w in keep))
