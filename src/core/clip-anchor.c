/* clip-anchor.c: placing annotations on a (possibly changed) article text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The order is the one DESIGN.md gives: the old position, then the exact
 * quote, then an approximate match, else an orphan. Candidates are ranked
 * as the Hypothesis client ranks them (match-quote.ts): similarity of the
 * quote, of the prefix and of the suffix, and closeness to the old
 * position, weighted 50, 20, 20 and 2.
 *
 * Approximate search uses Myers' bit-parallel algorithm with one 64-bit
 * word per pattern. A longer quote is cut into disjoint pieces: when the
 * whole quote matches with at most k errors, one of its p pieces matches
 * with at most k / p (pigeonhole), so searching for the pieces finds
 * every candidate. Each piece hit is then extended to the whole quote by
 * a diagonal-transition (Landau-Vishkin) alignment, whose cost is about
 * the quote length plus the square of the errors allowed; even a quote of
 * 100,000 code points is placed in bounded time.
 *
 * Every search looks at a window around the old position first and only
 * widens it, up to the whole text, when nothing convincing is found.
 */
#include "config.h"

#include <string.h>

#include "clip-anchor.h"

#define WORD_BITS 64
/* Errors allowed are a quarter of the quote, but never more than this,
 * which bounds the alignment work for huge quotes. */
#define MAX_ERRORS 256
#define MAX_PIECES 16
/* Code points of prefix and suffix compared; the store keeps 32. */
#define MAX_CONTEXT 64
/* Code points of alignment work allowed per searched range, so that a
 * huge quote in a repetitive text cannot take unbounded time. */
#define EXTENSION_BUDGET (4 * 1024 * 1024)

#define QUOTE_WEIGHT 50.0
#define PREFIX_WEIGHT 20.0
#define SUFFIX_WEIGHT 20.0
#define POSITION_WEIGHT 2.0

/* Below MIN_SCORE confidence a candidate is not the annotated passage:
 * better an orphan than a silently moved annotation. From
 * CONFIDENT_SCORE up, a candidate near the old position is taken without
 * searching further. */
#define MIN_SCORE 0.7
#define CONFIDENT_SCORE 0.85

#define SELF_EVIDENT_LENGTH 64.0

#define NO_SYMBOL G_MAXUINT32

static const char * const method_names[] = {
  [CLIP_ANCHOR_POSITION] = "position",
  [CLIP_ANCHOR_QUOTE] = "quote",
  [CLIP_ANCHOR_FUZZY] = "fuzzy",
  [CLIP_ANCHOR_ORPHAN] = "orphan",
};

/* Margins around the old position searched before the whole text. */
static const glong search_margins[] = { 512, 16384 };

struct _ClipAnchorText
{
  /* The text as dense symbol numbers, one per code point, so that the
   * bit-parallel search indexes its tables directly. */
  guint32 *syms;
  glong length;
  guint32 n_symbols;
  guint32 ascii[128];
  GHashTable *others;  /* gunichar beyond ASCII -> symbol + 1 */
};

/* A string read forwards or backwards from an origin. */
typedef struct {
  const guint32 *data;
  glong origin;
  glong length;
  int dir;
} View;

typedef struct {
  glong offset;  /* in the quote */
  glong length;
  guint64 *peq;
} Piece;

typedef struct {
  glong end;
  guint errors;
  guint piece;
} Hit;

typedef struct {
  glong start;
  glong end;
  guint errors;
  double score;
  double confidence;
} Candidate;

typedef struct {
  ClipAnchorText *text;
  guint32 *quote;
  glong quote_len;
  gboolean exact_possible;
  glong *failure;        /* the Knuth-Morris-Pratt table of the quote */
  guint32 *prefix;       /* its last code points, nearest first */
  glong prefix_len;
  guint64 *prefix_peq;
  guint32 *suffix;
  glong suffix_len;
  guint64 *suffix_peq;
  glong hint;
  guint max_errors;
  Piece pieces[MAX_PIECES];
  guint n_pieces;
  guint piece_errors;
} Query;

static guint32
lookup_symbol (ClipAnchorText *self,
               gunichar        c)
{
  gpointer value;

  if (c < G_N_ELEMENTS (self->ascii))
    return self->ascii[c];

  value = g_hash_table_lookup (self->others, GUINT_TO_POINTER (c));
  return value != NULL ? GPOINTER_TO_UINT (value) - 1 : NO_SYMBOL;
}

static guint32
add_symbol (ClipAnchorText *self,
            gunichar        c)
{
  guint32 sym = lookup_symbol (self, c);

  if (sym != NO_SYMBOL)
    return sym;

  sym = self->n_symbols++;
  if (c < G_N_ELEMENTS (self->ascii))
    self->ascii[c] = sym;
  else
    g_hash_table_insert (self->others, GUINT_TO_POINTER (c), GUINT_TO_POINTER (sym + 1));

  return sym;
}

ClipAnchorText *
clip_anchor_text_new (const char *utf8_text)
{
  ClipAnchorText *self;
  glong i = 0;

  g_return_val_if_fail (utf8_text != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (utf8_text, -1, NULL), NULL);

  self = g_new0 (ClipAnchorText, 1);
  memset (self->ascii, 0xff, sizeof self->ascii);
  self->others = g_hash_table_new (NULL, NULL);
  self->length = g_utf8_strlen (utf8_text, -1);
  self->syms = g_new (guint32, MAX (self->length, 1));

  for (const char *p = utf8_text; *p != '\0'; p = g_utf8_next_char (p))
    self->syms[i++] = add_symbol (self, g_utf8_get_char (p));

  return self;
}

void
clip_anchor_text_free (ClipAnchorText *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->others);
  g_free (self->syms);
  g_free (self);
}

glong
clip_anchor_text_get_length (ClipAnchorText *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->length;
}

/* Symbols of a string. Characters the text lacks become NO_SYMBOL, which
 * equals nothing in the text. With max_len >= 0 only that many code
 * points are kept: the last ones, nearest first, when from_end is set
 * (for a prefix), else the first ones (for a suffix). */
static guint32 *
map_string (ClipAnchorText *text,
            const char     *utf8,
            glong           max_len,
            gboolean        from_end,
            glong          *len)
{
  glong total = g_utf8_strlen (utf8, -1);
  glong take = max_len >= 0 ? MIN (total, max_len) : total;
  glong skip = from_end ? total - take : 0;
  guint32 *syms = g_new (guint32, MAX (take, 1));
  const char *p = g_utf8_offset_to_pointer (utf8, skip);

  for (glong i = 0; i < take; i++, p = g_utf8_next_char (p))
    syms[from_end ? take - 1 - i : i] = lookup_symbol (text, g_utf8_get_char (p));

  *len = take;
  return syms;
}

static inline guint32
view_at (const View *view,
         glong       i)
{
  return view->data[view->origin + i * view->dir];
}

/* Myers' pattern-match vectors: bit i of peq[sym] is set when pattern[i]
 * is sym. The pattern has at most WORD_BITS code points. */
static guint64 *
build_peq (ClipAnchorText *text,
           const guint32  *pattern,
           glong           len)
{
  guint64 *peq = g_new0 (guint64, text->n_symbols + 1);

  for (glong i = 0; i < len; i++)
    if (pattern[i] < text->n_symbols)
      peq[pattern[i]] |= G_GUINT64_CONSTANT (1) << i;

  return peq;
}

/* One column of Myers' algorithm (Hyyrö's formulation). score is the
 * edit distance of the whole pattern at this column. carry is the
 * horizontal delta of row 0: 0 when the pattern may start anywhere in
 * the text (search), 1 when it must start at the first column. */
typedef struct {
  guint64 pv;
  guint64 mv;
  guint64 last;
  guint score;
} Myers;

static inline void
myers_init (Myers *m,
            glong  len)
{
  m->pv = ~G_GUINT64_CONSTANT (0);
  m->mv = 0;
  m->last = G_GUINT64_CONSTANT (1) << (len - 1);
  m->score = len;
}

static inline void
myers_advance (Myers   *m,
               guint64  eq,
               guint64  carry)
{
  guint64 xv = eq | m->mv;
  guint64 xh = (((eq & m->pv) + m->pv) ^ m->pv) | eq;
  guint64 ph = m->mv | ~(xh | m->pv);
  guint64 mh = m->pv & xh;

  if (ph & m->last)
    m->score++;
  else if (mh & m->last)
    m->score--;

  ph = (ph << 1) | carry;
  mh <<= 1;
  m->pv = mh | ~(xv | ph);
  m->mv = ph & xv;
}

/* Appends the ends of the best approximate occurrences of a piece in
 * [from, to): local minima of the distance, at most max_errors. */
static void
search_piece (const Query *q,
              guint        piece_index,
              glong        from,
              glong        to,
              GArray      *hits)
{
  const Piece *piece = &q->pieces[piece_index];
  const guint32 *syms = q->text->syms;
  Myers m;
  Hit pending = { 0, 0, piece_index };
  gboolean has_pending = FALSE;
  guint previous = G_MAXUINT;

  myers_init (&m, piece->length);
  for (glong j = from; j < to; j++)
    {
      myers_advance (&m, piece->peq[syms[j]], 0);
      if (has_pending && m.score >= pending.errors)
        g_array_append_val (hits, pending);

      has_pending = m.score <= q->piece_errors && m.score <= previous;
      pending.end = j + 1;
      pending.errors = m.score;
      previous = m.score;
    }

  if (has_pending)
    g_array_append_val (hits, pending);
}

/* The fewest edits between a context (at most WORD_BITS code points) and
 * the text read from where the quote starts or ends, the context's far
 * end being free. */
static guint
context_distance (const guint64 *peq,
                  glong          len,
                  const View    *text)
{
  /* Past len * 3 / 2 columns the distance is at least len / 2, where the
   * context score is already 0. */
  glong n_cols = MIN (text->length, len + len / 2);
  guint best = len;
  Myers m;

  myers_init (&m, len);
  for (glong j = 0; j < n_cols; j++)
    {
      myers_advance (&m, peq[view_at (text, j)], 1);
      best = MIN (best, m.score);
    }

  return best;
}

static glong
slide (const View *p,
       const View *t,
       glong       i,
       glong       d)
{
  while (i < p->length && i + d < t->length && view_at (p, i) == view_at (t, i + d))
    i++;

  return i;
}

/* Landau-Vishkin: aligns all of p against the start of t with the fewest
 * edits (at most budget), the far end of t being free. Returns the number
 * of edits, or G_MAXUINT when over budget, and stores in lengths every
 * length of t that an alignment with that many edits covers: the context
 * tells these apart later. cur[d] is the furthest row of p reached on
 * diagonal d (text index minus row). */
static guint
align (const View *p,
       const View *t,
       guint       budget,
       glong      *lengths,
       guint      *n_lengths)
{
  glong buffers[2][2 * MAX_ERRORS + 3];
  glong *prev = buffers[0] + MAX_ERRORS + 1;
  glong *cur = buffers[1] + MAX_ERRORS + 1;

  *n_lengths = 0;
  for (glong e = 0; e <= (glong)budget; e++)
    {
      for (glong d = -e; d <= e; d++)
        {
          glong i = 0;

          if (e > 0)
            {
              i = G_MINLONG / 2;
              if (d > -e && d < e)
                i = prev[d] + 1;           /* substitution */
              if (d + 1 < e)
                i = MAX (i, prev[d + 1] + 1);  /* a quote character is gone */
              if (d - 1 > -e)
                i = MAX (i, prev[d - 1]);      /* a text character was added */
              i = MIN (i, MIN (p->length, t->length - d));
            }

          if (i < 0 || i + d < 0)
            {
              cur[d] = G_MINLONG / 2;
              continue;
            }

          cur[d] = slide (p, t, i, d);
          if (cur[d] == p->length)
            lengths[(*n_lengths)++] = p->length + d;
        }

      if (*n_lengths > 0)
        return e;

      glong *swap = prev;
      prev = cur;
      cur = swap;
    }

  return G_MAXUINT;
}

static glong *
build_failure (const guint32 *p,
               glong          m)
{
  glong *failure = g_new (glong, m);
  glong k = 0;

  failure[0] = 0;
  for (glong i = 1; i < m; i++)
    {
      while (k > 0 && p[i] != p[k])
        k = failure[k - 1];
      if (p[i] == p[k])
        k++;
      failure[i] = k;
    }

  return failure;
}

/* Knuth-Morris-Pratt, so that repetitive texts and huge quotes still
 * take linear time. */
static void
find_exact (const Query *q,
            glong        lo,
            glong        hi,
            GArray      *candidates)
{
  const guint32 *t = q->text->syms;
  glong m = q->quote_len;
  glong k = 0;

  for (glong j = lo; j < hi; j++)
    {
      while (k > 0 && t[j] != q->quote[k])
        k = q->failure[k - 1];
      if (t[j] == q->quote[k])
        k++;
      if (k == m)
        {
          Candidate c = { j + 1 - m, j + 1, 0, 0.0, 0.0 };

          g_array_append_val (candidates, c);
          k = q->failure[k - 1];
        }
    }
}

/* Grows a piece hit into whole-quote candidates: the quote up to the end
 * of the piece is aligned backwards from the hit, the rest forwards. */
static void
extend_hit (const Query *q,
            const Hit   *hit,
            GArray      *candidates)
{
  const Piece *piece = &q->pieces[hit->piece];
  glong split = piece->offset + piece->length;
  View head = { q->quote, split - 1, split, -1 };
  View tail = { q->quote, split, q->quote_len - split, 1 };
  View before = { q->text->syms, hit->end - 1, hit->end, -1 };
  View after = { q->text->syms, hit->end, q->text->length - hit->end, 1 };
  glong starts[2 * MAX_ERRORS + 1];
  glong ends[2 * MAX_ERRORS + 1];
  guint n_starts, n_ends;
  guint left, right;

  left = align (&head, &before, q->max_errors, starts, &n_starts);
  if (left == G_MAXUINT)
    return;
  right = align (&tail, &after, q->max_errors - left, ends, &n_ends);
  if (right == G_MAXUINT)
    return;

  for (guint i = 0; i < n_starts; i++)
    for (guint j = 0; j < n_ends; j++)
      {
        Candidate c = { hit->end - starts[i], hit->end + ends[j], left + right, 0.0, 0.0 };

        g_array_append_val (candidates, c);
      }
}

static glong
hit_distance (const Query *q,
              const Hit   *hit)
{
  const Piece *piece = &q->pieces[hit->piece];

  return ABS (hit->end - piece->offset - piece->length - q->hint);
}

static int
compare_hits (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Hit *ha = a, *hb = b;
  glong da, db;

  if (ha->errors != hb->errors)
    return ha->errors < hb->errors ? -1 : 1;

  da = hit_distance (user_data, ha);
  db = hit_distance (user_data, hb);
  return (da > db) - (da < db);
}

static void
find_fuzzy (const Query *q,
            glong        lo,
            glong        hi,
            GArray      *candidates)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  guint max_hits = MAX (64, EXTENSION_BUDGET / q->quote_len);

  for (guint i = 0; i < q->n_pieces; i++)
    search_piece (q, i, lo, hi, hits);

  /* Only pathological texts get here: keep the best and nearest hits. */
  if (hits->len > max_hits)
    {
      g_array_sort_with_data (hits, compare_hits, (gpointer)q);
      g_array_set_size (hits, max_hits);
    }

  for (guint i = 0; i < hits->len; i++)
    extend_hit (q, &g_array_index (hits, Hit, i), candidates);
}

static double
context_score (const guint64 *peq,
               glong          len,
               const View    *text)
{
  guint distance;

  if (len == 0)
    return 1.0;

  /* Unrelated text is still about half similar by edit distance; twice
   * the error rate makes such a context count for nothing. */
  distance = context_distance (peq, len, text);
  return MAX (0.0, 1.0 - 2.0 * distance / len);
}

/* The score ranks candidates as Hypothesis does; it favours the context,
 * which a short quote needs to be told from its repetitions. A quote of
 * 64 code points or more is evidence by itself even when both sides
 * around it were rewritten, so the confidence that decides whether to
 * take a candidate at all is the better of the score and the quote's
 * similarity scaled by its length. */
static void
score_candidate (const Query *q,
                 Candidate   *c)
{
  const guint32 *syms = q->text->syms;
  View before = { syms, c->start - 1, c->start, -1 };
  View after = { syms, c->end, q->text->length - c->end, 1 };
  double quote = 1.0 - (double)c->errors / q->quote_len;
  double prefix = context_score (q->prefix_peq, q->prefix_len, &before);
  double suffix = context_score (q->suffix_peq, q->suffix_len, &after);
  double position = 1.0 - (double)ABS (c->start - q->hint) / MAX (q->text->length, 1);
  double evidence = quote * MIN (1.0, (double)q->quote_len / SELF_EVIDENT_LENGTH);

  c->score = (QUOTE_WEIGHT * quote + PREFIX_WEIGHT * prefix +
              SUFFIX_WEIGHT * suffix + POSITION_WEIGHT * position) /
             (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT);
  c->confidence = MAX (c->score, evidence);
}

/* Equal scores (a passage repeated with the same context) go to the
 * occurrence nearest the old position. */
static gboolean
candidate_better (const Query     *q,
                  const Candidate *a,
                  const Candidate *b)
{
  if (a->score != b->score)
    return a->score > b->score;

  return ABS (a->start - q->hint) < ABS (b->start - q->hint);
}

static void
pick_best (const Query *q,
           GArray      *candidates,
           Candidate   *best)
{
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);

      score_candidate (q, c);
      if (candidate_better (q, c, best))
        *best = *c;
    }
}

/* Returns TRUE when the best candidate so far is convincing enough to
 * stop widening the search. */
static gboolean
search_range (const Query *q,
              glong        lo,
              glong        hi,
              Candidate   *best)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));

  if (q->exact_possible)
    {
      find_exact (q, lo, hi, candidates);
      pick_best (q, candidates, best);
      if (best->confidence >= CONFIDENT_SCORE)
        return TRUE;
      g_array_set_size (candidates, 0);
    }

  find_fuzzy (q, lo, hi, candidates);
  pick_best (q, candidates, best);
  return best->confidence >= CONFIDENT_SCORE;
}

static gboolean
position_matches (const Query *q,
                  glong        start,
                  glong        end)
{
  if (start < 0 || end < start || end > q->text->length || end - start != q->quote_len)
    return FALSE;

  return memcmp (q->text->syms + start, q->quote, q->quote_len * sizeof (guint32)) == 0;
}

/* Cuts the quote into at most MAX_PIECES disjoint pieces of at most
 * WORD_BITS code points: the whole quote when it fits in a word, else
 * pieces covering it, else (for quotes over MAX_PIECES words) pieces
 * spread evenly over it. */
static void
plan_pieces (Query *q)
{
  glong m = q->quote_len;
  guint n = MIN ((m + WORD_BITS - 1) / WORD_BITS, MAX_PIECES);

  q->max_errors = MIN (m / 4, MAX_ERRORS);
  q->n_pieces = n;
  q->piece_errors = q->max_errors / n;

  for (guint i = 0; i < n; i++)
    {
      Piece *piece = &q->pieces[i];

      if (n * WORD_BITS >= m)
        {
          piece->offset = i * m / n;
          piece->length = (i + 1) * m / n - piece->offset;
        }
      else
        {
          piece->offset = i * (m - WORD_BITS) / (n - 1);
          piece->length = WORD_BITS;
        }
      piece->peq = build_peq (q->text, q->quote + piece->offset, piece->length);
    }
}

static void
query_init (Query          *q,
            ClipAnchorText *text,
            const char     *exact,
            glong           start)
{
  memset (q, 0, sizeof *q);
  q->text = text;
  q->quote = map_string (text, exact, -1, FALSE, &q->quote_len);
  q->hint = CLAMP (start, 0, text->length);
}

/* The rest of the query, which the position path does not need. */
static void
query_prepare_search (Query      *q,
                      const char *prefix,
                      const char *suffix)
{
  q->exact_possible = q->quote_len <= q->text->length;
  for (glong i = 0; i < q->quote_len && q->exact_possible; i++)
    q->exact_possible = q->quote[i] != NO_SYMBOL;
  if (q->exact_possible)
    q->failure = build_failure (q->quote, q->quote_len);

  q->prefix = map_string (q->text, prefix, MAX_CONTEXT, TRUE, &q->prefix_len);
  q->prefix_peq = build_peq (q->text, q->prefix, q->prefix_len);
  q->suffix = map_string (q->text, suffix, MAX_CONTEXT, FALSE, &q->suffix_len);
  q->suffix_peq = build_peq (q->text, q->suffix, q->suffix_len);
  plan_pieces (q);
}

static void
query_clear (Query *q)
{
  for (guint i = 0; i < q->n_pieces; i++)
    g_free (q->pieces[i].peq);
  g_free (q->quote);
  g_free (q->failure);
  g_free (q->prefix);
  g_free (q->prefix_peq);
  g_free (q->suffix);
  g_free (q->suffix_peq);
}

static gboolean
search (const Query *q,
        Candidate   *best)
{
  glong n = q->text->length;

  for (guint i = 0; i <= G_N_ELEMENTS (search_margins); i++)
    {
      glong margin = i < G_N_ELEMENTS (search_margins) ? search_margins[i] : n;
      glong lo = MAX (0, q->hint - margin);
      glong hi = MIN (n, q->hint + q->quote_len + margin);

      if (search_range (q, lo, hi, best) || (lo == 0 && hi == n))
        break;
    }

  return best->confidence >= MIN_SCORE;
}

static void
set_match (ClipAnchorMatch  *match,
           glong             start,
           glong             end,
           ClipAnchorMethod  method,
           double            score)
{
  match->start = start;
  match->end = end;
  match->method = method;
  match->score = score;
}

gboolean
clip_anchor_find (ClipAnchorText  *text,
                  const char      *exact,
                  const char      *prefix,
                  const char      *suffix,
                  glong            start,
                  glong            end,
                  ClipAnchorMatch *match)
{
  Query q;
  Candidate best = { -1, -1, 0, -1.0, -1.0 };
  gboolean found;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (match != NULL, FALSE);
  g_return_val_if_fail (exact == NULL || g_utf8_validate (exact, -1, NULL), FALSE);
  g_return_val_if_fail (prefix == NULL || g_utf8_validate (prefix, -1, NULL), FALSE);
  g_return_val_if_fail (suffix == NULL || g_utf8_validate (suffix, -1, NULL), FALSE);

  set_match (match, -1, -1, CLIP_ANCHOR_ORPHAN, 0.0);
  if (exact == NULL || exact[0] == '\0' || text->length == 0)
    return FALSE;

  query_init (&q, text, exact, start);
  if (position_matches (&q, start, end))
    {
      set_match (match, start, end, CLIP_ANCHOR_POSITION, 1.0);
      query_clear (&q);
      return TRUE;
    }

  query_prepare_search (&q, prefix != NULL ? prefix : "", suffix != NULL ? suffix : "");
  found = search (&q, &best);
  if (found)
    set_match (match, best.start, best.end,
               best.errors == 0 ? CLIP_ANCHOR_QUOTE : CLIP_ANCHOR_FUZZY,
               best.score);

  query_clear (&q);
  return found;
}

const char *
clip_anchor_method_to_string (ClipAnchorMethod method)
{
  g_return_val_if_fail (method <= CLIP_ANCHOR_ORPHAN, NULL);

  return method_names[method];
}

/* The text with each whitespace run as one space; map[i] is the code
 * point in the original where normalized code point i starts. */
typedef struct {
  GArray *chars;  /* gunichar */
  GArray *map;    /* glong, one more than chars: the end */
} Collapsed;

static void
collapse (const char *text,
          gboolean    trim,
          Collapsed  *out)
{
  glong i = 0;
  gboolean in_space = FALSE;

  out->chars = g_array_new (FALSE, FALSE, sizeof (gunichar));
  out->map = g_array_new (FALSE, FALSE, sizeof (glong));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), i++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          if (in_space || (trim && out->chars->len == 0))
            continue;
          in_space = TRUE;
          c = ' ';
        }
      else
        in_space = FALSE;

      g_array_append_val (out->chars, c);
      g_array_append_val (out->map, i);
    }

  if (trim && in_space)
    {
      g_array_set_size (out->chars, out->chars->len - 1);
      g_array_set_size (out->map, out->map->len - 1);
    }
  g_array_append_val (out->map, i);
}

static void
collapsed_clear (Collapsed *c)
{
  g_clear_pointer (&c->chars, g_array_unref);
  g_clear_pointer (&c->map, g_array_unref);
}

static gboolean
chars_at (GArray *text,
          glong   at,
          GArray *part)
{
  if (at < 0 || at + (glong)part->len > (glong)text->len)
    return FALSE;
  return memcmp (&g_array_index (text, gunichar, at), part->data, part->len * sizeof (gunichar)) == 0;
}

/* The context must touch the quote; a space between them may be left
 * out of it. */
static gboolean
context_fits (GArray     *text,
              glong       start,
              glong       end,
              const char *prefix,
              const char *suffix)
{
  gboolean fits = TRUE;

  if (prefix != NULL && prefix[0] != '\0')
    {
      Collapsed p;

      collapse (prefix, FALSE, &p);
      fits = chars_at (text, start - p.chars->len, p.chars) ||
             (start > 0 && g_array_index (text, gunichar, start - 1) == ' ' &&
              chars_at (text, start - 1 - p.chars->len, p.chars));
      collapsed_clear (&p);
    }

  if (fits && suffix != NULL && suffix[0] != '\0')
    {
      Collapsed s;

      collapse (suffix, FALSE, &s);
      fits = chars_at (text, end, s.chars) ||
             (end < (glong)text->len && g_array_index (text, gunichar, end) == ' ' &&
              chars_at (text, end + 1, s.chars));
      collapsed_clear (&s);
    }

  return fits;
}

guint
clip_anchor_find_exact (const char *text,
                        const char *exact,
                        const char *prefix,
                        const char *suffix,
                        glong      *start,
                        glong      *end)
{
  Collapsed t, q;
  guint n = 0;

  g_return_val_if_fail (text != NULL && exact != NULL, 0);

  collapse (text, FALSE, &t);
  collapse (exact, TRUE, &q);

  for (glong i = 0; q.chars->len > 0 && i + (glong)q.chars->len <= (glong)t.chars->len; i++)
    {
      glong j = i + q.chars->len;

      if (!chars_at (t.chars, i, q.chars) || !context_fits (t.chars, i, j, prefix, suffix))
        continue;
      if (n++ == 0)
        {
          *start = g_array_index (t.map, glong, i);
          /* The end of the last code point matched, not the run after it. */
          *end = g_array_index (t.map, glong, j - 1) + 1;
        }
    }

  collapsed_clear (&t);
  collapsed_clear (&q);
  return n;
}
