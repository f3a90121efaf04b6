/* clip-entity-suggest.h: the people, organisations and places an article
 * names, each mention linked to its full name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "clip-entity.h"
#include "clip-tokenizer.h"

G_BEGIN_DECLS

typedef struct {
  glong start;           /* code points of the mention in the text */
  glong end;
  ClipEntityKind kind;
  char *text;            /* the mention as written ("Putin") */
  char *name;            /* the full name it stands for ("Vladimir Putin") */
  gboolean known;        /* one of the library's confirmed entities */
} ClipEntitySuggestion;

void        clip_entity_suggestion_free    (ClipEntitySuggestion *self);

/* The scan of one text. Not shared between threads; any number of scans
 * may run at once, each on its own thread. */
typedef struct _ClipEntityScan ClipEntityScan;

/* known holds the library's confirmed ClipEntity objects (may be NULL):
 * their names and aliases are found first, with their kind and name.
 * They are read during the call only. */
ClipEntityScan *clip_entity_scan_new       (const ClipTokens *tokens,
                                            GPtrArray        *known);
void        clip_entity_scan_free          (ClipEntityScan   *self);

/* ClipEntitySuggestion, in text order; owned by the scan. */
GPtrArray  *clip_entity_scan_get_mentions  (ClipEntityScan   *self);
/* The mention that covers token i, or NULL. */
const ClipEntitySuggestion *
            clip_entity_scan_mention_at    (ClipEntityScan   *self,
                                            guint             token);
/* Adds a mention of a person or organisation found otherwise (a speaker
 * the name rules missed) over tokens first..last, unless one is there;
 * returns the mention that covers them. */
const ClipEntitySuggestion *
            clip_entity_scan_add           (ClipEntityScan   *self,
                                            guint             first,
                                            guint             last,
                                            ClipEntityKind    kind);
/* A town's name that speaks ("Clinton said") is a person's: the mention
 * becomes a person unless it names a country or the library knows it. */
void        clip_entity_scan_make_speaker  (ClipEntityScan   *self,
                                            const ClipEntitySuggestion *mention);
/* The full name of the person whose last name is lower (a surname),
 * preferring the latest one named before offset. */
const char *clip_entity_scan_full_name     (ClipEntityScan   *self,
                                            const char       *lower,
                                            glong             offset);

/* The whole pass on a text: a new array of ClipEntitySuggestion. */
GPtrArray  *clip_entity_suggest            (const char       *text,
                                            GPtrArray        *known);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipEntityScan, clip_entity_scan_free)

G_END_DECLS
