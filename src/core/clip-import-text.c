/* clip-import-text.c: plain text as pasted from a news site
 *
 * A pasted article is a title line, a few header lines (dateline, source,
 * byline, photo caption), the body paragraphs, and whatever the site had
 * around them: link lists, "most read" headings, menus. Lines are
 * classified with general rules (sentence punctuation and length, bullets,
 * trailing pipes, short lines without punctuation), never by the wording
 * of a particular site; the body is the largest run of prose lines, with
 * the sections next to it that are more than teasers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "clip-import.h"
#include "clip-text.h"

/* A line that ends like a sentence is a paragraph when it has at least
 * this many words; shorter ones may be headlines ("Will X be good?"). */
#define PROSE_MIN_WORDS 10
/* A line this long is a paragraph even without final punctuation. */
#define LONG_MIN_WORDS 30
#define LONG_MIN_CHARS 200
/* A run of prose next to the body joins it when it has this many
 * paragraphs in a row or this much text, with at most this many lines
 * between. */
#define MERGE_MIN_RUN 2
#define MERGE_MIN_BYTES 400
#define MERGE_MAX_LINES_BETWEEN 2
/* Header lines (dateline, source, byline) follow the title closely. */
#define HEADER_MAX_LINES 8
/* Leading menus and separators skipped when looking for the title. */
#define TITLE_MAX_LINE 10
/* A title made from the first words of the text is at most this long. */
#define TITLE_MAX_CHARS 80
/* Limits for lines that can be a dateline or a source/byline. */
#define DATELINE_MAX_CHARS 100
#define DATELINE_MAX_OTHER_WORDS 5
/* The first line is not the title when it is a date with at most this
 * many other words; titles may well mention a date. */
#define TITLE_DATE_MAX_OTHER_WORDS 2
#define SOURCE_MAX_WORDS 5
#define BYLINE_MAX_WORDS 10
#define CREDIT_MAX_CHARS 80

typedef enum {
  LINE_BLANK,
  LINE_SEPARATOR, /* no letters or digits: "|", "-----", "* * *" */
  LINE_NAV,       /* a link list item, a menu, or a line ending in "|" */
  LINE_CAPTION,   /* ends with a photo credit: "[Photo/IC]", "(Photo: AFP)" */
  LINE_HEADER,    /* a dateline, source or byline after the title */
  LINE_HEADING,   /* short, no sentence punctuation: heading or headline */
  LINE_SHORT,     /* ends like a sentence, but has few words */
  LINE_PROSE,     /* a paragraph */
} LineKind;

typedef struct {
  char *text;    /* whitespace collapsed and trimmed */
  LineKind kind;
} Line;

typedef struct {
  guint start;
  guint end;     /* inclusive */
  gsize score;   /* bytes of text */
  guint max_run; /* most paragraphs in a row, without a heading between */
} Cluster;

static void
line_free (gpointer data)
{
  Line *line = data;

  g_free (line->text);
  g_free (line);
}

static gboolean
is_invisible (gunichar c)
{
  /* Byte order marks and zero-width spaces come along with pastes. */
  return c == 0xFEFF || c == 0x200B;
}

/* Collapses whitespace runs (tabs, no-break spaces) to one space and
 * trims the ends, so that line endings and word counts can be read. */
static char *
collapse_line (const char *start,
               const char *end)
{
  GString *out = g_string_sized_new (end - start);
  gboolean pending_space = FALSE;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_invisible (c))
        continue;
      if (g_unichar_isspace (c))
        {
          pending_space = out->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Splits on "\n", "\r\n" and "\r", as pastes from any system come. */
static GPtrArray *
split_lines (const char *text,
             gsize       length)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  const char *end = text + length;
  const char *p = text;

  while (p < end)
    {
      const char *eol = p;

      while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;

      g_ptr_array_add (lines, collapse_line (p, eol));

      if (eol < end && *eol == '\r' && eol + 1 < end && eol[1] == '\n')
        eol++;
      p = eol + 1;
    }

  return lines;
}

static gboolean
has_alnum (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_isalnum (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

/* Words are space-separated runs with a letter or digit in them. Scripts
 * written without spaces count about one word per two characters. */
static guint
count_words (const char *text)
{
  g_auto(GStrv) tokens = g_strsplit (text, " ", -1);
  guint n_words = 0;
  guint n_wide = 0;

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (has_alnum (tokens[i]))
        n_words++;
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iswide (g_utf8_get_char (p)))
        n_wide++;
    }

  return n_words + n_wide / 2;
}

static gboolean
is_closing_mark (gunichar c)
{
  return c == '"' || c == '\'' || c == ')' || c == ']' ||
         c == 0x2019 || c == 0x201D || c == 0x00BB || c == 0x203A ||
         c == 0x300D || c == 0x300F;
}

static gboolean
is_sentence_end (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x2026 ||
         c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
}

/* The last character before any closing quotes or brackets. */
static gunichar
last_significant_char (const char *text)
{
  const char *p = text + strlen (text);

  while (p > text)
    {
      gunichar c;

      p = g_utf8_prev_char (p);
      c = g_utf8_get_char (p);
      if (!is_closing_mark (c))
        return c;
    }

  return 0;
}

static gboolean
ends_sentence (const char *text)
{
  return is_sentence_end (last_significant_char (text));
}

static gboolean
has_bullet (const char *text)
{
  static const gunichar marks[] = {
    0x2022, 0x00B7, 0x2013, 0x2014, 0x00BB, 0x203A, 0x25AA, 0x25A0,
    0x25CF, 0x25CB, 0x25E6, 0x25BA, 0x25B6, 0x2023, 0x2043,
  };
  gunichar c = g_utf8_get_char (text);

  /* ASCII markers need a space after them: "-5 degrees" is not a list. */
  if (c == '-' || c == '*' || c == '+')
    return text[1] == ' ';

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    {
      if (c == marks[i])
        return TRUE;
    }

  return FALSE;
}

static guint
count_char (const char *text,
            char        c)
{
  guint n = 0;

  for (; *text != '\0'; text++)
    n += *text == c;

  return n;
}

/* Menus are pipe-separated link texts ("World | Business | Sport") and
 * link lists on some sites end each item with a pipe. */
static gboolean
is_menu (const char *text)
{
  return g_str_has_suffix (text, "|") || count_char (text, '|') >= 2;
}

/* Finds the bracket that a final ")" or "]" closes, in the same line. */
static const char *
find_opening_bracket (const char *text,
                      const char *close)
{
  char open = *close == ')' ? '(' : '[';

  for (const char *p = close; p > text; p--)
    {
      if (p[-1] == open)
        return p - 1;
    }

  return NULL;
}

static gboolean
is_credit (const char *text,
           gsize       length)
{
  static const char *words[] = {
    "photo", "image", "picture", "credit", "illustration", "graphic",
    "courtesy",
  };
  g_autofree char *lower = NULL;

  if (length == 0 || length > CREDIT_MAX_CHARS)
    return FALSE;

  lower = g_ascii_strdown (text, length);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      if (strstr (lower, words[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* A caption ends with a bracketed credit, "[Photo/IC]" or "(Photo: AFP)",
 * possibly followed by a stray pipe from the page layout. */
static gboolean
is_caption (const char *text)
{
  const char *end = text + strlen (text);
  const char *open;

  while (end > text && (end[-1] == ' ' || end[-1] == '|'))
    end--;

  if (end == text || (end[-1] != ')' && end[-1] != ']'))
    return FALSE;

  open = find_opening_bracket (text, end - 1);
  return open != NULL && is_credit (open + 1, end - 1 - (open + 1));
}

static LineKind
classify_line (const char *text)
{
  guint n_words;
  LineKind kind;

  if (*text == '\0')
    return LINE_BLANK;
  if (!has_alnum (text))
    return LINE_SEPARATOR;
  if (is_caption (text))
    return LINE_CAPTION;
  if (g_str_has_suffix (text, "|"))
    return LINE_NAV;

  n_words = count_words (text);
  if (ends_sentence (text))
    kind = n_words >= PROSE_MIN_WORDS ? LINE_PROSE : LINE_SHORT;
  else if (n_words >= LONG_MIN_WORDS || g_utf8_strlen (text, -1) >= LONG_MIN_CHARS)
    kind = LINE_PROSE;
  else
    kind = LINE_HEADING;

  /* A list item that is a whole paragraph is kept as one; headline
   * lists and menus are what a site puts around its articles. */
  if (kind != LINE_PROSE && (has_bullet (text) || is_menu (text)))
    return LINE_NAV;

  return kind;
}

/* Text wrapped at a fixed width (mail, some copy tools) has paragraphs
 * separated by blank lines and many full-width lines followed by more
 * text; the wrap width is the longest line. */
static glong
find_wrap_width (GPtrArray *raw)
{
  glong max_len = 0;
  guint n_blank = 0;
  guint n_nonblank = 0;
  guint n_full = 0;

  for (guint i = 0; i < raw->len; i++)
    {
      const char *text = g_ptr_array_index (raw, i);

      if (*text == '\0')
        n_blank++;
      else
        n_nonblank++;
      max_len = MAX (max_len, g_utf8_strlen (text, -1));
    }

  if (n_blank == 0 || max_len < 50 || max_len > 100)
    return 0;

  for (guint i = 0; i + 1 < raw->len; i++)
    {
      const char *text = g_ptr_array_index (raw, i);
      const char *next = g_ptr_array_index (raw, i + 1);

      if (*next != '\0' && g_utf8_strlen (text, -1) * 10 >= max_len * 7)
        n_full++;
    }

  return n_full >= 3 && n_full * 3 >= n_nonblank ? max_len : 0;
}

static gboolean
should_join (const char *text,
             const char *next,
             glong       wrap_width)
{
  glong length = g_utf8_strlen (text, -1);

  if (*text == '\0' || *next == '\0' || has_bullet (next) || !has_alnum (next))
    return FALSE;

  if (wrap_width > 0)
    return length * 10 >= wrap_width * 7;

  /* Otherwise only a line broken mid-sentence continues on the next. */
  return length >= 40 && !ends_sentence (text) && !is_menu (text) &&
         g_unichar_islower (g_utf8_get_char (next));
}

static GPtrArray *
join_lines (GPtrArray *raw)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (line_free);
  glong wrap_width = find_wrap_width (raw);
  GString *current = NULL;

  for (guint i = 0; i < raw->len; i++)
    {
      const char *text = g_ptr_array_index (raw, i);
      const char *next = i + 1 < raw->len ? g_ptr_array_index (raw, i + 1) : "";
      Line *line;

      if (current == NULL)
        current = g_string_new (text);
      else
        g_string_append_printf (current, " %s", text);

      if (should_join (text, next, wrap_width))
        continue;

      line = g_new0 (Line, 1);
      line->text = g_string_free (g_steal_pointer (&current), FALSE);
      line->kind = classify_line (line->text);
      g_ptr_array_add (lines, line);
    }

  return lines;
}

static Line *
line_at (GPtrArray *lines,
         guint      i)
{
  return g_ptr_array_index (lines, i);
}

static gboolean
is_text_kind (LineKind kind)
{
  return kind == LINE_PROSE || kind == LINE_SHORT || kind == LINE_HEADING;
}

/* Short sentences after the last paragraph stay when they read like the
 * end of a story ("It will be.", a quote) rather than like a headline,
 * which ends with "?" or "!" if it has any punctuation at all. */
static guint
extend_over_short_ending (GPtrArray *lines,
                          guint      end)
{
  for (guint i = end + 1; i < lines->len; i++)
    {
      Line *line = line_at (lines, i);

      if (line->kind == LINE_BLANK || line->kind == LINE_CAPTION)
        continue;
      if (line->kind != LINE_SHORT || last_significant_char (line->text) != '.')
        break;
      end = i;
    }

  return end;
}

static void
measure_cluster (GPtrArray *lines,
                 Cluster   *cluster)
{
  guint run = 0;

  for (guint i = cluster->start; i <= cluster->end; i++)
    {
      Line *line = line_at (lines, i);

      if (is_text_kind (line->kind))
        cluster->score += strlen (line->text);

      if (line->kind == LINE_HEADING)
        run = 0;
      else if (line->kind == LINE_PROSE || line->kind == LINE_SHORT)
        {
          run++;
          cluster->max_run = MAX (cluster->max_run, run);
        }
    }
}

/* A run of prose lines from the paragraph at start. Blank lines,
 * separators, captions and short sentences do not break it; one heading
 * between paragraphs is a subheading, two in a row end it, and so does
 * any link list, menu or header line. */
static Cluster
grow_cluster (GPtrArray *lines,
              guint      start,
              guint     *next)
{
  Cluster cluster = { start, start, 0, 0 };
  gboolean after_heading = FALSE;
  guint i;

  for (i = start + 1; i < lines->len; i++)
    {
      LineKind kind = line_at (lines, i)->kind;

      if (kind == LINE_NAV || kind == LINE_HEADER || (kind == LINE_HEADING && after_heading))
        break;

      after_heading = kind == LINE_HEADING || (after_heading && kind != LINE_PROSE);
      if (kind == LINE_PROSE)
        cluster.end = i;
    }

  *next = i;
  cluster.end = extend_over_short_ending (lines, cluster.end);

  measure_cluster (lines, &cluster);
  return cluster;
}

static GArray *
find_clusters (GPtrArray *lines,
               guint      from)
{
  GArray *clusters = g_array_new (FALSE, FALSE, sizeof (Cluster));
  guint i = from;

  while (i < lines->len)
    {
      Cluster cluster;

      if (line_at (lines, i)->kind != LINE_PROSE)
        {
          i++;
          continue;
        }

      cluster = grow_cluster (lines, i, &i);
      g_array_append_val (clusters, cluster);
    }

  return clusters;
}

/* Sections of a long article are separated by a heading and an image
 * caption, or by a few lines of a video player. A neighbouring run of
 * prose joins the body when only a couple of lines, none of them a link
 * list, a menu or a header line, stand between them, and when it is more
 * than teasers: those alternate headline and sentence, where sections
 * have paragraphs in a row, or one long one. */
static gboolean
can_merge (GPtrArray     *lines,
           const Cluster *left,
           const Cluster *right,
           const Cluster *other)
{
  guint n_between = 0;

  if (other->max_run < MERGE_MIN_RUN && other->score < MERGE_MIN_BYTES)
    return FALSE;

  for (guint i = left->end + 1; i < right->start; i++)
    {
      LineKind kind = line_at (lines, i)->kind;

      if (kind == LINE_NAV || kind == LINE_HEADER)
        return FALSE;
      if (is_text_kind (kind))
        n_between++;
    }

  return n_between <= MERGE_MAX_LINES_BETWEEN;
}

/* The article body is the run of prose with the most text, with the
 * sections around it that can be merged. */
static gboolean
find_body (GPtrArray *lines,
           guint      from,
           Cluster   *body)
{
  g_autoptr(GArray) clusters = find_clusters (lines, from);
  guint best = 0;
  guint first, last;

  if (clusters->len == 0)
    return FALSE;

  for (guint i = 1; i < clusters->len; i++)
    {
      if (g_array_index (clusters, Cluster, i).score > g_array_index (clusters, Cluster, best).score)
        best = i;
    }

  *body = g_array_index (clusters, Cluster, best);
  for (first = best; first > 0; first--)
    {
      Cluster *before = &g_array_index (clusters, Cluster, first - 1);

      if (!can_merge (lines, before, body, before))
        break;
      body->start = before->start;
    }

  for (last = best; last + 1 < clusters->len; last++)
    {
      Cluster *after = &g_array_index (clusters, Cluster, last + 1);

      if (!can_merge (lines, body, after, after))
        break;
      body->end = after->end;
    }

  return TRUE;
}

static GRegex *
cached_regex (gsize      *storage,
              const char *pattern)
{
  if (g_once_init_enter (storage))
    {
      GRegex *regex = g_regex_new (pattern, G_REGEX_CASELESS, 0, NULL);

      g_assert (regex != NULL);
      g_once_init_leave (storage, (gsize)regex);
    }

  return (GRegex *)*storage;
}

#define MONTH_PATTERN \
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|" \
  "aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
#define TIME_PATTERN \
  "(?:(?:t|\\s*,\\s*|\\s+at\\s+|\\s*-\\s*|\\s+)" \
  "(\\d{1,2}):(\\d{2})(?::\\d{2})?(?:\\s*([ap])\\.?m\\b\\.?)?)?"

typedef enum {
  DATE_YMD,
  DATE_MDY,
  DATE_DMY,
} DateOrder;

static GRegex *
date_regex (DateOrder order)
{
  static gsize ymd, mdy, dmy;

  switch (order)
    {
    case DATE_YMD:
      return cached_regex (&ymd, "\\b(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?!\\d)"
                                 TIME_PATTERN);
    case DATE_MDY:
      return cached_regex (&mdy, "\\b" MONTH_PATTERN "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?"
                                 ",?\\s+(\\d{4})\\b" TIME_PATTERN);
    case DATE_DMY:
    default:
      return cached_regex (&dmy, "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+" MONTH_PATTERN
                                 "\\.?,?\\s+(\\d{4})\\b" TIME_PATTERN);
    }
}

static int
month_from_name (const char *name)
{
  static const char *months[] = {
    "jan", "feb", "mar", "apr", "may", "jun",
    "jul", "aug", "sep", "oct", "nov", "dec",
  };

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      if (g_ascii_strncasecmp (name, months[i], 3) == 0)
        return i + 1;
    }

  return 0;
}

static int
match_int (GMatchInfo *match,
           int         group)
{
  g_autofree char *digits = g_match_info_fetch (match, group);

  return digits != NULL && *digits != '\0' ? atoi (digits) : -1;
}

/* Reads the hour and minute of groups 4 to 6; FALSE when there is no
 * valid time, in which case the date stands alone. */
static gboolean
match_time (GMatchInfo *match,
            int        *hour,
            int        *minute)
{
  g_autofree char *meridiem = g_match_info_fetch (match, 6);

  *hour = match_int (match, 4);
  *minute = match_int (match, 5);
  if (*hour < 0 || *minute < 0 || *minute > 59)
    return FALSE;

  if (meridiem != NULL && *meridiem != '\0')
    {
      if (*hour < 1 || *hour > 12)
        return FALSE;
      *hour = *hour % 12 + (g_ascii_tolower (*meridiem) == 'p' ? 12 : 0);
    }

  return *hour <= 23;
}

static char *
format_match (GMatchInfo *match,
              DateOrder   order)
{
  g_autofree char *month_name = NULL;
  int year, month, day, hour, minute;

  year = match_int (match, order == DATE_YMD ? 1 : 3);
  day = match_int (match, order == DATE_YMD ? 3 : order == DATE_MDY ? 2 : 1);
  if (order == DATE_YMD)
    month = match_int (match, 2);
  else
    {
      month_name = g_match_info_fetch (match, order == DATE_MDY ? 1 : 2);
      month = month_from_name (month_name);
    }

  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;

  if (match_time (match, &hour, &minute))
    return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d", year, month, day, hour, minute);

  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

/* A dateline is a short line that is mostly a date: "Updated:
 * 2016-03-25 09:41", "Published 2016-03-25", "March 25, 2016 9:41 AM",
 * "25 March 2016", "2016/03/25". The result is ISO 8601 without a zone. */
static char *
parse_dateline (const char *text,
                guint       max_other_words)
{
  if (g_utf8_strlen (text, -1) > DATELINE_MAX_CHARS)
    return NULL;

  for (int order = DATE_YMD; order <= DATE_DMY; order++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *rest = NULL;
      int start, end;

      if (!g_regex_match (date_regex (order), text, 0, &match))
        continue;

      /* What is left around the date may be a label or a zone, not a
       * sentence that happens to mention a date. */
      g_match_info_fetch_pos (match, 0, &start, &end);
      rest = g_strdup_printf ("%.*s %s", start, text, text + end);
      if (count_words (rest) > max_other_words)
        return NULL;

      return format_match (match, order);
    }

  return NULL;
}

/* The agency or paper in parentheses on a line of its own: "(Xinhua)". */
static char *
parse_source (const char *text)
{
  static gsize source_label;
  gsize length = strlen (text);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *name = NULL;

  if (length > 2 && text[0] == '(' && text[length - 1] == ')' &&
      strpbrk (text + 1, "()") == text + length - 1)
    name = g_strndup (text + 1, length - 2);
  else if (g_regex_match (cached_regex (&source_label, "^source\\s*:\\s*(.+)$"),
                          text, 0, &match))
    name = g_match_info_fetch (match, 1);

  if (name == NULL)
    return NULL;

  g_strstrip (name);
  if (!g_unichar_isalpha (g_utf8_get_char (name)) || count_words (name) > SOURCE_MAX_WORDS)
    return NULL;

  return g_steal_pointer (&name);
}

/* "By Jane Doe", "By Jane Doe and John Roe", "Author: Jane Doe". */
static char *
parse_byline (const char *text)
{
  static gsize byline;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *name = NULL;
  gsize length;

  if (!g_regex_match (cached_regex (&byline,
                                    "^(?:(?:written\\s+)?by|(?:author|reporter|writer)s?\\s*:)"
                                    "\\s+(.+)$"),
                      text, 0, &match))
    return NULL;

  name = g_strstrip (g_match_info_fetch (match, 1));
  length = strlen (name);
  while (length > 0 && strchr (",;:-", name[length - 1]) != NULL)
    name[--length] = '\0';
  g_strchomp (name);

  if (!g_unichar_isupper (g_utf8_get_char (name)) || count_words (name) > BYLINE_MAX_WORDS)
    return NULL;

  return g_steal_pointer (&name);
}

static gboolean
is_unset (const char *value)
{
  return value == NULL || *value == '\0';
}

/* Reads one part of a header line into the article, if there is one;
 * the first dateline, source and byline found win. */
static gboolean
parse_header_part (ClipArticle *article,
                   const char  *part,
                   guint        max_date_words)
{
  g_autofree char *published = NULL;
  g_autofree char *site_name = NULL;
  g_autofree char *byline = NULL;

  if ((byline = parse_byline (part)) != NULL)
    {
      if (article != NULL && is_unset (clip_article_get_byline (article)))
        clip_article_set_byline (article, byline);
    }
  else if ((published = parse_dateline (part, max_date_words)) != NULL)
    {
      if (article != NULL && is_unset (clip_article_get_published (article)))
        clip_article_set_published (article, published);
    }
  else if ((site_name = parse_source (part)) != NULL)
    {
      if (article != NULL && is_unset (clip_article_get_site_name (article)))
        clip_article_set_site_name (article, site_name);
    }

  return byline != NULL || published != NULL || site_name != NULL;
}

/* Sites often put several header items on one line: "By X | Updated Y".
 * With a NULL article, this only tells whether the line is a header. */
static gboolean
parse_header_line (ClipArticle *article,
                   const char  *text,
                   guint        max_date_words)
{
  g_auto(GStrv) parts = g_strsplit (text, "|", -1);
  gboolean found = FALSE;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0' && parse_header_part (article, parts[i], max_date_words))
        found = TRUE;
    }

  return found;
}

/* Header lines follow the title, possibly after a standfirst; once two
 * paragraphs have gone by, the body has begun. */
static void
parse_header (ClipArticle *article,
              GPtrArray   *lines,
              guint        from)
{
  guint n_seen = 0;
  guint n_prose = 0;

  for (guint i = from; i < lines->len && n_seen < HEADER_MAX_LINES && n_prose < 2; i++)
    {
      Line *line = line_at (lines, i);

      if (line->kind == LINE_BLANK || line->kind == LINE_SEPARATOR ||
          line->kind == LINE_CAPTION)
        continue;

      n_seen++;
      if (line->kind == LINE_PROSE)
        n_prose++;
      else if (parse_header_line (article, line->text, DATELINE_MAX_OTHER_WORDS))
        line->kind = LINE_HEADER;
    }
}

/* The title is the first line, after any menu or separator, when it is
 * short and reads like a headline rather than like a sentence. Returns
 * the index of the first line of the article in any case. */
static guint
find_title_line (GPtrArray *lines,
                 gboolean  *is_title)
{
  *is_title = FALSE;

  for (guint i = 0; i < lines->len && i < TITLE_MAX_LINE; i++)
    {
      Line *line = line_at (lines, i);

      if (line->kind == LINE_BLANK || line->kind == LINE_SEPARATOR || line->kind == LINE_NAV)
        continue;

      *is_title = (line->kind == LINE_HEADING ||
                   (line->kind == LINE_SHORT && last_significant_char (line->text) != '.')) &&
                  !parse_header_line (NULL, line->text, TITLE_DATE_MAX_OTHER_WORDS);
      return i;
    }

  return 0;
}

/* Counts the letters just before p, up to max. */
static guint
letters_before (const char *text,
                const char *p,
                guint       max)
{
  guint n = 0;

  while (p > text && n < max && g_unichar_isalpha (g_utf8_get_char (g_utf8_prev_char (p))))
    {
      p = g_utf8_prev_char (p);
      n++;
    }

  return n;
}

/* Where the first sentence of a paragraph ends: a full stop, question or
 * exclamation mark followed by a space, after a lowercase word of three
 * letters or more, so that "Mr." and "U.S." are not taken for ends. */
static const char *
find_sentence_end (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *next = g_utf8_next_char (p);

      if (!is_sentence_end (g_utf8_get_char (p)) || (*next != ' ' && *next != '\0'))
        continue;
      if (letters_before (text, p, 3) == 3 &&
          g_unichar_islower (g_utf8_get_char (g_utf8_prev_char (p))))
        return *p == '.' ? p : next;
    }

  return NULL;
}

/* Without a title line, the first sentence is the title when it is
 * short; otherwise the first words are, cut at a word. */
static char *
title_from_text (const char *text)
{
  const char *end = find_sentence_end (text);
  const char *limit = g_utf8_offset_to_pointer (text, MIN (TITLE_MAX_CHARS, g_utf8_strlen (text, -1)));
  const char *space;

  if (end != NULL && end <= limit)
    return g_strndup (text, end - text);
  if (*limit == '\0')
    return g_strdup (text);

  space = g_utf8_strrchr (text, limit - text, ' ');
  if (space == NULL || space == text)
    space = limit;
  while (space > text && g_unichar_ispunct (g_utf8_get_char (g_utf8_prev_char (space))))
    space = g_utf8_prev_char (space);

  return g_strdup_printf ("%.*s…", (int)(space - text), text);
}

static void
add_line (ClipContentBuilder *builder,
          Line               *line,
          gboolean            headings)
{
  if (line->kind == LINE_HEADING && headings)
    clip_content_builder_add (builder, "h2", line->text);
  else
    clip_content_builder_add (builder, "p", line->text);
}

static void
build_body (ClipContentBuilder *builder,
            GPtrArray          *lines,
            Cluster            *body)
{
  for (guint i = body->start; i <= body->end; i++)
    {
      Line *line = line_at (lines, i);

      if (is_text_kind (line->kind))
        add_line (builder, line, TRUE);
    }
}

/* Text without any paragraph (a list of short lines, a note) is kept
 * whole, but for the title and the header lines. */
static void
build_fallback (ClipContentBuilder *builder,
                GPtrArray          *lines,
                guint               from)
{
  for (guint i = from; i < lines->len; i++)
    {
      Line *line = line_at (lines, i);

      if (line->kind != LINE_BLANK && line->kind != LINE_SEPARATOR &&
          line->kind != LINE_CAPTION && line->kind != LINE_HEADER)
        add_line (builder, line, FALSE);
    }
}

static char *
first_block_text (ClipArticle *article)
{
  const char *text = clip_article_get_text (article);
  const char *end = strstr (text, "\n\n");

  return end != NULL ? g_strndup (text, end - text) : g_strdup (text);
}

static gboolean
fill_article (ClipArticle  *article,
              GPtrArray    *lines,
              GError      **error)
{
  g_autoptr(ClipContentBuilder) builder = clip_content_builder_new ();
  g_autofree char *content_html = NULL;
  gboolean has_title;
  guint first = find_title_line (lines, &has_title);
  guint after_title = has_title ? first + 1 : first;
  Cluster body = { 0, };
  gboolean has_body;

  parse_header (article, lines, after_title);
  has_body = find_body (lines, after_title, &body);

  if (has_body)
    build_body (builder, lines, &body);
  else
    build_fallback (builder, lines, after_title);

  /* A single headline-like line is the title and the text at once. */
  if (clip_content_builder_get_n_blocks (builder) == 0 && has_title)
    clip_content_builder_add (builder, "p", line_at (lines, first)->text);

  if (clip_content_builder_get_n_blocks (builder) == 0)
    {
      g_set_error_literal (error, CLIP_IMPORT_ERROR, CLIP_IMPORT_ERROR_NO_CONTENT,
                           _("No readable text was found in it."));
      return FALSE;
    }

  content_html = clip_content_builder_free_to_html (g_steal_pointer (&builder));
  clip_article_set_content_html (article, content_html);
  if (has_title)
    clip_article_set_title (article, line_at (lines, first)->text);
  else
    {
      g_autofree char *first_block = first_block_text (article);
      g_autofree char *title = title_from_text (first_block);

      clip_article_set_title (article, title);
    }

  return TRUE;
}

ClipArticle *
clip_import_plain_text (const char  *text,
                        gssize       length,
                        GError     **error)
{
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(GPtrArray) raw = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GBytes) original = NULL;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL)
    text = "";
  if (length < 0)
    length = strlen (text);

  /* Callers check the encoding; this keeps a mistake from going further. */
  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_set_error_literal (error, CLIP_IMPORT_ERROR, CLIP_IMPORT_ERROR_ENCODING,
                           _("The text is not in the UTF-8 encoding."));
      return NULL;
    }

  raw = split_lines (text, length);
  lines = join_lines (raw);
  article = clip_article_new ();
  if (!fill_article (article, lines, error))
    return NULL;

  original = g_bytes_new (text, length);
  clip_article_set_original (article, original, "text/plain");
  clip_article_set_source_kind (article, "text");

  return g_steal_pointer (&article);
}
