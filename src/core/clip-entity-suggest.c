/* clip-entity-suggest.c: the people, organisations and places an article
 * names
 *
 * Names are runs of capitalised words. A run is cut where a word the text
 * also writes in lower case stands (headlines capitalise every word), at
 * "and"-like connectors unless it names an organisation, and at titles:
 * what follows the last title is a person. Runs with an organisation word
 * are organisations, runs the gazetteers know are places, other runs of
 * two to four words are people. A single word is a person when it is the
 * last name of a person named in full, else a place or an acronym.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clip-attribution-data.h"
#include "clip-entity-suggest.h"

#define MAX_PERSON_WORDS 4

struct _ClipEntityScan {
  const ClipTokens *tokens;
  const ClipAttributionData *data;
  GPtrArray *mentions;                /* ClipEntitySuggestion */
  ClipEntitySuggestion **owner;       /* per token */
  GHashTable *surnames;               /* lower last name -> GPtrArray of persons */
  GHashTable *acronyms;               /* acronym -> full name */
  GHashTable *lower_words;            /* words the text writes in lower case */
  GArray *singles;                    /* token indices left for the last pass */
  gboolean sorted;
};

/* Lower-case words that may stand inside a name ("Ministry of Defence",
 * "Ursula von der Leyen"); and/&/for only inside organisations. */
static const char * const inner_connectors[] = {
  "of", "de", "von", "van", "der", "den", "al", "bin", "du", "del", "da", "la", "le", "y", NULL
};
static const char * const org_connectors[] = { "and", "&", "for", NULL };

void
clip_entity_suggestion_free (ClipEntitySuggestion *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_free (self->name);
  g_free (self);
}

static const ClipToken *
tok (ClipEntityScan *self,
     guint           i)
{
  return clip_tokens_get (self->tokens, i);
}

static const char *
lower (ClipEntityScan *self,
       guint           i)
{
  return clip_tokens_lower (self->tokens, i);
}

static gboolean
in_list (const char * const *list,
         const char         *word)
{
  return g_strv_contains (list, word);
}

static gboolean
is_name_word (ClipEntityScan *self,
              guint           i)
{
  const ClipToken *t = tok (self, i);

  return t->kind == CLIP_TOKEN_WORD && (t->flags & (CLIP_TOKEN_CAPITALISED | CLIP_TOKEN_ALL_CAPS)) != 0;
}

/* The length of a trailing possessive ("Clinton's"), in code points. */
static glong
possessive_length (ClipEntityScan *self,
                   guint           i)
{
  const ClipToken *t = tok (self, i);
  const gunichar *chars = self->tokens->chars;

  if (t->end - t->start > 2 && (chars[t->end - 1] == 's' || chars[t->end - 1] == 'S') &&
      (chars[t->end - 2] == '\'' || chars[t->end - 2] == 0x2019))
    return 2;
  return 0;
}

/* The words of tokens first..last as written, joined by single spaces,
 * possessive dropped; dots after abbreviations are left out too. */
static char *
words_of (ClipEntityScan *self,
          guint           first,
          guint           last)
{
  GString *str = g_string_new (NULL);

  for (guint i = first; i <= last; i++)
    {
      const ClipToken *t = tok (self, i);
      glong end = t->end - (i == last ? possessive_length (self, i) : 0);
      g_autofree char *word = NULL;

      if (t->kind == CLIP_TOKEN_PUNCT && i > first)
        continue;
      word = clip_tokens_substring (self->tokens, t->start, end);
      if (str->len > 0)
        g_string_append_c (str, ' ');
      g_string_append (str, word);
    }
  return g_string_free (str, FALSE);
}

/* The lower-case last word of a name, without a possessive. */
static char *
last_word_lower (const char *name)
{
  const char *space = strrchr (name, ' ');

  return g_utf8_strdown (space != NULL ? space + 1 : name, -1);
}

/* The index of the first person that starts at or after offset; the
 * list is kept in text order. */
static guint
bisect (GPtrArray *persons,
        glong      offset)
{
  guint lo = 0, hi = persons->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (((ClipEntitySuggestion *) g_ptr_array_index (persons, mid))->start < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static ClipEntitySuggestion *
add_mention (ClipEntityScan *self,
             guint           first,
             guint           last,
             ClipEntityKind  kind,
             const char     *name,
             gboolean        known)
{
  ClipEntitySuggestion *mention;

  for (guint i = first; i <= last; i++)
    if (self->owner[i] != NULL)
      return NULL;

  mention = g_new0 (ClipEntitySuggestion, 1);
  mention->start = tok (self, first)->start;
  mention->end = tok (self, last)->end - possessive_length (self, last);
  mention->kind = kind;
  mention->text = clip_tokens_substring (self->tokens, mention->start, mention->end);
  mention->name = name != NULL ? g_strdup (name) : words_of (self, first, last);
  mention->known = known;
  for (guint i = first; i <= last; i++)
    self->owner[i] = mention;
  g_ptr_array_add (self->mentions, mention);
  self->sorted = FALSE;

  if (kind == CLIP_ENTITY_PERSON && strchr (mention->name, ' ') != NULL)
    {
      g_autofree char *surname = last_word_lower (mention->name);
      GPtrArray *list = g_hash_table_lookup (self->surnames, surname);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (self->surnames, g_steal_pointer (&surname), list);
        }
      g_ptr_array_insert (list, bisect (list, mention->start), mention);
    }
  return mention;
}

/* Known entities: every name and alias, matched as whole words with case
 * ignored, longest first. */
typedef struct {
  GStrv words;
  guint n_words;
  ClipEntity *entity;
} KnownName;

static void
known_name_free (KnownName *name)
{
  g_strfreev (name->words);
  g_free (name);
}

static void
add_known_name (GHashTable *table,
                ClipEntity *entity,
                const char *name)
{
  g_autoptr(ClipTokens) tokens = clip_tokens_new (name);
  KnownName *known;
  GPtrArray *list;

  if (tokens->tokens->len == 0)
    return;
  known = g_new0 (KnownName, 1);
  known->n_words = tokens->tokens->len;
  known->words = g_new0 (char *, known->n_words + 1);
  known->entity = entity;
  for (guint i = 0; i < known->n_words; i++)
    known->words[i] = g_strdup (clip_tokens_lower (tokens, i));

  list = g_hash_table_lookup (table, known->words[0]);
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func ((GDestroyNotify) known_name_free);
      g_hash_table_insert (table, g_strdup (known->words[0]), list);
    }
  g_ptr_array_add (list, known);
}

static guint
match_known (ClipEntityScan *self,
             GPtrArray      *list,
             guint           i,
             KnownName     **best)
{
  guint best_n = 0;

  for (guint k = 0; k < list->len; k++)
    {
      KnownName *name = g_ptr_array_index (list, k);
      guint j = 0;

      if (name->n_words <= best_n || i + name->n_words > self->tokens->tokens->len)
        continue;
      while (j < name->n_words && g_str_equal (lower (self, i + j), name->words[j]))
        j++;
      if (j == name->n_words)
        {
          best_n = j;
          *best = name;
        }
    }
  return best_n;
}

static void
find_known (ClipEntityScan *self,
            GPtrArray      *known)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < known->len; i++)
    {
      ClipEntity *entity = g_ptr_array_index (known, i);
      const char * const *aliases = clip_entity_get_aliases (entity);

      add_known_name (table, entity, clip_entity_get_name (entity));
      for (guint a = 0; aliases != NULL && aliases[a] != NULL; a++)
        add_known_name (table, entity, aliases[a]);
    }

  for (guint i = 0; i < self->tokens->tokens->len; i++)
    {
      GPtrArray *list;
      KnownName *name = NULL;
      guint n;

      if (!is_name_word (self, i) || (list = g_hash_table_lookup (table, lower (self, i))) == NULL)
        continue;
      n = match_known (self, list, i, &name);
      if (n > 0 && add_mention (self, i, i + n - 1, clip_entity_get_kind (name->entity),
                                clip_entity_get_name (name->entity), TRUE) != NULL)
        i += n - 1;
    }
}

static gboolean
is_title (ClipEntityScan *self,
          guint           i)
{
  return tok (self, i)->kind == CLIP_TOKEN_WORD && clip_attribution_data_is_title (self->data, lower (self, i));
}

static gboolean
is_org_word (ClipEntityScan *self,
             guint           i)
{
  g_autofree char *plain = NULL;

  if (tok (self, i)->kind != CLIP_TOKEN_WORD)
    return FALSE;
  if (possessive_length (self, i) == 0)
    return clip_attribution_data_is_org_word (self->data, lower (self, i));
  /* "the Green Party's nominee" */
  plain = g_utf8_substring (lower (self, i), 0, g_utf8_strlen (lower (self, i), -1) - 2);
  return clip_attribution_data_is_org_word (self->data, plain);
}

/* A dot that belongs to an abbreviation inside a name: "Mr. Obama",
 * "Michael D. Higgins", "U.S. Senator". */
static gboolean
is_inner_dot (ClipEntityScan *self,
              guint           i)
{
  guint n = self->tokens->tokens->len;
  const ClipToken *before;

  if (i == 0 || i + 1 >= n || self->tokens->chars[tok (self, i)->start] != '.')
    return FALSE;
  before = tok (self, i - 1);
  if (tok (self, i)->flags & CLIP_TOKEN_SPACE_BEFORE || !is_name_word (self, i + 1))
    return FALSE;
  return is_title (self, i - 1) || before->end - before->start == 1 ||
         strchr (lower (self, i - 1), '.') != NULL;
}

static gboolean
is_connector (ClipEntityScan *self,
              guint           i)
{
  const char *word = lower (self, i);

  if (i + 1 >= self->tokens->tokens->len || !is_name_word (self, i + 1) || is_name_word (self, i))
    return FALSE;
  return in_list (inner_connectors, word) || in_list (org_connectors, word);
}

/* The last token of the capitalised run that starts at i. */
static guint
run_end (ClipEntityScan *self,
         guint           i)
{
  guint n = self->tokens->tokens->len;
  guint last = i;

  while (last + 1 < n && possessive_length (self, last) == 0)
    {
      guint next = last + 1;

      if (tok (self, next)->flags & CLIP_TOKEN_PARA_BEFORE || self->owner[next] != NULL)
        break;
      if (is_name_word (self, next))
        last = next;
      else if ((is_inner_dot (self, next) || is_connector (self, next)) && self->owner[next + 1] == NULL)
        last = next + 1;
      else
        break;
    }
  return last;
}

/* Whether token i may not begin or end a name. */
static gboolean
is_edge_filler (ClipEntityScan *self,
                guint           i)
{
  const char *word = lower (self, i);

  return tok (self, i)->kind != CLIP_TOKEN_WORD ||
         clip_attribution_data_is_stopword (self->data, word) ||
         (!is_name_word (self, i) && (in_list (inner_connectors, word) || in_list (org_connectors, word)));
}

/* Whether a capitalised word is, in this text, an ordinary word. */
static gboolean
is_common_word (ClipEntityScan *self,
                guint           i)
{
  return !(tok (self, i)->flags & CLIP_TOKEN_ALL_CAPS) &&
         g_hash_table_contains (self->lower_words, lower (self, i)) &&
         !is_title (self, i) && !is_org_word (self, i);
}

static void classify (ClipEntityScan *self, guint first, guint last);

static gboolean
has_org_word (ClipEntityScan *self,
              guint           first,
              guint           last)
{
  for (guint i = first; i <= last; i++)
    if (is_org_word (self, i))
      return TRUE;
  return FALSE;
}

/* "Securities and Exchange Commission (SEC)": the acronym is kept to name
 * the organisation wherever it stands alone. */
static void
note_acronym (ClipEntityScan *self,
              guint           last,
              const char     *name)
{
  guint n = self->tokens->tokens->len;

  if (last + 3 < n && g_str_equal (lower (self, last + 1), "(") &&
      tok (self, last + 2)->flags & CLIP_TOKEN_ALL_CAPS && g_str_equal (lower (self, last + 3), ")"))
    {
      g_autofree char *acronym = words_of (self, last + 2, last + 2);

      if (!g_hash_table_contains (self->acronyms, acronym))
        g_hash_table_insert (self->acronyms, g_steal_pointer (&acronym), g_strdup (name));
    }
}

static void
add_organisation (ClipEntityScan *self,
                  guint           first,
                  guint           last)
{
  ClipEntitySuggestion *mention = add_mention (self, first, last, CLIP_ENTITY_ORGANISATION, NULL, FALSE);

  if (mention != NULL)
    note_acronym (self, last, mention->name);
}

/* Classifies a run with a title in it at t: the words after the titles
 * are a person; the words before them only count as a place or an
 * organisation ("Russian Foreign Minister" is no one). */
static void
classify_titled (ClipEntityScan *self,
                 guint           first,
                 guint           t,
                 guint           last)
{
  guint name = t;

  if (t > first)
    {
      g_autofree char *words = words_of (self, first, t - 1);

      if (has_org_word (self, first, t - 1) || clip_attribution_data_lookup_place (self->data, words))
        classify (self, first, t - 1);
    }

  /* The title with its dots and "of State" parts. */
  while (name <= last && (is_title (self, name) || is_edge_filler (self, name)))
    {
      if (g_str_equal (lower (self, name), "of") && name + 1 <= last)
        name++;
      name++;
    }
  if (name > last)
    return;
  if (name == last && !has_org_word (self, name, last))
    g_array_append_val (self->singles, name);
  else
    classify (self, name, last);
}

static void
classify_plain (ClipEntityScan *self,
                guint           first,
                guint           last)
{
  g_autofree char *words = words_of (self, first, last);
  guint n_words = 0;

  /* A lone word waits for the last pass: it may be a surname. */
  if (first == last)
    {
      g_array_append_val (self->singles, first);
      return;
    }
  if (clip_attribution_data_lookup_place (self->data, words) != NULL)
    {
      add_mention (self, first, last, CLIP_ENTITY_PLACE,
                   clip_attribution_data_lookup_place (self->data, words), FALSE);
      return;
    }

  /* Without an organisation word, "and" and "of" join two names. */
  for (guint i = first; i <= last; i++)
    {
      if (!is_name_word (self, i) && tok (self, i)->kind == CLIP_TOKEN_WORD)
        {
          classify (self, first, i - 1);
          classify (self, i + 1, last);
          return;
        }
      n_words += tok (self, i)->kind == CLIP_TOKEN_WORD;
    }

  if (n_words == 1)
    g_array_append_val (self->singles, first);
  else if (n_words <= MAX_PERSON_WORDS)
    add_mention (self, first, last, CLIP_ENTITY_PERSON, NULL, FALSE);
  else
    for (guint i = first; i <= last; i++)
      if (tok (self, i)->kind == CLIP_TOKEN_WORD)
        g_array_append_val (self->singles, i);
}

static void
classify (ClipEntityScan *self,
          guint           first,
          guint           last)
{
  if (first > last || last == G_MAXUINT)
    return;
  while (first <= last && is_edge_filler (self, first))
    first++;
  while (last > first && is_edge_filler (self, last))
    last--;
  if (first > last || is_edge_filler (self, first))
    return;

  /* A title at the end names no one ("US Secretary"). */
  while (last > first && (is_title (self, last) || is_edge_filler (self, last)))
    last--;
  if (is_title (self, last) && last == first)
    return;

  for (guint i = first; i <= last; i++)
    if (is_title (self, i) && i < last)
      {
        classify_titled (self, first, i, last);
        return;
      }

  /* Headline case: cut at the words the text writes in lower case. */
  for (guint i = first; i <= last; i++)
    if (is_common_word (self, i))
      {
        if (i > first)
          classify (self, first, i - 1);
        classify (self, i + 1, last);
        return;
      }

  if (has_org_word (self, first, last))
    add_organisation (self, first, last);
  else
    classify_plain (self, first, last);
}

/* The latest person named before offset, else the first one after. */
static ClipEntitySuggestion *
latest_before (GPtrArray *persons,
               glong      offset)
{
  guint i = bisect (persons, offset);

  return g_ptr_array_index (persons, i > 0 ? i - 1 : 0);
}

const char *
clip_entity_scan_full_name (ClipEntityScan *self,
                            const char     *lower_name,
                            glong           offset)
{
  GPtrArray *persons;
  g_autofree char *plain = NULL;
  gsize len = strlen (lower_name);

  /* "Clinton's" is Clinton. */
  if (len > 3 && lower_name[len - 1] == 's' &&
      (lower_name[len - 2] == '\'' || g_str_has_suffix (lower_name, "\xe2\x80\x99s")))
    {
      plain = g_strndup (lower_name, len - (lower_name[len - 2] == '\'' ? 2 : 4));
      lower_name = plain;
    }
  persons = g_hash_table_lookup (self->surnames, lower_name);
  return persons != NULL ? latest_before (persons, offset)->name : NULL;
}

/* "Mr. Clinton", "Sen. Graham": a title makes a lone word a person, even
 * one that is also a town's name. */
static gboolean
after_title (ClipEntityScan *self,
             guint           i)
{
  if (i > 1 && g_str_equal (lower (self, i - 1), "."))
    i--;
  return i > 0 && is_title (self, i - 1);
}

/* A lone capitalised word: a person named in full elsewhere, a place, an
 * acronym. Words that open a sentence and nothing else are left out. */
static void
classify_single (ClipEntityScan *self,
                 guint           i)
{
  g_autofree char *word = words_of (self, i, i);
  const char *full;

  if (self->owner[i] != NULL || clip_attribution_data_is_stopword (self->data, lower (self, i)))
    return;
  if ((full = clip_entity_scan_full_name (self, lower (self, i), tok (self, i)->start)) != NULL)
    add_mention (self, i, i, CLIP_ENTITY_PERSON, full, FALSE);
  else if (after_title (self, i))
    add_mention (self, i, i, CLIP_ENTITY_PERSON, NULL, FALSE);
  else if ((full = clip_attribution_data_lookup_place (self->data, word)) != NULL)
    add_mention (self, i, i, CLIP_ENTITY_PLACE, full, FALSE);
  else if ((full = g_hash_table_lookup (self->acronyms, word)) != NULL)
    add_mention (self, i, i, CLIP_ENTITY_ORGANISATION, full, FALSE);
  else if (tok (self, i)->flags & CLIP_TOKEN_ALL_CAPS && g_utf8_strlen (word, -1) <= 6)
    add_mention (self, i, i, CLIP_ENTITY_ORGANISATION, NULL, FALSE);
}

static void
collect_lower_words (ClipEntityScan *self)
{
  for (guint i = 0; i < self->tokens->tokens->len; i++)
    if (tok (self, i)->kind == CLIP_TOKEN_WORD && !is_name_word (self, i))
      g_hash_table_add (self->lower_words, (gpointer) lower (self, i));
}

ClipEntityScan *
clip_entity_scan_new (const ClipTokens *tokens,
                      GPtrArray        *known)
{
  ClipEntityScan *self;
  guint n;

  g_return_val_if_fail (tokens != NULL, NULL);

  self = g_new0 (ClipEntityScan, 1);
  self->tokens = tokens;
  self->data = clip_attribution_data_get_default ();
  self->mentions = g_ptr_array_new_with_free_func ((GDestroyNotify) clip_entity_suggestion_free);
  n = tokens->tokens->len;
  self->owner = g_new0 (ClipEntitySuggestion *, n + 1);
  self->surnames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->acronyms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->lower_words = g_hash_table_new (g_str_hash, g_str_equal);
  self->singles = g_array_new (FALSE, FALSE, sizeof (guint));
  collect_lower_words (self);

  if (known != NULL)
    find_known (self, known);
  for (guint i = 0; i < n; i++)
    if (is_name_word (self, i) && self->owner[i] == NULL)
      {
        guint last = run_end (self, i);

        classify (self, i, last);
        i = last;
      }
  for (guint k = 0; k < self->singles->len; k++)
    classify_single (self, g_array_index (self->singles, guint, k));
  return self;
}

void
clip_entity_scan_free (ClipEntityScan *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->mentions);
  g_free (self->owner);
  g_hash_table_unref (self->surnames);
  g_hash_table_unref (self->acronyms);
  g_hash_table_unref (self->lower_words);
  g_array_unref (self->singles);
  g_free (self);
}

static gint
compare_mentions (gconstpointer a,
                  gconstpointer b)
{
  const ClipEntitySuggestion *x = *(ClipEntitySuggestion **) a;
  const ClipEntitySuggestion *y = *(ClipEntitySuggestion **) b;

  return (x->start > y->start) - (x->start < y->start);
}

GPtrArray *
clip_entity_scan_get_mentions (ClipEntityScan *self)
{
  if (!self->sorted)
    g_ptr_array_sort (self->mentions, compare_mentions);
  self->sorted = TRUE;
  return self->mentions;
}

const ClipEntitySuggestion *
clip_entity_scan_mention_at (ClipEntityScan *self,
                             guint           token)
{
  return token < self->tokens->tokens->len ? self->owner[token] : NULL;
}

const ClipEntitySuggestion *
clip_entity_scan_add (ClipEntityScan *self,
                      guint           first,
                      guint           last,
                      ClipEntityKind  kind)
{
  const char *full = NULL;

  if (self->owner[first] != NULL)
    return self->owner[first];
  if (first == last)
    full = clip_entity_scan_full_name (self, lower (self, first), tok (self, first)->start);
  return add_mention (self, first, last, kind, full, FALSE);
}

void
clip_entity_scan_make_speaker (ClipEntityScan             *self,
                               const ClipEntitySuggestion *mention)
{
  ClipEntitySuggestion *owned = (ClipEntitySuggestion *) mention;

  g_return_if_fail (mention != NULL);

  if (owned->kind != CLIP_ENTITY_PLACE || owned->known ||
      clip_attribution_data_is_country (self->data, owned->name) || strchr (owned->name, ' ') != NULL)
    return;
  owned->kind = CLIP_ENTITY_PERSON;
}

GPtrArray *
clip_entity_suggest (const char *text,
                     GPtrArray  *known)
{
  g_autoptr(ClipTokens) tokens = NULL;
  g_autoptr(ClipEntityScan) scan = NULL;
  GPtrArray *mentions;

  g_return_val_if_fail (text != NULL, NULL);

  tokens = clip_tokens_new (text);
  scan = clip_entity_scan_new (tokens, known);
  mentions = g_ptr_array_ref (clip_entity_scan_get_mentions (scan));
  return mentions;
}
