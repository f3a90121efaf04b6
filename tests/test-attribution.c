/* test-attribution.c: quotes, cues, speakers and entity suggestions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clip-attribution.h"
#include "clip-import.h"

/* The quote whose text holds needle, or NULL. */
static const ClipQuoteSuggestion *
find_quote (ClipAttribution *result,
            const char      *needle)
{
  for (guint i = 0; i < result->quotes->len; i++)
    {
      const ClipQuoteSuggestion *quote = g_ptr_array_index (result->quotes, i);

      if (strstr (quote->text, needle) != NULL)
        return quote;
    }
  return NULL;
}

static const ClipEntitySuggestion *
find_entity (ClipAttribution *result,
             const char      *name,
             ClipEntityKind   kind)
{
  for (guint i = 0; i < result->entities->len; i++)
    {
      const ClipEntitySuggestion *entity = g_ptr_array_index (result->entities, i);

      if (g_str_equal (entity->name, name) && entity->kind == kind)
        return entity;
    }
  return NULL;
}

static void
assert_quote (ClipAttribution *result,
              const char      *text,
              const char      *cue,
              const char      *speaker_name)
{
  const ClipQuoteSuggestion *quote = find_quote (result, text);

  g_assert_nonnull (quote);
  g_assert_cmpint (quote->kind, ==, CLIP_QUOTE_DIRECT);
  g_assert_cmpstr (quote->cue_text, ==, cue);
  g_assert_cmpstr (quote->speaker_name, ==, speaker_name);
}

static void
test_styles (void)
{
  const char *texts[] = {
    "John Kerry met them. \"We will talk again,\" Kerry said.",
    "John Kerry met them. “We will talk again,” Kerry said.",
    "John Kerry met them. ‘We will talk again,’ Kerry said.",
    "John Kerry met them. « We will talk again », Kerry said.",
    "John Kerry met them. „We will talk again“, Kerry said.",
    "John Kerry met them. 「We will talk again」, Kerry said.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(ClipAttribution) result = clip_attribution_run (texts[i], NULL);
      const ClipQuoteSuggestion *quote = find_quote (result, "We will talk again");
      g_autofree char *expected = NULL;

      g_test_message ("%s", texts[i]);
      assert_quote (result, "We will talk again", "said", "John Kerry");
      /* The quote is its marks and what they hold, in code points. */
      g_assert_cmpint (quote->start, ==, g_utf8_strlen ("John Kerry met them. ", -1));
      expected = g_utf8_substring (texts[i], quote->start, quote->end);
      g_assert_cmpstr (quote->text, ==, expected);
      g_assert_cmpstr (quote->speaker_text, ==, "Kerry");
    }
}

static void
test_multi_paragraph (void)
{
  const char *text =
    "Sergei Lavrov spoke first.\n\n"
    "“The talks were long and hard, and we did not agree on everything,” Lavrov said.\n\n"
    "“We met three times this week.\n\n"
    "“And we will meet again in April, in Geneva.”\n\n"
    "Then he left.";
  g_autoptr(ClipAttribution) result = clip_attribution_run (text, NULL);
  const ClipQuoteSuggestion *quote = find_quote (result, "three times");

  g_assert_nonnull (quote);
  g_assert_nonnull (strstr (quote->text, "in Geneva"));
  g_assert_true (g_str_has_suffix (quote->text, "”"));
  /* It goes on after Lavrov's quote: his, though it has no cue. */
  g_assert_cmpstr (quote->speaker_name, ==, "Sergei Lavrov");
  assert_quote (result, "talks were long", "said", "Sergei Lavrov");
}

static void
test_apostrophes (void)
{
  const char *text =
    "Students don't go there. In the '90s and the 1990s it was rock 'n' roll, "
    "the students' union said, and O'Neill’s band played the ‘90s hits. "
    "Clinton’s team won’t comment.";
  g_autoptr(ClipAttribution) result = clip_attribution_run (text, NULL);

  for (guint i = 0; i < result->quotes->len; i++)
    {
      const ClipQuoteSuggestion *quote = g_ptr_array_index (result->quotes, i);

      g_assert_cmpint (quote->kind, ==, CLIP_QUOTE_INDIRECT);
    }
}

static void
test_inverted (void)
{
  const char *text =
    "Secretary of State John Kerry arrived on Monday.\n\n"
    "“We have found common ground,” said Kerry.\n\n"
    "“The work goes on,” said the top US diplomat.";
  g_autoptr(ClipAttribution) result = clip_attribution_run (text, NULL);
  const ClipQuoteSuggestion *quote = find_quote (result, "work goes on");

  assert_quote (result, "common ground", "said", "John Kerry");
  g_assert_nonnull (quote);
  g_assert_cmpstr (quote->speaker_text, ==, "the top US diplomat");
  g_assert_cmpstr (quote->speaker_name, ==, "John Kerry");
}

static void
test_pronoun_and_description (void)
{
  const char *text =
    "Russian President Vladimir Putin met the press.\n\n"
    "“We are ready,” Putin said.\n\n"
    "“The door is open,” he added.\n\n"
    "The Russian leader said that the talks would go on.\n\n"
    "“We will see,” the Russian leader said.\n\n"
    "“We regret the decision,” the Russian Foreign Ministry said.\n\n"
    "“It was a mistake,” Putin said.\n\n"
    "“It must be undone,” the ministry added.";
  g_autoptr(ClipAttribution) result = clip_attribution_run (text, NULL);
  const ClipQuoteSuggestion *indirect = find_quote (result, "talks would go on");

  assert_quote (result, "We are ready", "said", "Vladimir Putin");
  assert_quote (result, "door is open", "added", "Vladimir Putin");
  assert_quote (result, "We will see", "said", "Vladimir Putin");
  /* A description goes to the latest named speaker of its kind. */
  assert_quote (result, "It must be undone", "added", "Russian Foreign Ministry");
  g_assert_nonnull (indirect);
  g_assert_cmpint (indirect->kind, ==, CLIP_QUOTE_INDIRECT);
  g_assert_cmpstr (indirect->text, ==, "the talks would go on");
  g_assert_cmpstr (indirect->speaker_name, ==, "Vladimir Putin");
}

static void
test_other_languages (void)
{
  g_autoptr(ClipAttribution) fr = clip_attribution_run (
    "Le président Emmanuel Macron est arrivé.\n\n"
    "« Nous allons continuer ensemble », a déclaré Macron.", NULL);
  g_autoptr(ClipAttribution) de = clip_attribution_run (
    "Bundeskanzlerin Angela Merkel kam am Montag.\n\n"
    "„Wir machen weiter so“, sagte Merkel.", NULL);

  assert_quote (fr, "Nous allons continuer", "a déclaré", "Emmanuel Macron");
  assert_quote (de, "Wir machen weiter", "sagte", "Angela Merkel");
}

static void
test_no_quotes (void)
{
  g_autoptr(ClipAttribution) result = clip_attribution_run (
    "The river rose overnight and the bridge was closed. Traffic went round by the ring road.", NULL);
  g_autoptr(ClipAttribution) empty = clip_attribution_run ("", NULL);

  g_assert_cmpuint (result->quotes->len, ==, 0);
  g_assert_cmpuint (empty->quotes->len, ==, 0);
  g_assert_cmpuint (empty->entities->len, ==, 0);
}

static void
test_known_entities (void)
{
  g_autoptr(ClipEntity) entity = clip_entity_new ("Kremlin Press Office", CLIP_ENTITY_ORGANISATION);
  g_autoptr(GPtrArray) known = g_ptr_array_new ();
  const char * const aliases[] = { "Peskov's office", NULL };
  g_autoptr(ClipAttribution) result = NULL;
  const ClipEntitySuggestion *mention;

  clip_entity_set_aliases (entity, aliases);
  g_ptr_array_add (known, entity);
  result = clip_attribution_run ("A statement from Peskov's office came late.", known);
  mention = find_entity (result, "Kremlin Press Office", CLIP_ENTITY_ORGANISATION);
  g_assert_nonnull (mention);
  g_assert_true (mention->known);
  g_assert_cmpstr (mention->text, ==, "Peskov's office");
}

/* Ten megabytes of quotes, stray marks and apostrophes, in bounded time:
 * nothing in the engine may grow faster than the text. */
static void
test_large_text (void)
{
  const char *pieces[] = {
    "“We will meet again,” said John Kerry. ",
    "He said that the talks went on. ",
    "“An open mark and no close ",
    "don't 'n' the '90s students' union ",
    "\"straight ",
    "Moscow and Washington spoke. ",
  };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(ClipAttribution) result = NULL;
  gint64 begin;
  guint i = 0;

  while (text->len < 10 * 1024 * 1024)
    {
      g_string_append (text, pieces[i++ % G_N_ELEMENTS (pieces)]);
      if (i % 40 == 0)
        g_string_append (text, "\n\n");
    }
  /* Paragraphs that each open a quote and never close it. */
  for (guint k = 0; k < 20000; k++)
    g_string_append (text, "\n\n“It goes on");
  begin = g_get_monotonic_time ();
  result = clip_attribution_run (text->str, NULL);
  g_test_message ("10 MB in %.2f s", (g_get_monotonic_time () - begin) / 1e6);
  g_assert_cmpint (g_get_monotonic_time () - begin, <, 60 * G_USEC_PER_SEC);
  g_assert_cmpuint (result->quotes->len, >, 10000);
}

static const char threaded_text[] =
  "Secretary of State John Kerry arrived in Moscow.\n\n"
  "“We have found common ground,” said Kerry.\n\n"
  "He added that the talks would go on, and Russian President Vladimir Putin agreed.";

static gpointer
run_in_thread (gpointer user_data)
{
  ClipAttribution *result = clip_attribution_run (threaded_text, NULL);
  GString *summary = g_string_new (NULL);

  (void) user_data;
  for (guint i = 0; i < result->quotes->len; i++)
    {
      const ClipQuoteSuggestion *quote = g_ptr_array_index (result->quotes, i);

      g_string_append_printf (summary, "%ld-%ld %s|", quote->start, quote->end, quote->speaker_name);
    }
  for (guint i = 0; i < result->entities->len; i++)
    {
      const ClipEntitySuggestion *entity = g_ptr_array_index (result->entities, i);

      g_string_append_printf (summary, "%ld-%ld %s|", entity->start, entity->end, entity->name);
    }
  clip_attribution_free (result);
  return g_string_free (summary, FALSE);
}

/* Runs start together, the first of them loading the word lists and
 * gazetteers: every thread gets the same answer. */
static void
test_threads (void)
{
  GThread *threads[6];
  g_autofree char *alone = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("attribution", run_in_thread, NULL);
  alone = run_in_thread (NULL);
  g_assert_nonnull (strstr (alone, "John Kerry"));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autofree char *summary = g_thread_join (threads[i]);

      g_assert_cmpstr (summary, ==, alone);
    }
}

static char *
seed_text (void)
{
  const char *shared = g_getenv ("CLIP_SHARED_DIR");
  g_autofree char *dir = g_build_filename (shared != NULL ? shared : "../shared", "seeds", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name = d != NULL ? g_dir_read_name (d) : NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  if (name == NULL)
    return NULL;
  path = g_build_filename (dir, name, NULL);
  file = g_file_new_for_path (path);
  article = clip_import_file (file, NULL, &error);
  g_assert_no_error (error);
  return g_strdup (clip_article_get_text (article));
}

static void
test_seed (void)
{
  g_autofree char *text = seed_text ();
  g_autoptr(ClipAttribution) result = NULL;
  const char *people[] = { "Vladimir Putin", "John Kerry", "Barack Obama", "Sergei Lavrov" };
  const char *places[] = { "Moscow", "Washington", "Russia", "Syria", "Ukraine" };
  guint n_direct = 0;

  if (text == NULL)
    {
      g_test_skip ("no seed in CLIP_SHARED_DIR");
      return;
    }
  result = clip_attribution_run (text, NULL);

  assert_quote (result, "common ground", "stressed", "Vladimir Putin");
  assert_quote (result, "rebuild and strengthen", "expressed the hope", "John Kerry");
  assert_quote (result, "a very critical decision", "said", "John Kerry");
  g_assert_cmpstr (find_quote (result, "a very critical decision")->speaker_text, ==, "He");
  assert_quote (result, "some ideas about", "said", "John Kerry");
  for (guint i = 0; i < result->quotes->len; i++)
    n_direct += ((ClipQuoteSuggestion *) g_ptr_array_index (result->quotes, i))->kind == CLIP_QUOTE_DIRECT;
  g_assert_cmpuint (n_direct, ==, 4);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    g_assert_nonnull (find_entity (result, people[i], CLIP_ENTITY_PERSON));
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    g_assert_nonnull (find_entity (result, places[i], CLIP_ENTITY_PLACE));

  /* The imported article holds no navigation text, and nothing is
   * suggested from it. */
  g_assert_null (strstr (text, "Most Viewed"));
  g_assert_null (find_entity (result, "Jeb Bush", CLIP_ENTITY_PERSON));
  g_assert_null (find_entity (result, "Raul Castro", CLIP_ENTITY_PERSON));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* First, so that the threads load the shared data together. */
  g_test_add_func ("/attribution/threads", test_threads);
  g_test_add_func ("/attribution/styles", test_styles);
  g_test_add_func ("/attribution/multi-paragraph", test_multi_paragraph);
  g_test_add_func ("/attribution/apostrophes", test_apostrophes);
  g_test_add_func ("/attribution/inverted", test_inverted);
  g_test_add_func ("/attribution/pronoun-and-description", test_pronoun_and_description);
  g_test_add_func ("/attribution/other-languages", test_other_languages);
  g_test_add_func ("/attribution/no-quotes", test_no_quotes);
  g_test_add_func ("/attribution/known-entities", test_known_entities);
  g_test_add_func ("/attribution/large-text", test_large_text);
  g_test_add_func ("/attribution/seed", test_seed);

  return g_test_run ();
}
