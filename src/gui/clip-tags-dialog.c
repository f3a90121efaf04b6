/* clip-tags-dialog.c: the library's tags: rename, merge, delete
 *
 * Renaming a tag to the name of another merges the two.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "clip-tags-dialog.h"
#include "clip-tags.h"

struct _ClipTagsDialog
{
  AdwWindow parent_instance;

  ClipStore *store;
  GtkListBox *list;
  AdwToastOverlay *toasts;
};

G_DEFINE_FINAL_TYPE (ClipTagsDialog, clip_tags_dialog, ADW_TYPE_WINDOW)

static void reload (ClipTagsDialog *self);

static void
say (ClipTagsDialog *self,
     const char     *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (escaped));
}

static gboolean
tag_exists (ClipTagsDialog *self,
            const char     *name)
{
  g_autoptr(GPtrArray) tags = clip_store_list_tags (self->store, NULL);

  for (guint i = 0; tags != NULL && i < tags->len; i++)
    if (g_ascii_strcasecmp (clip_tag_get_name (g_ptr_array_index (tags, i)), name) == 0)
      return TRUE;
  return FALSE;
}

static void
rename_applied_cb (ClipTagsDialog *self,
                   AdwEntryRow    *row)
{
  const char *old_name = g_object_get_data (G_OBJECT (row), "clip-tag");
  g_autofree char *new_name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GError) error = NULL;
  gboolean merge;

  if (new_name[0] == '\0' || g_strcmp0 (new_name, old_name) == 0)
    return;

  /* Another tag of that name (not just this one in another case): merge. */
  merge = g_ascii_strcasecmp (new_name, old_name) != 0 && tag_exists (self, new_name);
  if (merge ? !clip_store_merge_tags (self->store, old_name, new_name, &error)
            : !clip_store_rename_tag (self->store, old_name, new_name, &error))
    say (self, error->message);
  else
    {
      g_autofree char *message = merge ? g_strdup_printf (_("“%s” merged into “%s”"), old_name, new_name)
                                       : g_strdup_printf (_("Renamed to “%s”"), new_name);
      say (self, message);
    }

  reload (self);
}

static void
delete_clicked_cb (ClipTagsDialog *self,
                   GtkButton      *button)
{
  const char *name = g_object_get_data (G_OBJECT (button), "clip-tag");
  g_autoptr(GError) error = NULL;

  if (!clip_store_delete_tag (self->store, name, &error))
    say (self, error->message);
  reload (self);
}

static GtkWidget *
tag_row (ClipTagsDialog *self,
         ClipTag        *tag)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u clipping, %u annotations",
                                                         "%u clippings, %u annotations",
                                                         clip_tag_get_n_clippings (tag)),
                                            clip_tag_get_n_clippings (tag), clip_tag_get_n_annotations (tag));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), clip_tag_get_name (tag));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "clip-tag", g_strdup (clip_tag_get_name (tag)), g_free);
  g_signal_connect_object (row, "apply", G_CALLBACK (rename_applied_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (delete, _("Delete Tag"));
  gtk_widget_add_css_class (delete, "flat");
  g_object_set_data_full (G_OBJECT (delete), "clip-tag", g_strdup (clip_tag_get_name (tag)), g_free);
  g_signal_connect_object (delete, "clicked", G_CALLBACK (delete_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), delete);
  return row;
}

static void
reload (ClipTagsDialog *self)
{
  g_autoptr(GPtrArray) tags = clip_store_list_tags (self->store, NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; tags != NULL && i < tags->len; i++)
    gtk_list_box_append (self->list, tag_row (self, g_ptr_array_index (tags, i)));
}

static void
clip_tags_dialog_finalize (GObject *object)
{
  ClipTagsDialog *self = (ClipTagsDialog *)object;

  g_clear_object (&self->store);
  G_OBJECT_CLASS (clip_tags_dialog_parent_class)->finalize (object);
}

static void
clip_tags_dialog_class_init (ClipTagsDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = clip_tags_dialog_finalize;
}

static void
clip_tags_dialog_init (ClipTagsDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *hint = gtk_label_new (_("Rename a tag to the name of another to merge them."));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (GTK_BOX (content), hint);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->list));
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), scroller);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toasts));
  gtk_window_set_default_size (GTK_WINDOW (self), 440, 520);
  gtk_window_set_title (GTK_WINDOW (self), _("Tags"));
}

GtkWidget *
clip_tags_dialog_new (GtkWindow *parent,
                      ClipStore *store)
{
  ClipTagsDialog *self = g_object_new (CLIP_TYPE_TAGS_DIALOG, "transient-for", parent, "modal", TRUE, NULL);

  self->store = g_object_ref (store);
  reload (self);
  return GTK_WIDGET (self);
}
