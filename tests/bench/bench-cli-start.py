#!/usr/bin/env python3
# bench-cli-start.py: how fast clippings-cli starts, whole process
#
# Times, in one run: --version, list on an empty library, a rare-word
# search on a 10,000-clipping library (made by bench-store), extract of
# one page; and the same FTS5 query through the sqlite3 program on the
# same library as the floor. Medians of repeated runs, and the peak
# memory (VmHWM, from wait4's rusage) of list.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import gzip
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

RUNS = 30


def median_ms(argv, runs=RUNS, env=None):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times[len(times) // 2]


def peak_kb(argv, env=None):
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        try:
            os.execve(argv[0], argv, env or os.environ)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit('%s failed' % argv)
    return usage.ru_maxrss


def rare_word(db):
    """A word of one article that few others hold (2 to 20 of them)."""
    connection = sqlite3.connect('file:%s?mode=ro' % db, uri=True)
    text = connection.execute('SELECT text FROM articles ORDER BY id LIMIT 1 OFFSET 500').fetchone()[0]
    for word in sorted(set(text.split()), key=len, reverse=True):
        word = ''.join(c for c in word if c.isalnum())
        if len(word) < 4:
            continue
        count = connection.execute('SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?',
                                   ('"%s"' % word,)).fetchone()[0]
        if 2 <= count <= 20:
            connection.close()
            return word, count
    sys.exit('no rare word found')


def main():
    cli, bench_store = sys.argv[1], sys.argv[2]
    sqlite = shutil.which('sqlite3')
    shared = os.environ.get('CLIP_SHARED_DIR', '')
    env = dict(os.environ)

    with tempfile.TemporaryDirectory() as tmp:
        empty = os.path.join(tmp, 'empty.db')
        subprocess.run([cli, '--db', empty, 'list'], check=True, stdout=subprocess.DEVNULL)

        keep = os.path.join(tmp, 'kept')
        subprocess.run([bench_store, '10000'], check=True, stdout=subprocess.DEVNULL,
                       env=dict(env, CLIP_BENCH_KEEP_DIR=keep))
        library = os.path.join(keep, '10000', 'clippings', 'clippings.db')
        word, hits = rare_word(library)

        page = os.path.join(tmp, 'page.html')
        source = os.path.join(shared, 'corpus', 'readability', 'guardian-1', 'source.html.gz')
        if os.path.exists(source):
            with gzip.open(source) as f, open(page, 'wb') as out:
                out.write(f.read())
        else:
            with open(page, 'w') as out:
                out.write('<html><body><article><h1>Title</h1>' + '<p>Some words of a paragraph.</p>' * 50 +
                          '</article></body></html>')

        query = ("SELECT rowid, snippet(articles_fts, 2, '[', ']', '…', 12) FROM articles_fts"
                 " WHERE articles_fts MATCH '\"%s\"' ORDER BY rank LIMIT 20" % word)
        figures = {
            'version_ms': median_ms([cli, '--version']),
            'sqlite3_version_ms': median_ms([sqlite, '-version']),
            'list_empty_ms': median_ms([cli, '--db', empty, 'list']),
            'search_rare_ms': median_ms([cli, '--db', library, 'search', word]),
            'sqlite3_search_ms': median_ms([sqlite, '-readonly', library, query]),
            'extract_ms': median_ms([cli, 'extract', page], runs=10),
            'list_peak_mb': peak_kb([cli, '--db', empty, 'list']) / 1024,
        }

    print('cli-start: word=%s hits=%d' % (word, hits))
    print('cli-start: ' + ' '.join('%s=%.2f' % item for item in figures.items()))
    print('cli-start: version_vs_sqlite3=%.1fx search_vs_sqlite3=%.1fx' % (
        figures['version_ms'] / figures['sqlite3_version_ms'],
        figures['search_rare_ms'] / figures['sqlite3_search_ms']))


if __name__ == '__main__':
    main()
