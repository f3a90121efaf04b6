/* clip-store.h: the clippings library, one SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "clip-annotation.h"
#include "clip-article.h"
#include "clip-entity.h"

G_BEGIN_DECLS

#define CLIP_STORE_ERROR (clip_store_error_quark ())

typedef enum {
  CLIP_STORE_ERROR_FAILED,
  CLIP_STORE_ERROR_NOT_A_DATABASE,  /* the file is not an SQLite database */
  CLIP_STORE_ERROR_CORRUPT,         /* SQLite, but damaged */
  CLIP_STORE_ERROR_NEWER_VERSION,   /* made by a newer Clippings */
  CLIP_STORE_ERROR_NOT_FOUND,
  CLIP_STORE_ERROR_INVALID,         /* a value the store refuses */
  CLIP_STORE_ERROR_BUSY,            /* locked by another program */
  CLIP_STORE_ERROR_NO_SPACE,        /* the disk is full */
  CLIP_STORE_ERROR_PERMISSION,      /* no permission, or a read-only disk */
  CLIP_STORE_ERROR_READ_ONLY,       /* opened read-only: nothing is written */
} ClipStoreError;

typedef enum {
  CLIP_STORE_OPEN_NONE = 0,
  /* For commands that only read: the file is opened read-only and
   * nothing in it changes, not even its journal mode; a library that is
   * missing or needs an upgrade is opened for writing as usual. */
  CLIP_STORE_OPEN_READ_ONLY = 1 << 0,
} ClipStoreOpenFlags;

#define CLIP_STORE_SCHEMA_VERSION 7

/* No article's text is longer than this many code points (an import is
 * at most 64 MB); a position beyond it is refused. */
#define CLIP_STORE_MAX_POSITION (64 * 1024 * 1024)

/* An image stored with an article. */
typedef struct {
  char *url;        /* where it came from, as the content's <img src> says */
  char *mime_type;
  GBytes *data;
} ClipAsset;

ClipAsset      *clip_asset_new                (const char      *url,
                                               const char      *mime_type,
                                               GBytes          *data);
void            clip_asset_free               (ClipAsset       *asset);

#define CLIP_TYPE_STORE (clip_store_get_type ())

G_DECLARE_FINAL_TYPE (ClipStore, clip_store, CLIP, STORE, GObject)

GQuark          clip_store_error_quark        (void);

/* $XDG_DATA_HOME/clippings/clippings.db */
char           *clip_store_default_path       (void);

/* Opens or makes the library. Only the default location's folders are
 * made: elsewhere the folder must exist. An empty path is refused. */
ClipStore      *clip_store_open               (const char      *path,
                                               GError         **error);
ClipStore      *clip_store_open_full          (const char      *path,
                                               ClipStoreOpenFlags flags,
                                               GError         **error);
gboolean        clip_store_get_read_only      (ClipStore       *self);
/* TRUE once damage was found (a check failed, or SQLite said the file is
 * corrupt): from then on nothing is written to it. */
gboolean        clip_store_get_damaged        (ClipStore       *self);
/* Says what a check run elsewhere (clip_store_check_async()) found: no
 * write runs a check of its own after this. */
void            clip_store_set_checked        (ClipStore       *self,
                                               gboolean         damaged);
const char     *clip_store_get_path           (ClipStore       *self);
/* TRUE when this open made a new library (no schema was there). */
gboolean        clip_store_get_created        (ClipStore       *self);

gboolean        clip_store_add_article        (ClipStore       *self,
                                               ClipArticle     *article,
                                               GError         **error);
/* One transaction: the article, its images (the content's <img> are
 * pointed at clip://asset/<id>) and its search row. */
gboolean        clip_store_add_article_with_assets (ClipStore   *self,
                                                    ClipArticle *article,
                                                    GPtrArray   *assets,
                                                    GError     **error);
/* Many articles (no assets) in one transaction, for bulk imports: one
 * articles-changed at the end. On failure none is added. */
gboolean        clip_store_add_articles       (ClipStore       *self,
                                               GPtrArray       *articles,
                                               GError         **error);
ClipArticle    *clip_store_get_article        (ClipStore       *self,
                                               gint64           id,
                                               GError         **error);
/* Summaries for the library list, newest first: no content, no original. */
GPtrArray      *clip_store_list_articles      (ClipStore       *self,
                                               GError         **error);
gboolean        clip_store_delete_article     (ClipStore       *self,
                                               gint64           id,
                                               GError         **error);
gint64          clip_store_count_articles     (ClipStore       *self,
                                               GError         **error);

/* Runs body in one transaction (a savepoint inside another): all that it
 * writes through the store is kept or, when it fails, none of it; for a
 * change made of several calls, such as an annotation and the entity it
 * names. */
typedef gboolean (*ClipStoreTransactionFunc) (ClipStore *self,
                                              gpointer   data,
                                              GError   **error);
gboolean        clip_store_run_in_transaction (ClipStore       *self,
                                               ClipStoreTransactionFunc body,
                                               gpointer         data,
                                               GError         **error);

/* Validates the annotation against the article's stored text: the range
 * must lie inside it and the exact quote must be what it covers. */
gboolean        clip_store_add_annotation     (ClipStore       *self,
                                               ClipAnnotation  *annotation,
                                               GError         **error);
GPtrArray      *clip_store_list_annotations   (ClipStore       *self,
                                               gint64           article_id,
                                               GError         **error);
/* Several at once, in one transaction (one change to undo). */
gboolean        clip_store_add_annotations    (ClipStore       *self,
                                               GPtrArray       *annotations,
                                               GError         **error);
ClipAnnotation *clip_store_get_annotation     (ClipStore       *self,
                                               gint64           id,
                                               GError         **error);
/* Saves colour, note, entity, speaker, quote status, orphan state,
 * position, quote and tags. */
gboolean        clip_store_update_annotation  (ClipStore       *self,
                                               ClipAnnotation  *annotation,
                                               GError         **error);
/* Puts a deleted annotation back under its old number (undo). */
gboolean        clip_store_restore_annotation (ClipStore       *self,
                                               ClipAnnotation  *annotation,
                                               GError         **error);
gboolean        clip_store_delete_annotation  (ClipStore       *self,
                                               gint64           id,
                                               GError         **error);

/* The entity called name or known by it as an alias, of the given kind
 * ("person", …) or any kind when kind is NULL; NULL when there is none. */
ClipEntity     *clip_store_find_entity        (ClipStore       *self,
                                               const char      *name,
                                               const char      *kind,
                                               GError         **error);
/* That entity, made when it does not exist yet. */
ClipEntity     *clip_store_ensure_entity      (ClipStore       *self,
                                               const char      *name,
                                               const char      *kind,
                                               GError         **error);
gboolean        clip_store_add_entity_alias   (ClipStore       *self,
                                               gint64           entity_id,
                                               const char      *alias,
                                               GError         **error);
GPtrArray      *clip_store_list_entities      (ClipStore       *self,
                                               GError         **error);

/* Saves title, byline, site name, published and source URL. */
gboolean        clip_store_update_article_info (ClipStore      *self,
                                                ClipArticle    *article,
                                                GError        **error);
gboolean        clip_store_set_article_tags   (ClipStore       *self,
                                               gint64           article_id,
                                               const char * const *tags,
                                               GError         **error);
gboolean        clip_store_tag_article        (ClipStore       *self,
                                               gint64           article_id,
                                               const char      *tag,
                                               GError         **error);
GStrv           clip_store_get_article_tags   (ClipStore       *self,
                                               gint64           article_id,
                                               GError         **error);
gint64          clip_store_add_asset          (ClipStore       *self,
                                               gint64           article_id,
                                               const char      *url,
                                               const char      *mime_type,
                                               GBytes          *data,
                                               GError         **error);
GBytes         *clip_store_get_asset          (ClipStore       *self,
                                               gint64           id,
                                               char           **mime_type,
                                               GError         **error);
/* The address an image was saved from; NULL (and no error) when it is
 * not known. */
char           *clip_store_get_asset_url      (ClipStore       *self,
                                               gint64           id,
                                               GError         **error);

G_END_DECLS
