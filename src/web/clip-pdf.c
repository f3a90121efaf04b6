/* clip-pdf.c: clippings printed to PDF through WebKit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <webkit/webkit.h>

#include <glib/gstdio.h>

#include "clip-byline.h"
#include "clip-file.h"
#include "clip-pdf-info.h"
#include "clip-pdf.h"

#define PDF_TIMEOUT_SECONDS 60

typedef struct {
  WebKitNetworkSession *session;
  WebKitWebView *view;
  WebKitPrintOperation *operation;
  GFile *file;
  /* Printed to first, renamed to file when complete (NULL: not local). */
  char *temp_path;
  guint timeout_id;
  /* The document information of a single clipping's PDF, or NULL. */
  char *title;
  char *author;
} PdfJob;

static void
pdf_job_free (PdfJob *job)
{
  g_clear_handle_id (&job->timeout_id, g_source_remove);
  g_clear_object (&job->operation);
  g_clear_object (&job->view);
  g_clear_object (&job->session);
  g_clear_object (&job->file);
  /* A print that did not complete leaves nothing behind. */
  if (job->temp_path != NULL)
    g_unlink (job->temp_path);
  g_free (job->temp_path);
  g_free (job->title);
  g_free (job->author);
  g_free (job);
}

/* Ends the job once, whichever of finished, failed or the timeout comes
 * first, and drops the reference the job held on its task. */
static void
complete (GTask  *task,
          GError *error)
{
  PdfJob *job = g_task_get_task_data (task);

  if (job->timeout_id == 0 && error == NULL)
    return;
  g_clear_handle_id (&job->timeout_id, g_source_remove);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* WebKit takes the PDF's title from <title> but writes no author: the
 * printed file gets the article's title and authors in an incremental
 * update before it takes its name. */
static gboolean
set_document_info (PdfJob  *job,
                   GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) printed = NULL;
  g_autoptr(GBytes) updated = NULL;
  gsize len = 0;

  if (job->temp_path == NULL || (job->title == NULL && job->author == NULL))
    return TRUE;
  if (!g_file_get_contents (job->temp_path, &contents, &len, error))
    return FALSE;
  printed = g_bytes_new_take (g_steal_pointer (&contents), len);
  updated = clip_pdf_info_update (printed, job->title, job->author, error);
  return updated != NULL &&
         g_file_set_contents (job->temp_path, g_bytes_get_data (updated, NULL), g_bytes_get_size (updated), error);
}

static void
print_finished_cb (WebKitPrintOperation *operation,
                   GTask                *task)
{
  PdfJob *job = g_task_get_task_data (task);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFile) printed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (job->file);

  if (job->timeout_id == 0)
    return;

  printed = job->temp_path != NULL ? g_file_new_for_path (job->temp_path) : g_object_ref (job->file);
  info = g_file_query_info (printed, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL || g_file_info_get_size (info) == 0)
    complete (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, _("The PDF could not be written")));
  else if (!set_document_info (job, &error) ||
           (job->temp_path != NULL && !clip_file_commit (job->temp_path, path, TRUE, &error)))
    complete (task, g_steal_pointer (&error));
  else
    {
      g_clear_pointer (&job->temp_path, g_free);
      complete (task, NULL);
    }
}

static void
print_failed_cb (WebKitPrintOperation *operation,
                 GError               *error,
                 GTask                *task)
{
  PdfJob *job = g_task_get_task_data (task);

  if (job->timeout_id != 0)
    complete (task, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                 _("The PDF could not be printed: %s"), error->message));
}

static void
print_page (GTask *task)
{
  PdfJob *job = g_task_get_task_data (task);
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autoptr(GtkPageSetup) page = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GFile) target = job->temp_path != NULL ? g_file_new_for_path (job->temp_path)
                                                   : g_object_ref (job->file);
  g_autofree char *uri = g_file_get_uri (target);

  gtk_print_settings_set_printer (settings, "Print to File");
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  gtk_page_setup_set_paper_size_and_default_margins (page, a4);

  job->operation = webkit_print_operation_new (job->view);
  webkit_print_operation_set_print_settings (job->operation, settings);
  webkit_print_operation_set_page_setup (job->operation, page);
  g_signal_connect_object (job->operation, "finished", G_CALLBACK (print_finished_cb), task, 0);
  g_signal_connect_object (job->operation, "failed", G_CALLBACK (print_failed_cb), task, 0);
  webkit_print_operation_print (job->operation);
}

static void
load_changed_cb (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 GTask           *task)
{
  PdfJob *job = g_task_get_task_data (task);

  if (event == WEBKIT_LOAD_FINISHED && job->timeout_id != 0 && job->operation == NULL)
    print_page (task);
}

static gboolean
timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  PdfJob *job = g_task_get_task_data (task);

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, _("Printing the PDF took too long"));
  job->timeout_id = 0;
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static WebKitWebView *
make_view (WebKitNetworkSession *session)
{
  g_autoptr(WebKitSettings) settings = g_object_new (WEBKIT_TYPE_SETTINGS,
                                                     "enable-javascript", FALSE,
                                                     "enable-javascript-markup", FALSE,
                                                     "print-backgrounds", TRUE,
                                                     NULL);

  /* The export is self-contained: images are data: URIs, styles inline. */
  return g_object_ref_sink (g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                          "network-session", session,
                                          "settings", settings,
                                          "default-content-security-policy",
                                          "default-src 'none'; img-src data:; style-src 'unsafe-inline'",
                                          NULL));
}

static void
document_info (ClipStore *store,
               gint64     id,
               PdfJob    *job)
{
  g_autoptr(ClipArticle) article = clip_store_get_article (store, id, NULL);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) literals = NULL;

  if (article == NULL)
    return;
  job->title = g_strdup (clip_article_get_title (article));
  names = clip_byline_parse (clip_article_get_byline (article));
  for (guint i = 0; i < names->len; i++)
    g_strv_builder_add (builder, ((ClipBylineName *)g_ptr_array_index (names, i))->literal);
  literals = g_strv_builder_end (builder);
  if (literals[0] != NULL)
    job->author = g_strjoinv ("; ", literals);
}

void
clip_pdf_export_async (ClipStore               *store,
                       GArray                  *article_ids,
                       const ClipExportOptions *options,
                       GFile                   *file,
                       GCancellable            *cancellable,
                       GAsyncReadyCallback      callback,
                       gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) html = NULL;
  g_autoptr(GError) error = NULL;
  PdfJob *job;

  g_return_if_fail (CLIP_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, clip_pdf_export_async);

  html = clip_export_to_bytes (store, article_ids, CLIP_EXPORT_HTML, options, &error);
  if (html == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job = g_new0 (PdfJob, 1);
  job->file = g_object_ref (file);
  if (g_file_peek_path (file) != NULL)
    job->temp_path = clip_file_temp_path (g_file_peek_path (file));
  if (article_ids->len == 1)
    document_info (store, g_array_index (article_ids, gint64, 0), job);
  job->session = webkit_network_session_new_ephemeral ();
  job->view = make_view (job->session);
  g_task_set_task_data (task, job, (GDestroyNotify)pdf_job_free);

  g_signal_connect_object (job->view, "load-changed", G_CALLBACK (load_changed_cb), task, 0);
  job->timeout_id = g_timeout_add_seconds (PDF_TIMEOUT_SECONDS, timeout_cb, task);
  webkit_web_view_load_bytes (job->view, html, "text/html", "UTF-8", NULL);

  /* The job keeps its task alive until complete() or the timeout. */
  g_steal_pointer (&task);
}

gboolean
clip_pdf_export_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
