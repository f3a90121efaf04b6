/* test-store-check.c: damage found and never written to, recovery,
 * read-only opening, and the values the store refuses (issue 11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "clip-json.h"
#include "clip-store-check.h"
#include "clip-store.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("clip-check-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "library.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
add_articles (ClipStore *store,
              guint      n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClipArticle) article = clip_article_new ();
      g_autoptr(GString) html = g_string_new (NULL);
      g_autoptr(GError) error = NULL;

      for (guint p = 0; p < 20; p++)
        g_string_append_printf (html, "<p>Article %u, paragraph %u: the harbour council met again "
                                "and the ferry timetable changed once more.</p>", i, p);
      clip_article_set_title (article, "Harbour news");
      clip_article_set_content_html (article, html->str);
      clip_store_add_article (store, article, &error);
      g_assert_no_error (error);
    }
}

static char *
read_all (const char *path,
          gsize      *length)
{
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, length, NULL));
  return data;
}

/* 4 KiB of noise in the middle of the library, after a checkpoint: in the
 * middle one of the tables' and indexes' root pages, which a check reads
 * (noise in a free page or in an article's overflow text would garble
 * nothing a check can see). */
static void
damage_table (const char *path,
              const char *table)
{
  g_autofree char *data = NULL;
  g_autoptr(GArray) roots = g_array_new (FALSE, FALSE, sizeof (gint64));
  gsize length, at;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 page_size;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage, (SELECT page_size FROM pragma_page_size)"
                                           " FROM sqlite_master WHERE rootpage > 1 AND (?1 IS NULL OR name = ?1)"
                                           " ORDER BY rootpage",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  page_size = 4096;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 root = sqlite3_column_int64 (stmt, 0);

      page_size = sqlite3_column_int64 (stmt, 1);
      g_array_append_val (roots, root);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (roots->len, >, 0);

  data = read_all (path, &length);
  at = (g_array_index (roots, gint64, roots->len / 2) - 1) * page_size;
  for (gsize i = 0; i < 4096 && at + i < length; i++)
    data[at + i] = (char)(i * 7 + 3);
  g_assert_true (g_file_set_contents (path, data, length, NULL));
}

static void
damage (const char *path)
{
  damage_table (path, NULL);
}

static void
test_damage_stops_writes (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ClipStore) store = clip_store_open (f->path, NULL);
  g_autoptr(ClipArticle) article = clip_article_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) problems = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;

  add_articles (store, 60);
  g_clear_object (&store);
  damage (f->path);
  before = read_all (f->path, &before_len);

  store = clip_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (clip_store_get_damaged (store));

  /* The first write of the session runs the quick check and is refused. */
  clip_article_set_content_html (article, "<p>One more, which must not be written.</p>");
  g_assert_false (clip_store_add_article (store, article, &error));
  g_assert_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_true (clip_store_get_damaged (store));
  g_clear_error (&error);
  g_assert_false (clip_store_tag_article (store, 1, "kept", &error));
  g_assert_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  problems = clip_store_check (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (problems), >, 0);
  g_clear_object (&store);

  after = read_all (f->path, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);
}

/* A damaged library not in WAL mode: opening it for writing does not
 * switch its journal mode (a write to its header) before checking it. */
static void
test_damaged_not_switched (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(ClipStore) store = clip_store_open (f->path, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  sqlite3 *db = NULL;

  add_articles (store, 60);
  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  damage (f->path);
  before = read_all (f->path, &before_len);

  store = clip_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_CORRUPT);
  after = read_all (f->path, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);
}

/* SQLITE_CORRUPT from any statement marks the library damaged, even when
 * the quick check has passed (a check run elsewhere said so). */
static void
test_corrupt_statement_marks_damaged (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(ClipStore) store = clip_store_open (f->path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  guint damaged_signals = 0;
  gint64 n;

  add_articles (store, 60);
  g_clear_object (&store);
  /* Where reading an article goes. */
  damage_table (f->path, "articles");

  store = clip_store_open_full (f->path, CLIP_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_signal_connect_swapped (store, "damaged", G_CALLBACK (g_atomic_int_inc), &damaged_signals);
  clip_store_set_checked (store, FALSE);
  for (n = 1; n <= 60 && !clip_store_get_damaged (store); n++)
    {
      g_autoptr(ClipArticle) article = clip_store_get_article (store, n, NULL);
    }
  g_assert_true (clip_store_get_damaged (store));
  g_assert_cmpuint (damaged_signals, ==, 1);
}

static void
test_recover (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ClipStore) store = clip_store_open (f->path, NULL);
  g_autoptr(ClipStore) recovered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "recovered.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(GStrv) problems = NULL;
  ClipStoreRecovery recovery;
  gsize before_len, after_len;
  gint64 n;

  add_articles (store, 60);
  g_clear_object (&store);
  damage (f->path);
  before = read_all (f->path, &before_len);

  store = clip_store_open_full (f->path, CLIP_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (clip_store_recover (store, out, &recovery, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (recovery.copied, >, 30);
  g_assert_false (clip_store_recover (store, out, &recovery, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_clear_object (&store);

  after = read_all (f->path, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);

  recovered = clip_store_open (out, &error);
  g_assert_no_error (error);
  problems = clip_store_check (recovered, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (problems, ((const char *[]) { NULL }));
  n = clip_store_count_articles (recovered, &error);
  g_assert_cmpint (n, >, 30);
  g_assert_cmpint (n, <=, 60);
}

/* A read changes nothing: no journal mode switched, no -wal made. */
static void
test_read_only_open (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ClipStore) store = clip_store_open (f->path, NULL);
  g_autoptr(ClipArticle) article = clip_article_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  sqlite3 *db = NULL;

  add_articles (store, 2);
  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = read_all (f->path, &before_len);

  store = clip_store_open_full (f->path, CLIP_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (clip_store_get_read_only (store));
  g_assert_cmpint (clip_store_count_articles (store, NULL), ==, 2);
  clip_article_set_content_html (article, "<p>Not to be written.</p>");
  g_assert_false (clip_store_add_article (store, article, &error));
  g_assert_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_READ_ONLY);
  g_clear_object (&store);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  after = read_all (f->path, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_refused_values (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ClipStore) store = clip_store_open (f->path, NULL);
  g_autoptr(ClipAnnotation) far = clip_annotation_new (CLIP_ANNOTATION_NOTE);
  g_autoptr(ClipAnnotation) empty = clip_annotation_new (CLIP_ANNOTATION_NOTE);
  g_autoptr(GError) error = NULL;
  g_autofree char *nested_dir = g_build_filename (f->dir, "new", "dir", "x.db", NULL);

  add_articles (store, 1);
  clip_annotation_set_article_id (far, 1);
  clip_annotation_set_quote (far, "the harbour", NULL, NULL);
  clip_annotation_set_position (far, G_MAXINT64 - 10, G_MAXINT64 - 1);
  clip_annotation_set_orphaned (far, TRUE);
  g_assert_false (clip_store_add_annotation (store, far, &error));
  g_assert_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  clip_annotation_set_article_id (empty, 1);
  clip_annotation_set_quote (empty, "", NULL, NULL);
  clip_annotation_set_position (empty, 3, 9);
  clip_annotation_set_orphaned (empty, TRUE);
  g_assert_false (clip_store_add_annotation (store, empty, &error));
  g_assert_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (clip_store_open ("", &error));
  g_assert_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (clip_store_open (nested_dir, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (nested_dir, G_FILE_TEST_EXISTS));
}

static void
test_json_depth (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_assert_null (clip_json_from_string (deep->str, &error));
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
  g_clear_error (&error);

  g_assert_true (clip_json_check_depth ("[[[]]]", -1, 3, NULL));
  g_assert_false (clip_json_check_depth ("[[[[]]]]", -1, 3, NULL));
  /* Brackets and escaped quotes inside strings are text. */
  g_assert_true (clip_json_check_depth ("[\"[[[[\\\"[[[[\"]", -1, 1, NULL));
  g_assert_false (clip_json_check_depth ("{\"a\":{\"b\":[1]}}", -1, 2, NULL));
  node = clip_json_from_string ("{\"a\": [1, {\"b\": \"]]]\"}]}", &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_null (clip_json_from_string (NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store-check/damage-stops-writes", test_damage_stops_writes);
  ADD ("/store-check/corrupt-statement", test_corrupt_statement_marks_damaged);
  ADD ("/store-check/damaged-not-switched", test_damaged_not_switched);
  ADD ("/store-check/recover", test_recover);
  ADD ("/store-check/read-only-open", test_read_only_open);
  ADD ("/store-check/refused-values", test_refused_values);
#undef ADD
  g_test_add_func ("/json/depth", test_json_depth);

  return g_test_run ();
}
