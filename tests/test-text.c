/* test-text.c: the text walk and code-point offsets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clip-annotation.h"
#include "clip-text.h"

static void
test_walk_blocks (void)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  text = clip_text_from_html ("<h2>Head</h2>\n\n<p>One <em>two</em> &amp; three.</p>\n\n<p>Four.</p>", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Head\n\nOne two & three.\n\nFour.");
}

static void
test_builder_matches_walk (void)
{
  g_autoptr(ClipContentBuilder) builder = clip_content_builder_new ();
  g_autofree char *html = NULL;
  g_autofree char *text = NULL;

  clip_content_builder_add (builder, "h2", "  A  heading\n");
  clip_content_builder_add (builder, "p", "Tags <b>stay</b> text & \"quotes\" 'too'.");
  clip_content_builder_add (builder, "p", "   ");
  clip_content_builder_add (builder, "blockquote", "Line one\nline two");
  g_assert_cmpuint (clip_content_builder_get_n_blocks (builder), ==, 3);

  html = clip_content_builder_free_to_html (g_steal_pointer (&builder));
  g_assert_null (strstr (html, "<b>"));
  text = clip_text_from_html (html, NULL);
  g_assert_cmpstr (text, ==,
                   "A heading\n\nTags <b>stay</b> text & \"quotes\" 'too'.\n\nLine one line two");
}

/* Emoji (outside the BMP, two UTF-16 units), CJK (three UTF-8 bytes) and
 * combining marks (two code points for one visible letter) all count as
 * code points. */
static void
test_offsets_non_ascii (void)
{
  g_autoptr(ClipContentBuilder) builder = clip_content_builder_new ();
  g_autofree char *html = NULL;
  g_autofree char *text = NULL;
  g_autofree char *slice = NULL;
  g_autoptr(ClipAnnotation) annotation = NULL;
  const char *p1 = "Cafe\xcc\x81 \xf0\x9f\x98\x80 news";        /* "Café 😀 news", é = e + U+0301 */
  const char *p2 = "\xe5\x8c\x97\xe4\xba\xac\xe6\x99\x82\xe5\xa0\xb1 report"; /* 北京時報 report */

  clip_content_builder_add (builder, "p", p1);
  clip_content_builder_add (builder, "p", p2);
  html = clip_content_builder_free_to_html (g_steal_pointer (&builder));
  text = clip_text_from_html (html, NULL);

  /* C a f e U+0301 space 😀 space n e w s = 12, "\n\n" = 2, 4 CJK + " report" = 11 */
  g_assert_cmpint (clip_text_length (text), ==, 12 + 2 + 11);

  slice = clip_text_slice (text, 6, 7);
  g_assert_cmpstr (slice, ==, "\xf0\x9f\x98\x80");
  g_free (slice);
  slice = clip_text_slice (text, 0, 5);
  g_assert_cmpstr (slice, ==, "Cafe\xcc\x81");
  g_free (slice);
  slice = clip_text_slice (text, 14, 18);
  g_assert_cmpstr (slice, ==, "\xe5\x8c\x97\xe4\xba\xac\xe6\x99\x82\xe5\xa0\xb1");

  annotation = clip_annotation_new_for_range (CLIP_ANNOTATION_HIGHLIGHT, text, 14, 18);
  g_assert_nonnull (annotation);
  g_assert_cmpstr (clip_annotation_get_exact (annotation), ==, slice);
  g_assert_cmpstr (clip_annotation_get_prefix (annotation), ==,
                   "Cafe\xcc\x81 \xf0\x9f\x98\x80 news\n\n");
  g_assert_cmpstr (clip_annotation_get_suffix (annotation), ==, " report");
}

static void
test_offsets_clamped (void)
{
  g_autofree char *slice = clip_text_slice ("abc", 2, 10);
  g_autofree char *prefix = clip_text_prefix ("abcdef", 3, 32);
  g_autofree char *suffix = clip_text_suffix ("abcdef", 3, 2);

  g_assert_cmpstr (slice, ==, "c");
  g_assert_cmpstr (prefix, ==, "abc");
  g_assert_cmpstr (suffix, ==, "de");
  g_assert_null (clip_annotation_new_for_range (CLIP_ANNOTATION_HIGHLIGHT, "abc", 1, 4));
  g_assert_null (clip_annotation_new_for_range (CLIP_ANNOTATION_HIGHLIGHT, "abc", 2, 2));
}

static void
test_context_length (void)
{
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(ClipAnnotation) annotation = NULL;

  for (guint i = 0; i < 100; i++)
    g_string_append (long_text, "\xc3\xa9");   /* é, one code point */
  annotation = clip_annotation_new_for_range (CLIP_ANNOTATION_HIGHLIGHT, long_text->str, 50, 51);
  g_assert_cmpint (g_utf8_strlen (clip_annotation_get_prefix (annotation), -1), ==, CLIP_TEXT_CONTEXT_LENGTH);
  g_assert_cmpint (g_utf8_strlen (clip_annotation_get_suffix (annotation), -1), ==, CLIP_TEXT_CONTEXT_LENGTH);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/walk/blocks", test_walk_blocks);
  g_test_add_func ("/text/walk/builder", test_builder_matches_walk);
  g_test_add_func ("/text/offsets/non-ascii", test_offsets_non_ascii);
  g_test_add_func ("/text/offsets/clamped", test_offsets_clamped);
  g_test_add_func ("/text/offsets/context", test_context_length);

  return g_test_run ();
}
