/* clip-tags.h: the library's tags: list with counts, rename, merge, delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "clip-store.h"

G_BEGIN_DECLS

#define CLIP_TYPE_TAG (clip_tag_get_type ())

G_DECLARE_FINAL_TYPE (ClipTag, clip_tag, CLIP, TAG, GObject)

/* A tag with how many clippings and annotations carry it. */
gint64       clip_tag_get_id              (ClipTag     *self);
const char  *clip_tag_get_name            (ClipTag     *self);
guint        clip_tag_get_n_clippings     (ClipTag     *self);
guint        clip_tag_get_n_annotations   (ClipTag     *self);

/* Every tag, A to Z (ASCII case ignored), as ClipTag objects. */
GPtrArray   *clip_store_list_tags         (ClipStore   *store,
                                           GError     **error);
/* Tag names are unique without regard to ASCII case. Creating one that
 * exists does nothing. */
gboolean     clip_store_create_tag        (ClipStore   *store,
                                           const char  *name,
                                           GError     **error);
/* Fails when another tag already has the new name: merge them instead.
 * Changing only the case of a name is a rename. */
gboolean     clip_store_rename_tag        (ClipStore   *store,
                                           const char  *name,
                                           const char  *new_name,
                                           GError     **error);
/* Everything tagged from is tagged into, and from is deleted; when into
 * does not exist yet, this is a rename. */
gboolean     clip_store_merge_tags        (ClipStore   *store,
                                           const char  *from,
                                           const char  *into,
                                           GError     **error);
/* Removes the tag from every clipping and annotation. */
gboolean     clip_store_delete_tag        (ClipStore   *store,
                                           const char  *name,
                                           GError     **error);
/* Bulk tagging of a selection, and its undo, each in one transaction. */
gboolean     clip_store_tag_articles      (ClipStore   *store,
                                           const gint64 *article_ids,
                                           guint        n_articles,
                                           const char  *tag,
                                           GError     **error);
gboolean     clip_store_untag_articles    (ClipStore   *store,
                                           const gint64 *article_ids,
                                           guint        n_articles,
                                           const char  *tag,
                                           GError     **error);

G_END_DECLS
