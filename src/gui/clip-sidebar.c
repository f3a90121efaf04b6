/* clip-sidebar.c: the annotation workbench beside the article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "clip-date.h"
#include "clip-sidebar.h"

#define ROW_ID_KEY "clip-sidebar-id"
#define N_COLORS 5

struct _ClipSidebar
{
  AdwBin parent_instance;

  ClipStore *store;
  /* The sidebar's own copy of the article, as stored. */
  ClipArticle *article;
  gint64 article_id;
  GPtrArray *annotations;
  GtkListStore *speakers;
  GStrv color_names;
  guint n_annotation_rows;
  gint64 expanded_id;
  gint64 selected_id;
  /* The list whose row is saving its own edit: it is updated in place
   * rather than rebuilt under the reader's hands. */
  GtkListBox *saving_list;
  gboolean saving_info;
  /* Rebuilding destroys focused editors; their focus-out must not save. */
  gboolean reloading;
  guint scroll_tick;

  /* Template widgets */
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack *stack;
  GtkStack *annotations_stack;
  AdwStatusPage *annotations_empty;
  GtkScrolledWindow *annotations_scroller;
  GtkListBox *annotations_list;
  GtkStack *quotes_stack;
  GtkListBox *quotes_list;
  GtkStack *entities_stack;
  GtkBox *entities_box;
  GtkStack *info_stack;
  AdwEntryRow *title_row;
  AdwEntryRow *byline_row;
  AdwEntryRow *published_row;
  AdwEntryRow *source_url_row;
  AdwEntryRow *site_name_row;
  AdwEntryRow *tags_row;
  AdwActionRow *captured_row;
  AdwActionRow *http_status_row;
  AdwActionRow *source_kind_row;
  AdwActionRow *file_row;
  GtkLabel *sha256_label;
};

G_DEFINE_FINAL_TYPE (ClipSidebar, clip_sidebar, ADW_TYPE_BIN)

enum {
  ANNOTATION_ACTIVATED,
  ENTITY_ACTIVATED,
  DELETE_REQUESTED,
  TAG_ALL_REQUESTED,
  COPY_REQUESTED,
  MESSAGE,
  PREVIEW_EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef void (*AnnotationEdit) (ClipAnnotation *annotation,
                                gconstpointer   data);

static void reload_annotations (ClipSidebar *self);

/* A captured page shown before it is saved: its details can be edited,
 * on the article itself, and nothing of it is in the library yet. */
static gboolean
is_preview (ClipSidebar *self)
{
  return self->article != NULL && self->article_id == 0;
}

/* Small helpers */

static void
show_error (ClipSidebar  *self,
            const GError *error)
{
  g_signal_emit (self, signals[MESSAGE], 0, error->message);
}

static void
row_set_id (GtkWidget *row,
            gint64     id)
{
  gint64 *data = g_new (gint64, 1);

  *data = id;
  g_object_set_data_full (G_OBJECT (row), ROW_ID_KEY, data, g_free);
}

static gint64
row_get_id (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);
  gint64 *data = row != NULL ? g_object_get_data (G_OBJECT (row), ROW_ID_KEY) : NULL;

  return data != NULL ? *data : 0;
}

static GtkWidget *
row_part (GtkWidget  *row,
          const char *name)
{
  return g_object_get_data (G_OBJECT (row), name);
}

static void
remove_all_rows (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
find_row (GtkListBox *list,
          gint64      id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && row_get_id (child) == id)
      return child;
  return NULL;
}

static GtkWidget *
new_label (const char *css_class,
           int         lines)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), lines);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Sets a label and hides it when there is nothing to say. */
static void
set_label (GtkWidget  *label,
           const char *text)
{
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_visible (label, text != NULL && text[0] != '\0');
}

static const char *
entity_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "person") == 0)
    return _("Person");
  if (g_strcmp0 (kind, "organisation") == 0)
    return _("Organisation");
  if (g_strcmp0 (kind, "place") == 0)
    return _("Place");
  return _("Other");
}

static const char *
entity_kind_icon (const char *kind)
{
  if (g_strcmp0 (kind, "person") == 0)
    return "avatar-default-symbolic";
  if (g_strcmp0 (kind, "organisation") == 0)
    return "system-users-symbolic";
  if (g_strcmp0 (kind, "place") == 0)
    return "mark-location-symbolic";
  return "user-bookmarks-symbolic";
}

static const char *
color_meaning (ClipSidebar *self,
               guint        color)
{
  static const char * const defaults[] = {
    N_("Key point"), N_("Fact to check"), N_("Context"), N_("Question"), N_("Follow-up")
  };

  color = CLAMP (color, 1, N_COLORS);
  if (self->color_names != NULL && g_strv_length (self->color_names) >= color)
    return self->color_names[color - 1];
  return _(defaults[color - 1]);
}

/* "a, b ,, a" gives { "a", "b" }. */
static GStrv
parse_tags (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      g_strstrip (parts[i]);
      for (guint j = 0; j < i && !seen; j++)
        seen = g_strcmp0 (parts[j], parts[i]) == 0;
      if (parts[i][0] != '\0' && !seen)
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static char *
join_tags (const char * const *tags)
{
  return tags != NULL ? g_strjoinv (", ", (GStrv)tags) : g_strdup ("");
}

/* Saving edits */

/* Reads the annotation afresh, so that an edit never writes back a stale
 * position or quote, applies one change and saves it. Returns the saved
 * annotation, or NULL when nothing changed or the store refused. */
static ClipAnnotation *
edit_annotation (ClipSidebar    *self,
                 GtkWidget      *widget,
                 AnnotationEdit  edit,
                 gconstpointer   data)
{
  g_autoptr(ClipAnnotation) annotation = NULL;
  g_autoptr(ClipAnnotation) before = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);
  gboolean saved;

  if (self->store == NULL || self->reloading || row == NULL)
    return NULL;

  annotation = clip_store_get_annotation (self->store, row_get_id (row), &error);
  if (annotation == NULL)
    {
      show_error (self, error);
      return NULL;
    }

  before = clip_annotation_copy (annotation);
  edit (annotation, data);
  if (clip_annotation_equal (before, annotation))
    return NULL;

  self->saving_list = GTK_LIST_BOX (gtk_widget_get_parent (row));
  saved = clip_store_update_annotation (self->store, annotation, &error);
  self->saving_list = NULL;
  if (!saved)
    {
      show_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&annotation);
}

static void
set_note_edit (ClipAnnotation *annotation,
               gconstpointer   data)
{
  const char *note = data;

  clip_annotation_set_note (annotation, note[0] != '\0' ? note : NULL);
}

static void
set_tags_edit (ClipAnnotation *annotation,
               gconstpointer   data)
{
  clip_annotation_set_tags (annotation, data);
}

static void
set_color_edit (ClipAnnotation *annotation,
                gconstpointer   data)
{
  clip_annotation_set_color (annotation, GPOINTER_TO_UINT (data));
}

static void
set_status_edit (ClipAnnotation *annotation,
                 gconstpointer   data)
{
  clip_annotation_set_quote_status (annotation, data);
}

static void
set_speaker_edit (ClipAnnotation *annotation,
                  gconstpointer   data)
{
  ClipEntity *speaker = (ClipEntity *)data;

  if (speaker != NULL)
    clip_annotation_set_speaker (annotation, clip_entity_get_id (speaker), clip_entity_get_name (speaker));
  else
    clip_annotation_set_speaker (annotation, 0, NULL);
}

/* The Annotations page */

static GtkWidget *
new_kind_chip (ClipAnnotation *annotation)
{
  GtkWidget *chip;

  switch (clip_annotation_get_kind (annotation))
    {
    case CLIP_ANNOTATION_HIGHLIGHT:
      chip = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_widget_add_css_class (chip, "clip-chip");
      return chip;
    case CLIP_ANNOTATION_QUOTE:
      chip = gtk_image_new_from_icon_name ("chat-message-new-symbolic");
      gtk_widget_set_tooltip_text (chip, _("Quote"));
      break;
    case CLIP_ANNOTATION_ENTITY:
      chip = gtk_image_new_from_icon_name (entity_kind_icon (clip_annotation_get_entity_kind (annotation)));
      gtk_widget_set_tooltip_text (chip, _("Entity"));
      break;
    case CLIP_ANNOTATION_NOTE:
    default:
      chip = gtk_image_new_from_icon_name ("accessories-text-editor-symbolic");
      gtk_widget_set_tooltip_text (chip, _("Note"));
      break;
    }

  gtk_widget_set_valign (chip, GTK_ALIGN_START);
  gtk_widget_add_css_class (chip, "dim-label");
  return chip;
}

static void
update_chip (ClipSidebar    *self,
             GtkWidget      *chip,
             ClipAnnotation *annotation)
{
  guint color = clip_annotation_get_color (annotation);

  if (clip_annotation_get_kind (annotation) != CLIP_ANNOTATION_HIGHLIGHT)
    return;

  for (guint i = 1; i <= N_COLORS; i++)
    {
      g_autofree char *css_class = g_strdup_printf ("color-%u", i);

      if (i == color)
        gtk_widget_add_css_class (chip, css_class);
      else
        gtk_widget_remove_css_class (chip, css_class);
    }
  gtk_widget_set_tooltip_text (chip, color_meaning (self, color));
}

/* What the row says under the quote: the colour's meaning, the speaker,
 * or the entity. */
static char *
format_meta (ClipSidebar    *self,
             ClipAnnotation *annotation)
{
  const char *speaker = clip_annotation_get_speaker_name (annotation);
  gboolean verified = g_strcmp0 (clip_annotation_get_quote_status (annotation), "verified") == 0;

  switch (clip_annotation_get_kind (annotation))
    {
    case CLIP_ANNOTATION_HIGHLIGHT:
      return g_strdup (color_meaning (self, clip_annotation_get_color (annotation)));
    case CLIP_ANNOTATION_QUOTE:
      if (speaker == NULL || speaker[0] == '\0')
        return g_strdup (verified ? _("No speaker · Verified") : _("No speaker · Unverified"));
      /* Translators: a quote's speaker and whether the quote was checked. */
      return g_strdup_printf (verified ? _("— %s · Verified") : _("— %s · Unverified"), speaker);
    case CLIP_ANNOTATION_ENTITY:
      /* The entity's name is worth saying only when the text differs. */
      if (g_strcmp0 (clip_annotation_get_entity_name (annotation), clip_annotation_get_exact (annotation)) == 0)
        return g_strdup (entity_kind_label (clip_annotation_get_entity_kind (annotation)));
      return g_strdup_printf ("%s · %s",
                              entity_kind_label (clip_annotation_get_entity_kind (annotation)),
                              clip_annotation_get_entity_name (annotation) ?: _("Unknown"));
    case CLIP_ANNOTATION_NOTE:
    default:
      return NULL;
    }
}

static char *
format_exact (ClipAnnotation *annotation)
{
  const char *exact = clip_annotation_get_exact (annotation);

  if (clip_annotation_get_kind (annotation) == CLIP_ANNOTATION_QUOTE)
    /* Translators: a quotation, in the language's quotation marks. */
    return g_strdup_printf (_("“%s”"), exact);
  return g_strdup (exact);
}

static void
update_annotation_row (ClipSidebar    *self,
                       GtkWidget      *row,
                       ClipAnnotation *annotation)
{
  g_autofree char *exact = format_exact (annotation);
  g_autofree char *meta = format_meta (self, annotation);
  g_autofree char *tags = join_tags (clip_annotation_get_tags (annotation));

  update_chip (self, row_part (row, "chip"), annotation);
  set_label (row_part (row, "text"), exact);
  set_label (row_part (row, "meta"), meta);
  set_label (row_part (row, "note"), clip_annotation_get_note (annotation));
  set_label (row_part (row, "tags"), tags);
  gtk_widget_set_visible (row_part (row, "orphan"), clip_annotation_get_orphaned (annotation));
}

static void
update_quote_row (GtkWidget      *row,
                  ClipAnnotation *annotation);

static void
refresh_row (ClipSidebar    *self,
             GtkWidget      *widget,
             ClipAnnotation *annotation)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  if (row == NULL)
    return;
  if (gtk_widget_get_parent (row) == GTK_WIDGET (self->annotations_list))
    update_annotation_row (self, row, annotation);
  else
    update_quote_row (row, annotation);
}

static void
save_note (ClipSidebar *self,
           GtkWidget   *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr(ClipAnnotation) saved = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  saved = edit_annotation (self, view, set_note_edit, text);
  if (saved != NULL)
    refresh_row (self, view, saved);
}

static gboolean
note_key_pressed_cb (ClipSidebar           *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  /* Enter saves; Shift+Enter starts a new line. */
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && !(state & GDK_SHIFT_MASK))
    {
      save_note (self, view);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
note_focus_leave_cb (ClipSidebar             *self,
                     GtkEventControllerFocus *controller)
{
  save_note (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

static void
save_tags (ClipSidebar *self,
           GtkWidget   *entry)
{
  g_auto(GStrv) tags = parse_tags (gtk_editable_get_text (GTK_EDITABLE (entry)));
  g_autoptr(ClipAnnotation) saved = edit_annotation (self, entry, set_tags_edit, tags);
  g_autofree char *joined = NULL;

  if (saved == NULL)
    return;

  /* Shows the tags as they were saved: trimmed, without repeats. */
  joined = join_tags (clip_annotation_get_tags (saved));
  gtk_editable_set_text (GTK_EDITABLE (entry), joined);
  gtk_editable_set_position (GTK_EDITABLE (entry), -1);
  refresh_row (self, entry, saved);
}

static void
tags_activate_cb (ClipSidebar *self,
                  GtkEntry    *entry)
{
  save_tags (self, GTK_WIDGET (entry));
}

static void
tags_focus_leave_cb (ClipSidebar             *self,
                     GtkEventControllerFocus *controller)
{
  save_tags (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

static void
color_toggled_cb (ClipSidebar     *self,
                  GtkToggleButton *button)
{
  guint color = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "color"));
  g_autoptr(ClipAnnotation) saved = NULL;

  if (!gtk_toggle_button_get_active (button))
    return;

  saved = edit_annotation (self, GTK_WIDGET (button), set_color_edit, GUINT_TO_POINTER (color));
  if (saved != NULL)
    refresh_row (self, GTK_WIDGET (button), saved);
}

static void
delete_clicked_cb (ClipSidebar *self,
                   GtkButton   *button)
{
  g_signal_emit (self, signals[DELETE_REQUESTED], 0, row_get_id (GTK_WIDGET (button)));
}

static void
copy_clicked_cb (ClipSidebar *self,
                 GtkButton   *button)
{
  g_signal_emit (self, signals[COPY_REQUESTED], 0, row_get_id (GTK_WIDGET (button)));
}

static void
edit_toggled_cb (ClipSidebar     *self,
                 GtkToggleButton *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  gboolean active = gtk_toggle_button_get_active (button);

  gtk_revealer_set_reveal_child (GTK_REVEALER (row_part (row, "revealer")), active);
  if (active && !self->reloading)
    {
      self->expanded_id = row_get_id (row);
      gtk_widget_grab_focus (row_part (row, "note-view"));
    }
  else if (!active && self->expanded_id == row_get_id (row))
    self->expanded_id = 0;
}

static GtkWidget *
new_color_buttons (ClipSidebar    *self,
                   ClipAnnotation *annotation)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkToggleButton *group = NULL;

  gtk_widget_add_css_class (box, "linked");
  for (guint i = 1; i <= N_COLORS; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      g_autofree char *css_class = g_strdup_printf ("color-%u", i);

      gtk_widget_add_css_class (swatch, "clip-chip");
      gtk_widget_add_css_class (swatch, "clip-swatch");
      gtk_widget_add_css_class (swatch, css_class);
      gtk_widget_set_halign (swatch, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_button_set_child (GTK_BUTTON (button), swatch);
      gtk_widget_set_tooltip_text (button, color_meaning (self, i));
      gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), i == clip_annotation_get_color (annotation));
      g_object_set_data (G_OBJECT (button), "color", GUINT_TO_POINTER (i));
      g_signal_connect_object (button, "toggled", G_CALLBACK (color_toggled_cb), self, G_CONNECT_SWAPPED);
      group = group != NULL ? group : GTK_TOGGLE_BUTTON (button);
      gtk_box_append (GTK_BOX (box), button);
    }
  return box;
}

static GtkWidget *
new_caption (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
new_note_editor (ClipSidebar    *self,
                 GtkWidget      *row,
                 ClipAnnotation *annotation)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  const char *note = clip_annotation_get_note (annotation);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), note != NULL ? note : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"), -1);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (note_key_pressed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (note_focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (view, keys);
  gtk_widget_add_controller (view, focus);

  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 64);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 160);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  g_object_set_data (G_OBJECT (row), "note-view", view);
  return scroller;
}

static GtkWidget *
new_tags_entry (ClipSidebar    *self,
                ClipAnnotation *annotation)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_autofree char *tags = join_tags (clip_annotation_get_tags (annotation));

  gtk_editable_set_text (GTK_EDITABLE (entry), tags);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Separate tags with commas"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tags"), -1);
  g_signal_connect_object (entry, "activate", G_CALLBACK (tags_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (tags_focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

static GtkWidget *
new_annotation_editor (ClipSidebar    *self,
                       GtkWidget      *row,
                       ClipAnnotation *annotation)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *delete = gtk_button_new_with_mnemonic (_("_Delete"));
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_box_append (GTK_BOX (box), new_caption (_("Note")));
  gtk_box_append (GTK_BOX (box), new_note_editor (self, row, annotation));
  gtk_box_append (GTK_BOX (box), new_caption (_("Tags")));
  gtk_box_append (GTK_BOX (box), new_tags_entry (self, annotation));

  if (clip_annotation_get_kind (annotation) == CLIP_ANNOTATION_HIGHLIGHT)
    gtk_box_append (GTK_BOX (actions), new_color_buttons (self, annotation));
  gtk_widget_set_tooltip_text (copy, _("Copy as Quote"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy as Quote"), -1);
  g_signal_connect_object (copy, "clicked", G_CALLBACK (copy_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (actions), copy);
  gtk_widget_set_hexpand (delete, TRUE);
  gtk_widget_set_halign (delete, GTK_ALIGN_END);
  gtk_widget_add_css_class (delete, "destructive-action");
  g_signal_connect_object (delete, "clicked", G_CALLBACK (delete_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (actions), delete);
  gtk_widget_set_margin_top (actions, 6);
  gtk_box_append (GTK_BOX (box), actions);
  return box;
}

static GtkWidget *
new_orphan_notice (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (_("Not found in this version"));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "warning");
  gtk_widget_add_css_class (box, "caption");
  return box;
}

/* The quote, what it is, the note and the tags, beside the chip. */
static GtkWidget *
new_annotation_summary (GtkWidget *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  const char * const parts[] = { "text", "meta", "note", "tags" };
  const char * const classes[] = { "clip-highlight-text", "dim-label", NULL, "accent" };
  const int lines[] = { 3, 1, 3, 2 };

  gtk_widget_set_hexpand (box, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      GtkWidget *label = new_label (classes[i], lines[i]);

      if (i > 0)
        gtk_widget_add_css_class (label, "caption");
      g_object_set_data (G_OBJECT (row), parts[i], label);
      gtk_box_append (GTK_BOX (box), label);
      if (i == 0)
        {
          GtkWidget *orphan = new_orphan_notice ();

          g_object_set_data (G_OBJECT (row), "orphan", orphan);
          gtk_box_append (GTK_BOX (box), orphan);
        }
    }
  return box;
}

static GtkWidget *
new_annotation_row (ClipSidebar    *self,
                    ClipAnnotation *annotation)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *chip = new_kind_chip (annotation);
  GtkWidget *edit = gtk_toggle_button_new ();
  GtkWidget *revealer = gtk_revealer_new ();

  row_set_id (row, clip_annotation_get_id (annotation));
  g_object_set_data (G_OBJECT (row), "chip", chip);
  g_object_set_data (G_OBJECT (row), "revealer", revealer);

  gtk_button_set_icon_name (GTK_BUTTON (edit), "document-edit-symbolic");
  gtk_widget_set_tooltip_text (edit, _("Edit Note and Tags"));
  gtk_widget_set_valign (edit, GTK_ALIGN_START);
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_add_css_class (edit, "circular");
  g_signal_connect_object (edit, "toggled", G_CALLBACK (edit_toggled_cb), self, G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (row), "edit", edit);

  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 6);
  gtk_widget_set_margin_top (header, 10);
  gtk_widget_set_margin_bottom (header, 10);
  gtk_box_append (GTK_BOX (header), chip);
  gtk_box_append (GTK_BOX (header), new_annotation_summary (row));
  gtk_box_append (GTK_BOX (header), edit);

  gtk_revealer_set_child (GTK_REVEALER (revealer), new_annotation_editor (self, row, annotation));
  gtk_box_append (GTK_BOX (outer), header);
  gtk_box_append (GTK_BOX (outer), revealer);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), outer);
  update_annotation_row (self, row, annotation);
  return row;
}

static void
rebuild_annotations_list (ClipSidebar *self)
{
  GtkWidget *selected = NULL;

  remove_all_rows (self->annotations_list);
  for (guint i = 0; i < self->annotations->len; i++)
    {
      ClipAnnotation *annotation = g_ptr_array_index (self->annotations, i);
      GtkWidget *row = new_annotation_row (self, annotation);

      gtk_list_box_append (self->annotations_list, row);
      if (clip_annotation_get_id (annotation) == self->expanded_id)
        {
          gtk_revealer_set_transition_type (GTK_REVEALER (row_part (row, "revealer")), GTK_REVEALER_TRANSITION_TYPE_NONE);
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (row_part (row, "edit")), TRUE);
          gtk_revealer_set_transition_type (GTK_REVEALER (row_part (row, "revealer")), GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
        }
      if (clip_annotation_get_id (annotation) == self->selected_id)
        selected = row;
    }
  if (selected != NULL)
    gtk_list_box_select_row (self->annotations_list, GTK_LIST_BOX_ROW (selected));

  self->n_annotation_rows = self->annotations->len;
  if (is_preview (self))
    {
      adw_status_page_set_title (self->annotations_empty, _("Not Saved Yet"));
      adw_status_page_set_description (self->annotations_empty,
                                       _("Save the page (Ctrl+S) to mark it up"));
    }
  else
    {
      adw_status_page_set_title (self->annotations_empty,
                                 self->article_id != 0 ? _("No Annotations") : _("No Article"));
      adw_status_page_set_description (self->annotations_empty,
                                       self->article_id != 0
                                       ? _("Select text in the article to highlight, quote or tag it")
                                       : _("Choose a clipping in the library"));
    }
  gtk_stack_set_visible_child_name (self->annotations_stack, self->annotations->len > 0 ? "list" : "empty");
}

static void
annotations_list_row_activated_cb (ClipSidebar   *self,
                                   GtkListBoxRow *row)
{
  self->selected_id = row_get_id (GTK_WIDGET (row));
  g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, self->selected_id);
}

/* The Quotes page */

static void
update_quote_row (GtkWidget      *row,
                  ClipAnnotation *annotation)
{
  g_autofree char *exact = format_exact (annotation);
  GtkWidget *speaker = row_part (row, "speaker");
  GtkWidget *verified = row_part (row, "verified");
  const char *name = clip_annotation_get_speaker_name (annotation);

  set_label (row_part (row, "text"), exact);
  gtk_widget_set_visible (row_part (row, "orphan"), clip_annotation_get_orphaned (annotation));
  /* Only an editor the reader is not typing in follows the store. */
  if (!(gtk_widget_get_state_flags (speaker) & GTK_STATE_FLAG_FOCUS_WITHIN) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (speaker)), name ?: "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (speaker), name ?: "");
  g_signal_handlers_block_matched (verified, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                   g_object_get_data (G_OBJECT (row), "sidebar"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (verified),
                               g_strcmp0 (clip_annotation_get_quote_status (annotation), "verified") == 0);
  g_signal_handlers_unblock_matched (verified, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                     g_object_get_data (G_OBJECT (row), "sidebar"));
}

/* The entity a typed speaker's name means: a person or organisation of
 * that name or alias, or a new person. */
static ClipEntity *
resolve_speaker (ClipSidebar *self,
                 const char  *name,
                 GError     **error)
{
  ClipEntity *entity = clip_store_find_entity (self->store, name, "person", error);

  if (entity == NULL && (error == NULL || *error == NULL))
    entity = clip_store_find_entity (self->store, name, "organisation", error);
  if (entity == NULL && (error == NULL || *error == NULL))
    entity = clip_store_ensure_entity (self->store, name, "person", error);
  return entity;
}

static void
save_speaker (ClipSidebar *self,
              GtkWidget   *entry)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(ClipEntity) speaker = NULL;
  g_autoptr(ClipAnnotation) saved = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->reloading)
    return;

  if (name[0] != '\0')
    {
      speaker = resolve_speaker (self, name, &error);
      if (speaker == NULL)
        {
          show_error (self, error);
          return;
        }
    }

  saved = edit_annotation (self, entry, set_speaker_edit, speaker);
  if (saved != NULL)
    refresh_row (self, entry, saved);
}

static void
speaker_activate_cb (ClipSidebar *self,
                     GtkEntry    *entry)
{
  save_speaker (self, GTK_WIDGET (entry));
}

static void
speaker_focus_leave_cb (ClipSidebar             *self,
                        GtkEventControllerFocus *controller)
{
  save_speaker (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

static void
verified_toggled_cb (ClipSidebar    *self,
                     GtkCheckButton *button)
{
  const char *status = gtk_check_button_get_active (button) ? "verified" : "unverified";
  g_autoptr(ClipAnnotation) saved = edit_annotation (self, GTK_WIDGET (button), set_status_edit, status);

  if (saved != NULL)
    refresh_row (self, GTK_WIDGET (button), saved);
}

static GtkWidget *
new_speaker_entry (ClipSidebar *self)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEntryCompletion *completion = gtk_entry_completion_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->speakers));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_inline_completion (completion, TRUE);
  gtk_entry_completion_set_popup_single_match (completion, FALSE);
  gtk_entry_set_completion (GTK_ENTRY (entry), completion);
  g_object_unref (completion);

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Speaker"));
  gtk_entry_set_icon_from_icon_name (GTK_ENTRY (entry), GTK_ENTRY_ICON_PRIMARY, "avatar-default-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Speaker"), -1);
  gtk_widget_set_hexpand (entry, TRUE);
  g_signal_connect_object (entry, "activate", G_CALLBACK (speaker_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (speaker_focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

static GtkWidget *
new_quote_row (ClipSidebar    *self,
               ClipAnnotation *annotation)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = new_label ("clip-highlight-text", 4);
  GtkWidget *orphan = new_orphan_notice ();
  GtkWidget *speaker = new_speaker_entry (self);
  GtkWidget *verified = gtk_check_button_new_with_mnemonic (_("_Verified"));

  row_set_id (row, clip_annotation_get_id (annotation));
  g_object_set_data (G_OBJECT (row), "sidebar", self);
  g_object_set_data (G_OBJECT (row), "text", text);
  g_object_set_data (G_OBJECT (row), "orphan", orphan);
  g_object_set_data (G_OBJECT (row), "speaker", speaker);
  g_object_set_data (G_OBJECT (row), "verified", verified);
  gtk_widget_set_tooltip_text (verified, _("The quote was checked against its source"));
  g_signal_connect_object (verified, "toggled", G_CALLBACK (verified_toggled_cb), self, G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (controls), speaker);
  gtk_box_append (GTK_BOX (controls), verified);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), orphan);
  gtk_box_append (GTK_BOX (box), controls);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  update_quote_row (row, annotation);
  return row;
}

static void
rebuild_quotes_list (ClipSidebar *self)
{
  guint n = 0;

  remove_all_rows (self->quotes_list);
  for (guint i = 0; i < self->annotations->len; i++)
    {
      ClipAnnotation *annotation = g_ptr_array_index (self->annotations, i);

      if (clip_annotation_get_kind (annotation) != CLIP_ANNOTATION_QUOTE)
        continue;
      gtk_list_box_append (self->quotes_list, new_quote_row (self, annotation));
      n++;
    }
  gtk_stack_set_visible_child_name (self->quotes_stack, n > 0 ? "list" : "empty");
}

static void
quotes_list_row_activated_cb (ClipSidebar   *self,
                              GtkListBoxRow *row)
{
  g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, row_get_id (GTK_WIDGET (row)));
}

/* The speaker completion offers the library's people and organisations. */
static void
reload_speakers (ClipSidebar *self,
                 GPtrArray   *entities)
{
  gtk_list_store_clear (self->speakers);
  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      ClipEntity *entity = g_ptr_array_index (entities, i);
      ClipEntityKind kind = clip_entity_get_kind (entity);

      if (kind == CLIP_ENTITY_PERSON || kind == CLIP_ENTITY_ORGANISATION)
        gtk_list_store_insert_with_values (self->speakers, NULL, -1, 0, clip_entity_get_name (entity), -1);
    }
}

/* The Entities page */

typedef struct {
  gint64 id;
  const char *name;
  const char *kind;
  guint mentions;
  const char * const *aliases;
} EntityCount;

static int
entity_kind_rank (const char *kind)
{
  const char * const order[] = { "person", "organisation", "place" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (kind, order[i]) == 0)
      return i;
  return G_N_ELEMENTS (order);
}

static int
compare_entity_counts (gconstpointer a,
                       gconstpointer b)
{
  const EntityCount *x = a;
  const EntityCount *y = b;
  int by_kind = entity_kind_rank (x->kind) - entity_kind_rank (y->kind);

  if (by_kind != 0)
    return by_kind;
  if (x->mentions != y->mentions)
    return x->mentions > y->mentions ? -1 : 1;
  return g_utf8_collate (x->name, y->name);
}

static const char * const *
find_aliases (GPtrArray *entities,
              gint64     id)
{
  for (guint i = 0; entities != NULL && i < entities->len; i++)
    if (clip_entity_get_id (g_ptr_array_index (entities, i)) == id)
      return clip_entity_get_aliases (g_ptr_array_index (entities, i));
  return NULL;
}

/* Counts the entity mentions of the article per entity. */
static GArray *
count_entities (ClipSidebar *self,
                GPtrArray   *entities)
{
  GArray *counts = g_array_new (FALSE, TRUE, sizeof (EntityCount));

  for (guint i = 0; i < self->annotations->len; i++)
    {
      ClipAnnotation *annotation = g_ptr_array_index (self->annotations, i);
      gint64 id = clip_annotation_get_entity_id (annotation);
      guint j;

      if (clip_annotation_get_kind (annotation) != CLIP_ANNOTATION_ENTITY || id <= 0)
        continue;
      for (j = 0; j < counts->len && g_array_index (counts, EntityCount, j).id != id; j++)
        ;
      if (j == counts->len)
        {
          EntityCount count = { id, clip_annotation_get_entity_name (annotation) ?: "",
                                clip_annotation_get_entity_kind (annotation), 0,
                                find_aliases (entities, id) };
          g_array_append_val (counts, count);
        }
      g_array_index (counts, EntityCount, j).mentions++;
    }
  g_array_sort (counts, compare_entity_counts);
  return counts;
}

static void
tag_all_clicked_cb (ClipSidebar *self,
                    GtkButton   *button)
{
  g_signal_emit (self, signals[TAG_ALL_REQUESTED], 0, row_get_id (GTK_WIDGET (button)));
}

static void
entity_row_activated_cb (ClipSidebar  *self,
                         AdwActionRow *row)
{
  g_signal_emit (self, signals[ENTITY_ACTIVATED], 0, row_get_id (GTK_WIDGET (row)));
}

static char *
format_entity_subtitle (const EntityCount *count)
{
  g_autofree char *mentions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mention", "%u mentions",
                                                            count->mentions),
                                               count->mentions);
  g_autofree char *aliases = NULL;

  if (count->aliases == NULL || count->aliases[0] == NULL)
    return g_steal_pointer (&mentions);
  aliases = g_strjoinv (", ", (GStrv)count->aliases);
  /* Translators: "3 mentions · also Putin, V. Putin". */
  return g_strdup_printf (_("%s · also %s"), mentions, aliases);
}

static GtkWidget *
new_entity_row (ClipSidebar       *self,
                const EntityCount *count)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *tag_all = gtk_button_new_with_mnemonic (_("_Tag All"));
  g_autofree char *subtitle = format_entity_subtitle (count);
  g_autofree char *title = g_markup_escape_text (count->name, -1);

  row_set_id (row, count->id);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), entity_kind_icon (count->kind));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Step through its mentions in the article"));
  g_signal_connect_object (row, "activated", G_CALLBACK (entity_row_activated_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_set_tooltip_text (tag_all, _("Tag All Mentions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (tag_all), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tag All Mentions"), -1);
  gtk_widget_set_valign (tag_all, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag_all, "flat");
  g_signal_connect_object (tag_all, "clicked", G_CALLBACK (tag_all_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag_all);
  return row;
}

static const char *
entity_group_title (const char *kind)
{
  if (g_strcmp0 (kind, "person") == 0)
    return _("People");
  if (g_strcmp0 (kind, "organisation") == 0)
    return _("Organisations");
  if (g_strcmp0 (kind, "place") == 0)
    return _("Places");
  return _("Other");
}

static void
rebuild_entities (ClipSidebar *self,
                  GPtrArray   *entities)
{
  g_autoptr(GArray) counts = count_entities (self, entities);
  GtkWidget *child;
  GtkWidget *group = NULL;
  int group_rank = -1;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->entities_box))) != NULL)
    gtk_box_remove (self->entities_box, child);

  for (guint i = 0; i < counts->len; i++)
    {
      const EntityCount *count = &g_array_index (counts, EntityCount, i);

      if (group == NULL || entity_kind_rank (count->kind) != group_rank)
        {
          group_rank = entity_kind_rank (count->kind);
          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), entity_group_title (count->kind));
          gtk_box_append (self->entities_box, group);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), new_entity_row (self, count));
    }
  gtk_stack_set_visible_child_name (self->entities_stack, counts->len > 0 ? "list" : "empty");
}

/* The Info page */

/* Text and HTML came from a file when one is recorded, else they were
 * pasted or dropped. */
static const char *
source_kind_label (const char *kind,
                   const char *file)
{
  gboolean opened = file != NULL && file[0] != '\0';

  if (g_strcmp0 (kind, "url") == 0)
    return _("Web page");
  if (g_strcmp0 (kind, "mhtml") == 0)
    return _("Saved web page (MHTML)");
  if (g_strcmp0 (kind, "html") == 0)
    return opened ? _("HTML file") : _("Pasted HTML");
  if (g_strcmp0 (kind, "text") == 0)
    return opened ? _("Text file") : _("Pasted text");
  if (g_strcmp0 (kind, "sample") == 0)
    return _("Sample article");
  return kind != NULL && kind[0] != '\0' ? kind : _("Unknown");
}

static char *
format_timestamp (const char *iso)
{
  char *human = clip_date_format_human (iso);

  return human != NULL ? human : g_strdup (_("Unknown"));
}

/* The file as its owner names it: a path, or the address of a remote one. */
static void
show_source_file (ClipSidebar *self)
{
  const char *uri = clip_article_get_source_file (self->article);
  g_autoptr(GFile) file = uri != NULL && uri[0] != '\0' ? g_file_new_for_uri (uri) : NULL;
  g_autofree char *name = file != NULL ? g_file_get_parse_name (file) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->file_row), name != NULL);
  adw_action_row_set_subtitle (self->file_row, name != NULL ? name : "");
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
show_provenance (ClipSidebar *self)
{
  ClipArticle *article = self->article;
  const char *sha256 = clip_article_get_original_sha256 (article);
  const char *type = clip_article_get_original_type (article);
  guint status = clip_article_get_http_status (article);
  g_autofree char *captured = format_timestamp (clip_article_get_captured_at (article));
  g_autofree char *http = status > 0 ? g_strdup_printf ("%u", status) : g_strdup (_("None"));
  const char *label = source_kind_label (clip_article_get_source_kind (article),
                                        clip_article_get_source_file (article));
  g_autofree char *kind = NULL;

  if (type != NULL && type[0] != '\0')
    kind = g_strdup_printf ("%s · %s", label, type);
  else
    kind = g_strdup (label);

  adw_action_row_set_subtitle (self->captured_row, captured);
  adw_action_row_set_subtitle (self->http_status_row, http);
  adw_action_row_set_subtitle (self->source_kind_row, kind);
  gtk_label_set_text (self->sha256_label, sha256 != NULL && sha256[0] != '\0' ? sha256 : _("None"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sha256_label), sha256);
  show_source_file (self);
}

static void
reload_info (ClipSidebar *self)
{
  g_auto(GStrv) tags = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *published = NULL;
  g_autoptr(GError) error = NULL;

  if (self->article == NULL)
    {
      gtk_stack_set_visible_child_name (self->info_stack, "empty");
      return;
    }

  set_row_text (self->title_row, clip_article_get_title (self->article));
  set_row_text (self->byline_row, clip_article_get_byline (self->article));
  published = clip_date_format_human (clip_article_get_published (self->article));
  set_row_text (self->published_row, published);
  set_row_text (self->source_url_row, clip_article_get_source_url (self->article));
  set_row_text (self->site_name_row, clip_article_get_site_name (self->article));
  show_provenance (self);

  if (self->store != NULL && self->article_id != 0)
    {
      tags = clip_store_get_article_tags (self->store, self->article_id, &error);
      if (error != NULL)
        show_error (self, error);
    }
  joined = join_tags ((const char * const *)tags);
  set_row_text (self->tags_row, joined);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tags_row), !is_preview (self));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->tags_row),
                               is_preview (self) ? _("Tags can be added once the page is saved") : NULL);
  gtk_stack_set_visible_child_name (self->info_stack, "info");
}

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* The published date reads as a date; what is typed over it is stored
 * as typed (ISO 8601 sorts and filters), and left alone when untouched. */
static char *
published_from_row (ClipSidebar *self)
{
  g_autofree char *typed = row_text (self->published_row);
  const char *stored = clip_article_get_published (self->article);
  g_autofree char *shown = clip_date_format_human (stored);

  if (g_strcmp0 (typed, shown != NULL ? shown : "") == 0)
    return g_strdup (stored);
  return typed[0] != '\0' ? g_steal_pointer (&typed) : NULL;
}

static void
info_row_apply_cb (ClipSidebar *self,
                   AdwEntryRow *row)
{
  g_autofree char *title = row_text (self->title_row);
  g_autofree char *byline = row_text (self->byline_row);
  g_autofree char *published = NULL;
  g_autofree char *source_url = row_text (self->source_url_row);
  g_autofree char *site_name = row_text (self->site_name_row);
  g_autoptr(GError) error = NULL;
  gboolean saved;

  if (self->article == NULL || (self->store == NULL && !is_preview (self)))
    return;

  published = published_from_row (self);
  clip_article_set_title (self->article, title);
  clip_article_set_byline (self->article, byline[0] != '\0' ? byline : NULL);
  clip_article_set_published (self->article, published);
  clip_article_set_source_url (self->article, source_url[0] != '\0' ? source_url : NULL);
  clip_article_set_site_name (self->article, site_name[0] != '\0' ? site_name : NULL);

  /* A preview is saved with what the reader made of it. */
  if (is_preview (self))
    {
      g_signal_emit (self, signals[PREVIEW_EDITED], 0);
      return;
    }

  self->saving_info = TRUE;
  saved = clip_store_update_article_info (self->store, self->article, &error);
  self->saving_info = FALSE;
  if (!saved)
    show_error (self, error);
}

static void
tags_row_apply_cb (ClipSidebar *self,
                   AdwEntryRow *row)
{
  g_auto(GStrv) tags = parse_tags (gtk_editable_get_text (GTK_EDITABLE (row)));
  g_autoptr(GError) error = NULL;
  gboolean saved;

  if (self->store == NULL || self->article_id == 0)
    return;

  self->saving_info = TRUE;
  saved = clip_store_set_article_tags (self->store, self->article_id, (const char * const *)tags, &error);
  self->saving_info = FALSE;
  if (!saved)
    show_error (self, error);
}

/* Loading */

static void
reload_annotations (ClipSidebar *self)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && self->article_id != 0)
    {
      annotations = clip_store_list_annotations (self->store, self->article_id, &error);
      if (annotations == NULL)
        {
          show_error (self, error);
          return;
        }
      entities = clip_store_list_entities (self->store, &error);
      if (entities == NULL)
        show_error (self, error);
    }

  g_clear_pointer (&self->annotations, g_ptr_array_unref);
  self->annotations = annotations != NULL ? g_steal_pointer (&annotations)
                                          : g_ptr_array_new_with_free_func (g_object_unref);

  self->reloading = TRUE;
  if (self->saving_list != self->annotations_list)
    rebuild_annotations_list (self);
  if (self->saving_list != self->quotes_list)
    rebuild_quotes_list (self);
  reload_speakers (self, entities);
  rebuild_entities (self, entities);
  self->reloading = FALSE;
}

static void
load_article (ClipSidebar *self)
{
  g_autoptr(GError) error = NULL;
  ClipArticle *article = NULL;

  if (self->store != NULL && self->article_id != 0)
    {
      article = clip_store_get_article (self->store, self->article_id, &error);
      if (article == NULL && !g_error_matches (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_NOT_FOUND))
        show_error (self, error);
      if (article == NULL)
        return;
      g_clear_object (&self->article);
      self->article = article;
    }
  reload_info (self);
}

static void
annotations_changed_cb (ClipSidebar *self,
                        gint64       article_id,
                        ClipStore   *store)
{
  if (article_id == self->article_id && article_id != 0 && !self->reloading)
    reload_annotations (self);
}

static void
articles_changed_cb (ClipSidebar *self,
                     ClipStore   *store)
{
  /* The sidebar's own save leaves the rows as the reader typed them. */
  if (self->article_id != 0 && !self->saving_info)
    load_article (self);
}

/* Selecting and scrolling */

static gboolean
scroll_to_selected_cb (GtkWidget     *widget,
                       GdkFrameClock *clock,
                       gpointer       user_data)
{
  ClipSidebar *self = CLIP_SIDEBAR (widget);
  GtkWidget *row = find_row (self->annotations_list, self->selected_id);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->annotations_scroller);
  graphene_rect_t bounds;
  double top, bottom, value, page;

  if (row == NULL)
    goto done;
  /* Rows made a moment ago have no size until the next layout. */
  if (!gtk_widget_get_mapped (row) || gtk_widget_get_height (row) == 0)
    return G_SOURCE_CONTINUE;
  if (!gtk_widget_compute_bounds (row, GTK_WIDGET (self->annotations_list), &bounds))
    goto done;

  top = bounds.origin.y + gtk_widget_get_margin_top (GTK_WIDGET (self->annotations_list));
  bottom = top + bounds.size.height;
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (top < value || bottom - top > page)
    gtk_adjustment_set_value (adjustment, top - 12);
  else if (bottom > value + page)
    gtk_adjustment_set_value (adjustment, bottom - page + 12);

done:
  self->scroll_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
visible_page_changed_cb (ClipSidebar *self)
{
  AdwViewStackPage *page;

  page = adw_view_stack_get_page (self->stack, adw_view_stack_get_visible_child (self->stack));
  if (page != NULL)
    adw_view_switcher_title_set_title (self->switcher_title, adw_view_stack_page_get_title (page));
}

/* GObject */

static void
clip_sidebar_dispose (GObject *object)
{
  ClipSidebar *self = (ClipSidebar *)object;

  /* Editors that lose focus as they go must not save. */
  self->reloading = TRUE;
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLIP_TYPE_SIDEBAR);
  g_clear_object (&self->article);
  g_clear_object (&self->speakers);
  g_clear_pointer (&self->annotations, g_ptr_array_unref);

  G_OBJECT_CLASS (clip_sidebar_parent_class)->dispose (object);
}

static void
clip_sidebar_finalize (GObject *object)
{
  ClipSidebar *self = (ClipSidebar *)object;

  g_strfreev (self->color_names);

  G_OBJECT_CLASS (clip_sidebar_parent_class)->finalize (object);
}

static void
add_id_signal (guint      *signal,
               const char *name)
{
  *signal = g_signal_new (name, CLIP_TYPE_SIDEBAR, G_SIGNAL_RUN_LAST,
                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
clip_sidebar_class_init (ClipSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clip_sidebar_dispose;
  object_class->finalize = clip_sidebar_finalize;

  /* Each carries an annotation's or an entity's id. */
  add_id_signal (&signals[ANNOTATION_ACTIVATED], "annotation-activated");
  add_id_signal (&signals[ENTITY_ACTIVATED], "entity-activated");
  add_id_signal (&signals[DELETE_REQUESTED], "delete-requested");
  add_id_signal (&signals[TAG_ALL_REQUESTED], "tag-all-requested");
  add_id_signal (&signals[COPY_REQUESTED], "copy-requested");

  /**
   * ClipSidebar::message:
   * @text: what went wrong, for a toast
   */
  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /* The details of a preview were edited (on its article). */
  signals[PREVIEW_EDITED] =
    g_signal_new ("preview-edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/clip-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, annotations_stack);
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, annotations_empty);
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, annotations_scroller);
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, annotations_list);
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, quotes_stack);
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, quotes_list);
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, entities_stack);
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, entities_box);
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, info_stack);
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, title_row);
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, byline_row);
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, published_row);
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, source_url_row);
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, site_name_row);
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, tags_row);
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, captured_row);
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, http_status_row);
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, source_kind_row);
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, file_row);
  gtk_widget_class_bind_template_child (widget_class, ClipSidebar, sha256_label);
  gtk_widget_class_bind_template_callback (widget_class, annotations_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, quotes_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, info_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, tags_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, visible_page_changed_cb);
}

static void
clip_sidebar_init (ClipSidebar *self)
{
  self->annotations = g_ptr_array_new_with_free_func (g_object_unref);
  self->speakers = gtk_list_store_new (1, G_TYPE_STRING);
  gtk_widget_init_template (GTK_WIDGET (self));
  visible_page_changed_cb (self);
}

/* Public API */

GtkWidget *
clip_sidebar_new (void)
{
  return g_object_new (CLIP_TYPE_SIDEBAR, NULL);
}

void
clip_sidebar_set_store (ClipSidebar *self,
                        ClipStore   *store)
{
  g_return_if_fail (CLIP_IS_SIDEBAR (self));
  g_return_if_fail (store == NULL || CLIP_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_object (store, "annotations-changed",
                               G_CALLBACK (annotations_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "articles-changed",
                               G_CALLBACK (articles_changed_cb), self, G_CONNECT_SWAPPED);
    }
  load_article (self);
  reload_annotations (self);
}

void
clip_sidebar_set_article (ClipSidebar *self,
                          ClipArticle *article)
{
  g_return_if_fail (CLIP_IS_SIDEBAR (self));
  g_return_if_fail (article == NULL || CLIP_IS_ARTICLE (article));

  if (article == NULL || clip_article_get_id (article) != self->article_id)
    {
      self->expanded_id = 0;
      self->selected_id = 0;
    }
  self->article_id = article != NULL ? clip_article_get_id (article) : 0;
  g_set_object (&self->article, article);
  load_article (self);
  reload_annotations (self);
}

void
clip_sidebar_select_annotation (ClipSidebar *self,
                                gint64       id)
{
  GtkWidget *row;

  g_return_if_fail (CLIP_IS_SIDEBAR (self));

  row = find_row (self->annotations_list, id);
  if (row == NULL)
    return;

  self->selected_id = id;
  adw_view_stack_set_visible_child_name (self->stack, "annotations");
  gtk_list_box_select_row (self->annotations_list, GTK_LIST_BOX_ROW (row));
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_selected_cb, NULL, NULL);
}

guint
clip_sidebar_get_n_annotations (ClipSidebar *self)
{
  g_return_val_if_fail (CLIP_IS_SIDEBAR (self), 0);
  return self->n_annotation_rows;
}

GtkWidget *
clip_sidebar_get_page (ClipSidebar *self,
                       const char  *name)
{
  g_return_val_if_fail (CLIP_IS_SIDEBAR (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return adw_view_stack_get_child_by_name (self->stack, name);
}

void
clip_sidebar_set_visible_page (ClipSidebar *self,
                               const char  *name)
{
  g_return_if_fail (CLIP_IS_SIDEBAR (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, name);
}

void
clip_sidebar_set_color_names (ClipSidebar        *self,
                              const char * const *names)
{
  g_return_if_fail (CLIP_IS_SIDEBAR (self));

  g_strfreev (self->color_names);
  self->color_names = g_strdupv ((GStrv)names);
  reload_annotations (self);
}
