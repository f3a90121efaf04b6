#!/usr/bin/env python3
# test-cli-robust.py: clippings-cli on bad input, full disks, read-only
# folders and damaged libraries (issue 11): nothing crashes, hangs or
# reports the opposite of what happened, and a damaged library is never
# written to.
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs clippings-cli against hostile files and broken storage."""

import hashlib
import json
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

CLI = None
SHARED = os.environ.get('CLIP_SHARED_DIR', '')
SEED = os.path.join(SHARED, 'seeds', '000_b67e86a4bc963dd2.txt')


def run(*args, db, timeout=60, **kwargs):
    return subprocess.run([CLI, '--db', db, *args], capture_output=True,
                          text=True, timeout=timeout, **kwargs)


def digest(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def can_mount():
    """Tests of full disks and read-only folders mount a small tmpfs or a
    read-only bind in a private mount namespace (root ignores file modes,
    so chmod cannot make a folder read-only for these tests)."""
    if shutil.which('unshare') is None:
        return False
    result = subprocess.run(['unshare', '-m', 'sh', '-c',
                             'mount --make-rprivate / && mount -t tmpfs -o size=64k none /mnt'],
                            capture_output=True)
    return result.returncode == 0


MOUNTS = None


def in_namespace(script, timeout=120):
    """Runs a shell script in a private mount namespace; $CLI is the CLI."""
    return subprocess.run(['unshare', '-m', 'sh', '-ec',
                           'mount --make-rprivate /\n' + script],
                          capture_output=True, text=True, timeout=timeout,
                          env=dict(os.environ, CLI=CLI))


def damage(path):
    """Overwrites 4 KiB in the middle of the library, as the outside test
    did, but always in a page that a check reads: the middle one of the
    tables' and indexes' root pages (noise in a free page or in an
    article's overflow text would garble nothing a check can see)."""
    db = sqlite3.connect(path)
    db.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    page_size = db.execute('PRAGMA page_size').fetchone()[0]
    roots = sorted(row[0] for row in db.execute(
        "SELECT rootpage FROM sqlite_master WHERE rootpage > 1"))
    db.close()
    with open(path, 'r+b') as f:
        f.seek((roots[len(roots) // 2] - 1) * page_size)
        f.write(bytes(range(256)) * 16)


class RobustTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, 'library.db')

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def write(self, name, data):
        with open(self.path(name), 'wb') as f:
            f.write(data)
        return self.path(name)

    def import_ok(self, path, db=None):
        result = run('import', path, db=db or self.db)
        self.assertEqual(result.returncode, 0, result.stderr)
        return int(result.stdout.strip())

    def assertRefused(self, result, *words):
        """Exit 1 with a message, not a crash (negative: killed by a signal)."""
        self.assertEqual(result.returncode, 1, (result.stdout, result.stderr))
        for word in words:
            self.assertIn(word, result.stderr)

    # 1. A failure without an error set, then its message read.
    @unittest.skipUnless(os.path.exists(SEED), 'the shared seed is not here')
    def test_export_to_full_stdout(self):
        self.import_ok(SEED)
        for fmt in ('md', 'html', 'jsonld', 'csv', 'ris', 'bibtex', 'csljson'):
            with open('/dev/full', 'w') as full:
                result = subprocess.run([CLI, '--db', self.db, 'export', '1', '--format', fmt,
                                         '-o', '-'], stdout=full, stderr=subprocess.PIPE,
                                        text=True, timeout=60)
            self.assertEqual(result.returncode, 1, (fmt, result.stderr))
            self.assertIn('No space left on device', result.stderr)
        # Every command that prints says so when its output is lost.
        for args in (['list'], ['show', '1'], ['search', 'Putin'], ['annotations', '1', '--json']):
            with open('/dev/full', 'w') as full:
                result = subprocess.run([CLI, '--db', self.db, *args], stdout=full,
                                        stderr=subprocess.PIPE, text=True, timeout=60)
            self.assertEqual(result.returncode, 1, (args, result.stderr))
            self.assertIn('standard output', result.stderr)

    # 2. JSON nested deeper than any parser stack.
    @unittest.skipUnless(os.path.exists(SEED), 'the shared seed is not here')
    def test_deep_json(self):
        self.import_ok(SEED)
        for name, data in (('arrays.json', '[' * 100000 + ']' * 100000),
                           ('objects.json', '{"a":' * 100000 + '1' + '}' * 100000),
                           ('inside.json', '[{"body": ' + '[' * 300 + ']' * 300 + '}]')):
            path = self.write(name, data.encode())
            result = run('import-annotations', path, db=self.db)
            self.assertRefused(result, 'nested more than 256 levels')
        # Brackets inside strings are text, not nesting.
        path = self.write('strings.json', json.dumps([{'note': '[' * 1000}]).encode())
        result = run('import-annotations', path, db=self.db)
        self.assertNotIn('nested', result.stderr)

    # 3. An empty --db opened a temporary database and reported success.
    @unittest.skipUnless(os.path.exists(SEED), 'the shared seed is not here')
    def test_empty_db_refused(self):
        for args in (['--db', ''], ['--db=']):
            result = subprocess.run([CLI, *args, 'import', SEED], capture_output=True,
                                    text=True, timeout=60, cwd=self.tmp.name)
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertEqual(result.stdout, '')
            self.assertIn('--db needs a path', result.stderr)
        # ":memory:" is a file name like any other: the write is in it.
        result = subprocess.run([CLI, '--db', ':memory:', 'import', SEED], capture_output=True,
                                text=True, timeout=60, cwd=self.tmp.name)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(os.path.exists(self.path(':memory:')))

    # 4. A damaged library is written to.
    @unittest.skipUnless(os.path.exists(SEED), 'the shared seed is not here')
    def test_damaged_library_is_not_written(self):
        for _ in range(40):
            self.import_ok(SEED)
        result = run('annotate', '1', '--quote', 'Vladimir Putin', '--kind', 'entity',
                     '--tag', 'kremlin', db=self.db)
        self.assertEqual(result.returncode, 0, result.stderr)
        damage(self.db)
        before = digest(self.db)
        for args in (['import', SEED],
                     ['annotate', '2', '--quote', 'Vladimir Putin', '--kind', 'entity'],
                     ['tags', 'rename', 'kremlin', 'moscow']):
            result = run(*args, db=self.db)
            self.assertRefused(result, 'damaged')
            self.assertEqual(digest(self.db), before, args)

        result = run('check', db=self.db)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('damaged', result.stderr)
        self.assertNotEqual(result.stdout.strip(), 'ok')

        out = self.path('recovered.db')
        result = run('recover', out, db=self.db)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(digest(self.db), before)
        copied = int(result.stdout.split('copied: ')[1].split()[0])
        self.assertGreater(copied, 20)
        result = run('check', db=out)
        self.assertEqual((result.returncode, result.stdout.strip()), (0, 'ok'), result.stderr)
        listed = run('list', db=out).stdout.strip().split('\n')
        self.assertGreater(len(listed), 20)
        self.assertLess(len(listed), 41)
        # The recovered library is an ordinary one: it takes writes.
        self.import_ok(SEED, db=out)
        self.assertEqual(run('recover', out, db=self.db).returncode, 1)

    def test_check_healthy(self):
        self.assertEqual(run('list', db=self.db).returncode, 0)
        result = run('check', db=self.db)
        self.assertEqual((result.returncode, result.stdout.strip()), (0, 'ok'), result.stderr)

    # 6. A search of many words took a minute, or never ended.
    @unittest.skipUnless(os.path.exists(SEED), 'the shared seed is not here')
    def test_search_bounded(self):
        for _ in range(3):
            self.import_ok(SEED)
        text = json.loads(run('show', '1', '--json', db=self.db).stdout)['text']
        words = [w for w in text.split() if w.isalpha()]
        # 1,000 short words: too many terms; 12,000 words (as many as one argument
        # can hold): too long as well.
        for query, message in ((' '.join('abcdefghij'[i % 10] for i in range(1000)), 'more than 64 words'),
                               (' '.join(words[i % len(words)] for i in range(12000)), 'longer than')):
            result = run('search', query, db=self.db, timeout=20)
            self.assertEqual(result.returncode, 1, result.stderr)
            self.assertIn(message, result.stderr)
        result = run('search', '"' + ' '.join(words[:200]) + '"', db=self.db, timeout=20)
        self.assertIn('more than 64 words', result.stderr)
        result = run('search', ' '.join(words[:64]), '--json', db=self.db, timeout=20)
        self.assertEqual(result.returncode, 0, result.stderr)
        result = run('search', 'x' * 5000, db=self.db, timeout=20)
        self.assertIn('longer than 4096 characters', result.stderr)

    # 7. Devices and FIFOs.
    def test_devices_and_fifos(self):
        for args in (['import', '/dev/zero'], ['import', '/dev/urandom'],
                     ['import-annotations', '/dev/zero']):
            self.assertRefused(run(*args, db=self.db, timeout=30), 'not')
        result = subprocess.run([CLI, 'extract', '/dev/zero'], capture_output=True,
                                text=True, timeout=30)
        self.assertEqual(result.returncode, 1)
        self.assertIn('not a regular file', json.loads(result.stdout)['error'])
        fifo = self.path('fifo')
        os.mkfifo(fifo)
        for args in (['import', fifo], ['import-annotations', fifo]):
            self.assertRefused(run(*args, db=self.db, timeout=30), 'pipe')
        result = subprocess.run([CLI, 'extract', fifo], capture_output=True, text=True, timeout=30)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(run('list', db=self.db).stdout, '')

    # 8. What happened at open, and reads on a read-only folder.
    @unittest.skipUnless(os.path.exists(SEED), 'the shared seed is not here')
    def test_open_messages(self):
        self.import_ok(SEED)
        newer = self.path('newer.db')
        shutil.copy(self.db, newer)
        db = sqlite3.connect(newer)
        db.execute('PRAGMA user_version = 99')
        db.close()
        self.assertRefused(run('list', db=newer), 'newer version')
        self.assertRefused(run('list', db=self.write('text.db', b'hello ' * 1000)),
                           'not a Clippings library')
        # Locked: another program holds the write lock.
        holder = sqlite3.connect(self.db, isolation_level=None)
        holder.execute('BEGIN IMMEDIATE')
        try:
            result = run('import', SEED, db=self.db)
            self.assertRefused(result, 'locked')
            self.assertNotIn('not a Clippings library', result.stderr)
            self.assertEqual(run('list', db=self.db).returncode, 0)
        finally:
            holder.execute('ROLLBACK')
            holder.close()

    @unittest.skipUnless(os.path.exists(SEED), 'the shared seed is not here')
    def test_read_only_folder(self):
        if not can_mount():
            self.skipTest('cannot mount in a private namespace here')
        folder = self.path('lib')
        os.mkdir(folder)
        db = os.path.join(folder, 'library.db')
        self.import_ok(SEED, db=db)
        result = run('annotate', '1', '--quote', 'Vladimir Putin', '--kind', 'entity', db=db)
        self.assertEqual(result.returncode, 0, result.stderr)
        # No -wal or -shm beside it, as after a clean close.
        self.assertFalse(os.path.exists(db + '-wal'))
        before = digest(db)
        reads = [['list'], ['show', '1'], ['search', 'Putin'], ['annotations', '1'], ['tags'],
                 ['entities'], ['export', '1', '--format', 'md', '-o', '-'], ['check']]
        script = 'mount --bind {0} {0}\nmount -o remount,ro,bind {0}\n'.format(shlex.quote(folder))
        for args in reads:
            script += '"$CLI" --db {} {} > /dev/null || echo "FAILED {}"\n'.format(
                shlex.quote(db), ' '.join(shlex.quote(a) for a in args), args[0])
        script += '"$CLI" --db {} import {} 2>&1 || true\n'.format(shlex.quote(db), shlex.quote(SEED))
        result = in_namespace(script)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn('FAILED', result.stdout, result.stdout + result.stderr)
        self.assertIn('read-only', result.stdout)
        self.assertNotIn('not a Clippings library', result.stdout)
        self.assertEqual(digest(db), before)

    @unittest.skipUnless(os.path.exists(SEED), 'the shared seed is not here')
    def test_full_disk(self):
        if not can_mount():
            self.skipTest('cannot mount in a private namespace here')
        folder = self.path('small')
        os.mkdir(folder)
        db = os.path.join(folder, 'library.db')
        out = os.path.join(folder, 'out.md')
        old = os.path.join(folder, 'old.md')
        q = shlex.quote
        script = '''mount -t tmpfs -o size=1m none {folder}
"$CLI" --db {db} import {seed} > /dev/null
echo previous > {old}
# Fill the disk to the last block.
dd if=/dev/zero of={folder}/filler bs=4k 2> /dev/null || true
"$CLI" --db {db} list > /dev/null && echo LIST-OK
"$CLI" --db {db} import {seed} 2>&1 && echo IMPORT-OK
"$CLI" --db {db} export 1 --format html -o {out} 2>&1 && echo EXPORT-OK
"$CLI" --db {db} export 1 --format html --force -o {old} 2>&1 && echo FORCE-OK
ls -a {folder}
cat {old}
'''.format(folder=q(folder), db=q(db), seed=q(SEED), out=q(out), old=q(old))
        result = in_namespace(script)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('LIST-OK', result.stdout)
        self.assertNotIn('IMPORT-OK', result.stdout)
        self.assertIn('disk is full', result.stdout)
        self.assertNotIn('not a Clippings library', result.stdout)
        # 10. No truncated export, no temporary file left, the old file kept.
        self.assertNotIn('EXPORT-OK', result.stdout)
        self.assertNotIn('FORCE-OK', result.stdout)
        listing = result.stdout.split('\n')
        self.assertNotIn('out.md', listing)
        self.assertFalse([name for name in listing if name.startswith('.out.md')
                          or name.startswith('.old.md')], listing)
        self.assertIn('previous', listing)

    # 10. An export that fails leaves no file under the target's name.
    @unittest.skipUnless(os.path.exists(SEED), 'the shared seed is not here')
    def test_export_replaces_whole(self):
        self.import_ok(SEED)
        out = self.write('out.md', b'previous')
        result = run('export', '1', '--format', 'md', '-o', out, db=self.db)
        self.assertRefused(result, 'exists')
        with open(out, 'rb') as f:
            self.assertEqual(f.read(), b'previous')
        result = run('export', '1', '--format', 'md', '--force', '-o', out, db=self.db)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(out) as f:
            self.assertIn('Putin', f.read())
        self.assertEqual(sorted(n for n in os.listdir(self.tmp.name) if n.startswith('.')), [])

    # 11. Smaller things.
    @unittest.skipUnless(os.path.exists(SEED), 'the shared seed is not here')
    def test_no_new_folders(self):
        db = self.path('new/dir/x.db')
        result = run('import', SEED, db=db)
        self.assertRefused(result, 'does not exist')
        self.assertFalse(os.path.exists(self.path('new')))

    @unittest.skipUnless(os.path.exists(SEED), 'the shared seed is not here')
    def test_bad_format_number(self):
        self.import_ok(SEED)
        for version in (-1, 3):
            other = self.path('v%d.db' % version)
            shutil.copy(self.db, other)
            db = sqlite3.connect(other)
            db.execute('PRAGMA user_version = %d' % version)
            if version == 3:
                for table in ('annotations', 'articles'):
                    db.execute('DROP TABLE %s' % table)
            db.commit()
            db.close()
            before = digest(other)
            for args in (['list'], ['import', SEED]):
                self.assertRefused(run(*args, db=other), 'not a Clippings library')
            self.assertEqual(digest(other), before)

    # 5. A quote that is not in the text.
    @unittest.skipUnless(os.path.exists(SEED), 'the shared seed is not here')
    def test_quote_must_match(self):
        self.import_ok(SEED)
        result = run('annotate', '1', '--quote', 'help narrow zebra in Moscow', '--kind', 'note', db=self.db)
        self.assertRefused(result, 'not in the article', '--fuzzy')
        self.assertEqual(json.loads(run('annotations', '1', '--json', db=self.db).stdout), [])
        # Whitespace is the text's own: any run is one space.
        result = run('annotate', '1', '--quote', '  Russian   President\nVladimir ', '--kind', 'note',
                     db=self.db)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout)['exact'], 'Russian President Vladimir')
        # Letters must be the same code points: no case or accent folding.
        self.assertRefused(run('annotate', '1', '--quote', 'russian president', '--kind', 'note',
                               db=self.db), 'not in the article')
        result = run('annotate', '1', '--quote', 'help narrow zebra in Moscow', '--kind', 'note',
                     '--fuzzy', db=self.db)
        self.assertEqual(result.returncode, 0, result.stderr)
        stored = json.loads(result.stdout)
        self.assertNotEqual(stored['exact'], 'help narrow zebra in Moscow')
        self.assertIn('--fuzzy matched', result.stderr)
        self.assertIn(stored['exact'], result.stderr)

    @unittest.skipUnless(os.path.exists(SEED), 'the shared seed is not here')
    def test_import_reports_fuzzy(self):
        self.import_ok(SEED)
        text = json.loads(run('show', '1', '--json', db=self.db).stdout)['text']
        exact = text[text.index('Vladimir Putin'):][:60]
        changed = exact.replace('Putin', 'Putni')
        def anno(n, quote):
            return {'@context': 'http://www.w3.org/ns/anno.jsonld', 'id': 'urn:x:%d' % n,
                    'type': 'Annotation', 'body': {'type': 'TextualBody', 'value': 'n%d' % n},
                    'target': {'source': 'urn:clippings:article:1',
                               'selector': {'type': 'TextQuoteSelector', 'exact': quote}}}
        path = self.write('a.json', json.dumps([anno(1, exact), anno(2, changed)]).encode())
        result = run('import-annotations', path, db=self.db)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('imported: 1\nfuzzy: 1\n', result.stdout)
        self.assertIn('fuzzy match', result.stderr)

    # 9. A library that cannot be written is an error, and nothing is imported.
    @unittest.skipUnless(os.path.exists(SEED), 'the shared seed is not here')
    def test_import_annotations_locked(self):
        self.import_ok(SEED)
        text = json.loads(run('show', '1', '--json', db=self.db).stdout)['text']
        items = [{'@context': 'http://www.w3.org/ns/anno.jsonld', 'id': 'urn:x:%d' % i,
                  'type': 'Annotation', 'body': {'type': 'TextualBody', 'value': 'note %d' % i},
                  'target': {'source': 'urn:clippings:article:1',
                             'selector': {'type': 'TextQuoteSelector', 'exact': text[i * 20:i * 20 + 15].strip()}}}
                 for i in range(1, 4)]
        path = self.write('a.json', json.dumps(items).encode())
        holder = sqlite3.connect(self.db, isolation_level=None)
        holder.execute('BEGIN IMMEDIATE')
        try:
            result = run('import-annotations', path, db=self.db)
        finally:
            holder.execute('ROLLBACK')
            holder.close()
        self.assertRefused(result, 'locked')
        self.assertNotIn('invalid: 1', result.stdout)
        self.assertEqual(json.loads(run('annotations', '1', '--json', db=self.db).stdout), [])
        # A write that fails half-way keeps none of it: the third annotation
        # meets an SQL error (not a refused value) from a trigger standing in
        # for a full disk.
        db = sqlite3.connect(self.db)
        db.execute("CREATE TRIGGER fail AFTER INSERT ON annotations WHEN new.note = 'note 3'"
                   " BEGIN SELECT json('{'); END")
        db.commit()
        db.close()
        result = run('import-annotations', path, db=self.db)
        self.assertRefused(result, 'Nothing was imported')
        self.assertEqual(json.loads(run('annotations', '1', '--json', db=self.db).stdout), [])

    # 11. A position no text can have; the entity made with its annotation.
    @unittest.skipUnless(os.path.exists(SEED), 'the shared seed is not here')
    def test_impossible_position(self):
        self.import_ok(SEED)
        for start, end in ((2 ** 63 - 10, 2 ** 63 - 1), (-5, 3), (10, 4)):
            item = {'@context': 'http://www.w3.org/ns/anno.jsonld', 'id': 'urn:x:1', 'type': 'Annotation',
                    'body': {'type': 'TextualBody', 'value': 'far away'},
                    'target': {'source': 'urn:clippings:article:1',
                               'selector': {'type': 'TextPositionSelector', 'start': start, 'end': end}}}
            path = self.write('far.json', json.dumps(item).encode())
            result = run('import-annotations', path, db=self.db)
            self.assertIn('imported: 0\nfuzzy: 0\norphaned: 0\n', result.stdout, result.stderr)
            self.assertEqual(json.loads(run('annotations', '1', '--json', db=self.db).stdout), [])

    @unittest.skipUnless(os.path.exists(SEED), 'the shared seed is not here')
    def test_entity_in_annotation_transaction(self):
        self.import_ok(SEED)
        # The annotation's insert fails (as a kill would stop it): the
        # entity and alias made for it must go with it.
        db = sqlite3.connect(self.db)
        db.execute("CREATE TRIGGER fail BEFORE INSERT ON annotations"
                   " BEGIN SELECT RAISE(ABORT, 'stopped here'); END")
        db.commit()
        db.close()
        result = run('annotate', '1', '--quote', 'Putin', '--prefix', 'Vladimir ', '--kind', 'entity',
                     '--entity', 'Vladimir Vladimirovich Putin', db=self.db)
        self.assertRefused(result, 'stopped here')
        db = sqlite3.connect(self.db)
        try:
            self.assertEqual(db.execute('SELECT count(*) FROM entities').fetchone()[0], 0)
        finally:
            db.close()


if __name__ == '__main__':
    CLI = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
