#!/usr/bin/env python3
# test-cli.py: clippings-cli on the seed article and on bad input.
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs clippings-cli as a user would and checks what it prints and stores."""

import functools
import hashlib
import http.server
import json
import os
import pathlib
import sqlite3
import subprocess
import sys
import tempfile
import threading
import unittest

CLI = None
SHARED = os.environ.get('CLIP_SHARED_DIR', '')
FIXTURES = os.environ.get('CLIP_FIXTURES_DIR', '')
SEED = os.path.join(SHARED, 'seeds', '000_b67e86a4bc963dd2.txt')


def run(*args, db):
    return subprocess.run([CLI, '--db', db, *args], capture_output=True,
                          text=True, timeout=60)


def digest(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class CliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, 'library.db')

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, data):
        path = os.path.join(self.tmp.name, name)
        with open(path, 'wb') as f:
            f.write(data)
        return path

    def import_ok(self, path):
        result = run('import', path, db=self.db)
        self.assertEqual(result.returncode, 0, result.stderr)
        return int(result.stdout.strip())

    def show(self, article_id):
        result = run('show', str(article_id), '--json', db=self.db)
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    @unittest.skipUnless(os.path.exists(SEED), 'the shared seed is not here')
    def test_seed(self):
        self.assertEqual(self.import_ok(SEED), 1)
        article = self.show(1)
        self.assertEqual(article['title'],
                         "Putin hopes Kerry's visit would narrow gaps between Russia, US")
        self.assertEqual(article['published'], '2016-03-25T09:41')
        self.assertEqual(article['site_name'], 'Xinhua')
        text = article['text']
        self.assertTrue(text.startswith('MOSCOW - Russian President Vladimir Putin'), text[:80])
        self.assertTrue(text.endswith('Syrian and Ukrainian crises.'), text[-80:])
        self.assertEqual(len(text.split('\n\n')), 10)
        self.assertEqual(article['paragraphs'], 10)
        for nav in ('Most Viewed', 'Dancing in bright colors of Holi', 'Geared to go',
                    "Editor's Picks", '[Photo/IC]', '|'):
            self.assertNotIn(nav, text)
        self.assertEqual(article['annotations'], [])
        self.assertEqual(article['length'], len(text))
        # The opened file is the source, and the import its capture.
        self.assertEqual(article['source_kind'], 'text')
        self.assertEqual(article['source_file'], pathlib.Path(SEED).resolve().as_uri())
        self.assertRegex(article['captured'], r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$')
        # People read the date as a date.
        shown = subprocess.run([CLI, '--db', self.db, 'show', '1'], capture_output=True, text=True,
                               timeout=60, env=dict(os.environ, LC_ALL='C.UTF-8'))
        self.assertEqual(shown.returncode, 0, shown.stderr)
        self.assertIn('\nPublished: 25 March 2016, 09:41\n', shown.stdout)
        self.assertIn('\nFile: %s\n' % pathlib.Path(SEED).resolve(), shown.stdout)

    def test_import_mhtml(self):
        article_id = self.import_ok(os.path.join(FIXTURES, 'snapshot.mhtml'))
        article = self.show(article_id)
        self.assertEqual(article['title'], 'Night market returns to the old quay')
        self.assertEqual(article['source_url'], 'https://quay.example/news/night-market.html')
        # The page keeps its address; the file it came in is kept besides.
        self.assertEqual(article['source_kind'], 'mhtml')
        self.assertEqual(article['source_file'],
                         pathlib.Path(FIXTURES, 'snapshot.mhtml').resolve().as_uri())
        self.assertIsNotNone(article['captured'])
        self.assertIn('sixty stalls and a brass band.', article['text'])
        self.assertNotIn('Home', article['text'])
        db = sqlite3.connect(self.db)
        try:
            assets = db.execute('SELECT id, mime_type, length(data) FROM assets').fetchall()
            content, original_type, sha = db.execute(
                'SELECT content_html, original_type, original_sha256 FROM articles').fetchone()
        finally:
            db.close()
        self.assertEqual(len(assets), 1)
        self.assertEqual(assets[0][1], 'image/png')
        self.assertIn('src="clip://asset/%d"' % assets[0][0], content)
        self.assertEqual(original_type, 'multipart/related')
        with open(os.path.join(FIXTURES, 'snapshot.mhtml'), 'rb') as f:
            self.assertEqual(sha, hashlib.sha256(f.read()).hexdigest())

    def test_extract(self):
        import gzip
        page = os.path.join(FIXTURES, 'extract', 'news.html')
        with open(page, 'rb') as f:
            html = f.read()
        gz = self.write('news.html.gz', gzip.compress(html))
        truncated = self.write('cut.html.gz', gzip.compress(html)[:200])
        empty = self.write('empty.html', b'')
        result = subprocess.run([CLI, 'extract', '--base-url', 'https://example.org/news/', page, gz,
                                 truncated, empty, os.path.join(self.tmp.name, 'missing.html')],
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 1)
        lines = [json.loads(line) for line in result.stdout.splitlines()]
        self.assertEqual(len(lines), 5)
        for field in ('file', 'title', 'byline', 'published', 'site_name', 'lang', 'dir',
                      'excerpt', 'text', 'html'):
            self.assertIn(field, lines[0])
        self.assertTrue(lines[0]['title'])
        self.assertEqual(lines[0]['text'], lines[1]['text'])
        for bad in lines[2:]:
            self.assertIn('error', bad)
            self.assertTrue(bad['error'])
            self.assertNotIn('text', bad)

    def test_export_query(self):
        self.import_ok(os.path.join(FIXTURES, 'ui-wire-story.txt'))
        self.import_ok(os.path.join(FIXTURES, 'ui-three-names.txt'))
        out = os.path.join(self.tmp.name, 'found.md')
        result = run('export', '--query', 'lighthouse -tram', '--format', 'md', '-o', out, db=self.db)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(out, encoding='utf-8') as f:
            text = f.read()
        self.assertIn('Lighthouse keepers return', text)
        self.assertNotIn('Council approves', text)
        result = run('export', '--query', '"unclosed', '--format', 'md', '-o', out + '2', db=self.db)
        self.assertEqual(result.returncode, 1)
        self.assertFalse(os.path.exists(out + '2'))

    def test_list_and_show(self):
        path = os.path.join(FIXTURES, 'ui-wire-story.txt')
        first = self.import_ok(path)
        second = self.import_ok(path)
        self.assertEqual(second, first + 1)
        result = run('list', db=self.db)
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.strip().split('\n')
        self.assertEqual(len(lines), 2)
        self.assertTrue(all('Lighthouse keepers' in line for line in lines))
        result = run('show', str(first), db=self.db)
        self.assertIn('SKERRY POINT - Two keepers', result.stdout)

    def annotate(self, *args):
        result = run('annotate', *args, db=self.db)
        return result.returncode, (json.loads(result.stdout) if result.returncode == 0 else result.stderr)

    def test_annotate(self):
        article_id = self.import_ok(os.path.join(FIXTURES, 'ui-wire-story.txt'))
        text = self.show(article_id)['text']

        code, note = self.annotate(str(article_id), '--quote', 'record the weather every three hours',
                                   '--kind', 'highlight', '--color', '3', '--note', 'ask the council',
                                   '--tag', 'weather')
        self.assertEqual(code, 0, note)
        start = text.index('record the weather')
        self.assertEqual((note['start'], note['end']), (start, start + len('record the weather every three hours')))
        self.assertEqual(note['color'], 3)
        self.assertEqual(note['tags'], ['weather'])
        quote_selector = note['selectors'][0]
        self.assertEqual(quote_selector['type'], 'TextQuoteSelector')
        self.assertEqual(quote_selector['prefix'], text[start - 32:start])

        code, quote = self.annotate(str(article_id), '--quote', 'We wanted the place to have a pulse again',
                                    '--kind', 'quote', '--speaker', 'Maren Oduya', '--verified')
        self.assertEqual(code, 0, quote)
        self.assertEqual(quote['speaker']['name'], 'Maren Oduya')
        self.assertEqual(quote['quote_status'], 'verified')

        # "keepers" appears twice: refused without context, placed with it.
        code, message = self.annotate(str(article_id), '--quote', 'keepers', '--kind', 'highlight')
        self.assertEqual(code, 1)
        self.assertIn('appears 2 times', message)
        code, second = self.annotate(str(article_id), '--quote', 'keepers', '--prefix', 'said the ',
                                     '--kind', 'highlight')
        self.assertEqual(code, 0, second)
        self.assertEqual(second['start'], text.index('said the keepers') + len('said the '))
        code, place = self.annotate(str(article_id), '--quote', 'Skerry Point', '--kind', 'entity',
                                    '--entity-kind', 'place')
        self.assertEqual(code, 0, place)
        self.assertEqual(place['entity']['kind'], 'place')

        # A short name links to the full one as an alias, then finds it alone.
        code, oduya = self.annotate(str(article_id), '--quote', 'Oduya', '--kind', 'entity',
                                    '--entity', 'Maren Oduya')
        self.assertEqual(code, 0, oduya)
        self.assertEqual(oduya['entity']['id'], quote['speaker']['id'])
        code, message = self.annotate(str(article_id), '--quote', 'a sentence that is not there',
                                      '--kind', 'highlight')
        self.assertEqual(code, 1)
        self.assertIn('not in the article', message)
        code, message = self.annotate(str(article_id), '--quote', 'pulse', '--kind', 'sticker')
        self.assertEqual(code, 2)

        listing = json.loads(run('annotations', str(article_id), '--json', db=self.db).stdout)
        self.assertEqual(len(listing), 5)
        self.assertEqual([a['start'] for a in listing], sorted(a['start'] for a in listing))

    def assert_refused(self, path, *words):
        self.import_ok(os.path.join(FIXTURES, 'ui-wire-story.txt'))
        before = digest(self.db)
        result = run('import', path, db=self.db)
        self.assertNotEqual(result.returncode, 0)
        self.assertEqual(result.stdout, '')
        self.assertTrue(result.stderr.startswith('clippings-cli: '), result.stderr)
        for word in words:
            self.assertIn(word, result.stderr.lower())
        listing = run('list', db=self.db).stdout.strip().split('\n')
        self.assertEqual(len(listing), 1)
        self.assertEqual(digest(self.db), before)

    def test_missing_file(self):
        self.assert_refused(os.path.join(self.tmp.name, 'nowhere.txt'), 'nowhere.txt')

    def test_empty_file(self):
        self.assert_refused(self.write('empty.txt', b''), 'empty')

    def test_binary_file(self):
        self.assert_refused(self.write('photo.txt', bytes(range(256)) * 8))

    def test_invalid_utf8(self):
        self.assert_refused(self.write('latin1.txt',
                                       'Café au lait\nUne phrase en Latin-1.\n'.encode('latin-1')))

    def test_bad_usage(self):
        for args in (['show'], ['show', 'abc'], ['frobnicate'], []):
            result = run(*args, db=self.db)
            self.assertEqual(result.returncode, 2, args)
            self.assertIn('Usage', result.stderr)
        result = run('show', '42', db=self.db)
        self.assertEqual(result.returncode, 1)
        self.assertIn('42', result.stderr)

    def test_not_a_library(self):
        path = self.write('notes.db', b'my notes, not a database\n' * 100)
        before = digest(path)
        result = subprocess.run([CLI, '--db', path, 'list'], capture_output=True, text=True)
        self.assertEqual(result.returncode, 1)
        self.assertIn('not a Clippings library', result.stderr)
        self.assertEqual(digest(path), before)

    def test_core_links_no_web_engine(self):
        """The commands of the library start without GTK, WebKit, libsoup
        or GStreamer; the web ones are in clippings-cli-web beside it."""
        ldd = subprocess.run(['ldd', CLI], capture_output=True, text=True, check=True).stdout
        for name in ('gtk', 'webkit', 'javascriptcore', 'soup', 'gst', 'adwaita', 'cairo', 'pango'):
            self.assertNotIn(name, ldd.lower(), ldd)
        web = os.path.join(os.path.dirname(CLI), 'clippings-cli-web')
        self.assertTrue(os.access(web, os.X_OK))
        self.assertIn('webkit', subprocess.run(['ldd', web], capture_output=True, text=True).stdout)
        # The same program: one help, one version.
        self.assertEqual(subprocess.run([CLI, '--help'], capture_output=True, text=True).stdout,
                         subprocess.run([web, '--help'], capture_output=True, text=True).stdout)

    def test_web_engine_missing(self):
        """Without its web program, a web command says so and changes nothing."""
        env = dict(os.environ, CLIP_CLI_WEB=os.path.join(self.tmp.name, 'nowhere'))
        for argv in (['import', 'http://127.0.0.1:9/story.html'],):
            result = subprocess.run([CLI, '--db', self.db, *argv], capture_output=True, text=True,
                                    env=env, timeout=60)
            self.assertEqual(result.returncode, 1, result.stderr)
            self.assertIn('needs the web engine', result.stderr)
        self.assertEqual(run('list', db=self.db).stdout, '')
        imported = run('import', os.path.join(FIXTURES, 'simple-article.html'), db=self.db)
        self.assertEqual(imported.returncode, 0, imported.stderr)
        out = os.path.join(self.tmp.name, 'out.pdf')
        result = subprocess.run([CLI, '--db', self.db, 'export', imported.stdout.strip(), '--format', 'pdf',
                                 '-o', out], capture_output=True, text=True, env=env, timeout=60)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('needs the web engine', result.stderr)
        self.assertFalse(os.path.exists(out))

    @unittest.skipUnless(os.environ.get('DISPLAY'), 'capturing needs a display')
    def test_import_url(self):
        site = os.path.join(self.tmp.name, 'site')
        os.mkdir(site)
        with open(os.path.join(site, 'story.html'), 'w', encoding='utf-8') as f:
            f.write('<!DOCTYPE html><html><head><meta charset="utf-8">'
                    '<title>Bakery reopens on the square</title></head><body>'
                    '<article><h1>Bakery reopens on the square</h1>'
                    '<p>The old bakery on the market square opened its doors again on Friday, '
                    'two years after a fire closed it, and the queue reached the fountain by seven.</p>'
                    '<p>The new owners kept the name and the oven, and said the recipes came with '
                    'the building, written in pencil inside a kitchen cupboard.</p>'
                    '</article></body></html>')
        handler = functools.partial(QuietHandler, directory=site)
        server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            base = 'http://127.0.0.1:%d' % server.server_address[1]
            result = run('import', base + '/story.html', db=self.db)
            self.assertEqual(result.returncode, 0, result.stderr)
            article = self.show(int(result.stdout))
            self.assertEqual(article['title'], 'Bakery reopens on the square')
            self.assertEqual(article['source_url'], base + '/story.html')
            self.assertIn('queue reached the fountain', article['text'])
            result = run('import', base + '/missing.html', db=self.db)
            self.assertEqual(result.returncode, 1)
            self.assertIn('404', result.stderr)
            result = run('import', 'http://no-such-host.invalid/story.html', db=self.db)
            self.assertEqual(result.returncode, 1)
            self.assertIn('no-such-host.invalid', result.stderr)
            self.assertEqual(len(run('list', db=self.db).stdout.strip().split('\n')), 1)
        finally:
            server.shutdown()

    def test_attribute(self):
        text = ('Secretary of State John Kerry arrived in Moscow on a grey \u00e9t\u00e9 day \U0001F600. '
                '\u201cWe have found common ground,\u201d Kerry said.\n\n'
                'He added that the talks would go on.')
        path = self.write('story.txt', text.encode('utf-8'))
        result = subprocess.run([CLI, 'attribute', path, os.path.join(self.tmp.name, 'missing.txt')],
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 1)
        lines = [json.loads(line) for line in result.stdout.splitlines()]
        self.assertEqual(len(lines), 1)
        self.assertEqual(lines[0]['file'], path)
        direct, indirect = lines[0]['quotes']
        # Offsets count code points, as Python indexes a str.
        self.assertEqual(text[direct['start']:direct['end']], direct['text'])
        self.assertEqual(direct['text'], '\u201cWe have found common ground,\u201d')
        self.assertEqual(direct['kind'], 'direct')
        self.assertEqual(direct['cue']['text'], 'said')
        self.assertEqual(text[direct['cue']['start']:direct['cue']['end']], 'said')
        self.assertEqual(direct['speaker']['text'], 'Kerry')
        self.assertEqual(direct['speaker']['name'], 'John Kerry')
        self.assertEqual(indirect['kind'], 'indirect')
        self.assertEqual(indirect['text'], 'the talks would go on')
        self.assertEqual(indirect['speaker']['name'], 'John Kerry')
        entities = {(e['text'], e['kind'], e['name']) for e in lines[0]['entities']}
        self.assertIn(('John Kerry', 'person', 'John Kerry'), entities)
        self.assertIn(('Kerry', 'person', 'John Kerry'), entities)
        self.assertIn(('Moscow', 'place', 'Moscow'), entities)
        for entity in lines[0]['entities']:
            self.assertEqual(text[entity['start']:entity['end']], entity['text'])


if __name__ == '__main__':
    CLI = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
