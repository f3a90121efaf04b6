/* clip-search.h: ranked full-text search and sorted listing of the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "clip-query.h"
#include "clip-store.h"

G_BEGIN_DECLS

/* The order of the library when the query has no words to rank by. Ties
 * go by the clipping's number. */
typedef enum {
  CLIP_LIBRARY_SORT_SAVED,      /* newest saved first */
  CLIP_LIBRARY_SORT_PUBLISHED,  /* newest published first; undated by when saved */
  CLIP_LIBRARY_SORT_TITLE,      /* A to Z, ignoring ASCII case */
  CLIP_LIBRARY_SORT_SITE,       /* A to Z, no site last; newest first within a site */
} ClipLibrarySort;

#define CLIP_TYPE_LIBRARY_SORT (clip_library_sort_get_type ())
GType clip_library_sort_get_type (void) G_GNUC_CONST;

#define CLIP_TYPE_SEARCH_RESULT (clip_search_result_get_type ())

G_DECLARE_FINAL_TYPE (ClipSearchResult, clip_search_result, CLIP, SEARCH_RESULT, GObject)

/* One row of the library or of a search: a summary, never the content. */
gint64       clip_search_result_get_id            (ClipSearchResult *self);
const char  *clip_search_result_get_title         (ClipSearchResult *self);
const char  *clip_search_result_get_site_name     (ClipSearchResult *self);
const char  *clip_search_result_get_published     (ClipSearchResult *self);
const char  *clip_search_result_get_created_at    (ClipSearchResult *self);
guint        clip_search_result_get_n_highlights  (ClipSearchResult *self);
guint        clip_search_result_get_n_quotes      (ClipSearchResult *self);
guint        clip_search_result_get_n_annotations (ClipSearchResult *self);
/* A passage around the best match, each matched word between \x02 and
 * \x03; NULL when the query has no words. See clip_search_snippet_to_markup. */
const char  *clip_search_result_get_snippet       (ClipSearchResult *self);
/* bm25 score (lower is better); 0 when not ranked. */
double       clip_search_result_get_score         (ClipSearchResult *self);
/* The place to open the clipping at, in code points of its text, or -1
 * when unknown (an entity's clippings set it to the first mention; for a
 * search, clip_query_find_match on the text finds the match). */
glong        clip_search_result_get_match_start   (ClipSearchResult *self);
glong        clip_search_result_get_match_end     (ClipSearchResult *self);
void         clip_search_result_set_match         (ClipSearchResult *self,
                                                   glong             start,
                                                   glong             end);
/* Takes other's counts (and notifies), for a row whose annotations changed. */
void         clip_search_result_update_counts     (ClipSearchResult *self,
                                                   ClipSearchResult *other);

/* Up to limit rows from offset: by bm25 (weights title 10, byline 5,
 * text 1, notes 3) when the query has words, else in the given order. A
 * NULL query is the whole library. Returns ClipSearchResult objects. */
GPtrArray   *clip_store_search                    (ClipStore        *store,
                                                   ClipQuery        *query,
                                                   ClipLibrarySort   sort,
                                                   guint             offset,
                                                   guint             limit,
                                                   GError          **error);
/* How many clippings the query matches; -1 on error. */
gint64       clip_store_count_search              (ClipStore        *store,
                                                   ClipQuery        *query,
                                                   GError          **error);
/* One row by clipping number (fresh counts), or NULL with NOT_FOUND. */
ClipSearchResult *clip_store_get_search_result    (ClipStore        *store,
                                                   gint64            article_id,
                                                   GError          **error);

/* The snippet as Pango markup: text escaped, matches in <b></b>. */
char        *clip_search_snippet_to_markup        (const char       *snippet);
/* The snippet as plain text; ranges, when given, gets pairs of glong
 * code-point offsets (start, end) of the matches in it. */
char        *clip_search_snippet_to_plain         (const char       *snippet,
                                                   GArray          **ranges);

G_END_DECLS
