/* clip-anchor.h: placing annotations on a (possibly changed) article text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A text prepared once for many lookups. Offsets and lengths count
 * Unicode code points (DESIGN.md). Lookups do not modify it, so one
 * prepared text may serve several threads. */
typedef struct _ClipAnchorText ClipAnchorText;

ClipAnchorText *clip_anchor_text_new        (const char     *utf8_text);
void            clip_anchor_text_free       (ClipAnchorText *self);
glong           clip_anchor_text_get_length (ClipAnchorText *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipAnchorText, clip_anchor_text_free)

/* How a match was found, from most to least certain. */
typedef enum {
  CLIP_ANCHOR_POSITION,
  CLIP_ANCHOR_QUOTE,
  CLIP_ANCHOR_FUZZY,
  CLIP_ANCHOR_ORPHAN,
} ClipAnchorMethod;

typedef struct {
  glong            start;
  glong            end;
  ClipAnchorMethod method;
  /* From 0 to 1: how well the quote and its context agree with the text
   * at [start, end). 0 for an orphan. */
  double           score;
} ClipAnchorMatch;

/* Places a W3C TextQuoteSelector (exact, with optional prefix and suffix)
 * on the text. start and end are the old TextPositionSelector, used as a
 * hint; they may be stale or out of range. Returns FALSE and sets match
 * to method ORPHAN, start = end = -1, when the quote is not found well
 * enough (an empty quote is never found). */
gboolean        clip_anchor_find            (ClipAnchorText  *text,
                                             const char      *exact,
                                             const char      *prefix,
                                             const char      *suffix,
                                             glong            start,
                                             glong            end,
                                             ClipAnchorMatch *match);

const char     *clip_anchor_method_to_string (ClipAnchorMethod method);

/* Finds exact (code point for code point) in text, after the text's own
 * whitespace rule: any run of whitespace, in the quote or the text, is
 * one space, and the quote's ends are trimmed. prefix and suffix, when
 * given, must stand right before and after it (same rule). Returns the
 * number of places that fit; start and end (code points of text) are
 * those of the first. */
guint           clip_anchor_find_exact      (const char      *text,
                                             const char      *exact,
                                             const char      *prefix,
                                             const char      *suffix,
                                             glong           *start,
                                             glong           *end);

G_END_DECLS
