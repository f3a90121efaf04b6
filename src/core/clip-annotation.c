/* clip-annotation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "clip-annotation.h"
#include "clip-text.h"

struct _ClipAnnotation
{
  GObject parent_instance;

  gint64 id;
  gint64 article_id;
  ClipAnnotationKind kind;
  guint color;
  char *exact;
  char *prefix;
  char *suffix;
  glong start;
  glong end;
  char *note;
  char *created_at;
  gint64 entity_id;
  char *entity_name;
  char *entity_kind;
  gint64 speaker_id;
  char *speaker_name;
  char *quote_status;
  gboolean orphaned;
  GStrv tags;
};

G_DEFINE_FINAL_TYPE (ClipAnnotation, clip_annotation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_names[] = {
  [CLIP_ANNOTATION_HIGHLIGHT] = "highlight",
  [CLIP_ANNOTATION_QUOTE] = "quote",
  [CLIP_ANNOTATION_ENTITY] = "entity",
  [CLIP_ANNOTATION_NOTE] = "note",
};

static void
clip_annotation_finalize (GObject *object)
{
  ClipAnnotation *self = (ClipAnnotation *)object;

  g_free (self->exact);
  g_free (self->prefix);
  g_free (self->suffix);
  g_free (self->note);
  g_free (self->created_at);
  g_free (self->entity_name);
  g_free (self->entity_kind);
  g_free (self->speaker_name);
  g_free (self->quote_status);
  g_strfreev (self->tags);

  G_OBJECT_CLASS (clip_annotation_parent_class)->finalize (object);
}

static void
clip_annotation_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ClipAnnotation *self = CLIP_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clip_annotation_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ClipAnnotation *self = CLIP_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_NOTE:
      clip_annotation_set_note (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clip_annotation_class_init (ClipAnnotationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clip_annotation_finalize;
  object_class->get_property = clip_annotation_get_property;
  object_class->set_property = clip_annotation_set_property;

  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clip_annotation_init (ClipAnnotation *self)
{
  self->tags = g_new0 (char *, 1);
}

ClipAnnotation *
clip_annotation_new (ClipAnnotationKind kind)
{
  ClipAnnotation *self;

  g_return_val_if_fail (kind <= CLIP_ANNOTATION_NOTE, NULL);

  self = g_object_new (CLIP_TYPE_ANNOTATION, NULL);
  self->kind = kind;
  self->color = kind == CLIP_ANNOTATION_HIGHLIGHT ? 1 : 0;
  return self;
}

ClipAnnotation *
clip_annotation_new_for_range (ClipAnnotationKind  kind,
                               const char         *text,
                               glong               start,
                               glong               end)
{
  g_autoptr(ClipAnnotation) self = NULL;
  g_autofree char *exact = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (start < 0 || end <= start || end > clip_text_length (text))
    return NULL;

  exact = clip_text_slice (text, start, end);
  prefix = clip_text_prefix (text, start, CLIP_TEXT_CONTEXT_LENGTH);
  suffix = clip_text_suffix (text, end, CLIP_TEXT_CONTEXT_LENGTH);

  self = clip_annotation_new (kind);
  clip_annotation_set_quote (self, exact, prefix, suffix);
  clip_annotation_set_position (self, start, end);
  return g_steal_pointer (&self);
}

const char *
clip_annotation_kind_to_string (ClipAnnotationKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
clip_annotation_kind_from_string (const char         *str,
                                  ClipAnnotationKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_strcmp0 (str, kind_names[i]) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

gint64
clip_annotation_get_id (ClipAnnotation *self)
{
  g_return_val_if_fail (CLIP_IS_ANNOTATION (self), 0);
  return self->id;
}

void
clip_annotation_set_id (ClipAnnotation *self,
                        gint64          id)
{
  g_return_if_fail (CLIP_IS_ANNOTATION (self));
  self->id = id;
}

gint64
clip_annotation_get_article_id (ClipAnnotation *self)
{
  g_return_val_if_fail (CLIP_IS_ANNOTATION (self), 0);
  return self->article_id;
}

void
clip_annotation_set_article_id (ClipAnnotation *self,
                                gint64          article_id)
{
  g_return_if_fail (CLIP_IS_ANNOTATION (self));
  self->article_id = article_id;
}

ClipAnnotationKind
clip_annotation_get_kind (ClipAnnotation *self)
{
  g_return_val_if_fail (CLIP_IS_ANNOTATION (self), 0);
  return self->kind;
}

guint
clip_annotation_get_color (ClipAnnotation *self)
{
  g_return_val_if_fail (CLIP_IS_ANNOTATION (self), 0);
  return self->color;
}

void
clip_annotation_set_color (ClipAnnotation *self,
                           guint           color)
{
  g_return_if_fail (CLIP_IS_ANNOTATION (self));
  g_return_if_fail (color <= 5);
  self->color = color;
}

const char *
clip_annotation_get_exact (ClipAnnotation *self)
{
  g_return_val_if_fail (CLIP_IS_ANNOTATION (self), NULL);
  return self->exact ? self->exact : "";
}

const char *
clip_annotation_get_prefix (ClipAnnotation *self)
{
  g_return_val_if_fail (CLIP_IS_ANNOTATION (self), NULL);
  return self->prefix ? self->prefix : "";
}

const char *
clip_annotation_get_suffix (ClipAnnotation *self)
{
  g_return_val_if_fail (CLIP_IS_ANNOTATION (self), NULL);
  return self->suffix ? self->suffix : "";
}

void
clip_annotation_set_quote (ClipAnnotation *self,
                           const char     *exact,
                           const char     *prefix,
                           const char     *suffix)
{
  g_return_if_fail (CLIP_IS_ANNOTATION (self));

  g_free (self->exact);
  self->exact = g_strdup (exact);
  g_free (self->prefix);
  self->prefix = g_strdup (prefix);
  g_free (self->suffix);
  self->suffix = g_strdup (suffix);
}

glong
clip_annotation_get_start (ClipAnnotation *self)
{
  g_return_val_if_fail (CLIP_IS_ANNOTATION (self), 0);
  return self->start;
}

glong
clip_annotation_get_end (ClipAnnotation *self)
{
  g_return_val_if_fail (CLIP_IS_ANNOTATION (self), 0);
  return self->end;
}

void
clip_annotation_set_position (ClipAnnotation *self,
                              glong           start,
                              glong           end)
{
  g_return_if_fail (CLIP_IS_ANNOTATION (self));
  g_return_if_fail (start >= 0 && start <= end);

  self->start = start;
  self->end = end;
}

const char *
clip_annotation_get_note (ClipAnnotation *self)
{
  g_return_val_if_fail (CLIP_IS_ANNOTATION (self), NULL);
  return self->note;
}

void
clip_annotation_set_note (ClipAnnotation *self,
                          const char     *note)
{
  g_return_if_fail (CLIP_IS_ANNOTATION (self));

  if (g_strcmp0 (self->note, note) == 0)
    return;

  g_free (self->note);
  self->note = g_strdup (note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

const char *
clip_annotation_get_created_at (ClipAnnotation *self)
{
  g_return_val_if_fail (CLIP_IS_ANNOTATION (self), NULL);
  return self->created_at;
}

void
clip_annotation_set_created_at (ClipAnnotation *self,
                                const char     *created_at)
{
  g_return_if_fail (CLIP_IS_ANNOTATION (self));

  g_free (self->created_at);
  self->created_at = g_strdup (created_at);
}

gint64
clip_annotation_get_entity_id (ClipAnnotation *self)
{
  g_return_val_if_fail (CLIP_IS_ANNOTATION (self), 0);
  return self->entity_id;
}

void
clip_annotation_set_entity_id (ClipAnnotation *self,
                               gint64          entity_id)
{
  g_return_if_fail (CLIP_IS_ANNOTATION (self));
  self->entity_id = entity_id;
}

const char *
clip_annotation_get_entity_name (ClipAnnotation *self)
{
  g_return_val_if_fail (CLIP_IS_ANNOTATION (self), NULL);
  return self->entity_name;
}

const char *
clip_annotation_get_entity_kind (ClipAnnotation *self)
{
  g_return_val_if_fail (CLIP_IS_ANNOTATION (self), NULL);
  return self->entity_kind;
}

void
clip_annotation_set_entity (ClipAnnotation *self,
                            gint64          entity_id,
                            const char     *name,
                            const char     *kind)
{
  g_return_if_fail (CLIP_IS_ANNOTATION (self));

  self->entity_id = entity_id;
  g_free (self->entity_name);
  self->entity_name = g_strdup (name);
  g_free (self->entity_kind);
  self->entity_kind = g_strdup (kind);
}

gint64
clip_annotation_get_speaker_id (ClipAnnotation *self)
{
  g_return_val_if_fail (CLIP_IS_ANNOTATION (self), 0);
  return self->speaker_id;
}

const char *
clip_annotation_get_speaker_name (ClipAnnotation *self)
{
  g_return_val_if_fail (CLIP_IS_ANNOTATION (self), NULL);
  return self->speaker_name;
}

void
clip_annotation_set_speaker (ClipAnnotation *self,
                             gint64          speaker_id,
                             const char     *name)
{
  g_return_if_fail (CLIP_IS_ANNOTATION (self));

  self->speaker_id = speaker_id;
  g_free (self->speaker_name);
  self->speaker_name = g_strdup (name);
}

const char *
clip_annotation_get_quote_status (ClipAnnotation *self)
{
  g_return_val_if_fail (CLIP_IS_ANNOTATION (self), NULL);
  return self->quote_status;
}

void
clip_annotation_set_quote_status (ClipAnnotation *self,
                                  const char     *status)
{
  g_return_if_fail (CLIP_IS_ANNOTATION (self));
  g_return_if_fail (status == NULL || g_str_equal (status, "unverified") ||
                    g_str_equal (status, "verified"));

  g_free (self->quote_status);
  self->quote_status = g_strdup (status);
}

gboolean
clip_annotation_get_orphaned (ClipAnnotation *self)
{
  g_return_val_if_fail (CLIP_IS_ANNOTATION (self), FALSE);
  return self->orphaned;
}

void
clip_annotation_set_orphaned (ClipAnnotation *self,
                              gboolean        orphaned)
{
  g_return_if_fail (CLIP_IS_ANNOTATION (self));
  self->orphaned = !!orphaned;
}

const char * const *
clip_annotation_get_tags (ClipAnnotation *self)
{
  g_return_val_if_fail (CLIP_IS_ANNOTATION (self), NULL);
  return (const char * const *)self->tags;
}

void
clip_annotation_set_tags (ClipAnnotation     *self,
                          const char * const *tags)
{
  g_return_if_fail (CLIP_IS_ANNOTATION (self));

  g_strfreev (self->tags);
  self->tags = tags != NULL ? g_strdupv ((char **)tags) : g_new0 (char *, 1);
}

gboolean
clip_annotation_equal (ClipAnnotation *a,
                       ClipAnnotation *b)
{
  g_return_val_if_fail (CLIP_IS_ANNOTATION (a), FALSE);
  g_return_val_if_fail (CLIP_IS_ANNOTATION (b), FALSE);

  return a->id == b->id && a->article_id == b->article_id && a->kind == b->kind &&
         a->color == b->color && a->start == b->start && a->end == b->end &&
         g_strcmp0 (a->exact, b->exact) == 0 && g_strcmp0 (a->prefix, b->prefix) == 0 &&
         g_strcmp0 (a->suffix, b->suffix) == 0 && g_strcmp0 (a->note, b->note) == 0 &&
         a->entity_id == b->entity_id && a->speaker_id == b->speaker_id &&
         g_strcmp0 (a->quote_status, b->quote_status) == 0 && a->orphaned == b->orphaned &&
         g_strv_equal ((const char * const *)a->tags, (const char * const *)b->tags);
}

ClipAnnotation *
clip_annotation_copy (ClipAnnotation *self)
{
  ClipAnnotation *copy;

  g_return_val_if_fail (CLIP_IS_ANNOTATION (self), NULL);

  copy = clip_annotation_new (self->kind);
  copy->id = self->id;
  copy->article_id = self->article_id;
  copy->color = self->color;
  clip_annotation_set_quote (copy, self->exact, self->prefix, self->suffix);
  copy->start = self->start;
  copy->end = self->end;
  copy->note = g_strdup (self->note);
  copy->created_at = g_strdup (self->created_at);
  clip_annotation_set_entity (copy, self->entity_id, self->entity_name, self->entity_kind);
  clip_annotation_set_speaker (copy, self->speaker_id, self->speaker_name);
  copy->quote_status = g_strdup (self->quote_status);
  copy->orphaned = self->orphaned;
  clip_annotation_set_tags (copy, (const char * const *)self->tags);
  return copy;
}
