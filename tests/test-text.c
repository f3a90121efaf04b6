/* test-text.c: the text walk and code-point offsets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clip-annotation.h"
#include "clip-reanchor.h"
#include "clip-import.h"
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

/* A new version of the text: one annotation moved, one deleted, one
 * untouched, one orphan whose passage is back. */
static void
test_reanchor (void)
{
  const char *old_text = "The mayor opened the bridge on Monday. Crowds cheered loudly. Rain fell later.";
  const char *new_text = "Updated: The mayor opened the new bridge on Monday. Rain fell later. Crowds cheered loudly.";
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) changed = NULL;
  ClipAnnotation *moved, *gone, *orphan;

  moved = clip_annotation_new_for_range (CLIP_ANNOTATION_HIGHLIGHT, old_text, 39, 61);  /* "Crowds cheered loudly." */
  gone = clip_annotation_new_for_range (CLIP_ANNOTATION_HIGHLIGHT, old_text, 4, 9);     /* "mayor" */
  orphan = clip_annotation_new (CLIP_ANNOTATION_NOTE);
  clip_annotation_set_quote (orphan, "Rain fell later.", "loudly. ", "");
  clip_annotation_set_position (orphan, 62, 78);
  clip_annotation_set_orphaned (orphan, TRUE);
  g_assert_cmpstr (clip_annotation_get_exact (moved), ==, "Crowds cheered loudly.");
  g_ptr_array_add (annotations, moved);
  g_ptr_array_add (annotations, gone);
  g_ptr_array_add (annotations, orphan);

  /* "mayor" is still there, but the deleted-then-rewritten passage is a
   * different test: first check it moves with the text. */
  changed = clip_reanchor (new_text, annotations);
  g_assert_cmpuint (changed->len, ==, 3);
  g_assert_cmpint (clip_annotation_get_start (moved), ==, strstr (new_text, "Crowds") - new_text);
  g_assert_cmpstr (clip_annotation_get_exact (moved), ==, "Crowds cheered loudly.");
  g_assert_false (clip_annotation_get_orphaned (moved));
  g_assert_cmpint (clip_annotation_get_start (gone), ==, strstr (new_text, "mayor") - new_text);
  g_assert_false (clip_annotation_get_orphaned (orphan));
  g_assert_cmpint (clip_annotation_get_start (orphan), ==, strstr (new_text, "Rain") - new_text);
  g_clear_pointer (&changed, g_ptr_array_unref);

  /* Nothing moves a second time. */
  changed = clip_reanchor (new_text, annotations);
  g_assert_cmpuint (changed->len, ==, 0);
  g_clear_pointer (&changed, g_ptr_array_unref);

  /* A text without the passage orphans it and keeps its quote. */
  changed = clip_reanchor ("Something else entirely was written here instead of it all.", annotations);
  g_assert_cmpuint (changed->len, ==, 3);
  g_assert_true (clip_annotation_get_orphaned (moved));
  g_assert_cmpstr (clip_annotation_get_exact (moved), ==, "Crowds cheered loudly.");
}

/* A page imported from a file keeps its images' web addresses (one made
 * absolute by a <base> in the body); the reader, which fetches nothing,
 * shows their description instead of a broken image, and the text the
 * offsets count does not change. */
static void
test_view_unsaved_images (void)
{
  const char *page =
    "<html><head><title>Images</title></head><body><base href=\"https://tracker.example/\">"
    "<article><h1>Images</h1><p>A paragraph with enough words to be an article, and a pixel "
    "<img src=\"pixel.gif\" alt=\"a &quot;pixel&quot; <here>\"> here.</p>"
    "<p>Another paragraph of the article, long enough to be kept by the extractor as well.</p>"
    "<figure><img src=\"https://cdn.example/photo.jpg\"><figcaption>A photo.</figcaption></figure>"
    "</article></body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = clip_import_html (page, strlen (page), "file:///tmp/images.html", &error);
  const char *content;
  g_autofree char *saved = NULL;
  g_autofree char *view = NULL;
  g_autofree char *saved_view = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  content = clip_article_get_content_html (article);
  g_test_message ("%s", content);
  g_assert_nonnull (strstr (content, "<img src=\"https://tracker.example/pixel.gif\""));

  view = clip_content_for_view (content);
  g_test_message ("%s", view);
  g_assert_null (strstr (view, "<img"));
  g_assert_nonnull (strstr (view, "<span class=\"clip-unsaved-image\" data-alt=\"a &quot;pixel&quot; &lt;here&gt;\"></span>"));
  g_assert_nonnull (strstr (view, "<span class=\"clip-unsaved-image\" data-alt=\"\"></span>"));
  text = clip_text_from_html (view, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, clip_article_get_text (article));

  /* A saved image is shown as it is. */
  saved = clip_content_replace_image (content, "https://cdn.example/photo.jpg", "clip://asset/7");
  saved_view = clip_content_for_view (saved);
  g_assert_nonnull (strstr (saved_view, "<img src=\"clip://asset/7\">"));
  g_assert_null (strstr (saved_view, "tracker.example"));
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
  g_test_add_func ("/text/reanchor", test_reanchor);
  g_test_add_func ("/text/view/unsaved-images", test_view_unsaved_images);

  return g_test_run ();
}
