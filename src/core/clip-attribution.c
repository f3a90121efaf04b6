/* clip-attribution.c: quotes, their cues and speakers
 *
 * Quotation marks are paired paragraph by paragraph; a quote left open at
 * the end of a paragraph goes on when the next paragraph opens with the
 * same mark, as newspapers run long quotes. A cue is looked for after
 * the quote first ("...," Kerry said), then before it (Kerry said: "...").
 * A quote that stands inside reported speech ("Kerry said the talks were
 * "useful" and long") gives the whole reported clause, as people mark it.
 * The speaker is the noun phrase next to the cue; a pronoun or a
 * description stands for the latest named speaker of a fitting kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clip-attribution.h"
#include "clip-attribution-data.h"
#include "clip-tokenizer.h"

/* How far a closing mark is looked for within one paragraph, so that
 * stray opening marks cannot make a long text quadratic. */
#define MAX_QUOTE_CHARS 6000
#define MAX_QUOTE_PARAGRAPHS 40
/* Tokens between a quote and its cue. */
#define CUE_AFTER_WINDOW 20
#define CUE_BEFORE_WINDOW 40
#define MAX_NP_TOKENS 8
/* A quote with fewer words and no cue is a scare quote, not speech. */
#define MIN_UNCUED_WORDS 4
/* Two apostrophes ('') make one double mark, as some papers write it;
 * the first is read as this, the second as '"'. */
#define QUOTE_FILLER 0x200B

typedef struct {
  glong start;           /* the opening mark */
  glong end;             /* after the closing mark */
  guint first;           /* tokens */
  guint last;
  guint n_words;
} Quote;

typedef struct {
  guint first;
  guint last;
} Range;

typedef struct {
  glong offset;
  const char *name;
  ClipEntityKind kind;
} NamedSpeaker;

typedef struct {
  const ClipTokens *tokens;
  const ClipAttributionData *data;
  ClipEntityScan *scan;
  GArray *quotes;          /* Quote */
  gint *quote_of;          /* per token: index in quotes, or -1 */
  guint *sentence_of;      /* per token */
  GArray *speakers;        /* NamedSpeaker, in text order */
  GPtrArray *persons;      /* ClipEntitySuggestion of people, in text order */
  GPtrArray *results;      /* ClipQuoteSuggestion */
  GHashTable *emitted;     /* "start:end" of results */
} Engine;

/* Words that may stand between a speaker and the cue ("he also said",
 * "Kerry has repeatedly warned"). */
static const char * const cue_fillers[] = {
  "also", "has", "have", "had", "was", "is", "later", "then", "again", "further",
  "previously", "recently", "once", "repeatedly", "publicly", "privately", "reportedly",
  "flatly", "simply", "just", "even", "quickly", "often", "would", "will", "did", "does",
  "hat", "habe", "a", NULL
};
static const char * const determiners[] = {
  "the", "a", "an", "another", "his", "her", "their", "its", "one", "some", "many",
  "several", "two", "three", "this", "that", "these", "those", "our", "my", "your", "le", "la", "les",
  "un", "une", "der", "die", "das", "ein", "eine", NULL
};
static const char * const complementisers[] = { "that", "que", "qu", "dass", NULL };
static const char * const abbreviations[] = {
  "u.s", "u.k", "u.n", "jr", "sr", "st", "no", "vs", "inc", "corp", "co", "ltd", "etc", NULL
};

void
clip_quote_suggestion_free (ClipQuoteSuggestion *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_free (self->cue_text);
  g_free (self->speaker_text);
  g_free (self->speaker_name);
  g_free (self);
}

const char *
clip_quote_kind_to_string (ClipQuoteKind kind)
{
  return kind == CLIP_QUOTE_INDIRECT ? "indirect" : "direct";
}

static const ClipToken *
tok (Engine *self,
     guint   i)
{
  return clip_tokens_get (self->tokens, i);
}

static const char *
low (Engine *self,
     guint   i)
{
  return clip_tokens_lower (self->tokens, i);
}

static guint
n_tokens (Engine *self)
{
  return self->tokens->tokens->len;
}

static gboolean
is_word (Engine *self,
         guint   i)
{
  return tok (self, i)->kind != CLIP_TOKEN_PUNCT;
}

static gboolean
is_cap (Engine *self,
        guint   i)
{
  return tok (self, i)->kind == CLIP_TOKEN_WORD &&
         (tok (self, i)->flags & (CLIP_TOKEN_CAPITALISED | CLIP_TOKEN_ALL_CAPS)) != 0;
}

static gboolean
is_one_of (Engine             *self,
           guint               i,
           const char * const *list)
{
  return g_strv_contains (list, low (self, i));
}

/* Quotation marks. */

static gboolean
is_quote_char (gunichar c)
{
  return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x00AB || c == 0x00BB ||
         c == 0x300C || c == 0x300D || c == 0x300E || c == 0x300F || c == 0x2018 || c == 0x2019 ||
         c == '\'' || c == 0x2039 || c == 0x203A;
}

static gboolean
is_single (gunichar c)
{
  return c == 0x2018 || c == 0x2019 || c == '\'' || c == 0x2039 || c == 0x203A;
}

static gboolean
opens_after (gunichar before)
{
  return g_unichar_isspace (before) || before == QUOTE_FILLER || before == '(' || before == '[' || before == 0x2014 ||
         before == 0x2013 || before == '-' || before == '/' || before == ':' ||
         before == 0x201C || before == '"' || before == 0x00AB || before == 0x201E;
}

/* Whether chars[i] can open a quote: it is an opening mark, or a neutral
 * one after a space and before a word. An apostrophe that elides ("'90s",
 * "'n'") opens nothing. */
static gboolean
can_open (const gunichar *chars,
          glong           i,
          glong           end)
{
  gunichar c = chars[i];
  gunichar before = i > 0 ? chars[i - 1] : ' ';
  gunichar after = i + 1 < end ? chars[i + 1] : ' ';

  if (i + 1 >= end || (g_unichar_isspace (after) && c != 0x00AB))
    return FALSE;
  /* Some sites open with the closing mark: "”Mr. Trump embodies". */
  if (c == 0x201D)
    return (i == 0 || before == '\n') && g_unichar_isalnum (after);
  if (c == 0x201C || c == 0x201E || c == 0x00AB || c == 0x300C || c == 0x300E || c == 0x2039)
    return TRUE;
  if (c != '"' && c != '\'' && c != 0x2018 && c != 0x00BB)
    return FALSE;
  if (!opens_after (before) && i > 0)
    return FALSE;
  if (c != '"' && c != 0x00BB && g_unichar_isdigit (after))
    return FALSE;
  return TRUE;
}

static gboolean
closes (const gunichar *chars,
        glong           i,
        glong           end,
        gunichar        open)
{
  gunichar c = chars[i];
  gunichar before = chars[i - 1];
  gunichar after = i + 1 < end ? chars[i + 1] : ' ';

  switch (open)
    {
    case 0x201C:
      return c == 0x201D || (c == 0x201C && !g_unichar_isalnum (after) && !g_unichar_isspace (before));
    case 0x201E:
      return c == 0x201C || c == 0x201D;
    case 0x00AB:
      return c == 0x00BB;
    case 0x00BB:
      return c == 0x00AB;
    case 0x300C:
      return c == 0x300D;
    case 0x300E:
      return c == 0x300F;
    case 0x2039:
      return c == 0x203A;
    case 0x201D:
      return c == 0x201D || c == 0x201C;
    case '"':
      return (c == '"' || c == 0x201D) && !g_unichar_isspace (before);
    default:
      /* Single marks: a closing one ends a word and is not followed by a
       * letter, which would make it an apostrophe (don't, O'Neill). */
      return (c == 0x2019 || c == '\'') && !g_unichar_isspace (before) && !g_unichar_isalnum (after);
    }
}

static gboolean
is_paragraph_break (const gunichar *chars,
                    glong           i)
{
  return chars[i] == '\n';
}

/* The end of the paragraph at i, looked for no further than a quote may
 * run, so that no search is longer than that. */
static glong
paragraph_end (const gunichar *chars,
               glong           n,
               glong           i)
{
  glong limit = MIN (n, i + MAX_QUOTE_CHARS + 1);

  while (i < limit && !is_paragraph_break (chars, i))
    i++;
  return i;
}

/* The first character of the next paragraph after the break at i. */
static glong
next_paragraph (const gunichar *chars,
                glong           n,
                glong           i)
{
  while (i < n && g_unichar_isspace (chars[i]))
    i++;
  return i;
}

/* Looks for the mark that closes the one at from within its paragraph;
 * returns the offset after it, or -1. Double marks skip the single
 * quotes nested in them. */
static glong
find_close_in_paragraph (const gunichar *chars,
                         glong           n,
                         glong           from,
                         gunichar        open,
                         glong          *paragraph_end_out)
{
  glong end = paragraph_end (chars, n, from);
  glong limit = MIN (end, from + MAX_QUOTE_CHARS);

  *paragraph_end_out = limit == end ? end : -1;
  for (glong i = from + 1; i < limit; i++)
    {
      if (!is_quote_char (chars[i]))
        continue;
      if (closes (chars, i, end, open))
        return i + 1;
      if (!is_single (open) && is_single (chars[i]) && can_open (chars, i, end))
        {
          glong inner_end;
          glong inner = find_close_in_paragraph (chars, n, i, chars[i], &inner_end);

          if (inner > 0 && inner <= limit)
            i = inner - 1;
        }
    }
  return -1;
}

/* The close of the mark at open_at. A quote open at the end of its
 * paragraph goes on when the next one opens with the same mark, for a
 * bounded number of paragraphs. */
static glong
find_close (const gunichar *chars,
            glong           n,
            glong           open_at,
            gboolean        at_paragraph_start)
{
  gunichar open = chars[open_at];
  glong from = open_at;

  for (guint k = 0; k < MAX_QUOTE_PARAGRAPHS; k++)
    {
      glong end;
      glong close = find_close_in_paragraph (chars, n, from, open, &end);
      glong next;

      if (close > 0)
        return close;
      if (end < 0 || !at_paragraph_start || is_single (open))
        return -1;
      next = next_paragraph (chars, n, end);
      if (next >= n || chars[next] != open)
        return -1;
      from = next;
    }
  return -1;
}

static guint
count_words (Engine *self,
             guint   first,
             guint   last)
{
  guint n = 0;

  for (guint i = first; i <= last && i < n_tokens (self); i++)
    n += tok (self, i)->kind == CLIP_TOKEN_WORD;
  return n;
}

static void
add_quote (Engine *self,
           glong   start,
           glong   end)
{
  Quote quote = { start, end, 0, 0, 0 };

  quote.first = clip_tokens_find (self->tokens, start);
  quote.last = clip_tokens_find (self->tokens, end - 1);
  quote.n_words = count_words (self, quote.first, quote.last);
  /* "'n'" and "' '" are not quotes. */
  if (quote.n_words == 0 ||
      (is_single (self->tokens->chars[start]) && self->tokens->chars[start + 1] != '\'' && end - start < 5))
    return;
  for (guint i = quote.first; i <= quote.last; i++)
    self->quote_of[i] = self->quotes->len;
  g_array_append_val (self->quotes, quote);
}

static gunichar *
normalise_marks (const gunichar *chars,
                 glong           n)
{
  gunichar *copy = g_memdup2 (chars, sizeof (gunichar) * (n + 1));

  for (glong i = 0; i + 1 < n; i++)
    if (chars[i] == '\'' && chars[i + 1] == '\'')
      {
        copy[i] = QUOTE_FILLER;
        copy[i + 1] = '"';
        i++;
      }
  return copy;
}

static void
find_quotes (Engine *self)
{
  g_autofree gunichar *chars = normalise_marks (self->tokens->chars, self->tokens->n_chars);
  glong n = self->tokens->n_chars;
  glong paragraph = 0;
  glong end = -1;

  for (glong i = 0; i < n; i++)
    {
      glong close;

      if (is_paragraph_break (chars, i))
        {
          paragraph = i + 1;
          continue;
        }
      if (!is_quote_char (chars[i]))
        continue;
      if (end < i)
        end = paragraph_end (chars, n, i);
      if (!can_open (chars, i, end))
        continue;
      close = find_close (chars, n, i, next_paragraph (chars, n, paragraph) == i);
      if (close > 0)
        {
          add_quote (self, i > 0 && chars[i - 1] == QUOTE_FILLER ? i - 1 : i, close);
          i = close - 1;
        }
    }
}

/* Sentences: a full stop, question or exclamation mark outside quotes,
 * then a capital or an opening mark; a quote ending in one and followed
 * by a capital; a paragraph. */

static gboolean
is_abbreviation (Engine *self,
                 guint   i)
{
  const ClipToken *t = tok (self, i);

  if (t->kind != CLIP_TOKEN_WORD)
    return FALSE;
  return (t->end - t->start == 1 && is_cap (self, i)) || is_one_of (self, i, abbreviations) ||
         clip_attribution_data_is_title (self->data, low (self, i));
}

static gboolean
starts_sentence (Engine *self,
                 guint   i)
{
  gunichar c = self->tokens->chars[tok (self, i)->start];

  return is_cap (self, i) || tok (self, i)->kind == CLIP_TOKEN_NUMBER || is_quote_char (c) ||
         c == '(' || !g_unichar_isalpha (c);
}

static gboolean
ends_sentence (Engine *self,
               guint   i)
{
  gunichar c = self->tokens->chars[tok (self, i)->start];
  gint q = self->quote_of[i];

  if (i + 1 >= n_tokens (self) || !starts_sentence (self, i + 1) || !(tok (self, i + 1)->flags & CLIP_TOKEN_SPACE_BEFORE))
    return FALSE;
  if (q >= 0)
    {
      const Quote *quote = &g_array_index (self->quotes, Quote, q);
      gunichar before;

      glong k = tok (self, i)->start;

      if (i != quote->last || quote->last == quote->first)
        return FALSE;
      /* The last character inside the marks ('' is two of them). */
      while (k > quote->start && is_quote_char (self->tokens->chars[k]))
        k--;
      before = self->tokens->chars[k];
      return (before == '.' || before == '?' || before == '!' || before == 0x2026) && is_cap (self, i + 1);
    }
  if (c != '.' && c != '?' && c != '!' && c != 0x2026)
    return FALSE;
  return c != '.' || i == 0 || !is_abbreviation (self, i - 1);
}

static void
find_sentences (Engine *self)
{
  guint sentence = 0;

  for (guint i = 0; i < n_tokens (self); i++)
    {
      if (i > 0 && tok (self, i)->flags & CLIP_TOKEN_PARA_BEFORE && self->quote_of[i] < 0)
        sentence++;
      else if (i > 0 && tok (self, i)->flags & CLIP_TOKEN_PARA_BEFORE &&
               self->quote_of[i] != self->quote_of[i - 1])
        sentence++;
      self->sentence_of[i] = sentence;
      if (ends_sentence (self, i))
        sentence++;
    }
}

/* Cues. */

static guint
match_cue (Engine *self,
           guint   i)
{
  const char *words[8];
  guint n = 0;

  if (tok (self, i)->kind != CLIP_TOKEN_WORD || self->quote_of[i] >= 0 ||
      (tok (self, i)->flags & CLIP_TOKEN_CAPITALISED))
    return 0;
  while (n < G_N_ELEMENTS (words) && i + n < n_tokens (self) && self->quote_of[i + n] < 0 &&
         self->sentence_of[i + n] == self->sentence_of[i])
    {
      words[n] = low (self, i + n);
      n++;
    }
  return clip_attribution_data_match_cue (self->data, words, n);
}

/* The cue within window tokens after (step 1) or before (step -1) token
 * from, in the same sentence and not across another quote. */
static gboolean
find_cue (Engine *self,
          guint   from,
          gint    step,
          guint   window,
          Range  *cue)
{
  guint sentence = self->sentence_of[from];
  gint64 i = (gint64) from + step;

  for (guint k = 0; k < window && i >= 0 && i < n_tokens (self); k++, i += step)
    {
      guint n;

      if (self->sentence_of[i] != sentence || self->quote_of[i] >= 0)
        return FALSE;
      if ((n = match_cue (self, i)) > 0)
        {
          cue->first = i;
          cue->last = i + n - 1;
          return TRUE;
        }
    }
  return FALSE;
}

/* Speakers. */

static gboolean
usable (Engine *self,
        guint   i,
        guint   sentence)
{
  return i < n_tokens (self) && self->quote_of[i] < 0 && self->sentence_of[i] == sentence;
}

static gboolean
is_name_part (Engine *self,
              guint   i)
{
  gunichar c = self->tokens->chars[tok (self, i)->start];

  if (c == '.' && i > 0 && !(tok (self, i)->flags & CLIP_TOKEN_SPACE_BEFORE))
    return tok (self, i - 1)->end - tok (self, i - 1)->start == 1 ||
           clip_attribution_data_is_title (self->data, low (self, i - 1));
  return is_cap (self, i);
}

/* The speaker phrase that ends at token i: a pronoun, a name with its
 * title, or a description back to its determiner. */
static gboolean
phrase_ending_at (Engine *self,
                  gint64  i,
                  guint   sentence,
                  Range  *np)
{
  guint depth = 0;

  while (i >= 0 && usable (self, i, sentence) && (low (self, i)[0] == ')' || depth > 0) && depth < 20)
    {
      /* "Paul D. Ryan (R-Wis.) said": the bracket is left out. */
      if (low (self, i)[0] == ')')
        depth++;
      else if (low (self, i)[0] == '(')
        depth--;
      i--;
      if (depth == 0)
        break;
    }
  if (i < 0 || !usable (self, i, sentence) || !is_word (self, i))
    return FALSE;

  np->last = i;
  if (clip_attribution_data_is_pronoun (self->data, low (self, i), NULL))
    np->first = i;
  else if (is_cap (self, i))
    {
      while (i > 0 && usable (self, i - 1, sentence) && is_name_part (self, i - 1))
        i--;
      np->first = i;
    }
  else
    {
      guint k = 0;

      gboolean determined = FALSE;

      np->first = i;
      while (k < MAX_NP_TOKENS && i >= 0 && usable (self, i, sentence) && is_word (self, i) &&
             match_cue (self, i) == 0)
        {
          np->first = i;
          if ((determined = is_one_of (self, i, determiners)))
            break;
          i--;
          k++;
        }
      /* Without a determiner only a plain plural is a speaker ("sources
       * said", "Democratic officials said"). */
      if (!determined)
        {
          const char *head = low (self, np->last);

          if (!g_str_has_suffix (head, "s") || np->last - np->first > 2)
            np->first = np->last;
          if (!g_str_has_suffix (head, "s"))
            return FALSE;
        }
      if (is_one_of (self, np->first, complementisers))
        return FALSE;
    }
  return TRUE;
}

/* ", saying "..."": the speaker is the sentence's subject, its first
 * name or pronoun. */
static gboolean
subject_of_sentence (Engine      *self,
                     const Range *cue,
                     Range       *np)
{
  guint sentence = self->sentence_of[cue->first];
  gint64 i = (gint64) cue->first - 1;
  gint64 found = -1;

  for (guint k = 0; k < CUE_BEFORE_WINDOW && i >= 0 && usable (self, i, sentence); k++, i--)
    if (clip_attribution_data_is_pronoun (self->data, low (self, i), NULL) ||
        (is_cap (self, i) && !clip_attribution_data_is_stopword (self->data, low (self, i))))
      found = i;
  if (found < 0)
    return FALSE;
  np->first = np->last = found;
  if (is_cap (self, found))
    while (usable (self, np->last + 1, sentence) && is_name_part (self, np->last + 1))
      np->last++;
  return TRUE;
}

static gboolean
speaker_before (Engine      *self,
                const Range *cue,
                Range       *np)
{
  guint sentence = self->sentence_of[cue->first];
  gint64 i = (gint64) cue->first - 1;

  if (g_str_has_suffix (low (self, cue->first), "ing"))
    return subject_of_sentence (self, cue, np);

  while (i >= 0 && usable (self, i, sentence) && is_one_of (self, i, cue_fillers))
    i--;
  if (i < 0 || !usable (self, i, sentence))
    return FALSE;

  /* "Flynn, a top Trump surrogate, said": the name before the apposition. */
  if (low (self, i)[0] == ',')
    {
      gint64 j = i - 1;

      for (guint k = 0; k < 12 && j >= 0 && usable (self, j, sentence); k++, j--)
        if (low (self, j)[0] == ',')
          return phrase_ending_at (self, j - 1, sentence, np) && is_cap (self, np->last);
      return FALSE;
    }
  return phrase_ending_at (self, i, sentence, np);
}

static gboolean
speaker_after (Engine      *self,
               const Range *cue,
               gboolean     inverted,
               Range       *np)
{
  guint sentence = self->sentence_of[cue->last];
  guint i = cue->last + 1;

  if (!usable (self, i, sentence) || !is_word (self, i))
    return FALSE;
  np->first = i;
  np->last = i;
  if (clip_attribution_data_is_pronoun (self->data, low (self, i), NULL))
    return TRUE;
  if (is_cap (self, i))
    {
      while (usable (self, np->last + 1, sentence) && is_name_part (self, np->last + 1))
        np->last++;
      return TRUE;
    }
  if (!is_one_of (self, i, determiners) && !inverted)
    return FALSE;
  /* After an inverted cue the words up to the next comma are the
   * speaker: "said 9/11 widow Terry Strada". */
  for (guint k = 0; k < MAX_NP_TOKENS && usable (self, i + 1, sentence) && is_word (self, i + 1) &&
       !is_one_of (self, i + 1, complementisers) && !g_str_equal (low (self, i + 1), "who"); k++)
    np->last = ++i;
  return TRUE;
}

static const NamedSpeaker *
latest_speaker (Engine         *self,
                glong           before,
                ClipEntityKind  kind)
{
  for (guint i = self->speakers->len; i > 0; i--)
    {
      const NamedSpeaker *speaker = &g_array_index (self->speakers, NamedSpeaker, i - 1);

      if (speaker->offset < before && (kind == CLIP_ENTITY_OTHER || speaker->kind == kind))
        return speaker;
    }
  return NULL;
}

/* The latest person the text names before offset, for a pronoun whose
 * speaker was never quoted before. */
static const ClipEntitySuggestion *
latest_person (Engine *self,
               glong   before)
{
  guint lo = 0, hi = self->persons->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (((ClipEntitySuggestion *) g_ptr_array_index (self->persons, mid))->start < before)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 ? g_ptr_array_index (self->persons, lo - 1) : NULL;
}

/* The people the entity rules found, in text order, for latest_person. */
static void
collect_persons (Engine *self)
{
  GPtrArray *mentions = clip_entity_scan_get_mentions (self->scan);

  for (guint i = 0; i < mentions->len; i++)
    {
      ClipEntitySuggestion *mention = g_ptr_array_index (mentions, i);

      if (mention->kind == CLIP_ENTITY_PERSON)
        g_ptr_array_add (self->persons, mention);
    }
}

static void
remember_speaker (Engine         *self,
                  glong           offset,
                  const char     *name,
                  ClipEntityKind  kind)
{
  NamedSpeaker speaker = { offset, name, kind };

  g_array_append_val (self->speakers, speaker);
}

/* The named entity a name phrase holds: the mention at its last word, or
 * a new one for a name the entity rules did not know. */
static const ClipEntitySuggestion *
name_in_phrase (Engine      *self,
                const Range *np)
{
  const ClipEntitySuggestion *mention = clip_entity_scan_mention_at (self->scan, np->last);
  guint first = np->first;

  if (mention != NULL)
    {
      clip_entity_scan_make_speaker (self->scan, mention);
      return mention->kind == CLIP_ENTITY_PLACE ? NULL : mention;
    }
  if (!is_cap (self, np->last))
    return NULL;
  while (first < np->last && (clip_attribution_data_is_title (self->data, low (self, first)) ||
                              !is_cap (self, first) || clip_entity_scan_mention_at (self->scan, first) != NULL))
    first++;
  return clip_entity_scan_add (self->scan, first, np->last,
                               tok (self, np->last)->flags & CLIP_TOKEN_ALL_CAPS ?
                               CLIP_ENTITY_ORGANISATION : CLIP_ENTITY_PERSON);
}

/* "the ministry", "the company" stand for an organisation; "the top US
 * diplomat" for a person. */
static ClipEntityKind
description_kind (Engine      *self,
                  const Range *np)
{
  for (guint i = np->first; i <= np->last; i++)
    if (clip_attribution_data_is_org_word (self->data, low (self, i)))
      return CLIP_ENTITY_ORGANISATION;
  return CLIP_ENTITY_PERSON;
}

static void
resolve_speaker (Engine              *self,
                 const Range         *np,
                 ClipQuoteSuggestion *result)
{
  ClipEntityKind kind = CLIP_ENTITY_OTHER;
  glong at = tok (self, np->first)->start;
  const ClipEntitySuggestion *mention = NULL;
  const NamedSpeaker *speaker = NULL;

  result->speaker_start = at;
  result->speaker_end = tok (self, np->last)->end;
  result->speaker_text = clip_tokens_substring (self->tokens, result->speaker_start, result->speaker_end);

  if (np->first == np->last && clip_attribution_data_is_pronoun (self->data, low (self, np->first), &kind))
    speaker = latest_speaker (self, at, kind);
  else if ((mention = name_in_phrase (self, np)) != NULL)
    {
      result->speaker_name = g_strdup (mention->name);
      result->speaker_kind = mention->kind;
      remember_speaker (self, at, mention->name, mention->kind);
      return;
    }
  else
    speaker = latest_speaker (self, at, description_kind (self, np));

  if (speaker != NULL)
    {
      result->speaker_name = g_strdup (speaker->name);
      result->speaker_kind = speaker->kind;
    }
  else if (kind != CLIP_ENTITY_ORGANISATION && (mention = latest_person (self, at)) != NULL)
    {
      result->speaker_name = g_strdup (mention->name);
      result->speaker_kind = CLIP_ENTITY_PERSON;
    }
}

/* Results. */

static ClipQuoteSuggestion *
emit (Engine        *self,
      ClipQuoteKind  kind,
      glong          start,
      glong          end)
{
  g_autofree char *key = g_strdup_printf ("%ld:%ld", start, end);
  ClipQuoteSuggestion *result;

  if (end <= start || g_hash_table_contains (self->emitted, key))
    return NULL;
  /* Two quotes of one sentence may each give the whole clause; the
   * first one stands. */
  if (self->results->len > 0)
    {
      const ClipQuoteSuggestion *last = g_ptr_array_index (self->results, self->results->len - 1);

      if (last->start < end && start < last->end)
        return NULL;
    }
  g_hash_table_add (self->emitted, g_steal_pointer (&key));

  result = g_new0 (ClipQuoteSuggestion, 1);
  result->kind = kind;
  result->start = start;
  result->end = end;
  result->text = clip_tokens_substring (self->tokens, start, end);
  result->cue_start = result->cue_end = -1;
  result->speaker_start = result->speaker_end = -1;
  result->speaker_kind = CLIP_ENTITY_OTHER;
  g_ptr_array_add (self->results, result);
  return result;
}

static void
set_cue (Engine              *self,
         ClipQuoteSuggestion *result,
         const Range         *cue)
{
  result->cue_start = tok (self, cue->first)->start;
  result->cue_end = tok (self, cue->last)->end;
  result->cue_text = clip_tokens_substring (self->tokens, result->cue_start, result->cue_end);
}

static void
copy_speaker (ClipQuoteSuggestion       *to,
              const ClipQuoteSuggestion *from,
              gboolean                   with_cue)
{
  if (with_cue && from->cue_text != NULL)
    {
      to->cue_start = from->cue_start;
      to->cue_end = from->cue_end;
      to->cue_text = g_strdup (from->cue_text);
    }
  if (from->speaker_text != NULL)
    {
      to->speaker_start = from->speaker_start;
      to->speaker_end = from->speaker_end;
      to->speaker_text = g_strdup (from->speaker_text);
    }
  to->speaker_name = g_strdup (from->speaker_name);
  to->speaker_kind = from->speaker_kind;
}

static guint
sentence_first (Engine *self,
                guint   i)
{
  while (i > 0 && self->sentence_of[i - 1] == self->sentence_of[i])
    i--;
  return i;
}

static guint
sentence_last (Engine *self,
               guint   i)
{
  while (i + 1 < n_tokens (self) && self->sentence_of[i + 1] == self->sentence_of[i])
    i++;
  return i;
}

static gboolean
is_punct_char (Engine *self,
               guint   i,
               const char *chars)
{
  return tok (self, i)->kind == CLIP_TOKEN_PUNCT && strchr (chars, low (self, i)[0]) != NULL;
}

/* The last token of a sentence's content: its full stop left out when it
 * stands outside the quote. */
static guint
content_last (Engine *self,
              guint   last)
{
  while (last > 0 && self->quote_of[last] < 0 && is_punct_char (self, last, ".,;:!?"))
    last--;
  return last;
}

static gboolean
only_fillers_between (Engine *self,
                      guint   from,
                      guint   to)
{
  for (guint i = from; i < to; i++)
    if (is_word (self, i) && !is_one_of (self, i, complementisers))
      return FALSE;
  return TRUE;
}

static gboolean
cue_takes_speaker_after (Engine      *self,
                         const Range *cue)
{
  /* "according to", "selon", "laut": the speaker follows. */
  return is_one_of (self, cue->last, (const char * const[]) { "to", "selon", "laut", NULL });
}

/* ""...," the senator, who ..., and said": the first name or pronoun
 * between the quote and the cue. */
static gboolean
subject_after_quote (Engine      *self,
                     const Quote *quote,
                     const Range *cue,
                     Range       *np)
{
  guint sentence = self->sentence_of[cue->first];

  for (guint i = quote->last + 1; i < cue->first; i++)
    if (usable (self, i, sentence) &&
        (clip_attribution_data_is_pronoun (self->data, low (self, i), NULL) ||
         (is_cap (self, i) && !clip_attribution_data_is_stopword (self->data, low (self, i)))))
      {
        np->first = np->last = i;
        while (np->last + 1 < cue->first && is_name_part (self, np->last + 1))
          np->last++;
        return TRUE;
      }
  return FALSE;
}

/* A quote followed by its cue: the speaker stands between them, or after
 * the cue when the cue comes first ("..., said Kerry"). */
static ClipQuoteSuggestion *
attribute_cue_after (Engine      *self,
                     const Quote *quote,
                     const Range *cue)
{
  guint first = sentence_first (self, quote->first);
  Range np;
  gboolean found;
  guint content_end_token;
  ClipQuoteSuggestion *result;

  if (only_fillers_between (self, quote->last + 1, cue->first))
    found = speaker_after (self, cue, TRUE, &np);
  else if (cue_takes_speaker_after (self, cue))
    found = speaker_after (self, cue, FALSE, &np);
  else
    found = speaker_before (self, cue, &np) || subject_after_quote (self, quote, cue, &np);

  /* Reported speech holding the quote, or words that go on after it,
   * up to the speaker: ""You squeezed them" to drive up ..., she said". */
  content_end_token = found && np.first < cue->first && np.first > quote->last ? np.first : cue->first;
  while (content_end_token > quote->last + 1 && !is_word (self, content_end_token - 1))
    content_end_token--;
  if (first < quote->first && !only_fillers_between (self, first, quote->first))
    result = emit (self, CLIP_QUOTE_DIRECT, tok (self, first)->start,
                   tok (self, MAX (content_end_token - 1, quote->last))->end);
  else
    result = emit (self, CLIP_QUOTE_DIRECT, quote->start,
                   MAX (quote->end, tok (self, MAX (content_end_token - 1, quote->last))->end));

  if (result == NULL)
    return NULL;
  set_cue (self, result, cue);
  if (found)
    resolve_speaker (self, &np, result);
  return result;
}

/* The end of the clause a quote stands in: the sentence's end, or the
 * word before the next cue ("called it "outrageous" and called for"). */
static guint
clause_last (Engine *self,
             guint   from)
{
  guint last = sentence_last (self, from);

  for (guint i = from + 1; i <= last; i++)
    if (match_cue (self, i) > 0)
      {
        last = i - 1;
        while (last > from && (is_one_of (self, last, (const char * const[]) { "and", "but", "then", NULL }) ||
                               is_punct_char (self, last, ",;")))
          last--;
        break;
      }
  return last;
}

/* A cue before the quote: "Kerry said: "..."", or reported speech with a
 * quote inside it, which is then the content from the cue on. */
static ClipQuoteSuggestion *
attribute_cue_before (Engine      *self,
                      const Quote *quote,
                      const Range *cue)
{
  Range np;
  gboolean after = cue_takes_speaker_after (self, cue);
  gboolean found = after ? speaker_after (self, cue, FALSE, &np) :
                   (speaker_before (self, cue, &np) || subject_of_sentence (self, cue, &np));
  guint from = after && found ? np.last + 1 : cue->last + 1;
  guint last = content_last (self, clause_last (self, quote->last));
  ClipQuoteSuggestion *result;


  while (from < quote->first && !is_word (self, from))
    from++;
  if (from < quote->first && is_one_of (self, from, complementisers))
    from++;

  if (only_fillers_between (self, cue->last + 1, quote->first) && last <= quote->last)
    result = emit (self, CLIP_QUOTE_DIRECT, quote->start, quote->end);
  else
    result = emit (self, CLIP_QUOTE_DIRECT, tok (self, MIN (from, quote->first))->start,
                   tok (self, MAX (last, quote->last))->end);
  if (result == NULL)
    return NULL;
  set_cue (self, result, cue);
  if (found)
    resolve_speaker (self, &np, result);
  return result;
}

static gboolean
same_paragraph (Engine *self,
                guint   from,
                guint   to)
{
  for (guint i = from + 1; i <= to; i++)
    if (tok (self, i)->flags & CLIP_TOKEN_PARA_BEFORE && self->quote_of[i] != self->quote_of[i - 1])
      return FALSE;
  return TRUE;
}

/* The cue after the quote, unless the quote stands inside a clause that
 * a cue before it opens ("she called it "outrageous" and said ..."). */
static gboolean
prefers_cue_after (Engine      *self,
                   const Quote *quote,
                   Range       *cue)
{
  Range before;

  if (!find_cue (self, quote->last, 1, CUE_AFTER_WINDOW, cue))
    return FALSE;
  if (sentence_first (self, quote->first) == quote->first || is_punct_char (self, quote->last + 1, ",") ||
      is_punct_char (self, quote->last - 1, ","))
    return TRUE;
  /* ""..." Kerry said", ""..." he added" */
  if (cue->first <= quote->last + 3)
    {
      gboolean plain = TRUE;

      for (guint i = quote->last + 1; i < cue->first; i++)
        plain = plain && (is_cap (self, i) || clip_attribution_data_is_pronoun (self->data, low (self, i), NULL) ||
                          is_one_of (self, i, cue_fillers));
      if (plain)
        return TRUE;
    }
  return !find_cue (self, quote->first, -1, CUE_BEFORE_WINDOW, &before);
}

/* Whether an uncued quote reads as a title ("'All Bets Are Off.'"): single
 * marks, or every word capitalised. */
static gboolean
is_title_like (Engine      *self,
               const Quote *quote)
{
  const gunichar *chars = self->tokens->chars;

  if (is_single (chars[quote->start]) && chars[quote->start + 1] != '\'')
    return TRUE;
  for (guint i = quote->first; i <= quote->last; i++)
    if (tok (self, i)->kind == CLIP_TOKEN_WORD && !is_cap (self, i))
      return FALSE;
  return TRUE;
}

/* ""..." ― Sonya Herridge": a dash and a name after a quote sign it. */
static gboolean
dash_signature (Engine      *self,
                const Quote *quote,
                Range       *cue)
{
  guint dash = quote->last + 1;
  gunichar c;

  if (dash + 1 >= n_tokens (self) || self->quote_of[dash] >= 0)
    return FALSE;
  c = self->tokens->chars[tok (self, dash)->start];
  if ((c != 0x2015 && c != 0x2014) || !is_cap (self, dash + 1))
    return FALSE;
  cue->first = cue->last = dash;
  return TRUE;
}

/* "Trump said on Monday:" and the quote in the next paragraph. */
static ClipQuoteSuggestion *
attribute_after_colon (Engine      *self,
                       const Quote *quote)
{
  ClipQuoteSuggestion *result;
  Range cue;
  Range np;

  if (quote->first == 0 || !is_punct_char (self, quote->first - 1, ":") ||
      !find_cue (self, quote->first - 1, -1, CUE_BEFORE_WINDOW, &cue) ||
      (result = emit (self, CLIP_QUOTE_DIRECT, quote->start, quote->end)) == NULL)
    return NULL;
  set_cue (self, result, &cue);
  if (speaker_before (self, &cue, &np) || subject_of_sentence (self, &cue, &np))
    resolve_speaker (self, &np, result);
  return result;
}

static void
attribute_quotes (Engine *self)
{
  const ClipQuoteSuggestion *previous = NULL;
  guint previous_last = 0;

  for (guint q = 0; q < self->quotes->len; q++)
    {
      const Quote *quote = &g_array_index (self->quotes, Quote, q);
      ClipQuoteSuggestion *result = NULL;
      Range cue;

      if (dash_signature (self, quote, &cue) || prefers_cue_after (self, quote, &cue))
        result = attribute_cue_after (self, quote, &cue);
      else if (find_cue (self, quote->first, -1, CUE_BEFORE_WINDOW, &cue) && previous != NULL &&
               previous->cue_text != NULL && tok (self, cue.first)->start > previous->cue_end)
        /* A cue of its own between the two: ", she said, referencing the
         * "cross-sell"". */
        result = attribute_cue_before (self, quote, &cue);
      else if (previous != NULL && previous->cue_text != NULL &&
               self->sentence_of[previous_last] == self->sentence_of[quote->first])
        {
          /* ""A," he said, "B."": the second part shares the first's cue. */
          if ((result = emit (self, CLIP_QUOTE_DIRECT, quote->start, quote->end)) != NULL)
            copy_speaker (result, previous, TRUE);
        }
      else if (find_cue (self, quote->first, -1, CUE_BEFORE_WINDOW, &cue))
        result = attribute_cue_before (self, quote, &cue);
      else if ((result = attribute_after_colon (self, quote)) != NULL)
        ;
      else if (quote->n_words >= MIN_UNCUED_WORDS && !is_title_like (self, quote) &&
               (result = emit (self, CLIP_QUOTE_DIRECT, quote->start, quote->end)) != NULL &&
               previous != NULL && sentence_first (self, quote->first) == quote->first)
        /* A quote that goes on after its attributed part: in the same
         * paragraph it shares the cue, in the next one the speaker. */
        copy_speaker (result, previous, same_paragraph (self, previous_last, quote->first));

      if (result != NULL)
        {
          previous = result;
          previous_last = quote->last;
        }
    }
}

/* Reported speech: "Kerry said that ...", "..., officials said.",
 * "According to Kerry, ...". */
static void
attribute_indirect_at (Engine *self,
                       guint   i,
                       guint   n)
{
  Range cue = { i, i + n - 1 };
  Range np;
  guint first = sentence_first (self, i);
  guint last = content_last (self, sentence_last (self, i));
  ClipQuoteSuggestion *result = NULL;
  gboolean after = cue_takes_speaker_after (self, &cue);

  if (after && speaker_after (self, &cue, FALSE, &np) && np.last + 2 <= last &&
      is_punct_char (self, np.last + 1, ","))
    result = emit (self, CLIP_QUOTE_INDIRECT, tok (self, np.last + 2)->start, tok (self, last)->end);
  else if (!after && cue.last + 2 <= last && is_one_of (self, cue.last + 1, complementisers) &&
           speaker_before (self, &cue, &np))
    result = emit (self, CLIP_QUOTE_INDIRECT, tok (self, cue.last + 2)->start, tok (self, last)->end);
  else if (!after && cue.last >= last && speaker_before (self, &cue, &np) && np.first > first + 2 &&
           is_punct_char (self, np.first - 1, ","))
    result = emit (self, CLIP_QUOTE_INDIRECT, tok (self, first)->start, tok (self, np.first - 2)->end);
  else if (!after && cue.last + 1 < last && is_punct_char (self, cue.first - 1, ",") &&
           is_cap (self, cue.last + 1) && speaker_after (self, &cue, TRUE, &np) && np.last >= last - 1 &&
           cue.first > first + 2)
    result = emit (self, CLIP_QUOTE_INDIRECT, tok (self, first)->start, tok (self, cue.first - 2)->end);

  if (result == NULL)
    return;
  set_cue (self, result, &cue);
  resolve_speaker (self, &np, result);
}

static gboolean
sentence_has_quote (Engine *self,
                    guint   i)
{
  guint last = sentence_last (self, i);

  for (guint k = sentence_first (self, i); k <= last; k++)
    if (self->quote_of[k] >= 0)
      return TRUE;
  return FALSE;
}

static void
attribute_indirect (Engine *self)
{
  gint64 checked_sentence = -1;
  gboolean has_quote = FALSE;

  for (guint i = 0; i < n_tokens (self); i++)
    {
      guint n = match_cue (self, i);

      if (n == 0)
        continue;
      if (checked_sentence != self->sentence_of[i])
        {
          checked_sentence = self->sentence_of[i];
          has_quote = sentence_has_quote (self, i);
        }
      if (!has_quote)
        attribute_indirect_at (self, i, n);
      i += n - 1;
    }
}

static gint
compare_results (gconstpointer a,
                 gconstpointer b)
{
  const ClipQuoteSuggestion *x = *(ClipQuoteSuggestion **) a;
  const ClipQuoteSuggestion *y = *(ClipQuoteSuggestion **) b;

  return (x->start > y->start) - (x->start < y->start);
}

ClipAttribution *
clip_attribution_run (const char *text,
                      GPtrArray  *known)
{
  g_autoptr(ClipTokens) tokens = NULL;
  ClipAttribution *result;
  Engine engine = { 0 };
  guint n;

  g_return_val_if_fail (text != NULL, NULL);

  tokens = clip_tokens_new (text);
  n = tokens->tokens->len;
  engine.tokens = tokens;
  engine.data = clip_attribution_data_get_default ();
  engine.scan = clip_entity_scan_new (tokens, known);
  engine.quotes = g_array_new (FALSE, FALSE, sizeof (Quote));
  engine.quote_of = g_new (gint, n + 1);
  memset (engine.quote_of, 0xff, sizeof (gint) * (n + 1));
  engine.sentence_of = g_new0 (guint, n + 1);
  engine.speakers = g_array_new (FALSE, FALSE, sizeof (NamedSpeaker));
  engine.results = g_ptr_array_new_with_free_func ((GDestroyNotify) clip_quote_suggestion_free);
  engine.emitted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  engine.persons = g_ptr_array_new ();
  collect_persons (&engine);
  find_quotes (&engine);
  find_sentences (&engine);
  attribute_quotes (&engine);
  attribute_indirect (&engine);
  g_ptr_array_sort (engine.results, compare_results);

  result = g_new0 (ClipAttribution, 1);
  result->quotes = engine.results;
  result->entities = g_ptr_array_ref (clip_entity_scan_get_mentions (engine.scan));

  clip_entity_scan_free (engine.scan);
  g_array_unref (engine.quotes);
  g_free (engine.quote_of);
  g_free (engine.sentence_of);
  g_array_unref (engine.speakers);
  g_ptr_array_unref (engine.persons);
  g_hash_table_unref (engine.emitted);
  return result;
}

void
clip_attribution_free (ClipAttribution *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->quotes);
  g_ptr_array_unref (self->entities);
  g_free (self);
}
