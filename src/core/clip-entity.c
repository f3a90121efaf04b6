/* clip-entity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

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

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* A match counts only where it does not cut a word in two. */
static gboolean
stands_alone (const char *text,
              const char *at,
              gsize       length)
{
  const char *after = at + length;

  if (at > text && is_word_char (g_utf8_get_char (g_utf8_prev_char (at))))
    return FALSE;
  if (*after != '\0' && is_word_char (g_utf8_get_char (after)))
    return FALSE;
  return TRUE;
}

static gboolean
overlaps (GArray *found,
          glong   start,
          glong   end)
{
  for (guint i = 0; i + 1 < found->len; i += 2)
    if (start < g_array_index (found, glong, i + 1) && end > g_array_index (found, glong, i))
      return TRUE;
  return FALSE;
}

static int
compare_by_length (gconstpointer a,
                   gconstpointer b)
{
  return (int)strlen (*(const char **)b) - (int)strlen (*(const char **)a);
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  glong x = *(const glong *)a, y = *(const glong *)b;

  return (x > y) - (x < y);
}

GArray *
clip_entity_find_mentions (ClipEntity *self,
                           const char *text)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (glong));
  g_autoptr(GArray) pairs = NULL;
  GArray *result;

  g_return_val_if_fail (CLIP_IS_ENTITY (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  g_ptr_array_add (names, self->name);
  for (guint i = 0; self->aliases[i] != NULL; i++)
    g_ptr_array_add (names, self->aliases[i]);
  g_ptr_array_sort (names, compare_by_length);

  for (guint n = 0; n < names->len; n++)
    {
      const char *name = g_ptr_array_index (names, n);
      gsize length = strlen (name);

      for (const char *p = length ? strstr (text, name) : NULL; p != NULL; p = strstr (p + 1, name))
        {
          glong start = g_utf8_pointer_to_offset (text, p);
          glong end = start + g_utf8_strlen (name, length);

          if (stands_alone (text, p, length) && !overlaps (found, start, end))
            {
              g_array_append_val (found, start);
              g_array_append_val (found, end);
            }
        }
    }

  /* Sort the (start, end) pairs by start. */
  pairs = g_array_sized_new (FALSE, FALSE, 2 * sizeof (glong), found->len / 2);
  g_array_append_vals (pairs, found->data, found->len / 2);
  g_array_sort (pairs, compare_pairs);
  result = g_array_sized_new (FALSE, FALSE, sizeof (glong), found->len);
  g_array_append_vals (result, pairs->data, pairs->len * 2);
  return result;
}
