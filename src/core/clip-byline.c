/* clip-byline.c: a byline read as the people and organisations it names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clip-byline.h"

/* Words that make a name an organisation's: a desk, an agency, a
 * publication. Compared case-insensitively with each word of a name;
 * words that are also common surnames ("Post", "Bloomberg") are left
 * out, and "The …" makes a publication of them. */
static const char * const organisation_words[] = {
  "staff", "news", "press", "agency", "agencies", "agence", "reuters", "afp", "ap",
  "xinhua", "dpa", "ansa", "efe", "kyodo", "tass", "upi", "bbc", "cnn",
  "times", "magazine", "media", "team", "desk", "editors", "editorial",
  "redaktion", "rédaction", "redacción", "redação", "service", "wire", "inc", "inc.",
  "ltd", "ltd.", "llc", "foundation", "organization", "organisation", "contributors",
  "group", "bureau", "network", "correspondents", "newsroom", "online", "associated",
  "journal", "herald", "tribune", "gazette", "daily", "weekly", "heise", NULL,
};

/* Lower-case words that belong to the family name that follows them. */
static const char * const particles[] = {
  "de", "da", "das", "do", "dos", "du", "del", "della", "der", "den", "di", "van",
  "von", "ten", "ter", "la", "le", "bin", "ibn", "al", "el", NULL,
};

static const char * const suffixes[] = {
  "jr", "jr.", "sr", "sr.", "ii", "iii", "iv", NULL,
};

/* Degrees after a name ("Brenda Goodman, MA") are not part of it. */
static const char * const degrees[] = {
  "ma", "md", "phd", "ph.d.", "ms", "msc", "mph", "rn", "bsc", "mba", "do", NULL,
};

/* What is left of a date or a "Posted" line once its digits are cut. */
static const char * const noise[] = {
  "january", "february", "march", "april", "may", "june", "july", "august",
  "september", "october", "november", "december", "jan", "feb", "mar", "apr",
  "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "posted", "updated",
  "published", "by", NULL,
};

void
clip_byline_name_free (ClipBylineName *name)
{
  if (name == NULL)
    return;
  g_free (name->literal);
  g_free (name->family);
  g_free (name->given);
  g_free (name->suffix);
  g_free (name);
}

static gboolean
in_list (const char * const *list,
         const char         *word)
{
  g_autofree char *folded = g_utf8_strdown (word, -1);

  return g_strv_contains (list, folded);
}

/* Chinese, Japanese and Korean names have no space between family and
 * given name and are kept whole. */
static gboolean
has_cjk (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
          (c >= 0xF900 && c <= 0xFAFF))
        return TRUE;
    }
  return FALSE;
}

static guint
count_words (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    n += words[i][0] != '\0';
  return n;
}

static char *
replace (const char *pattern,
         const char *text,
         const char *replacement)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);

  g_assert (regex != NULL);
  return g_regex_replace (regex, text, -1, 0, replacement, 0, NULL);
}

/* One line of a byline, without its "By", the date or the word count
 * that sites print after the name, and the handles or URLs in
 * parentheses at its end; "(avec B et C)" becomes a list. */
static char *
clean_segment (const char *line)
{
  g_autofree char *spaced = replace ("\\s+", line, " ");
  g_autofree char *unprefixed = NULL;
  g_autofree char *dated = NULL;
  g_autofree char *with = NULL;
  g_autofree char *untailed = NULL;
  char *cut;

  unprefixed = replace ("^\\s*(?:(?:written|edited|reported|text|words|photos?)\\s+)?"
                        "(?:by|par|por|von)\\b\\s*:?\\s*",
                        spaced, "");
  cut = strpbrk (unprefixed, "0123456789|");
  if (cut != NULL)
    *cut = '\0';
  dated = replace ("\\s+(?:on|//|\u2022|-|\u2013|\u2014)(?:\\s.*)?$", unprefixed, "");
  with = replace ("\\(\\s*(?:avec|with|con|mit|and|et|e|und)\\s+([^)]*)\\)", dated, ", \\1");
  untailed = replace ("\\([^)]*\\)\\s*$", with, "");
  return replace ("[()]", untailed, "");
}

/* Title case for a name printed in capitals ("JOE HILDEBRAND"). */
static char *
uncapitalise (const char *name)
{
  g_autofree char *lower = NULL;
  GString *out;
  gboolean start = TRUE;

  if (!g_utf8_validate (name, -1, NULL) || count_words (name) < 2)
    return g_strdup (name);
  {
    g_autofree char *upper = g_utf8_strup (name, -1);

    if (strcmp (upper, name) != 0)
      return g_strdup (name);
  }

  lower = g_utf8_strdown (name, -1);
  out = g_string_new (NULL);
  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, start ? g_unichar_totitle (c) : c);
      start = c == ' ' || c == '-' || c == '\'' || c == 0x2019;
    }
  return g_string_free (out, FALSE);
}

static gboolean
has_organisation_word (const char *name)
{
  g_auto(GStrv) words = g_strsplit (name, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (in_list (organisation_words, words[i]))
      return TRUE;
  return FALSE;
}

/* A single word is a desk or an agency far more often than a person
 * known by one name. */
static gboolean
is_organisation (const char *name)
{
  return strchr (name, '&') != NULL || count_words (name) == 1 || has_organisation_word (name) ||
         g_ascii_strncasecmp (name, "the ", 4) == 0;
}

static void
split_person (ClipBylineName *person)
{
  g_auto(GStrv) words = g_strsplit (person->literal, " ", -1);
  guint n = g_strv_length (words);
  guint family = n - 1;

  while (family > 1 && in_list (particles, words[family - 1]))
    family--;

  person->family = g_strjoinv (" ", words + family);
  /* The given names are the words before: the array is cut there for the
   * join and made whole again, so that every word is freed with it. */
  {
    char *first_family = words[family];

    words[family] = NULL;
    person->given = g_strjoinv (" ", words);
    words[family] = first_family;
  }
}

static ClipBylineName *
make_name (const char *text)
{
  ClipBylineName *name = g_new0 (ClipBylineName, 1);

  if (has_cjk (text) || !is_organisation (text))
    {
      name->kind = CLIP_BYLINE_PERSON;
      name->literal = uncapitalise (text);
      if (!has_cjk (text))
        split_person (name);
    }
  else
    {
      name->kind = CLIP_BYLINE_ORGANISATION;
      name->literal = g_strdup (text);
    }
  return name;
}

/* "Jong, Michiel de": a single family name, a comma and the given
 * names, as library catalogues write a name. */
static ClipBylineName *
inverted_name (const char *segment)
{
  g_auto(GStrv) parts = g_strsplit (segment, ",", -1);
  ClipBylineName *name;

  if (g_strv_length (parts) != 2)
    return NULL;
  g_strstrip (parts[0]);
  g_strstrip (parts[1]);
  if (count_words (parts[0]) != 1 || parts[1][0] == '\0' ||
      in_list (suffixes, parts[1]) || in_list (degrees, parts[1]) ||
      has_organisation_word (segment) || count_words (parts[1]) > 2)
    return NULL;

  name = g_new0 (ClipBylineName, 1);
  name->kind = CLIP_BYLINE_PERSON;
  name->family = g_strdup (parts[0]);
  name->given = g_strdup (parts[1]);
  name->literal = g_strdup_printf ("%s %s", parts[1], parts[0]);
  return name;
}

/* "&", "e" and "y" join two people only when both sides are full
 * names: "Mac & i" is a magazine, "Ortega y Gasset" one surname. */
static void
add_part (GPtrArray  *names,
          const char *part)
{
  g_autoptr(GRegex) weak = g_regex_new ("\\s+(?:&|e|y)\\s+", G_REGEX_CASELESS, 0, NULL);
  g_auto(GStrv) sides = g_regex_split (weak, part, 0);
  gboolean split = g_strv_length (sides) > 1;
  ClipBylineName *last = names->len > 0 ? g_ptr_array_index (names, names->len - 1) : NULL;

  if (part[0] == '\0' || in_list (degrees, part) || in_list (noise, part))
    return;
  if (in_list (suffixes, part) && last != NULL && last->family != NULL)
    {
      g_free (last->suffix);
      last->suffix = g_strdup (part);
      return;
    }
  for (guint i = 0; split && sides[i] != NULL; i++)
    split = count_words (sides[i]) >= 2;
  if (!split)
    {
      g_ptr_array_add (names, make_name (part));
      return;
    }
  for (guint i = 0; sides[i] != NULL; i++)
    g_ptr_array_add (names, make_name (sides[i]));
}

/* A role after a name ("NBC News contributor", "Staff Writer") is
 * not a name. */
static char *
drop_role (const char *part)
{
  char *name = replace ("\\s*\\b(?:(?:executive|managing|senior|contributing|staff)\\s+)?"
                        "(?:contributor|correspondent|editor|reporter|writer)s?$", part, "");

  return g_strstrip (name);
}

static void
parse_segment (GPtrArray  *names,
               const char *line)
{
  g_autofree char *segment = clean_segment (line);
  g_autoptr(GRegex) separators = NULL;
  g_auto(GStrv) parts = NULL;
  ClipBylineName *inverted;

  g_strstrip (segment);
  if ((inverted = inverted_name (segment)) != NULL)
    {
      g_ptr_array_add (names, inverted);
      return;
    }

  separators = g_regex_new ("\\s*(?:,\\s*(?:(?:and|et|und)\\s+)?|;|\\s+(?:and|et|und|with|avec|con|mit)\\s+)\\s*",
                            G_REGEX_CASELESS, 0, NULL);
  parts = g_regex_split (separators, segment, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = drop_role (g_strstrip (parts[i]));

      add_part (names, part);
    }
}

GPtrArray *
clip_byline_parse (const char *byline)
{
  GPtrArray *names = g_ptr_array_new_with_free_func ((GDestroyNotify)clip_byline_name_free);
  g_auto(GStrv) lines = NULL;

  if (byline == NULL || !g_utf8_validate (byline, -1, NULL))
    return names;

  lines = g_strsplit_set (byline, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    parse_segment (names, lines[i]);
  return names;
}

char *
clip_byline_name_inverted (const ClipBylineName *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (name->family == NULL)
    return g_strdup (name->literal);
  if (name->suffix != NULL)
    return g_strdup_printf ("%s, %s, %s", name->family, name->suffix, name->given);
  return g_strdup_printf ("%s, %s", name->family, name->given);
}
