/* clip-window-capture.c: capturing web pages, previewing, saving
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "clip-import.h"
#include "clip-scheme.h"
#include "clip-window-private.h"

gboolean
clip_window_is_previewing (ClipWindow *self)
{
  return self->preview != NULL;
}

ClipArticle *
clip_window_get_preview (ClipWindow *self)
{
  g_return_val_if_fail (CLIP_IS_WINDOW (self), NULL);
  return self->preview;
}

static WebKitWebContext *
web_context (ClipWindow *self)
{
  return webkit_web_view_get_context (WEBKIT_WEB_VIEW (self->view));
}

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
show_preview (ClipWindow  *self,
              ClipArticle *article,
              GPtrArray   *assets)
{
  g_set_object (&self->preview, article);
  g_clear_pointer (&self->preview_assets, g_ptr_array_unref);
  self->preview_assets = g_ptr_array_ref (assets);
  clip_web_context_set_preview (web_context (self), article);

  adw_window_title_set_title (self->article_title, clip_article_get_title (article));
  adw_window_title_set_subtitle (self->article_title, _("Not saved yet"));
  gtk_stack_set_visible_child_name (self->article_stack, "article");
  gtk_widget_set_visible (self->save_button, TRUE);
  gtk_widget_set_visible (self->discard_button, TRUE);
  clip_window_library_unselect (self);
  clip_article_view_load_preview (self->view);
  clip_window_update_actions (self);
}

static void
progress_changed_cb (ClipWindow  *self,
                     GParamSpec  *pspec,
                     ClipCapture *capture)
{
  gtk_progress_bar_set_fraction (self->progress_bar, clip_capture_get_progress (capture));
}

static void
capture_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ClipWindow) self = user_data;
  g_autoptr(ClipCaptureResult) capture = NULL;
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  capture = clip_capture_run_finish (CLIP_CAPTURE (object), result, &error);
  if (capture != NULL)
    article = clip_import_capture (capture->html, capture->uri, capture->status,
                                   capture->captured_at, capture->mhtml, &assets, &error);

  if (article == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        clip_window_show_toast (self, error->message);
      return;
    }

  show_preview (self, article, assets);
}

void
clip_window_capture_uri (ClipWindow *self,
                         const char *uri)
{
  g_autofree char *address = NULL;

  g_return_if_fail (CLIP_IS_WINDOW (self));
  g_return_if_fail (uri != NULL);

  /* People type "example.org/story"; that means https. */
  address = g_strstrip (g_strdup (uri));
  if (!g_str_has_prefix (address, "http://") && !g_str_has_prefix (address, "https://") &&
      strstr (address, "://") == NULL && address[0] != '\0')
    {
      char *with_scheme = g_strconcat ("https://", address, NULL);
      g_free (address);
      address = with_scheme;
    }

  if (!clip_capture_is_web_uri (address))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a web address"), uri);
      clip_window_show_toast (self, message);
      return;
    }

  clip_capture_cancel (self->capture);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  clip_capture_run_async (self->capture, address, NULL, capture_done_cb, g_object_ref (self));
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

static void
open_location_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);

  gtk_menu_button_popup (self->location_button);
  gtk_widget_grab_focus (GTK_WIDGET (self->location_entry));
}

static void
capture_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  clip_window_capture_uri (CLIP_WINDOW (widget), g_variant_get_string (parameter, NULL));
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

void
clip_window_capture_init (ClipWindow *self)
{
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };

  self->capture = clip_capture_new ();
  g_signal_connect_object (self->capture, "notify::progress",
                           G_CALLBACK (progress_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->location_entry, "activate",
                            G_CALLBACK (location_activate_cb), self);
  g_signal_connect_swapped (self->location_go, "clicked",
                            G_CALLBACK (location_activate_cb), self);

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

void
clip_window_capture_dispose (ClipWindow *self)
{
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
  gtk_widget_class_install_action (widget_class, "win.save-capture", NULL, save_capture_action_cb);
  gtk_widget_class_install_action (widget_class, "win.discard-capture", NULL, discard_capture_action_cb);
}
