/* fuzz-query.c: any text typed into the search entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A query the parser accepts must be one SQLite's FTS5 accepts too (the
 * reader would see an error instead of results), and its match must lie
 * inside the text it is looked for in.
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "clip-query.h"
#include "fuzz.h"

static sqlite3 *db;
static sqlite3_stmt *match_stmt;

#define SAMPLE_TEXT "Café owners in Zoë’s town said \"a phrase\" was all-important, 2024 — tag:x"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  if (sqlite3_open (":memory:", &db) != SQLITE_OK ||
      sqlite3_exec (db,
                    "CREATE VIRTUAL TABLE fts USING fts5 (title, byline, text, notes,"
                    " tokenize = 'unicode61 remove_diacritics 2');"
                    "INSERT INTO fts VALUES ('Title', 'By Someone', '" SAMPLE_TEXT "', 'note');",
                    NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM fts WHERE fts MATCH ?", -1,
                          &match_stmt, NULL) != SQLITE_OK)
    abort ();
  return 0;
}

static void
check_fts (const char *expression)
{
  int rc;

  if (expression == NULL)
    return;
  sqlite3_reset (match_stmt);
  sqlite3_bind_text (match_stmt, 1, expression, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (match_stmt);
  if (rc != SQLITE_ROW)
    g_printerr ("FTS5 refuses %s: %s\n", expression, sqlite3_errmsg (db));
  FUZZ_CHECK (rc == SQLITE_ROW);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *)data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipQuery) query = NULL;
  g_autoptr(ClipQuery) copy = NULL;
  glong start = -1, end = -1;

  /* The entry gives UTF-8 without NUL; so does the CLI's argument. */
  if (strlen (text) != size || !g_utf8_validate (text, -1, NULL))
    return 0;

  query = clip_query_parse (text, &error);
  FUZZ_CHECK ((query == NULL) == (error != NULL));
  if (query == NULL)
    return 0;

  check_fts (clip_query_get_match (query));
  check_fts (clip_query_get_exclude (query));
  copy = clip_query_copy (query);
  FUZZ_CHECK (g_strcmp0 (clip_query_get_match (copy), clip_query_get_match (query)) == 0);
  if (clip_query_find_match (query, SAMPLE_TEXT, &start, &end))
    FUZZ_CHECK (0 <= start && start <= end && end <= g_utf8_strlen (SAMPLE_TEXT, -1));
  if (clip_query_find_match (query, text, &start, &end))
    FUZZ_CHECK (0 <= start && start <= end && end <= g_utf8_strlen (text, -1));
  return 0;
}
