/* clip-entity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "clip-entity.h"

struct _ClipEntity
{
  GObject parent_instance;

  gint64 id;
  char *name;
  ClipEntityKind kind;
  GStrv aliases;
};

G_DEFINE_FINAL_TYPE (ClipEntity, clip_entity, G_TYPE_OBJECT)

static const char * const kind_names[] = {
  [CLIP_ENTITY_PERSON] = "person",
  [CLIP_ENTITY_ORGANISATION] = "organisation",
  [CLIP_ENTITY_PLACE] = "place",
  [CLIP_ENTITY_OTHER] = "other",
};

static void
clip_entity_finalize (GObject *object)
{
  ClipEntity *self = (ClipEntity *)object;

  g_free (self->name);
  g_strfreev (self->aliases);

  G_OBJECT_CLASS (clip_entity_parent_class)->finalize (object);
}

static void
clip_entity_class_init (ClipEntityClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = clip_entity_finalize;
}

static void
clip_entity_init (ClipEntity *self)
{
  self->aliases = g_new0 (char *, 1);
}

ClipEntity *
clip_entity_new (const char     *name,
                 ClipEntityKind  kind)
{
  ClipEntity *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (kind <= CLIP_ENTITY_OTHER, NULL);

  self = g_object_new (CLIP_TYPE_ENTITY, NULL);
  self->name = g_strdup (name);
  self->kind = kind;
  return self;
}

const char *
clip_entity_kind_to_string (ClipEntityKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
clip_entity_kind_from_string (const char     *str,
                              ClipEntityKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_strcmp0 (str, kind_names[i]) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }

  /* The American spelling is accepted on input. */
  if (g_strcmp0 (str, "organization") == 0)
    {
      *kind = CLIP_ENTITY_ORGANISATION;
      return TRUE;
    }

  return FALSE;
}

gint64
clip_entity_get_id (ClipEntity *self)
{
  g_return_val_if_fail (CLIP_IS_ENTITY (self), 0);
  return self->id;
}

void
clip_entity_set_id (ClipEntity *self,
                    gint64      id)
{
  g_return_if_fail (CLIP_IS_ENTITY (self));
  self->id = id;
}

const char *
clip_entity_get_name (ClipEntity *self)
{
  g_return_val_if_fail (CLIP_IS_ENTITY (self), NULL);
  return self->name;
}

ClipEntityKind
clip_entity_get_kind (ClipEntity *self)
{
  g_return_val_if_fail (CLIP_IS_ENTITY (self), 0);
  return self->kind;
}

const char * const *
clip_entity_get_aliases (ClipEntity *self)
{
  g_return_val_if_fail (CLIP_IS_ENTITY (self), NULL);
  return (const char * const *)self->aliases;
}

void
clip_entity_set_aliases (ClipEntity         *self,
                         const char * const *aliases)
{
  g_return_if_fail (CLIP_IS_ENTITY (self));

  g_strfreev (self->aliases);
  self->aliases = aliases != NULL ? g_strdupv ((char **)aliases) : g_new0 (char *, 1);
}
