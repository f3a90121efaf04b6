/* clip-query.c: the search query parser (syntax in clip-query.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "clip-query.h"

typedef struct {
  char *text;     /* as typed, without quotes and trailing stars */
  GStrv tokens;   /* folded words, as the index sees them */
  gboolean phrase;
  gboolean prefix;
} Term;

struct _ClipQuery
{
  gatomicrefcount ref_count;

  GPtrArray *terms;
  GPtrArray *excluded;
  GPtrArray *tags;
  GPtrArray *entities;
  GArray *entity_ids;
  GPtrArray *sites;
  GPtrArray *kinds;
  char *before;
  char *after;

  char *match;
  char *exclude;
  /* The words typed, repeats included: what the limit counts. */
  guint n_words;
};

G_DEFINE_BOXED_TYPE (ClipQuery, clip_query, clip_query_ref, clip_query_unref)
G_DEFINE_QUARK (clip-query-error-quark, clip_query_error)

static void
term_free (gpointer data)
{
  Term *term = data;

  g_free (term->text);
  g_strfreev (term->tokens);
  g_free (term);
}

static Term *
term_copy (const Term *term)
{
  Term *copy = g_new0 (Term, 1);

  copy->text = g_strdup (term->text);
  copy->tokens = g_strdupv (term->tokens);
  copy->phrase = term->phrase;
  copy->prefix = term->prefix;
  return copy;
}

ClipQuery *
clip_query_new (void)
{
  ClipQuery *self = g_new0 (ClipQuery, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->terms = g_ptr_array_new_with_free_func (term_free);
  self->excluded = g_ptr_array_new_with_free_func (term_free);
  self->tags = g_ptr_array_new_with_free_func (g_free);
  self->entities = g_ptr_array_new_with_free_func (g_free);
  self->entity_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->sites = g_ptr_array_new_with_free_func (g_free);
  self->kinds = g_ptr_array_new_with_free_func (g_free);
  return self;
}

ClipQuery *
clip_query_ref (ClipQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
clip_query_unref (ClipQuery *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_ptr_array_unref (self->terms);
  g_ptr_array_unref (self->excluded);
  g_ptr_array_unref (self->tags);
  g_ptr_array_unref (self->entities);
  g_array_unref (self->entity_ids);
  g_ptr_array_unref (self->sites);
  g_ptr_array_unref (self->kinds);
  g_free (self->before);
  g_free (self->after);
  g_free (self->match);
  g_free (self->exclude);
  g_free (self);
}

static void
copy_strings (GPtrArray *to,
              GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, g_strdup (g_ptr_array_index (from, i)));
}

ClipQuery *
clip_query_copy (ClipQuery *self)
{
  ClipQuery *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = clip_query_new ();
  for (guint i = 0; i < self->terms->len; i++)
    g_ptr_array_add (copy->terms, term_copy (g_ptr_array_index (self->terms, i)));
  for (guint i = 0; i < self->excluded->len; i++)
    g_ptr_array_add (copy->excluded, term_copy (g_ptr_array_index (self->excluded, i)));
  copy_strings (copy->tags, self->tags);
  copy_strings (copy->entities, self->entities);
  copy_strings (copy->sites, self->sites);
  copy_strings (copy->kinds, self->kinds);
  g_array_append_vals (copy->entity_ids, self->entity_ids->data, self->entity_ids->len);
  copy->before = g_strdup (self->before);
  copy->after = g_strdup (self->after);
  copy->match = g_strdup (self->match);
  copy->n_words = self->n_words;
  copy->exclude = g_strdup (self->exclude);
  return copy;
}

/* Folding, as unicode61 with remove_diacritics 2 does it: a character
 * that canonically decomposes into a base and combining marks becomes the
 * base; marks on their own are dropped; then lower case. */
static gunichar
fold_char (gunichar c)
{
  gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n = g_unichar_fully_decompose (c, FALSE, parts, G_N_ELEMENTS (parts));
  gboolean marks_only = n > 1;

  for (gsize i = 1; i < n; i++)
    marks_only = marks_only && g_unichar_ismark (parts[i]);

  return g_unichar_tolower (marks_only ? parts[0] : c);
}

char *
clip_query_fold (const char *text)
{
  GString *folded;

  g_return_val_if_fail (text != NULL, NULL);

  /* Plain ASCII (most site names and tags) folds to its lower case; the
   * search filters fold every row's value, so this path counts. */
  {
    const char *p = text;

    while (*p != '\0' && (guchar)*p < 0x80)
      p++;
    if (*p == '\0')
      return g_ascii_strdown (text, p - text);
  }

  folded = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar)-1 || c == (gunichar)-2)
        break;
      if (!g_unichar_ismark (c))
        g_string_append_unichar (folded, fold_char (c));
    }

  return g_string_free (folded, FALSE);
}

/* The characters the index keeps in words: letters, digits, private use. */
static gboolean
is_token_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) ||
         g_unichar_type (c) == G_UNICODE_PRIVATE_USE;
}

typedef struct {
  char *word;    /* folded */
  glong start;   /* code points */
  glong end;
} Token;

static void
token_clear (gpointer data)
{
  g_free (((Token *)data)->word);
}

/* Splits text into folded words with their code-point offsets. */
static GArray *
tokenize (const char *text)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  GString *word = g_string_new (NULL);
  glong pos = 0;
  glong start = 0;

  g_array_set_clear_func (tokens, token_clear);

  for (const char *p = text; ; p = g_utf8_next_char (p), pos++)
    {
      gunichar c = *p != '\0' ? g_utf8_get_char (p) : 0;

      if (c != 0 && is_token_char (c))
        {
          if (word->len == 0)
            start = pos;
          if (!g_unichar_ismark (c))
            g_string_append_unichar (word, fold_char (c));
          continue;
        }

      if (word->len > 0)
        {
          Token token = { g_strdup (word->str), start, pos };
          g_array_append_val (tokens, token);
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }

  g_string_free (word, TRUE);
  return tokens;
}

static GStrv
term_tokens (const char *text)
{
  g_autoptr(GArray) tokens = tokenize (text);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < tokens->len; i++)
    g_strv_builder_add (builder, g_array_index (tokens, Token, i).word);
  return g_strv_builder_end (builder);
}

/* An FTS5 string: the text in double quotes, its quotes doubled. */
static void
append_fts_string (GString    *expr,
                   const Term *term)
{
  g_string_append_c (expr, '"');
  for (const char *p = term->text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (expr, '"');
      g_string_append_c (expr, *p);
    }
  g_string_append_c (expr, '"');
  if (term->prefix)
    g_string_append (expr, " *");
}

static char *
build_expression (GPtrArray  *terms,
                  const char *op)
{
  GString *expr;

  if (terms->len == 0)
    return NULL;

  expr = g_string_new (NULL);
  for (guint i = 0; i < terms->len; i++)
    {
      if (i > 0)
        g_string_append (expr, op);
      append_fts_string (expr, g_ptr_array_index (terms, i));
    }
  return g_string_free (expr, FALSE);
}

static gboolean
is_space (const char *p)
{
  return *p != '\0' && g_unichar_isspace (g_utf8_get_char (p));
}

static gboolean
is_quote (const char *p)
{
  gunichar c = g_utf8_get_char (p);

  return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E;
}

static gboolean
syntax_error (GError     **error,
              const char  *message)
{
  g_set_error_literal (error, CLIP_QUERY_ERROR, CLIP_QUERY_ERROR_SYNTAX, message);
  return FALSE;
}

/* Reads a quoted string at *p (which is at the opening quote). */
static char *
read_quoted (const char  **p,
             GError      **error)
{
  const char *start = g_utf8_next_char (*p);
  const char *end = start;

  while (*end != '\0' && !is_quote (end))
    end = g_utf8_next_char (end);

  if (*end == '\0')
    {
      syntax_error (error, _("A quote is not closed"));
      return NULL;
    }

  *p = g_utf8_next_char (end);
  return g_strndup (start, end - start);
}

/* Reads a bare word: up to a space or a quote. */
static char *
read_bare (const char **p)
{
  const char *start = *p;

  while (**p != '\0' && !is_space (*p) && !is_quote (*p))
    *p = g_utf8_next_char (*p);
  return g_strndup (start, *p - start);
}

/* Whether terms holds one that finds the same: the same words, folded,
 * and the same trailing star. */
static gboolean
has_term (GPtrArray  *terms,
          const Term *term)
{
  g_autofree char *joined = g_strjoinv (" ", term->tokens);
  g_autofree char *folded = clip_query_fold (joined);

  for (guint i = 0; i < terms->len; i++)
    {
      const Term *other = g_ptr_array_index (terms, i);
      g_autofree char *other_joined = NULL;
      g_autofree char *other_folded = NULL;

      if (other->prefix != term->prefix ||
          g_strv_length (other->tokens) != g_strv_length (term->tokens))
        continue;
      other_joined = g_strjoinv (" ", other->tokens);
      other_folded = clip_query_fold (other_joined);
      if (g_str_equal (folded, other_folded))
        return TRUE;
    }
  return FALSE;
}

static gboolean
add_term (ClipQuery  *self,
          char       *text,
          gboolean    phrase,
          gboolean    prefix,
          gboolean    excluded,
          guint      *n_dropped)
{
  Term *term = g_new0 (Term, 1);

  term->text = text;
  term->tokens = term_tokens (text);
  term->phrase = phrase;
  term->prefix = prefix;

  /* The index would find nothing for a word without letters or digits. */
  if (term->tokens[0] == NULL)
    {
      term_free (term);
      (*n_dropped)++;
      return TRUE;
    }

  self->n_words += g_strv_length (term->tokens);

  /* The same word twice finds nothing more, and made the index rank and
   * cut snippets for it twice over. */
  if (has_term (excluded ? self->excluded : self->terms, term))
    {
      term_free (term);
      return TRUE;
    }

  g_ptr_array_add (excluded ? self->excluded : self->terms, term);
  return TRUE;
}

/* Reads a word or a phrase with its optional trailing star. */
static gboolean
parse_term (ClipQuery   *self,
            const char **p,
            gboolean     excluded,
            guint       *n_dropped,
            GError     **error)
{
  g_autofree char *text = NULL;
  gboolean phrase = is_quote (*p);
  gboolean prefix = FALSE;
  gsize len;

  text = phrase ? read_quoted (p, error) : read_bare (p);
  if (text == NULL)
    return FALSE;

  if (phrase && **p == '*')
    {
      prefix = TRUE;
      while (**p == '*')
        (*p)++;
    }

  len = strlen (text);
  while (!phrase && len > 0 && text[len - 1] == '*')
    {
      text[--len] = '\0';
      prefix = TRUE;
    }

  if (len == 0 && prefix)
    return syntax_error (error, _("A “*” needs a word before it"));

  return add_term (self, g_steal_pointer (&text), phrase, prefix, excluded, n_dropped);
}

static gboolean
filter_error (GError     **error,
              const char  *message)
{
  g_set_error_literal (error, CLIP_QUERY_ERROR, CLIP_QUERY_ERROR_FILTER, message);
  return FALSE;
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD": the first day of the period and the
 * first day after it. */
static gboolean
parse_period (const char  *value,
              GDate       *first,
              GDate       *next)
{
  guint year = 0, month = 0, day = 0;
  int consumed = 0;
  gsize len = strlen (value);

  if (len == 4 && sscanf (value, "%4u%n", &year, &consumed) == 1 && consumed == 4)
    {
      month = 1;
      day = 1;
    }
  else if (len == 7 && sscanf (value, "%4u-%2u%n", &year, &month, &consumed) == 2 && consumed == 7)
    {
      day = 1;
    }
  else if (!(len == 10 && sscanf (value, "%4u-%2u-%2u%n", &year, &month, &day, &consumed) == 3 &&
             consumed == 10))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (value[i]) && value[i] != '-')
      return FALSE;

  if (year < 1 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_set_dmy (first, day, month, year);
  *next = *first;
  if (len == 4)
    g_date_add_years (next, 1);
  else if (len == 7)
    g_date_add_months (next, 1);
  else
    g_date_add_days (next, 1);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

static gboolean
parse_date_filter (ClipQuery   *self,
                   gboolean     before,
                   const char  *value,
                   GError     **error)
{
  GDate first, next;
  g_autofree char *bound = NULL;
  char **slot = before ? &self->before : &self->after;

  g_date_clear (&first, 1);
  g_date_clear (&next, 1);
  if (!parse_period (value, &first, &next))
    {
      g_set_error (error, CLIP_QUERY_ERROR, CLIP_QUERY_ERROR_DATE,
                   _("“%s” is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"), value);
      return FALSE;
    }

  /* Two before: keep the earlier bound, two after: the later one. */
  bound = format_date (before ? &first : &next);
  if (*slot == NULL || (before ? strcmp (bound, *slot) < 0 : strcmp (bound, *slot) > 0))
    {
      g_free (*slot);
      *slot = g_steal_pointer (&bound);
    }
  return TRUE;
}

static gboolean
apply_filter (ClipQuery   *self,
              const char  *name,
              const char  *value,
              GError     **error)
{
  static const char * const kinds[] = { "highlight", "quote", "entity", "note" };
  g_autofree char *folded = clip_query_fold (value);

  if (g_ascii_strcasecmp (name, "before") == 0 || g_ascii_strcasecmp (name, "after") == 0)
    return parse_date_filter (self, g_ascii_strcasecmp (name, "before") == 0, value, error);

  if (g_ascii_strcasecmp (name, "tag") == 0)
    g_ptr_array_add (self->tags, g_steal_pointer (&folded));
  else if (g_ascii_strcasecmp (name, "entity") == 0)
    g_ptr_array_add (self->entities, g_steal_pointer (&folded));
  else if (g_ascii_strcasecmp (name, "site") == 0)
    g_ptr_array_add (self->sites, g_steal_pointer (&folded));
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        if (g_str_equal (folded, kinds[i]))
          {
            g_ptr_array_add (self->kinds, g_strdup (kinds[i]));
            return TRUE;
          }
      g_set_error (error, CLIP_QUERY_ERROR, CLIP_QUERY_ERROR_FILTER,
                   _("Unknown kind “%s” (use highlight, quote, entity or note)"), value);
      return FALSE;
    }

  return TRUE;
}

/* Recognises "name:" for a known filter name at p. */
static gboolean
read_filter_name (const char  *p,
                  char       **name,
                  const char **value)
{
  static const char * const names[] = { "tag", "entity", "site", "kind", "before", "after" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gsize len = strlen (names[i]);

      if (g_ascii_strncasecmp (p, names[i], len) == 0 && p[len] == ':')
        {
          *name = g_strdup (names[i]);
          *value = p + len + 1;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
parse_filter (ClipQuery   *self,
              const char  *name,
              const char **p,
              GError     **error)
{
  g_autofree char *value = NULL;
  g_autofree char *stripped = NULL;

  value = is_quote (*p) ? read_quoted (p, error) : read_bare (p);
  if (value == NULL)
    return FALSE;

  stripped = g_strstrip (g_strdup (value));
  if (stripped[0] == '\0')
    {
      g_autofree char *message = g_strdup_printf (_("“%s:” needs a value"), name);
      return filter_error (error, message);
    }

  return apply_filter (self, name, stripped, error);
}

static gboolean
parse_part (ClipQuery   *self,
            const char **p,
            guint       *n_dropped,
            GError     **error)
{
  gboolean excluded = FALSE;
  g_autofree char *name = NULL;
  const char *value;

  if (**p == '-')
    {
      excluded = TRUE;
      (*p)++;
      if (**p == '\0' || is_space (*p))
        return syntax_error (error, _("A “-” needs a word after it"));
    }

  if (read_filter_name (*p, &name, &value))
    {
      if (excluded)
        return syntax_error (error, _("Filters cannot be excluded with “-”"));
      *p = value;
      return parse_filter (self, name, p, error);
    }

  return parse_term (self, p, excluded, n_dropped, error);
}

/* Every word typed counts, those of a phrase and repeats too. */
static guint
count_parts (ClipQuery *self)
{
  return self->n_words + self->tags->len + self->entities->len + self->sites->len + self->kinds->len;
}

static gboolean
parse_all (ClipQuery   *self,
           const char  *text,
           GError     **error)
{
  const char *p = text;
  guint n_dropped = 0;

  while (TRUE)
    {
      while (is_space (p))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;
      if (!parse_part (self, &p, &n_dropped, error))
        return FALSE;
      if (count_parts (self) > CLIP_QUERY_MAX_TERMS)
        {
          g_set_error (error, CLIP_QUERY_ERROR, CLIP_QUERY_ERROR_TOO_LONG,
                       _("The search has more than %d words and filters; use fewer"),
                       CLIP_QUERY_MAX_TERMS);
          return FALSE;
        }
    }

  if (n_dropped > 0 && clip_query_is_empty (self))
    {
      g_set_error_literal (error, CLIP_QUERY_ERROR, CLIP_QUERY_ERROR_NO_WORDS,
                           _("There are no letters or digits to look for"));
      return FALSE;
    }

  return TRUE;
}

ClipQuery *
clip_query_parse (const char  *text,
                  GError     **error)
{
  g_autoptr(ClipQuery) self = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      syntax_error (error, _("The search is not valid text"));
      return NULL;
    }
  if (g_utf8_strlen (text, -1) > CLIP_QUERY_MAX_LENGTH)
    {
      g_set_error (error, CLIP_QUERY_ERROR, CLIP_QUERY_ERROR_TOO_LONG,
                   _("The search is longer than %d characters; use fewer words"),
                   CLIP_QUERY_MAX_LENGTH);
      return NULL;
    }

  self = clip_query_new ();
  if (!parse_all (self, text, error))
    return NULL;

  self->match = build_expression (self->terms, " AND ");
  self->exclude = build_expression (self->excluded, " OR ");
  return g_steal_pointer (&self);
}

void
clip_query_add_tag (ClipQuery  *self,
                    const char *tag)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (tag != NULL);

  g_ptr_array_add (self->tags, clip_query_fold (tag));
}

void
clip_query_add_entity_id (ClipQuery *self,
                          gint64     entity_id)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (entity_id > 0);

  g_array_append_val (self->entity_ids, entity_id);
}

gboolean
clip_query_has_terms (ClipQuery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->terms->len > 0;
}

gboolean
clip_query_has_filters (ClipQuery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->tags->len > 0 || self->entities->len > 0 || self->entity_ids->len > 0 ||
         self->sites->len > 0 || self->kinds->len > 0 ||
         self->before != NULL || self->after != NULL;
}

gboolean
clip_query_is_empty (ClipQuery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->terms->len == 0 && self->excluded->len == 0 && !clip_query_has_filters (self);
}

const char *
clip_query_get_match (ClipQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->match;
}

const char *
clip_query_get_exclude (ClipQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->exclude;
}

GPtrArray *
clip_query_get_tags (ClipQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->tags;
}

GPtrArray *
clip_query_get_entities (ClipQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->entities;
}

GArray *
clip_query_get_entity_ids (ClipQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->entity_ids;
}

GPtrArray *
clip_query_get_sites (ClipQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->sites;
}

GPtrArray *
clip_query_get_kinds (ClipQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->kinds;
}

const char *
clip_query_get_before (ClipQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->before;
}

const char *
clip_query_get_after (ClipQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->after;
}

/* Does the term's word sequence start at token i? */
static gboolean
term_matches_at (const Term *term,
                 GArray     *tokens,
                 guint       i)
{
  guint n = g_strv_length (term->tokens);

  if (i + n > tokens->len)
    return FALSE;

  for (guint k = 0; k < n; k++)
    {
      const char *word = g_array_index (tokens, Token, i + k).word;
      gboolean last = k + 1 == n;

      if (last && term->prefix ? !g_str_has_prefix (word, term->tokens[k])
                               : !g_str_equal (word, term->tokens[k]))
        return FALSE;
    }
  return TRUE;
}

gboolean
clip_query_find_match (ClipQuery  *self,
                       const char *text,
                       glong      *start,
                       glong      *end)
{
  g_autoptr(GArray) tokens = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (self->terms->len == 0)
    return FALSE;

  tokens = tokenize (text);
  for (guint i = 0; i < tokens->len; i++)
    for (guint t = 0; t < self->terms->len; t++)
      {
        Term *term = g_ptr_array_index (self->terms, t);

        if (!term_matches_at (term, tokens, i))
          continue;
        if (start != NULL)
          *start = g_array_index (tokens, Token, i).start;
        if (end != NULL)
          *end = g_array_index (tokens, Token, i + g_strv_length (term->tokens) - 1).end;
        return TRUE;
      }

  return FALSE;
}
