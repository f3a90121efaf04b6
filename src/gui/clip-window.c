/* clip-window.c: the library, the article and its highlights
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "clip-import.h"
#include "clip-reanchor.h"
#include "clip-window-private.h"

G_DEFINE_FINAL_TYPE (ClipWindow, clip_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_VIEW_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Annotations made on another version of the text are moved to where
 * their quote is now, or listed as orphans. The saves reload the list;
 * they are not the reader's edits, so they are not undone. */
static gboolean
reanchor (ClipWindow *self,
          GPtrArray  *annotations)
{
  g_autoptr(GPtrArray) changed = clip_reanchor (clip_article_get_text (self->article), annotations);
  g_autoptr(GError) error = NULL;
  gboolean was_replaying = self->replaying;

  if (changed->len == 0)
    return FALSE;

  self->replaying = TRUE;
  for (guint i = 0; i < changed->len && error == NULL; i++)
    clip_store_update_annotation (self->store, g_ptr_array_index (changed, i), &error);
  self->replaying = was_replaying;

  if (error != NULL)
    {
      clip_window_show_toast (self, error->message);
      return FALSE;
    }

  return TRUE;
}

static void
reload_highlights (ClipWindow *self)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;

  if (self->article == NULL)
    {
      self->highlights_article_id = 0;
      g_list_store_remove_all (self->highlights);
      return;
    }

  annotations = clip_store_list_annotations (self->store, clip_article_get_id (self->article), &error);
  if (annotations == NULL)
    {
      clip_window_show_toast (self, error->message);
      return;
    }

  if (reanchor (self, annotations))
    return;

  if (self->highlights_article_id == clip_article_get_id (self->article))
    clip_window_record_changes (self, G_LIST_MODEL (self->highlights), annotations);
  else
    clip_window_forget_history (self);
  self->highlights_article_id = clip_article_get_id (self->article);
  g_list_store_splice (self->highlights, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->highlights)),
                       annotations->pdata, annotations->len);
  /* An original's text is not the article's: its marks are anchored on
   * it once it has loaded (clip_window_mark_original). */
  if (g_strcmp0 (self->view_mode, "original") == 0)
    clip_window_mark_original (self);
  else
    clip_article_view_set_highlights (self->view, annotations);
}

void
clip_window_show_no_article (ClipWindow *self)
{
  g_clear_object (&self->article);
  clip_sidebar_set_article (self->sidebar_widget, NULL);
  adw_window_title_set_title (self->article_title, "");
  adw_window_title_set_subtitle (self->article_title, "");
  gtk_stack_set_visible_child_name (self->article_stack, "empty");
  reload_highlights (self);
  clip_window_update_actions (self);
}

void
clip_window_show_article (ClipWindow *self,
                          gint64      article_id)
{
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CLIP_IS_WINDOW (self));

  article = clip_store_get_article (self->store, article_id, &error);
  if (article == NULL)
    {
      clip_window_show_toast (self, error->message);
      clip_window_show_no_article (self);
      return;
    }

  if (clip_window_is_previewing (self))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.discard-capture", NULL);

  g_set_object (&self->article, article);
  clip_sidebar_set_article (self->sidebar_widget, article);
  adw_window_title_set_title (self->article_title, clip_article_get_title (article));
  adw_window_title_set_subtitle (self->article_title, clip_article_get_site_name (article));
  gtk_stack_set_visible_child_name (self->article_stack, "article");
  if (g_strcmp0 (self->view_mode, "reader") != 0)
    {
      g_free (self->view_mode);
      self->view_mode = g_strdup ("reader");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW_MODE]);
    }
  clip_window_load_view (self);
  clip_window_library_select (self, article_id);
  g_settings_set_int64 (self->settings, "last-article", article_id);
  clip_window_update_actions (self);
}

/* Shows the current article as the view mode says: the reader with its
 * highlights, or the untouched original. */
void
clip_window_load_view (ClipWindow *self)
{
  gint64 id = clip_window_get_article_id (self);

  if (id == 0)
    return;

  if (g_strcmp0 (self->view_mode, "original") == 0)
    clip_article_view_load_original (self->view, id);
  else
    clip_article_view_load_article (self->view, id);
  reload_highlights (self);
}

gint64
clip_window_get_article_id (ClipWindow *self)
{
  g_return_val_if_fail (CLIP_IS_WINDOW (self), 0);
  return self->article != NULL ? clip_article_get_id (self->article) : 0;
}

static void
annotation_activated_cb (ClipWindow      *self,
                         gint64           annotation_id,
                         ClipArticleView *view)
{
  clip_sidebar_select_annotation (self->sidebar_widget, annotation_id);
}

static void
sidebar_annotation_activated_cb (ClipWindow  *self,
                                 gint64       annotation_id,
                                 ClipSidebar *sidebar)
{
  clip_article_view_scroll_to (self->view, annotation_id);
}

static void
sidebar_entity_activated_cb (ClipWindow  *self,
                             gint64       entity_id,
                             ClipSidebar *sidebar)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.step-entity", "x", entity_id);
}

static void
sidebar_delete_requested_cb (ClipWindow  *self,
                             gint64       annotation_id,
                             ClipSidebar *sidebar)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.delete-highlight", "x", annotation_id);
}

static void
sidebar_tag_all_requested_cb (ClipWindow  *self,
                              gint64       entity_id,
                              ClipSidebar *sidebar)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.tag-all-mentions", "x", entity_id);
}

static void
sidebar_copy_requested_cb (ClipWindow  *self,
                           gint64       annotation_id,
                           ClipSidebar *sidebar)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.copy-quote", "x", annotation_id);
}

static void
sidebar_message_cb (ClipWindow  *self,
                    const char  *message,
                    ClipSidebar *sidebar)
{
  clip_window_show_toast (self, message);
}

static void
color_names_changed_cb (ClipWindow *self)
{
  g_auto(GStrv) names = g_settings_get_strv (self->settings, "color-names");

  clip_sidebar_set_color_names (self->sidebar_widget, (const char * const *)names);
}

static void
setup_sidebar (ClipWindow *self)
{
  self->sidebar_widget = CLIP_SIDEBAR (clip_sidebar_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->sidebar_widget), TRUE);
  gtk_box_append (GTK_BOX (self->sidebar), GTK_WIDGET (self->sidebar_widget));
  clip_sidebar_set_store (self->sidebar_widget, self->store);
  color_names_changed_cb (self);

  g_signal_connect_object (self->settings, "changed::color-names",
                           G_CALLBACK (color_names_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar_widget, "annotation-activated",
                           G_CALLBACK (sidebar_annotation_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar_widget, "entity-activated",
                           G_CALLBACK (sidebar_entity_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar_widget, "delete-requested",
                           G_CALLBACK (sidebar_delete_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar_widget, "tag-all-requested",
                           G_CALLBACK (sidebar_tag_all_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar_widget, "copy-requested",
                           G_CALLBACK (sidebar_copy_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar_widget, "message",
                           G_CALLBACK (sidebar_message_cb), self, G_CONNECT_SWAPPED);
}


static void
annotations_changed_cb (ClipWindow *self,
                        gint64      article_id,
                        ClipStore  *store)
{
  if (article_id == clip_window_get_article_id (self))
    reload_highlights (self);
}

void
clip_window_show_toast (ClipWindow *self,
                        const char *message)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (CLIP_IS_WINDOW (self));

  /* Toast titles are markup; messages may quote file names and titles. */
  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
}

/* A message about a change the reader may want back. */
void
clip_window_show_undo_toast (ClipWindow *self,
                             const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
}

const char *
clip_window_get_last_toast (ClipWindow *self)
{
  g_return_val_if_fail (CLIP_IS_WINDOW (self), NULL);
  return self->last_toast;
}

ClipCapture *
clip_window_get_capture (ClipWindow *self)
{
  g_return_val_if_fail (CLIP_IS_WINDOW (self), NULL);
  return self->capture;
}

static void
store_imported_article (ClipWindow  *self,
                        ClipArticle *article,
                        GPtrArray   *assets)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!clip_store_add_article_with_assets (self->store, article, assets, &error))
    {
      clip_window_show_toast (self, error->message);
      return;
    }

  clip_window_show_article (self, clip_article_get_id (article));
  message = g_strdup_printf (_("Added “%s”"), clip_article_get_title (article));
  clip_window_show_toast (self, message);
}

static void
import_file_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *assets = NULL;
  ClipArticle *article = clip_import_file_with_assets (task_data, cancellable, &assets, &error);

  if (article == NULL)
    {
      g_ptr_array_unref (assets);
      g_task_return_error (task, error);
      return;
    }

  /* The images ride along on the article until it is stored. */
  g_object_set_data_full (G_OBJECT (article), "clip-assets", assets, (GDestroyNotify)g_ptr_array_unref);
  g_task_return_pointer (task, article, g_object_unref);
}

static void
import_file_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ClipWindow *self = CLIP_WINDOW (object);
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = g_task_propagate_pointer (G_TASK (result), &error);
  if (article == NULL)
    {
      clip_window_show_toast (self, error->message);
      return;
    }

  store_imported_article (self, article, g_object_get_data (G_OBJECT (article), "clip-assets"));
}

void
clip_window_import_file (ClipWindow *self,
                         GFile      *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CLIP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* Reading and parsing can take a while on a large page: not here. */
  task = g_task_new (self, NULL, import_file_done_cb, NULL);
  g_task_set_source_tag (task, clip_window_import_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, import_file_thread);
}

void
clip_window_import_bytes (ClipWindow *self,
                          GBytes     *bytes,
                          const char *mime_type)
{
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CLIP_IS_WINDOW (self));

  article = clip_import_bytes (bytes, mime_type, &error);
  if (article == NULL)
    {
      clip_window_show_toast (self, error->message);
      return;
    }

  store_imported_article (self, article, NULL);
}

static void
restore_window_state (ClipWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
clip_window_close_request (GtkWindow *window)
{
  ClipWindow *self = CLIP_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (clip_window_parent_class)->close_request (window);
}

static void
setup_view (ClipWindow *self)
{
  ClipApplication *app = CLIP_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  self->view = CLIP_ARTICLE_VIEW (clip_article_view_new (clip_application_get_web_context (app)));
  gtk_widget_set_vexpand (GTK_WIDGET (self->view), TRUE);
  gtk_stack_add_named (self->article_stack, GTK_WIDGET (self->view), "article");

  g_signal_connect_object (self->view, "annotation-activated",
                           G_CALLBACK (annotation_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::has-selection",
                           G_CALLBACK (clip_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::ready",
                           G_CALLBACK (clip_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::ready",
                           G_CALLBACK (clip_window_mark_original), self, G_CONNECT_SWAPPED);
}

/* The clipping read at the last quit, if it is still there, or the newest. */
static gint64
find_start_article (ClipWindow *self)
{
  gint64 last_article = g_settings_get_int64 (self->settings, "last-article");
  g_autoptr(ClipArticle) article = NULL;

  if (last_article > 0)
    article = clip_store_get_article (self->store, last_article, NULL);
  if (article != NULL)
    return last_article;

  return clip_window_library_first_id (self);
}

/* GtkWindow:application is not a construct property, so this runs after
 * g_object_new() rather than in constructed(). */
static void
setup_for_application (ClipWindow *self)
{
  ClipApplication *app = CLIP_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  gint64 last_article;

  self->store = g_object_ref (clip_application_get_store (app));
  self->settings = g_object_ref (clip_application_get_settings (app));
  setup_view (self);
  setup_sidebar (self);
  clip_window_library_init (self);
  clip_window_capture_init (self);
  clip_window_annotate_init (self);
  clip_window_damage_init (self);
  restore_window_state (self);
  g_settings_bind (self->settings, "sidebar-visible", self->sidebar, "visible", G_SETTINGS_BIND_GET);
  clip_window_actions_init (self);

  g_signal_connect_object (self->store, "annotations-changed",
                           G_CALLBACK (annotations_changed_cb), self, G_CONNECT_SWAPPED);

  last_article = find_start_article (self);
  if (last_article > 0)
    clip_window_show_article (self, last_article);
  else
    clip_window_show_no_article (self);
}

static void
clip_window_dispose (GObject *object)
{
  ClipWindow *self = (ClipWindow *)object;

  clip_window_capture_dispose (self);
  clip_window_annotate_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLIP_TYPE_WINDOW);
  g_clear_object (&self->article);
  clip_window_library_dispose (self);
  g_clear_object (&self->highlights);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (clip_window_parent_class)->dispose (object);
}

static void
set_view_mode (ClipWindow *self,
               const char *mode)
{
  if (g_strcmp0 (mode, "reader") != 0 && g_strcmp0 (mode, "original") != 0)
    return;
  if (g_strcmp0 (self->view_mode, mode) == 0)
    return;

  g_free (self->view_mode);
  self->view_mode = g_strdup (mode);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW_MODE]);
  clip_window_load_view (self);
  clip_window_update_actions (self);
}

static void
clip_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ClipWindow *self = CLIP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VIEW_MODE:
      g_value_set_string (value, self->view_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clip_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  ClipWindow *self = CLIP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VIEW_MODE:
      set_view_mode (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clip_window_finalize (GObject *object)
{
  ClipWindow *self = (ClipWindow *)object;

  g_free (self->last_toast);
  g_free (self->view_mode);

  G_OBJECT_CLASS (clip_window_parent_class)->finalize (object);
}

static void
clip_window_class_init (ClipWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = clip_window_dispose;
  object_class->finalize = clip_window_finalize;
  object_class->get_property = clip_window_get_property;
  object_class->set_property = clip_window_set_property;
  window_class->close_request = clip_window_close_request;

  /**
   * ClipWindow:view-mode:
   *
   * "reader" for the clean article, "original" for the page as saved.
   */
  properties[PROP_VIEW_MODE] =
    g_param_spec_string ("view-mode", NULL, NULL, "reader",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/clip-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, library_stack);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, library_scroller);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, library_pane);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, search_error);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, library_count);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, tag_filter);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, article_title);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, article_stack);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, location_button);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, location_entry);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, location_go);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, mode_box);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, discard_button);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, capture_revealer);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, capture_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, capture_spinner);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, capture_title);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, capture_status);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, capture_cancel);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, capture_actions);
  gtk_widget_class_bind_template_child (widget_class, ClipWindow, capture_http);

  clip_window_class_actions_init (klass);
  clip_window_class_capture_init (klass);
  clip_window_class_annotate_init (klass);
  clip_window_class_export_init (klass);
  clip_window_class_library_init (klass);
  clip_window_class_damage_init (klass);
}

static void
clip_window_init (ClipWindow *self)
{
  /* The view-mode property action reads it from the start. */
  self->view_mode = g_strdup ("reader");
  gtk_widget_init_template (GTK_WIDGET (self));

  self->highlights = g_list_store_new (CLIP_TYPE_ANNOTATION);

}

ClipWindow *
clip_window_new (ClipApplication *application)
{
  ClipWindow *self;

  g_return_val_if_fail (CLIP_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (clip_application_get_store (application) != NULL, NULL);

  self = g_object_new (CLIP_TYPE_WINDOW, "application", application, NULL);
  setup_for_application (self);
  return self;
}

GtkWidget *
clip_window_get_article_view (ClipWindow *self)
{
  g_return_val_if_fail (CLIP_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->view);
}

void
clip_window_open_at (ClipWindow *self,
                     gint64      article_id,
                     glong       start,
                     glong       end)
{
  g_return_if_fail (CLIP_IS_WINDOW (self));

  if (clip_window_get_article_id (self) != article_id)
    clip_window_show_article (self, article_id);
  if (start >= 0 && end > start)
    clip_article_view_reveal_range (self->view, start, end);
}

void
clip_window_reveal_search_match (ClipWindow *self)
{
  ClipQuery *query = clip_library_model_get_query (self->library_model);
  glong start, end;

  if (self->article == NULL || query == NULL || !clip_query_has_terms (query))
    return;

  if (clip_query_find_match (query, clip_article_get_text (self->article), &start, &end))
    clip_article_view_reveal_range (self->view, start, end);
}

GtkWidget *
clip_window_get_sidebar (ClipWindow *self)
{
  g_return_val_if_fail (CLIP_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->sidebar_widget);
}
