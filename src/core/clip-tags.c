/* clip-tags.c: the library's tags: list with counts, rename, merge, delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "clip-store-private.h"
#include "clip-tags.h"

struct _ClipTag
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *sort_key;   /* of the folded name, numbers by value */
  guint n_clippings;
  guint n_annotations;
};

G_DEFINE_FINAL_TYPE (ClipTag, clip_tag, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_N_CLIPPINGS,
  PROP_N_ANNOTATIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clip_tag_finalize (GObject *object)
{
  g_free (CLIP_TAG (object)->name);
  g_free (CLIP_TAG (object)->sort_key);
  G_OBJECT_CLASS (clip_tag_parent_class)->finalize (object);
}

static void
clip_tag_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  ClipTag *self = CLIP_TAG (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_N_CLIPPINGS: g_value_set_uint (value, self->n_clippings); break;
    case PROP_N_ANNOTATIONS: g_value_set_uint (value, self->n_annotations); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clip_tag_class_init (ClipTagClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clip_tag_finalize;
  object_class->get_property = clip_tag_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CLIPPINGS] =
    g_param_spec_uint ("n-clippings", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ANNOTATIONS] =
    g_param_spec_uint ("n-annotations", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clip_tag_init (ClipTag *self)
{
}

gint64
clip_tag_get_id (ClipTag *self)
{
  g_return_val_if_fail (CLIP_IS_TAG (self), 0);
  return self->id;
}

const char *
clip_tag_get_name (ClipTag *self)
{
  g_return_val_if_fail (CLIP_IS_TAG (self), NULL);
  return self->name;
}

guint
clip_tag_get_n_clippings (ClipTag *self)
{
  g_return_val_if_fail (CLIP_IS_TAG (self), 0);
  return self->n_clippings;
}

guint
clip_tag_get_n_annotations (ClipTag *self)
{
  g_return_val_if_fail (CLIP_IS_TAG (self), 0);
  return self->n_annotations;
}

static int
compare_tags (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  ClipTag *x = *(ClipTag **)a, *y = *(ClipTag **)b;
  int order = strcmp (x->sort_key, y->sort_key);

  return order != 0 ? order : (x->id > y->id) - (x->id < y->id);
}

GPtrArray *
clip_store_list_tags (ClipStore  *store,
                      GError    **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLIP_IS_STORE (store), NULL);

  stmt = clip_store_prepare (store,
                             "SELECT t.id, t.name,"
                             " (SELECT count(*) FROM article_tags x WHERE x.tag_id = t.id),"
                             " (SELECT count(*) FROM annotation_tags y WHERE y.tag_id = t.id)"
                             " FROM tags t",
                             error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ClipTag *tag = g_object_new (CLIP_TYPE_TAG, NULL);
      g_autofree char *folded = NULL;

      tag->id = sqlite3_column_int64 (stmt, 0);
      tag->name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      folded = g_utf8_casefold (tag->name, -1);
      tag->sort_key = g_utf8_collate_key_for_filename (folded, -1);
      tag->n_clippings = sqlite3_column_int (stmt, 2);
      tag->n_annotations = sqlite3_column_int (stmt, 3);
      g_ptr_array_add (tags, tag);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      clip_store_set_sqlite_error (store, error, _("Cannot read the library"));
      return NULL;
    }

  /* As people read them: "tag 2" before "tag 10", in the user's locale. */
  g_ptr_array_sort_with_data (tags, compare_tags, NULL);
  return g_steal_pointer (&tags);
}

/* Runs body in a transaction; the library's lists then change. */
static gboolean
in_transaction (ClipStore  *store,
                gboolean  (*body) (ClipStore *, gpointer, GError **),
                gpointer    data,
                GError    **error)
{
  if (!clip_store_in_transaction (store, body, data, error))
    return FALSE;

  g_signal_emit_by_name (store, "articles-changed");
  return TRUE;
}

/* Runs a statement that binds text to ?1 and number to ?2, or, without
 * text, number to ?1. */
static gboolean
run (ClipStore   *store,
     const char  *sql,
     const char  *text,
     gint64       number,
     GError     **error)
{
  sqlite3_stmt *stmt = clip_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  if (text != NULL)
    {
      sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
      if (sqlite3_bind_parameter_count (stmt) >= 2)
        sqlite3_bind_int64 (stmt, 2, number);
    }
  else
    {
      sqlite3_bind_int64 (stmt, 1, number);
    }

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return clip_store_set_sqlite_error (store, error, _("Cannot update the library"));
  return TRUE;
}

/* The tag's number, 0 when there is no such tag, -1 on error. */
static gint64
find_tag (ClipStore   *store,
          const char  *name,
          GError     **error)
{
  sqlite3_stmt *stmt = clip_store_prepare (store, "SELECT id FROM tags WHERE name = ?1", error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      clip_store_set_sqlite_error (store, error, _("Cannot read the library"));
      return -1;
    }
  return id;
}

static gint64
require_tag (ClipStore   *store,
             const char  *name,
             GError     **error)
{
  gint64 id = find_tag (store, name, error);

  if (id == 0)
    {
      g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_NOT_FOUND,
                   _("There is no tag “%s”"), name);
      return -1;
    }
  return id;
}

/* A stripped copy of a tag name, or NULL with an error when it is empty. */
static char *
clean_name (const char  *name,
            GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name));

  if (clean[0] == '\0' || !g_utf8_validate (clean, -1, NULL))
    {
      g_set_error_literal (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID,
                           _("A tag needs a name"));
      return NULL;
    }
  return g_steal_pointer (&clean);
}

gboolean
clip_store_create_tag (ClipStore   *store,
                       const char  *name,
                       GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (CLIP_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  clean = clean_name (name, error);
  return clean != NULL &&
         run (store, "INSERT OR IGNORE INTO tags (name) VALUES (?1)", clean, 0, error);
}

typedef struct {
  const char *from;
  const char *into;
} TagPair;

static gboolean
rename_tag (ClipStore *store,
            gpointer   data,
            GError   **error)
{
  TagPair *pair = data;
  gint64 id = require_tag (store, pair->from, error);
  gint64 existing;

  if (id < 0)
    return FALSE;

  existing = find_tag (store, pair->into, error);
  if (existing < 0)
    return FALSE;
  if (existing != 0 && existing != id)
    {
      g_set_error (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID,
                   _("There is already a tag “%s”; merge the two tags instead"), pair->into);
      return FALSE;
    }

  return run (store, "UPDATE tags SET name = ?1 WHERE id = ?2", pair->into, id, error);
}

gboolean
clip_store_rename_tag (ClipStore   *store,
                       const char  *name,
                       const char  *new_name,
                       GError     **error)
{
  g_autofree char *clean = NULL;
  TagPair pair;

  g_return_val_if_fail (CLIP_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (new_name != NULL, FALSE);

  clean = clean_name (new_name, error);
  if (clean == NULL)
    return FALSE;

  pair.from = name;
  pair.into = clean;
  return in_transaction (store, rename_tag, &pair, error);
}

static gboolean
merge_tags (ClipStore *store,
            gpointer   data,
            GError   **error)
{
  TagPair *pair = data;
  gint64 from = require_tag (store, pair->from, error);
  gint64 into;

  if (from < 0)
    return FALSE;

  into = find_tag (store, pair->into, error);
  if (into < 0)
    return FALSE;
  if (into == 0 || into == from)
    return rename_tag (store, data, error);

  return run (store,
              "INSERT OR IGNORE INTO article_tags (article_id, tag_id)"
              " SELECT article_id, (SELECT id FROM tags WHERE name = ?1) FROM article_tags WHERE tag_id = ?2",
              pair->into, from, error) &&
         run (store,
              "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id)"
              " SELECT annotation_id, (SELECT id FROM tags WHERE name = ?1) FROM annotation_tags WHERE tag_id = ?2",
              pair->into, from, error) &&
         run (store, "DELETE FROM tags WHERE id = ?1", NULL, from, error);
}

gboolean
clip_store_merge_tags (ClipStore   *store,
                       const char  *from,
                       const char  *into,
                       GError     **error)
{
  g_autofree char *clean = NULL;
  TagPair pair;

  g_return_val_if_fail (CLIP_IS_STORE (store), FALSE);
  g_return_val_if_fail (from != NULL, FALSE);
  g_return_val_if_fail (into != NULL, FALSE);

  clean = clean_name (into, error);
  if (clean == NULL)
    return FALSE;

  pair.from = from;
  pair.into = clean;
  return in_transaction (store, merge_tags, &pair, error);
}

static gboolean
delete_tag (ClipStore *store,
            gpointer   data,
            GError   **error)
{
  gint64 id = require_tag (store, data, error);

  return id > 0 && run (store, "DELETE FROM tags WHERE id = ?1", NULL, id, error);
}

gboolean
clip_store_delete_tag (ClipStore   *store,
                       const char  *name,
                       GError     **error)
{
  g_return_val_if_fail (CLIP_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return in_transaction (store, delete_tag, (gpointer)name, error);
}

typedef struct {
  const gint64 *ids;
  guint n_ids;
  const char *tag;
  gboolean add;
} BulkTag;

static gboolean
bulk_tag (ClipStore *store,
          gpointer   data,
          GError   **error)
{
  BulkTag *bulk = data;
  const char *sql = bulk->add
    ? "INSERT OR IGNORE INTO article_tags (article_id, tag_id)"
      " SELECT a.id, t.id FROM articles a, tags t WHERE t.name = ?1 AND a.id = ?2"
    : "DELETE FROM article_tags WHERE tag_id = (SELECT id FROM tags WHERE name = ?1) AND article_id = ?2";

  if (bulk->add && !run (store, "INSERT OR IGNORE INTO tags (name) VALUES (?1)", bulk->tag, 0, error))
    return FALSE;

  for (guint i = 0; i < bulk->n_ids; i++)
    if (!run (store, sql, bulk->tag, bulk->ids[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
tag_articles (ClipStore     *store,
              const gint64  *ids,
              guint          n_ids,
              const char    *tag,
              gboolean       add,
              GError       **error)
{
  g_autofree char *clean = clean_name (tag, error);
  BulkTag bulk = { ids, n_ids, clean, add };

  return clean != NULL && in_transaction (store, bulk_tag, &bulk, error);
}

gboolean
clip_store_tag_articles (ClipStore     *store,
                         const gint64  *article_ids,
                         guint          n_articles,
                         const char    *tag,
                         GError       **error)
{
  g_return_val_if_fail (CLIP_IS_STORE (store), FALSE);
  g_return_val_if_fail (article_ids != NULL || n_articles == 0, FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  return tag_articles (store, article_ids, n_articles, tag, TRUE, error);
}

gboolean
clip_store_untag_articles (ClipStore     *store,
                           const gint64  *article_ids,
                           guint          n_articles,
                           const char    *tag,
                           GError       **error)
{
  g_return_val_if_fail (CLIP_IS_STORE (store), FALSE);
  g_return_val_if_fail (article_ids != NULL || n_articles == 0, FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  return tag_articles (store, article_ids, n_articles, tag, FALSE, error);
}
