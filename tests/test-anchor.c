/* test-anchor.c: placing annotations on changed texts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clip-anchor.h"
#include "clip-text.h"

#define assert_match(m, meth, s, e) \
  G_STMT_START { \
    g_assert_cmpstr (clip_anchor_method_to_string ((m)->method), ==, \
                     clip_anchor_method_to_string (meth)); \
    g_assert_cmpint ((m)->start, ==, (s)); \
    g_assert_cmpint ((m)->end, ==, (e)); \
  } G_STMT_END

#define assert_orphan(m) \
  G_STMT_START { \
    assert_match (m, CLIP_ANCHOR_ORPHAN, -1, -1); \
    g_assert_cmpfloat ((m)->score, ==, 0.0); \
  } G_STMT_END

static const char *council =
  "The council met on Tuesday evening to discuss the budget for the coming year.\n\n"
  "Mayor Alvarez said the new bridge would open in spring, ahead of schedule, "
  "and that tolls would stay at current levels.\n\n"
  "Critics argued that the costs had doubled since the project began in 2019.\n\n"
  "The vote was postponed until next month.";

/* The code-point offset of the first occurrence of needle. */
static glong
offset_of (const char *text,
           const char *needle)
{
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return g_utf8_pointer_to_offset (text, found);
}

/* Makes the selectors of old_text[start:end) as the store keeps them and
 * places them on new_text. */
static gboolean
reanchor (const char      *old_text,
          glong            start,
          glong            end,
          const char      *new_text,
          ClipAnchorMatch *match)
{
  g_autoptr(ClipAnchorText) text = clip_anchor_text_new (new_text);
  g_autofree char *exact = clip_text_slice (old_text, start, end);
  g_autofree char *prefix = clip_text_prefix (old_text, start, CLIP_TEXT_CONTEXT_LENGTH);
  g_autofree char *suffix = clip_text_suffix (old_text, end, CLIP_TEXT_CONTEXT_LENGTH);

  return clip_anchor_find (text, exact, prefix, suffix, start, end, match);
}

/* Replaces the first occurrence of from with to. */
static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  const char *found = strstr (text, from);

  g_assert_nonnull (found);
  return g_strdup_printf ("%.*s%s%s", (int)(found - text), text, to, found + strlen (from));
}

static void
test_exact_position (void)
{
  ClipAnchorMatch match;
  glong start = offset_of (council, "the new bridge");

  g_assert_true (reanchor (council, start, start + 35, council, &match));
  assert_match (&match, CLIP_ANCHOR_POSITION, start, start + 35);
  g_assert_cmpfloat (match.score, ==, 1.0);
}

static void
test_edit_before (void)
{
  g_autofree char *inserted = replace (council, "Tuesday", "a rainy Tuesday");
  g_autofree char *deleted = replace (council, " for the coming year", "");
  glong start = offset_of (council, "the new bridge");
  ClipAnchorMatch match;

  g_assert_true (reanchor (council, start, start + 35, inserted, &match));
  assert_match (&match, CLIP_ANCHOR_QUOTE, start + 8, start + 8 + 35);

  g_assert_true (reanchor (council, start, start + 35, deleted, &match));
  assert_match (&match, CLIP_ANCHOR_QUOTE, start - 20, start - 20 + 35);
}

static void
test_edit_after (void)
{
  g_autofree char *suffix_changed = replace (council, ", ahead of schedule", " after delays");
  g_autofree char *far_changed = replace (council, "next month", "the autumn session");
  glong start = offset_of (council, "the new bridge");
  ClipAnchorMatch match;

  g_assert_true (reanchor (council, start, start + 35, suffix_changed, &match));
  assert_match (&match, CLIP_ANCHOR_POSITION, start, start + 35);

  g_assert_true (reanchor (council, start, start + 35, far_changed, &match));
  assert_match (&match, CLIP_ANCHOR_POSITION, start, start + 35);
}

static void
test_edit_inside (void)
{
  g_autofree char *changed_word = replace (council, "would open", "will open");
  g_autofree char *first_char = replace (council, "the new bridge", "she new bridge");
  g_autofree char *added_near_start = replace (council, "the new bridge", "the nxew bridge");
  g_autofree char *both = replace (changed_word, "Tuesday", "Monday");
  glong start = offset_of (council, "the new bridge");
  ClipAnchorMatch match;

  /* "the new bridge would open in spring" becomes "... will open ...". */
  g_assert_true (reanchor (council, start, start + 35, changed_word, &match));
  assert_match (&match, CLIP_ANCHOR_FUZZY, start, start + 34);
  g_assert_cmpfloat (match.score, >, 0.85);
  g_assert_cmpfloat (match.score, <, 1.0);

  /* Edits at the quote's first code point: the prefix decides where the
   * quote starts, so the changed character stays inside. */
  g_assert_true (reanchor (council, start, start + 35, first_char, &match));
  assert_match (&match, CLIP_ANCHOR_FUZZY, start, start + 35);
  g_assert_true (reanchor (council, start, start + 35, added_near_start, &match));
  assert_match (&match, CLIP_ANCHOR_FUZZY, start, start + 36);

  /* An edit before and one inside: moved and fuzzy. */
  g_assert_true (reanchor (council, start, start + 35, both, &match));
  assert_match (&match, CLIP_ANCHOR_FUZZY, start - 1, start - 1 + 34);
}

static const char *river =
  "Officials said the river rose quickly overnight. "
  "In the northern district, the river rose quickly after the storm broke. "
  "By morning the river rose quickly again near the old dam.";

/* The same phrase three times: prefix and suffix tell the occurrences
 * apart even when the old position points at another one. */
static void
test_repeated_phrases (void)
{
  g_autofree char *edited = g_strconcat ("Update: ", river, NULL);
  g_autoptr(ClipAnchorText) text = clip_anchor_text_new (edited);
  const char *phrase = "the river rose quickly";
  glong first = offset_of (river, phrase);
  glong second = offset_of (river, "the river rose quickly after");
  glong third = offset_of (river, "the river rose quickly again");
  ClipAnchorMatch match;

  g_assert_cmpint (first, ==, 15);
  g_assert_cmpint (second, ==, 75);
  g_assert_cmpint (third, ==, 132);

  /* Stale positions pointing at the first occurrence. */
  g_assert_true (clip_anchor_find (text, phrase, "In the northern district, ", " after the storm",
                                   first, first + 22, &match));
  assert_match (&match, CLIP_ANCHOR_QUOTE, second + 8, second + 8 + 22);
  g_assert_true (clip_anchor_find (text, phrase, "the storm broke. By morning ", " again near the old dam.",
                                   first, first + 22, &match));
  assert_match (&match, CLIP_ANCHOR_QUOTE, third + 8, third + 8 + 22);

  /* One side of context is enough. */
  g_assert_true (clip_anchor_find (text, phrase, NULL, " again near", 0, 0, &match));
  assert_match (&match, CLIP_ANCHOR_QUOTE, third + 8, third + 8 + 22);
  g_assert_true (clip_anchor_find (text, phrase, "Officials said ", NULL, third, third + 22, &match));
  assert_match (&match, CLIP_ANCHOR_QUOTE, first + 8, first + 8 + 22);

  /* Without context, the occurrence nearest the old position wins. */
  g_assert_true (clip_anchor_find (text, phrase, NULL, NULL, third + 3, third + 25, &match));
  assert_match (&match, CLIP_ANCHOR_QUOTE, third + 8, third + 8 + 22);
  g_assert_true (clip_anchor_find (text, phrase, "", "", second + 2, second + 24, &match));
  assert_match (&match, CLIP_ANCHOR_QUOTE, second + 8, second + 8 + 22);
}

/* A repeated phrase whose edited copy must still be told from its
 * intact twins by context. */
static void
test_repeated_phrase_fuzzy (void)
{
  g_autofree char *edited = replace (river, "the river rose quickly after", "the river rose quikly after");
  glong second = offset_of (river, "the river rose quickly after");
  ClipAnchorMatch match;

  g_assert_true (reanchor (river, second, second + 22, edited, &match));
  assert_match (&match, CLIP_ANCHOR_FUZZY, second, second + 21);
}

/* Offsets count code points: an emoji (four UTF-8 bytes, two UTF-16
 * units) before the quote moves it by one. */
static void
test_unicode_emoji (void)
{
  const char *old_text = "Launch day. The rocket lifted off at dawn \xf0\x9f\x9a\x80 over the bay.";
  const char *new_text = "Launch day\xf0\x9f\x98\x80. The rocket lifted off at dawn \xf0\x9f\x9a\x80 over the bay.";
  g_autofree char *fuzzy_text = replace (new_text, "lifted", "lifts");
  ClipAnchorMatch match;

  g_assert_true (reanchor (old_text, 12, 33, new_text, &match));
  assert_match (&match, CLIP_ANCHOR_QUOTE, 13, 34);

  /* A quote that holds an emoji: "at dawn 🚀 over" is 14 code points. */
  g_assert_true (reanchor (old_text, 34, 48, new_text, &match));
  assert_match (&match, CLIP_ANCHOR_QUOTE, 35, 49);

  /* "The rocket lifted off at dawn 🚀" with "lifted" -> "lifts". */
  g_assert_true (reanchor (old_text, 12, 43, fuzzy_text, &match));
  assert_match (&match, CLIP_ANCHOR_FUZZY, 13, 43);
}

static void
test_unicode_cjk (void)
{
  /* 北京市政府周二宣布，新的地铁线路将于明年开通。市民对此表示欢迎。 */
  const char *old_text =
    "\xe5\x8c\x97\xe4\xba\xac\xe5\xb8\x82\xe6\x94\xbf\xe5\xba\x9c\xe5\x91\xa8\xe4\xba\x8c"
    "\xe5\xae\xa3\xe5\xb8\x83\xef\xbc\x8c\xe6\x96\xb0\xe7\x9a\x84\xe5\x9c\xb0\xe9\x93\x81"
    "\xe7\xba\xbf\xe8\xb7\xaf\xe5\xb0\x86\xe4\xba\x8e\xe6\x98\x8e\xe5\xb9\xb4\xe5\xbc\x80"
    "\xe9\x80\x9a\xe3\x80\x82\xe5\xb8\x82\xe6\xb0\x91\xe5\xaf\xb9\xe6\xad\xa4\xe8\xa1\xa8"
    "\xe7\xa4\xba\xe6\xac\xa2\xe8\xbf\x8e\xe3\x80\x82";
  /* 据报道， in front; 明年 (next year) becomes 后年 (the year after). */
  g_autofree char *moved = g_strconcat ("\xe6\x8d\xae\xe6\x8a\xa5\xe9\x81\x93\xef\xbc\x8c", old_text, NULL);
  g_autofree char *edited = replace (moved, "\xe6\x98\x8e\xe5\xb9\xb4", "\xe5\x90\x8e\xe5\xb9\xb4");
  ClipAnchorMatch match;

  g_assert_cmpint (clip_text_length (old_text), ==, 32);

  /* 新的地铁线路将于明年开通 is [10, 22). */
  g_assert_true (reanchor (old_text, 10, 22, moved, &match));
  assert_match (&match, CLIP_ANCHOR_QUOTE, 14, 26);
  g_assert_true (reanchor (old_text, 10, 22, edited, &match));
  assert_match (&match, CLIP_ANCHOR_FUZZY, 14, 26);
}

static void
test_unicode_combining (void)
{
  /* "Noël" and "Café" spelt with combining marks (e + U+0308, e + U+0301). */
  const char *old_text = "Noe\xcc\x88l wrote: the Cafe\xcc\x81 Royal closed on Friday.";
  /* " Lévy" adds six code points (seven bytes) before the quote. */
  const char *new_text = "Noe\xcc\x88l Le\xcc\x81vy wrote: the Cafe\xcc\x81 Royal closed on Friday.";
  g_autofree char *no_accent = replace (new_text, "Cafe\xcc\x81", "Cafe");
  ClipAnchorMatch match;

  /* "the Café Royal" is 15 code points at 13. */
  g_assert_true (reanchor (old_text, 13, 28, new_text, &match));
  assert_match (&match, CLIP_ANCHOR_QUOTE, 19, 34);

  /* Dropping the combining mark is one deletion. */
  g_assert_true (reanchor (old_text, 13, 28, no_accent, &match));
  assert_match (&match, CLIP_ANCHOR_FUZZY, 19, 33);
}

static void
test_orphan_deleted_passage (void)
{
  g_autofree char *without = replace (council,
                                      "Critics argued that the costs had doubled since the project began in 2019.\n\n",
                                      "");
  glong start = offset_of (council, "the costs had doubled");
  ClipAnchorMatch match;

  g_assert_false (reanchor (council, start, start + 21, without, &match));
  assert_orphan (&match);
}

/* "the budget" survives in the first paragraph, but the annotated one in
 * the deleted paragraph must not silently move there. */
static void
test_orphan_not_moved (void)
{
  const char *old_text =
    "The council met on Tuesday evening to discuss the budget for the coming year.\n\n"
    "Several members walked out when the budget was read aloud by the treasurer.\n\n"
    "The vote was postponed until next month.";
  g_autofree char *without = replace (old_text,
                                      "Several members walked out when the budget was read aloud by the treasurer.\n\n",
                                      "");
  glong start = offset_of (old_text, "the budget was");
  ClipAnchorMatch match;

  g_assert_false (reanchor (old_text, start, start + 10, without, &match));
  assert_orphan (&match);

  /* The same quote with the first paragraph's context is found there. */
  g_assert_true (reanchor (old_text, 46, 56, without, &match));
  assert_match (&match, CLIP_ANCHOR_POSITION, 46, 56);
}

/* A long quote whose surroundings were rewritten on both sides is still
 * evidence enough by itself. */
static void
test_context_rewritten (void)
{
  const char *quote = "Mayor Alvarez said the new bridge would open in spring, ahead of schedule";
  g_autofree char *new_text = g_strconcat ("Breaking news from the city hall press room.\n\n", quote,
                                           " -- a claim the opposition disputes.", NULL);
  g_autoptr(ClipAnchorText) text = clip_anchor_text_new (new_text);
  glong start = offset_of (council, quote);
  ClipAnchorMatch match;

  g_assert_true (clip_anchor_find (text, quote,
                                   "get for the coming year.\n\n", ", and that tolls would stay at cu",
                                   start, start + 73, &match));
  assert_match (&match, CLIP_ANCHOR_QUOTE, 46, 46 + 73);
}

static void
test_empty_quote (void)
{
  g_autoptr(ClipAnchorText) text = clip_anchor_text_new (council);
  g_autoptr(ClipAnchorText) empty = clip_anchor_text_new ("");
  ClipAnchorMatch match;

  g_assert_false (clip_anchor_find (text, "", "the ", " new", 0, 0, &match));
  assert_orphan (&match);
  g_assert_false (clip_anchor_find (text, NULL, NULL, NULL, 3, 5, &match));
  assert_orphan (&match);

  g_assert_cmpint (clip_anchor_text_get_length (empty), ==, 0);
  g_assert_false (clip_anchor_find (empty, "council", NULL, NULL, 0, 7, &match));
  assert_orphan (&match);

  /* A quote made only of characters the text lacks. */
  g_assert_false (clip_anchor_find (text, "\xe2\x98\x83\xe2\x98\x83", NULL, NULL, 0, 2, &match));
  assert_orphan (&match);
}

static void
test_stale_position (void)
{
  g_autoptr(ClipAnchorText) text = clip_anchor_text_new (council);
  glong start = offset_of (council, "the new bridge");
  const char *exact = "the new bridge would open in spring";
  ClipAnchorMatch match;

  g_assert_true (clip_anchor_find (text, exact, "said ", ", ahead", -40, -5, &match));
  assert_match (&match, CLIP_ANCHOR_QUOTE, start, start + 35);
  g_assert_true (clip_anchor_find (text, exact, "said ", ", ahead",
                                   G_MAXLONG - 10, G_MAXLONG, &match));
  assert_match (&match, CLIP_ANCHOR_QUOTE, start, start + 35);
  g_assert_true (clip_anchor_find (text, exact, "said ", ", ahead", start + 35, start, &match));
  assert_match (&match, CLIP_ANCHOR_QUOTE, start, start + 35);
  g_assert_true (clip_anchor_find (text, exact, "said ", ", ahead", start, start + 34, &match));
  assert_match (&match, CLIP_ANCHOR_QUOTE, start, start + 35);
  /* The position path compares code points, not the old length alone. */
  g_assert_true (clip_anchor_find (text, exact, NULL, NULL, start + 1, start + 36, &match));
  assert_match (&match, CLIP_ANCHOR_QUOTE, start, start + 35);
}

#define HUGE_QUOTE 100000
#define HUGE_TEXT 300000

/* Deterministic prose with some non-ASCII, n code points long. */
static GString *
make_prose (guint32 seed,
            glong   n)
{
  static const char * const words[] = {
    "harbour", "minister", "said", "the", "a", "of", "council", "river",
    "Zu\xcc\x88rich", "caf\xc3\xa9", "\xe5\x8c\x97\xe4\xba\xac", "\xf0\x9f\x8c\x8d",
    "report", "vote", "late", "on", "budget", "bridge", "quietly", "and",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GString *text = g_string_new (NULL);
  glong length = 0;

  while (length < n)
    {
      const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];

      g_string_append (text, word);
      g_string_append_c (text, g_rand_int_range (rand, 0, 12) == 0 ? '.' : ' ');
      length += g_utf8_strlen (word, -1) + 1;
    }
  g_string_truncate (text, g_utf8_offset_to_pointer (text->str, n) - text->str);
  return text;
}

static gint64
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000;
}

/* 100,000 code points: found by position, by exact search, by fuzzy
 * search after edits, or orphaned, each in bounded time. */
static void
test_huge_quote (void)
{
  g_autoptr(GString) old_text = make_prose (1, HUGE_TEXT);
  g_autoptr(GString) unrelated = make_prose (2, HUGE_TEXT);
  g_autoptr(GString) edited = NULL;
  g_autofree char *exact = clip_text_slice (old_text->str, 100000, 100000 + HUGE_QUOTE);
  g_autofree char *prefix = clip_text_prefix (old_text->str, 100000, 32);
  g_autofree char *suffix = clip_text_suffix (old_text->str, 100000 + HUGE_QUOTE, 32);
  g_autoptr(ClipAnchorText) text = clip_anchor_text_new (old_text->str);
  g_autoptr(ClipAnchorText) edited_text = NULL;
  g_autoptr(ClipAnchorText) unrelated_text = clip_anchor_text_new (unrelated->str);
  ClipAnchorMatch match;
  const char *p;
  gint64 since;

  g_assert_true (clip_anchor_find (text, exact, prefix, suffix, 100000, 100000 + HUGE_QUOTE, &match));
  assert_match (&match, CLIP_ANCHOR_POSITION, 100000, 100000 + HUGE_QUOTE);

  since = g_get_monotonic_time ();
  g_assert_true (clip_anchor_find (text, exact, prefix, suffix, 0, HUGE_QUOTE, &match));
  assert_match (&match, CLIP_ANCHOR_QUOTE, 100000, 100000 + HUGE_QUOTE);
  g_assert_cmpint (elapsed_ms (since), <, 5000);

  /* Three code points before the quote, and inside it one insertion, one
   * deletion and a substitution every 5,000 code points. */
  edited = g_string_new (NULL);
  g_string_append (edited, "xyz");
  g_string_append_len (edited, old_text->str, g_utf8_offset_to_pointer (old_text->str, 100000) - old_text->str);
  p = exact;
  for (glong i = 0; i < HUGE_QUOTE; i++, p = g_utf8_next_char (p))
    {
      if (i == 30000)
        g_string_append_c (edited, 'Q');
      if (i == 60000)
        continue;
      if (i % 5000 == 2500)
        g_string_append_c (edited, '#');
      else
        g_string_append_len (edited, p, g_utf8_next_char (p) - p);
    }
  g_string_append (edited, g_utf8_offset_to_pointer (old_text->str, 100000 + HUGE_QUOTE));
  edited_text = clip_anchor_text_new (edited->str);

  since = g_get_monotonic_time ();
  g_assert_true (clip_anchor_find (edited_text, exact, prefix, suffix, 100000, 100000 + HUGE_QUOTE, &match));
  assert_match (&match, CLIP_ANCHOR_FUZZY, 100003, 100003 + HUGE_QUOTE);
  g_assert_cmpfloat (match.score, >, 0.99);
  g_assert_cmpint (elapsed_ms (since), <, 5000);

  since = g_get_monotonic_time ();
  g_assert_false (clip_anchor_find (unrelated_text, exact, prefix, suffix, 100000, 100000 + HUGE_QUOTE, &match));
  assert_orphan (&match);
  g_assert_cmpint (elapsed_ms (since), <, 5000);
}

/* Text inserted before the quote moves it far beyond the windows around
 * the old position that are searched first. */
static void
test_moved_far (void)
{
  g_autoptr(GString) old_text = make_prose (3, 2000);
  g_autoptr(GString) filler = make_prose (4, 40000);
  g_autofree char *moved = g_strconcat (filler->str, old_text->str, NULL);
  g_autofree char *exact = clip_text_slice (old_text->str, 1000, 1060);
  g_autofree char *edited_exact = NULL;
  g_autofree char *edited = NULL;
  ClipAnchorMatch match;

  g_assert_true (reanchor (old_text->str, 1000, 1060, moved, &match));
  assert_match (&match, CLIP_ANCHOR_QUOTE, 41000, 41060);

  /* The same with two substitutions inside the quote. */
  edited_exact = g_strdup (exact);
  /* Single bytes below 0x80 are whole characters, so this stays UTF-8. */
  g_assert_cmpint ((guchar)edited_exact[10], <, 0x80);
  g_assert_cmpint ((guchar)edited_exact[40], <, 0x80);
  edited_exact[10] = '#';
  edited_exact[40] = '#';
  edited = replace (moved, exact, edited_exact);
  g_assert_true (reanchor (old_text->str, 1000, 1060, edited, &match));
  assert_match (&match, CLIP_ANCHOR_FUZZY, 41000, 41060);
}

/* A periodic text is the worst case for naive searching: every even
 * offset is an exact occurrence and every offset nearly one. */
static void
test_huge_quote_repetitive (void)
{
  g_autoptr(GString) periodic = g_string_new (NULL);
  g_autofree char *exact = NULL;
  g_autoptr(ClipAnchorText) text = NULL;
  ClipAnchorMatch match;
  gint64 since;

  for (glong i = 0; i < HUGE_TEXT / 2; i++)
    g_string_append (periodic, "ab");
  exact = g_strndup (periodic->str, HUGE_QUOTE);
  text = clip_anchor_text_new (periodic->str);

  since = g_get_monotonic_time ();
  g_assert_true (clip_anchor_find (text, exact, NULL, NULL, 5000, 5000 + 10, &match));
  assert_match (&match, CLIP_ANCHOR_QUOTE, 5000, 5000 + HUGE_QUOTE);
  g_assert_cmpint (elapsed_ms (since), <, 5000);

  exact[HUGE_QUOTE / 2] = 'c';
  since = g_get_monotonic_time ();
  g_assert_true (clip_anchor_find (text, exact, NULL, NULL, 5000, 5000 + HUGE_QUOTE, &match));
  g_assert_cmpint (match.method, ==, CLIP_ANCHOR_FUZZY);
  g_assert_cmpint (match.start, ==, 5000);
  g_assert_cmpint (match.end, ==, 5000 + HUGE_QUOTE);
  g_assert_cmpint (elapsed_ms (since), <, 5000);
}

static void
test_method_names (void)
{
  g_assert_cmpstr (clip_anchor_method_to_string (CLIP_ANCHOR_POSITION), ==, "position");
  g_assert_cmpstr (clip_anchor_method_to_string (CLIP_ANCHOR_QUOTE), ==, "quote");
  g_assert_cmpstr (clip_anchor_method_to_string (CLIP_ANCHOR_FUZZY), ==, "fuzzy");
  g_assert_cmpstr (clip_anchor_method_to_string (CLIP_ANCHOR_ORPHAN), ==, "orphan");
}

/* The CLI's --quote: code points as given, whitespace runs as one. */
static void
test_find_exact (void)
{
  const char *text = "Café owners\n\nsaid the keepers, and the keepers left. Ünïcode 😀 end.";
  glong start = -1, end = -1;

  g_assert_cmpuint (clip_anchor_find_exact (text, "owners said", NULL, NULL, &start, &end), ==, 1);
  g_assert_cmpint (start, ==, 5);
  g_assert_cmpint (end, ==, 17);
  g_assert_cmpuint (clip_anchor_find_exact (text, "  owners \t said  ", NULL, NULL, &start, &end), ==, 1);
  g_assert_cmpint (end, ==, 17);
  /* No case, accent or near-miss matching. */
  g_assert_cmpuint (clip_anchor_find_exact (text, "cafe owners", NULL, NULL, &start, &end), ==, 0);
  g_assert_cmpuint (clip_anchor_find_exact (text, "Cafe owners", NULL, NULL, &start, &end), ==, 0);
  g_assert_cmpuint (clip_anchor_find_exact (text, "said the keeper s", NULL, NULL, &start, &end), ==, 0);
  /* Repeated: counted; context picks one. */
  g_assert_cmpuint (clip_anchor_find_exact (text, "keepers", NULL, NULL, &start, &end), ==, 2);
  g_assert_cmpint (start, ==, 22);
  g_assert_cmpuint (clip_anchor_find_exact (text, "keepers", "and the", NULL, &start, &end), ==, 1);
  g_assert_cmpint (start, ==, 39);
  g_assert_cmpuint (clip_anchor_find_exact (text, "keepers", NULL, " left", &start, &end), ==, 1);
  g_assert_cmpint (start, ==, 39);
  g_assert_cmpuint (clip_anchor_find_exact (text, "keepers", "nobody", NULL, &start, &end), ==, 0);
  g_assert_cmpuint (clip_anchor_find_exact (text, "😀 end", NULL, NULL, &start, &end), ==, 1);
  g_assert_cmpint (start, ==, 61);
  g_assert_cmpint (end, ==, 66);
  g_assert_cmpuint (clip_anchor_find_exact (text, "   ", NULL, NULL, &start, &end), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/anchor/exact/position", test_exact_position);
  g_test_add_func ("/anchor/edit/before", test_edit_before);
  g_test_add_func ("/anchor/edit/after", test_edit_after);
  g_test_add_func ("/anchor/edit/inside", test_edit_inside);
  g_test_add_func ("/anchor/repeated/exact", test_repeated_phrases);
  g_test_add_func ("/anchor/repeated/fuzzy", test_repeated_phrase_fuzzy);
  g_test_add_func ("/anchor/unicode/emoji", test_unicode_emoji);
  g_test_add_func ("/anchor/unicode/cjk", test_unicode_cjk);
  g_test_add_func ("/anchor/unicode/combining", test_unicode_combining);
  g_test_add_func ("/anchor/orphan/deleted-passage", test_orphan_deleted_passage);
  g_test_add_func ("/anchor/orphan/not-moved", test_orphan_not_moved);
  g_test_add_func ("/anchor/context-rewritten", test_context_rewritten);
  g_test_add_func ("/anchor/empty-quote", test_empty_quote);
  g_test_add_func ("/anchor/stale-position", test_stale_position);
  g_test_add_func ("/anchor/moved-far", test_moved_far);
  g_test_add_func ("/anchor/huge-quote", test_huge_quote);
  g_test_add_func ("/anchor/huge-quote-repetitive", test_huge_quote_repetitive);
  g_test_add_func ("/anchor/method-names", test_method_names);
  g_test_add_func ("/anchor/find-exact", test_find_exact);

  return g_test_run ();
}
