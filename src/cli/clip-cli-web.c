/* clip-cli-web.c: the commands that need a web engine, in clippings-cli-web
 *
 * Capturing a page and printing a PDF run WebKit, and WebKit needs GTK
 * and a display. They live in a second executable so that every other
 * command starts without loading any of it (clip-cli-web-exec.c runs
 * this one for them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "clip-capture.h"
#include "clip-cli-common.h"
#include "clip-cli-web.h"
#include "clip-import.h"
#include "clip-pdf.h"

typedef struct {
  GMainLoop *loop;
  ClipCaptureResult *result;
  GError *error;
} CaptureWait;

static void
capture_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CaptureWait *wait = user_data;

  wait->result = clip_capture_run_finish (CLIP_CAPTURE (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

/* Captures a web page with WebKit, which needs a display (xvfb-run will
 * do), and stores it with its images and snapshot. */
int
clip_cli_import_uri (ClipStore  *store,
                     const char *uri)
{
  g_autoptr(ClipCapture) capture = NULL;
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GError) error = NULL;
  CaptureWait wait = { NULL, NULL, NULL };

  if (!gtk_init_check ())
    return clip_cli_fail (_("capturing a web page needs a display; try running under xvfb-run"));

  capture = clip_capture_new ();
  wait.loop = g_main_loop_new (NULL, FALSE);
  clip_capture_run_async (capture, uri, NULL, capture_done_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);

  if (wait.result == NULL)
    {
      error = wait.error;
      return clip_cli_fail (error->message);
    }

  article = clip_import_capture (wait.result->html, wait.result->uri, wait.result->status,
                                 wait.result->captured_at, wait.result->mhtml, &assets, &error);
  clip_capture_result_free (wait.result);
  if (article == NULL || !clip_store_add_article_with_assets (store, article, assets, &error))
    return clip_cli_fail (error->message);

  g_print ("%" G_GINT64_FORMAT "\n", clip_article_get_id (article));
  return EXIT_SUCCESS;
}

typedef struct {
  GMainLoop *loop;
  GError *error;
} PdfWait;

static void
pdf_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PdfWait *wait = user_data;

  clip_pdf_export_finish (result, &wait->error);
  g_main_loop_quit (wait->loop);
}

/* PDF prints through WebKit, which needs a display (xvfb-run will do). */
int
clip_cli_export_pdf (ClipStore         *store,
                     GArray            *ids,
                     ClipExportOptions *export_options,
                     const char        *output,
                     gboolean           force)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);
  g_autoptr(GError) error = NULL;
  PdfWait wait = { NULL, NULL };

  if (!force && g_file_query_exists (file, NULL))
    return clip_cli_fail (_("the output file exists; use --force to replace it"));
  if (!gtk_init_check ())
    return clip_cli_fail (_("PDF export prints through WebKit and needs a display; try running under xvfb-run"));

  wait.loop = g_main_loop_new (NULL, FALSE);
  clip_pdf_export_async (store, ids, export_options, file, NULL, pdf_done_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);

  if (wait.error != NULL)
    {
      error = wait.error;
      return clip_cli_fail (error->message);
    }
  return EXIT_SUCCESS;
}

