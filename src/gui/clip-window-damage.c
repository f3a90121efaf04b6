/* clip-window-damage.c: the bar that says the library is damaged, and
 * its Recover… button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "clip-store-check.h"
#include "clip-window-private.h"

static void
show_damage (ClipWindow *self)
{
  gtk_widget_set_visible (self->damage_bar, TRUE);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->damage_bar), TRUE);
}

/* Copies what can be read into path; the damaged file is left alone. */
static void
recover_to (ClipWindow *self,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  ClipStoreRecovery recovery;

  if (!clip_store_recover (self->store, path, &recovery, &error))
    {
      clip_window_show_toast (self, error->message);
      return;
    }

  message = g_strdup_printf (_("%u rows were saved in “%s”; %u places could not be read"),
                             recovery.copied, path, recovery.unreadable);
  clip_window_show_toast (self, message);
}

static void
recover_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     ClipWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        recover_to (self, path);
    }
  g_object_unref (dialog);
}

/* win.recover-library: asks where the new library goes. */
static void
recover_library_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Recover the Library"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Recover"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "clippings-recovered.db");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (recover_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* win.recover-to (path): the dialog's last step, and a way in for tests. */
static void
recover_to_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  recover_to (CLIP_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

void
clip_window_class_damage_init (ClipWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.recover-library", NULL, recover_library_action_cb);
  gtk_widget_class_install_action (widget_class, "win.recover-to", "s", recover_to_action_cb);
}

/* The bar goes above the panes; it shows when the check that runs in the
 * background at start, or any read, finds the library damaged. */
void
clip_window_damage_init (ClipWindow *self)
{
  GtkWidget *content = adw_toast_overlay_get_child (self->toast_overlay);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label;

  self->damage_bar = gtk_info_bar_new ();
  gtk_info_bar_set_message_type (GTK_INFO_BAR (self->damage_bar), GTK_MESSAGE_ERROR);
  label = gtk_label_new (_("The library is damaged. Nothing more is saved in it; "
                           "recover what can be read into a new library."));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_info_bar_add_child (GTK_INFO_BAR (self->damage_bar), label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (gtk_info_bar_add_button (GTK_INFO_BAR (self->damage_bar),
                                                                          _("_Recover…"), 1)),
                                  "win.recover-library");
  gtk_widget_set_visible (self->damage_bar, FALSE);

  g_object_ref (content);
  adw_toast_overlay_set_child (self->toast_overlay, NULL);
  gtk_widget_set_vexpand (content, TRUE);
  gtk_box_append (GTK_BOX (box), self->damage_bar);
  gtk_box_append (GTK_BOX (box), content);
  adw_toast_overlay_set_child (self->toast_overlay, box);
  g_object_unref (content);

  g_signal_connect_object (self->store, "damaged", G_CALLBACK (show_damage), self, G_CONNECT_SWAPPED);
  if (clip_store_get_damaged (self->store))
    show_damage (self);
}

gboolean
clip_window_get_damage_shown (ClipWindow *self)
{
  g_return_val_if_fail (CLIP_IS_WINDOW (self), FALSE);
  return gtk_widget_get_visible (self->damage_bar);
}
