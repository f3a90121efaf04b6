/* clip-attribution-data.h: the word lists and gazetteers that the
 * attribution engine and the entity suggestions read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "clip-entity.h"

G_BEGIN_DECLS

/* Read once and never changed afterwards, so any thread may use it. */
typedef struct _ClipAttributionData ClipAttributionData;

/* The word lists come from the bundled resource (the files in data/attribution);
 * the places from iso-codes' iso_3166-1.json and libgweather's
 * Locations.xml, read at run time from CLIP_GAZETTEER_ISO_CODES and
 * CLIP_GAZETTEER_LOCATIONS when set, else from /usr/share. A missing
 * gazetteer leaves the places out; it is not an error. */
const ClipAttributionData *clip_attribution_data_get_default (void);

/* The longest cue that starts at words[0] (lower case), as a number of
 * words, or 0 when none does. */
guint        clip_attribution_data_match_cue      (const ClipAttributionData *self,
                                                   const char * const        *words,
                                                   guint                      n_words);
gboolean     clip_attribution_data_is_title       (const ClipAttributionData *self,
                                                   const char                *lower);
gboolean     clip_attribution_data_is_org_word    (const ClipAttributionData *self,
                                                   const char                *lower);
gboolean     clip_attribution_data_is_stopword    (const ClipAttributionData *self,
                                                   const char                *lower);
/* Whether lower is a pronoun that can stand for a speaker; kind is set to
 * PERSON, ORGANISATION, or OTHER when it can stand for either. */
gboolean     clip_attribution_data_is_pronoun     (const ClipAttributionData *self,
                                                   const char                *lower,
                                                   ClipEntityKind            *kind);
/* The full name of a place written as name (case as written), or NULL. */
const char  *clip_attribution_data_lookup_place   (const ClipAttributionData *self,
                                                   const char                *name);
/* Whether a place's full name is a country's. */
gboolean     clip_attribution_data_is_country     (const ClipAttributionData *self,
                                                   const char                *full_name);

G_END_DECLS
