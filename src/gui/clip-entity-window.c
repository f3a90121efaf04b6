/* clip-entity-window.c: the library's people, organisations and places
 *
 * A list of every entity with its counts; an entity's page shows its
 * aliases (to edit, or to merge it into another), every clipping that
 * mentions it and every quote it is the speaker of, each one click from
 * its place in the article.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "clip-entity-index.h"
#include "clip-entity-window.h"
#include "clip-search.h"

struct _ClipEntityWindow
{
  AdwWindow parent_instance;

  ClipWindow *window;   /* not owned: the main window, to open articles in */
  ClipStore *store;
  GtkStack *stack;
  GtkListBox *entities;
  GtkWidget *back;
  AdwWindowTitle *title;
  GtkBox *page;
  gint64 entity_id;
  guint n_entities;
};

G_DEFINE_FINAL_TYPE (ClipEntityWindow, clip_entity_window, ADW_TYPE_WINDOW)

static const char *
kind_label (ClipEntityKind kind)
{
  switch (kind)
    {
    case CLIP_ENTITY_PERSON:
      return _("Person");
    case CLIP_ENTITY_ORGANISATION:
      return _("Organisation");
    case CLIP_ENTITY_PLACE:
      return _("Place");
    case CLIP_ENTITY_OTHER:
    default:
      return _("Other");
    }
}

static GtkWidget *
boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

/* A list that says so when it has nothing to show. */
static GtkWidget *
boxed_list_with_placeholder (const char *empty)
{
  GtkWidget *list = boxed_list ();
  GtkWidget *label = gtk_label_new (empty);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), label);
  return list;
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  return label;
}

static void
open_at (ClipEntityWindow *self,
         GtkWidget        *row)
{
  gint64 article = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "article"));
  glong start = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "start")) - 1;
  glong end = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "end")) - 1;

  clip_window_open_at (self->window, article, start, end);
  gtk_window_present (GTK_WINDOW (self->window));
}

static GtkWidget *
place_row (const char *title,
           const char *subtitle,
           gint64      article_id,
           glong       start,
           glong       end)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title ? title : "", -1);
  g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle ? subtitle : "", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* Offsets are stored plus one, so that 0 means "none" (-1). */
  g_object_set_data (G_OBJECT (row), "article", GSIZE_TO_POINTER (article_id));
  g_object_set_data (G_OBJECT (row), "start", GSIZE_TO_POINTER (start + 1));
  g_object_set_data (G_OBJECT (row), "end", GSIZE_TO_POINTER (end + 1));
  return row;
}

static void
place_activated_cb (ClipEntityWindow *self,
                    GtkListBoxRow    *row)
{
  open_at (self, GTK_WIDGET (row));
}

static void
aliases_applied_cb (ClipEntityWindow *self,
                    AdwEntryRow      *row)
{
  g_auto(GStrv) aliases = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (row)), ",", -1);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; aliases[i] != NULL; i++)
    g_strstrip (aliases[i]);
  if (!clip_store_set_entity_aliases (self->store, self->entity_id, (const char * const *)aliases, &error))
    clip_window_show_toast (self->window, error->message);
}

static void
merge_clicked_cb (ClipEntityWindow *self,
                  GtkButton        *button)
{
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (button), "dropdown");
  GArray *ids = g_object_get_data (G_OBJECT (button), "ids");
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autoptr(GError) error = NULL;
  gint64 into;

  if (selected == GTK_INVALID_LIST_POSITION || selected >= ids->len)
    return;

  into = g_array_index (ids, gint64, selected);
  if (!clip_store_merge_entities (self->store, into, self->entity_id, &error))
    {
      clip_window_show_toast (self->window, error->message);
      return;
    }

  clip_entity_window_show_entity (self, into);
}

static GtkWidget *
merge_row (ClipEntityWindow *self,
           ClipEntity       *entity,
           GPtrArray        *summaries)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkWidget *dropdown, *button;

  for (guint i = 0; i < summaries->len; i++)
    {
      ClipEntity *other = clip_entity_summary_get_entity (g_ptr_array_index (summaries, i));
      gint64 id = clip_entity_get_id (other);

      if (id == clip_entity_get_id (entity) || clip_entity_get_kind (other) != clip_entity_get_kind (entity))
        continue;
      gtk_string_list_append (names, clip_entity_get_name (other));
      g_array_append_val (ids, id);
    }

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_widget_set_hexpand (dropdown, TRUE);
  button = gtk_button_new_with_mnemonic (_("_Merge Into"));
  gtk_widget_set_tooltip_text (button, _("Make this the same as the chosen one: its mentions, quotes and names move there"));
  gtk_widget_set_sensitive (button, ids->len > 0);
  g_object_set_data (G_OBJECT (button), "dropdown", dropdown);
  g_object_set_data_full (G_OBJECT (button), "ids", ids, (GDestroyNotify)g_array_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (merge_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), dropdown);
  return box;
}

/* The library's search for this entity: by name where the name can be
 * quoted, which reads well in the search entry, else by number. */
static char *
entity_query (ClipEntity *entity)
{
  const char *name = clip_entity_get_name (entity);

  if (strchr (name, '"') == NULL)
    return g_strdup_printf ("entity:\"%s\"", name);
  return g_strdup_printf ("entity:%" G_GINT64_FORMAT, clip_entity_get_id (entity));
}

static void
show_in_library_clicked_cb (ClipEntityWindow *self,
                            GtkButton        *button)
{
  const char *query = g_object_get_data (G_OBJECT (button), "query");

  gtk_widget_activate_action (GTK_WIDGET (self->window), "win.search-for", "s", query);
  gtk_window_present (GTK_WINDOW (self->window));
}

static GtkWidget *
show_in_library_button (ClipEntityWindow *self,
                        ClipEntity       *entity)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Show in Library"));

  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, _("List only the clippings that mention this entity or quote it"));
  g_object_set_data_full (G_OBJECT (button), "query", entity_query (entity), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (show_in_library_clicked_cb), self, G_CONNECT_SWAPPED);
  return button;
}

static void
clear_page (ClipEntityWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->page))) != NULL)
    gtk_box_remove (self->page, child);
}

/* "Title of the clipping — the note", for a quote's or a mention's row;
 * the clippings are those of the entity page, read once. */
static char *
place_subtitle (GPtrArray      *clippings,
                ClipAnnotation *annotation)
{
  gint64 article_id = clip_annotation_get_article_id (annotation);
  const char *note = clip_annotation_get_note (annotation);
  const char *title = "";

  for (guint i = 0; clippings != NULL && i < clippings->len; i++)
    if (clip_search_result_get_id (g_ptr_array_index (clippings, i)) == article_id)
      title = clip_search_result_get_title (g_ptr_array_index (clippings, i));

  if (note != NULL && note[0] != '\0')
    return g_strdup_printf ("%s — %s", title, note);
  return g_strdup (title);
}

static void
fill_places (ClipEntityWindow *self,
             const char       *title,
             const char       *empty,
             GPtrArray        *annotations,
             GPtrArray        *clippings,
             gboolean          quotes)
{
  GtkWidget *list = boxed_list_with_placeholder (empty);

  gtk_box_append (self->page, heading (title));
  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      ClipAnnotation *a = g_ptr_array_index (annotations, i);
      g_autofree char *text = quotes ? g_strdup_printf ("“%s”", clip_annotation_get_exact (a))
                                     : g_strdup (clip_annotation_get_exact (a));
      g_autofree char *subtitle = place_subtitle (clippings, a);

      gtk_list_box_append (GTK_LIST_BOX (list),
                           place_row (text, subtitle, clip_annotation_get_article_id (a),
                                      clip_annotation_get_start (a), clip_annotation_get_end (a)));
    }
  g_signal_connect_object (list, "row-activated", G_CALLBACK (place_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->page, list);
}

void
clip_entity_window_show_entity (ClipEntityWindow *self,
                                gint64            entity_id)
{
  g_autoptr(GPtrArray) summaries = clip_store_list_entity_summaries (self->store, NULL);
  g_autoptr(GPtrArray) clippings = clip_store_list_entity_clippings (self->store, entity_id, NULL);
  g_autoptr(GPtrArray) quotes = clip_store_list_entity_quotes (self->store, entity_id, NULL);
  g_autoptr(GPtrArray) mentions = clip_store_list_entity_mentions (self->store, entity_id, NULL);
  g_autofree char *aliases = NULL;
  ClipEntity *entity = NULL;
  GtkWidget *names, *alias_row, *list;

  for (guint i = 0; summaries != NULL && i < summaries->len; i++)
    if (clip_entity_get_id (clip_entity_summary_get_entity (g_ptr_array_index (summaries, i))) == entity_id)
      entity = clip_entity_summary_get_entity (g_ptr_array_index (summaries, i));
  if (entity == NULL)
    return;

  self->entity_id = entity_id;
  clear_page (self);
  adw_window_title_set_title (self->title, clip_entity_get_name (entity));
  adw_window_title_set_subtitle (self->title, kind_label (clip_entity_get_kind (entity)));

  names = boxed_list ();
  alias_row = adw_entry_row_new ();
  aliases = g_strjoinv (", ", (char **)clip_entity_get_aliases (entity));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (alias_row), _("Also known as (comma-separated)"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (alias_row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (alias_row), aliases);
  g_signal_connect_object (alias_row, "apply", G_CALLBACK (aliases_applied_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_append (GTK_LIST_BOX (names), alias_row);
  gtk_box_append (self->page, names);
  gtk_box_append (self->page, merge_row (self, entity, summaries));

  gtk_box_append (self->page, heading (_("Clippings")));
  gtk_box_append (self->page, show_in_library_button (self, entity));
  list = boxed_list_with_placeholder (_("No clipping mentions them any more"));
  for (guint i = 0; clippings != NULL && i < clippings->len; i++)
    {
      ClipSearchResult *r = g_ptr_array_index (clippings, i);

      gtk_list_box_append (GTK_LIST_BOX (list),
                           place_row (clip_search_result_get_title (r), clip_search_result_get_site_name (r),
                                      clip_search_result_get_id (r), clip_search_result_get_match_start (r),
                                      clip_search_result_get_match_end (r)));
    }
  g_signal_connect_object (list, "row-activated", G_CALLBACK (place_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->page, list);
  fill_places (self, _("Quotes"), _("No quote in the library is theirs"), quotes, clippings, TRUE);
  fill_places (self, _("Mentions"), _("Not marked in any clipping yet"), mentions, clippings, FALSE);

  gtk_widget_set_visible (self->back, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "entity");
}

static void
entity_activated_cb (ClipEntityWindow *self,
                     GtkListBoxRow    *row)
{
  clip_entity_window_show_entity (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "entity")));
}

static void
reload_list (ClipEntityWindow *self)
{
  g_autoptr(GPtrArray) summaries = clip_store_list_entity_summaries (self->store, NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->entities))) != NULL)
    gtk_list_box_remove (self->entities, child);

  self->n_entities = summaries != NULL ? summaries->len : 0;
  for (guint i = 0; i < self->n_entities; i++)
    {
      ClipEntitySummary *summary = g_ptr_array_index (summaries, i);
      ClipEntity *entity = clip_entity_summary_get_entity (summary);
      g_autofree char *counts = g_strdup_printf (_("%s · %u clippings · %u mentions · %u quotes"),
                                                 kind_label (clip_entity_get_kind (entity)),
                                                 clip_entity_summary_get_n_clippings (summary),
                                                 clip_entity_summary_get_n_mentions (summary),
                                                 clip_entity_summary_get_n_quotes (summary));
      GtkWidget *row = place_row (clip_entity_get_name (entity), counts, 0, -1, -1);

      g_object_set_data (G_OBJECT (row), "entity", GSIZE_TO_POINTER (clip_entity_get_id (entity)));
      gtk_list_box_append (self->entities, row);
    }
}

static void
back_clicked_cb (ClipEntityWindow *self)
{
  reload_list (self);
  adw_window_title_set_title (self->title, _("People, Organisations and Places"));
  adw_window_title_set_subtitle (self->title, NULL);
  gtk_widget_set_visible (self->back, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static GtkWidget *
scrolled_page (GtkWidget *child)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  gtk_widget_set_margin_start (child, 12);
  gtk_widget_set_margin_end (child, 12);
  gtk_widget_set_margin_top (child, 12);
  gtk_widget_set_margin_bottom (child, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), child);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  return scroller;
}

static void
clip_entity_window_finalize (GObject *object)
{
  ClipEntityWindow *self = (ClipEntityWindow *)object;

  g_clear_object (&self->store);
  G_OBJECT_CLASS (clip_entity_window_parent_class)->finalize (object);
}

static void
clip_entity_window_class_init (ClipEntityWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = clip_entity_window_finalize;
}

static void
clip_entity_window_init (ClipEntityWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("People, Organisations and Places"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  self->back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (self->back, _("Back"));
  gtk_widget_set_visible (self->back, FALSE);
  g_signal_connect_swapped (self->back, "clicked", G_CALLBACK (back_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->back);

  self->entities = GTK_LIST_BOX (boxed_list_with_placeholder (
    _("No people, organisations or places yet: select a name in an article and press P, O or L")));
  g_signal_connect_swapped (self->entities, "row-activated", G_CALLBACK (entity_activated_cb), self);
  self->page = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, scrolled_page (GTK_WIDGET (self->entities)), "list");
  gtk_stack_add_named (self->stack, scrolled_page (GTK_WIDGET (self->page)), "entity");

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
}

GtkWidget *
clip_entity_window_new (ClipWindow *window,
                        ClipStore  *store)
{
  ClipEntityWindow *self = g_object_new (CLIP_TYPE_ENTITY_WINDOW,
                                         "transient-for", window,
                                         "title", _("People, Organisations and Places"),
                                         NULL);

  self->window = window;
  self->store = g_object_ref (store);
  reload_list (self);
  return GTK_WIDGET (self);
}

guint
clip_entity_window_get_n_entities (ClipEntityWindow *self)
{
  g_return_val_if_fail (CLIP_IS_ENTITY_WINDOW (self), 0);
  return self->n_entities;
}
