#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that po/POTFILES.in matches the files that hold translatable strings.

Two kinds of mistake make the check fail:

  * a file listed in POTFILES.in that does not exist (a typo, or a file that
    was moved or removed), and
  * a source file under src/ or ui/ (or a desktop, metainfo or schema file
    under data/) that contains translatable strings but is not listed, so its
    strings would never reach translators.

Files listed in po/POTFILES.skip are exempt from the second rule. A listed
file that exists but has no translatable strings is only reported as a note.

Usage: check-potfiles.py [SOURCE_ROOT]   (default: the parent of this file)
"""

import os
import re
import sys

# Directories scanned for sources, relative to the source root.
SCAN_DIRS = ('src', 'ui', 'data')

# A gettext call in C or JS: _("..."), N_("..."), C_("ctx", "..."),
# NC_(...), Q_(...), g_dgettext (...), ngettext (...) and friends. The
# look-behind keeps identifiers that merely end in "_" from matching.
CALL_RE = re.compile(
    r'(?<![A-Za-z0-9_])(?:N|C|NC|Q)?_\s*\(|'
    r'(?<![A-Za-z0-9_])(?:g_)?(?:d|dc|dn|dcn|n|p|dp|dnp)?gettext2?\s*\(')

# A translatable property or string in a GtkBuilder file.
UI_RE = re.compile(r'translatable\s*=\s*["\'](?:yes|true|1)["\']', re.I)

# Comments and string literals in C-like code. Comments are dropped and
# strings emptied, so that a comment or a string that mentions _() does not
# count; the call itself stays outside the (now empty) string.
C_TOKEN_RE = re.compile(
    r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'',
    re.S)

C_LIKE = ('.c', '.h', '.js', '.vala')
UI_LIKE = ('.ui',)
DATA_LIKE = ('.desktop.in', '.metainfo.xml.in', '.appdata.xml.in',
             '.gschema.xml')


def strip_comments(text):
    def repl(m):
        tok = m.group(0)
        return ' ' if tok.startswith('/') else tok[0] * 2
    return C_TOKEN_RE.sub(repl, text)


def read_list(path):
    """Return the file names listed in a POTFILES-style file."""
    names = []
    if not os.path.exists(path):
        return names
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            # Entries may carry a type prefix, as in "[type: gettext/glade]ui/x.ui".
            line = re.sub(r'^\[[^\]]*\]\s*', '', line)
            names.append(os.path.normpath(line))
    return names


def is_translatable(path):
    name = os.path.basename(path)
    if name.endswith(DATA_LIKE):
        return True
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            text = f.read()
    except OSError:
        return False
    if name.endswith(UI_LIKE):
        return bool(UI_RE.search(text))
    if name.endswith(C_LIKE):
        return bool(CALL_RE.search(strip_comments(text)))
    return False


def candidate_sources(root):
    for top in SCAN_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith('.'))
            for name in sorted(filenames):
                if name.endswith(C_LIKE + UI_LIKE + DATA_LIKE):
                    full = os.path.join(dirpath, name)
                    yield os.path.relpath(full, root)


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.abspath(argv[1]) if len(argv) > 1 else os.path.dirname(here)
    potfiles_in = os.path.join(root, 'po', 'POTFILES.in')
    if not os.path.exists(potfiles_in):
        print(f'po/POTFILES.in not found under {root}', file=sys.stderr)
        return 1

    listed = read_list(potfiles_in)
    skipped = set(read_list(os.path.join(root, 'po', 'POTFILES.skip')))
    listed_set = set(listed)

    duplicates = sorted({n for n in listed if listed.count(n) > 1})
    missing = [n for n in listed if not os.path.isfile(os.path.join(root, n))]
    unlisted = [n for n in candidate_sources(root)
                if n not in listed_set and n not in skipped
                and is_translatable(os.path.join(root, n))]
    untranslated = [n for n in listed
                    if n not in missing
                    and not is_translatable(os.path.join(root, n))]

    for n in untranslated:
        print(f'note: po/POTFILES.in lists {n}, which has no translatable '
              'strings (yet)')

    failed = False
    if missing:
        failed = True
        print('error: po/POTFILES.in lists files that do not exist '
              '(remove them or create them):', file=sys.stderr)
        for n in missing:
            print(f'  {n}', file=sys.stderr)
    if unlisted:
        failed = True
        print('error: these files contain translatable strings but are not '
              'in po/POTFILES.in (add them, or to po/POTFILES.skip):',
              file=sys.stderr)
        for n in unlisted:
            print(f'  {n}', file=sys.stderr)
    if duplicates:
        failed = True
        print('error: po/POTFILES.in lists these files more than once:',
              file=sys.stderr)
        for n in duplicates:
            print(f'  {n}', file=sys.stderr)

    if failed:
        return 1
    print(f'po/POTFILES.in: {len(listed)} files listed, all present, '
          'none missing')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
