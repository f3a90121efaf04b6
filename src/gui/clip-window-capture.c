/* clip-window-capture.c: capturing web pages, previewing, saving
 *
 * A capture shows what it is doing in words in a card over the article
 * (connecting, loading with a percentage and the seconds it has taken,
 * reading the article, saving images), can be cancelled with its button
 * or Escape, and ends in a preview or in a message that says what went
 * wrong and what can be tried. While it runs, the article shown and its
 * sidebar stay those of the clipping that was open; once previewed, the
 * sidebar shows the preview's own details and nothing else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "clip-import.h"
#include "clip-scheme.h"
#include "clip-window-private.h"

/* After this long without any progress, the card says it still works. */
#define STALLED_SECONDS 5

typedef enum {
  RUN_CAPTURING,   /* the web view loads the page */
  RUN_IMPORTING,   /* the article and its images are taken out of it */
  RUN_FAILED,      /* the card shows why */
} RunState;

typedef struct _ClipCaptureRun {
  RunState state;
  char *address;         /* as captured: with its scheme */
  char *typed;           /* as the reader typed it */
  /* When https was added to what was typed: the same address over http,
   * offered when the secure connection fails. */
  char *insecure;
  gint64 started;
  double last_progress;
  gint64 last_progress_at;
  guint tick_id;
  GCancellable *cancellable;
  struct _ImageCount *images;
} ClipCaptureRun;

/* Written by the import thread, read by the tick; shared by both, so that
 * a run cancelled while its import goes on leaves the thread something
 * to write to. */
typedef struct _ImageCount {
  gint done;
  gint total;
} ImageCount;

static void
capture_run_free (ClipCaptureRun *run)
{
  if (run == NULL)
    return;

  g_clear_handle_id (&run->tick_id, g_source_remove);
  if (run->cancellable != NULL)
    g_cancellable_cancel (run->cancellable);
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->images, g_atomic_rc_box_release);
  g_free (run->address);
  g_free (run->typed);
  g_free (run->insecure);
  g_free (run);
}

gboolean
clip_window_is_previewing (ClipWindow *self)
{
  return self->preview != NULL;
}

gboolean
clip_window_is_capturing (ClipWindow *self)
{
  return self->capture_run != NULL && self->capture_run->state != RUN_FAILED;
}

ClipArticle *
clip_window_get_preview (ClipWindow *self)
{
  g_return_val_if_fail (CLIP_IS_WINDOW (self), NULL);
  return self->preview;
}

const char *
clip_window_get_capture_message (ClipWindow *self,
                                 gboolean   *failed)
{
  g_return_val_if_fail (CLIP_IS_WINDOW (self), NULL);

  if (failed != NULL)
    *failed = self->capture_run != NULL && self->capture_run->state == RUN_FAILED;
  if (self->capture_run == NULL)
    return NULL;
  return gtk_label_get_text (self->capture_status);
}

static WebKitWebContext *
web_context (ClipWindow *self)
{
  return webkit_web_view_get_context (WEBKIT_WEB_VIEW (self->view));
}

/* The card */

static char *
host_of (const char *address)
{
  g_autoptr(GUri) uri = g_uri_parse (address, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  return g_strdup (host != NULL && host[0] != '\0' ? host : address);
}

static void
update_actions (ClipWindow *self)
{
  ClipCaptureRun *run = self->capture_run;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-capture", run != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.capture-again",
                                 run != NULL && run->state == RUN_FAILED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.capture-insecure",
                                 run != NULL && run->state == RUN_FAILED && run->insecure != NULL);
  clip_window_update_actions (self);
}

/* "Loading 45 %", and once it has taken a while, for how long. */
static char *
loading_words (ClipCaptureRun *run,
               double          progress,
               gint64          now)
{
  int percent = (int)(progress * 100 + 0.5);
  gint64 seconds = (now - run->started) / G_USEC_PER_SEC;

  if (now - run->last_progress_at > STALLED_SECONDS * G_USEC_PER_SEC)
    /* Translators: a slow page; %d %% is how much has loaded, then seconds */
    return g_strdup_printf (_("Still loading, %d %% after %" G_GINT64_FORMAT " seconds…"), percent, seconds);
  if (seconds >= 3)
    /* Translators: %d %% is how much of the page has loaded */
    return g_strdup_printf (_("Loading %d %% · %" G_GINT64_FORMAT " s"), percent, seconds);
  return g_strdup_printf (_("Loading %d %%"), percent);
}

static char *
stage_words (ClipWindow     *self,
             ClipCaptureRun *run)
{
  g_autofree char *host = host_of (run->address);
  gint64 now = g_get_monotonic_time ();
  int total = g_atomic_int_get (&run->images->total);

  if (run->state == RUN_IMPORTING)
    {
      if (total > 0)
        return g_strdup_printf (ngettext ("Saving images %d of %d…", "Saving images %d of %d…", total),
                                g_atomic_int_get (&run->images->done), total);
      return g_strdup (_("Reading the article…"));
    }

  switch (clip_capture_get_stage (self->capture))
    {
    case CLIP_CAPTURE_STAGE_LOADING:
      return loading_words (run, clip_capture_get_progress (self->capture), now);
    case CLIP_CAPTURE_STAGE_READING:
      return g_strdup (_("Reading the article…"));
    case CLIP_CAPTURE_STAGE_SAVING:
      return g_strdup (_("Saving the page and its images…"));
    case CLIP_CAPTURE_STAGE_CONNECTING:
    case CLIP_CAPTURE_STAGE_IDLE:
    default:
      if (now - run->started > STALLED_SECONDS * G_USEC_PER_SEC)
        return g_strdup_printf (_("Waiting for %s to answer, %" G_GINT64_FORMAT " seconds…"),
                                host, (now - run->started) / G_USEC_PER_SEC);
      return g_strdup_printf (_("Connecting to %s…"), host);
    }
}

static void
show_progress (ClipWindow *self)
{
  ClipCaptureRun *run = self->capture_run;
  g_autofree char *words = NULL;
  double progress;

  if (run == NULL || run->state == RUN_FAILED)
    return;

  progress = clip_capture_get_progress (self->capture);
  if (progress != run->last_progress)
    {
      run->last_progress = progress;
      run->last_progress_at = g_get_monotonic_time ();
    }

  words = stage_words (self, run);
  gtk_label_set_text (self->capture_status, words);
  if (run->state == RUN_IMPORTING && g_atomic_int_get (&run->images->total) > 0)
    gtk_progress_bar_set_fraction (self->progress_bar,
                                   (double)g_atomic_int_get (&run->images->done) /
                                   g_atomic_int_get (&run->images->total));
  else if (run->state == RUN_IMPORTING || clip_capture_get_stage (self->capture) > CLIP_CAPTURE_STAGE_LOADING)
    gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, MAX (progress, 0.02));
}

static gboolean
tick_cb (gpointer user_data)
{
  show_progress (user_data);
  return G_SOURCE_CONTINUE;
}

static void
show_card (ClipWindow *self,
           gboolean    failed)
{
  gtk_stack_set_visible_child_name (self->capture_icon_stack, failed ? "failed" : "working");
  gtk_spinner_set_spinning (self->capture_spinner, !failed);
  gtk_widget_set_visible (self->capture_cancel, !failed);
  gtk_widget_set_visible (self->capture_actions, failed);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), !failed);
  gtk_revealer_set_reveal_child (self->capture_revealer, TRUE);
  gtk_widget_set_can_target (GTK_WIDGET (self->capture_revealer), TRUE);
}

static void
hide_card (ClipWindow *self)
{
  g_clear_pointer (&self->capture_run, capture_run_free);
  gtk_spinner_set_spinning (self->capture_spinner, FALSE);
  gtk_revealer_set_reveal_child (self->capture_revealer, FALSE);
  gtk_widget_set_can_target (GTK_WIDGET (self->capture_revealer), FALSE);
  update_actions (self);
}

/* The card says why and offers what can be tried. */
static void
show_failure (ClipWindow   *self,
              const GError *error)
{
  ClipCaptureRun *run = self->capture_run;
  g_autofree char *host = host_of (run->address);
  g_autofree char *title = g_strdup_printf (_("Could not capture %s"), host);
  g_autofree char *http_label = NULL;

  run->state = RUN_FAILED;
  g_clear_handle_id (&run->tick_id, g_source_remove);

  /* An http address is offered only when it was not what was asked for,
   * and only when the secure connection is what failed. */
  if (!g_error_matches (error, CLIP_CAPTURE_ERROR, CLIP_CAPTURE_ERROR_TLS))
    g_clear_pointer (&run->insecure, g_free);

  gtk_label_set_text (self->capture_title, title);
  if (run->insecure != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("%s. It may only be offered without encryption, at %s."),
                                                  error->message, run->insecure);
      gtk_label_set_text (self->capture_status, message);
      http_label = g_strdup (_("Capture _Without Encryption"));
      gtk_button_set_label (self->capture_http, http_label);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->capture_http), run->insecure);
    }
  else
    {
      gtk_label_set_text (self->capture_status, error->message);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->capture_http), run->insecure != NULL);

  show_card (self, TRUE);
  update_actions (self);
  gtk_widget_grab_focus (run->insecure != NULL ? GTK_WIDGET (self->capture_http)
                                               : gtk_widget_get_first_child (self->capture_actions));
  /* Screen readers and the tests hear it as any other message. */
  g_free (self->last_toast);
  self->last_toast = g_strdup (gtk_label_get_text (self->capture_status));
}

/* The preview */

static void
end_preview (ClipWindow *self)
{
  g_clear_object (&self->preview);
  g_clear_pointer (&self->preview_assets, g_ptr_array_unref);
  clip_web_context_set_preview (web_context (self), NULL);
  gtk_widget_set_visible (self->save_button, FALSE);
  gtk_widget_set_visible (self->discard_button, FALSE);
}

static void
show_preview_title (ClipWindow *self)
{
  adw_window_title_set_title (self->article_title, clip_article_get_title (self->preview));
  adw_window_title_set_subtitle (self->article_title, _("Not saved yet"));
}

static void
show_preview (ClipWindow  *self,
              ClipArticle *article,
              GPtrArray   *assets)
{
  g_set_object (&self->preview, article);
  g_clear_pointer (&self->preview_assets, g_ptr_array_unref);
  self->preview_assets = g_ptr_array_ref (assets);
  clip_web_context_set_preview (web_context (self), article);

  /* Nothing of the clipping that was open stays editable beside it. */
  g_clear_object (&self->article);
  clip_sidebar_set_article (self->sidebar_widget, article);
  show_preview_title (self);
  gtk_stack_set_visible_child_name (self->article_stack, "article");
  gtk_widget_set_visible (self->save_button, TRUE);
  gtk_widget_set_visible (self->discard_button, TRUE);
  clip_window_library_unselect (self);
  clip_article_view_load_preview (self->view);
  clip_window_update_actions (self);
}

static void
preview_edited_cb (ClipWindow  *self,
                   ClipSidebar *sidebar)
{
  if (self->preview == NULL)
    return;

  show_preview_title (self);
  clip_article_view_load_preview (self->view);
}

/* Importing the captured page, off the main thread */

typedef struct {
  ClipCaptureResult *capture;
  ImageCount *images;
  GPtrArray *assets;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  clip_capture_result_free (job->capture);
  g_atomic_rc_box_release (job->images);
  g_clear_pointer (&job->assets, g_ptr_array_unref);
  g_free (job);
}

static void
image_progress_cb (guint    done,
                   guint    total,
                   gpointer user_data)
{
  ImageCount *images = user_data;

  g_atomic_int_set (&images->total, (gint)total);
  g_atomic_int_set (&images->done, (gint)done);
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  ClipCaptureResult *capture = job->capture;
  GError *error = NULL;
  ClipArticle *article;

  article = clip_import_capture_with_progress (capture->html, capture->uri, capture->status,
                                               capture->captured_at, capture->mhtml,
                                               image_progress_cb, job->images,
                                               &job->assets, &error);
  if (article == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, article, g_object_unref);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ClipWindow *self = CLIP_WINDOW (object);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = g_task_propagate_pointer (G_TASK (result), &error);
  /* A cancelled run is gone: its card with it. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  if (article == NULL)
    {
      show_failure (self, error);
      return;
    }

  hide_card (self);
  show_preview (self, article, job->assets);
}

static void
capture_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ClipWindow) self = user_data;
  g_autoptr(ClipCaptureResult) capture = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  capture = clip_capture_run_finish (CLIP_CAPTURE (object), result, &error);
  if (self->capture_run == NULL || self->capture_run->state != RUN_CAPTURING)
    return;

  if (capture == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        hide_card (self);
      else
        show_failure (self, error);
      return;
    }

  self->capture_run->state = RUN_IMPORTING;
  show_progress (self);
  job = g_new0 (ImportJob, 1);
  job->capture = g_steal_pointer (&capture);
  job->images = g_atomic_rc_box_acquire (self->capture_run->images);
  task = g_task_new (self, self->capture_run->cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, capture_done_cb);
  g_task_set_task_data (task, job, (GDestroyNotify)import_job_free);
  g_task_run_in_thread (task, import_thread);
}

/* Starting */

/* People type "example.org/story"; that means https, and http is offered
 * if the secure connection fails. */
static char *
address_with_scheme (const char  *typed,
                     char       **insecure)
{
  g_autofree char *address = g_strstrip (g_strdup (typed));

  *insecure = NULL;
  if (address[0] == '\0' || strstr (address, "://") != NULL)
    return g_steal_pointer (&address);

  *insecure = g_strconcat ("http://", address, NULL);
  return g_strconcat ("https://", address, NULL);
}

static void
start_capture (ClipWindow *self,
               const char *address,
               const char *typed,
               char       *insecure)
{
  ClipCaptureRun *run;
  g_autofree char *title = NULL;

  g_clear_pointer (&self->capture_run, capture_run_free);
  clip_capture_cancel (self->capture);

  run = g_new0 (ClipCaptureRun, 1);
  run->state = RUN_CAPTURING;
  run->address = g_strdup (address);
  run->typed = g_strdup (typed);
  run->insecure = insecure;
  run->started = g_get_monotonic_time ();
  run->last_progress = -1;
  run->last_progress_at = run->started;
  run->cancellable = g_cancellable_new ();
  run->images = g_atomic_rc_box_new0 (ImageCount);
  self->capture_run = run;

  title = g_strdup_printf (_("Capturing %s"), address);
  gtk_label_set_text (self->capture_title, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->capture_title), address);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.02);
  show_card (self, FALSE);
  run->tick_id = g_timeout_add (250, tick_cb, self);
  show_progress (self);
  update_actions (self);

  clip_capture_set_timeout (self->capture, g_settings_get_uint (self->settings, "capture-timeout"));
  clip_capture_run_async (self->capture, address, NULL, capture_done_cb, g_object_ref (self));
}

void
clip_window_capture_uri (ClipWindow *self,
                         const char *uri)
{
  g_autofree char *address = NULL;
  char *insecure = NULL;

  g_return_if_fail (CLIP_IS_WINDOW (self));
  g_return_if_fail (uri != NULL);

  address = address_with_scheme (uri, &insecure);
  if (!clip_capture_is_web_uri (address))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a web address"), uri);
      g_free (insecure);
      clip_window_show_toast (self, message);
      return;
    }

  /* The address stays in the entry, to be corrected or tried again. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->location_entry)), uri) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->location_entry), uri);
  start_capture (self, address, uri, insecure);
}

static void
location_activate_cb (ClipWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->location_entry));

  if (text[0] == '\0')
    return;

  gtk_menu_button_popdown (self->location_button);
  clip_window_capture_uri (self, text);
}

/* Actions */

static void
open_location_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);

  gtk_menu_button_popup (self->location_button);
  gtk_widget_grab_focus (GTK_WIDGET (self->location_entry));
  /* Typing replaces the last address; arrows keep it for editing. */
  gtk_editable_select_region (GTK_EDITABLE (self->location_entry), 0, -1);
}

static void
capture_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  clip_window_capture_uri (CLIP_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* Cancels the capture under way, or closes the message of one that
 * failed. */
static void
cancel_capture_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);
  gboolean was_running = clip_window_is_capturing (self);

  if (self->capture_run == NULL)
    return;

  hide_card (self);
  clip_capture_cancel (self->capture);
  if (was_running)
    clip_window_show_toast (self, _("Capture cancelled"));
}

static void
capture_again_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);
  g_autofree char *typed = NULL;

  if (self->capture_run == NULL)
    return;

  typed = g_strdup (self->capture_run->typed);
  clip_window_capture_uri (self, typed);
}

static void
capture_insecure_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);
  g_autofree char *address = NULL;

  if (self->capture_run == NULL || self->capture_run->insecure == NULL)
    return;

  address = g_strdup (self->capture_run->insecure);
  gtk_editable_set_text (GTK_EDITABLE (self->location_entry), address);
  start_capture (self, address, address, NULL);
}

static void
save_capture_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (self->preview == NULL)
    return;

  article = g_object_ref (self->preview);
  if (!clip_store_add_article_with_assets (self->store, article, self->preview_assets, &error))
    {
      clip_window_show_toast (self, error->message);
      return;
    }

  end_preview (self);
  clip_window_show_article (self, clip_article_get_id (article));
  message = g_strdup_printf (_("Saved “%s”"), clip_article_get_title (article));
  clip_window_show_toast (self, message);
}

static void
discard_capture_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);
  gint64 first = clip_window_library_first_id (self);

  end_preview (self);
  if (first > 0)
    clip_window_show_article (self, first);
  else
    clip_window_show_no_article (self);
}

/* Links dropped on the window are captured; files are imported. */
static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         ClipWindow    *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
        clip_window_import_file (self, l->data);
      return TRUE;
    }

  if (G_VALUE_HOLDS_STRING (value))
    {
      g_auto(GStrv) lines = g_strsplit (g_value_get_string (value), "\n", 2);
      g_autofree char *uri = g_strstrip (g_strdup (lines[0] ? lines[0] : ""));

      if (clip_capture_is_web_uri (uri))
        {
          clip_window_capture_uri (self, uri);
          return TRUE;
        }
    }

  return FALSE;
}

static void
stage_changed_cb (ClipWindow  *self,
                  GParamSpec  *pspec,
                  ClipCapture *capture)
{
  show_progress (self);
}

void
clip_window_capture_init (ClipWindow *self)
{
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };

  self->capture = clip_capture_new ();
  g_signal_connect_object (self->capture, "notify::progress",
                           G_CALLBACK (stage_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->capture, "notify::stage",
                           G_CALLBACK (stage_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->location_entry, "activate",
                            G_CALLBACK (location_activate_cb), self);
  g_signal_connect_swapped (self->location_go, "clicked",
                            G_CALLBACK (location_activate_cb), self);
  g_signal_connect_object (self->sidebar_widget, "preview-edited",
                           G_CALLBACK (preview_edited_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_can_target (GTK_WIDGET (self->capture_revealer), FALSE);
  update_actions (self);

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

void
clip_window_capture_dispose (ClipWindow *self)
{
  g_clear_pointer (&self->capture_run, capture_run_free);
  if (self->capture != NULL)
    clip_capture_cancel (self->capture);
  g_clear_object (&self->capture);
  g_clear_object (&self->preview);
  g_clear_pointer (&self->preview_assets, g_ptr_array_unref);
}

void
clip_window_class_capture_init (ClipWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open-location", NULL, open_location_action_cb);
  gtk_widget_class_install_action (widget_class, "win.capture", "s", capture_action_cb);
  gtk_widget_class_install_action (widget_class, "win.cancel-capture", NULL, cancel_capture_action_cb);
  gtk_widget_class_install_action (widget_class, "win.capture-again", NULL, capture_again_action_cb);
  gtk_widget_class_install_action (widget_class, "win.capture-insecure", NULL, capture_insecure_action_cb);
  gtk_widget_class_install_action (widget_class, "win.save-capture", NULL, save_capture_action_cb);
  gtk_widget_class_install_action (widget_class, "win.discard-capture", NULL, discard_capture_action_cb);
  /* In the bubble phase: an entry or popover that wants Escape has it
   * first, and a disabled action lets the key go on. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-capture", NULL);
}
