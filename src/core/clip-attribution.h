/* clip-attribution.h: who said what in an article: quotes, their cues
 * and speakers, and the entities the article names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "clip-entity.h"
#include "clip-entity-suggest.h"

G_BEGIN_DECLS

typedef enum {
  CLIP_QUOTE_DIRECT,    /* quoted words, or reported speech holding some */
  CLIP_QUOTE_INDIRECT,  /* reported speech without quotation marks */
} ClipQuoteKind;

/* Every offset counts code points of the text; -1 when absent. */
typedef struct {
  ClipQuoteKind kind;
  glong start;
  glong end;
  char *text;
  glong cue_start;
  glong cue_end;
  char *cue_text;          /* NULL when there is no cue */
  glong speaker_start;
  glong speaker_end;
  char *speaker_text;      /* the mention next to the cue, NULL when unknown */
  char *speaker_name;      /* the named person or organisation it stands for */
  ClipEntityKind speaker_kind;
} ClipQuoteSuggestion;

void             clip_quote_suggestion_free     (ClipQuoteSuggestion *self);

typedef struct {
  GPtrArray *quotes;       /* ClipQuoteSuggestion, by start */
  GPtrArray *entities;     /* ClipEntitySuggestion, by start */
} ClipAttribution;

/* Runs the engine on an article text. known holds the library's confirmed
 * ClipEntity objects, or is NULL; they are only read, during the call.
 * The engine keeps no state between calls and its data is read once, so
 * it may run on any thread, on several at once. */
ClipAttribution *clip_attribution_run           (const char      *text,
                                                 GPtrArray       *known);
void             clip_attribution_free          (ClipAttribution *self);
const char      *clip_quote_kind_to_string      (ClipQuoteKind    kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipAttribution, clip_attribution_free)

G_END_DECLS
