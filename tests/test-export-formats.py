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
import io
import json
import os
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


def cmark_html(markdown):
    program = shutil.which('cmark')
    if program is None:
        raise Skip('cmark is not installed')
    result = subprocess.run([program, '--to', 'html'], input=markdown, capture_output=True,
                            text=True, check=True)
    return result.stdout


def check_md(path, which):
    yaml = need_yaml()
    with open(path, encoding='utf-8') as f:
        text = f.read()
    documents = split_documents(text)
    for front, body in documents:
        meta = yaml.safe_load(front)
        expect(isinstance(meta, dict) and 'title' in meta, 'front matter without a title')
        for key, value in meta.items():
            expect(isinstance(value, (str, list, dict)), f'{key} read as {type(value).__name__}')
        html = cmark_html(body)
        expect('<script' not in html, 'a script element in the rendered Markdown')
        expect(html.count('<h1>') == 1, 'not exactly one level-1 heading')
    if which == 'hostile':
        expect(len(documents) == 1, 'a single clipping is not one document')
        meta = yaml.safe_load(documents[0][0])
        expect(meta['title'] == HOSTILE_TITLE, f'title read back as {meta["title"]!r}')
        expect(meta['author'] == "By Zoë O'Brien and Li Wei", 'author')
        expect(meta['site'] == SITE and meta['source'] == URL, 'site and source')
        expect(meta['published'] == '2024-05-01T10:00', 'published')
        expect(sorted(meta['tags']) == sorted(['yes', '- dash', '<b>tag</b>', 'quote"tag', 'Ünï']),
               f'tags read back as {meta["tags"]!r}')
        expect(meta['entities'] == {'person': ['Ana Ruiz']}, f'entities {meta["entities"]!r}')
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
          'check-csl': check_csl}


def run_cli(cli, db, *args, check=True):
    result = subprocess.run([cli, '--db', db, *args], capture_output=True, text=True, timeout=120)
    if check and result.returncode != 0:
        fail(f'{args}: {result.returncode}\n{result.stderr}')
    return result


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
