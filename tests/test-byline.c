/* test-byline.c: bylines read as people and organisations (clip-byline.c),
 * over bylines printed on real pages of ../shared/corpus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "clip-byline.h"

/* The expected names, ";"-separated: "Family, Given" (or
 * "Family, Suffix, Given") for a split person, "=Literal" for a person
 * kept whole, "{Literal}" for an organisation. */
static const struct {
  const char *byline;
  const char *expected;
} bylines[] = {
  /* The forms issue 15 names. */
  { "By Jane Doe and John Smith", "Doe, Jane;Smith, John" },
  { "Alice Ames, Bob Brown and Carol Cole", "Ames, Alice;Brown, Bob;Cole, Carol" },
  { "Alice Ames, Bob Brown, and Carol Cole", "Ames, Alice;Brown, Bob;Cole, Carol" },
  { "Jane Doe with John Smith", "Doe, Jane;Smith, John" },
  { "Staff", "{Staff}" },
  { "Reuters", "{Reuters}" },
  { "Seán O'Brien", "O'Brien, Seán" },
  { "Martin Luther King, Jr.", "King, Jr., Martin Luther" },
  { "José Ortega y Gasset", "Gasset, José Ortega y" },
  { "Ana Lima e Bruno Costa", "Lima, Ana;Costa, Bruno" },
  { "Ludwig van Beethoven", "van Beethoven, Ludwig" },
  { "By Emily Post", "Post, Emily" },
  { "By Michael Bloomberg and Bloomberg News", "Bloomberg, Michael;{Bloomberg News}" },
  { "The Washington Post", "{The Washington Post}" },
  { "Jane Doe, Reuters", "Doe, Jane;{Reuters}" },
  { "", "" },
  { "By", "" },
  { NULL, "" },
  /* readability/<page>/expected-metadata.json */
  { "Martin Untersinger (avec Damien Leloup et Morgane Tual)",      /* lemonde-1 */
    "Untersinger, Martin;Leloup, Damien;Tual, Morgane" },
  { "Bruno (Henrique Zecchin) Rodrigues",                            /* folha */
    "Rodrigues, Bruno Henrique Zecchin" },
  { "Mac & i", "{Mac & i}" },                                        /* heise */
  { "Par Sébastien Farcis", "Farcis, Sébastien" },                   /* liberation-1 */
  { "BBC News", "{BBC News}" },                                      /* bbc-1 */
  { "by Lucas Nolan22 Dec 2016651", "Nolan, Lucas" },                /* breitbart */
  { "Written by Rob Ewaschuk\n                            Edited by Betsy Beyer",
    "Ewaschuk, Rob;Beyer, Betsy" },                                  /* google-sre-book-1 */
  { "JOE HILDEBRAND", "Hildebrand, Joe" },                           /* herald-sun-1 */
  { "By\n\t\t\tScott Cunningham", "Cunningham, Scott" },             /* iab-1 */
  { "Jong, Michiel de", "Jong, Michiel de" },                        /* ietf-1 */
  { "By Nathan Willis\n       March 25, 2015", "Willis, Nathan" },   /* lwn-1 */
  { "John C. Welch", "Welch, John C." },                             /* medium-3 */
  { "Bradley M. Kuhn (http://ebb.org/bkuhn/)", "Kuhn, Bradley M." }, /* ebb-org */
  { "Gina Roberts-Grey", "Roberts-Grey, Gina" },                     /* ehow-2 */
  { "Stella Kim, Jennifer Jett", "Kim, Stella;Jett, Jennifer" },     /* schema-org-context-object */
  { "Alexandre Hervaud, Jérémy Piette", "Hervaud, Alexandre;Piette, Jérémy" },  /* videos-2 */
  { "By Brenda  Goodman, MA\n        WebMD Health News",
    "Goodman, Brenda;{WebMD Health News}" },                         /* webmd-1 */
  { "Contributors to Wikimedia projects", "{Contributors to Wikimedia projects}" },  /* wikipedia-2 */
  { "Organization for Transformative Works",
    "{Organization for Transformative Works}" },                     /* archive-of-our-own */
  { "肖春芳", "=肖春芳" },                                            /* gmw */
  { "史蒂文的家_藍天 (stevenhgm)", "=史蒂文的家_藍天" },                /* pixnet */
  { "Aleš Vávra", "Vávra, Aleš" },                                   /* aktualne */
  /* dragnet/<page>/expected.txt, the byline line */
  { "BY BETSY MCKAY", "Mckay, Betsy" },
  { "By CAROLINE PORTER And KRISTINA PETERSON", "Porter, Caroline;Peterson, Kristina" },
  { "By A. Pawlowski, NBC News contributor", "Pawlowski, A.;{NBC News}" },
  { "By Alyson Klein on August 8, 2012 6:23 PM", "Klein, Alyson" },
  { "By Annie Downs // AnnieBlogs", "Downs, Annie" },
  { "By Arpon Basu - Managing Editor LNH.com", "Basu, Arpon" },
  { "By Collins Mtika, Nyasa Times", "Mtika, Collins;{Nyasa Times}" },
  { "By DAVID LIEBERMAN, Executive Editor | Thursday August 9, 2012 @ 12:56pm EDT",
    "Lieberman, David" },
  { "By David O\u2019Brien", "O\u2019Brien, David" },
  { "By Editorial Staff \u2022 Nov 6, 2012 \u2022 New York City", "{Editorial Staff}" },
  { "By Fritz Allhoff|Posted Tuesday, Nov. 13, 2012, at 2:50 PM ET", "Allhoff, Fritz" },
  { "By Haje Jan Kamps ", "Kamps, Haje Jan" },
  { "By ABC NEWS", "{ABC NEWS}" },
};

static char *
describe (GPtrArray *names)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  for (guint i = 0; i < names->len; i++)
    {
      ClipBylineName *name = g_ptr_array_index (names, i);
      g_autofree char *inverted = clip_byline_name_inverted (name);
      g_autofree char *shown = NULL;

      if (name->kind == CLIP_BYLINE_ORGANISATION)
        shown = g_strdup_printf ("{%s}", name->literal);
      else if (name->family == NULL)
        shown = g_strdup_printf ("=%s", name->literal);
      g_strv_builder_add (builder, shown != NULL ? shown : inverted);
    }
  parts = g_strv_builder_end (builder);
  return g_strjoinv (";", parts);
}

static void
test_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bylines); i++)
    {
      g_autoptr(GPtrArray) names = clip_byline_parse (bylines[i].byline);
      g_autofree char *got = describe (names);

      g_test_message ("%s", bylines[i].byline);
      g_assert_cmpstr (got, ==, bylines[i].expected);
    }
}

/* The literal is the name as a reader writes it, with the capitals of
 * a name printed in capitals undone. */
static void
test_literal (void)
{
  g_autoptr(GPtrArray) names = clip_byline_parse ("By Seán O'Brien and JOE HILDEBRAND");
  ClipBylineName *first, *second;

  g_assert_cmpuint (names->len, ==, 2);
  first = g_ptr_array_index (names, 0);
  second = g_ptr_array_index (names, 1);
  g_assert_cmpstr (first->literal, ==, "Seán O'Brien");
  g_assert_cmpstr (first->given, ==, "Seán");
  g_assert_cmpstr (second->literal, ==, "Joe Hildebrand");
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GPtrArray) names = clip_byline_parse ("By \xff\xfe");

  g_assert_cmpuint (names->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/byline/table", test_table);
  g_test_add_func ("/byline/literal", test_literal);
  g_test_add_func ("/byline/invalid-utf8", test_invalid_utf8);

  return g_test_run ();
}
