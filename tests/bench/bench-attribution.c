/* bench-attribution.c: the attribution engine against PolNeAR
 *
 * For each article of $CLIP_SHARED_DIR/corpus/polnear/{dev,train}, the
 * gold attributions whose content holds a double quotation mark (or two
 * apostrophes, as some papers write one) are the direct quotes. A suggested quote matches a gold one when their extents
 * (first to last code point) have a Jaccard index of 0.5 or more; the
 * suggested parts of one quote that share a cue ("A," he said, "B.") are
 * one extent, as the gold content is. Speaker accuracy counts the matched
 * quotes whose suggested speaker mention overlaps the gold source or whose
 * resolved name shares a capitalised word with it. Named-people recall
 * counts the gold sources written as capitalised names that a person or
 * organisation suggestion overlaps. Throughput is the engine on a
 * 5,000-word article, in processor and wall time. Only the first annotator's file of an article is
 * read. Exits with failure when a target on dev is missed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <glib.h>

#include "clip-attribution.h"
#include "clip-attribution-data.h"

typedef struct {
  glong start;
  glong end;
} Span;

typedef struct {
  GArray *content;   /* Span */
  GArray *source;    /* Span */
} Gold;

typedef struct {
  guint articles;
  guint gold;
  guint suggested;
  guint matched;
  guint with_source;
  guint speaker_right;
  guint names;
  guint names_found;
} Counts;

static void
gold_free (Gold *gold)
{
  g_array_unref (gold->content);
  g_array_unref (gold->source);
  g_free (gold);
}

static GArray *
parse_spans (const char *ranges)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_auto(GStrv) parts = g_strsplit (ranges, ";", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      Span span;

      if (sscanf (parts[i], "%ld %ld", &span.start, &span.end) == 2)
        g_array_append_val (spans, span);
    }
  return spans;
}

/* T lines by id: label and spans. */
typedef struct {
  char *label;
  GArray *spans;
} Text;

static void
text_free (Text *text)
{
  g_free (text->label);
  g_array_unref (text->spans);
  g_free (text);
}

static GArray *
copy_spans (GHashTable *texts,
            const char *id)
{
  Text *text = id != NULL ? g_hash_table_lookup (texts, id) : NULL;

  if (text == NULL)
    return g_array_new (FALSE, FALSE, sizeof (Span));
  return g_array_ref (text->spans);
}

static void
read_event (GHashTable *texts,
            const char *line,
            GPtrArray  *golds)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", 3);
  g_auto(GStrv) args = NULL;
  const char *content = NULL, *source = NULL;
  Gold *gold;

  if (fields[1] == NULL)
    return;
  args = g_strsplit (fields[1], " ", -1);
  for (guint i = 0; args[i] != NULL; i++)
    {
      if (g_str_has_prefix (args[i], "Content:"))
        content = args[i] + strlen ("Content:");
      else if (g_str_has_prefix (args[i], "Source:"))
        source = args[i] + strlen ("Source:");
    }
  if (content == NULL)
    return;
  gold = g_new0 (Gold, 1);
  gold->content = copy_spans (texts, content);
  gold->source = copy_spans (texts, source);
  g_ptr_array_add (golds, gold);
}

static GPtrArray *
read_gold (const char *path)
{
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) text_free);
  GPtrArray *golds = g_ptr_array_new_with_free_func ((GDestroyNotify) gold_free);

  if (!g_file_get_contents (path, &data, NULL, NULL))
    return golds;
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 3);
      char *space;
      Text *text;

      if (lines[i][0] != 'T' || fields[1] == NULL || (space = strchr (fields[1], ' ')) == NULL)
        continue;
      text = g_new0 (Text, 1);
      text->label = g_strndup (fields[1], space - fields[1]);
      text->spans = parse_spans (space + 1);
      g_hash_table_insert (texts, g_strdup (fields[0]), text);
    }
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] == 'E')
      read_event (texts, lines[i], golds);
  return golds;
}

static Span
extent (GArray *spans)
{
  Span result = { G_MAXLONG, 0 };

  for (guint i = 0; i < spans->len; i++)
    {
      Span span = g_array_index (spans, Span, i);

      result.start = MIN (result.start, span.start);
      result.end = MAX (result.end, span.end);
    }
  return result;
}

static gboolean
holds_quote_mark (const gunichar *chars,
                  GArray         *spans)
{
  for (guint i = 0; i < spans->len; i++)
    {
      Span span = g_array_index (spans, Span, i);

      for (glong k = span.start; k < span.end; k++)
        if (chars[k] == '"' || chars[k] == 0x201C || chars[k] == 0x201D || chars[k] == 0x00AB ||
            chars[k] == 0x00BB || chars[k] == 0x201E || (chars[k] == '\'' && k + 1 < span.end && chars[k + 1] == '\''))
          return TRUE;
    }
  return FALSE;
}

static double
jaccard (Span a,
         Span b)
{
  glong inter = MIN (a.end, b.end) - MAX (a.start, b.start);
  glong uni = MAX (a.end, b.end) - MIN (a.start, b.start);

  return inter <= 0 || uni <= 0 ? 0 : (double) inter / uni;
}

static gboolean
overlaps (glong  start,
          glong  end,
          GArray *spans)
{
  for (guint i = 0; i < spans->len; i++)
    {
      Span span = g_array_index (spans, Span, i);

      if (start < span.end && span.start < end)
        return TRUE;
    }
  return FALSE;
}

static char *
spans_text (const gunichar *chars,
            GArray         *spans)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < spans->len; i++)
    {
      Span span = g_array_index (spans, Span, i);
      g_autofree char *part = g_ucs4_to_utf8 (chars + span.start, span.end - span.start, NULL, NULL, NULL);

      g_string_append_printf (str, "%s ", part);
    }
  return g_string_free (str, FALSE);
}

/* Whether a capitalised word of name appears as a word of text. */
static gboolean
shares_capitalised_word (const char *name,
                         const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (name, " .,-", -1);
  g_auto(GStrv) others = g_strsplit_set (text, " .,-’'()", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (g_unichar_isupper (g_utf8_get_char (words[i])) && g_strv_contains ((const char * const *) others, words[i]))
      return TRUE;
  return FALSE;
}

/* A gold source written as a capitalised name: every word capitalised,
 * six words at most, not a pronoun ("He", "I"). */
static gboolean
is_capitalised_name (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (g_strstrip ((char *) text), " ", -1);
  guint n = g_strv_length (words);
  ClipEntityKind kind;

  if (n == 0 || n > 6)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!g_unichar_isupper (g_utf8_get_char (words[i])))
      return FALSE;
  if (n == 1)
    {
      g_autofree char *lower = g_utf8_strdown (words[0], -1);

      if (clip_attribution_data_is_pronoun (clip_attribution_data_get_default (), lower, &kind) ||
          g_utf8_strlen (words[0], -1) < 2)
        return FALSE;
    }
  return TRUE;
}

/* The suggested direct quotes, their parts joined by cue. */
typedef struct {
  Span span;
  const ClipQuoteSuggestion *quote;
  gboolean used;
} Suggested;

static GArray *
suggested_quotes (ClipAttribution *attribution)
{
  GArray *list = g_array_new (FALSE, FALSE, sizeof (Suggested));

  for (guint i = 0; i < attribution->quotes->len; i++)
    {
      const ClipQuoteSuggestion *quote = g_ptr_array_index (attribution->quotes, i);
      Suggested item = { { quote->start, quote->end }, quote, FALSE };
      gboolean joined = FALSE;

      if (quote->kind != CLIP_QUOTE_DIRECT)
        continue;
      for (guint k = 0; k < list->len && quote->cue_start >= 0; k++)
        {
          Suggested *other = &g_array_index (list, Suggested, k);

          if (other->quote->cue_start == quote->cue_start)
            {
              other->span.start = MIN (other->span.start, quote->start);
              other->span.end = MAX (other->span.end, quote->end);
              joined = TRUE;
            }
        }
      if (!joined)
        g_array_append_val (list, item);
    }
  return list;
}

static gboolean
speaker_right (const gunichar            *chars,
               const ClipQuoteSuggestion *quote,
               const Gold                *gold)
{
  g_autofree char *source = NULL;

  if (quote->speaker_start >= 0 && overlaps (quote->speaker_start, quote->speaker_end, gold->source))
    return TRUE;
  if (quote->speaker_name == NULL)
    return FALSE;
  source = spans_text (chars, gold->source);
  return shares_capitalised_word (quote->speaker_name, source);
}

static void
score_quotes (const gunichar  *chars,
              GPtrArray       *golds,
              ClipAttribution *attribution,
              Counts          *counts)
{
  g_autoptr(GArray) suggested = suggested_quotes (attribution);

  counts->suggested += suggested->len;
  for (guint g = 0; g < golds->len; g++)
    {
      const Gold *gold = g_ptr_array_index (golds, g);
      Span span = extent (gold->content);
      Suggested *best = NULL;
      double best_score = 0.5;

      if (!holds_quote_mark (chars, gold->content))
        continue;
      counts->gold++;
      for (guint k = 0; k < suggested->len; k++)
        {
          Suggested *item = &g_array_index (suggested, Suggested, k);
          double score = jaccard (span, item->span);

          if (!item->used && score >= best_score)
            {
              best = item;
              best_score = score;
            }
        }
      if (best == NULL)
        {
          if (g_getenv ("BENCH_VERBOSE") != NULL)
            {
              g_autofree char *missed = g_ucs4_to_utf8 (chars + span.start, MIN (span.end - span.start, 160), NULL, NULL, NULL);

              double near = 0;
              Span near_span = { 0, 0 };

              for (guint k = 0; k < suggested->len; k++)
                if (jaccard (span, g_array_index (suggested, Suggested, k).span) > near)
                  {
                    near = jaccard (span, g_array_index (suggested, Suggested, k).span);
                    near_span = g_array_index (suggested, Suggested, k).span;
                  }
              g_print ("missed (%.2f): %s\n", near, missed);
              if (near > 0)
                {
                  g_autofree char *mine = g_ucs4_to_utf8 (chars + near_span.start, MIN (near_span.end - near_span.start, 160), NULL, NULL, NULL);

                  g_print ("   mine: %s\n", mine);
                }
            }
          continue;
        }
      best->used = TRUE;
      counts->matched++;
      if (gold->source->len > 0)
        {
          counts->with_source++;
          counts->speaker_right += speaker_right (chars, best->quote, gold);
          if (g_getenv ("BENCH_VERBOSE") != NULL && !speaker_right (chars, best->quote, gold))
            {
              g_autofree char *source = spans_text (chars, gold->source);

              g_autofree char *context = g_ucs4_to_utf8 (chars + best->quote->start, MIN (best->quote->end - best->quote->start + 60, 300), NULL, NULL, NULL);

              g_print ("speaker: %s -> %s (gold %s) cue %s in: %s\n", best->quote->speaker_text, best->quote->speaker_name, source, best->quote->cue_text, context);
            }
        }
    }
  for (guint k = 0; k < suggested->len && g_getenv ("BENCH_VERBOSE") != NULL; k++)
    {
      Suggested *item = &g_array_index (suggested, Suggested, k);
      g_autofree char *extra = g_ucs4_to_utf8 (chars + item->span.start, MIN (item->span.end - item->span.start, 160), NULL, NULL, NULL);

      if (!item->used)
        g_print ("extra%s: %s\n", item->quote->cue_text ? "" : " uncued", extra);
    }
}

static void
score_names (const gunichar  *chars,
             GPtrArray       *golds,
             ClipAttribution *attribution,
             Counts          *counts)
{
  for (guint g = 0; g < golds->len; g++)
    {
      const Gold *gold = g_ptr_array_index (golds, g);
      g_autofree char *source = NULL;

      if (gold->source->len != 1)
        continue;
      source = spans_text (chars, gold->source);
      if (!is_capitalised_name (source))
        continue;
      counts->names++;
      for (guint i = 0; i <= attribution->entities->len; i++)
        {
          const ClipEntitySuggestion *entity = i < attribution->entities->len ? g_ptr_array_index (attribution->entities, i) : NULL;

          if (entity == NULL)
            {
              if (g_getenv ("BENCH_VERBOSE") != NULL)
                g_print ("name missed: %s\n", source);
            }
          else if (entity->kind != CLIP_ENTITY_PLACE && overlaps (entity->start, entity->end, gold->source))
            {
              counts->names_found++;
              break;
            }
        }
    }
}

static char *
first_annotation (const char *dir,
                  const char *name)
{
  g_autofree char *prefix = g_strconcat (name, "_", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *best = NULL;
  const char *entry;

  while (d != NULL && (entry = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (entry, prefix) && g_str_has_suffix (entry, ".ann") &&
        (best == NULL || strcmp (entry, best) < 0))
      {
        g_free (best);
        best = g_strdup (entry);
      }
  return best != NULL ? g_build_filename (dir, best, NULL) : NULL;
}

static void
score_split (const char *split_dir,
             Counts     *counts)
{
  g_autofree char *text_dir = g_build_filename (split_dir, "text", NULL);
  g_autofree char *ann_dir = g_build_filename (split_dir, "attributions", NULL);
  g_autoptr(GDir) dir = g_dir_open (text_dir, 0, NULL);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *name = g_strndup (entry, strlen (entry) - strlen (".txt"));
      g_autofree char *path = g_build_filename (text_dir, entry, NULL);
      g_autofree char *ann = first_annotation (ann_dir, name);
      g_autofree char *text = NULL;
      g_autofree gunichar *chars = NULL;
      g_autoptr(GPtrArray) golds = NULL;
      g_autoptr(ClipAttribution) attribution = NULL;

      if (!g_str_has_suffix (entry, ".txt") || ann == NULL || !g_file_get_contents (path, &text, NULL, NULL))
        continue;
      chars = g_utf8_to_ucs4_fast (text, -1, NULL);
      golds = read_gold (ann);
      attribution = clip_attribution_run (text, NULL);
      counts->articles++;
      score_quotes (chars, golds, attribution, counts);
      score_names (chars, golds, attribution, counts);
    }
}

static double
ratio (guint part,
       guint whole)
{
  return whole > 0 ? (double) part / whole : 0;
}

/* Prints the split's figures; returns whether the targets are met. */
static gboolean
report (const char   *split,
        const Counts *c)
{
  double precision = ratio (c->matched, c->suggested);
  double recall = ratio (c->matched, c->gold);
  double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
  double speaker = ratio (c->speaker_right, c->with_source);
  double names = ratio (c->names_found, c->names);

  g_print ("attribution %s: %u articles, %u gold direct quotes, %u suggested, %u matched: "
           "precision %.3f recall %.3f F1 %.3f (target >= 0.85)\n",
           split, c->articles, c->gold, c->suggested, c->matched, precision, recall, f1);
  g_print ("attribution %s: speaker accuracy %.3f (%u of %u matched quotes with a gold source; target >= 0.85)\n",
           split, speaker, c->speaker_right, c->with_source);
  g_print ("attribution %s: named-people recall %.3f (%u of %u capitalised gold sources; target >= 0.90)\n",
           split, names, c->names_found, c->names);
  return f1 >= 0.85 && speaker >= 0.85 && names >= 0.90;
}

/* A 5,000-word article made of the dev texts, end to end. */
static char *
make_article (const char *split_dir)
{
  g_autofree char *text_dir = g_build_filename (split_dir, "text", NULL);
  g_autoptr(GDir) dir = g_dir_open (text_dir, 0, NULL);
  GString *article = g_string_new (NULL);
  guint words = 0;
  const char *entry;

  while (dir != NULL && words < 5000 && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (text_dir, entry, NULL);
      g_autofree char *text = NULL;
      g_auto(GStrv) parts = NULL;

      if (!g_file_get_contents (path, &text, NULL, NULL))
        continue;
      parts = g_strsplit_set (text, " \n", -1);
      for (guint i = 0; parts[i] != NULL && words < 5000; i++)
        {
          if (*parts[i] == '\0')
            continue;
          g_string_append_printf (article, "%s ", parts[i]);
          words++;
          if (g_str_has_suffix (parts[i], ".") && i % 7 == 0)
            g_string_append (article, "\n\n");
        }
    }
  return g_string_free (article, FALSE);
}

static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

/* The target is judged on processor time: the engine runs on one thread,
 * so on an idle machine its wall time is the same, while on a shared one
 * the wall time mostly measures the other processes. Both are printed. */
static gboolean
report_throughput (const char *split_dir)
{
  g_autofree char *article = make_article (split_dir);
  const guint runs = 50;
  gint64 begin;
  double cpu_begin, wall, cpu;

  clip_attribution_free (clip_attribution_run (article, NULL));
  begin = g_get_monotonic_time ();
  cpu_begin = cpu_ms ();
  for (guint i = 0; i < runs; i++)
    clip_attribution_free (clip_attribution_run (article, NULL));
  cpu = (cpu_ms () - cpu_begin) / runs;
  wall = (g_get_monotonic_time () - begin) / 1000.0 / runs;
  g_print ("attribution: quotes and entities of a 5,000-word article in %.2f ms of processor time, "
           "%.2f ms of wall time (target <= 5 ms)\n", cpu, wall);
  return cpu <= 5.0;
}

int
main (int   argc,
      char *argv[])
{
  const char *shared = g_getenv ("CLIP_SHARED_DIR");
  g_autofree char *root = g_build_filename (shared != NULL ? shared : "../shared", "corpus", "polnear", NULL);
  g_autofree char *dev = g_build_filename (root, "dev", NULL);
  g_autofree char *train = g_build_filename (root, "train", NULL);
  const char *only = argc > 1 ? argv[1] : NULL;
  Counts dev_counts = { 0 }, train_counts = { 0 };
  gboolean ok = TRUE;

  if (!g_file_test (dev, G_FILE_TEST_IS_DIR))
    {
      g_print ("attribution: no corpus at %s; skipped\n", root);
      return 77;
    }
  if (only == NULL || g_str_equal (only, "dev"))
    {
      score_split (dev, &dev_counts);
      ok = report ("dev", &dev_counts) && ok;
    }
  if (only == NULL || g_str_equal (only, "train"))
    {
      score_split (train, &train_counts);
      report ("train", &train_counts);
    }
  ok = report_throughput (dev) && ok;
  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
