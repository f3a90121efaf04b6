/* clip-tokenizer.c: words and punctuation of an article text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "clip-tokenizer.h"

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

/* Apostrophes, hyphens and dots between two letters or digits stay
 * inside a word: don't, O'Neill, well-known, U.S, 3.5. */
static gboolean
joins_word (const gunichar *chars,
            glong           n_chars,
            glong           i)
{
  gunichar c = chars[i];

  if (i + 1 >= n_chars || !g_unichar_isalnum (chars[i + 1]))
    return FALSE;
  return is_apostrophe (c) || c == '-' || c == 0x2010 || c == '.';
}

static void
add_token (ClipTokens *self,
           glong       start,
           glong       end,
           guint8      kind,
           guint8      flags)
{
  ClipToken token = { start, end, self->lower->len, kind, flags };
  gboolean upper = g_unichar_isupper (self->chars[start]);
  guint n_upper = 0, n_alpha = 0;

  for (glong i = start; i < end; i++)
    {
      if (g_unichar_isalpha (self->chars[i]))
        n_alpha++;
      if (g_unichar_isupper (self->chars[i]))
        n_upper++;
      /* Per character is enough here: the word lists are in lower case
       * and none holds a letter whose lower case is longer. */
      g_string_append_unichar (self->lower, g_unichar_tolower (self->chars[i]));
    }
  if (kind == CLIP_TOKEN_WORD && upper)
    token.flags |= CLIP_TOKEN_CAPITALISED;
  if (kind == CLIP_TOKEN_WORD && n_alpha >= 2 && n_upper == n_alpha)
    token.flags |= CLIP_TOKEN_ALL_CAPS;

  g_string_append_c (self->lower, '\0');
  g_array_append_val (self->tokens, token);
}

static glong
word_end (const gunichar *chars,
          glong           n_chars,
          glong           i,
          gboolean       *numeric)
{
  *numeric = TRUE;
  while (i < n_chars)
    {
      if (g_unichar_isalnum (chars[i]) || g_unichar_ismark (chars[i]))
        {
          if (!g_unichar_isdigit (chars[i]))
            *numeric = FALSE;
          i++;
        }
      else if (joins_word (chars, n_chars, i))
        i++;
      else
        break;
    }
  return i;
}

ClipTokens *
clip_tokens_new (const char *text)
{
  ClipTokens *self;
  guint newlines = 2;
  gboolean space = TRUE;

  g_return_val_if_fail (text != NULL, NULL);

  self = g_new0 (ClipTokens, 1);
  self->chars = g_utf8_to_ucs4_fast (text, -1, &self->n_chars);
  self->tokens = g_array_sized_new (FALSE, FALSE, sizeof (ClipToken), self->n_chars / 5 + 1);
  self->lower = g_string_sized_new (self->n_chars + 16);

  for (glong i = 0; i < self->n_chars;)
    {
      gunichar c = self->chars[i];
      guint8 flags = (newlines >= 1 ? CLIP_TOKEN_PARA_BEFORE : 0) | (space ? CLIP_TOKEN_SPACE_BEFORE : 0);

      if (g_unichar_isspace (c))
        {
          newlines += c == '\n';
          space = TRUE;
          i++;
          continue;
        }
      newlines = 0;
      space = FALSE;
      if (g_unichar_isalnum (c))
        {
          gboolean numeric;
          glong end = word_end (self->chars, self->n_chars, i, &numeric);

          add_token (self, i, end, numeric ? CLIP_TOKEN_NUMBER : CLIP_TOKEN_WORD, flags);
          i = end;
        }
      else
        {
          add_token (self, i, i + 1, CLIP_TOKEN_PUNCT, flags);
          i++;
        }
    }

  return self;
}

void
clip_tokens_free (ClipTokens *self)
{
  if (self == NULL)
    return;
  g_free (self->chars);
  g_array_unref (self->tokens);
  g_string_free (self->lower, TRUE);
  g_free (self);
}

char *
clip_tokens_substring (const ClipTokens *self,
                       glong             start,
                       glong             end)
{
  g_return_val_if_fail (start >= 0 && start <= end && end <= self->n_chars, NULL);

  return g_ucs4_to_utf8 (self->chars + start, end - start, NULL, NULL, NULL);
}

char *
clip_tokens_span_text (const ClipTokens *self,
                       guint             first,
                       guint             last)
{
  return clip_tokens_substring (self, clip_tokens_get (self, first)->start,
                                clip_tokens_get (self, last)->end);
}

guint
clip_tokens_find (const ClipTokens *self,
                  glong             offset)
{
  guint lo = 0, hi = self->tokens->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (clip_tokens_get (self, mid)->end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}
