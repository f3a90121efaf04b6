/* test-search.c: the query parser, ranked search, tags, the entity index
 * and the lazily paged library model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "clip-entity-index.h"
#include "clip-library-model.h"
#include "clip-query.h"
#include "clip-rank.h"
#include "clip-search.h"
#include "clip-store-private.h"
#include "clip-store.h"
#include "clip-tags.h"
#include "clip-text.h"

typedef struct {
  char *dir;
  ClipStore *store;
  gint64 bridge;   /* "Harbour bridge vote" */
  gint64 budget;   /* "Budget report" */
  gint64 storm;    /* "Storm warning" */
} Fixture;

static ClipArticle *
make_article (const char *title,
              const char *site,
              const char *published,
              const char *text)
{
  g_autoptr(ClipContentBuilder) builder = clip_content_builder_new ();
  ClipArticle *article = clip_article_new ();
  g_autofree char *html = NULL;

  clip_content_builder_add (builder, "p", text);
  html = clip_content_builder_free_to_html (g_steal_pointer (&builder));
  clip_article_set_title (article, title);
  clip_article_set_site_name (article, site);
  clip_article_set_published (article, published);
  clip_article_set_content_html (article, html);
  return article;
}

static gint64
add_article (ClipStore  *store,
             const char *title,
             const char *site,
             const char *published,
             const char *text)
{
  g_autoptr(ClipArticle) article = make_article (title, site, published, text);
  g_autoptr(GError) error = NULL;

  clip_store_add_article (store, article, &error);
  g_assert_no_error (error);
  return clip_article_get_id (article);
}

/* Marks the first occurrence of word in the article. */
static gint64
annotate (ClipStore          *store,
          gint64              article_id,
          ClipAnnotationKind  kind,
          const char         *word,
          gint64              entity_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = clip_store_get_article (store, article_id, &error);
  const char *text = clip_article_get_text (article);
  const char *at = strstr (text, word);
  glong start = g_utf8_pointer_to_offset (text, at);
  g_autoptr(ClipAnnotation) annotation = NULL;

  annotation = clip_annotation_new_for_range (kind, text, start, start + g_utf8_strlen (word, -1));
  clip_annotation_set_article_id (annotation, article_id);
  if (kind == CLIP_ANNOTATION_QUOTE)
    clip_annotation_set_speaker (annotation, entity_id, NULL);
  else if (kind == CLIP_ANNOTATION_ENTITY)
    clip_annotation_set_entity_id (annotation, entity_id);
  clip_store_add_annotation (store, annotation, &error);
  g_assert_no_error (error);
  return clip_annotation_get_id (annotation);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("clip-search-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "library.db", NULL);
  f->store = clip_store_open (path, &error);
  g_assert_no_error (error);

  f->bridge = add_article (f->store, "Harbour bridge vote", "Harbour Times", "2023-05-01T10:00",
                           "The council voted on the harbour bridge. The bridge costs doubled.");
  f->budget = add_article (f->store, "Budget report", "Le Monde", "2024-02-10",
                           "The budget report mentions the bridge once. Café owners complained.");
  f->storm = add_article (f->store, "Storm warning", NULL, NULL,
                          "A storm hit the district. Officials announced delays.");
  clip_store_tag_article (f->store, f->bridge, "City Hall", &error);
  g_assert_no_error (error);
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
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
}

static const char *
string_at (GPtrArray *array,
           guint      i)
{
  return g_ptr_array_index (array, i);
}

static void
test_parse_syntax (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipQuery) query = NULL;

  query = clip_query_parse ("  harbour \"city hall\" -storm -\"bad news\" brid* \"a phr\"* "
                            "TAG:\"City Hall\" tag:Café entity:Putin site:monde kind:quote "
                            "KIND:Note before:2024 before:2025 after:2023-01 after:2022-12-31 "
                            "http://example.org",
                            &error);
  g_assert_no_error (error);
  g_assert_true (clip_query_has_terms (query));
  g_assert_true (clip_query_has_filters (query));
  g_assert_cmpstr (clip_query_get_match (query), ==,
                   "\"harbour\" AND \"city hall\" AND \"brid\" * AND \"a phr\" * AND \"http://example.org\"");
  g_assert_cmpstr (clip_query_get_exclude (query), ==, "\"storm\" OR \"bad news\"");
  g_assert_cmpuint (clip_query_get_tags (query)->len, ==, 2);
  g_assert_cmpstr (string_at (clip_query_get_tags (query), 0), ==, "city hall");
  g_assert_cmpstr (string_at (clip_query_get_tags (query), 1), ==, "cafe");
  g_assert_cmpstr (string_at (clip_query_get_entities (query), 0), ==, "putin");
  g_assert_cmpstr (string_at (clip_query_get_sites (query), 0), ==, "monde");
  g_assert_cmpstr (string_at (clip_query_get_kinds (query), 0), ==, "quote");
  g_assert_cmpstr (string_at (clip_query_get_kinds (query), 1), ==, "note");
  /* The tighter bound of each pair wins. */
  g_assert_cmpstr (clip_query_get_before (query), ==, "2024-01-01");
  g_assert_cmpstr (clip_query_get_after (query), ==, "2023-02-01");
}

static void
test_parse_dates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipQuery) year = clip_query_parse ("after:2023", &error);
  g_autoptr(ClipQuery) day = clip_query_parse ("after:2024-02-29 before:2024-12-31", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (clip_query_get_after (year), ==, "2024-01-01");
  g_assert_cmpstr (clip_query_get_after (day), ==, "2024-03-01");
  g_assert_cmpstr (clip_query_get_before (day), ==, "2024-12-31");
  g_assert_false (clip_query_has_terms (day));
}

static void
test_parse_quotes_and_escaping (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipQuery) typographic = clip_query_parse ("“city hall” NEAR(a OR b) — ", &error);
  g_autoptr(ClipQuery) empty = clip_query_parse ("   ", &error);
  g_autoptr(ClipQuery) only_excluded = clip_query_parse ("-storm", &error);

  g_assert_no_error (error);
  /* FTS5 operators are plain words inside strings; "—" has no word. */
  g_assert_cmpstr (clip_query_get_match (typographic), ==,
                   "\"city hall\" AND \"NEAR(a\" AND \"OR\" AND \"b)\"");
  g_assert_true (clip_query_is_empty (empty));
  g_assert_null (clip_query_get_match (empty));
  g_assert_false (clip_query_has_terms (only_excluded));
  g_assert_cmpstr (clip_query_get_exclude (only_excluded), ==, "\"storm\"");
}

static void
test_parse_errors (void)
{
  static const struct {
    const char *text;
    ClipQueryError code;
  } cases[] = {
    { "\"city hall", CLIP_QUERY_ERROR_SYNTAX },
    { "harbour \"", CLIP_QUERY_ERROR_SYNTAX },
    { "tag:\"city", CLIP_QUERY_ERROR_SYNTAX },
    { "-", CLIP_QUERY_ERROR_SYNTAX },
    { "bridge - storm", CLIP_QUERY_ERROR_SYNTAX },
    { "*", CLIP_QUERY_ERROR_SYNTAX },
    { "-tag:x", CLIP_QUERY_ERROR_SYNTAX },
    { "tag:", CLIP_QUERY_ERROR_FILTER },
    { "tag:\"  \"", CLIP_QUERY_ERROR_FILTER },
    { "entity: putin", CLIP_QUERY_ERROR_FILTER },
    { "kind:banana", CLIP_QUERY_ERROR_FILTER },
    { "before:2024-13", CLIP_QUERY_ERROR_DATE },
    { "before:2023-02-29", CLIP_QUERY_ERROR_DATE },
    { "after:20x4", CLIP_QUERY_ERROR_DATE },
    { "after:24", CLIP_QUERY_ERROR_DATE },
    { "after:2024/01/01", CLIP_QUERY_ERROR_DATE },
    { "— …", CLIP_QUERY_ERROR_NO_WORDS },
    { "\"\"", CLIP_QUERY_ERROR_NO_WORDS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ClipQuery) query = clip_query_parse (cases[i].text, &error);

      g_test_message ("query: %s", cases[i].text);
      g_assert_null (query);
      g_assert_error (error, CLIP_QUERY_ERROR, (gint)cases[i].code);
      g_assert_cmpuint (strlen (error->message), >, 0);
    }
}

static void
test_fold_and_find (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folded = clip_query_fold ("ÉCOLE Zu\xcc\x88rich Straße");
  g_autoptr(ClipQuery) query = clip_query_parse ("cafe \"harbour brid\"*", &error);
  glong start = -1, end = -1;

  g_assert_no_error (error);
  g_assert_cmpstr (folded, ==, "ecole zurich straße");
  g_assert_true (clip_query_find_match (query, "Le Café du Harbour Bridge", &start, &end));
  g_assert_cmpint (start, ==, 3);
  g_assert_cmpint (end, ==, 7);
  g_assert_true (clip_query_find_match (query, "The harbour bridges", &start, &end));
  g_assert_cmpint (start, ==, 4);
  g_assert_cmpint (end, ==, 19);
  g_assert_false (clip_query_find_match (query, "harbour, no", NULL, NULL));
}

static GPtrArray *
search (Fixture    *f,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipQuery) query = clip_query_parse (text, &error);
  GPtrArray *results;

  g_assert_no_error (error);
  results = clip_store_search (f->store, query, CLIP_LIBRARY_SORT_SAVED, 0, 20, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clip_store_count_search (f->store, query, &error), ==, results->len);
  g_assert_no_error (error);
  return results;
}

static gint64
id_at (GPtrArray *results,
       guint      i)
{
  return clip_search_result_get_id (g_ptr_array_index (results, i));
}

static void
test_ranking (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) bridge = search (f, "bridge");
  g_autoptr(GPtrArray) cafe = search (f, "CAFE");
  g_autoptr(GPtrArray) prefix = search (f, "compl*");
  g_autoptr(GPtrArray) phrase = search (f, "\"bridge costs\"");
  g_autoptr(GPtrArray) not_phrase = search (f, "\"costs bridge\"");
  g_autoptr(GPtrArray) excluded = search (f, "bridge -council");
  g_autoptr(GPtrArray) injection = search (f, "NEAR(bridge OR council) col:bridge ^bridge");
  g_autofree char *markup = NULL;
  ClipSearchResult *top;

  /* Title and two mentions beat one mention in the text. */
  g_assert_cmpuint (bridge->len, ==, 2);
  g_assert_cmpint (id_at (bridge, 0), ==, f->bridge);
  g_assert_cmpint (id_at (bridge, 1), ==, f->budget);
  top = g_ptr_array_index (bridge, 0);
  g_assert_cmpfloat (clip_search_result_get_score (top), <,
                     clip_search_result_get_score (g_ptr_array_index (bridge, 1)));
  g_assert_nonnull (strstr (clip_search_result_get_snippet (top), "\x02" "bridge\x03"));
  markup = clip_search_snippet_to_markup ("a <b> \x02" "bridge\x03 & c");
  g_assert_cmpstr (markup, ==, "a &lt;b&gt; <b>bridge</b> &amp; c");

  g_assert_cmpuint (cafe->len, ==, 1);
  g_assert_cmpint (id_at (cafe, 0), ==, f->budget);
  g_assert_cmpuint (prefix->len, ==, 1);
  g_assert_cmpuint (phrase->len, ==, 1);
  g_assert_cmpuint (not_phrase->len, ==, 0);
  g_assert_cmpuint (excluded->len, ==, 1);
  g_assert_cmpint (id_at (excluded, 0), ==, f->budget);
  g_assert_cmpuint (injection->len, ==, 0);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipEntity) putin = clip_store_ensure_entity (f->store, "Vladimir Putin", "person", &error);
  g_autoptr(GPtrArray) all_but = NULL;
  g_autoptr(GPtrArray) tag = NULL;
  g_autoptr(GPtrArray) site = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) kind = NULL;
  g_autoptr(GPtrArray) entity = NULL;
  g_autoptr(GPtrArray) alias = NULL;
  g_autoptr(GPtrArray) both = NULL;

  g_assert_no_error (error);
  clip_store_add_entity_alias (f->store, clip_entity_get_id (putin), "Pútin", &error);
  g_assert_no_error (error);
  annotate (f->store, f->storm, CLIP_ANNOTATION_QUOTE, "storm hit", clip_entity_get_id (putin));

  all_but = search (f, "-storm");
  tag = search (f, "tag:\"city hall\"");
  site = search (f, "site:MONDE");
  before = search (f, "before:2024");
  after = search (f, "after:2023");
  kind = search (f, "kind:quote");
  entity = search (f, "entity:\"vladimir putin\"");
  alias = search (f, "entity:putin kind:quote");
  both = search (f, "bridge tag:\"city hall\" site:harbour after:2022 before:2023-06");

  g_assert_cmpuint (all_but->len, ==, 2);
  g_assert_cmpuint (tag->len, ==, 1);
  g_assert_cmpint (id_at (tag, 0), ==, f->bridge);
  g_assert_cmpuint (site->len, ==, 1);
  g_assert_cmpint (id_at (site, 0), ==, f->budget);
  /* The storm article has no published date: its saved date (now) counts. */
  g_assert_cmpuint (before->len, ==, 1);
  g_assert_cmpint (id_at (before, 0), ==, f->bridge);
  g_assert_cmpuint (after->len, ==, 2);
  g_assert_cmpuint (kind->len, ==, 1);
  g_assert_cmpint (id_at (kind, 0), ==, f->storm);
  g_assert_cmpuint (entity->len, ==, 1);
  g_assert_cmpuint (alias->len, ==, 1);
  g_assert_cmpuint (both->len, ==, 1);
  g_assert_cmpint (clip_search_result_get_n_quotes (g_ptr_array_index (kind, 0)), ==, 1);

  /* Site names fold like words; every site: term must match. */
  {
    gint64 zurich = add_article (f->store, "Tram fares", "Zürcher Zeitung", "2024-03-01",
                                 "Fares for the tram rise in May.");
    g_autoptr(GPtrArray) folded = search (f, "site:ZURCHER");
    g_autoptr(GPtrArray) two = search (f, "site:le site:monde");
    g_autoptr(GPtrArray) neither = search (f, "site:monde site:harbour");

    g_assert_cmpuint (folded->len, ==, 1);
    g_assert_cmpint (id_at (folded, 0), ==, zurich);
    g_assert_cmpuint (two->len, ==, 1);
    g_assert_cmpint (id_at (two, 0), ==, f->budget);
    g_assert_cmpuint (neither->len, ==, 0);
  }
}

static void
test_sorts (Fixture       *f,
            gconstpointer  data)
{
  static const struct {
    ClipLibrarySort sort;
    int first, last;   /* 0 bridge, 1 budget, 2 storm */
  } cases[] = {
    { CLIP_LIBRARY_SORT_SAVED, 2, 0 },
    /* The storm has no published date: it was saved today. */
    { CLIP_LIBRARY_SORT_PUBLISHED, 2, 0 },
    { CLIP_LIBRARY_SORT_TITLE, 1, 2 },
    { CLIP_LIBRARY_SORT_SITE, 0, 2 },
  };
  gint64 ids[] = { f->bridge, f->budget, f->storm };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = clip_store_search (f->store, NULL, cases[i].sort, 0, 10, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, 3);
      g_assert_cmpint (id_at (rows, 0), ==, ids[cases[i].first]);
      g_assert_cmpint (id_at (rows, 2), ==, ids[cases[i].last]);
    }
}

static void
set_saved (ClipStore  *store,
           gint64      id,
           const char *created_at)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (clip_store_get_db (store),
                                       "UPDATE articles SET created_at = ?1 WHERE id = ?2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, created_at, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
assert_order (ClipStore       *store,
              const char      *query_text,
              ClipLibrarySort  sort,
              const gint64    *expected,
              guint            n_expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipQuery) query = query_text != NULL ? clip_query_parse (query_text, &error) : NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_no_error (error);
  rows = clip_store_search (store, query, sort, 0, 20, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (id_at (rows, i), ==, expected[i]);
}

/* A clipping without a published date takes its place in the date
 * orders by the day it was saved, not at the end of the list. */
static void
test_undated_sort (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clip-search-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(ClipStore) store = clip_store_open (path, &error);
  gint64 old, undated, recent, unreadable, newest;

  g_assert_no_error (error);
  old = add_article (store, "Old", NULL, "2020-01-01", "Old news.");
  undated = add_article (store, "Undated", NULL, NULL, "No date on it.");
  recent = add_article (store, "Recent", NULL, "2023-05-01T10:00:00+02:00", "Recent news.");
  unreadable = add_article (store, "Unreadable", NULL, "Spring 2021", "A date in words.");
  newest = add_article (store, "Newest", NULL, NULL, "Saved last, no date.");
  set_saved (store, old, "2024-01-01T08:00:00Z");
  set_saved (store, undated, "2022-06-01T08:00:00Z");
  set_saved (store, recent, "2024-02-01T08:00:00Z");
  set_saved (store, unreadable, "2021-03-01T08:00:00Z");
  set_saved (store, newest, "2025-01-01T08:00:00Z");

  {
    const gint64 by_date[] = { newest, recent, undated, unreadable, old };
    const gint64 by_saved[] = { newest, recent, old, undated, unreadable };
    const gint64 after[] = { newest, recent, undated };
    const gint64 before[] = { undated, unreadable, old };

    assert_order (store, NULL, CLIP_LIBRARY_SORT_PUBLISHED, by_date, G_N_ELEMENTS (by_date));
    assert_order (store, NULL, CLIP_LIBRARY_SORT_SAVED, by_saved, G_N_ELEMENTS (by_saved));
    /* The date filters read the same date as the order. */
    assert_order (store, "after:2021", CLIP_LIBRARY_SORT_PUBLISHED, after, G_N_ELEMENTS (after));
    assert_order (store, "before:2023", CLIP_LIBRARY_SORT_PUBLISHED, before, G_N_ELEMENTS (before));
  }

  g_clear_object (&store);
  remove_tree (dir);
}

/* The date order walks the date index: no sort of the whole library. */
static void
test_date_order_plan (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ",
                                          clip_search_get_list_sql (CLIP_LIBRARY_SORT_PUBLISHED), NULL);
  g_autoptr(GString) plan = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;

  /* A search first: it registers the SQL functions the query calls. */
  rows = clip_store_search (f->store, NULL, CLIP_LIBRARY_SORT_PUBLISHED, 0, 1, &error);
  g_assert_no_error (error);
  if (sqlite3_prepare_v2 (clip_store_get_db (f->store), explain, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (clip_store_get_db (f->store)));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *)sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);

  g_test_message ("%s", plan->str);
  g_assert_nonnull (strstr (plan->str, "SCAN a USING INDEX articles_date"));
  g_assert_null (strstr (plan->str, "TEMP B-TREE FOR ORDER BY"));
}

static ClipTag *
find_tag (GPtrArray  *tags,
          const char *name)
{
  for (guint i = 0; i < tags->len; i++)
    if (g_str_equal (clip_tag_get_name (g_ptr_array_index (tags, i)), name))
      return g_ptr_array_index (tags, i);
  return NULL;
}

static void
test_tags (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_auto(GStrv) names = NULL;
  gint64 ids[] = { f->budget, f->storm };

  clip_store_tag_articles (f->store, ids, G_N_ELEMENTS (ids), "local", &error);
  g_assert_no_error (error);
  clip_store_tag_article (f->store, f->bridge, "local", &error);
  g_assert_no_error (error);
  annotate (f->store, f->budget, CLIP_ANNOTATION_HIGHLIGHT, "budget", 0);
  {
    g_autoptr(GPtrArray) annotations = clip_store_list_annotations (f->store, f->budget, &error);
    ClipAnnotation *annotation = g_ptr_array_index (annotations, 0);
    const char *tag_names[] = { "City Hall", NULL };

    g_autoptr(GPtrArray) tagged = NULL;

    clip_annotation_set_tags (annotation, tag_names);
    clip_store_update_annotation (f->store, annotation, &error);
    g_assert_no_error (error);

    /* A tag on one of its annotations files the clipping under the tag. */
    tagged = search (f, "tag:\"city hall\"");
    g_assert_cmpuint (tagged->len, ==, 2);
    g_assert_true (id_at (tagged, 0) == f->budget || id_at (tagged, 1) == f->budget);
    g_assert_true (id_at (tagged, 0) == f->bridge || id_at (tagged, 1) == f->bridge);
  }

  /* Renaming onto another tag is refused; merging is the way. */
  g_assert_false (clip_store_rename_tag (f->store, "local", "city hall", &error));
  g_assert_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  clip_store_merge_tags (f->store, "City Hall", "LOCAL", &error);
  g_assert_no_error (error);
  tags = clip_store_list_tags (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tags->len, ==, 1);
  g_assert_cmpuint (clip_tag_get_n_clippings (find_tag (tags, "local")), ==, 3);
  g_assert_cmpuint (clip_tag_get_n_annotations (find_tag (tags, "local")), ==, 1);

  clip_store_rename_tag (f->store, "local", "Local news", &error);
  g_assert_no_error (error);
  names = clip_store_get_article_tags (f->store, f->storm, &error);
  g_assert_cmpstr (names[0], ==, "Local news");

  clip_store_untag_articles (f->store, ids, 1, "local news", &error);
  g_assert_no_error (error);
  g_clear_pointer (&tags, g_ptr_array_unref);
  tags = clip_store_list_tags (f->store, NULL);
  g_assert_cmpuint (clip_tag_get_n_clippings (find_tag (tags, "Local news")), ==, 2);

  /* Listed as people read them: numbers by value, case aside. */
  {
    const char * const numbered[] = { "tag 10", "Tag 2", "tag 1", NULL };
    g_autoptr(GPtrArray) listed = NULL;

    clip_store_set_article_tags (f->store, f->storm, numbered, &error);
    g_assert_no_error (error);
    listed = clip_store_list_tags (f->store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (listed->len, ==, 4);
    g_assert_cmpstr (clip_tag_get_name (g_ptr_array_index (listed, 0)), ==, "Local news");
    g_assert_cmpstr (clip_tag_get_name (g_ptr_array_index (listed, 1)), ==, "tag 1");
    g_assert_cmpstr (clip_tag_get_name (g_ptr_array_index (listed, 2)), ==, "Tag 2");
    g_assert_cmpstr (clip_tag_get_name (g_ptr_array_index (listed, 3)), ==, "tag 10");
    clip_store_set_article_tags (f->store, f->storm, NULL, &error);
    g_assert_no_error (error);
    for (guint i = 0; numbered[i] != NULL; i++)
      {
        clip_store_delete_tag (f->store, numbered[i], &error);
        g_assert_no_error (error);
      }
  }

  clip_store_delete_tag (f->store, "LOCAL NEWS", &error);
  g_assert_no_error (error);
  g_assert_false (clip_store_delete_tag (f->store, "Local news", &error));
  g_assert_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_NOT_FOUND);
  g_clear_pointer (&tags, g_ptr_array_unref);
  tags = clip_store_list_tags (f->store, NULL);
  g_assert_cmpuint (tags->len, ==, 0);
}

static void
test_entity_merge (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipEntity) full = clip_store_ensure_entity (f->store, "Vladimir Putin", "person", &error);
  g_autoptr(ClipEntity) shorter = clip_store_ensure_entity (f->store, "Putin", "person", &error);
  gint64 into = clip_entity_get_id (full);
  gint64 from = clip_entity_get_id (shorter);
  gint64 mention, quote;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GPtrArray) clippings = NULL;
  g_autoptr(ClipAnnotation) moved = NULL;
  g_autoptr(ClipEntity) merged = NULL;
  ClipEntitySummary *summary;

  g_assert_no_error (error);
  clip_store_add_entity_alias (f->store, from, "V. P.", &error);
  g_assert_no_error (error);
  mention = annotate (f->store, f->bridge, CLIP_ANNOTATION_ENTITY, "council", from);
  quote = annotate (f->store, f->budget, CLIP_ANNOTATION_QUOTE, "owners complained", from);
  annotate (f->store, f->storm, CLIP_ANNOTATION_ENTITY, "Officials", into);

  clip_store_merge_entities (f->store, into, from, &error);
  g_assert_no_error (error);

  moved = clip_store_get_annotation (f->store, mention, &error);
  g_assert_cmpint (clip_annotation_get_entity_id (moved), ==, into);
  g_clear_object (&moved);
  moved = clip_store_get_annotation (f->store, quote, &error);
  g_assert_cmpint (clip_annotation_get_speaker_id (moved), ==, into);

  merged = clip_store_find_entity (f->store, "v. p.", NULL, &error);
  g_assert_nonnull (merged);
  g_assert_cmpint (clip_entity_get_id (merged), ==, into);
  g_assert_cmpstr (clip_entity_get_aliases (merged)[0], ==, "Putin");
  g_assert_cmpstr (clip_entity_get_aliases (merged)[1], ==, "V. P.");

  summaries = clip_store_list_entity_summaries (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 1);
  summary = g_ptr_array_index (summaries, 0);
  g_assert_cmpuint (clip_entity_summary_get_n_clippings (summary), ==, 3);
  g_assert_cmpuint (clip_entity_summary_get_n_mentions (summary), ==, 2);
  g_assert_cmpuint (clip_entity_summary_get_n_quotes (summary), ==, 1);

  quotes = clip_store_list_entity_quotes (f->store, into, &error);
  g_assert_cmpuint (quotes->len, ==, 1);
  g_assert_cmpint (clip_annotation_get_article_id (g_ptr_array_index (quotes, 0)), ==, f->budget);
  mentions = clip_store_list_entity_mentions (f->store, into, &error);
  g_assert_cmpuint (mentions->len, ==, 2);
  clippings = clip_store_list_entity_clippings (f->store, into, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clippings->len, ==, 3);
  g_assert_cmpint (clip_search_result_get_match_start (g_ptr_array_index (clippings, 0)), ==, 26);

  g_assert_false (clip_store_merge_entities (f->store, into, into, &error));
  g_assert_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *calls)
{
  g_assert_cmpuint (position, ==, 0);
  calls[0]++;
  calls[1] = removed;
  calls[2] = added;
}

static void
add_many (ClipStore *store,
          guint      n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Numbered %03u", i);
      add_article (store, title, "Wire", NULL, "Filler text for paging, row after row.");
    }
}

static void
test_model_paging (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ClipLibraryModel) model = NULL;
  g_autoptr(ClipSearchResult) first = NULL;
  g_autoptr(ClipSearchResult) middle = NULL;
  g_autoptr(ClipSearchResult) last = NULL;
  g_autoptr(ClipSearchResult) again = NULL;
  g_autoptr(ClipQuery) query = NULL;
  guint calls[3] = { 0, 0, 0 };

  add_many (f->store, 257);   /* 260 in all */
  model = clip_library_model_new (f->store);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == CLIP_TYPE_SEARCH_RESULT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 260);
  g_assert_cmpuint (clip_library_model_get_rows_loaded (model), ==, 0);

  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpuint (clip_library_model_get_rows_loaded (model), ==, 50);
  middle = g_list_model_get_item (G_LIST_MODEL (model), 130);
  g_assert_cmpuint (clip_library_model_get_rows_loaded (model), ==, 100);
  last = g_list_model_get_item (G_LIST_MODEL (model), 259);
  g_assert_cmpuint (clip_library_model_get_rows_loaded (model), ==, 110);
  again = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_assert_cmpuint (clip_library_model_get_rows_loaded (model), ==, 110);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 260));

  /* Newest saved first; ties go by number. */
  g_assert_cmpstr (clip_search_result_get_title (first), ==, "Numbered 256");
  g_assert_cmpint (clip_search_result_get_id (last), ==, f->bridge);
  g_assert_cmpint (clip_library_model_find_loaded (model, f->bridge), ==, 259);

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), calls);
  add_many (f->store, 1);
  g_assert_cmpuint (calls[0], ==, 1);
  g_assert_cmpuint (calls[1], ==, 260);
  g_assert_cmpuint (calls[2], ==, 261);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 261);

  /* Bulk changes reload once. */
  clip_library_model_freeze (model);
  add_many (f->store, 3);
  g_assert_cmpuint (calls[0], ==, 1);
  clip_library_model_thaw (model);
  g_assert_cmpuint (calls[0], ==, 2);
  g_assert_cmpuint (calls[2], ==, 264);

  /* Annotations that cannot change membership update the rows in hand. */
  annotate (f->store, f->bridge, CLIP_ANNOTATION_HIGHLIGHT, "harbour", 0);
  g_assert_cmpuint (calls[0], ==, 2);
  g_clear_object (&last);
  last = g_list_model_get_item (G_LIST_MODEL (model), 263);
  g_assert_cmpuint (clip_search_result_get_n_highlights (last), ==, 1);

  clip_library_model_set_sort (model, CLIP_LIBRARY_SORT_TITLE);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (clip_search_result_get_title (first), ==, "Budget report");

  query = clip_query_parse ("bridge", NULL);
  clip_library_model_set_query (model, query);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  clip_library_model_set_tag_filter (model, "city hall");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  clip_library_model_set_query (model, NULL);
  clip_library_model_set_tag_filter (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 264);
}

/* clip_bm25 gives FTS5's bm25 scores, row for row. */
static void
assert_scores_close (ClipStore  *store,
                     const char *match,
                     double      epsilon)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (clip_store_get_db (store),
                                       "SELECT rowid, clip_bm25 (articles_fts, 10.0, 5.0, 1.0, 3.0),"
                                       " bm25 (articles_fts, 10.0, 5.0, 1.0, 3.0)"
                                       " FROM articles_fts WHERE articles_fts MATCH ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_test_message ("%s: row %lld: %g %g", match, (long long)sqlite3_column_int64 (stmt, 0),
                      sqlite3_column_double (stmt, 1), sqlite3_column_double (stmt, 2));
      g_assert_cmpfloat_with_epsilon (sqlite3_column_double (stmt, 1), sqlite3_column_double (stmt, 2), epsilon);
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, >, 0);
}

static void
assert_same_scores (ClipStore  *store,
                    const char *match)
{
  assert_scores_close (store, match, 1e-9);
}

/* The search's own bm25 keeps lengths in memory: its scores are FTS5's,
 * before and after a clipping's length changes (here, by an annotation
 * with a long note: the annotation's words are part of the row). */
static void
test_rank_function (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *queries[] = { "bridge", "harbour OR storm OR budget", "\"bridge costs\"", "the", "cafe" };

  g_assert_true (clip_rank_register (f->store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    assert_same_scores (f->store, queries[i]);

  {
    g_autoptr(ClipAnnotation) annotation = NULL;
    gint64 id = annotate (f->store, f->bridge, CLIP_ANNOTATION_HIGHLIGHT, "bridge", 0);

    annotation = clip_store_get_annotation (f->store, id, &error);
    g_assert_no_error (error);
    clip_annotation_set_note (annotation, "the bridge the bridge the bridge: a long note on the bridge and its costs");
    g_assert_true (clip_store_update_annotation (f->store, annotation, &error));
  }
  add_article (f->store, "Another bridge", "Harbour Times", "2024-06-01", "A new bridge, the third.");
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    assert_same_scores (f->store, queries[i]);

  /* Another program (here, another connection) changes a clipping. */
  {
    g_autofree char *path = g_build_filename (f->dir, "library.db", NULL);
    g_autoptr(ClipStore) other = clip_store_open (path, &error);
    g_autoptr(ClipArticle) article = NULL;

    g_assert_no_error (error);
    article = clip_store_get_article (other, f->budget, &error);
    g_assert_no_error (error);
    clip_article_set_title (article, "Budget report on the bridge, the harbour and the storm drains");
    g_assert_true (clip_store_update_article_info (other, article, &error));
  }
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    assert_same_scores (f->store, queries[i]);

  /* A long search leaves out the words found in most clippings, whose
   * share of a score is below 2.2e-6 each (clip-rank.c). */
  assert_scores_close (f->store, "the OR bridge OR council OR harbour OR costs OR budget", 1e-5);
}

static void
add_fixture_test (const char *path,
                  void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown);
}

/* A search of many words is refused before it reaches the index, where
 * snippet() spends its time; one of the most words allowed stays fast. */
static void
test_query_limits (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) words = g_string_new (NULL);
  g_autoptr(GString) phrase = g_string_new ("\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipQuery) query = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *long_word = g_strnfill (CLIP_QUERY_MAX_LENGTH + 1, 'a');
  gint64 began;

  for (guint i = 0; i < CLIP_QUERY_MAX_TERMS; i++)
    g_string_append_printf (words, "%sbridge%u", i > 0 ? " " : "", i);
  query = clip_query_parse (words->str, &error);
  g_assert_no_error (error);
  began = g_get_monotonic_time ();
  results = clip_store_search (f->store, query, CLIP_LIBRARY_SORT_SAVED, 0, 20, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - began, <, G_USEC_PER_SEC);
  g_clear_pointer (&query, clip_query_unref);

  /* The same word again adds nothing to look for. */
  {
    g_autoptr(ClipQuery) twice = clip_query_parse ("bridge Bridge bridge \"bridge\" bridge*", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (clip_query_get_match (twice), ==, "\"bridge\" AND \"bridge\" *");
  }

  g_string_append (words, " one-more");
  query = clip_query_parse (words->str, &error);
  g_assert_error (error, CLIP_QUERY_ERROR, CLIP_QUERY_ERROR_TOO_LONG);
  g_assert_null (query);
  g_clear_error (&error);

  /* The words of a phrase count one by one, and so do filters. */
  for (guint i = 0; i <= CLIP_QUERY_MAX_TERMS; i++)
    g_string_append (phrase, "bridge ");
  g_string_append_c (phrase, '"');
  query = clip_query_parse (phrase->str, &error);
  g_assert_error (error, CLIP_QUERY_ERROR, CLIP_QUERY_ERROR_TOO_LONG);
  g_clear_error (&error);
  g_string_truncate (words, 0);
  for (guint i = 0; i <= CLIP_QUERY_MAX_TERMS; i++)
    g_string_append_printf (words, "tag:t%u ", i);
  query = clip_query_parse (words->str, &error);
  g_assert_error (error, CLIP_QUERY_ERROR, CLIP_QUERY_ERROR_TOO_LONG);
  g_clear_error (&error);

  query = clip_query_parse (long_word, &error);
  g_assert_error (error, CLIP_QUERY_ERROR, CLIP_QUERY_ERROR_TOO_LONG);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/query/syntax", test_parse_syntax);
  g_test_add_func ("/query/dates", test_parse_dates);
  g_test_add_func ("/query/quotes-and-escaping", test_parse_quotes_and_escaping);
  g_test_add_func ("/query/errors", test_parse_errors);
  g_test_add_func ("/query/fold-and-find", test_fold_and_find);
  add_fixture_test ("/search/ranking", test_ranking);
  add_fixture_test ("/search/filters", test_filters);
  add_fixture_test ("/search/sorts", test_sorts);
  g_test_add_func ("/search/undated-sort", test_undated_sort);
  add_fixture_test ("/search/date-order-plan", test_date_order_plan);
  add_fixture_test ("/search/rank-function", test_rank_function);
  add_fixture_test ("/tags/merge-rename-delete", test_tags);
  add_fixture_test ("/entities/merge", test_entity_merge);
  add_fixture_test ("/model/paging", test_model_paging);
  add_fixture_test ("/search/limits", test_query_limits);

  return g_test_run ();
}
