/* clip-entity-index.h: the library's entities with their clippings,
 * mentions and quotes; merging two entities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "clip-entity.h"
#include "clip-store.h"

G_BEGIN_DECLS

#define CLIP_TYPE_ENTITY_SUMMARY (clip_entity_summary_get_type ())

G_DECLARE_FINAL_TYPE (ClipEntitySummary, clip_entity_summary, CLIP, ENTITY_SUMMARY, GObject)

/* An entity with the number of clippings it appears in (mentioned or
 * quoted), of its mentions and of the quotes it is the speaker of. */
ClipEntity  *clip_entity_summary_get_entity        (ClipEntitySummary *self);
guint        clip_entity_summary_get_n_clippings   (ClipEntitySummary *self);
guint        clip_entity_summary_get_n_mentions    (ClipEntitySummary *self);
guint        clip_entity_summary_get_n_quotes      (ClipEntitySummary *self);

/* Every entity, by name (ASCII case ignored), as ClipEntitySummary. */
GPtrArray   *clip_store_list_entity_summaries      (ClipStore   *store,
                                                    GError     **error);
/* The clippings that mention the entity or quote it, newest saved first,
 * as ClipSearchResult whose match is the first mention or quote. */
GPtrArray   *clip_store_list_entity_clippings      (ClipStore   *store,
                                                    gint64       entity_id,
                                                    GError     **error);
/* Its quotes (it is the speaker) and its mentions, as ClipAnnotation with
 * article number and position, by clipping and place in the text. */
GPtrArray   *clip_store_list_entity_quotes         (ClipStore   *store,
                                                    gint64       entity_id,
                                                    GError     **error);
GPtrArray   *clip_store_list_entity_mentions       (ClipStore   *store,
                                                    gint64       entity_id,
                                                    GError     **error);
/* Replaces the entity's aliases (empty ones and repeats are dropped). */
gboolean     clip_store_set_entity_aliases         (ClipStore   *store,
                                                    gint64       entity_id,
                                                    const char * const *aliases,
                                                    GError     **error);
/* Merges from into into, in one transaction: from's mentions and quotes
 * become into's, from's name and aliases join into's aliases, and from is
 * deleted. into keeps its name and kind. */
gboolean     clip_store_merge_entities             (ClipStore   *store,
                                                    gint64       into_id,
                                                    gint64       from_id,
                                                    GError     **error);

G_END_DECLS
