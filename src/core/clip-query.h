/* clip-query.h: what the reader types into the search entry, parsed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Syntax (terms are ANDed; every part is optional):
 *
 *   word          the word, case and diacritics folded ("cafe" finds "Café")
 *   "a phrase"    the words next to each other (“typographic” quotes too)
 *   pref*         any word starting with pref ("a phra"* works on phrases)
 *   -word         excludes clippings with the word (or -"a phrase", -pref*)
 *   tag:NAME      clippings with that tag; tag:"city hall" for spaces
 *   entity:NAME   clippings that mention the entity or quote it as speaker
 *                 (its name or any alias)
 *   site:TEXT     the site name or source address contains TEXT
 *   kind:KIND     clippings with at least one annotation of that kind:
 *                 highlight, quote, entity or note
 *   before:DATE   DATE is YYYY, YYYY-MM or YYYY-MM-DD; before the first day
 *   after:DATE    of that period / after its last day (so "after:2023
 *                 before:2025" is 2024). The date is the published date
 *                 when the clipping has one in ISO form, else the date it
 *                 was saved; times and zones are ignored.
 *
 * Filter names are case-insensitive; filter values compare case- and
 * diacritics-insensitively. Several filters of one name must all hold.
 * A word with no letters or digits ("—") is ignored. A query of only
 * exclusions lists everything except them; the empty query lists
 * everything. Unknown "name:value" pairs are plain words.
 *
 * Errors (CLIP_QUERY_ERROR, short messages; the UI says "invalid search"):
 * an unbalanced quote, a lone "-" or "*", an excluded filter (-tag:x), an
 * empty filter value, an unknown kind, a bad date, or a query whose words
 * all have no letters or digits, or one with more than
 * CLIP_QUERY_MAX_TERMS words and filters or CLIP_QUERY_MAX_LENGTH characters.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CLIP_QUERY_ERROR (clip_query_error_quark ())

typedef enum {
  CLIP_QUERY_ERROR_SYNTAX,    /* unbalanced quote, lone "-" or "*", -filter: */
  CLIP_QUERY_ERROR_FILTER,    /* empty filter value, unknown kind */
  CLIP_QUERY_ERROR_DATE,      /* a before:/after: value that is not a date */
  CLIP_QUERY_ERROR_NO_WORDS,  /* only punctuation to look for */
  CLIP_QUERY_ERROR_TOO_LONG,  /* more than CLIP_QUERY_MAX_TERMS or MAX_LENGTH */
} ClipQueryError;

/* A search is at most this many words (in phrases too) and filters, and
 * this many characters: the index's snippets cost grows with every word, and
 * no one types more. */
#define CLIP_QUERY_MAX_TERMS 64
#define CLIP_QUERY_MAX_LENGTH 4096

#define CLIP_TYPE_QUERY (clip_query_get_type ())

typedef struct _ClipQuery ClipQuery;

GType        clip_query_get_type        (void) G_GNUC_CONST;
GQuark       clip_query_error_quark     (void);

/* A query that matches every clipping. */
ClipQuery   *clip_query_new             (void);
ClipQuery   *clip_query_parse           (const char  *text,
                                         GError     **error);
ClipQuery   *clip_query_ref             (ClipQuery   *self);
void         clip_query_unref           (ClipQuery   *self);
ClipQuery   *clip_query_copy            (ClipQuery   *self);

/* Filters added by the app (the library's tag list, an entity's page). */
void         clip_query_add_tag         (ClipQuery   *self,
                                         const char  *tag);
void         clip_query_add_entity_id   (ClipQuery   *self,
                                         gint64       entity_id);

/* TRUE when the query has words to rank by. */
gboolean     clip_query_has_terms       (ClipQuery   *self);
/* TRUE when it has filters other than words and exclusions. */
gboolean     clip_query_has_filters     (ClipQuery   *self);
/* TRUE when it matches every clipping. */
gboolean     clip_query_is_empty        (ClipQuery   *self);

/* The FTS5 expression for the words (every term an FTS5 string, joined by
 * AND) and the one for the exclusions (joined by OR); NULL when none. Bind
 * them as parameters: "... MATCH ?" and "NOT IN (SELECT rowid ... MATCH ?)". */
const char  *clip_query_get_match       (ClipQuery   *self);
const char  *clip_query_get_exclude     (ClipQuery   *self);

/* Filter values, folded (clip_query_fold); empty arrays when none. */
GPtrArray   *clip_query_get_tags        (ClipQuery   *self);
GPtrArray   *clip_query_get_entities    (ClipQuery   *self);
GArray      *clip_query_get_entity_ids  (ClipQuery   *self);
GPtrArray   *clip_query_get_sites       (ClipQuery   *self);
/* Annotation kinds as stored ("highlight", …). */
GPtrArray   *clip_query_get_kinds       (ClipQuery   *self);
/* "YYYY-MM-DD" bounds: dates must be < before and >= after; NULL if none. */
const char  *clip_query_get_before      (ClipQuery   *self);
const char  *clip_query_get_after       (ClipQuery   *self);

/* Lower case without diacritics, as the search index folds words. */
char        *clip_query_fold            (const char  *text);

/* Where the first of the query's words or phrases stands in text, in code
 * points, so that a result can be opened at its match. */
gboolean     clip_query_find_match      (ClipQuery   *self,
                                         const char  *text,
                                         glong       *start,
                                         glong       *end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipQuery, clip_query_unref)

G_END_DECLS
