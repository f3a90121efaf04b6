/* fuzz-annotations.c: any bytes as W3C Web Annotations to import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library holds one clipping, at the address the seeds' targets
 * name; what an input imports is deleted again so that every input
 * meets the same library.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "clip-export.h"
#include "clip-import.h"
#include "fuzz.h"

#define ARTICLE_URL "http://example.com/page1"

static char *store_dir;
static ClipStore *store;
static gint64 article_id;

static const char article_text[] =
  "Annotations of a page\n"
  "\n"
  "Ma Zhaoxu said on Tuesday that the two sides agreed to help narrow gaps in Moscow. "
  "The annotation target is example.com/page1 and its text has a quote, an exact match "
  "and a fuzzy one: the quick brown fox jumps over the lazy dog.\n";

static void
remove_store (void)
{
  g_autoptr(GDir) dir = g_dir_open (store_dir, 0, NULL);
  const char *name;

  g_clear_object (&store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (store_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (store_dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = NULL;
  g_autofree char *path = NULL;

  store_dir = g_dir_make_tmp ("fuzz-annotations-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (store_dir, "library.db", NULL);
  store = clip_store_open (path, &error);
  g_assert_no_error (error);
  article = clip_import_plain_text (article_text, -1, &error);
  g_assert_no_error (error);
  clip_article_set_source_url (article, ARTICLE_URL);
  clip_store_add_article (store, article, &error);
  g_assert_no_error (error);
  article_id = clip_article_get_id (article);
  atexit (remove_store);
  return 0;
}

static void
forget_annotations (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) annotations = clip_store_list_annotations (store, article_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < annotations->len; i++)
    {
      clip_store_delete_annotation (store, clip_annotation_get_id (g_ptr_array_index (annotations, i)), &error);
      g_assert_no_error (error);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(ClipAnnotationImportReport) report;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  clip_annotation_import_report_init (&report);
  ok = clip_import_annotations (store, (const char *)data, size, &report, &error);
  FUZZ_CHECK (ok == (error == NULL));
  forget_annotations ();
  return 0;
}
