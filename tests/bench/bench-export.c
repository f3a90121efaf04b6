/* bench-export.c: exporting 1,000 clippings to Markdown and to JSON-LD
 *
 * Builds a temporary library of synthetic articles (about 1,000 words
 * each, a few annotations each, the same every run) and times each
 * export to a stream that discards what it gets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "clip-export.h"
#include "clip-text.h"

#define N_CLIPPINGS 1000
#define PARAGRAPHS 10
#define WORDS_PER_PARAGRAPH 100

static const char * const words[] = {
  "harbour", "council", "ferry", "islands", "minister", "budget", "said", "the", "of", "and",
  "report", "Monday", "police", "market", "river", "school", "growth", "energy", "a", "to",
  "village", "court", "strike", "élection", "Zürich", "bridge", "water", "farmers", "in", "new",
};

static char *
make_paragraph (GRand *rand)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < WORDS_PER_PARAGRAPH; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
  g_string_append_c (text, '.');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static ClipArticle *
make_article (GRand *rand,
              guint  n)
{
  g_autoptr(ClipContentBuilder) builder = clip_content_builder_new ();
  g_autofree char *title = g_strdup_printf ("Synthetic clipping %u: the harbour & the council", n);
  g_autofree char *url = g_strdup_printf ("https://news.example/%u", n);
  g_autofree char *html = NULL;
  ClipArticle *article = clip_article_new ();

  for (guint i = 0; i < PARAGRAPHS; i++)
    {
      g_autofree char *paragraph = make_paragraph (rand);

      clip_content_builder_add (builder, i == 4 ? "h2" : "p", paragraph);
    }
  html = clip_content_builder_free_to_html (g_steal_pointer (&builder));

  clip_article_set_title (article, title);
  clip_article_set_byline (article, "By Ana Ruiz and Li Wei");
  clip_article_set_site_name (article, "Example News");
  clip_article_set_source_url (article, url);
  clip_article_set_published (article, "2024-05-01T10:00");
  clip_article_set_content_html (article, html);
  return article;
}

static void
annotate (ClipStore   *store,
          ClipArticle *article,
          GRand       *rand)
{
  const char *text = clip_article_get_text (article);
  glong length = clip_text_length (text);
  const char * const tags[] = { "budget", "follow-up", NULL };
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 4; i++)
    {
      glong start = g_rand_int_range (rand, 0, (gint32)(length - 60));
      ClipAnnotation *annotation = clip_annotation_new_for_range (CLIP_ANNOTATION_HIGHLIGHT, text,
                                                                  start, start + 40);

      clip_annotation_set_article_id (annotation, clip_article_get_id (article));
      clip_annotation_set_color (annotation, 1 + i % 5);
      if (i % 2 == 0)
        clip_annotation_set_note (annotation, "Check this against the council's own figures.");
      clip_annotation_set_tags (annotation, tags);
      g_ptr_array_add (annotations, annotation);
    }

  if (!clip_store_add_annotations (store, annotations, &error))
    g_error ("%s", error->message);
}

static ClipStore *
build_library (const char *path,
               GArray     *ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240501);
  ClipStore *store = clip_store_open (path, &error);

  if (store == NULL)
    g_error ("%s", error->message);

  for (guint n = 0; n < N_CLIPPINGS; n++)
    {
      g_autoptr(ClipArticle) article = make_article (rand, n + 1);
      gint64 id;

      if (!clip_store_add_article (store, article, &error))
        g_error ("%s", error->message);
      annotate (store, article, rand);
      id = clip_article_get_id (article);
      g_array_append_val (ids, id);
    }
  return store;
}

static double
time_export (ClipStore        *store,
             GArray           *ids,
             ClipExportFormat  format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) null = g_file_new_for_path ("/dev/null");
  g_autoptr(GFileOutputStream) out = g_file_append_to (null, G_FILE_CREATE_NONE, NULL, &error);
  g_autoptr(GTimer) timer = NULL;
  double seconds;

  if (out == NULL)
    g_error ("%s", error->message);
  timer = g_timer_new ();
  if (!clip_export_write (store, ids, format, NULL, G_OUTPUT_STREAM (out), NULL, &error))
    g_error ("%s", error->message);
  seconds = g_timer_elapsed (timer, NULL);
  return seconds;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clip-bench-export-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(ClipStore) store = NULL;
  g_autoptr(GTimer) build = g_timer_new ();
  double markdown, jsonld;

  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "library.db", NULL);
  store = build_library (path, ids);
  g_printerr ("built %u clippings in %.2f s\n", ids->len, g_timer_elapsed (build, NULL));

  markdown = time_export (store, ids, CLIP_EXPORT_MARKDOWN);
  jsonld = time_export (store, ids, CLIP_EXPORT_JSONLD);
  g_print ("export: clippings=%u markdown_s=%.2f jsonld_s=%.2f\n", ids->len, markdown, jsonld);
  g_printerr ("target: under 5 s each\n");

  g_clear_object (&store);
  for (const char *suffix = ""; suffix != NULL; suffix = g_str_equal (suffix, "") ? "-wal" :
                                                        g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *file = g_strconcat (path, suffix, NULL);

      g_remove (file);
    }
  g_rmdir (dir);
  return (markdown < 5.0 && jsonld < 5.0) ? 0 : 1;
}
