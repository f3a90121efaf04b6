#!/usr/bin/env python3
# test-export-formats.py: exports read back with the readers people use.
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Two ways to run:

  test-export-formats.py check-md|check-jsonld|check-csv|check-csl FILE [ARG]
      Checks one file written by test-export.c (its fixtures). Exit 77
      when a reader (PyYAML, jsonschema, cmark) is missing.

  test-export-formats.py CLIPPINGS-CLI
      Imports a fixture with clippings-cli, marks it up with hostile text,
      exports it in every format and checks each (meson test
      export-formats). Skips (77) when the CLI has no export command yet.
"""

import csv
import datetime
import html.parser
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings

SKIP = 77

HOSTILE_TITLE = 'Mayor: "No" & <script>alert(1)</script> #1\n- yes: null — Zoë 東京'
HOSTILE_NOTE = ('Check <script>alert("x")</script> & \'this\'\n'
                'second line: null, {braces} 100% $5 #x_y ^~\\')
SITE = 'The Test & Wire'
URL = 'https://example.com/news/1?a=1&b=2'


class Skip(Exception):
    pass


def fail(message):
    raise AssertionError(message)


def expect(condition, message):
    if not condition:
        fail(message)


def need_yaml():
    try:
        import yaml
    except ImportError:
        raise Skip('PyYAML is not installed (python3-yaml)')
    return yaml


def split_documents(text):
    """Each article is one document: front matter, then its body. The
    exporter escapes a "-" at the start of a line, so a line that is
    exactly "---" only ever opens or closes front matter."""
    documents = []
    lines = text.split('\n')
    expect(lines[0] == '---', 'the export does not start with front matter')
    delimiters = [i for i, line in enumerate(lines) if line == '---']
    expect(len(delimiters) % 2 == 0, 'unbalanced front matter delimiters')
    for n in range(0, len(delimiters), 2):
        opening, closing = delimiters[n], delimiters[n + 1]
        following = delimiters[n + 2] if n + 2 < len(delimiters) else len(lines)
        documents.append(('\n'.join(lines[opening + 1:closing]) + '\n',
                          '\n'.join(lines[closing + 1:following])))
    return documents


def cmark_html(markdown, unsafe=False):
    program = shutil.which('cmark')
    if program is None:
        raise Skip('cmark is not installed')
    options = ['--unsafe'] if unsafe else []
    result = subprocess.run([program, '--to', 'html', *options], input=markdown,
                            capture_output=True, text=True, check=True)
    return result.stdout


# What cmark writes for Markdown, plus the MathML the exporter keeps
# (src/core/clip-sanitize.c); any other element came from the page.
MARKDOWN_TAGS = {'p', 'a', 'em', 'strong', 'code', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
                 'ul', 'ol', 'li', 'blockquote', 'hr', 'br', 'img', 'table', 'thead', 'tbody',
                 'tr', 'td', 'th'}
MATHML_TAGS = {'math', 'menclose', 'merror', 'mfenced', 'mfrac', 'mi', 'mlabeledtr',
               'mmultiscripts', 'mn', 'mo', 'mover', 'mpadded', 'mphantom', 'mprescripts',
               'mroot', 'mrow', 'ms', 'mspace', 'msqrt', 'mstyle', 'msub', 'msubsup', 'msup',
               'mtable', 'mtd', 'mtext', 'mtr', 'munder', 'munderover', 'none'}
ACTIVE_SCHEMES = ('javascript:', 'vbscript:', 'data:text/html')


class Elements(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def check_md_safe(path, _):
    """Rendered as a Markdown tool renders it, raw HTML allowed (as
    Obsidian and most editors do): nothing but Markdown's own elements
    and the MathML allowlist, no link or image that runs a script, and
    no image fetched from the web (only files beside the export)."""
    with open(path, encoding='utf-8') as f:
        text = f.read()
    parser = Elements()
    parser.feed(cmark_html(text, unsafe=True))
    for tag, attrs in parser.found:
        expect(tag in MARKDOWN_TAGS | MATHML_TAGS, f'<{tag}> from the page in the Markdown')
        for name, value in attrs.items():
            value = (value or '').strip().lower()
            expect(not value.startswith(ACTIVE_SCHEMES), f'<{tag} {name}="{value}">')
            expect(not name.startswith('on'), f'<{tag} {name}>: an event handler')
        if tag == 'img':
            src = attrs.get('src', '')
            expect(':' not in src and not src.startswith('//'),
                   f'an image fetched when the file is opened: {src}')
        if tag in MATHML_TAGS:
            expect(set(attrs) <= {'display', 'dir', 'mathvariant', 'stretchy', 'fence', 'form',
                                  'separator', 'accent', 'width', 'height', 'depth', 'lspace',
                                  'rspace', 'linethickness', 'notation', 'columnalign',
                                  'rowalign', 'displaystyle', 'scriptlevel'},
                   f'<{tag}> with {attrs}')


# Obsidian's property types (text, list, date) for what the exporter
# writes; an Obsidian tag has no spaces, "#" or ":" and is not only
# digits.
OBSIDIAN_TYPES = {'title': 'text', 'author': 'list', 'source': 'text', 'published': 'date',
                  'created': 'date', 'site': 'text', 'lang': 'text', 'captured': 'text',
                  'file': 'text', 'tags': 'list', 'aliases': 'list', 'people': 'list',
                  'organisations': 'list', 'places': 'list', 'entities': 'list'}
OBSIDIAN_TAG = re.compile(r'^[\w/-]*[^\W\d][\w/-]*$')


def check_obsidian_properties(meta):
    for key, value in meta.items():
        kind = OBSIDIAN_TYPES.get(key)
        expect(kind is not None, f'a property Obsidian is not told about: {key}')
        if kind == 'text':
            expect(isinstance(value, str), f'{key} is {type(value).__name__}, not text')
        elif kind == 'date':
            expect(type(value) is datetime.date, f'{key} is {type(value).__name__}, not a date')
        else:
            expect(isinstance(value, list) and all(isinstance(v, str) for v in value),
                   f'{key} is not a flat list of text')
    for tag in meta.get('tags', []):
        expect(OBSIDIAN_TAG.match(tag) and not any(c in tag for c in ' #:'),
               f'{tag!r} is no Obsidian tag')


def check_md(path, which):
    yaml = need_yaml()
    with open(path, encoding='utf-8') as f:
        text = f.read()
    documents = split_documents(text)
    for front, body in documents:
        meta = yaml.safe_load(front)
        expect(isinstance(meta, dict) and 'title' in meta, 'front matter without a title')
        check_obsidian_properties(meta)
        html = cmark_html(body)
        expect('<script' not in html, 'a script element in the rendered Markdown')
        expect(html.count('<h1>') == 1, 'not exactly one level-1 heading')
    if which == 'hostile':
        expect(len(documents) == 1, 'a single clipping is not one document')
        meta = yaml.safe_load(documents[0][0])
        check_obsidian_properties(meta)
        pandoc_title = HOSTILE_TITLE.replace('<', '\\<')
        expect(meta['title'] == pandoc_title, f'title read back as {meta["title"]!r}')
        expect(meta['aliases'] == [HOSTILE_TITLE], f'aliases read back as {meta["aliases"]!r}')
        expect(meta['author'] == ["Zoë O'Brien", 'Li Wei'], f'author {meta["author"]!r}')
        expect(meta['site'] == SITE and meta['source'] == URL, 'site and source')
        expect(meta['published'] == datetime.date(2024, 5, 1), f'published {meta["published"]!r}')
        expect(sorted(meta['tags']) == sorted(['yes', 'dash', 'btag/b', 'quotetag', 'Ünï']),
               f'tags read back as {meta["tags"]!r}')
        expect(meta['people'] == ['Ana Ruiz'], f'people {meta.get("people")!r}')
        html = cmark_html(documents[0][1])
        expect('==said “we will rebuild”==' in html, 'the highlight is not in the rendered text')
        expect('<h3># Not a heading *or* _emphasis_</h3>' in html, 'the heading text changed')
        expect('<li>' not in html.split('<h2>Article</h2>')[1], 'text became a list')
        expect('==&lt;script&gt;alert(2)&lt;/script&gt; &amp;== [link](x) ==mark==' in html,
               'special characters not kept as text')
    else:
        expect(len(documents) == 2, f'{len(documents)} documents for two clippings')


def load_schemas(root):
    try:
        import jsonschema
    except ImportError:
        raise Skip('jsonschema is not installed (python3-jsonschema)')
    store = {}
    for dirpath, _, names in os.walk(root):
        for name in names:
            if name.endswith('.json') and 'samples' not in dirpath:
                with open(os.path.join(dirpath, name), encoding='utf-8') as f:
                    schema = json.load(f)
                store.setdefault(schema.get('id', name), schema)
    return jsonschema, store


def must_assertions(root, test):
    with open(os.path.join(root, test), encoding='utf-8') as f:
        listing = json.load(f)
    for name in listing['assertions']:
        with open(os.path.join(root, name), encoding='utf-8') as f:
            assertion = json.load(f)
        if assertion.get('assertionType') == 'must':
            yield name, assertion


def check_against(jsonschema, store, root, test, instance, what):
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', DeprecationWarning)
        for name, assertion in must_assertions(root, test):
            resolver = jsonschema.RefResolver(assertion.get('id', ''), assertion, store=store)
            validator = jsonschema.Draft4Validator(assertion, resolver=resolver,
                                                   format_checker=jsonschema.FormatChecker())
            valid = validator.is_valid(instance)
            expected = assertion.get('expectedResult', 'valid') == 'valid'
            expect(valid == expected, f'{what} fails {name}: {assertion.get("errorMessage", "")}')


def check_jsonld(path, root):
    jsonschema, store = load_schemas(root)
    with open(path, encoding='utf-8') as f:
        collection = json.load(f)
    context = collection['@context']
    check_against(jsonschema, store, root, 'collections/collectionMusts.test', collection, 'the collection')
    check_against(jsonschema, store, root, 'collections/pages/pageMusts.test', collection, 'the collection')
    page = dict(collection['first'], **{'@context': context})
    check_against(jsonschema, store, root, 'collections/pages/pageMusts.test', page, 'the page')
    expect(collection['total'] == len(page['items']), 'total is not the number of items')
    for item in page['items']:
        annotation = dict(item, **{'@context': context})
        check_against(jsonschema, store, root, 'annotations/annotationMusts.test', annotation,
                      f'annotation {item["id"]}')
        selectors = {s['type']: s for s in item['target']['selector']}
        expect('TextQuoteSelector' in selectors and 'TextPositionSelector' in selectors,
               'an annotation lacks a selector')
    motivations = set()
    for item in page['items']:
        m = item['motivation']
        motivations.update(m if isinstance(m, list) else [m])
    expect({'highlighting', 'commenting', 'tagging', 'identifying'} <= motivations,
           f'motivations: {sorted(motivations)}')


def check_csv(path, _):
    with open(path, encoding='utf-8', newline='') as f:
        data = f.read()
    rows = list(csv.reader(io.StringIO(data, newline=''), strict=True))
    header, rows = rows[0], rows[1:]
    expect(all(len(row) == len(header) for row in rows), 'rows of different lengths')
    records = [dict(zip(header, row)) for row in rows]
    expect(len(records) == 6, f'{len(records)} rows for six annotations')
    noted = [r for r in records if r['note'] == HOSTILE_NOTE]
    expect(len(noted) == 1, 'the hostile note does not read back')
    r = noted[0]
    expect(r['title'] == HOSTILE_TITLE and r['site'] == SITE and r['url'] == URL, 'article fields')
    expect(r['tags'] == 'no;#hash;a,b;null' and r['color_meaning'] == 'Fact to check', 'tags, colour')
    expect(r['exact'] == 'said “we will rebuild”' and r['kind'] == 'highlight', 'quote, kind')
    quote = [r for r in records if r['kind'] == 'quote'][0]
    expect(quote['speaker'] == 'Ana Ruiz' and quote['quote_status'] == 'verified', 'speaker')
    entity = [r for r in records if r['kind'] == 'entity'][0]
    expect(entity['entity'] == 'Ana Ruiz' and entity['entity_kind'] == 'person', 'entity')
    expect([r['orphaned'] for r in records].count('true') == 1, 'orphans')


def check_csl(path, _):
    with open(path, encoding='utf-8') as f:
        items = json.load(f)
    expect(len(items) == 2, 'two items')
    first, second = items
    expect(first['type'] == 'article-newspaper' and second['type'] == 'webpage', 'types')
    expect(first['title'] == HOSTILE_TITLE, 'title')
    expect(first['author'] == [{'family': "O'Brien", 'given': 'Zoë'}, {'family': 'Wei', 'given': 'Li'}],
           f'authors {first["author"]!r}')
    expect(first['issued'] == {'date-parts': [[2024, 5, 1]]}, 'issued')
    expect(first['accessed'] == {'date-parts': [[2024, 5, 2]]}, 'accessed')
    expect(first['URL'] == URL and first['container-title'] == SITE, 'URL and site')
    expect('accessed' in second, 'a web page has an access date')


CHECKS = {'check-md': check_md, 'check-jsonld': check_jsonld, 'check-csv': check_csv,
          'check-csl': check_csl, 'check-md-safe': check_md_safe}


def run_cli(cli, db, *args, check=True):
    result = subprocess.run([cli, '--db', db, *args], capture_output=True, text=True, timeout=120)
    if check and result.returncode != 0:
        fail(f'{args}: {result.returncode}\n{result.stderr}')
    return result


def hostile_test(cli, tmp, fixtures):
    """A page full of script URLs and remote images, imported from a
    file: every format is clean, the Markdown renders nothing that runs
    or fetches."""
    db = os.path.join(tmp, 'hostile.db')
    page = os.path.join(fixtures, 'export-hostile.html')
    article = run_cli(cli, db, 'import', page).stdout.strip()
    for fmt in ('md', 'html', 'jsonld', 'csv', 'ris', 'bibtex', 'csljson'):
        out = run_cli(cli, db, 'export', article, '--format', fmt, '-o', '-').stdout
        if fmt == 'html':
            parser = Elements()
            parser.feed(out)
            for tag, attrs in parser.found:
                for name, value in attrs.items():
                    expect(not (value or '').strip().lower().startswith(ACTIVE_SCHEMES),
                           f'HTML export: <{tag} {name}="{value}">')
                expect(tag != 'img', 'HTML export: an image that was never saved is embedded')
        else:
            lower = out.lower()
            for scheme in ACTIVE_SCHEMES:
                expect(scheme not in lower, f'{fmt} export holds {scheme}')
    path = os.path.join(tmp, 'hostile.md')
    run_cli(cli, db, 'export', article, '--format', 'md', '-o', path)
    check_md_safe(path, None)
    with open(path, encoding='utf-8') as f:
        text = f.read()
    expect('[image: pixel](https://tracker.example/pixel.gif)' in text, 'the pixel is not a plain link')
    expect('![' not in text, 'an image never saved is embedded')
    expect(not os.path.exists(os.path.join(tmp, 'hostile')), 'an attachments folder with nothing saved')


def attachments_test(cli, tmp, fixtures):
    """A snapshot's saved image goes beside the Markdown file, in a folder
    named after it; on standard output it is a plain link."""
    db = os.path.join(tmp, 'snapshot.db')
    article = run_cli(cli, db, 'import', os.path.join(fixtures, 'snapshot.mhtml')).stdout.strip()
    out_dir = os.path.join(tmp, 'notes')
    os.mkdir(out_dir)
    path = os.path.join(out_dir, 'night market.md')
    run_cli(cli, db, 'export', article, '--format', 'md', '-o', path)
    with open(path, encoding='utf-8') as f:
        text = f.read()
    expect('![Stalls](night%20market/1.png)' in text, 'the saved image is not embedded from beside')
    image = os.path.join(out_dir, 'night market', '1.png')
    expect(os.path.exists(image), 'the saved image was not written beside the file')
    with open(image, 'rb') as f:
        expect(f.read(8) == b'\x89PNG\r\n\x1a\n', 'the image file is not the saved PNG')
    check_md_safe(path, None)
    stdout = run_cli(cli, db, 'export', article, '--format', 'md', '-o', '-').stdout
    expect('[image: Stalls](https://quay.example/img/stalls.png)' in stdout,
           'on standard output the saved image is not a plain link to where it came from')
    expect('![' not in stdout, 'an embed on standard output')


def cli_test(cli):
    fixtures = os.environ.get('CLIP_FIXTURES_DIR', os.path.join(os.path.dirname(__file__), 'fixtures'))
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, 'library.db')
        probe = run_cli(cli, db, 'export', check=False)
        if 'unknown command' in probe.stderr or 'Unknown command' in probe.stderr:
            raise Skip('clippings-cli has no export command yet')
        story = os.path.join(fixtures, 'plain-wire-story.txt')
        article = run_cli(cli, db, 'import', story).stdout.strip()
        run_cli(cli, db, 'annotate', article, '--quote', 'opened a ferry line', '--kind', 'highlight',
                '--color', '2', '--note', HOSTILE_NOTE, '--tag', '#hash', '--tag', 'a,b')
        outputs = {}
        for fmt in ('md', 'html', 'jsonld', 'csv', 'ris', 'bibtex', 'csljson'):
            path = os.path.join(tmp, f'out.{fmt}')
            run_cli(cli, db, 'export', article, '--format', fmt, '-o', path)
            with open(path, encoding='utf-8') as f:
                outputs[fmt] = f.read()
        expect('==opened a ferry line==' in outputs['md'], 'Markdown highlight')
        expect('&lt;script&gt;' in outputs['html'] and '<script' not in outputs['html'], 'HTML escaping')
        expect('Harbor city opens new ferry line' in outputs['ris'], 'RIS title')
        again = run_cli(cli, db, 'export', article, '--format', 'md', '-o',
                        os.path.join(tmp, 'out.md'), check=False)
        expect(again.returncode != 0 and 'force' in again.stderr, 'an existing file was replaced')
        run_cli(cli, db, 'export', article, '--format', 'md', '-o', os.path.join(tmp, 'out.md'), '--force')
        pdf = run_cli(cli, db, 'export', article, '--format', 'pdf', '-o', os.path.join(tmp, 'o.pdf'),
                      check=False)
        if os.environ.get('DISPLAY'):
            expect(pdf.returncode == 0 and os.path.getsize(os.path.join(tmp, 'o.pdf')) > 0, pdf.stderr)
        else:
            expect(pdf.returncode == 1 and 'display' in pdf.stderr, pdf.stderr)
        # Into an empty library holding the same clipping.
        other = os.path.join(tmp, 'other.db')
        run_cli(cli, other, 'import', story)
        report = run_cli(cli, other, 'import-annotations', os.path.join(tmp, 'out.jsonld')).stdout
        expect('imported: 1' in report, report)
        hostile_test(cli, tmp, fixtures)
        attachments_test(cli, tmp, fixtures)
        shared = os.environ.get('CLIP_SHARED_DIR', '')
        bad = os.path.join(shared, 'w3c-annotation', 'samples', 'incorrect', 'anno1.json')
        if os.path.exists(bad):
            refused = run_cli(cli, other, 'import-annotations', bad, check=False)
            expect(refused.returncode == 1 and 'JSON' in refused.stderr, refused.stderr)


def main(argv):
    try:
        if len(argv) >= 3 and argv[1] in CHECKS:
            CHECKS[argv[1]](argv[2], argv[3] if len(argv) > 3 else None)
        elif len(argv) == 2:
            cli_test(argv[1])
        else:
            print(__doc__)
            return 2
    except Skip as skip:
        print(f'skipped: {skip}')
        return SKIP
    except AssertionError as error:
        print(f'FAIL: {error}')
        return 1
    print('ok')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
