/* clip-window-actions.c: what the window's actions do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "clip-export.h"
#include "clip-import.h"
#include "clip-text.h"
#include "clip-window-private.h"

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  ClipWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          clip_window_import_file (self, file);
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char * const *mime_types)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
open_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  static const char * const articles[] = { "text/html", "text/plain", NULL };
  static const char * const all[] = { "application/octet-stream", "text/*", NULL };
  ClipWindow *self = CLIP_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open an Article"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  add_filter (GTK_FILE_CHOOSER (dialog), _("Articles (HTML and text)"), articles);
  add_filter (GTK_FILE_CHOOSER (dialog), _("All Files"), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* win.import takes a path or URI: scripts, drag and drop, tests. */
static void
import_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  const char *location = g_variant_get_string (parameter, NULL);
  g_autoptr(GFile) file = NULL;

  if (location[0] == '\0')
    return;

  file = g_file_new_for_commandline_arg (location);
  clip_window_import_file (CLIP_WINDOW (widget), file);
}

static void
paste_spliced_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  ClipWindow *self = g_task_get_source_object (task);
  g_autoptr(GBytes) bytes = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (object), result, &error) < 0)
    {
      clip_window_show_toast (self, error->message);
      return;
    }

  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (object));
  clip_window_import_bytes (self, bytes, g_task_get_task_data (task));
}

static void
paste_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ClipWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) memory = NULL;
  const char *mime_type = NULL;
  GTask *task;

  stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (object), result, &mime_type, &error);
  if (stream == NULL)
    {
      clip_window_show_toast (self, _("The clipboard holds no text to paste"));
      g_object_unref (self);
      return;
    }

  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_task_data (task,
                        g_strdup (g_str_has_prefix (mime_type, "text/html") ? "text/html" : "text/plain"),
                        g_free);
  memory = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (memory, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, paste_spliced_cb, task);
  g_object_unref (self);
}

static void
paste_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  static const char *mime_types[] = {
    "text/html", "text/plain;charset=utf-8", "text/plain", NULL
  };
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  gdk_clipboard_read_async (clipboard, mime_types, G_PRIORITY_DEFAULT, NULL,
                            paste_read_cb, g_object_ref (widget));
}

static void
highlight_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "win.annotate", "s", "color:1");
}

static void
delete_highlight_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!clip_store_delete_annotation (self->store, g_variant_get_int64 (parameter), &error))
    clip_window_show_toast (self, error->message);
  else
    clip_window_show_undo_toast (self, _("Annotation deleted"));
}

/* win.delete-clipping: the clipping shown, with Undo in a toast. */
static void
delete_clipping_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);
  gint64 id;

  if (self->article == NULL)
    return;

  id = clip_article_get_id (self->article);
  clip_window_delete_clippings (self, &id, 1);
}

static void
copy_quote_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);
  g_autoptr(ClipAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *citation = NULL;

  if (self->article == NULL)
    return;

  annotation = clip_store_get_annotation (self->store, g_variant_get_int64 (parameter), &error);
  if (annotation == NULL)
    {
      clip_window_show_toast (self, error->message);
      return;
    }

  citation = clip_export_quote_citation (self->article, annotation);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), citation);
  clip_window_show_toast (self, _("Quote copied"));
}

void
clip_window_update_actions (ClipWindow *self)
{
  gboolean previewing = clip_window_is_previewing (self);
  gboolean has_article = self->article != NULL && !previewing;
  gboolean reader = g_strcmp0 (self->view_mode, "reader") == 0;
  gboolean can_highlight = has_article && reader && self->view != NULL &&
                           clip_article_view_get_ready (self->view) &&
                           clip_article_view_get_has_selection (self->view);

  self->can_annotate = can_highlight;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.highlight", can_highlight);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.annotate", can_highlight);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 self->undo_stack != NULL && self->undo_stack->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 self->redo_stack != NULL && self->redo_stack->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-clipping", has_article);
  /* Reader and Original show the clipping, not the page arriving. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.view-mode",
                                 has_article && !clip_window_is_capturing (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-capture", previewing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.discard-capture", previewing);
  gtk_widget_set_visible (self->mode_box, has_article);
}

void
clip_window_class_actions_init (ClipWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action_cb);
  gtk_widget_class_install_action (widget_class, "win.import", "s", import_action_cb);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, paste_action_cb);
  gtk_widget_class_install_action (widget_class, "win.highlight", NULL, highlight_action_cb);
  gtk_widget_class_install_action (widget_class, "win.delete-highlight", "x",
                                   delete_highlight_action_cb);
  gtk_widget_class_install_action (widget_class, "win.delete-clipping", NULL,
                                   delete_clipping_action_cb);
  gtk_widget_class_install_action (widget_class, "win.copy-quote", "x", copy_quote_action_cb);
  /* A stateful action whose state is the "view-mode" property. */
  gtk_widget_class_install_property_action (widget_class, "win.view-mode", "view-mode");
}

void
clip_window_actions_init (ClipWindow *self)
{
  g_autoptr(GAction) sidebar = g_settings_create_action (self->settings, "sidebar-visible");

  g_action_map_add_action (G_ACTION_MAP (self), sidebar);
  clip_window_update_actions (self);
}
