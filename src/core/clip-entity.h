/* clip-entity.h: a person, organisation, place or other named thing,
 * shared across the whole library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  CLIP_ENTITY_PERSON,
  CLIP_ENTITY_ORGANISATION,
  CLIP_ENTITY_PLACE,
  CLIP_ENTITY_OTHER,
} ClipEntityKind;

#define CLIP_TYPE_ENTITY (clip_entity_get_type ())

G_DECLARE_FINAL_TYPE (ClipEntity, clip_entity, CLIP, ENTITY, GObject)

ClipEntity     *clip_entity_new                (const char     *name,
                                                ClipEntityKind  kind);
const char     *clip_entity_kind_to_string     (ClipEntityKind  kind);
gboolean        clip_entity_kind_from_string   (const char     *str,
                                                ClipEntityKind *kind);

gint64          clip_entity_get_id             (ClipEntity     *self);
void            clip_entity_set_id             (ClipEntity     *self,
                                                gint64          id);
const char     *clip_entity_get_name           (ClipEntity     *self);
ClipEntityKind  clip_entity_get_kind           (ClipEntity     *self);
/* Other names it goes by ("Putin" for "Vladimir Putin"). */
const char * const *clip_entity_get_aliases    (ClipEntity     *self);
void            clip_entity_set_aliases        (ClipEntity     *self,
                                                const char * const *aliases);

/* Where the entity's name or any alias stands in text as whole words, as
 * pairs of code-point offsets (start, end) in an array of glong, in text
 * order and without overlaps (longer names win). */
GArray         *clip_entity_find_mentions      (ClipEntity     *self,
                                                const char     *text);

G_END_DECLS
