/* bench-anchor.c: re-anchoring 1,000 annotations after random edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds a deterministic 500 KB article, annotates random ranges, applies
 * 2% random character edits (insertions, deletions, substitutions) while
 * tracking where each annotated range truly moves, then re-anchors every
 * annotation and reports how many land in the right place and how long
 * it takes. It reports; it does not fail.
 */
#include "config.h"

#include <stdlib.h>
#include <glib.h>

#include "clip-anchor.h"

#define TEXT_BYTES (500 * 1024)
#define N_ANNOTATIONS 1000
#define MIN_QUOTE 5
#define MAX_QUOTE 200
#define CONTEXT 32
#define EDIT_RATE 0.02
/* An edit right at a boundary makes the true range ambiguous (was an
 * inserted character inside the quote or not?), so "right place" allows
 * each end to be off by this many code points; exact ranges are
 * reported separately. */
#define TOLERANCE 2
#define RUNS 5

typedef struct {
  char *exact;
  char *prefix;
  char *suffix;
  glong start;
  glong end;
  glong true_start;
  glong true_end;
} Annotation;

typedef struct {
  guint right;
  guint exact_range;
  guint wrong;
  guint orphans;
  guint by_method[CLIP_ANCHOR_ORPHAN + 1];
} Tally;

static const char * const vocabulary[] = {
  "the", "a", "of", "and", "to", "in", "said", "on", "was", "that",
  "council", "minister", "harbour", "bridge", "budget", "river", "vote",
  "report", "morning", "quietly", "officials", "district", "storm",
  "announced", "project", "costs", "doubled", "spring", "opposition",
  "Zu\xcc\x88rich", "caf\xc3\xa9", "na\xc3\xafve", "\xe6\x9d\xb1\xe4\xba\xac",
  "\xe5\xa0\xb1\xe5\x91\x8a\xe6\x9b\xb8", "\xf0\x9f\x8c\x8d",
  "\xce\x95\xce\xbb\xce\xbb\xce\xac\xce\xb4\xce\xb1", "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0",
  "Alvarez", "Okonkwo", "Lindqvist", "tolls", "schedule", "delays",
};

/* Characters that edits insert or substitute. */
static const gunichar edit_chars[] = {
  'a', 'e', 'i', 'o', 'u', 'n', 's', 't', 'r', 'l', ' ', ',', '.', 'x', 'q',
  0x00E9, 0x00FC, 0x4E2D,
};

static GString *
make_text (GRand *rand)
{
  GString *text = g_string_sized_new (TEXT_BYTES + 256);

  while (text->len < TEXT_BYTES)
    {
      guint n_sentences = g_rand_int_range (rand, 3, 8);

      if (text->len > 0)
        g_string_append (text, "\n\n");
      for (guint s = 0; s < n_sentences; s++)
        {
          guint n_words = g_rand_int_range (rand, 6, 20);

          for (guint w = 0; w < n_words; w++)
            {
              g_string_append (text, vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))]);
              g_string_append (text, w + 1 < n_words ? " " : s + 1 < n_sentences ? ". " : ".");
            }
        }
    }

  return text;
}

static char *
ucs4_slice (const gunichar *text,
            glong           length,
            glong           start,
            glong           end)
{
  start = CLAMP (start, 0, length);
  end = CLAMP (end, start, length);
  return g_ucs4_to_utf8 (text + start, end - start, NULL, NULL, NULL);
}

static void
make_annotations (GRand          *rand,
                  const gunichar *text,
                  glong           length,
                  Annotation     *annotations)
{
  for (guint i = 0; i < N_ANNOTATIONS; i++)
    {
      Annotation *a = &annotations[i];
      glong quote_len = g_rand_int_range (rand, MIN_QUOTE, MAX_QUOTE + 1);

      a->start = g_rand_int_range (rand, 0, length - quote_len);
      a->end = a->start + quote_len;
      a->exact = ucs4_slice (text, length, a->start, a->end);
      a->prefix = ucs4_slice (text, length, a->start - CONTEXT, a->start);
      a->suffix = ucs4_slice (text, length, a->end, a->end + CONTEXT);
    }
}

static gunichar
other_char (GRand    *rand,
            gunichar  c)
{
  gunichar r;

  do
    r = edit_chars[g_rand_int_range (rand, 0, G_N_ELEMENTS (edit_chars))];
  while (r == c);

  return r;
}

/* Edits the text in one pass. ins_before[i] and del_before[i] count the
 * insertions and deletions at original positions below i; an insertion
 * at position i goes in front of the original character i. */
static GString *
apply_edits (GRand          *rand,
             const gunichar *text,
             glong           length,
             glong          *ins_before,
             glong          *del_before,
             guint          *n_edits)
{
  GString *out = g_string_sized_new (TEXT_BYTES + TEXT_BYTES / 16);

  ins_before[0] = del_before[0] = 0;
  *n_edits = 0;
  for (glong i = 0; i < length; i++)
    {
      int kind = g_rand_double (rand) < EDIT_RATE ? g_rand_int_range (rand, 0, 3) : -1;

      ins_before[i + 1] = ins_before[i] + (kind == 0);
      del_before[i + 1] = del_before[i] + (kind == 1);
      *n_edits += kind >= 0;

      if (kind == 0)
        g_string_append_unichar (out, other_char (rand, 0));
      if (kind == 2)
        g_string_append_unichar (out, other_char (rand, text[i]));
      else if (kind != 1)
        g_string_append_unichar (out, text[i]);
    }

  return out;
}

static void
track_annotations (Annotation  *annotations,
                   const glong *ins_before,
                   const glong *del_before)
{
  for (guint i = 0; i < N_ANNOTATIONS; i++)
    {
      Annotation *a = &annotations[i];

      /* An insertion at the start goes before the quote; one at the end
       * goes after it. */
      a->true_start = a->start + ins_before[a->start + 1] - del_before[a->start];
      a->true_end = a->end + ins_before[a->end] - del_before[a->end];
    }
}

static void
tally_match (Tally                 *tally,
             const Annotation      *a,
             const ClipAnchorMatch *match)
{
  tally->by_method[match->method]++;
  if (match->method == CLIP_ANCHOR_ORPHAN)
    tally->orphans++;
  else if (ABS (match->start - a->true_start) <= TOLERANCE && ABS (match->end - a->true_end) <= TOLERANCE)
    tally->right++;
  else
    tally->wrong++;

  tally->exact_range += match->start == a->true_start && match->end == a->true_end;
}

/* Re-anchors every annotation on a prepared text; returns the time in
 * milliseconds. */
static double
reanchor_all (ClipAnchorText   *text,
              const Annotation *annotations,
              Tally            *tally)
{
  gint64 since = g_get_monotonic_time ();

  for (guint i = 0; i < N_ANNOTATIONS; i++)
    {
      const Annotation *a = &annotations[i];
      ClipAnchorMatch match;

      clip_anchor_find (text, a->exact, a->prefix, a->suffix, a->start, a->end, &match);
      if (tally != NULL)
        tally_match (tally, a, &match);
    }

  return (g_get_monotonic_time () - since) / 1000.0;
}

/* Prepares the edited text and re-anchors everything on it, as the app
 * does when it opens a changed article. */
static double
prepare_and_reanchor (const char       *utf8,
                      const Annotation *annotations,
                      Tally            *tally,
                      double           *prepare_ms)
{
  gint64 since = g_get_monotonic_time ();
  g_autoptr(ClipAnchorText) text = clip_anchor_text_new (utf8);

  *prepare_ms = (g_get_monotonic_time () - since) / 1000.0;
  return *prepare_ms + reanchor_all (text, annotations, tally);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static void
report (glong        length,
        guint        n_edits,
        const Tally *t,
        double       total_ms,
        double       position_ms,
        double       prepare_ms,
        double       first_ms)
{
  double pct = 100.0 / N_ANNOTATIONS;

  g_print ("anchor: annotations=%d text_kb=%d edits=%.1f%% right_place=%.1f%% wrong=%.1f%% "
           "orphans=%.1f%% total_ms=%.1f exact_position_path_ms=%.1f\n",
           N_ANNOTATIONS, TEXT_BYTES / 1024, 100.0 * n_edits / length,
           t->right * pct, t->wrong * pct, t->orphans * pct, total_ms, position_ms);
  g_print ("anchor: code_points=%ld edits=%u exact_range=%.1f%% (right_place allows %d code points at each end) "
           "methods: position=%u quote=%u fuzzy=%u orphan=%u\n",
           length, n_edits, t->exact_range * pct, TOLERANCE,
           t->by_method[CLIP_ANCHOR_POSITION], t->by_method[CLIP_ANCHOR_QUOTE],
           t->by_method[CLIP_ANCHOR_FUZZY], t->by_method[CLIP_ANCHOR_ORPHAN]);
  g_print ("anchor: medians of %d runs; total_ms includes preparing the edited text (prepare_ms=%.1f), "
           "exact_position_path_ms is the lookups alone on the unedited text; first_run_ms=%.1f\n",
           RUNS, prepare_ms, first_ms);
}

int
main (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);
  g_autoptr(GString) old_text = make_text (rand);
  glong length;
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (old_text->str, -1, &length);
  g_autofree glong *ins_before = g_new (glong, length + 1);
  g_autofree glong *del_before = g_new (glong, length + 1);
  g_autofree Annotation *annotations = g_new0 (Annotation, N_ANNOTATIONS);
  g_autoptr(GString) new_text = NULL;
  g_autoptr(ClipAnchorText) unedited = NULL;
  double total[RUNS], position[RUNS], prepare[RUNS];
  Tally tally = { 0 };
  guint n_edits;

  make_annotations (rand, chars, length, annotations);
  new_text = apply_edits (rand, chars, length, ins_before, del_before, &n_edits);
  track_annotations (annotations, ins_before, del_before);

  unedited = clip_anchor_text_new (old_text->str);

  for (guint run = 0; run < RUNS; run++)
    {
      total[run] = prepare_and_reanchor (new_text->str, annotations, run == 0 ? &tally : NULL, &prepare[run]);
      position[run] = reanchor_all (unedited, annotations, NULL);
    }

  report (length, n_edits, &tally, median (total, RUNS), median (position, RUNS),
          median (prepare, RUNS), total[0]);

  for (guint i = 0; i < N_ANNOTATIONS; i++)
    {
      g_free (annotations[i].exact);
      g_free (annotations[i].prefix);
      g_free (annotations[i].suffix);
    }

  return 0;
}
