#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs one libFuzzer harness for a bounded time, as the "fuzz" suite does.

    run-fuzzer.py NAME HARNESS BUILD_DIR [LIBFUZZER_ARGS...]

1. Prepares the seed corpus BUILD_DIR/seeds/NAME once (from ../shared,
   CLIP_SHARED_DIR, and tests/fixtures, CLIP_FIXTURES_DIR): pages are
   gunzipped, annotation and anchor seeds are written from the texts.
2. Replays every crash fixture of tests/fixtures/fuzz/NAME: each must
   run clean.
3. Fuzzes for CLIP_FUZZ_SECONDS (default 30) seconds, growing the
   corpus BUILD_DIR/corpus/NAME; a crash is written under
   BUILD_DIR/artifacts/NAME/ and fails the test.

Extra arguments go to libFuzzer, e.g. -max_total_time=600 -jobs=2.
"""

import glob
import gzip
import hashlib
import json
import os
import subprocess
import sys

SHARED = os.environ.get("CLIP_SHARED_DIR", "")
FIXTURES = os.environ.get("CLIP_FIXTURES_DIR", "")
# Enough real pages to reach the code's corners, few enough that the
# corpus loads in seconds under ASan.
MAX_PAGES = 60
MAX_TEXTS = 60
# The URL fuzz-annotations.c stores its one clipping under.
ARTICLE_URL = "http://example.com/page1"
ARTICLE_EXACT = "help narrow gaps in Moscow"


def shared(*pattern):
    return sorted(glob.glob(os.path.join(SHARED, *pattern)))


def fixtures(*pattern):
    return sorted(glob.glob(os.path.join(FIXTURES, *pattern)))


def read(path):
    with open(path, "rb") as f:
        data = f.read()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def pages(name, limit):
    return shared("corpus", "readability", "*", name)[:limit]


def extract_seeds():
    files = pages("source.html.gz", MAX_PAGES)
    files += shared("corpus", "dragnet", "*", "source.html.gz")[: MAX_PAGES // 2]
    files += fixtures("*.html") + fixtures("extract", "*.html")
    return [read(f) for f in files]


def sanitize_seeds():
    files = pages("expected.html.gz", MAX_PAGES) + fixtures("*.html")
    return [read(f) for f in files]


def import_text_seeds():
    files = shared("seeds", "*.txt") + fixtures("*.txt")
    files += shared("corpus", "dragnet", "*", "expected.txt")[:MAX_TEXTS]
    return [read(f) for f in files]


def mhtml_seeds():
    part = (b"--B\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Location: https://example.com/a.html\r\n"
            b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
            b"<html><body><h1>Title</h1><p>Some =C3=A9 text that is long enough to be an article body.</p>"
            b"<img src=3D\"https://example.com/i.png\"></body></html>\r\n"
            b"--B\r\nContent-Type: image/png\r\nContent-Location: https://example.com/i.png\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--B--\r\n")
    made = (b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n"
            b"Content-Type: multipart/related; type=\"text/html\"; boundary=\"B\"\r\n\r\n" + part)
    return [read(f) for f in fixtures("*.mhtml")] + [made]


def query_seeds():
    queries = [
        'cafe', '"a phrase"', '“typographic quotes”', 'pref*', '"a phra"*',
        '-word', '-"a phrase"', '-pref*', 'tag:NAME', 'tag:"city hall"',
        'entity:Ma', 'site:example.com', 'kind:quote', 'kind:highlight',
        'before:2025 after:2023', 'before:2024-02-29', 'after:2024-12',
        'Zoë AND OR NOT NEAR', 'a:b c:"d e"', '"unbalanced', '—', 'x* -y* "z"',
        'tag:a tag:b site:c entity:"d e" kind:note before:2000-01-01',
    ]
    return [q.encode() for q in queries]


def annotation(selector, body=None, target=ARTICLE_URL):
    item = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
            "id": "urn:uuid:1", "target": {"source": target, "selector": selector}}
    if body is not None:
        item["body"] = body
    return item


def annotations_seeds():
    files = shared("w3c-annotation", "samples", "*", "*.json")
    seeds = [read(f) for f in files]
    quote = {"type": "TextQuoteSelector", "exact": ARTICLE_EXACT,
             "prefix": "agreed to ", "suffix": ". The"}
    position = {"type": "TextPositionSelector", "start": 60, "end": 86}
    items = [
        annotation([quote, position], {"type": "TextualBody", "value": "a note",
                                        "purpose": "commenting"}),
        annotation(quote, [{"type": "TextualBody", "value": "tag", "purpose": "tagging"}]),
        annotation({"type": "TextQuoteSelector", "exact": "the quikc brown fox"}),
        annotation(position),
    ]
    seeds += [json.dumps(i).encode() for i in items]
    seeds.append(json.dumps(items).encode())
    seeds.append(json.dumps({"@context": "http://www.w3.org/ns/anno.jsonld",
                             "type": "AnnotationCollection",
                             "first": {"type": "AnnotationPage", "items": items}}).encode())
    return seeds


def anchor_seed(text, start, end, exact, prefix, suffix):
    head = start.to_bytes(8, "little", signed=True) + end.to_bytes(8, "little", signed=True)
    return head + b"\0".join(s.encode() for s in (text, exact, prefix, suffix))


def anchor_seeds():
    seeds = []
    for f in shared("corpus", "dragnet", "*", "expected.txt")[:MAX_TEXTS // 2]:
        text = read(f).decode("utf-8", "replace")[:1500]
        if len(text) < 200:
            continue
        start, end = 100, 140
        exact = text[start:end]
        prefix, suffix = text[start - 32:start], text[end:end + 32]
        seeds.append(anchor_seed(text, start, end, exact, prefix, suffix))
        seeds.append(anchor_seed(text, start + 7, end + 7, exact, prefix, suffix))
        typo = exact[:10] + "x" + exact[11:]
        seeds.append(anchor_seed(text[:start] + typo + text[end:], 0, 0, exact, prefix, suffix))
        seeds.append(anchor_seed(text, 2**62, -5, exact, "", ""))
    return seeds


SEEDS = {
    "anchor": anchor_seeds,
    "annotations": annotations_seeds,
    "extract": extract_seeds,
    "import-text": import_text_seeds,
    "mhtml": mhtml_seeds,
    "query": query_seeds,
    "sanitize": sanitize_seeds,
}


def prepare_seeds(name, directory):
    stamp = os.path.join(directory, ".prepared")
    if os.path.exists(stamp):
        return
    os.makedirs(directory, exist_ok=True)
    seeds = SEEDS[name]()
    if not seeds:
        print("no seeds for %s (is CLIP_SHARED_DIR right?)" % name, file=sys.stderr)
    for data in seeds:
        digest = hashlib.sha1(data).hexdigest()
        with open(os.path.join(directory, digest), "wb") as f:
            f.write(data)
    open(stamp, "w").close()
    print("%d seeds for %s in %s" % (len(seeds), name, directory))


def main():
    name, harness, build_dir = sys.argv[1:4]
    extra = sys.argv[4:]
    seeds = os.path.join(build_dir, "seeds", name)
    corpus = os.path.join(build_dir, "corpus", name)
    artifacts = os.path.join(build_dir, "artifacts", name) + os.sep
    prepare_seeds(name, seeds)
    os.makedirs(corpus, exist_ok=True)
    os.makedirs(artifacts, exist_ok=True)

    crashes = sorted(glob.glob(os.path.join(FIXTURES, "fuzz", name, "*")))
    if crashes:
        print("replaying %d fixtures" % len(crashes), flush=True)
        if subprocess.call([harness] + crashes) != 0:
            return 1

    seconds = os.environ.get("CLIP_FUZZ_SECONDS", "30")
    # A unit that takes 30 s is a hang; coverage tracing and ASan make the
    # fuzzy anchor search some 50 times slower than a release build, and
    # the machine may be shared, so less would cry wolf.
    command = [harness, "-max_total_time=" + seconds, "-timeout=30",
               "-rss_limit_mb=2048", "-print_final_stats=1",
               "-artifact_prefix=" + artifacts] + extra + [corpus, seeds]
    print(" ".join(command), flush=True)
    rc = subprocess.call(command)
    if rc != 0:
        # libFuzzer exits 77 on a crash, which meson would count as a skip.
        rc = 1
        print("\nThe harness failed: the input is in %s. Fix the code, then keep the "
              "input as tests/fixtures/fuzz/%s/NAME (the unit suite replays it)."
              % (artifacts, name), file=sys.stderr)
    return rc


if __name__ == "__main__":
    sys.exit(main())
