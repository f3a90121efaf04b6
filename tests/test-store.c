/* test-store.c: the library over SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "clip-store-private.h"
#include "clip-store.h"
#include "clip-trash.h"
#include "clip-text.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("clip-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "library.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Counts rows straight from the file, not through the store. */
static gint64
count_rows (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* The search index holds exactly the words of the articles table, at
 * the same places: compared with an index made afresh from the table.
 * (FTS5's integrity-check does not compare with an external content
 * table before SQLite 3.44.) */
static void
assert_index_consistent (ClipStore *store)
{
  sqlite3 *db = clip_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  char *message = NULL;

  sqlite3_exec (db,
                "CREATE VIRTUAL TABLE temp.fresh_fts USING fts5 (title, byline, text, notes,"
                "  tokenize = 'unicode61 remove_diacritics 2');"
                "INSERT INTO temp.fresh_fts (rowid, title, byline, text, notes)"
                "  SELECT id, title, byline, text, notes FROM articles;"
                "CREATE VIRTUAL TABLE temp.kept_words USING fts5vocab (main, articles_fts, 'instance');"
                "CREATE VIRTUAL TABLE temp.fresh_words USING fts5vocab (temp, fresh_fts, 'instance');",
                NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT (SELECT count(*) FROM (SELECT * FROM temp.kept_words"
                                       "  EXCEPT SELECT * FROM temp.fresh_words))"
                                       " + (SELECT count(*) FROM (SELECT * FROM temp.fresh_words"
                                       "  EXCEPT SELECT * FROM temp.kept_words)),"
                                       " (SELECT count(*) FROM temp.kept_words)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_exec (db, "DROP TABLE temp.kept_words; DROP TABLE temp.fresh_words; DROP TABLE temp.fresh_fts;",
                NULL, NULL, NULL);
}

static ClipArticle *
make_article (const char *title,
              const char *first,
              const char *second)
{
  g_autoptr(ClipContentBuilder) builder = clip_content_builder_new ();
  ClipArticle *article = clip_article_new ();
  g_autofree char *html = NULL;

  clip_content_builder_add (builder, "p", first);
  clip_content_builder_add (builder, "p", second);
  html = clip_content_builder_free_to_html (g_steal_pointer (&builder));

  clip_article_set_title (article, title);
  clip_article_set_site_name (article, "Test Wire");
  clip_article_set_published (article, "2024-05-01T10:00");
  clip_article_set_content_html (article, html);
  return article;
}

static ClipAnnotation *
annotate (ClipStore   *store,
          ClipArticle *article,
          glong        start,
          glong        end)
{
  g_autoptr(GError) error = NULL;
  ClipAnnotation *annotation;

  annotation = clip_annotation_new_for_range (CLIP_ANNOTATION_HIGHLIGHT,
                                              clip_article_get_text (article), start, end);
  g_assert_nonnull (annotation);
  clip_annotation_set_article_id (annotation, clip_article_get_id (article));
  clip_store_add_annotation (store, annotation, &error);
  g_assert_no_error (error);
  return annotation;
}

static void
test_create_and_reopen (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipStore) store = NULL;
  g_autoptr(ClipArticle) article = make_article ("Harbour reopens", "The harbour reopened on Monday.",
                                                 "Fishing boats returned at dawn.");
  g_autoptr(ClipAnnotation) annotation = NULL;
  g_autoptr(ClipArticle) loaded = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) list = NULL;
  ClipAnnotation *stored;
  gint64 id;

  store = clip_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (clip_store_get_created (store));
  clip_article_set_source_file (article, "file:///tmp/harbour%20news.txt");
  g_assert_true (clip_store_add_article (store, article, &error));
  g_assert_no_error (error);
  id = clip_article_get_id (article);
  g_assert_cmpint (id, >, 0);
  annotation = annotate (store, article, 4, 11);
  g_assert_cmpstr (clip_annotation_get_exact (annotation), ==, "harbour");
  g_clear_object (&store);

  g_assert_cmpint (count_rows (f->path, "PRAGMA user_version"), ==, CLIP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'fishing'"), ==, 1);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM articles_fts WHERE notes MATCH 'harbour'"), ==, 1);

  store = clip_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (clip_store_get_created (store));

  loaded = clip_store_get_article (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clip_article_get_title (loaded), ==, "Harbour reopens");
  g_assert_cmpstr (clip_article_get_site_name (loaded), ==, "Test Wire");
  g_assert_cmpstr (clip_article_get_published (loaded), ==, "2024-05-01T10:00");
  g_assert_cmpstr (clip_article_get_source_file (loaded), ==, "file:///tmp/harbour%20news.txt");
  g_assert_cmpstr (clip_article_get_text (loaded), ==,
                   "The harbour reopened on Monday.\n\nFishing boats returned at dawn.");

  annotations = clip_store_list_annotations (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annotations->len, ==, 1);
  stored = g_ptr_array_index (annotations, 0);
  g_assert_cmpint (clip_annotation_get_id (stored), ==, clip_annotation_get_id (annotation));
  g_assert_cmpstr (clip_annotation_get_exact (stored), ==, "harbour");
  g_assert_cmpstr (clip_annotation_get_prefix (stored), ==, "The ");
  g_assert_cmpstr (clip_annotation_get_suffix (stored), ==, " reopened on Monday.\n\nFishing bo");
  g_assert_cmpint (clip_annotation_get_start (stored), ==, 4);
  g_assert_cmpint (clip_annotation_get_end (stored), ==, 11);

  list = clip_store_list_articles (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpuint (clip_article_get_n_highlights (g_ptr_array_index (list, 0)), ==, 1);
}

static void
test_migrate_empty_file (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipStore) store = NULL;

  g_assert_true (g_file_set_contents (f->path, "", 0, &error));
  store = clip_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (clip_store_get_created (store));
  g_assert_cmpint (clip_store_count_articles (store, &error), ==, 0);
  g_clear_object (&store);

  g_assert_cmpint (count_rows (f->path, "PRAGMA user_version"), ==, CLIP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM sqlite_master WHERE name = 'annotations'"), ==, 1);
}

/* A library of format 1, made with that version's own SQL and filled as
 * that version did, is upgraded in place: its clippings and annotations
 * kept, and its search index rebuilt to match them. */
static void
test_migrate_from_v1 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipStore) store = NULL;
  g_autoptr(ClipArticle) loaded = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, clip_store_get_migration (0), NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO articles (id, title, content_html, text, created_at, updated_at)"
                                 " VALUES (7, 'Old one', '<p>Kept across versions.</p><p>Still here.</p>',"
                                 " 'Kept across versions.\n\nStill here.', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');"
                                 "INSERT INTO annotations (article_id, kind, exact, start_pos, end_pos, note,"
                                 " created_at, updated_at) VALUES (7, 'highlight', 'Still here', 23, 33,"
                                 " 'a marginal remark', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');"
                                 "PRAGMA user_version = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = clip_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (clip_store_get_created (store));
  g_assert_cmpint (count_rows (f->path, "PRAGMA user_version"), ==, CLIP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM pragma_table_info('articles')"
                                        " WHERE name IN ('http_status', 'captured_at', 'lead_image_url', 'notes',"
                                        " 'source_file')"), ==, 5);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                                        " AND name IN ('articles_source', 'articles_date')"), ==, 2);
  /* The published order reads the date index now. */
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM sqlite_master WHERE name = 'articles_published'"), ==, 0);
  loaded = clip_store_get_article (store, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clip_article_get_title (loaded), ==, "Old one");
  g_assert_nonnull (strstr (clip_article_get_content_html (loaded), "Still here."));
  annotations = clip_store_list_annotations (store, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annotations->len, ==, 1);

  /* The rebuilt index finds the text and the note, and is consistent. */
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'versions'"), ==, 1);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'marginal'"), ==, 1);
  assert_index_consistent (store);
}

/* The images go in with the article, and its <img> point at them. */
static void
test_assets_with_article (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipStore) store = clip_store_open (f->path, &error);
  g_autoptr(ClipArticle) article = clip_article_new ();
  g_autoptr(GPtrArray) assets = g_ptr_array_new_with_free_func ((GDestroyNotify)clip_asset_free);
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG\r\n", 6);
  g_autoptr(ClipArticle) loaded = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) urls = NULL;
  const char *text_before;

  clip_article_set_title (article, "Pictures");
  clip_article_set_content_html (article,
                                 "<p>Before.</p>\n\n<figure><img src=\"https://example.org/a.png?x=1&amp;y=2\" alt=\"\">"
                                 "<figcaption>A caption.</figcaption></figure>\n\n<p>After.</p>");
  text_before = clip_article_get_text (article);
  g_assert_cmpstr (text_before, ==, "Before.\n\nA caption.\n\nAfter.");
  g_ptr_array_add (assets, clip_asset_new ("https://example.org/a.png?x=1&y=2", "image/png", png));

  g_assert_true (clip_store_add_article_with_assets (store, article, assets, &error));
  g_assert_no_error (error);

  loaded = clip_store_get_article (store, clip_article_get_id (article), &error);
  urls = clip_content_image_urls (clip_article_get_content_html (loaded));
  g_assert_cmpuint (g_strv_length (urls), ==, 1);
  g_assert_true (g_str_has_prefix (urls[0], "clip://asset/"));
  g_assert_cmpstr (clip_article_get_text (loaded), ==, "Before.\n\nA caption.\n\nAfter.");

  stored = clip_store_get_asset (store, g_ascii_strtoll (urls[0] + strlen ("clip://asset/"), NULL, 10),
                                 &mime_type, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mime_type, ==, "image/png");
  g_assert_true (g_bytes_equal (stored, png));
}

/* Edits are saved, a deleted annotation comes back under its number,
 * and entities are found by any of their names. */
static void
test_annotation_edits_and_entities (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipStore) store = clip_store_open (f->path, &error);
  g_autoptr(ClipArticle) article = make_article ("Mayor speaks", "Mayor Ana Ruiz spoke first.",
                                                 "Ruiz said the budget would pass.");
  g_autoptr(ClipAnnotation) quote = NULL;
  g_autoptr(ClipAnnotation) loaded = NULL;
  g_autoptr(ClipEntity) ruiz = NULL;
  g_autoptr(ClipEntity) found = NULL;
  const char *tags[] = { "budget", "city hall", NULL };
  gint64 id;

  clip_store_add_article (store, article, &error);
  g_assert_no_error (error);
  ruiz = clip_store_ensure_entity (store, "Ana Ruiz", "person", &error);
  g_assert_no_error (error);
  g_assert_true (clip_store_add_entity_alias (store, clip_entity_get_id (ruiz), "Ruiz", &error));
  g_assert_true (clip_store_add_entity_alias (store, clip_entity_get_id (ruiz), "ruiz", &error));
  found = clip_store_find_entity (store, "RUIZ", NULL, &error);
  g_assert_nonnull (found);
  g_assert_cmpint (clip_entity_get_id (found), ==, clip_entity_get_id (ruiz));
  g_assert_cmpuint (g_strv_length ((char **)clip_entity_get_aliases (found)), ==, 1);
  g_clear_object (&found);
  found = clip_store_ensure_entity (store, "ana ruiz", "person", &error);
  g_assert_cmpint (clip_entity_get_id (found), ==, clip_entity_get_id (ruiz));
  g_assert_null (clip_store_find_entity (store, "Ruiz", "place", &error));
  g_assert_null (clip_store_ensure_entity (store, "  ", "person", &error));
  g_assert_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  quote = annotate (store, article, 29, 60);
  id = clip_annotation_get_id (quote);
  clip_annotation_set_speaker (quote, clip_entity_get_id (ruiz), NULL);
  clip_annotation_set_quote_status (quote, "verified");
  clip_annotation_set_note (quote, "From the council minutes");
  clip_annotation_set_tags (quote, tags);
  g_assert_true (clip_store_update_annotation (store, quote, &error));
  g_assert_no_error (error);

  loaded = clip_store_get_annotation (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clip_annotation_get_speaker_name (loaded), ==, "Ana Ruiz");
  g_assert_cmpstr (clip_annotation_get_quote_status (loaded), ==, "verified");
  g_assert_cmpstr (clip_annotation_get_note (loaded), ==, "From the council minutes");
  g_assert_cmpstrv (clip_annotation_get_tags (loaded), tags);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM articles_fts WHERE notes MATCH 'minutes'"), ==, 1);

  g_assert_true (clip_store_delete_annotation (store, id, &error));
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM annotation_tags"), ==, 0);
  g_assert_true (clip_store_restore_annotation (store, loaded, &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = clip_store_get_annotation (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clip_annotation_get_speaker_name (loaded), ==, "Ana Ruiz");
  g_assert_cmpstrv (clip_annotation_get_tags (loaded), tags);
}

/* Deleting clippings can be undone: everything comes back, same numbers. */
static void
test_trash (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipStore) store = clip_store_open (f->path, &error);
  g_autoptr(ClipArticle) one = make_article ("One", "The first article.", "Its second paragraph.");
  g_autoptr(ClipArticle) two = make_article ("Two", "The second article.", "More of it.");
  g_autoptr(ClipAnnotation) annotation = NULL;
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG", 4);
  g_autoptr(ClipTrash) trash = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_auto(GStrv) tags = NULL;
  gint64 ids[2], asset;

  clip_store_add_article (store, one, &error);
  clip_store_add_article (store, two, &error);
  g_assert_no_error (error);
  ids[0] = clip_article_get_id (one);
  ids[1] = clip_article_get_id (two);
  annotation = annotate (store, one, 4, 9);
  clip_store_tag_article (store, ids[0], "kept", &error);
  asset = clip_store_add_asset (store, ids[0], "https://example.org/a.png", "image/png", png, &error);
  g_assert_no_error (error);

  trash = clip_trash_delete (store, ids, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clip_trash_get_n_articles (trash), ==, 2);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM articles"), ==, 0);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM annotations"), ==, 0);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM assets"), ==, 0);

  g_assert_true (clip_trash_restore (trash, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM articles"), ==, 2);
  annotations = clip_store_list_annotations (store, ids[0], &error);
  g_assert_cmpuint (annotations->len, ==, 1);
  g_assert_cmpint (clip_annotation_get_id (g_ptr_array_index (annotations, 0)), ==,
                   clip_annotation_get_id (annotation));
  tags = clip_store_get_article_tags (store, ids[0], &error);
  g_assert_cmpstr (tags[0], ==, "kept");
  g_assert_nonnull (clip_store_get_asset (store, asset, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'second'"), ==, 2);
}

static void
test_cascades (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipStore) store = clip_store_open (f->path, &error);
  g_autoptr(ClipArticle) kept = make_article ("Kept", "A kept article.", "It stays.");
  g_autoptr(ClipArticle) doomed = make_article ("Doomed", "A doomed article.", "It goes.");
  g_autoptr(GBytes) image = g_bytes_new_static ("\x89PNG", 4);
  g_autoptr(ClipAnnotation) a1 = NULL;
  g_autoptr(ClipAnnotation) a2 = NULL;
  g_autoptr(ClipAnnotation) a3 = NULL;

  g_assert_no_error (error);
  clip_store_add_article (store, kept, &error);
  clip_store_add_article (store, doomed, &error);
  g_assert_no_error (error);
  a1 = annotate (store, kept, 2, 6);
  a2 = annotate (store, doomed, 2, 8);
  a3 = annotate (store, doomed, 10, 17);
  g_assert_true (clip_store_tag_article (store, clip_article_get_id (doomed), "wire", &error));
  g_assert_true (clip_store_tag_article (store, clip_article_get_id (kept), "Wire ", &error));
  g_assert_cmpint (clip_store_add_asset (store, clip_article_get_id (doomed), "https://example.org/a.png",
                                         "image/png", image, &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (clip_store_delete_article (store, clip_article_get_id (doomed), &error));
  g_assert_no_error (error);

  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM articles"), ==, 1);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM annotations"), ==, 1);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM article_tags"), ==, 1);
  /* The tag itself is shared and stays; "Wire " matched "wire" without case. */
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM tags"), ==, 1);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM assets"), ==, 0);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM articles_fts"), ==, 1);

  g_assert_false (clip_store_delete_article (store, clip_article_get_id (doomed), &error));
  g_assert_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (clip_store_delete_annotation (store, clip_annotation_get_id (a1), &error));
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM annotations"), ==, 0);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM articles_fts WHERE notes MATCH 'kept'"), ==, 0);
}

static void
test_annotation_validation (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipStore) store = clip_store_open (f->path, &error);
  g_autoptr(ClipArticle) article = make_article ("Checks", "Exact words matter.", "So do offsets.");
  g_autoptr(ClipAnnotation) wrong_text = clip_annotation_new (CLIP_ANNOTATION_HIGHLIGHT);
  g_autoptr(ClipAnnotation) outside = clip_annotation_new (CLIP_ANNOTATION_HIGHLIGHT);
  g_autoptr(ClipAnnotation) orphan = clip_annotation_new (CLIP_ANNOTATION_HIGHLIGHT);

  clip_store_add_article (store, article, &error);
  g_assert_no_error (error);

  clip_annotation_set_article_id (wrong_text, clip_article_get_id (article));
  clip_annotation_set_quote (wrong_text, "Other", "", "");
  clip_annotation_set_position (wrong_text, 0, 5);
  g_assert_false (clip_store_add_annotation (store, wrong_text, &error));
  g_assert_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  clip_annotation_set_article_id (outside, clip_article_get_id (article));
  clip_annotation_set_quote (outside, "x", "", "");
  clip_annotation_set_position (outside, 1000, 1001);
  g_assert_false (clip_store_add_annotation (store, outside, &error));
  g_assert_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  clip_annotation_set_article_id (orphan, 9999);
  clip_annotation_set_quote (orphan, "E", "", "");
  clip_annotation_set_position (orphan, 0, 1);
  g_assert_false (clip_store_add_annotation (store, orphan, &error));
  g_assert_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM annotations"), ==, 0);
}

/* A file that is not ours must be refused and left byte for byte. */
static void
assert_refused_untouched (const char *path,
                          int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  g_autoptr(ClipStore) store = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  store = clip_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CLIP_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_not_a_database (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 500; i++)
    g_string_append (text, "These are someone's notes, not a database.\n");
  g_assert_true (g_file_set_contents (f->path, text->str, text->len, NULL));
  assert_refused_untouched (f->path, CLIP_STORE_ERROR_NOT_A_DATABASE);
}

static void
test_corrupt_database (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipStore) store = clip_store_open (f->path, &error);
  g_autoptr(ClipArticle) article = make_article ("Soon damaged", "Some text.", "More text.");
  g_autofree char *contents = NULL;
  gsize length;

  clip_store_add_article (store, article, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Keep the SQLite header but overwrite the schema page. */
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096);
  memset (contents + 100, 0xA5, 3000);
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));

  assert_refused_untouched (f->path, CLIP_STORE_ERROR_CORRUPT);
}

static void
test_newer_version (Fixture       *f,
                    gconstpointer  data)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused_untouched (f->path, CLIP_STORE_ERROR_NEWER_VERSION);
}

static void
test_foreign_database (Fixture       *f,
                       gconstpointer  data)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE recipes (name TEXT);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused_untouched (f->path, CLIP_STORE_ERROR_NOT_A_DATABASE);
}

static void
count_signal_cb (ClipStore *store,
                 guint     *count)
{
  (*count)++;
}

static void
test_signals (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipStore) store = clip_store_open (f->path, &error);
  g_autoptr(ClipArticle) article = make_article ("Signals", "Something changed.", "Tell the window.");
  g_autoptr(ClipAnnotation) annotation = NULL;
  guint articles_changed = 0;

  g_signal_connect (store, "articles-changed", G_CALLBACK (count_signal_cb), &articles_changed);
  clip_store_add_article (store, article, &error);
  g_assert_cmpuint (articles_changed, ==, 1);
  annotation = annotate (store, article, 0, 9);
  clip_store_delete_article (store, clip_article_get_id (article), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (articles_changed, ==, 2);
}

/* Matches of a search straight through FTS5. */
static gint64
count_matches (ClipStore  *store,
               const char *words)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (clip_store_get_db (store),
                                       "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, words, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The search index reads the articles table; every way of changing an
 * article or its annotations keeps the two in step. */
static void
test_index_follows_changes (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipStore) store = clip_store_open (f->path, &error);
  g_autoptr(ClipArticle) a = make_article ("Harbour reopens", "The harbour reopened on Monday.",
                                           "Fishing boats returned at dawn.");
  g_autoptr(ClipArticle) b = make_article ("Bridge works", "The bridge closes in May.", "Ferries will run.");
  g_autoptr(ClipAnnotation) first = NULL;
  g_autoptr(ClipAnnotation) second = NULL;
  g_autoptr(ClipTrash) trash = NULL;
  gint64 ids[1];

  g_assert_no_error (error);
  g_assert_true (clip_store_add_article (store, a, &error));
  g_assert_true (clip_store_add_article (store, b, &error));
  assert_index_consistent (store);
  g_assert_cmpint (count_matches (store, "harbour"), ==, 1);

  first = annotate (store, a, 4, 11);
  second = annotate (store, b, 4, 10);
  clip_annotation_set_note (first, "ask the port authority");
  g_assert_true (clip_store_update_annotation (store, first, &error));
  assert_index_consistent (store);
  g_assert_cmpint (count_matches (store, "authority"), ==, 1);

  /* A change that does not touch the words (the colour) leaves them. */
  clip_annotation_set_color (first, 3);
  g_assert_true (clip_store_update_annotation (store, first, &error));
  clip_annotation_set_note (first, "ask the mayor");
  g_assert_true (clip_store_update_annotation (store, first, &error));
  assert_index_consistent (store);
  g_assert_cmpint (count_matches (store, "authority"), ==, 0);
  g_assert_cmpint (count_matches (store, "mayor"), ==, 1);

  g_assert_true (clip_store_delete_annotation (store, clip_annotation_get_id (second), &error));
  assert_index_consistent (store);

  clip_article_set_title (a, "Harbour reopens to ferries");
  g_assert_true (clip_store_update_article_info (store, a, &error));
  assert_index_consistent (store);
  g_assert_cmpint (count_matches (store, "title:ferries"), ==, 1);

  /* Deleting an annotated clipping, then putting it back. */
  ids[0] = clip_article_get_id (a);
  trash = clip_trash_delete (store, ids, 1, &error);
  g_assert_no_error (error);
  assert_index_consistent (store);
  g_assert_cmpint (count_matches (store, "mayor"), ==, 0);
  g_assert_true (clip_trash_restore (trash, &error));
  assert_index_consistent (store);
  g_assert_cmpint (count_matches (store, "mayor"), ==, 1);

  g_assert_true (clip_store_delete_article (store, ids[0], &error));
  g_assert_true (clip_store_delete_article (store, clip_article_get_id (b), &error));
  g_assert_no_error (error);
  assert_index_consistent (store);
  g_assert_cmpint (count_matches (store, "harbour OR bridge OR mayor"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/create-and-reopen", test_create_and_reopen);
  ADD ("/store/migrate-empty-file", test_migrate_empty_file);
  ADD ("/store/migrate-from-v1", test_migrate_from_v1);
  ADD ("/store/assets-with-article", test_assets_with_article);
  ADD ("/store/cascades", test_cascades);
  ADD ("/store/trash", test_trash);
  ADD ("/store/annotation-edits-and-entities", test_annotation_edits_and_entities);
  ADD ("/store/annotation-validation", test_annotation_validation);
  ADD ("/store/refuse/not-a-database", test_not_a_database);
  ADD ("/store/refuse/corrupt", test_corrupt_database);
  ADD ("/store/refuse/newer-version", test_newer_version);
  ADD ("/store/refuse/foreign-database", test_foreign_database);
  ADD ("/store/signals", test_signals);
  ADD ("/store/index-follows-changes", test_index_follows_changes);
#undef ADD

  return g_test_run ();
}
