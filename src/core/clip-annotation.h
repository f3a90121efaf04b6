/* clip-annotation.h: a mark on an article's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  CLIP_ANNOTATION_HIGHLIGHT,
  CLIP_ANNOTATION_QUOTE,
  CLIP_ANNOTATION_ENTITY,
  CLIP_ANNOTATION_NOTE,
} ClipAnnotationKind;

#define CLIP_TYPE_ANNOTATION (clip_annotation_get_type ())

G_DECLARE_FINAL_TYPE (ClipAnnotation, clip_annotation, CLIP, ANNOTATION, GObject)

ClipAnnotation     *clip_annotation_new            (ClipAnnotationKind kind);

const char         *clip_annotation_kind_to_string (ClipAnnotationKind kind);
gboolean            clip_annotation_kind_from_string (const char         *str,
                                                      ClipAnnotationKind *kind);

gint64              clip_annotation_get_id         (ClipAnnotation *self);
void                clip_annotation_set_id         (ClipAnnotation *self,
                                                    gint64          id);
gint64              clip_annotation_get_article_id (ClipAnnotation *self);
void                clip_annotation_set_article_id (ClipAnnotation *self,
                                                    gint64          article_id);
ClipAnnotationKind  clip_annotation_get_kind       (ClipAnnotation *self);
/* 1 to 5 for highlights; 0 when the kind has no colour. */
guint               clip_annotation_get_color      (ClipAnnotation *self);
void                clip_annotation_set_color      (ClipAnnotation *self,
                                                    guint           color);
/* The W3C TextQuoteSelector. */
const char         *clip_annotation_get_exact      (ClipAnnotation *self);
const char         *clip_annotation_get_prefix     (ClipAnnotation *self);
const char         *clip_annotation_get_suffix     (ClipAnnotation *self);
void                clip_annotation_set_quote      (ClipAnnotation *self,
                                                    const char     *exact,
                                                    const char     *prefix,
                                                    const char     *suffix);
/* The W3C TextPositionSelector, in code points of the article text. */
glong               clip_annotation_get_start      (ClipAnnotation *self);
glong               clip_annotation_get_end        (ClipAnnotation *self);
void                clip_annotation_set_position   (ClipAnnotation *self,
                                                    glong           start,
                                                    glong           end);
const char         *clip_annotation_get_note       (ClipAnnotation *self);
void                clip_annotation_set_note       (ClipAnnotation *self,
                                                    const char     *note);
/* The entity an entity mention tags, and a quote's speaker; the names are
 * filled in when the annotation is read from the store. */
gint64              clip_annotation_get_entity_id  (ClipAnnotation *self);
void                clip_annotation_set_entity_id  (ClipAnnotation *self,
                                                    gint64          entity_id);
const char         *clip_annotation_get_entity_name (ClipAnnotation *self);
const char         *clip_annotation_get_entity_kind (ClipAnnotation *self);
void                clip_annotation_set_entity     (ClipAnnotation *self,
                                                    gint64          entity_id,
                                                    const char     *name,
                                                    const char     *kind);
gint64              clip_annotation_get_speaker_id (ClipAnnotation *self);
const char         *clip_annotation_get_speaker_name (ClipAnnotation *self);
void                clip_annotation_set_speaker    (ClipAnnotation *self,
                                                    gint64          speaker_id,
                                                    const char     *name);
/* "unverified" or "verified" for quotes, NULL otherwise. */
const char         *clip_annotation_get_quote_status (ClipAnnotation *self);
void                clip_annotation_set_quote_status (ClipAnnotation *self,
                                                      const char     *status);
/* TRUE when the quote is not found in the article's current text. */
gboolean            clip_annotation_get_orphaned   (ClipAnnotation *self);
void                clip_annotation_set_orphaned   (ClipAnnotation *self,
                                                    gboolean        orphaned);
const char * const *clip_annotation_get_tags       (ClipAnnotation *self);
void                clip_annotation_set_tags       (ClipAnnotation *self,
                                                    const char * const *tags);
const char         *clip_annotation_get_created_at (ClipAnnotation *self);
void                clip_annotation_set_created_at (ClipAnnotation *self,
                                                    const char     *created_at);

/* TRUE when both say the same: every stored field but the creation time. */
gboolean            clip_annotation_equal          (ClipAnnotation *a,
                                                    ClipAnnotation *b);
ClipAnnotation     *clip_annotation_copy           (ClipAnnotation *self);

/* Makes an annotation for text[start:end], with its quote and context
 * taken from the text; NULL when the range is not inside the text. */
ClipAnnotation     *clip_annotation_new_for_range  (ClipAnnotationKind kind,
                                                    const char        *text,
                                                    glong              start,
                                                    glong              end);

G_END_DECLS
