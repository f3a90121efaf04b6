#!/usr/bin/env python3
# test-kill.py: clippings-cli writers killed (SIGKILL) at random points
# leave a library that is whole, whose search index agrees with it, and
# that holds every write the CLI reported as done.
#
# CLIP_KILL_COUNT sets how many writers are killed (default 40);
# CLIP_KILL_SEED makes a run repeatable.
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kills CLI writers at random points and checks the library after each."""

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

CLI = None
SHARED = os.environ.get('CLIP_SHARED_DIR', '')
FIXTURES = os.environ.get('CLIP_FIXTURES_DIR', '')
SEED = os.path.join(SHARED, 'seeds', '000_b67e86a4bc963dd2.txt')
COUNT = int(os.environ.get('CLIP_KILL_COUNT', '40'))


class Library:
    """The library under test and what the CLI said it wrote to it."""

    def __init__(self, path):
        self.path = path
        self.articles = set()      # ids printed by import
        self.annotations = {}      # id printed by annotate -> note
        self.imported_notes = set()  # notes of import-annotations that said imported: 1
        self.tags = set()          # tag names a finished rename made

    def check(self):
        db = sqlite3.connect(self.path)
        try:
            problems = [row[0] for row in db.execute('PRAGMA integrity_check')]
            assert problems == ['ok'], problems
            db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
            db.rollback()
            assert db.execute('PRAGMA foreign_key_check').fetchall() == []
            ids = {row[0] for row in db.execute('SELECT id FROM articles')}
            missing = self.articles - ids
            assert not missing, 'articles reported imported are gone: %s' % missing
            notes = dict(db.execute('SELECT id, note FROM annotations'))
            for annotation_id, note in self.annotations.items():
                assert notes.get(annotation_id) == note, 'annotation %d is gone' % annotation_id
            stored_notes = set(notes.values())
            gone = self.imported_notes - stored_notes
            assert not gone, 'imported annotations are gone: %s' % gone
            tags = {row[0] for row in db.execute('SELECT name FROM tags')}
            assert self.tags <= tags, 'renamed tags are gone: %s' % (self.tags - tags)
            # An entity is only ever made with the annotation that names it.
            lonely = db.execute('SELECT count(*) FROM entities e WHERE NOT EXISTS'
                                ' (SELECT 1 FROM annotations a WHERE a.entity_id = e.id'
                                '  OR a.speaker_id = e.id)').fetchone()[0]
            assert lonely == 0, '%d entities without a mention' % lonely
            # Every article is found by its own search row.
            n_fts = db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Putin'").fetchone()[0]
            n_rows = db.execute("SELECT count(*) FROM articles WHERE text LIKE '%Putin%'").fetchone()[0]
            assert n_fts == n_rows, (n_fts, n_rows)
        finally:
            db.close()


class KillTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.lib = Library(os.path.join(self.tmp.name, 'library.db'))
        self.random = random.Random(int(os.environ.get('CLIP_KILL_SEED', str(time.time_ns()))))
        self.counter = 0

    def tearDown(self):
        self.tmp.cleanup()

    def run_cli(self, args):
        return subprocess.run([CLI, '--db', self.lib.path, *args], capture_output=True,
                              text=True, timeout=120)

    def annotations_file(self, note, article_id):
        path = os.path.join(self.tmp.name, 'a%d.json' % self.counter)
        item = {'@context': 'http://www.w3.org/ns/anno.jsonld', 'id': 'urn:kill:%d' % self.counter,
                'type': 'Annotation', 'body': {'type': 'TextualBody', 'value': note},
                'target': {'source': 'urn:clippings:article:%d' % article_id,
                           'selector': {'type': 'TextQuoteSelector', 'exact': 'Russian President'}}}
        with open(path, 'w') as f:
            json.dump(item, f)
        return path

    def operation(self):
        """A writer's command line and what to note if it says it finished."""
        self.counter += 1
        n = self.counter
        article_id = self.random.choice(sorted(self.lib.articles))
        kind = self.random.choice(['import', 'import', 'annotate', 'annotate-entity',
                                   'import-annotations', 'tags'])
        if kind == 'import':
            return kind, ['import', SEED], None
        if kind == 'annotate':
            note = 'note %d' % n
            return kind, ['annotate', str(article_id), '--quote', 'Russian President', '--kind', 'note',
                          '--note', note, '--tag', 'kill%d' % n], note
        if kind == 'annotate-entity':
            note = 'entity %d' % n
            return kind, ['annotate', str(article_id), '--quote', 'Putin', '--prefix', 'Vladimir ',
                          '--kind', 'entity', '--entity', 'Person %d' % n, '--note', note], note
        if kind == 'import-annotations':
            note = 'imported %d' % n
            return kind, ['import-annotations', self.annotations_file(note, article_id)], note
        return kind, ['tags', 'rename', 'base', 'base'], None

    def record(self, kind, result, note):
        if result.returncode != 0:
            return
        if kind == 'import':
            self.lib.articles.add(int(result.stdout.strip()))
        elif kind.startswith('annotate'):
            self.lib.annotations[json.loads(result.stdout)['id']] = note
        elif kind == 'import-annotations' and 'imported: 1\n' in result.stdout:
            self.lib.imported_notes.add(note)

    @unittest.skipUnless(os.path.exists(SEED), 'the shared seed is not here')
    def test_kill_writers(self):
        result = self.run_cli(['import', SEED])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.lib.articles.add(int(result.stdout))
        result = self.run_cli(['annotate', '1', '--quote', 'Kerry', '--prefix', 'State Secretary John ', '--kind', 'highlight',
                               '--tag', 'base'])
        self.assertEqual(result.returncode, 0, result.stderr)

        # How long each kind of writer runs, to kill it anywhere in that time.
        durations = {}
        for _ in range(2):
            for kind_wanted in ('import', 'annotate', 'annotate-entity', 'import-annotations', 'tags'):
                while True:
                    kind, args, note = self.operation()
                    if kind == kind_wanted:
                        break
                began = time.monotonic()
                result = self.run_cli(args)
                durations[kind] = max(durations.get(kind, 0), time.monotonic() - began)
                self.assertEqual(result.returncode, 0, (args, result.stderr))
                self.record(kind, result, note)
        self.lib.check()

        killed = finished = 0
        for _ in range(COUNT):
            kind, args, note = self.operation()
            process = subprocess.Popen([CLI, '--db', self.lib.path, *args], stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, text=True)
            time.sleep(self.random.uniform(0, durations[kind] * 1.1))
            process.send_signal(signal.SIGKILL)
            stdout, stderr = process.communicate(timeout=120)
            if process.returncode == -signal.SIGKILL:
                killed += 1
            else:
                finished += 1
                self.assertEqual(process.returncode, 0, (args, stderr))
                self.record(kind, subprocess.CompletedProcess(args, process.returncode, stdout, stderr),
                            note)
            self.lib.check()

        print('kills: %d killed, %d finished first; %d articles, %d annotations, %d imported '
              'annotations reported and all still there' % (killed, finished, len(self.lib.articles),
                                                              len(self.lib.annotations),
                                                              len(self.lib.imported_notes)),
              file=sys.stderr)
        # A library that took the kills still takes writes.
        result = self.run_cli(['import', SEED])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.run_cli(['check']).stdout.strip(), 'ok')
        self.assertGreater(killed, 0)


if __name__ == '__main__':
    CLI = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
