/* clip-search.c: ranked full-text search and sorted listing of the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every statement is a static string; the query's parts are bound: the
 * FTS5 expressions as strings, lists of filter values as JSON arrays that
 * json_each () walks, and NULL for an unused filter, which each condition
 * tests first ("?N IS NULL OR ...").
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "clip-json.h"
#include "clip-rank.h"
#include "clip-search.h"
#include "clip-store-private.h"

struct _ClipSearchResult
{
  GObject parent_instance;

  gint64 id;
  char *title;
  char *site_name;
  char *published;
  char *created_at;
  guint n_highlights;
  guint n_quotes;
  guint n_annotations;
  char *snippet;
  double score;
  glong match_start;
  glong match_end;
};

G_DEFINE_FINAL_TYPE (ClipSearchResult, clip_search_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_SITE_NAME,
  PROP_PUBLISHED,
  PROP_CREATED_AT,
  PROP_N_HIGHLIGHTS,
  PROP_N_QUOTES,
  PROP_N_ANNOTATIONS,
  PROP_SNIPPET,
  PROP_SCORE,
  PROP_MATCH_START,
  PROP_MATCH_END,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
clip_library_sort_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { CLIP_LIBRARY_SORT_SAVED, "CLIP_LIBRARY_SORT_SAVED", "saved" },
    { CLIP_LIBRARY_SORT_PUBLISHED, "CLIP_LIBRARY_SORT_PUBLISHED", "published" },
    { CLIP_LIBRARY_SORT_TITLE, "CLIP_LIBRARY_SORT_TITLE", "title" },
    { CLIP_LIBRARY_SORT_SITE, "CLIP_LIBRARY_SORT_SITE", "site" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("ClipLibrarySort", values));
  return type;
}

static void
clip_search_result_finalize (GObject *object)
{
  ClipSearchResult *self = (ClipSearchResult *)object;

  g_free (self->title);
  g_free (self->site_name);
  g_free (self->published);
  g_free (self->created_at);
  g_free (self->snippet);

  G_OBJECT_CLASS (clip_search_result_parent_class)->finalize (object);
}

static void
clip_search_result_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ClipSearchResult *self = CLIP_SEARCH_RESULT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_SITE_NAME: g_value_set_string (value, self->site_name); break;
    case PROP_PUBLISHED: g_value_set_string (value, self->published); break;
    case PROP_CREATED_AT: g_value_set_string (value, self->created_at); break;
    case PROP_N_HIGHLIGHTS: g_value_set_uint (value, self->n_highlights); break;
    case PROP_N_QUOTES: g_value_set_uint (value, self->n_quotes); break;
    case PROP_N_ANNOTATIONS: g_value_set_uint (value, self->n_annotations); break;
    case PROP_SNIPPET: g_value_set_string (value, self->snippet); break;
    case PROP_SCORE: g_value_set_double (value, self->score); break;
    case PROP_MATCH_START: g_value_set_long (value, self->match_start); break;
    case PROP_MATCH_END: g_value_set_long (value, self->match_end); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
count_property (const char *name)
{
  return g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, 0,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
clip_search_result_class_init (ClipSearchResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clip_search_result_finalize;
  object_class->get_property = clip_search_result_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = string_property ("title");
  properties[PROP_SITE_NAME] = string_property ("site-name");
  properties[PROP_PUBLISHED] = string_property ("published");
  properties[PROP_CREATED_AT] = string_property ("created-at");
  properties[PROP_N_HIGHLIGHTS] = count_property ("n-highlights");
  properties[PROP_N_QUOTES] = count_property ("n-quotes");
  properties[PROP_N_ANNOTATIONS] = count_property ("n-annotations");
  properties[PROP_SNIPPET] = string_property ("snippet");
  properties[PROP_SCORE] =
    g_param_spec_double ("score", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MATCH_START] =
    g_param_spec_long ("match-start", NULL, NULL, -1, G_MAXLONG, -1,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MATCH_END] =
    g_param_spec_long ("match-end", NULL, NULL, -1, G_MAXLONG, -1,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clip_search_result_init (ClipSearchResult *self)
{
  self->match_start = -1;
  self->match_end = -1;
}

gint64
clip_search_result_get_id (ClipSearchResult *self)
{
  g_return_val_if_fail (CLIP_IS_SEARCH_RESULT (self), 0);
  return self->id;
}

const char *
clip_search_result_get_title (ClipSearchResult *self)
{
  g_return_val_if_fail (CLIP_IS_SEARCH_RESULT (self), NULL);
  return self->title;
}

const char *
clip_search_result_get_site_name (ClipSearchResult *self)
{
  g_return_val_if_fail (CLIP_IS_SEARCH_RESULT (self), NULL);
  return self->site_name;
}

const char *
clip_search_result_get_published (ClipSearchResult *self)
{
  g_return_val_if_fail (CLIP_IS_SEARCH_RESULT (self), NULL);
  return self->published;
}

const char *
clip_search_result_get_created_at (ClipSearchResult *self)
{
  g_return_val_if_fail (CLIP_IS_SEARCH_RESULT (self), NULL);
  return self->created_at;
}

guint
clip_search_result_get_n_highlights (ClipSearchResult *self)
{
  g_return_val_if_fail (CLIP_IS_SEARCH_RESULT (self), 0);
  return self->n_highlights;
}

guint
clip_search_result_get_n_quotes (ClipSearchResult *self)
{
  g_return_val_if_fail (CLIP_IS_SEARCH_RESULT (self), 0);
  return self->n_quotes;
}

guint
clip_search_result_get_n_annotations (ClipSearchResult *self)
{
  g_return_val_if_fail (CLIP_IS_SEARCH_RESULT (self), 0);
  return self->n_annotations;
}

const char *
clip_search_result_get_snippet (ClipSearchResult *self)
{
  g_return_val_if_fail (CLIP_IS_SEARCH_RESULT (self), NULL);
  return self->snippet;
}

double
clip_search_result_get_score (ClipSearchResult *self)
{
  g_return_val_if_fail (CLIP_IS_SEARCH_RESULT (self), 0);
  return self->score;
}

glong
clip_search_result_get_match_start (ClipSearchResult *self)
{
  g_return_val_if_fail (CLIP_IS_SEARCH_RESULT (self), -1);
  return self->match_start;
}

glong
clip_search_result_get_match_end (ClipSearchResult *self)
{
  g_return_val_if_fail (CLIP_IS_SEARCH_RESULT (self), -1);
  return self->match_end;
}

void
clip_search_result_set_match (ClipSearchResult *self,
                              glong             start,
                              glong             end)
{
  g_return_if_fail (CLIP_IS_SEARCH_RESULT (self));

  if (self->match_start != start)
    {
      self->match_start = start;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATCH_START]);
    }
  if (self->match_end != end)
    {
      self->match_end = end;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATCH_END]);
    }
}

static void
set_count (ClipSearchResult *self,
           guint            *field,
           guint             value,
           guint             prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
clip_search_result_update_counts (ClipSearchResult *self,
                                  ClipSearchResult *other)
{
  g_return_if_fail (CLIP_IS_SEARCH_RESULT (self));
  g_return_if_fail (CLIP_IS_SEARCH_RESULT (other));

  set_count (self, &self->n_highlights, other->n_highlights, PROP_N_HIGHLIGHTS);
  set_count (self, &self->n_quotes, other->n_quotes, PROP_N_QUOTES);
  set_count (self, &self->n_annotations, other->n_annotations, PROP_N_ANNOTATIONS);
}

static ClipSearchResult *
result_from_row (sqlite3_stmt *stmt)
{
  ClipSearchResult *self = g_object_new (CLIP_TYPE_SEARCH_RESULT, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->title = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  self->site_name = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  self->published = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  self->created_at = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
  self->n_highlights = sqlite3_column_int (stmt, 5);
  self->n_quotes = sqlite3_column_int (stmt, 6);
  self->n_annotations = sqlite3_column_int (stmt, 7);
  self->snippet = g_strdup ((const char *)sqlite3_column_text (stmt, 8));
  self->score = sqlite3_column_double (stmt, 9);
  return self;
}

/* The SQL. Parameters: ?1 limit, ?2 offset, ?3 the words, ?4 the
 * exclusions, ?5 tags, ?6 entities (names and numbers), ?7 sites,
 * ?8 kinds (JSON arrays), ?9 before, ?10 after. */

#define RESULT_COLUMNS \
  "a.id, a.title, a.site_name, a.published, a.created_at," \
  " (SELECT count(*) FROM annotations n WHERE n.article_id = a.id AND n.kind = 'highlight')," \
  " (SELECT count(*) FROM annotations n WHERE n.article_id = a.id AND n.kind = 'quote')," \
  " (SELECT count(*) FROM annotations n WHERE n.article_id = a.id)"

/* The published date when it is an ISO date, else the saved date. */
#define DATE_OF_ARTICLE(A) \
  "(CASE WHEN " A ".published GLOB '[0-9][0-9][0-9][0-9]*' THEN " A ".published ELSE " A ".created_at END)"

/* The conditions of a query on the clipping whose id is ID. Everything
 * is answered from indexes (schema version 6 adds those of the site and
 * the date), never from the article's row, which is large: its text and
 * page are in it. DATES are the date conditions, in the variants of the
 * SQL for a query with dates (without, they are left out):
 * ARTICLE_DATES, a range of the date index, to count; DATE_SETS, the
 * clippings after and before the dates as sets made once, to test each
 * clipping of a sort order or of the search index against. (Written as
 * one range, SQLite turns the set into a join led by the date index,
 * which is far slower with a search.) */
#define EXCLUDE_CONDITION(ID) \
  "(?4 IS NULL OR " ID " NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?4))"

#define ARTICLE_DATES \
  " AND " DATE_OF_ARTICLE ("a") " >= coalesce (?10, '')" \
  " AND " DATE_OF_ARTICLE ("a") " < coalesce (?9, char (1114111))"

#define DATE_SETS(ID) \
  " AND (?9 IS NULL OR " ID " IN (SELECT d.id FROM articles d WHERE " DATE_OF_ARTICLE ("d") " < ?9))" \
  " AND (?10 IS NULL OR " ID " IN (SELECT d.id FROM articles d WHERE " DATE_OF_ARTICLE ("d") " >= ?10))"

#define FILTER_CONDITIONS(ID, DATES) \
  " AND " EXCLUDE_CONDITION (ID) \
  " AND (?5 IS NULL OR " ID " IN (SELECT x.article_id FROM json_each (?5) j" \
  "   JOIN tags t ON clip_fold (t.name) = j.value" \
  "   JOIN (SELECT article_id, tag_id FROM article_tags UNION ALL" \
  "         SELECT n.article_id, y.tag_id FROM annotation_tags y JOIN annotations n ON n.id = y.annotation_id)" \
  "     x ON x.tag_id = t.id" \
  "   GROUP BY x.article_id HAVING count (DISTINCT j.key) = json_array_length (?5)))" \
  " AND (?6 IS NULL OR " ID " IN (SELECT n.article_id FROM json_each (?6) j" \
  "   JOIN entities e ON CASE WHEN j.type = 'integer' THEN e.id = j.value" \
  "     ELSE clip_fold (e.name) = j.value" \
  "       OR EXISTS (SELECT 1 FROM json_each (e.aliases) al WHERE clip_fold (al.value) = j.value) END" \
  "   JOIN annotations n ON n.entity_id = e.id OR n.speaker_id = e.id" \
  "   GROUP BY n.article_id HAVING count (DISTINCT j.key) = json_array_length (?6)))" \
  " AND (?8 IS NULL OR NOT EXISTS (SELECT 1 FROM json_each (?8) j WHERE NOT EXISTS" \
  "   (SELECT 1 FROM annotations n WHERE n.article_id = " ID " AND n.kind = j.value)))" \
  " AND (?7 IS NULL OR " ID " IN (SELECT d.id FROM articles d" \
  "   WHERE clip_site_matches (d.site_name, d.source_url, ?7)))" \
  DATES

#define LIST_SQL(order, DATES) \
  "SELECT " RESULT_COLUMNS ", NULL, 0 FROM articles a WHERE 1" FILTER_CONDITIONS ("a.id", DATES) \
  " ORDER BY " order " LIMIT ?1 OFFSET ?2"

#define SAVED_ORDER "a.created_at DESC, a.id DESC"
/* A clipping without a published date (or with one that is not an ISO
 * date) goes by the day it was saved, not to the end: the order is that
 * of the date index (schema version 6), the one the date filters use. */
#define PUBLISHED_ORDER DATE_OF_ARTICLE ("a") " DESC, a.id DESC"
#define TITLE_ORDER "a.title COLLATE NOCASE, a.id"
#define SITE_ORDER "a.site_name IS NULL, a.site_name COLLATE NOCASE, a.id DESC"

/* The sort orders match the indexes of schema version 3. */
static const char * const list_sql[] = {
  [CLIP_LIBRARY_SORT_SAVED] = LIST_SQL (SAVED_ORDER, ""),
  [CLIP_LIBRARY_SORT_PUBLISHED] = LIST_SQL (PUBLISHED_ORDER, ""),
  [CLIP_LIBRARY_SORT_TITLE] = LIST_SQL (TITLE_ORDER, ""),
  [CLIP_LIBRARY_SORT_SITE] = LIST_SQL (SITE_ORDER, ""),
};

static const char * const list_dated_sql[] = {
  [CLIP_LIBRARY_SORT_SAVED] = LIST_SQL (SAVED_ORDER, DATE_SETS ("a.id")),
  [CLIP_LIBRARY_SORT_PUBLISHED] = LIST_SQL (PUBLISHED_ORDER, DATE_SETS ("a.id")),
  [CLIP_LIBRARY_SORT_TITLE] = LIST_SQL (TITLE_ORDER, DATE_SETS ("a.id")),
  [CLIP_LIBRARY_SORT_SITE] = LIST_SQL (SITE_ORDER, DATE_SETS ("a.id")),
};

const char *
clip_search_get_list_sql (ClipLibrarySort sort)
{
  g_return_val_if_fail (sort < G_N_ELEMENTS (list_sql), NULL);
  return list_sql[sort];
}

/* Ranked search is two steps. The first scores every match with bm25
 * (title, byline, text, annotations; clip-rank.c) and keeps only the
 * best: it reads nothing but the index, and SQLite sorts with a heap
 * bounded by LIMIT + OFFSET. (FTS5's own ORDER BY rank sorts every match,
 * which costs twice as much for a word that is in most clippings.) The
 * second reads the row and snippet of each of those few. */
#define BM25 "clip_bm25 (articles_fts, 10.0, 5.0, 1.0, 3.0)"

#define RANKED_IDS_SQL(DATES) \
  "SELECT rowid, " BM25 " AS score FROM articles_fts" \
  " WHERE articles_fts MATCH ?3" FILTER_CONDITIONS ("articles_fts.rowid", DATES) \
  " ORDER BY score, rowid DESC LIMIT ?1 OFFSET ?2"

static const char ranked_ids_sql[] = RANKED_IDS_SQL ("");
static const char ranked_ids_dated_sql[] = RANKED_IDS_SQL (DATE_SETS ("articles_fts.rowid"));

static const char ranked_row_sql[] =
  "SELECT " RESULT_COLUMNS ","
  " snippet (articles_fts, -1, char (2), char (3), '…', 16), ?2"
  " FROM articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid"
  " WHERE articles_fts MATCH ?3 AND articles_fts.rowid = ?1";

/* Counting avoids reading article rows unless a filter needs them. */
static const char count_all_sql[] =
  "SELECT count(*) FROM articles a WHERE " EXCLUDE_CONDITION ("a.id");
static const char count_filtered_sql[] =
  "SELECT count(*) FROM articles a WHERE 1" FILTER_CONDITIONS ("a.id", "");
static const char count_filtered_dated_sql[] =
  "SELECT count(*) FROM articles a WHERE 1" FILTER_CONDITIONS ("a.id", ARTICLE_DATES);
static const char count_match_sql[] =
  "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?3"
  " AND " EXCLUDE_CONDITION ("rowid");
static const char count_match_filtered_sql[] =
  "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?3"
  FILTER_CONDITIONS ("articles_fts.rowid", "");
static const char count_match_filtered_dated_sql[] =
  "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?3"
  FILTER_CONDITIONS ("articles_fts.rowid", DATE_SETS ("articles_fts.rowid"));

static const char single_sql[] =
  "SELECT " RESULT_COLUMNS ", NULL, 0 FROM articles a WHERE a.id = ?1";

/* clip_fold (text): the query parser's folding, for filter values. */
static void
fold_function (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  const char *text = (const char *)sqlite3_value_text (argv[0]);

  if (text == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, clip_query_fold (text), -1, g_free);
}

/* The site filter's terms (folded), parsed once per search. */
static void
site_terms_free (void *data)
{
  g_ptr_array_unref (data);
}

static GPtrArray *
parse_site_terms (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *terms = g_ptr_array_new_with_free_func (g_free);
  JsonNode *root;

  if (json == NULL || !clip_json_parser_load (parser, json, -1, NULL))
    return terms;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return terms;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      const char *term = json_array_get_string_element (json_node_get_array (root), i);

      if (term != NULL)
        g_ptr_array_add (terms, g_strdup (term));
    }
  return terms;
}

/* clip_site_matches (site name, source URL, terms): whether every term
 * (folded, as the query parser folds) is part of the folded site name or
 * of the lower-case address. One call per clipping of the library, so
 * the terms are parsed once per search. */
static void
site_matches_function (sqlite3_context  *context,
                       int               argc,
                       sqlite3_value   **argv)
{
  const char *site = (const char *)sqlite3_value_text (argv[0]);
  const char *url = (const char *)sqlite3_value_text (argv[1]);
  g_autofree char *folded_site = site != NULL ? clip_query_fold (site) : NULL;
  g_autofree char *lower_url = url != NULL ? g_ascii_strdown (url, -1) : NULL;
  GPtrArray *terms = sqlite3_get_auxdata (context, 2);
  gboolean all = TRUE;

  if (terms == NULL)
    {
      terms = parse_site_terms ((const char *)sqlite3_value_text (argv[2]));
      sqlite3_set_auxdata (context, 2, terms, site_terms_free);
      /* SQLite may have freed it already when it could not keep it. */
      terms = sqlite3_get_auxdata (context, 2);
      if (terms == NULL)
        {
          sqlite3_result_error_nomem (context);
          return;
        }
    }

  for (guint i = 0; all && i < terms->len; i++)
    {
      const char *term = g_ptr_array_index (terms, i);

      all = (folded_site != NULL && strstr (folded_site, term) != NULL) ||
            (lower_url != NULL && strstr (lower_url, term) != NULL);
    }

  sqlite3_result_int (context, all);
}

static gboolean
ensure_functions (ClipStore  *store,
                  GError    **error)
{
  if (g_object_get_data (G_OBJECT (store), "clip-search-functions") != NULL)
    return TRUE;

  if (sqlite3_create_function_v2 (clip_store_get_db (store), "clip_fold", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, fold_function, NULL, NULL, NULL) != SQLITE_OK)
    return clip_store_set_sqlite_error (store, error, _("Cannot search the library"));

  if (sqlite3_create_function_v2 (clip_store_get_db (store), "clip_site_matches", 3,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, site_matches_function, NULL, NULL, NULL) != SQLITE_OK)
    return clip_store_set_sqlite_error (store, error, _("Cannot search the library"));

  if (!clip_rank_register (store, error))
    return FALSE;

  g_object_set_data (G_OBJECT (store), "clip-search-functions", GINT_TO_POINTER (TRUE));
  return TRUE;
}

static void
bind_optional (sqlite3_stmt *stmt,
               int           index,
               const char   *text)
{
  if (index > sqlite3_bind_parameter_count (stmt))
    return;
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* A JSON array of the strings, or NULL when there are none. */
static char *
strings_to_json (GPtrArray *strings)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (strings->len == 0)
    return NULL;

  builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static char *
entities_to_json (ClipQuery *query)
{
  GPtrArray *names = clip_query_get_entities (query);
  GArray *ids = clip_query_get_entity_ids (query);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (names->len == 0 && ids->len == 0)
    return NULL;

  builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; i < names->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (names, i));
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (ids, gint64, i));
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
bind_query (sqlite3_stmt *stmt,
            ClipQuery    *query)
{
  g_autofree char *tags = strings_to_json (clip_query_get_tags (query));
  g_autofree char *entities = entities_to_json (query);
  g_autofree char *sites = strings_to_json (clip_query_get_sites (query));
  g_autofree char *kinds = strings_to_json (clip_query_get_kinds (query));

  bind_optional (stmt, 3, clip_query_get_match (query));
  bind_optional (stmt, 4, clip_query_get_exclude (query));
  bind_optional (stmt, 5, tags);
  bind_optional (stmt, 6, entities);
  bind_optional (stmt, 7, sites);
  bind_optional (stmt, 8, kinds);
  bind_optional (stmt, 9, clip_query_get_before (query));
  bind_optional (stmt, 10, clip_query_get_after (query));
}

/* FTS5 reports a bad expression as an SQL error; the parser should make
 * that impossible, but the user still sees a search error, not SQL. */
static gboolean
search_error (ClipStore  *store,
              GError    **error)
{
  return clip_store_set_sqlite_error (store, error, _("Cannot search the library"));
}

static gboolean
has_dates (ClipQuery *query)
{
  return clip_query_get_before (query) != NULL || clip_query_get_after (query) != NULL;
}

/* The two steps of a ranked search (see ranked_ids_sql). */
static GPtrArray *
search_ranked (ClipStore  *store,
               ClipQuery  *query,
               guint       offset,
               guint       limit,
               GError    **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3_stmt *stmt;
  int rc;

  stmt = clip_store_prepare (store, has_dates (query) ? ranked_ids_dated_sql : ranked_ids_sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, limit);
  sqlite3_bind_int64 (stmt, 2, offset);
  bind_query (stmt, query);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      double score = sqlite3_column_double (stmt, 1);

      g_array_append_val (ids, id);
      g_array_append_val (scores, score);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      search_error (store, error);
      return NULL;
    }

  stmt = clip_store_prepare (store, ranked_row_sql, error);
  if (stmt == NULL)
    return NULL;

  bind_optional (stmt, 3, clip_query_get_match (query));
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      sqlite3_bind_double (stmt, 2, g_array_index (scores, double, i));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_ptr_array_add (results, result_from_row (stmt));
      sqlite3_reset (stmt);
      /* A row deleted in between is simply left out. */
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          search_error (store, error);
          return NULL;
        }
    }

  return g_steal_pointer (&results);
}

GPtrArray *
clip_store_search (ClipStore        *store,
                   ClipQuery        *query,
                   ClipLibrarySort   sort,
                   guint             offset,
                   guint             limit,
                   GError          **error)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(ClipQuery) all = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLIP_IS_STORE (store), NULL);
  g_return_val_if_fail (sort <= CLIP_LIBRARY_SORT_SITE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (query == NULL)
    query = all = clip_query_new ();

  if (!ensure_functions (store, error))
    return NULL;

  if (clip_query_has_terms (query))
    return search_ranked (store, query, offset, limit, error);

  stmt = clip_store_prepare (store, has_dates (query) ? list_dated_sql[sort] : list_sql[sort], error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, limit);
  sqlite3_bind_int64 (stmt, 2, offset);
  bind_query (stmt, query);

  results = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (results, result_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      search_error (store, error);
      sqlite3_reset (stmt);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&results);
}

static const char *
count_sql_for (ClipQuery *query)
{
  if (clip_query_has_terms (query) && has_dates (query))
    return count_match_filtered_dated_sql;
  if (clip_query_has_terms (query))
    return clip_query_has_filters (query) ? count_match_filtered_sql : count_match_sql;
  if (has_dates (query))
    return count_filtered_dated_sql;
  return clip_query_has_filters (query) ? count_filtered_sql : count_all_sql;
}

gint64
clip_store_count_search (ClipStore  *store,
                         ClipQuery  *query,
                         GError    **error)
{
  g_autoptr(ClipQuery) all = NULL;
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (CLIP_IS_STORE (store), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (query == NULL)
    query = all = clip_query_new ();

  if (!ensure_functions (store, error))
    return -1;

  stmt = clip_store_prepare (store, count_sql_for (query), error);
  if (stmt == NULL)
    return -1;

  bind_query (stmt, query);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    search_error (store, error);

  sqlite3_reset (stmt);
  return count;
}

ClipSearchResult *
clip_store_get_search_result (ClipStore  *store,
                              gint64      article_id,
                              GError    **error)
{
  ClipSearchResult *result = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLIP_IS_STORE (store), NULL);

  stmt = clip_store_prepare (store, single_sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, article_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    result = result_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_NOT_FOUND,
                 _("There is no clipping with the number %lld"), (long long)article_id);
  else
    clip_store_set_sqlite_error (store, error, _("Cannot read the library"));

  sqlite3_reset (stmt);
  return result;
}

char *
clip_search_snippet_to_markup (const char *snippet)
{
  GString *markup;
  const char *p;

  g_return_val_if_fail (snippet != NULL, NULL);

  markup = g_string_new (NULL);
  p = snippet;
  while (*p != '\0')
    {
      gsize span = strcspn (p, "\x02\x03");

      if (span > 0)
        {
          g_autofree char *escaped = g_markup_escape_text (p, span);
          g_string_append (markup, escaped);
          p += span;
          continue;
        }

      g_string_append (markup, *p == '\x02' ? "<b>" : "</b>");
      p++;
    }

  return g_string_free (markup, FALSE);
}

char *
clip_search_snippet_to_plain (const char  *snippet,
                              GArray     **ranges)
{
  GString *plain;
  glong pos = 0;
  glong start = 0;

  g_return_val_if_fail (snippet != NULL, NULL);

  plain = g_string_new (NULL);
  if (ranges != NULL)
    *ranges = g_array_new (FALSE, FALSE, sizeof (glong));

  for (const char *p = snippet; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (*p == '\x02')
        start = pos;
      else if (*p == '\x03' && ranges != NULL)
        {
          g_array_append_val (*ranges, start);
          g_array_append_val (*ranges, pos);
        }
      else if (*p != '\x03')
        {
          g_string_append_unichar (plain, g_utf8_get_char (p));
          pos++;
        }
    }

  return g_string_free (plain, FALSE);
}
