/* clip-library-model.h: the library as a lazily paged list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "clip-query.h"
#include "clip-search.h"
#include "clip-store.h"

G_BEGIN_DECLS

/* Rows are read in pages of this many. */
#define CLIP_LIBRARY_MODEL_PAGE_SIZE 50

#define CLIP_TYPE_LIBRARY_MODEL (clip_library_model_get_type ())

G_DECLARE_FINAL_TYPE (ClipLibraryModel, clip_library_model, CLIP, LIBRARY_MODEL, GObject)

/* A GListModel of ClipSearchResult: the clippings that match the query
 * and filters, ranked when the query has words, else in the sort order.
 * It never reads every row: the number of items comes from a COUNT, rows
 * are read a page at a time when asked for and a few pages are kept. It
 * reloads (items-changed over everything) when the store's articles
 * change; when only annotations change and they cannot change which rows
 * match, the rows in hand take the new counts (notify) instead. */
ClipLibraryModel *clip_library_model_new               (ClipStore        *store);
ClipStore        *clip_library_model_get_store         (ClipLibraryModel *self);

void              clip_library_model_set_sort          (ClipLibraryModel *self,
                                                        ClipLibrarySort   sort);
ClipLibrarySort   clip_library_model_get_sort          (ClipLibraryModel *self);
/* NULL (or an empty query) lists the whole library. */
void              clip_library_model_set_query         (ClipLibraryModel *self,
                                                        ClipQuery        *query);
ClipQuery        *clip_library_model_get_query         (ClipLibraryModel *self);
/* Filters on top of the query; NULL / 0 for none. */
void              clip_library_model_set_tag_filter    (ClipLibraryModel *self,
                                                        const char       *tag);
const char       *clip_library_model_get_tag_filter    (ClipLibraryModel *self);
void              clip_library_model_set_entity_filter (ClipLibraryModel *self,
                                                        gint64            entity_id);
gint64            clip_library_model_get_entity_filter (ClipLibraryModel *self);

/* Reads the count again and drops the rows in hand. */
void              clip_library_model_reload            (ClipLibraryModel *self);
/* Around bulk changes (deleting a selection, undo): store signals while
 * frozen are remembered, and thawing reloads once. Calls nest. */
void              clip_library_model_freeze            (ClipLibraryModel *self);
void              clip_library_model_thaw              (ClipLibraryModel *self);

/* The position of a clipping among the rows in hand, or -1. */
gint              clip_library_model_find_loaded       (ClipLibraryModel *self,
                                                        gint64            article_id);
/* The last reading error, NULL when the last read worked. */
const GError     *clip_library_model_get_error         (ClipLibraryModel *self);
/* How many rows were read from the database so far (tests, benchmarks). */
guint64           clip_library_model_get_rows_loaded   (ClipLibraryModel *self);

G_END_DECLS
