/* clip-tokenizer.h: words and punctuation of an article text, in code
 * points, for the attribution engine and the entity suggestions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CLIP_TOKEN_WORD,
  CLIP_TOKEN_NUMBER,
  CLIP_TOKEN_PUNCT,
} ClipTokenKind;

typedef enum {
  CLIP_TOKEN_CAPITALISED = 1 << 0,  /* first letter upper case */
  CLIP_TOKEN_ALL_CAPS    = 1 << 1,  /* two or more letters, all upper case */
  CLIP_TOKEN_PARA_BEFORE = 1 << 2,  /* a line break (or the text start) precedes */
  CLIP_TOKEN_SPACE_BEFORE = 1 << 3, /* white space precedes */
} ClipTokenFlags;

typedef struct {
  glong start;      /* code points */
  glong end;
  guint lower;      /* offset of the lower-case form in ClipTokens.lower */
  guint8 kind;      /* ClipTokenKind */
  guint8 flags;     /* ClipTokenFlags */
} ClipToken;

/* Immutable once built, so one ClipTokens can be read from any thread. */
typedef struct {
  gunichar *chars;  /* the text in code points */
  glong n_chars;
  GArray *tokens;   /* ClipToken */
  GString *lower;   /* NUL-separated lower-case forms */
} ClipTokens;

ClipTokens *clip_tokens_new          (const char *text);
void        clip_tokens_free         (ClipTokens *self);

static inline const ClipToken *
clip_tokens_get (const ClipTokens *self,
                 guint             i)
{
  return &g_array_index (self->tokens, ClipToken, i);
}

/* The lower-case form of token i (for punctuation, the character). */
static inline const char *
clip_tokens_lower (const ClipTokens *self,
                   guint             i)
{
  return self->lower->str + clip_tokens_get (self, i)->lower;
}

/* The text between two code-point offsets, as UTF-8. */
char       *clip_tokens_substring    (const ClipTokens *self,
                                      glong             start,
                                      glong             end);
/* The text of tokens first..last (inclusive), as written. */
char       *clip_tokens_span_text    (const ClipTokens *self,
                                      guint             first,
                                      guint             last);
/* The first token that ends after offset (binary search). */
guint       clip_tokens_find         (const ClipTokens *self,
                                      glong             offset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipTokens, clip_tokens_free)

G_END_DECLS
