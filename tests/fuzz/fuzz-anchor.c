/* fuzz-anchor.c: a text and a selector, any bytes, to the anchor engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: 16 bytes of old position (start, end: two little-endian 64-bit
 * numbers, stale or absurd as a hostile import may give them), then the
 * text, the exact quote, its prefix and its suffix separated by NUL
 * bytes. Invalid UTF-8 is made valid first, as every caller does.
 */
#include "config.h"

#include <string.h>

#include "clip-anchor.h"
#include "clip-text.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  return 0;
}

static gint64
read_int64 (const uint8_t *data)
{
  guint64 value = 0;

  for (int i = 7; i >= 0; i--)
    value = (value << 8) | data[i];
  return (gint64)value;
}

/* The next NUL-terminated field, as valid UTF-8. */
static char *
next_field (const uint8_t **data,
            size_t         *size)
{
  const uint8_t *end = memchr (*data, 0, *size);
  size_t length = end != NULL ? (size_t)(end - *data) : *size;
  char *field = g_utf8_make_valid ((const char *)*data, length);

  *data += length;
  *size -= length;
  if (*size > 0)
    {
      (*data)++;
      (*size)--;
    }
  return field;
}

static void
check_match (const char            *text,
             const char            *exact,
             gboolean               found,
             const ClipAnchorMatch *match)
{
  glong length = g_utf8_strlen (text, -1);
  g_autofree char *slice = NULL;

  if (!found)
    {
      FUZZ_CHECK (match->method == CLIP_ANCHOR_ORPHAN);
      FUZZ_CHECK (match->start == -1 && match->end == -1);
      return;
    }
  FUZZ_CHECK (match->method != CLIP_ANCHOR_ORPHAN);
  FUZZ_CHECK (0 <= match->start && match->start <= match->end && match->end <= length);
  FUZZ_CHECK (match->score >= 0.0 && match->score <= 1.0);
  FUZZ_CHECK (exact[0] != '\0');
  if (match->method == CLIP_ANCHOR_POSITION || match->method == CLIP_ANCHOR_QUOTE)
    {
      slice = clip_text_slice (text, match->start, match->end);
      FUZZ_CHECK (strcmp (slice, exact) == 0);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *exact = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  g_autoptr(ClipAnchorText) anchor_text = NULL;
  ClipAnchorMatch match;
  gint64 start, end;
  gboolean found;

  if (size < 16)
    return 0;
  start = read_int64 (data);
  end = read_int64 (data + 8);
  data += 16;
  size -= 16;
  text = next_field (&data, &size);
  exact = next_field (&data, &size);
  prefix = next_field (&data, &size);
  suffix = next_field (&data, &size);

  anchor_text = clip_anchor_text_new (text);
  FUZZ_CHECK (clip_anchor_text_get_length (anchor_text) == g_utf8_strlen (text, -1));
  found = clip_anchor_find (anchor_text, exact, prefix[0] ? prefix : NULL,
                            suffix[0] ? suffix : NULL, start, end, &match);
  check_match (text, exact, found, &match);
  return 0;
}
