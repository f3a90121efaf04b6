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
import gzip
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


def check_pandoc_html(path):
    """pandoc reads the front matter's title as Markdown: a title with
    <script> must stay text in the standalone HTML it writes."""
    pandoc = reader('pandoc')
    if pandoc is None:
        return
    result = run_reader([pandoc, '-s', '-f', 'markdown', '-t', 'html', path])
    expect(result.returncode == 0, f'pandoc: {result.stderr}')
    out = result.stdout
    expect('<script' not in out.lower(), 'pandoc -s made a script element of the Markdown')
    title = out.split('<title>', 1)[1].split('</title>', 1)[0]
    expect('&lt;script&gt;alert(1)&lt;/script&gt;' in title, f'pandoc title {title!r}')


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
        check_pandoc_html(path)
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


def web_env():
    """The environment for a command that runs WebKit: under the
    sanitizers, without leak detection, because the leaks LeakSanitizer
    finds there are WebKit's, fontconfig's and the GL driver's, some in
    code it cannot even name."""
    env = dict(os.environ)
    if 'ASAN_OPTIONS' in env:
        env['ASAN_OPTIONS'] += ':detect_leaks=0'
    return env


def run_cli(cli, db, *args, check=True):
    env = web_env() if 'pdf' in args else None
    result = subprocess.run([cli, '--db', db, *args], capture_output=True, text=True, timeout=120, env=env)
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


# The readers from Debian (build-aux/debian-packages) that the formats
# are checked with; each one missing skips only its own check.
CSL_STYLE = '/usr/share/citation-style-language/styles/chicago-author-date.csl'
# Words of the seed's note, with "fi", "ffi" and "fl" that a PDF would
# otherwise set as ligature glyphs.
SEED_NOTE = 'Confirm the official figures\nflagged efficiently by Lavrov'
CORPUS = ('lemonde-1', 'folha', 'heise')


def reader(name):
    program = shutil.which(name)
    if program is None:
        print(f'# {name} is not installed: its check is skipped')
    return program


def run_reader(args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, timeout=120, **kwargs)
    print(f'# {" ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(args))}: '
          f'exit {result.returncode}')
    for line in (result.stdout + result.stderr).splitlines()[:40]:
        print(f'#   {line}')
    return result


def import_readers_library(cli, tmp):
    """The seed, marked up, and three corpus pages with hard bylines."""
    shared = os.environ.get('CLIP_SHARED_DIR', os.path.join(os.path.dirname(__file__), '..', '..', 'shared'))
    seeds = os.path.join(shared, 'seeds')
    if not os.path.isdir(seeds):
        raise Skip(f'no seeds in {shared}')
    db = os.path.join(tmp, 'readers.db')
    ids = {}
    seed = sorted(os.listdir(seeds))[0]
    ids['seed'] = run_cli(cli, db, 'import', os.path.join(seeds, seed)).stdout.strip()
    for page in CORPUS:
        path = os.path.join(tmp, f'{page}.html')
        with gzip.open(os.path.join(shared, 'corpus', 'readability', page, 'source.html.gz')) as f:
            with open(path, 'wb') as out:
                out.write(f.read())
        ids[page] = run_cli(cli, db, 'import', path).stdout.strip()
    seed_id = ids['seed']
    run_cli(cli, db, 'annotate', seed_id, '--quote', 'narrow gaps in Moscow and Washington',
            '--kind', 'highlight', '--color', '1', '--note', SEED_NOTE)
    run_cli(cli, db, 'annotate', seed_id, '--quote', 'a very critical decision', '--kind', 'quote',
            '--speaker', 'John Kerry', '--verified')
    run_cli(cli, db, 'annotate', seed_id, '--quote', 'Sergei Lavrov', '--kind', 'entity',
            '--entity', 'Sergei Lavrov', '--entity-kind', 'person')
    return db, ids


def export(cli, db, tmp, ids, fmt, *extra):
    # bibtool looks for "NAME.bib" when NAME does not end in .bib.
    extension = {'bibtex': 'bib', 'csljson': 'json'}.get(fmt, fmt)
    path = os.path.join(tmp, f'readers-{"-".join(ids)}.{extension}')
    run_cli(cli, db, 'export', *ids, '--format', fmt, '-o', path, '--force', *extra)
    return path


def read(path):
    with open(path, encoding='utf-8', newline='') as f:
        return f.read()


def check_ris_fields(text):
    records = [r for r in text.split('ER  - ') if r.strip()]
    expect(len(records) == 4, f'{len(records)} RIS records')
    seed, lemonde, folha, heise = records
    expect('TY  - NEWS\r\n' in seed and 'T2  - Xinhua\r\n' in seed, 'seed: type, publication')
    expect('DA  - 2016/03/25/\r\n' in seed and 'PY  - 2016\r\n' in seed, 'seed: date')
    expect('Y2  - ' in seed, 'seed: access date')
    notes = [line for line in seed.split('\r\n') if line.startswith('N1  - ')]
    expect(len(notes) == 3, f'seed: {len(notes)} N1 notes for three annotations')
    expect(any('narrow gaps in Moscow and Washington' in n and 'Confirm the official figures' in n
               for n in notes), 'seed: the highlight and its note')
    expect(any('a very critical decision' in n and 'John Kerry' in n and 'verified' in n
               for n in notes), 'seed: the quote, speaker and status')
    expect('AU  - Untersinger, Martin\r\nAU  - Leloup, Damien\r\nAU  - Tual, Morgane\r\n' in lemonde,
           'lemonde-1: authors')
    expect('DA  - 2015/05/04/' in lemonde and 'T2  - Le Monde.fr' in lemonde, 'lemonde-1: date, publication')
    expect('AU  - Rodrigues, Bruno Henrique Zecchin\r\n' in folha, 'folha: author')
    expect('AU  - Mac & i\r\n' in heise and heise.count('AU  - ') == 1, 'heise: one organisation')
    expect('UR  - http://www.heise.de/' in heise and 'AB  - Das in der iOS-Version' in heise, 'heise: URL, abstract')


def check_bibtex(path):
    text = read(path)
    expect('author = {Untersinger, Martin and Leloup, Damien and Tual, Morgane}' in text, 'lemonde-1 author')
    expect('author = {{Mac \\& i}}' in text, 'heise: an organisation in double braces')
    expect('author = {Rodrigues, Bruno Henrique Zecchin}' in text, 'folha author')
    expect('author = {{Xinhua}}' in text and 'date = {2016-03-25}' in text, 'seed author and date')
    expect(text.count('entrysubtype = {newspaper}') == 4, 'news is @article, entrysubtype newspaper')
    biber = reader('biber')
    if biber:
        out = os.path.join(os.path.dirname(path), 'biber-out.bib')
        result = run_reader([biber, '--tool', '--output-file', out, path])
        expect(result.returncode == 0 and 'WARN' not in result.stdout + result.stderr, 'biber --tool warned')
        result = run_reader([biber, '--tool', '--validate-datamodel', '--output-file', out, path])
        warnings_ = [line for line in (result.stdout + result.stderr).splitlines() if 'WARN -' in line]
        # The heise page carries no date at all: biblatex's data model
        # wants one, and the export does not invent it.
        unexpected = [w for w in warnings_ if not ("'mac1password" in w and "'date, year'" in w)]
        expect(result.returncode == 0 and not unexpected, f'biber --validate-datamodel: {unexpected}')
    bibtex = reader('bibtex')
    if bibtex:
        directory = os.path.dirname(path)
        name = os.path.splitext(os.path.basename(path))[0]
        with open(os.path.join(directory, 'classic.aux'), 'w', encoding='utf-8') as f:
            f.write(f'\\relax\n\\citation{{*}}\n\\bibstyle{{plain}}\n\\bibdata{{{name}}}\n')
        result = run_reader([bibtex, 'classic'], cwd=directory)
        out = result.stdout + result.stderr
        # Again only the heise page, which has no date.
        warnings_ = [line for line in out.splitlines()
                     if line.startswith('Warning--') and line != 'Warning--empty year in mac1password-4']
        expect(result.returncode == 0 and not warnings_ and 'error message' not in out,
               f'bibtex (plain.bst): {warnings_ or out}')
        bbl = read(os.path.join(directory, 'classic.bbl'))
        expect('Martin Untersinger, Damien Leloup, and Morgane Tual.' in bbl and 'May 2015' in bbl,
               'classic BibTeX: lemonde-1')
        expect('{Mac \\& i}.' in bbl, 'classic BibTeX: heise as one organisation')
    bibtool = reader('bibtool')
    if bibtool:
        result = run_reader([bibtool, '-i', path, '-o', os.devnull])
        expect(result.returncode == 0 and result.stderr.strip() == '', 'bibtool warned')


def check_citeproc(path):
    pandoc = reader('pandoc')
    if pandoc is None or not os.path.exists(CSL_STYLE):
        print('# pandoc or the CSL style is missing: citeproc check skipped')
        return
    doc = os.path.join(os.path.dirname(path), 'cite.md')
    with open(doc, 'w', encoding='utf-8') as f:
        f.write("---\nnocite: '@*'\n---\n")
    result = run_reader([pandoc, doc, '--citeproc', '--bibliography', path, '--csl', CSL_STYLE,
                         '-t', 'plain', '--wrap=none'])
    expect(result.returncode == 0 and result.stderr.strip() == '', f'pandoc --citeproc: {result.stderr}')
    out = result.stdout
    expect('Xinhua. 2016. “Putin' in out and 'March 25, 2016' in out, 'the seed: day, month and year')
    expect('Untersinger, Martin, Damien Leloup, and Morgane Tual. 2015.' in out and 'Le Monde.fr, May 4, 2015' in out,
           'lemonde-1 citation')
    expect('Rodrigues, Bruno Henrique Zecchin. 2018.' in out and 'Folha de S.Paulo, December 21, 2018' in out,
           'folha citation')
    expect('Mac & i. n.d.' in out, 'heise citation')


def check_csl_fields(path):
    items = json.loads(read(path))
    seed, lemonde, folha, heise = items
    expect(seed['type'] == 'article-newspaper' and seed['issued'] == {'date-parts': [[2016, 3, 25]]},
           'seed: type, issued')
    expect(seed['container-title'] == 'Xinhua' and 'author' not in seed, 'seed: no invented author')
    expect(lemonde['author'] == [{'family': 'Untersinger', 'given': 'Martin'},
                                 {'family': 'Leloup', 'given': 'Damien'},
                                 {'family': 'Tual', 'given': 'Morgane'}], f'lemonde-1: {lemonde["author"]}')
    expect(folha['author'] == [{'family': 'Rodrigues', 'given': 'Bruno Henrique Zecchin'}], 'folha author')
    expect(heise['author'] == [{'literal': 'Mac & i'}], f'heise: {heise["author"]}')


def check_markdown_fields(path):
    yaml = need_yaml()
    documents = split_documents(read(path))
    expect(len(documents) == 4, f'{len(documents)} Markdown documents')
    metas = [yaml.safe_load(front) for front, _ in documents]
    for meta in metas:
        check_obsidian_properties(meta)
    seed, lemonde, folha, heise = metas
    expect(seed['published'] == datetime.date(2016, 3, 25) and seed['site'] == 'Xinhua', 'seed')
    expect(seed['people'] == ['John Kerry', 'Sergei Lavrov'], f'seed people: {seed.get("people")}')
    expect(lemonde['author'] == ['Martin Untersinger', 'Damien Leloup', 'Morgane Tual'], 'lemonde-1 author')
    expect(folha['author'] == ['Bruno Henrique Zecchin Rodrigues'], 'folha author')
    expect(heise['author'] == ['Mac & i'] and 'published' not in heise, 'heise')
    body = documents[0][1]
    expect('Confirm the official figures  \n    flagged efficiently' in body, 'the note lost its line break')
    sections = [line for line in body.split('\n') if line.startswith('## ')]
    expect(sections == ['## Highlights', '## Quotes', '## Entities', '## Article'], f'sections {sections}')


def readers_test(cli, tmp):
    db, ids = import_readers_library(cli, tmp)
    order = [ids['seed']] + [ids[p] for p in CORPUS]
    check_ris_fields(read(export(cli, db, tmp, order, 'ris')))
    check_bibtex(export(cli, db, tmp, order, 'bibtex'))
    check_citeproc(export(cli, db, tmp, order, 'bibtex'))
    csl = export(cli, db, tmp, order, 'csljson')
    check_csl_fields(csl)
    check_citeproc(csl)
    check_markdown_fields(export(cli, db, tmp, order, 'md'))
    # The same key for the seed alone as in the batch.
    alone = read(export(cli, db, tmp, [ids['seed']], 'bibtex'))
    expect(alone.split(',', 1)[0] in read(export(cli, db, tmp, order, 'bibtex')), 'the key changed in a batch')
    check_pdf(cli, db, tmp, ids)
    check_hypothesis(cli, db, tmp, ids)
    check_csv_formulas(cli, db, tmp, ids['seed'])
    return db, ids


LEMONDE_URL = ('http://www.lemonde.fr/pixels/article/2015/05/04/'
               'que-contient-la-loi-sur-le-renseignement_4627068_4408996.html')
LEMONDE_QUOTE = 'la Commission nationale de contrôle des techniques de renseignement'


def check_hypothesis(cli, db, tmp, ids):
    """--format hypothesis writes the file the Hypothesis client exports
    and imports; import-annotations reads it back into another library,
    and reads a file as Hypothesis itself writes it (RangeSelector,
    microsecond dates, links)."""
    path = export(cli, db, tmp, [ids['seed']], 'hypothesis')
    data = json.loads(read(path))
    expect(set(data) >= {'export_date', 'annotations'}, f'Hypothesis file keys {sorted(data)}')
    annotations = data['annotations']
    expect(len(annotations) == 3, f'{len(annotations)} Hypothesis annotations')
    for a in annotations:
        expect(isinstance(a['uri'], str) and isinstance(a['text'], str) and isinstance(a['tags'], list),
               'uri, text, tags')
        expect(isinstance(a['target'], list) and a['target'][0]['source'] == a['uri'], 'target list')
        types = {sel['type'] for sel in a['target'][0]['selector']}
        expect(types == {'TextQuoteSelector', 'TextPositionSelector'}, f'selectors {types}')
    highlight = [a for a in annotations if 'Confirm the official figures' in a['text']][0]
    expect(highlight['target'][0]['selector'][0]['exact'] == 'narrow gaps in Moscow and Washington', 'exact')
    quote = [a for a in annotations if 'Speaker: John Kerry (verified)' in a['text']]
    expect(len(quote) == 1, 'the speaker is not in the quote\'s text')

    shared = os.environ.get('CLIP_SHARED_DIR', os.path.join(os.path.dirname(__file__), '..', '..', 'shared'))
    seeds = os.path.join(shared, 'seeds')
    other = os.path.join(tmp, 'hypothesis.db')
    seed = run_cli(cli, other, 'import', os.path.join(seeds, sorted(os.listdir(seeds))[0])).stdout.strip()
    report = run_cli(cli, other, 'import-annotations', path).stdout
    expect('imported: 3' in report, f'Hypothesis round trip: {report}')
    listed = json.loads(run_cli(cli, other, 'annotations', seed, '--json').stdout)
    listed = listed if isinstance(listed, list) else listed.get('annotations', [])
    kinds = sorted(a['kind'] for a in listed)
    expect(kinds == ['entity', 'highlight', 'quote'], f'kinds after the round trip: {kinds}')
    notes = [a.get('note') for a in listed if a['kind'] == 'highlight']
    expect(notes == [SEED_NOTE], f'the note after the round trip: {notes}')

    lemonde = os.path.join(tmp, 'lemonde-hypothesis.json')
    with open(lemonde, 'w', encoding='utf-8') as f:
        json.dump({'export_date': '2024-05-01T10:00:00.000Z', 'export_userid': 'acct:reader@hypothes.is',
                   'client_version': '1.1500.0', 'annotations': [{
                       'id': 'AbCdEf123', 'created': '2024-05-01T10:00:00.123456+00:00',
                       'updated': '2024-05-01T10:00:00.123456+00:00', 'user': 'acct:reader@hypothes.is',
                       'uri': LEMONDE_URL, 'text': 'Hypothesis note', 'tags': ['renseignement'],
                       'group': '__world__', 'links': {'html': 'https://hypothes.is/a/AbCdEf123'},
                       'document': {'title': ['Le projet de loi']},
                       'target': [{'source': LEMONDE_URL, 'selector': [
                           {'type': 'RangeSelector', 'startContainer': '/div[1]/p[7]', 'startOffset': 0,
                            'endContainer': '/div[1]/p[7]', 'endOffset': 68},
                           {'type': 'TextPositionSelector', 'start': 4000, 'end': 4068},
                           {'type': 'TextQuoteSelector', 'exact': LEMONDE_QUOTE, 'prefix': 'indépendante, ',
                            'suffix': ' (CNCTR)'}]}]}]}, f)
    report = run_cli(cli, db, 'import-annotations', lemonde).stdout
    expect('imported: 1' in report or 'fuzzy: 1' in report, f'a Hypothesis file: {report}')
    listed = json.loads(run_cli(cli, db, 'annotations', ids['lemonde-1'], '--json').stdout)
    listed = listed if isinstance(listed, list) else listed.get('annotations', [])
    found = [a for a in listed if a.get('note') == 'Hypothesis note']
    expect(len(found) == 1 and found[0]['exact'] == LEMONDE_QUOTE, f'the Hypothesis annotation: {found}')


def check_pdf(cli, db, tmp, ids):
    """The PDF (WebKit prints it, so it needs a display: xvfb-run when
    there is none) has the article's title and authors, and pdftotext
    finds every word of the note, ligatures or not."""
    pdfinfo, pdftotext = reader('pdfinfo'), reader('pdftotext')
    wrapper = [] if os.environ.get('DISPLAY') else [reader('xvfb-run'), '-a']
    if pdfinfo is None or pdftotext is None or None in wrapper:
        return
    for name, title, author in (('seed', 'Putin hopes Kerry', None),
                                ('lemonde-1', 'Le projet de loi sur le renseignement',
                                 'Martin Untersinger; Damien Leloup; Morgane Tual')):
        path = os.path.join(tmp, f'{name}.pdf')
        result = subprocess.run([*wrapper, cli, '--db', db, 'export', ids[name], '--format', 'pdf',
                                 '-o', path, '--force'], capture_output=True, text=True, timeout=180,
                                env=web_env())
        expect(result.returncode == 0, f'PDF export: {result.stderr}')
        info = run_reader([pdfinfo, path])
        expect(info.returncode == 0 and 'Error' not in info.stderr, f'pdfinfo: {info.stderr}')
        fields = dict(line.split(':', 1) for line in info.stdout.splitlines() if ':' in line)
        expect(fields.get('Title', '').strip().startswith(title), f'PDF title {fields.get("Title")!r}')
        if author:
            expect(fields.get('Author', '').strip() == author, f'PDF author {fields.get("Author")!r}')
        text = subprocess.run([pdftotext, path, '-'], capture_output=True, text=True).stdout
        expect(not any(c in text for c in '\ufb00\ufb01\ufb02\ufb03\ufb04'), 'ligature glyphs in the text layer')
        if name == 'seed':
            words = ' '.join(text.split())
            for word in SEED_NOTE.split():
                expect(word in words, f'pdftotext does not find {word!r}')


FORMULAS = ('=HYPERLINK("https://example.com","x")', '+1+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1')


def check_csv_formulas(cli, db, tmp, seed):
    """Every cell a spreadsheet would run as a formula starts with "'"
    (the OWASP rule); --bom writes the UTF-8 byte order mark."""
    for n, formula in enumerate(FORMULAS):
        run_cli(cli, db, 'annotate', seed, '--quote', 'Sergei Lavrov' if n % 2 else 'bilateral', '--kind', 'note',
                '--note', formula, '--tag', formula.strip())
    path = export(cli, db, tmp, [seed], 'csv', '--bom')
    with open(path, 'rb') as f:
        expect(f.read(3) == b'\xef\xbb\xbf', '--bom wrote no byte order mark')
    with open(path, encoding='utf-8-sig', newline='') as f:
        records = list(csv.DictReader(f, strict=True))
    notes = {r['note'] for r in records}
    for formula in FORMULAS:
        expect("'" + formula in notes, f'{formula!r} is not neutralised: {notes}')
    for record in records:
        for key, value in record.items():
            expect(not value or value[0] not in '=+-@\t\r' or value.lstrip('-').isdigit(),
                   f'{key} = {value!r} would run as a formula')
    plain = export(cli, db, tmp, [seed], 'csv')
    with open(plain, 'rb') as f:
        expect(f.read(1) == b'a', 'a byte order mark without --bom')


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
        readers_test(cli, tmp)
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
