/* clip-entity-index.c: the library's entities with their clippings,
 * mentions and quotes; merging two entities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "clip-json.h"
#include "clip-annotation.h"
#include "clip-entity-index.h"
#include "clip-search.h"
#include "clip-store-private.h"

struct _ClipEntitySummary
{
  GObject parent_instance;

  ClipEntity *entity;
  guint n_clippings;
  guint n_mentions;
  guint n_quotes;
};

G_DEFINE_FINAL_TYPE (ClipEntitySummary, clip_entity_summary, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENTITY,
  PROP_N_CLIPPINGS,
  PROP_N_MENTIONS,
  PROP_N_QUOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clip_entity_summary_finalize (GObject *object)
{
  g_clear_object (&CLIP_ENTITY_SUMMARY (object)->entity);
  G_OBJECT_CLASS (clip_entity_summary_parent_class)->finalize (object);
}

static void
clip_entity_summary_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ClipEntitySummary *self = CLIP_ENTITY_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_ENTITY: g_value_set_object (value, self->entity); break;
    case PROP_N_CLIPPINGS: g_value_set_uint (value, self->n_clippings); break;
    case PROP_N_MENTIONS: g_value_set_uint (value, self->n_mentions); break;
    case PROP_N_QUOTES: g_value_set_uint (value, self->n_quotes); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
count_property (const char *name)
{
  return g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, 0,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
clip_entity_summary_class_init (ClipEntitySummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clip_entity_summary_finalize;
  object_class->get_property = clip_entity_summary_get_property;

  properties[PROP_ENTITY] =
    g_param_spec_object ("entity", NULL, NULL, CLIP_TYPE_ENTITY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CLIPPINGS] = count_property ("n-clippings");
  properties[PROP_N_MENTIONS] = count_property ("n-mentions");
  properties[PROP_N_QUOTES] = count_property ("n-quotes");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clip_entity_summary_init (ClipEntitySummary *self)
{
}

ClipEntity *
clip_entity_summary_get_entity (ClipEntitySummary *self)
{
  g_return_val_if_fail (CLIP_IS_ENTITY_SUMMARY (self), NULL);
  return self->entity;
}

guint
clip_entity_summary_get_n_clippings (ClipEntitySummary *self)
{
  g_return_val_if_fail (CLIP_IS_ENTITY_SUMMARY (self), 0);
  return self->n_clippings;
}

guint
clip_entity_summary_get_n_mentions (ClipEntitySummary *self)
{
  g_return_val_if_fail (CLIP_IS_ENTITY_SUMMARY (self), 0);
  return self->n_mentions;
}

guint
clip_entity_summary_get_n_quotes (ClipEntitySummary *self)
{
  g_return_val_if_fail (CLIP_IS_ENTITY_SUMMARY (self), 0);
  return self->n_quotes;
}

static gboolean
read_error (ClipStore  *store,
            GError    **error)
{
  return clip_store_set_sqlite_error (store, error, _("Cannot read the library"));
}

/* Fills the counts of the summaries (by entity number) from one query. */
static gboolean
read_counts (ClipStore   *store,
             GHashTable  *by_id,
             GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = clip_store_prepare (store,
                             "SELECT e.id,"
                             " (SELECT count(DISTINCT n.article_id) FROM annotations n"
                             "  WHERE n.entity_id = e.id OR n.speaker_id = e.id),"
                             " (SELECT count(*) FROM annotations n WHERE n.entity_id = e.id),"
                             " (SELECT count(*) FROM annotations n WHERE n.speaker_id = e.id)"
                             " FROM entities e",
                             error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      ClipEntitySummary *summary = g_hash_table_lookup (by_id, &id);

      if (summary == NULL)
        continue;
      summary->n_clippings = sqlite3_column_int (stmt, 1);
      summary->n_mentions = sqlite3_column_int (stmt, 2);
      summary->n_quotes = sqlite3_column_int (stmt, 3);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE || read_error (store, error);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  ClipEntity *x = (*(ClipEntitySummary **)a)->entity;
  ClipEntity *y = (*(ClipEntitySummary **)b)->entity;
  g_autofree char *fx = g_utf8_collate_key (clip_entity_get_name (x), -1);
  g_autofree char *fy = g_utf8_collate_key (clip_entity_get_name (y), -1);

  return g_strcmp0 (fx, fy);
}

GPtrArray *
clip_store_list_entity_summaries (ClipStore  *store,
                                  GError    **error)
{
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GHashTable) by_id = NULL;

  g_return_val_if_fail (CLIP_IS_STORE (store), NULL);

  entities = clip_store_list_entities (store, error);
  if (entities == NULL)
    return NULL;

  summaries = g_ptr_array_new_with_free_func (g_object_unref);
  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < entities->len; i++)
    {
      ClipEntitySummary *summary = g_object_new (CLIP_TYPE_ENTITY_SUMMARY, NULL);
      gint64 *key = g_new (gint64, 1);

      summary->entity = g_object_ref (g_ptr_array_index (entities, i));
      *key = clip_entity_get_id (summary->entity);
      g_hash_table_insert (by_id, key, summary);
      g_ptr_array_add (summaries, summary);
    }

  if (!read_counts (store, by_id, error))
    return NULL;

  g_ptr_array_sort (summaries, compare_names);
  return g_steal_pointer (&summaries);
}

/* The first mention or quote of the entity in each clipping. */
static GHashTable *
first_places (ClipStore   *store,
              gint64       entity_id,
              GError     **error)
{
  g_autoptr(GHashTable) places = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = clip_store_prepare (store,
                             "SELECT article_id, start_pos, end_pos FROM annotations"
                             " WHERE (entity_id = ?1 OR speaker_id = ?1) AND orphaned = 0"
                             " ORDER BY article_id, start_pos DESC",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, entity_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *key = g_new (gint64, 1);
      glong *place = g_new (glong, 2);

      /* Later rows of an article come earlier in its text and replace. */
      *key = sqlite3_column_int64 (stmt, 0);
      place[0] = sqlite3_column_int64 (stmt, 1);
      place[1] = sqlite3_column_int64 (stmt, 2);
      g_hash_table_replace (places, key, place);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      read_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&places);
}

GPtrArray *
clip_store_list_entity_clippings (ClipStore  *store,
                                  gint64      entity_id,
                                  GError    **error)
{
  g_autoptr(ClipQuery) query = clip_query_new ();
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GHashTable) places = NULL;

  g_return_val_if_fail (CLIP_IS_STORE (store), NULL);
  g_return_val_if_fail (entity_id > 0, NULL);

  clip_query_add_entity_id (query, entity_id);
  results = clip_store_search (store, query, CLIP_LIBRARY_SORT_SAVED, 0, G_MAXINT, error);
  if (results == NULL)
    return NULL;

  places = first_places (store, entity_id, error);
  if (places == NULL)
    return NULL;

  for (guint i = 0; i < results->len; i++)
    {
      ClipSearchResult *result = g_ptr_array_index (results, i);
      gint64 id = clip_search_result_get_id (result);
      glong *place = g_hash_table_lookup (places, &id);

      if (place != NULL)
        clip_search_result_set_match (result, place[0], place[1]);
    }

  return g_steal_pointer (&results);
}

static ClipAnnotation *
annotation_from_row (sqlite3_stmt *stmt)
{
  ClipAnnotationKind kind = CLIP_ANNOTATION_HIGHLIGHT;
  ClipAnnotation *annotation;

  clip_annotation_kind_from_string ((const char *)sqlite3_column_text (stmt, 2), &kind);
  annotation = clip_annotation_new (kind);
  clip_annotation_set_id (annotation, sqlite3_column_int64 (stmt, 0));
  clip_annotation_set_article_id (annotation, sqlite3_column_int64 (stmt, 1));
  clip_annotation_set_color (annotation, CLAMP (sqlite3_column_int (stmt, 3), 0, 5));
  clip_annotation_set_quote (annotation, (const char *)sqlite3_column_text (stmt, 4),
                             (const char *)sqlite3_column_text (stmt, 5),
                             (const char *)sqlite3_column_text (stmt, 6));
  clip_annotation_set_position (annotation, sqlite3_column_int64 (stmt, 7),
                                sqlite3_column_int64 (stmt, 8));
  clip_annotation_set_note (annotation, (const char *)sqlite3_column_text (stmt, 9));
  clip_annotation_set_created_at (annotation, (const char *)sqlite3_column_text (stmt, 10));
  clip_annotation_set_entity (annotation, sqlite3_column_int64 (stmt, 11),
                              (const char *)sqlite3_column_text (stmt, 12),
                              (const char *)sqlite3_column_text (stmt, 13));
  clip_annotation_set_speaker (annotation, sqlite3_column_int64 (stmt, 14),
                               (const char *)sqlite3_column_text (stmt, 15));
  clip_annotation_set_quote_status (annotation, (const char *)sqlite3_column_text (stmt, 16));
  clip_annotation_set_orphaned (annotation, sqlite3_column_int (stmt, 17));
  return annotation;
}

#define ANNOTATION_SQL(where) \
  "SELECT a.id, a.article_id, a.kind, a.color, a.exact, a.prefix, a.suffix," \
  " a.start_pos, a.end_pos, a.note, a.created_at, a.entity_id, e.name, e.kind," \
  " a.speaker_id, s.name, a.quote_status, a.orphaned" \
  " FROM annotations a" \
  " LEFT JOIN entities e ON e.id = a.entity_id" \
  " LEFT JOIN entities s ON s.id = a.speaker_id" \
  " WHERE " where " ORDER BY a.article_id DESC, a.start_pos, a.id"

static GPtrArray *
list_annotations (ClipStore   *store,
                  const char  *sql,
                  gint64       entity_id,
                  GError     **error)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = clip_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, entity_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (annotations, annotation_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      read_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&annotations);
}

GPtrArray *
clip_store_list_entity_quotes (ClipStore  *store,
                               gint64      entity_id,
                               GError    **error)
{
  g_return_val_if_fail (CLIP_IS_STORE (store), NULL);

  return list_annotations (store, ANNOTATION_SQL ("a.speaker_id = ?1"), entity_id, error);
}

GPtrArray *
clip_store_list_entity_mentions (ClipStore  *store,
                                 gint64      entity_id,
                                 GError    **error)
{
  g_return_val_if_fail (CLIP_IS_STORE (store), NULL);

  return list_annotations (store, ANNOTATION_SQL ("a.entity_id = ?1"), entity_id, error);
}

/* Adds name to the aliases unless it is empty, the entity's own name or
 * already there (case ignored). */
static void
add_alias (GPtrArray  *aliases,
           const char *own_name,
           const char *name)
{
  g_autofree char *clean = g_strstrip (g_strdup (name));
  g_autofree char *folded = g_utf8_casefold (clean, -1);
  g_autofree char *own = g_utf8_casefold (own_name, -1);

  if (clean[0] == '\0' || g_str_equal (folded, own))
    return;

  for (guint i = 0; i < aliases->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (g_ptr_array_index (aliases, i), -1);

      if (g_str_equal (other, folded))
        return;
    }

  g_ptr_array_add (aliases, g_steal_pointer (&clean));
}

static char *
aliases_to_json (GPtrArray *aliases)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < aliases->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (aliases, i));
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The entity's name and aliases (in a new array), or FALSE. */
static gboolean
read_entity (ClipStore   *store,
             gint64       id,
             char       **name,
             GPtrArray  **aliases,
             GError     **error)
{
  sqlite3_stmt *stmt = clip_store_prepare (store, "SELECT name, aliases FROM entities WHERE id = ?1", error);
  g_autoptr(JsonNode) node = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *name = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      node = clip_json_from_string ((const char *)sqlite3_column_text (stmt, 1), NULL);
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_NOT_FOUND,
                   _("There is no entity with the number %lld"), (long long)id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return read_error (store, error);

  *aliases = g_ptr_array_new_with_free_func (g_free);
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *alias = json_array_get_string_element (array, i);
          if (alias != NULL)
            add_alias (*aliases, *name, alias);
        }
    }
  return TRUE;
}

static gboolean
run_with_ids (ClipStore   *store,
              const char  *sql,
              gint64       first,
              gint64       second,
              GError     **error)
{
  sqlite3_stmt *stmt = clip_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, first);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, second);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return clip_store_set_sqlite_error (store, error, _("Cannot update the library"));
  return TRUE;
}

static gboolean
write_aliases (ClipStore   *store,
               gint64       id,
               GPtrArray   *aliases,
               GError     **error)
{
  g_autofree char *json = aliases_to_json (aliases);
  sqlite3_stmt *stmt = clip_store_prepare (store, "UPDATE entities SET aliases = ?2 WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return clip_store_set_sqlite_error (store, error, _("Cannot update the library"));
  return TRUE;
}

/* The clippings whose annotations name the entity. */
static GArray *
affected_articles (ClipStore   *store,
                   gint64       entity_id,
                   GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = clip_store_prepare (store,
                             "SELECT DISTINCT article_id FROM annotations"
                             " WHERE entity_id = ?1 OR speaker_id = ?1",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, entity_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      read_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static gboolean
merge_entities (ClipStore   *store,
                gint64       into_id,
                gint64       from_id,
                GError     **error)
{
  g_autofree char *into_name = NULL;
  g_autofree char *from_name = NULL;
  g_autoptr(GPtrArray) into_aliases = NULL;
  g_autoptr(GPtrArray) from_aliases = NULL;

  if (!read_entity (store, into_id, &into_name, &into_aliases, error) ||
      !read_entity (store, from_id, &from_name, &from_aliases, error))
    return FALSE;

  add_alias (into_aliases, into_name, from_name);
  for (guint i = 0; i < from_aliases->len; i++)
    add_alias (into_aliases, into_name, g_ptr_array_index (from_aliases, i));

  return run_with_ids (store, "UPDATE annotations SET entity_id = ?1 WHERE entity_id = ?2",
                       into_id, from_id, error) &&
         run_with_ids (store, "UPDATE annotations SET speaker_id = ?1 WHERE speaker_id = ?2",
                       into_id, from_id, error) &&
         write_aliases (store, into_id, into_aliases, error) &&
         run_with_ids (store, "DELETE FROM entities WHERE id = ?1", from_id, 0, error);
}

typedef struct {
  gint64 into_id;
  gint64 from_id;
  GArray *affected;   /* the articles whose annotations change */
} Merge;

static gboolean
merge_body (ClipStore  *store,
            gpointer    data,
            GError    **error)
{
  Merge *merge = data;

  merge->affected = affected_articles (store, merge->from_id, error);
  return merge->affected != NULL && merge_entities (store, merge->into_id, merge->from_id, error);
}

gboolean
clip_store_merge_entities (ClipStore  *store,
                           gint64      into_id,
                           gint64      from_id,
                           GError    **error)
{
  g_autoptr(GArray) affected = NULL;
  Merge merge = { 0, 0, NULL };

  g_return_val_if_fail (CLIP_IS_STORE (store), FALSE);

  if (into_id == from_id)
    {
      g_set_error_literal (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID,
                           _("An entity cannot be merged into itself"));
      return FALSE;
    }

  merge.into_id = into_id;
  merge.from_id = from_id;
  if (!clip_store_in_transaction (store, merge_body, &merge, error))
    {
      g_clear_pointer (&merge.affected, g_array_unref);
      return FALSE;
    }
  affected = merge.affected;

  for (guint i = 0; i < affected->len; i++)
    g_signal_emit_by_name (store, "annotations-changed", g_array_index (affected, gint64, i));
  g_signal_emit_by_name (store, "articles-changed");
  return TRUE;
}

gboolean
clip_store_set_entity_aliases (ClipStore           *store,
                               gint64               entity_id,
                               const char * const  *aliases,
                               GError             **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GPtrArray) old = NULL;
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (CLIP_IS_STORE (store), FALSE);

  if (!read_entity (store, entity_id, &name, &old, error))
    return FALSE;

  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    add_alias (fresh, name, aliases[i]);

  return write_aliases (store, entity_id, fresh, error);
}
