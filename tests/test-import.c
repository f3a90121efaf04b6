/* test-import.c: importing plain text, HTML, files and bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "clip-import.h"
#include "clip-text.h"

#define SEED_NAME "000_b67e86a4bc963dd2.txt"

static char *
fixture_path (const char *name)
{
  const char *dir = g_getenv ("CLIP_FIXTURES_DIR");

  if (dir != NULL && *dir != '\0')
    return g_build_filename (dir, name, NULL);

  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static ClipArticle *
import_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ClipArticle *article;

  article = clip_import_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);
  return article;
}

/* The article text is its blocks joined by blank lines (DESIGN.md). */
static GStrv
split_blocks (ClipArticle *article)
{
  return g_strsplit (clip_article_get_text (article), "\n\n", -1);
}

static void
assert_text_lacks (ClipArticle        *article,
                   const char * const *needles)
{
  const char *text = clip_article_get_text (article);

  for (guint i = 0; needles[i] != NULL; i++)
    {
      if (strstr (text, needles[i]) != NULL)
        g_error ("The text holds “%s”:\n%s", needles[i], text);
    }
}

/* Every block is one of the content builder's tags, so the stored
 * fragment and the text agree on where blocks start and end. */
static void
assert_content_consistent (ClipArticle *article)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *walked = clip_text_from_html (clip_article_get_content_html (article), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (walked, ==, clip_article_get_text (article));
  g_assert_null (strstr (walked, "\n\n\n"));
  g_assert_false (g_str_has_prefix (walked, "\n"));
  g_assert_false (g_str_has_suffix (walked, "\n"));
}

static void
test_text_seed_shaped (void)
{
  g_autoptr(ClipArticle) article = import_fixture ("plain-wire-story.txt");
  g_auto(GStrv) blocks = split_blocks (article);
  const char * const absent[] = {
    "Storm warning", "Top Stories", "More From", "Rail strike", "Trending Now",
    "Is the new stadium", "Fishing quotas", "Weekly Review", "Weather", "Contact",
    "|", "[Photo", "Passengers board", "Updated", "(Harbor Wire)", NULL,
  };

  g_assert_cmpstr (clip_article_get_title (article), ==,
                   "Harbor city opens new ferry line to the northern islands");
  g_assert_cmpstr (clip_article_get_published (article), ==, "2021-07-14T16:05");
  g_assert_cmpstr (clip_article_get_site_name (article), ==, "Harbor Wire");
  g_assert_cmpstr (clip_article_get_source_kind (article), ==, "text");

  /* Eight paragraphs and one subheading. */
  g_assert_cmpuint (g_strv_length (blocks), ==, 9);
  g_assert_true (g_str_has_prefix (blocks[0], "EASTPORT - The city council on Wednesday"));
  g_assert_cmpstr (blocks[4], ==, "Costs and timetable");
  g_assert_true (g_str_has_suffix (blocks[8], "review it after the first season."));
  g_assert_nonnull (strstr (clip_article_get_content_html (article),
                            "<h2>Costs and timetable</h2>"));

  assert_text_lacks (article, absent);
  assert_content_consistent (article);
}

static void
test_text_byline_crlf (void)
{
  g_autoptr(ClipArticle) article = import_fixture ("plain-byline-crlf.txt");
  g_auto(GStrv) blocks = split_blocks (article);
  const char * const absent[] = {
    "\r", "\t", "\xEF\xBB\xBF", "Photo", "A turbine of the kind", "Related",
    "Read more", "Coastal towns", "Home", "By Jane", NULL,
  };

  g_assert_cmpstr (clip_article_get_title (article), ==, "Wind farm plan divides coastal villages");
  g_assert_cmpstr (clip_article_get_byline (article), ==, "Jane Doe and John Roe");
  g_assert_cmpstr (clip_article_get_published (article), ==, "2019-03-05T16:30");

  g_assert_cmpuint (g_strv_length (blocks), ==, 7);
  g_assert_cmpstr (blocks[0], ==,
                   "The regional government has approved a plan for twelve wind turbines "
                   "off the coast near Saltmere, but the decision has split the villages "
                   "that would see them from their beaches.");
  g_assert_cmpstr (blocks[4], ==,
                   "\u201CThe view is the only thing we have left to sell,\u201D said hotel owner Piet Laros.");
  /* A short closing quote is the end of the story, not navigation. */
  g_assert_cmpstr (blocks[6], ==, "\"We will see them in court,\" Laros said.");

  assert_text_lacks (article, absent);
  assert_content_consistent (article);
}

static void
test_text_source_dayfirst (void)
{
  g_autoptr(ClipArticle) article = import_fixture ("plain-source-dayfirst.txt");
  g_auto(GStrv) blocks = split_blocks (article);
  const char * const absent[] = {
    "\u2022", "Town hall", "Road closures", "Harvest fair", "Most Read", "Weather",
    "Source", NULL,
  };

  g_assert_cmpstr (clip_article_get_title (article), ==,
                   "Valley farmers try new crops as summers grow drier");
  g_assert_cmpstr (clip_article_get_site_name (article), ==, "Valley Gazette");
  g_assert_cmpstr (clip_article_get_published (article), ==, "2018-11-02");

  g_assert_cmpuint (g_strv_length (blocks), ==, 6);
  g_assert_true (g_str_has_prefix (blocks[0], "Across the valley, farmers"));
  g_assert_cmpstr (blocks[3], ==, "What the experts say");
  g_assert_true (g_str_has_suffix (blocks[5], "to sell their harvests."));
  g_assert_nonnull (strstr (clip_article_get_content_html (article),
                            "<h2>What the experts say</h2>"));

  assert_text_lacks (article, absent);
  assert_content_consistent (article);
}

static void
test_text_no_header (void)
{
  g_autoptr(ClipArticle) article = import_fixture ("plain-no-header.txt");
  g_auto(GStrv) blocks = split_blocks (article);
  const char *title = clip_article_get_title (article);

  /* The first sentence is too long for a title: its first words are. */
  g_assert_true (g_str_has_prefix (title, "The old lighthouse at Cape Verran will be"));
  g_assert_true (g_str_has_suffix (title, "\u2026"));
  g_assert_cmpint (g_utf8_strlen (title, -1), <=, 81);
  g_assert_true (clip_article_get_published (article) == NULL ||
                 *clip_article_get_published (article) == '\0');

  g_assert_cmpuint (g_strv_length (blocks), ==, 4);
  g_assert_true (g_str_has_prefix (blocks[0], "The old lighthouse at Cape Verran"));
  g_assert_true (g_str_has_suffix (blocks[0], "tower and keeper's house."));
  g_assert_cmpstr (blocks[3], ==, "The museum is expected to open next spring.");
  assert_content_consistent (article);
}

static void
test_text_short_title_sentence (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = NULL;
  const char *text =
    "Snow closed the pass on Tuesday. Drivers were told to wait in the valley towns "
    "until the ploughs had cleared the road, which could take until the evening.\n"
    "The police said that nobody had been hurt and that the road would open again soon.\n";

  article = clip_import_plain_text (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clip_article_get_title (article), ==, "Snow closed the pass on Tuesday");
}

typedef struct {
  const char *dateline;
  const char *published;
} DatelineCase;

static void
test_text_datelines (void)
{
  const DatelineCase cases[] = {
    { "Updated: 2016-03-25 09:41", "2016-03-25T09:41" },
    { "Published 2016-03-25", "2016-03-25" },
    { "March 25, 2016 9:41 AM", "2016-03-25T09:41" },
    { "March 25, 2016 9:41 PM", "2016-03-25T21:41" },
    { "25 March 2016", "2016-03-25" },
    { "2016/03/25", "2016-03-25" },
    { "Fri, Mar. 25, 2016 at 12:05 a.m. EST", "2016-03-25T00:05" },
    { "Posted on 2016.03.25 | 23:10", "2016-03-25" },
    { "Last updated 25th March 2016, 14:02 GMT", "2016-03-25T14:02" },
    { "2016-03-25T09:41:07Z", "2016-03-25T09:41" },
    /* Not dates: the line is left alone. */
    { "2016-02-30", NULL },
    { "Updated: soon", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ClipArticle) article = NULL;
      g_autofree char *text = NULL;
      const char *published;

      text = g_strdup_printf ("Dam repairs finish ahead of the rainy season\n%s\n\n"
                              "Engineers finished repairing the river dam on Friday, two weeks "
                              "before the start of the rainy season, the water board said.\n"
                              "The work cost less than planned because the damage to the "
                              "spillway was smaller than first feared.\n",
                              cases[i].dateline);
      article = clip_import_plain_text (text, -1, &error);
      g_assert_no_error (error);

      published = clip_article_get_published (article);
      if (published != NULL && *published == '\0')
        published = NULL;
      g_test_message ("%s -> %s", cases[i].dateline, published);
      g_assert_cmpstr (published, ==, cases[i].published);
      g_assert_cmpstr (clip_article_get_title (article), ==,
                       "Dam repairs finish ahead of the rainy season");
      g_assert_true (g_str_has_prefix (clip_article_get_text (article), "Engineers finished"));
    }
}

static void
test_text_title_with_date (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = NULL;
  const char *text =
    "Election day set for March 5, 2024\n"
    "Updated: 2023-11-20 18:00\n"
    "The electoral commission has set the date of the next regional election, after weeks "
    "of talks between the parties about the length of the campaign.\n"
    "Voters who live abroad will be able to vote by post for the first time.\n";

  article = clip_import_plain_text (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clip_article_get_title (article), ==, "Election day set for March 5, 2024");
  g_assert_cmpstr (clip_article_get_published (article), ==, "2023-11-20T18:00");
  g_assert_true (g_str_has_prefix (clip_article_get_text (article), "The electoral commission"));
}

static void
test_text_standfirst (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = NULL;
  g_auto(GStrv) blocks = NULL;
  const char *text =
    "Ministers agree on a plan to clean up the river\n"
    "After years of reports on dead fish and closed beaches, the three regions along the "
    "river have agreed on a common plan to cut the waste that flows into it from farms, "
    "factories and towns, with money from the national budget and firm dates for each step, "
    "starting with the towns that still have no modern treatment plant at all, and ending "
    "with a ban on the dumping of untreated water from ships in the river ports by 2030.\n"
    "By Amira Sol\n"
    "Published 2020-09-03\n"
    "The plan was signed on Thursday in the river port of Lenz, where the environment "
    "ministers of the three regions met for two days.\n"
    "It sets limits for nitrates from farms and requires factories to report what they release "
    "every month instead of once a year.\n"
    "Fishing clubs, which have campaigned for a cleaner river for more than a decade, welcomed "
    "the plan but said they would watch closely whether the dates are kept.\n"
    "The first reports on the state of the water are due next spring, when the regions will "
    "publish measurements from forty points along the river.\n";

  article = clip_import_plain_text (text, -1, &error);
  g_assert_no_error (error);
  blocks = split_blocks (article);

  g_assert_cmpstr (clip_article_get_byline (article), ==, "Amira Sol");
  g_assert_cmpstr (clip_article_get_published (article), ==, "2020-09-03");
  /* The header lines stand between the standfirst and the body. */
  g_assert_cmpuint (g_strv_length (blocks), ==, 4);
  g_assert_true (g_str_has_prefix (blocks[0], "The plan was signed on Thursday"));
  g_assert_null (strstr (clip_article_get_text (article), "Amira"));
}

static void
test_text_sections (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = NULL;
  g_auto(GStrv) blocks = NULL;
  const char *text =
    "Seven things to know before a winter hike\n"
    "Winter hiking needs more planning than a summer walk, because days are short and the weather turns quickly.\n"
    "Mountain rescue teams say most of their winter calls come from hikers who set off too late in the day.\n"
    "A hiker on a snowy ridge above the valley at sunrise\n"
    "1. Start early\n"
    "Plan to be back before dark, and remember that in December the sun sets before five in the afternoon in the hills.\n"
    "Tell someone where you are going and when you expect to be back, and keep your phone warm so that its battery lasts.\n"
    "2. Carry spare layers\n"
    "Even on a sunny day, the wind on a summit can make it feel twenty degrees colder than in the car park below.\n"
    "A dry hat and gloves in a plastic bag weigh little and can make the difference when the weather changes.\n"
    "Related\n"
    "Ski resorts open early after heavy snow\n"
    "The first lifts started on Saturday, two weeks ahead of plan.\n"
    "Avalanche warnings raised in the west\n"
    "Forecasters expect the danger to rise after this weekend's storms in the western ranges.\n";

  article = clip_import_plain_text (text, -1, &error);
  g_assert_no_error (error);
  blocks = split_blocks (article);

  /* The sections are merged across a caption and a heading; the teasers
   * after the article are not. */
  g_assert_cmpuint (g_strv_length (blocks), ==, 9);
  g_assert_true (g_str_has_prefix (blocks[0], "Winter hiking needs more planning"));
  g_assert_cmpstr (blocks[3], ==, "1. Start early");
  g_assert_true (g_str_has_suffix (blocks[8], "when the weather changes."));
  g_assert_null (strstr (clip_article_get_text (article), "Related"));
  g_assert_null (strstr (clip_article_get_text (article), "Avalanche"));
}

static void
test_text_hard_wrapped (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = NULL;
  g_auto(GStrv) blocks = NULL;
  const char *text =
    "Orchard owners hire sheep to keep the grass down\n"
    "\n"
    "Several orchards in the hills have replaced their mowers with flocks of\n"
    "sheep, which graze between the trees from spring until the harvest and\n"
    "leave the fruit alone as long as the branches are high enough.\n"
    "\n"
    "The owners say the sheep save fuel and time, and that the soil has\n"
    "become richer since the animals arrived three years ago. Shepherds are\n"
    "paid by the hectare.\n";

  article = clip_import_plain_text (text, -1, &error);
  g_assert_no_error (error);
  blocks = split_blocks (article);

  g_assert_cmpstr (clip_article_get_title (article), ==,
                   "Orchard owners hire sheep to keep the grass down");
  g_assert_cmpuint (g_strv_length (blocks), ==, 2);
  g_assert_true (g_str_has_prefix (blocks[0], "Several orchards in the hills have replaced their mowers with flocks of sheep,"));
  g_assert_true (g_str_has_suffix (blocks[1], "richer since the animals arrived three years ago. Shepherds are paid by the hectare."));
}

static void
test_text_without_paragraphs (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) note = NULL;
  g_autoptr(ClipArticle) nothing = NULL;

  /* A note of short lines is kept as it is. */
  note = clip_import_plain_text ("Things to check\nFerry times\nMuseum hours\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clip_article_get_title (note), ==, "Things to check");
  g_assert_cmpstr (clip_article_get_text (note), ==, "Ferry times\n\nMuseum hours");

  nothing = clip_import_plain_text ("|||\n-----\n* * *\n", -1, &error);
  g_assert_error (error, CLIP_IMPORT_ERROR, CLIP_IMPORT_ERROR_NO_CONTENT);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_null (nothing);
}

static void
test_text_seed (void)
{
  const char *shared = g_getenv ("CLIP_SHARED_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) blocks = NULL;
  const char * const absent[] = {
    "Most Viewed", "Dancing in bright colors of Holi", "Geared to go", "Editor's Picks",
    "Today's Top News", "Will US-ASEAN", "[Photo/IC]", "|", NULL,
  };

  if (shared == NULL || *shared == '\0')
    {
      g_test_skip ("CLIP_SHARED_DIR is not set");
      return;
    }

  path = g_build_filename (shared, "seeds", SEED_NAME, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("The seed article is not there");
      return;
    }

  file = g_file_new_for_path (path);
  article = clip_import_file (file, NULL, &error);
  g_assert_no_error (error);
  blocks = split_blocks (article);

  g_assert_cmpstr (clip_article_get_title (article), ==,
                   "Putin hopes Kerry's visit would narrow gaps between Russia, US");
  g_assert_cmpstr (clip_article_get_published (article), ==, "2016-03-25T09:41");
  g_assert_cmpstr (clip_article_get_site_name (article), ==, "Xinhua");
  g_assert_cmpuint (g_strv_length (blocks), ==, 10);
  g_assert_true (g_str_has_prefix (blocks[0], "MOSCOW - Russian President Vladimir Putin"));
  g_assert_true (g_str_has_suffix (blocks[9], "Syrian and Ukrainian crises."));
  assert_text_lacks (article, absent);
  assert_content_consistent (article);
}

static void
test_html_simple (void)
{
  g_autoptr(ClipArticle) article = import_fixture ("simple-article.html");
  g_auto(GStrv) blocks = split_blocks (article);
  const char *html = clip_article_get_content_html (article);

  g_assert_cmpstr (clip_article_get_title (article), ==, "Night trains return to the mountain line");
  g_assert_cmpstr (clip_article_get_byline (article), ==, "Rosa Klein");
  g_assert_cmpstr (clip_article_get_site_name (article), ==, "Example Times");
  g_assert_cmpstr (clip_article_get_published (article), ==, "2022-12-11T08:30:00+01:00");
  g_assert_cmpstr (clip_article_get_lang (article), ==, "en");
  g_assert_cmpstr (clip_article_get_source_kind (article), ==, "html");
  g_assert_cmpstr (clip_article_get_original_type (article), ==, "text/html");

  g_assert_cmpuint (g_strv_length (blocks), ==, 7);
  g_assert_cmpstr (blocks[0], ==,
                   "After twenty years without them, sleeper trains run again between the "
                   "capital and the lake towns, leaving at ten in the evening and arriving "
                   "before breakfast.");
  g_assert_true (g_str_has_suffix (blocks[1], "showers & wider berths."));
  g_assert_cmpstr (blocks[2], ==, "Who travels at night");
  g_assert_cmpstr (blocks[4], ==,
                   "\u201CIt feels like the holidays of my childhood,\u201D one passenger said.");
  g_assert_cmpstr (blocks[6], ==, "Bicycles can be booked");

  g_assert_nonnull (strstr (html, "<h2>Who travels at night</h2>"));
  g_assert_nonnull (strstr (html, "<blockquote>"));
  /* The page header and the h1 (the title) are not body text. */
  g_assert_null (strstr (clip_article_get_text (article), "Example Times"));
  assert_content_consistent (article);
}

static void
test_html_charset (void)
{
  g_autoptr(ClipArticle) article = import_fixture ("article-windows-1251.html");
  g_auto(GStrv) blocks = split_blocks (article);

  g_assert_cmpstr (clip_article_get_title (article), ==, "Новый мост через реку открыт");
  g_assert_cmpstr (clip_article_get_lang (article), ==, "ru");
  g_assert_cmpuint (g_strv_length (blocks), ==, 2);
  g_assert_cmpstr (blocks[0], ==,
                   "В субботу в городе открыли новый мост через реку, который соединил два района.");
  g_assert_true (g_utf8_validate (clip_article_get_text (article), -1, NULL));
}

static void
test_html_scripts (void)
{
  g_autoptr(ClipArticle) article = import_fixture ("article-with-scripts.html");
  g_auto(GStrv) blocks = split_blocks (article);
  /* The page is too short for the extractor's cleaning of forms (it keeps
   * a short page whole rather than risk losing it), so only what must
   * never show is checked here; the extractor's own tests cover forms. */
  const char * const absent[] = {
    "SCRIPT_MARKER", "STYLE_MARKER", "NAV_MARKER", "NOSCRIPT_MARKER", "ASIDE_MARKER",
    "FOOTER_MARKER", "color", NULL,
  };
  guint n;

  g_assert_cmpstr (clip_article_get_title (article), ==, "Library extends its opening hours");
  g_assert_cmpstr (clip_article_get_published (article), ==, "2023-04-02");
  n = g_strv_length (blocks);
  g_assert_cmpuint (n, >=, 2);
  g_assert_true (g_strv_contains ((const char * const *)blocks,
                                  "Staff from the university library will help cover the extra hours."));
  assert_text_lacks (article, absent);
  assert_content_consistent (article);
}

static void
test_html_without_paragraphs (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = NULL;
  const char *html =
    "<html><body><div>First part of the text,<br>still the first part."
    "<br><br>Second part.</div><div>Third part.</div></body></html>";

  article = clip_import_html (html, strlen (html), "https://example.org/a", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clip_article_get_text (article), ==,
                   "First part of the text,\nstill the first part.\n\nSecond part.\n\nThird part.");
  g_assert_cmpstr (clip_article_get_source_url (article), ==, "https://example.org/a");
  g_assert_cmpstr (clip_article_get_title (article), ==, "First part of the text, still the first part.");
}

static void
test_html_text_in_divs (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = NULL;
  g_auto(GStrv) blocks = NULL;
  const char *html =
    "<html><head><title>Divs</title></head><body><article><h2>Overview</h2>"
    "<div>Most of this page is written straight into div elements, which many "
    "older sites and some content systems do.</div>\n"
    "<div>The paragraph elements hold a small part of the text, so the page "
    "is read by its layout instead.</div></article></body></html>";

  article = clip_import_html (html, strlen (html), NULL, &error);
  g_assert_no_error (error);
  blocks = split_blocks (article);
  g_assert_cmpuint (g_strv_length (blocks), ==, 3);
  g_assert_cmpstr (blocks[0], ==, "Overview");
  g_assert_true (g_str_has_prefix (blocks[1], "Most of this page"));
  g_assert_true (g_str_has_suffix (blocks[2], "by its layout instead."));
}

static void
test_html_charset_guesses (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) misdeclared = NULL;
  g_autoptr(ClipArticle) undeclared = NULL;
  /* Saved as UTF-8, but still declaring its old charset. */
  const char *utf8 = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
                     "<title>新电脑</title></head><body><p>新电脑已可自学。</p></body></html>";
  /* Windows-1252 without any declaration. */
  const char *latin = "<html><body><p>Caf\xE9 owners meet the mayor.</p></body></html>";

  misdeclared = clip_import_html (utf8, strlen (utf8), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clip_article_get_title (misdeclared), ==, "新电脑");
  g_assert_cmpstr (clip_article_get_text (misdeclared), ==, "新电脑已可自学。");

  undeclared = clip_import_html (latin, strlen (latin), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clip_article_get_text (undeclared), ==, "Café owners meet the mayor.");
}

static void
test_html_deep_nesting (void)
{
  g_autoptr(GString) html = g_string_new ("<html><body>");
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = NULL;

  g_string_append (html, "<p>A paragraph before the deep part is still read.</p>");
  for (guint i = 0; i < 20000; i++)
    g_string_append (html, "<div>");
  g_string_append (html, "<p>Deep text.</p>");

  /* This must neither crash nor take long, whatever it keeps. */
  article = clip_import_html (html->str, html->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (clip_article_get_text (article),
                                   "A paragraph before the deep part is still read."));
}

static void
test_html_no_content (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = NULL;
  const char *html = "<!DOCTYPE html><html><head><title>Empty</title>"
                     "<script>var x = 1;</script></head><body><nav>Home</nav></body></html>";

  article = clip_import_html (html, strlen (html), NULL, &error);
  g_assert_error (error, CLIP_IMPORT_ERROR, CLIP_IMPORT_ERROR_NO_CONTENT);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_null (article);
}

/* A temporary file with the given bytes, removed by the caller. */
static GFile *
write_temp_file (const char *name,
                 const char *data,
                 gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clip-import-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static void
remove_temp_file (GFile *file)
{
  g_autoptr(GFile) dir = g_file_get_parent (file);

  g_file_delete (file, NULL, NULL);
  g_file_delete (dir, NULL, NULL);
}

static void
assert_file_refused (const char *name,
                     const char *data,
                     gssize      length,
                     int         code)
{
  g_autoptr(GFile) file = write_temp_file (name, data, length);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = NULL;

  article = clip_import_file (file, NULL, &error);
  g_test_message ("%s: %s", name, error != NULL ? error->message : "(imported)");
  g_assert_error (error, CLIP_IMPORT_ERROR, code);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_null (article);

  remove_temp_file (file);
}

static void
test_file_missing (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/clippings/missing-story.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = NULL;

  article = clip_import_file (file, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/clippings/missing-story.txt"));
  g_assert_null (article);
}

static void
test_file_empty (void)
{
  assert_file_refused ("empty.txt", "", 0, CLIP_IMPORT_ERROR_EMPTY);
  assert_file_refused ("blank.txt", " \n\t\r\n  \n", -1, CLIP_IMPORT_ERROR_EMPTY);
  assert_file_refused ("blank.html", "\xEF\xBB\xBF\n\n", -1, CLIP_IMPORT_ERROR_EMPTY);
}

static void
test_file_binary (void)
{
  const char nuls[] = "PK\x03\x04\0\0\0\0some zipped text\0\0";
  char control[64];

  assert_file_refused ("archive.txt", nuls, sizeof nuls, CLIP_IMPORT_ERROR_BINARY);

  /* No NUL byte, but mostly control characters. */
  for (guint i = 0; i < sizeof control; i++)
    control[i] = i % 2 == 0 ? 0x01 + i % 8 : 'a';
  assert_file_refused ("control.txt", control, sizeof control, CLIP_IMPORT_ERROR_BINARY);
}

static void
test_file_encoding (void)
{
  /* Windows-1252 text: "é" is the single byte 0xE9. */
  const char *latin = "Caf\xE9 prices rise again\n"
                      "The price of a coffee in the caf\xE9s of the old town rose again this month.\n";

  assert_file_refused ("latin.txt", latin, -1, CLIP_IMPORT_ERROR_ENCODING);
}

static void
test_file_too_large (void)
{
  g_autoptr(GFile) file = write_temp_file ("huge.txt", "", 0);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = NULL;

  /* A sparse file: its size is checked before anything is read. */
  g_assert_cmpint (truncate (path, CLIP_IMPORT_MAX_SIZE + 1), ==, 0);

  article = clip_import_file (file, NULL, &error);
  g_assert_error (error, CLIP_IMPORT_ERROR, CLIP_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.txt"));
  g_assert_null (article);

  remove_temp_file (file);
}

static void
test_file_original (void)
{
  g_autofree char *path = fixture_path ("plain-byline-crlf.txt");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = import_fixture ("plain-byline-crlf.txt");
  g_autoptr(GBytes) expected = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  expected = g_bytes_new (contents, length);

  /* The original keeps its byte order mark and CRLF line ends. */
  g_assert_true (g_bytes_equal (clip_article_get_original (article), expected));
  g_assert_cmpstr (clip_article_get_original_type (article), ==, "text/plain");
}

static void
test_file_sniffed_html (void)
{
  const char *html = "\n<!-- saved page -->\n<!doctype html><html><head>"
                     "<title>Sniffed page</title></head><body>"
                     "<p>A page saved with the wrong extension.</p></body></html>";
  g_autoptr(GFile) file = write_temp_file ("saved-page.txt", html, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = NULL;

  article = clip_import_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clip_article_get_source_kind (article), ==, "html");
  g_assert_cmpstr (clip_article_get_title (article), ==, "Sniffed page");
  g_assert_cmpstr (clip_article_get_text (article), ==, "A page saved with the wrong extension.");

  remove_temp_file (file);
}

/* An opened file is the clipping's source, and opening it its capture;
 * a page saved as MHTML keeps its own address besides. */
static void
test_file_provenance (void)
{
  static const struct {
    const char *fixture;
    const char *kind;
  } cases[] = {
    { "simple-article.html", "html" },
    { "plain-wire-story.txt", "text" },
    { "snapshot.mhtml", "mhtml" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = fixture_path (cases[i].fixture);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *uri = g_file_get_uri (file);
      g_autoptr(GPtrArray) assets = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(ClipArticle) article = clip_import_file_with_assets (file, NULL, &assets, &error);
      g_autoptr(GDateTime) captured = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      g_assert_no_error (error);
      g_assert_cmpstr (clip_article_get_source_kind (article), ==, cases[i].kind);
      g_assert_cmpstr (clip_article_get_source_file (article), ==, uri);
      captured = g_date_time_new_from_iso8601 (clip_article_get_captured_at (article), NULL);
      g_assert_nonnull (captured);
      g_assert_cmpint (g_date_time_difference (now, captured), <, 5 * G_TIME_SPAN_MINUTE);
    }

  {
    g_autoptr(ClipArticle) mhtml = NULL;
    g_autofree char *path = fixture_path ("snapshot.mhtml");
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GPtrArray) assets = NULL;

    mhtml = clip_import_file_with_assets (file, NULL, &assets, NULL);
    g_assert_cmpstr (clip_article_get_source_url (mhtml), ==, "https://quay.example/news/night-market.html");
  }
}

static void
test_bytes_mime_types (void)
{
  const char *text = "Short note\nThe meeting moves to Thursday at ten, in the small room on the second floor.\n";
  const char *html = "<p>Pasted <i>paragraph</i> from a page.</p>";
  g_autoptr(GBytes) text_bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GBytes) html_bytes = g_bytes_new_static (html, strlen (html));
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) from_text = NULL;
  g_autoptr(ClipArticle) from_html = NULL;
  g_autoptr(ClipArticle) sniffed = NULL;
  g_autoptr(ClipArticle) refused = NULL;

  from_text = clip_import_bytes (text_bytes, "text/plain;charset=utf-8", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clip_article_get_source_kind (from_text), ==, "text");
  /* Pasted: no file, and no capture time beyond when it is saved. */
  g_assert_null (clip_article_get_source_file (from_text));
  g_assert_null (clip_article_get_captured_at (from_text));
  g_assert_cmpstr (clip_article_get_title (from_text), ==, "Short note");
  g_assert_true (g_bytes_equal (clip_article_get_original (from_text), text_bytes));

  from_html = clip_import_bytes (html_bytes, "text/html; charset=utf-8", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clip_article_get_source_kind (from_html), ==, "html");
  g_assert_cmpstr (clip_article_get_text (from_html), ==, "Pasted paragraph from a page.");

  /* Without a type, a fragment without a doctype is read as text. */
  sniffed = clip_import_bytes (text_bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clip_article_get_source_kind (sniffed), ==, "text");

  refused = clip_import_bytes (html_bytes, "image/png", &error);
  g_assert_error (error, CLIP_IMPORT_ERROR, CLIP_IMPORT_ERROR_UNSUPPORTED);
  g_assert_null (refused);
  g_clear_error (&error);

  refused = clip_import_bytes (empty, "text/plain", &error);
  g_assert_error (error, CLIP_IMPORT_ERROR, CLIP_IMPORT_ERROR_EMPTY);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_null (refused);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/file/provenance", test_file_provenance);
  g_test_add_func ("/import/text/seed-shaped", test_text_seed_shaped);
  g_test_add_func ("/import/text/byline-crlf", test_text_byline_crlf);
  g_test_add_func ("/import/text/source-dayfirst", test_text_source_dayfirst);
  g_test_add_func ("/import/text/no-header", test_text_no_header);
  g_test_add_func ("/import/text/short-title-sentence", test_text_short_title_sentence);
  g_test_add_func ("/import/text/datelines", test_text_datelines);
  g_test_add_func ("/import/text/title-with-date", test_text_title_with_date);
  g_test_add_func ("/import/text/standfirst", test_text_standfirst);
  g_test_add_func ("/import/text/sections", test_text_sections);
  g_test_add_func ("/import/text/hard-wrapped", test_text_hard_wrapped);
  g_test_add_func ("/import/text/without-paragraphs", test_text_without_paragraphs);
  g_test_add_func ("/import/text/seed", test_text_seed);
  g_test_add_func ("/import/html/simple", test_html_simple);
  g_test_add_func ("/import/html/charset", test_html_charset);
  g_test_add_func ("/import/html/scripts", test_html_scripts);
  g_test_add_func ("/import/html/without-paragraphs", test_html_without_paragraphs);
  g_test_add_func ("/import/html/text-in-divs", test_html_text_in_divs);
  g_test_add_func ("/import/html/charset-guesses", test_html_charset_guesses);
  g_test_add_func ("/import/html/deep-nesting", test_html_deep_nesting);
  g_test_add_func ("/import/html/no-content", test_html_no_content);
  g_test_add_func ("/import/file/missing", test_file_missing);
  g_test_add_func ("/import/file/empty", test_file_empty);
  g_test_add_func ("/import/file/binary", test_file_binary);
  g_test_add_func ("/import/file/encoding", test_file_encoding);
  g_test_add_func ("/import/file/too-large", test_file_too_large);
  g_test_add_func ("/import/file/original", test_file_original);
  g_test_add_func ("/import/file/sniffed-html", test_file_sniffed_html);
  g_test_add_func ("/import/bytes/mime-types", test_bytes_mime_types);

  return g_test_run ();
}
