/* clip-trash.h: deleting clippings in a way that can be undone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "clip-store.h"

G_BEGIN_DECLS

typedef struct _ClipTrash ClipTrash;

/* Deletes the clippings in one transaction and returns everything they
 * held (article, original, annotations, tags, images), for
 * clip_trash_restore(); NULL on error, when nothing was deleted. */
ClipTrash *clip_trash_delete  (ClipStore     *store,
                               const gint64  *article_ids,
                               guint          n_articles,
                               GError       **error);
/* Puts them back under their old numbers, in one transaction. */
gboolean   clip_trash_restore (ClipTrash     *trash,
                               GError       **error);
guint      clip_trash_get_n_articles (ClipTrash *trash);
void       clip_trash_free    (ClipTrash     *trash);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipTrash, clip_trash_free)

G_END_DECLS
