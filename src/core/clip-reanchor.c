/* clip-reanchor.c: keep annotations on a text that changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clip-anchor.h"
#include "clip-reanchor.h"
#include "clip-text.h"

static gboolean
still_in_place (const char     *text,
                glong           length,
                ClipAnnotation *annotation)
{
  g_autofree char *covered = NULL;
  glong start = clip_annotation_get_start (annotation);
  glong end = clip_annotation_get_end (annotation);

  if (clip_annotation_get_orphaned (annotation) || end > length || end <= start)
    return FALSE;

  covered = clip_text_slice (text, start, end);
  return g_strcmp0 (covered, clip_annotation_get_exact (annotation)) == 0;
}

/* A quote that stands exactly once in the text is that passage, even when
 * its context changed around it (a paragraph moved, say). */
static gboolean
find_unique (const char      *text,
             const char      *exact,
             ClipAnchorMatch *match)
{
  const char *first;

  if (exact == NULL || exact[0] == '\0')
    return FALSE;

  first = strstr (text, exact);
  if (first == NULL || strstr (first + 1, exact) != NULL)
    return FALSE;

  match->start = g_utf8_pointer_to_offset (text, first);
  match->end = match->start + g_utf8_strlen (exact, -1);
  match->method = CLIP_ANCHOR_QUOTE;
  match->score = 1;
  return TRUE;
}

GPtrArray *
clip_reanchor (const char *text,
               GPtrArray  *annotations)
{
  g_autoptr(ClipAnchorText) anchor_text = NULL;
  GPtrArray *changed = g_ptr_array_new ();
  glong length;

  g_return_val_if_fail (text != NULL, changed);
  g_return_val_if_fail (annotations != NULL, changed);

  length = clip_text_length (text);
  for (guint i = 0; i < annotations->len; i++)
    {
      ClipAnnotation *annotation = g_ptr_array_index (annotations, i);
      ClipAnchorMatch match;

      if (still_in_place (text, length, annotation))
        continue;

      /* The text is prepared once, and only when something moved. */
      if (anchor_text == NULL)
        anchor_text = clip_anchor_text_new (text);

      if (clip_anchor_find (anchor_text, clip_annotation_get_exact (annotation),
                            clip_annotation_get_prefix (annotation),
                            clip_annotation_get_suffix (annotation),
                            clip_annotation_get_start (annotation),
                            clip_annotation_get_end (annotation), &match) ||
          find_unique (text, clip_annotation_get_exact (annotation), &match))
        {
          g_autofree char *exact = clip_text_slice (text, match.start, match.end);
          g_autofree char *prefix = clip_text_prefix (text, match.start, CLIP_TEXT_CONTEXT_LENGTH);
          g_autofree char *suffix = clip_text_suffix (text, match.end, CLIP_TEXT_CONTEXT_LENGTH);

          clip_annotation_set_position (annotation, match.start, match.end);
          clip_annotation_set_quote (annotation, exact, prefix, suffix);
          clip_annotation_set_orphaned (annotation, FALSE);
          g_ptr_array_add (changed, annotation);
        }
      else if (!clip_annotation_get_orphaned (annotation))
        {
          clip_annotation_set_orphaned (annotation, TRUE);
          g_ptr_array_add (changed, annotation);
        }
    }

  return changed;
}
