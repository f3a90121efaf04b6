/* clip-window-export.c: the Export dialog and what it does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "clip-export.h"
#include "clip-file.h"
#include "clip-pdf.h"
#include "clip-window-private.h"

/* The formats in the order the dialog offers them. */
static const struct {
  const char *id;
  const char *label;
} formats[] = {
  { "md", N_("Markdown") },
  { "html", N_("HTML page") },
  { "pdf", N_("PDF") },
  { "jsonld", N_("W3C Web Annotations (JSON-LD)") },
  { "csv", N_("CSV spreadsheet") },
  { "csv-bom", N_("CSV spreadsheet with a byte order mark (for Excel)") },
  { "ris", N_("RIS citations") },
  { "bibtex", N_("BibTeX citations") },
  { "csljson", N_("CSL-JSON citations") },
  { "hypothesis", N_("Hypothesis annotations (JSON)") },
};

/* A format of the dialog: "csv-bom" is CSV that starts with a UTF-8
 * byte order mark, by which Excel tells UTF-8 from the code page. */
static gboolean
parse_format (const char       *id,
              ClipExportFormat *format,
              gboolean         *byte_order_mark)
{
  *byte_order_mark = g_str_equal (id, "csv-bom");
  return clip_export_format_from_string (*byte_order_mark ? "csv" : id, format);
}

static GArray *
ids_for_scope (ClipWindow *self,
               const char *scope)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (g_str_equal (scope, "all"))
    {
      g_autoptr(GPtrArray) articles = clip_store_list_articles (self->store, NULL);

      for (guint i = 0; articles != NULL && i < articles->len; i++)
        {
          gint64 id = clip_article_get_id (g_ptr_array_index (articles, i));
          g_array_append_val (ids, id);
        }
    }
  else if (g_str_equal (scope, "selected"))
    {
      g_array_unref (ids);
      ids = clip_window_library_selected_ids (self);
    }
  else if (g_str_equal (scope, "shown"))
    {
      g_array_unref (ids);
      ids = clip_window_library_shown_ids (self);
    }
  else if (self->article != NULL)
    {
      gint64 id = clip_article_get_id (self->article);
      g_array_append_val (ids, id);
    }

  return ids;
}

static void
export_done (ClipWindow *self,
             GFile      *file,
             GError     *error)
{
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (error != NULL)
    {
      clip_window_show_toast (self, error->message);
      return;
    }

  name = g_file_get_basename (file);
  message = g_strdup_printf (_("Exported to “%s”"), name);
  clip_window_show_toast (self, message);
}

static void
pdf_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  clip_pdf_export_finish (result, &error);
  export_done (g_task_get_source_object (task), g_task_get_task_data (task), error);
}

typedef struct {
  ClipStore *store;
  GArray *ids;
  ClipExportFormat format;
  ClipExportOptions *options;
} ExportJob;

static gboolean
write_export_cb (GOutputStream  *out,
                 gpointer        user_data,
                 GCancellable   *cancellable,
                 GError        **error)
{
  ExportJob *job = user_data;

  return clip_export_write (job->store, job->ids, job->format, job->options, out, cancellable, error);
}

/* The file chooser asked before replacing. The export is written beside
 * the file and takes its name only when complete: a full disk leaves the
 * old file, not half of the new one. */
static gboolean
write_export (ClipWindow        *self,
              GArray            *ids,
              ClipExportFormat   format,
              ClipExportOptions *options,
              GFile             *file,
              GError           **error)
{
  g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func ((GDestroyNotify)clip_export_attachment_free);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *dir_name = clip_export_attachments_dir_for (basename);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  ClipExportOptions with = *options;
  ExportJob job = { self->store, ids, format, &with };

  /* Markdown keeps the images saved with a clipping beside the file,
   * in a folder named after it, as Obsidian keeps attachments. */
  if (format == CLIP_EXPORT_MARKDOWN && parent != NULL)
    {
      with.attachments_dir = dir_name;
      with.attachments = attachments;
    }

  return clip_file_write_atomic (file, TRUE, write_export_cb, &job, NULL, error) &&
         (with.attachments == NULL ||
          clip_export_save_attachments (attachments, parent, TRUE, NULL, error));
}

/* win.export-file (format, scope, path): the dialog's last step, and a
 * way in for scripts and tests. */
static void
export_file_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);
  g_auto(GStrv) names = g_settings_get_strv (self->settings, "color-names");
  ClipExportOptions options = { (const char * const *)names, FALSE, NULL };
  const char *format_id, *scope, *path;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  ClipExportFormat format;

  g_variant_get (parameter, "(&s&s&s)", &format_id, &scope, &path);
  ids = ids_for_scope (self, scope);
  file = g_file_new_for_path (path);
  if (ids->len == 0)
    {
      clip_window_show_toast (self, _("There is nothing to export"));
      return;
    }

  if (g_str_equal (format_id, "pdf"))
    {
      GTask *task = g_task_new (self, NULL, NULL, NULL);

      g_task_set_task_data (task, g_object_ref (file), g_object_unref);
      clip_pdf_export_async (self->store, ids, &options, file, NULL, pdf_done_cb, task);
      return;
    }

  if (!parse_format (format_id, &format, &options.byte_order_mark))
    return;

  write_export (self, ids, format, &options, file, &error);
  export_done (self, file, error);
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  ClipWindow      *self)
{
  const char *format = g_object_get_data (G_OBJECT (chooser), "clip-format");
  const char *scope = g_object_get_data (G_OBJECT (chooser), "clip-scope");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.export-file", "(sss)", format, scope, path);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_destination (ClipWindow *self,
                    const char *format,
                    const char *scope)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  ClipExportFormat parsed;
  gboolean byte_order_mark;
  const char *extension = g_str_equal (format, "pdf") ? "pdf" : NULL;

  if (extension == NULL && parse_format (format, &parsed, &byte_order_mark))
    extension = clip_export_format_extension (parsed);
  name = clip_export_safe_filename (!g_str_equal (scope, "current") || self->article == NULL
                                    ? _("Clippings") : clip_article_get_title (self->article),
                                    extension);

  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data_full (G_OBJECT (chooser), "clip-format", g_strdup (format), g_free);
  g_object_set_data_full (G_OBJECT (chooser), "clip-scope", g_strdup (scope), g_free);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The dialog's "Clippings" choices, in order. */
static const char * const scope_ids[] = { "current", "selected", "shown", "all" };

static void
export_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ClipWindow       *self)
{
  AdwComboRow *format_row = g_object_get_data (G_OBJECT (dialog), "clip-format-row");
  AdwComboRow *scope_row = g_object_get_data (G_OBJECT (dialog), "clip-scope-row");
  guint format = adw_combo_row_get_selected (format_row);

  if (!g_str_equal (response, "export") || format >= G_N_ELEMENTS (formats))
    return;

  choose_destination (self, formats[format].id,
                      scope_ids[MIN (adw_combo_row_get_selected (scope_row), G_N_ELEMENTS (scope_ids) - 1)]);
}

static GtkWidget *
combo_row (const char          *title,
           const char * const  *items)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  return row;
}

static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);
  const char *format_labels[G_N_ELEMENTS (formats) + 1] = { NULL };
  const char *scopes[] = { _("This clipping"), _("The selected clippings"),
                           _("The clippings listed (search and tag)"), _("All clippings"), NULL };
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export"),
                                              _("Export clippings with their annotations."));
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *format_row, *scope_row;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    format_labels[i] = _(formats[i].label);
  format_row = combo_row (_("Format"), format_labels);
  scope_row = combo_row (_("Clippings"), scopes);
  if (self->article == NULL)
    adw_combo_row_set_selected (ADW_COMBO_ROW (scope_row), 3);

  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_list_box_append (GTK_LIST_BOX (list), format_row);
  gtk_list_box_append (GTK_LIST_BOX (list), scope_row);
  g_object_set_data (G_OBJECT (dialog), "clip-format-row", format_row);
  g_object_set_data (G_OBJECT (dialog), "clip-scope-row", scope_row);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "export", _("_Export…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
clip_window_class_export_init (ClipWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action_cb);
  gtk_widget_class_install_action (widget_class, "win.export-file", "(sss)", export_file_action_cb);
}
