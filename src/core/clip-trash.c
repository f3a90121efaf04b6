/* clip-trash.c: deleting clippings in a way that can be undone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "clip-store-private.h"
#include "clip-trash.h"

typedef struct {
  gint64 id;
  char *url;
  char *mime_type;
  GBytes *data;
} TrashAsset;

typedef struct {
  ClipArticle *article;
  GPtrArray *annotations;
  GStrv tags;
  GPtrArray *assets;
} TrashItem;

struct _ClipTrash
{
  ClipStore *store;
  GPtrArray *items;
};

static void
trash_asset_free (TrashAsset *asset)
{
  g_free (asset->url);
  g_free (asset->mime_type);
  g_clear_pointer (&asset->data, g_bytes_unref);
  g_free (asset);
}

static void
trash_item_free (TrashItem *item)
{
  g_clear_object (&item->article);
  g_clear_pointer (&item->annotations, g_ptr_array_unref);
  g_strfreev (item->tags);
  g_clear_pointer (&item->assets, g_ptr_array_unref);
  g_free (item);
}

void
clip_trash_free (ClipTrash *trash)
{
  if (trash == NULL)
    return;

  g_clear_object (&trash->store);
  g_clear_pointer (&trash->items, g_ptr_array_unref);
  g_free (trash);
}

guint
clip_trash_get_n_articles (ClipTrash *trash)
{
  g_return_val_if_fail (trash != NULL, 0);
  return trash->items->len;
}

static GPtrArray *
read_assets (ClipStore  *store,
             gint64      article_id,
             GError    **error)
{
  g_autoptr(GPtrArray) assets = g_ptr_array_new_with_free_func ((GDestroyNotify)trash_asset_free);
  sqlite3_stmt *stmt = clip_store_prepare (store, "SELECT id, url, mime_type, data FROM assets WHERE article_id = ?1",
                                           error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrashAsset *asset = g_new0 (TrashAsset, 1);

      asset->id = sqlite3_column_int64 (stmt, 0);
      asset->url = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      asset->mime_type = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      asset->data = g_bytes_new (sqlite3_column_blob (stmt, 3), sqlite3_column_bytes (stmt, 3));
      g_ptr_array_add (assets, asset);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      clip_store_set_sqlite_error (store, error, _("Cannot read the library"));
      return NULL;
    }
  return g_steal_pointer (&assets);
}

static TrashItem *
read_item (ClipStore  *store,
           gint64      id,
           GError    **error)
{
  g_autoptr(ClipArticle) article = clip_store_get_article (store, id, error);
  TrashItem *item;

  if (article == NULL)
    return NULL;

  item = g_new0 (TrashItem, 1);
  item->article = g_steal_pointer (&article);
  item->annotations = clip_store_list_annotations (store, id, error);
  item->tags = item->annotations != NULL ? clip_store_get_article_tags (store, id, error) : NULL;
  item->assets = item->tags != NULL ? read_assets (store, id, error) : NULL;
  if (item->assets == NULL)
    {
      trash_item_free (item);
      return NULL;
    }
  return item;
}

static gboolean
delete_items (ClipStore  *store,
              gpointer    data,
              GError    **error)
{
  ClipTrash *trash = data;
  sqlite3_stmt *stmt = clip_store_prepare (store, "DELETE FROM articles WHERE id = ?1", error);

  for (guint i = 0; stmt != NULL && i < trash->items->len; i++)
    {
      TrashItem *item = g_ptr_array_index (trash->items, i);

      sqlite3_bind_int64 (stmt, 1, clip_article_get_id (item->article));
      if (!clip_store_step_done (store, stmt, error))
        return FALSE;
    }
  return stmt != NULL;
}

ClipTrash *
clip_trash_delete (ClipStore     *store,
                   const gint64  *article_ids,
                   guint          n_articles,
                   GError       **error)
{
  g_autoptr(ClipTrash) trash = g_new0 (ClipTrash, 1);

  g_return_val_if_fail (CLIP_IS_STORE (store), NULL);

  trash->store = g_object_ref (store);
  trash->items = g_ptr_array_new_with_free_func ((GDestroyNotify)trash_item_free);
  for (guint i = 0; i < n_articles; i++)
    {
      TrashItem *item = read_item (store, article_ids[i], error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (trash->items, item);
    }

  if (!clip_store_in_transaction (store, delete_items, trash, error))
    return NULL;

  g_signal_emit_by_name (store, "articles-changed");
  return g_steal_pointer (&trash);
}

static gboolean
restore_article (ClipStore   *store,
                 ClipArticle *a,
                 GError     **error)
{
  GBytes *original = clip_article_get_original (a);
  sqlite3_stmt *stmt = clip_store_prepare (store,
    "INSERT INTO articles (id, title, byline, site_name, source_url, published, lang, dir, excerpt,"
    " content_html, text, source_kind, original, original_type, original_sha256, created_at,"
    " updated_at, http_status, captured_at, lead_image_url, source_file)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, ?17, ?18, ?19, ?20)",
    error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, clip_article_get_id (a));
  clip_store_bind_text (stmt, 2, clip_article_get_title (a));
  clip_store_bind_text (stmt, 3, clip_article_get_byline (a));
  clip_store_bind_text (stmt, 4, clip_article_get_site_name (a));
  clip_store_bind_text (stmt, 5, clip_article_get_source_url (a));
  clip_store_bind_text (stmt, 6, clip_article_get_published (a));
  clip_store_bind_text (stmt, 7, clip_article_get_lang (a));
  clip_store_bind_text (stmt, 8, clip_article_get_dir (a));
  clip_store_bind_text (stmt, 9, clip_article_get_excerpt (a));
  clip_store_bind_text (stmt, 10, clip_article_get_content_html (a));
  clip_store_bind_text (stmt, 11, clip_article_get_text (a));
  clip_store_bind_text (stmt, 12, clip_article_get_source_kind (a) ? clip_article_get_source_kind (a) : "text");
  clip_store_bind_bytes (stmt, 13, original);
  clip_store_bind_text (stmt, 14, clip_article_get_original_type (a));
  clip_store_bind_text (stmt, 15, clip_article_get_original_sha256 (a));
  clip_store_bind_text (stmt, 16, clip_article_get_created_at (a));
  if (clip_article_get_http_status (a) > 0)
    sqlite3_bind_int (stmt, 17, clip_article_get_http_status (a));
  clip_store_bind_text (stmt, 18, clip_article_get_captured_at (a));
  clip_store_bind_text (stmt, 19, clip_article_get_lead_image_url (a));
  clip_store_bind_text (stmt, 20, clip_article_get_source_file (a));
  return clip_store_step_done (store, stmt, error);
}

static gboolean
restore_assets (ClipStore  *store,
                gint64      article_id,
                GPtrArray  *assets,
                GError    **error)
{
  sqlite3_stmt *stmt = clip_store_prepare (store,
    "INSERT INTO assets (id, article_id, url, mime_type, data, sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    error);

  for (guint i = 0; stmt != NULL && i < assets->len; i++)
    {
      TrashAsset *asset = g_ptr_array_index (assets, i);
      g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, asset->data);

      sqlite3_bind_int64 (stmt, 1, asset->id);
      sqlite3_bind_int64 (stmt, 2, article_id);
      clip_store_bind_text (stmt, 3, asset->url);
      clip_store_bind_text (stmt, 4, asset->mime_type);
      clip_store_bind_bytes (stmt, 5, asset->data);
      clip_store_bind_text (stmt, 6, sha256);
      if (!clip_store_step_done (store, stmt, error))
        return FALSE;
    }

  return stmt != NULL;
}

static gboolean
restore_tags (ClipStore  *store,
              gint64      article_id,
              GStrv       tags,
              GError    **error)
{
  for (guint i = 0; tags[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = clip_store_prepare (store, "INSERT OR IGNORE INTO tags (name) VALUES (?1)", error);

      if (stmt == NULL)
        return FALSE;
      clip_store_bind_text (stmt, 1, tags[i]);
      if (!clip_store_step_done (store, stmt, error))
        return FALSE;

      stmt = clip_store_prepare (store,
                                 "INSERT OR IGNORE INTO article_tags (article_id, tag_id)"
                                 " SELECT ?1, id FROM tags WHERE name = ?2",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, article_id);
      clip_store_bind_text (stmt, 2, tags[i]);
      if (!clip_store_step_done (store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
restore_item (ClipStore  *store,
              TrashItem  *item,
              GError    **error)
{
  gint64 id = clip_article_get_id (item->article);

  return restore_article (store, item->article, error) &&
         restore_assets (store, id, item->assets, error) &&
         restore_tags (store, id, item->tags, error);
}

static gboolean
restore_items (ClipStore  *store,
               gpointer    data,
               GError    **error)
{
  ClipTrash *trash = data;
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < trash->items->len; i++)
    {
      TrashItem *item = g_ptr_array_index (trash->items, i);

      ok = restore_item (store, item, error);
      /* The annotations go back through the store (which checks each
       * against its text), under their numbers, in the same transaction. */
      for (guint j = 0; ok && j < item->annotations->len; j++)
        ok = clip_store_restore_annotation (store, g_ptr_array_index (item->annotations, j), error);
    }
  return ok;
}

gboolean
clip_trash_restore (ClipTrash  *trash,
                    GError    **error)
{
  g_return_val_if_fail (trash != NULL, FALSE);

  if (!clip_store_in_transaction (trash->store, restore_items, trash, error))
    return FALSE;

  g_signal_emit_by_name (trash->store, "articles-changed");
  return TRUE;
}
