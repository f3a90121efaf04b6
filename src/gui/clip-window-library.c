/* clip-window-library.c: the library pane: a lazily read list, search,
 * sort order and a tag filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "clip-date.h"
#include "clip-entity-window.h"
#include "clip-tags-dialog.h"
#include "clip-tags.h"
#include "clip-trash.h"
#include "clip-window-private.h"

static const char * const sort_names[] = {
  [CLIP_LIBRARY_SORT_SAVED] = "saved",
  [CLIP_LIBRARY_SORT_PUBLISHED] = "published",
  [CLIP_LIBRARY_SORT_TITLE] = "title",
  [CLIP_LIBRARY_SORT_SITE] = "site",
};

/* Site · date (published, else saved) · highlights · quotes */
static char *
row_meta (ClipSearchResult *result)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;
  g_autofree char *date = NULL;
  g_autofree char *highlights = NULL;
  g_autofree char *quotes = NULL;
  const char *site = clip_search_result_get_site_name (result);
  guint n_highlights = clip_search_result_get_n_highlights (result);
  guint n_quotes = clip_search_result_get_n_quotes (result);

  if (site != NULL && site[0] != '\0')
    g_strv_builder_add (builder, site);
  date = clip_date_format_short (clip_search_result_get_published (result));
  if (date == NULL)
    date = clip_date_format_short (clip_search_result_get_created_at (result));
  if (date != NULL)
    g_strv_builder_add (builder, date);
  if (n_highlights > 0)
    {
      highlights = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u highlight", "%u highlights",
                                                 n_highlights), n_highlights);
      g_strv_builder_add (builder, highlights);
    }
  if (n_quotes > 0)
    {
      quotes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u quote", "%u quotes", n_quotes), n_quotes);
      g_strv_builder_add (builder, quotes);
    }

  parts = g_strv_builder_end (builder);
  return g_strjoinv (" · ", parts);
}

static GtkWidget *
new_label (const char *css_class,
           int         lines)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (lines > 1)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (label), lines);
    }
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = new_label ("heading", 2);
  GtkWidget *meta = new_label ("caption", 1);
  GtkWidget *snippet = new_label ("caption", 3);

  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_box_append (GTK_BOX (box), snippet);
  gtk_list_item_set_child (item, box);
}

static void
counts_changed_cb (ClipSearchResult *result,
                   GParamSpec       *pspec,
                   GtkLabel         *meta)
{
  g_autofree char *text = row_meta (result);

  gtk_label_set_text (meta, text);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  ClipSearchResult *result = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *meta = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));

  if (result != NULL)
    g_signal_handlers_disconnect_by_func (result, counts_changed_cb, meta);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  ClipSearchResult *result = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *meta = gtk_widget_get_next_sibling (title);
  GtkWidget *snippet = gtk_widget_get_next_sibling (meta);
  g_autofree char *meta_text = NULL;
  const char *found;

  /* A row not read yet (or a read error) shows empty for the moment. */
  if (result == NULL)
    return;

  meta_text = row_meta (result);
  /* A row's counts change when its annotations do. */
  g_signal_connect (result, "notify", G_CALLBACK (counts_changed_cb), meta);
  gtk_label_set_text (GTK_LABEL (title), clip_search_result_get_title (result));
  gtk_label_set_text (GTK_LABEL (meta), meta_text);
  found = clip_search_result_get_snippet (result);
  gtk_widget_set_visible (snippet, found != NULL);
  if (found != NULL)
    {
      g_autofree char *markup = clip_search_snippet_to_markup (found);
      gtk_label_set_markup (GTK_LABEL (snippet), markup);
    }
}

static void
update_stack (ClipWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->library_model));
  ClipQuery *query = clip_library_model_get_query (self->library_model);
  gboolean filtered = (query != NULL && !clip_query_is_empty (query)) ||
                      clip_library_model_get_tag_filter (self->library_model) != NULL;

  gtk_stack_set_visible_child_name (self->library_stack,
                                    n > 0 ? "list" : filtered ? "no-results" : "empty");

  /* Under a search or a tag, how many clippings it finds. */
  gtk_widget_set_visible (GTK_WIDGET (self->library_count), filtered && n > 0);
  if (filtered && n > 0)
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u clipping", "%'u clippings", n), n);

      gtk_label_set_text (self->library_count, count);
    }
}

static void
row_activated_cb (ClipWindow  *self,
                  guint        position,
                  GtkListView *view)
{
  g_autoptr(ClipSearchResult) result = g_list_model_get_item (G_LIST_MODEL (self->library_model), position);

  if (result == NULL)
    return;

  if (clip_window_get_article_id (self) != clip_search_result_get_id (result))
    clip_window_show_article (self, clip_search_result_get_id (result));
  clip_window_reveal_search_match (self);
}

static void
search_changed_cb (ClipWindow     *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipQuery) query = NULL;

  if (text[0] != '\0')
    query = clip_query_parse (text, &error);

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Invalid search: %s"), error->message);

      gtk_label_set_text (self->search_error, message);
      gtk_widget_set_visible (GTK_WIDGET (self->search_error), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->library_count), FALSE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->search_error), FALSE);
  clip_library_model_set_query (self->library_model, query);
  g_free (self->search_text);
  self->search_text = g_strdup (text);
  update_stack (self);
}

/* The text typed last, applied now rather than after the entry's pause,
 * unless the list already shows it. */
static void
apply_search_now (ClipWindow *self)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), self->search_text) != 0)
    search_changed_cb (self, self->search_entry);
}

/* Enter in the search entry opens the first result at its match. */
static void
search_activate_cb (ClipWindow     *self,
                    GtkSearchEntry *entry)
{
  apply_search_now (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->library_model)) > 0)
    row_activated_cb (self, 0, self->library_view);
}

/* Down in the search entry moves to the first result, as in a list of
 * suggestions; the list then takes the arrow keys. */
static gboolean
search_key_pressed_cb (ClipWindow            *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;

  apply_search_now (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->library_model)) == 0)
    return FALSE;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->library_selection), 0, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->library_view));
  return TRUE;
}

/* The tags of the dropdown: "All Tags" first, then the library's. */
static void
reload_tags (ClipWindow *self)
{
  g_autoptr(GPtrArray) tags = clip_store_list_tags (self->store, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *current = clip_library_model_get_tag_filter (self->library_model);
  guint selected = 0;

  gtk_string_list_append (names, _("All Tags"));
  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      const char *name = clip_tag_get_name (g_ptr_array_index (tags, i));

      gtk_string_list_append (names, name);
      if (g_strcmp0 (name, current) == 0)
        selected = i + 1;
    }

  self->updating_tags = TRUE;
  gtk_drop_down_set_model (self->tag_filter, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->tag_filter, selected);
  self->updating_tags = FALSE;
}

static void
tag_selected_cb (ClipWindow  *self,
                 GParamSpec  *pspec,
                 GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  if (self->updating_tags)
    return;

  clip_library_model_set_tag_filter (self->library_model,
                                     selected == 0 || item == NULL ? NULL : gtk_string_object_get_string (item));
  update_stack (self);
}

static void
sort_order_change_cb (GSimpleAction *action,
                      GVariant      *value,
                      gpointer       user_data)
{
  ClipWindow *self = user_data;
  const char *name = g_variant_get_string (value, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
    {
      if (g_str_equal (name, sort_names[i]))
        {
          g_simple_action_set_state (action, value);
          clip_library_model_set_sort (self->library_model, i);
          return;
        }
    }
}

static void
search_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* win.search-for: sets the search text (scripts and tests). */
static void
search_for_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), g_variant_get_string (parameter, NULL));
  search_changed_cb (self, self->search_entry);
}

static void
show_entities_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);
  GtkWidget *entities = clip_entity_window_new (self, self->store);

  gtk_window_present (GTK_WINDOW (entities));
}

static void
manage_tags_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (clip_tags_dialog_new (GTK_WINDOW (self), self->store)));
}

static void
filter_tag_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);
  const char *tag = g_variant_get_string (parameter, NULL);

  clip_library_model_set_tag_filter (self->library_model, tag[0] != '\0' ? tag : NULL);
  reload_tags (self);
  update_stack (self);
}

static void
model_changed_cb (ClipWindow *self)
{
  update_stack (self);
  if (self->article != NULL)
    clip_window_library_select (self, clip_article_get_id (self->article));
}

void
clip_window_library_select (ClipWindow *self,
                            gint64      article_id)
{
  gint position = clip_library_model_find_loaded (self->library_model, article_id);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->library_selection));

  /* A selection of several is the reader's: it is left alone. */
  if (gtk_bitset_get_size (selected) > 1)
    return;

  self->selecting = TRUE;
  if (position >= 0)
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->library_selection), position, TRUE);
  else
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->library_selection));
  self->selecting = FALSE;
}

void
clip_window_library_unselect (ClipWindow *self)
{
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->library_selection));
}

gint64
clip_window_library_first_id (ClipWindow *self)
{
  g_autoptr(ClipSearchResult) first = g_list_model_get_item (G_LIST_MODEL (self->library_model), 0);

  return first != NULL ? clip_search_result_get_id (first) : 0;
}

GArray *
clip_window_library_selected_ids (ClipWindow *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->library_selection));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(ClipSearchResult) result = g_list_model_get_item (G_LIST_MODEL (self->library_model), position);
      gint64 id = result != NULL ? clip_search_result_get_id (result) : 0;

      if (id > 0)
        g_array_append_val (ids, id);
    }

  return ids;
}

/* One clipping chosen opens it; several show what can be done to all. */
static void
selection_changed_cb (ClipWindow *self)
{
  g_autoptr(GArray) ids = clip_window_library_selected_ids (self);
  g_autofree char *label = NULL;

  gtk_widget_set_visible (self->bulk_bar, ids->len > 1);
  if (ids->len > 1)
    {
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected", ids->len), ids->len);
      gtk_label_set_text (self->bulk_label, label);
    }

  if (ids->len == 1 && !self->selecting && g_array_index (ids, gint64, 0) != clip_window_get_article_id (self))
    {
      clip_window_show_article (self, g_array_index (ids, gint64, 0));
      clip_window_reveal_search_match (self);
    }
}

/* win.select-all-clippings and win.select-clipping (position): ways in
 * for the keyboard (Ctrl+A in the list works too) and for tests. */
static void
select_clipping_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);
  guint position;
  gboolean extend;

  g_variant_get (parameter, "(ub)", &position, &extend);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->library_selection), position, !extend);
}

static void
tag_selected_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);
  g_autoptr(GArray) ids = clip_window_library_selected_ids (self);
  g_autofree char *tag = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->bulk_tag))));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (tag[0] == '\0' || ids->len == 0)
    return;

  if (!clip_store_tag_articles (self->store, (const gint64 *)ids->data, ids->len, tag, &error))
    {
      clip_window_show_toast (self, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->bulk_tag), "");
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Tagged %u clipping “%s”",
                                          "Tagged %u clippings “%s”", ids->len), ids->len, tag);
  clip_window_show_toast (self, message);
}

/* Deletes the clippings (their annotations, tags and images with them)
 * and offers to undo it in a toast; no question asked first. */
void
clip_window_delete_clippings (ClipWindow   *self,
                              const gint64 *ids,
                              guint         n_ids)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;
  ClipTrash *trash;

  if (n_ids == 0)
    return;

  clip_library_model_freeze (self->library_model);
  trash = clip_trash_delete (self->store, ids, n_ids, &error);
  clip_library_model_thaw (self->library_model);
  if (trash == NULL)
    {
      clip_window_show_toast (self, error->message);
      return;
    }

  g_clear_pointer (&self->trash, clip_trash_free);
  self->trash = trash;
  for (guint i = 0; i < n_ids; i++)
    if (ids[i] == clip_window_get_article_id (self))
      {
        gint64 first = clip_window_library_first_id (self);

        g_clear_object (&self->article);
        if (first > 0)
          clip_window_show_article (self, first);
        else
          clip_window_show_no_article (self);
        break;
      }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u clipping deleted", "%u clippings deleted",
                                          n_ids), n_ids);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
}

static void
delete_selected_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);
  g_autoptr(GArray) ids = clip_window_library_selected_ids (self);

  clip_window_delete_clippings (self, (const gint64 *)ids->data, ids->len);
}

static void
undo_delete_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);
  g_autoptr(ClipTrash) trash = g_steal_pointer (&self->trash);
  g_autoptr(GError) error = NULL;

  if (trash == NULL)
    return;

  clip_library_model_freeze (self->library_model);
  if (!clip_trash_restore (trash, &error))
    clip_window_show_toast (self, error->message);
  clip_library_model_thaw (self->library_model);
}

/* Every clipping the list shows (its search and tag filter), in order.
 * Read straight from the store, not row by row through the list. */
GArray *
clip_window_library_shown_ids (ClipWindow *self)
{
  ClipQuery *query = clip_library_model_get_query (self->library_model);
  const char *tag = clip_library_model_get_tag_filter (self->library_model);
  g_autoptr(ClipQuery) filtered = query != NULL ? clip_query_copy (query) : clip_query_new ();
  g_autoptr(GPtrArray) results = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 count;

  if (tag != NULL)
    clip_query_add_tag (filtered, tag);
  count = clip_store_count_search (self->store, filtered, NULL);
  if (count > 0)
    results = clip_store_search (self->store, filtered, clip_library_model_get_sort (self->library_model),
                                 0, (guint)count, NULL);
  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      gint64 id = clip_search_result_get_id (g_ptr_array_index (results, i));
      g_array_append_val (ids, id);
    }
  return ids;
}

GListModel *
clip_window_get_library_model (ClipWindow *self)
{
  g_return_val_if_fail (CLIP_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->library_model);
}

GtkWidget *
clip_window_get_library_view (ClipWindow *self)
{
  g_return_val_if_fail (CLIP_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->library_view);
}

static void
articles_changed_cb (ClipWindow *self)
{
  reload_tags (self);
}

void
clip_window_library_init (ClipWindow *self)
{
  g_autoptr(GSimpleAction) sort = NULL;
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->library_model = clip_library_model_new (self->store);
  self->library_selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->library_model)));
  g_signal_connect_object (self->library_selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  self->library_view = GTK_LIST_VIEW (gtk_list_view_new (g_object_ref (GTK_SELECTION_MODEL (self->library_selection)),
                                                         factory));
  gtk_list_view_set_enable_rubberband (self->library_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->library_view), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->library_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Clippings"), -1);
  gtk_scrolled_window_set_child (self->library_scroller, GTK_WIDGET (self->library_view));
  self->bulk_bar = clip_window_build_bulk_bar (self);
  gtk_box_append (self->library_pane, self->bulk_bar);

  g_signal_connect_object (self->library_view, "activate", G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_model, "items-changed", G_CALLBACK (model_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self, G_CONNECT_SWAPPED);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  }
  /* A library has many tags: the list can be searched by typing. */
  gtk_drop_down_set_expression (self->tag_filter,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_drop_down_set_enable_search (self->tag_filter, TRUE);
  g_signal_connect_object (self->tag_filter, "notify::selected", G_CALLBACK (tag_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "articles-changed", G_CALLBACK (articles_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  sort = g_simple_action_new_stateful ("sort-order", G_VARIANT_TYPE_STRING, g_variant_new_string ("saved"));
  g_signal_connect (sort, "change-state", G_CALLBACK (sort_order_change_cb), self);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (sort));

  reload_tags (self);
  update_stack (self);
}

static void
bulk_tag_activate_cb (ClipWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.tag-selected", NULL);
}

/* The bar under the list when several clippings are selected. */
GtkWidget *
clip_window_build_bulk_bar (ClipWindow *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *tag_button = gtk_button_new_with_mnemonic (_("_Tag"));
  GtkWidget *delete = gtk_button_new_with_mnemonic (_("_Delete"));

  self->bulk_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->bulk_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->bulk_label), "heading");
  self->bulk_tag = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->bulk_tag, _("Tag to add"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->bulk_tag), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (tag_button), "win.tag-selected");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete), "win.delete-selected");
  gtk_widget_add_css_class (delete, "destructive-action");
  g_signal_connect_swapped (self->bulk_tag, "activate", G_CALLBACK (bulk_tag_activate_cb), self);

  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->bulk_tag));
  gtk_box_append (GTK_BOX (row), tag_button);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->bulk_label));
  gtk_box_append (GTK_BOX (bar), row);
  gtk_box_append (GTK_BOX (bar), delete);
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_widget_set_visible (bar, FALSE);
  return bar;
}

void
clip_window_library_dispose (ClipWindow *self)
{
  g_clear_pointer (&self->trash, clip_trash_free);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_object (&self->library_selection);
  g_clear_object (&self->library_model);
}

void
clip_window_class_library_init (ClipWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action_cb);
  gtk_widget_class_install_action (widget_class, "win.search-for", "s", search_for_action_cb);
  gtk_widget_class_install_action (widget_class, "win.filter-tag", "s", filter_tag_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-entities", NULL, show_entities_action_cb);
  gtk_widget_class_install_action (widget_class, "win.manage-tags", NULL, manage_tags_action_cb);
  gtk_widget_class_install_action (widget_class, "win.select-clipping", "(ub)", select_clipping_action_cb);
  gtk_widget_class_install_action (widget_class, "win.tag-selected", NULL, tag_selected_action_cb);
  gtk_widget_class_install_action (widget_class, "win.delete-selected", NULL, delete_selected_action_cb);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", NULL, undo_delete_action_cb);
}
