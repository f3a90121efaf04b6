/* clip-window-annotate.c: marking up the selection, undo and redo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "clip-reanchor.h"
#include "clip-window-private.h"

static const char *
color_name (guint color)
{
  static const char * const names[] = { N_("Yellow"), N_("Orange"), N_("Green"), N_("Blue"), N_("Purple") };

  return _(names[CLAMP (color, 1, 5) - 1]);
}

/* One change to one annotation: before NULL is an addition, after NULL a
 * deletion, both set an edit. */
typedef struct {
  ClipAnnotation *before;
  ClipAnnotation *after;
} ClipEdit;

static void
clip_edit_free (ClipEdit *edit)
{
  g_clear_object (&edit->before);
  g_clear_object (&edit->after);
  g_free (edit);
}

static void
add_edit (GPtrArray      *group,
          ClipAnnotation *before,
          ClipAnnotation *after)
{
  ClipEdit *edit = g_new0 (ClipEdit, 1);

  edit->before = before ? clip_annotation_copy (before) : NULL;
  edit->after = after ? clip_annotation_copy (after) : NULL;
  g_ptr_array_add (group, edit);
}

static ClipAnnotation *
find_by_id (GPtrArray *annotations,
            gint64     id)
{
  for (guint i = 0; i < annotations->len; i++)
    if (clip_annotation_get_id (g_ptr_array_index (annotations, i)) == id)
      return g_ptr_array_index (annotations, i);
  return NULL;
}

void
clip_window_record_changes (ClipWindow *self,
                            GListModel *before,
                            GPtrArray  *after)
{
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) group = g_ptr_array_new_with_free_func ((GDestroyNotify)clip_edit_free);

  if (self->replaying)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (before); i++)
    g_ptr_array_add (old, g_list_model_get_item (before, i));

  for (guint i = 0; i < old->len; i++)
    {
      ClipAnnotation *was = g_ptr_array_index (old, i);
      ClipAnnotation *is = find_by_id (after, clip_annotation_get_id (was));

      if (is == NULL)
        add_edit (group, was, NULL);
      else if (!clip_annotation_equal (was, is))
        add_edit (group, was, is);
    }

  for (guint i = 0; i < after->len; i++)
    if (find_by_id (old, clip_annotation_get_id (g_ptr_array_index (after, i))) == NULL)
      add_edit (group, NULL, g_ptr_array_index (after, i));

  if (group->len == 0)
    return;

  g_ptr_array_add (self->undo_stack, g_steal_pointer (&group));
  g_ptr_array_set_size (self->redo_stack, 0);
  clip_window_update_actions (self);
}

static void
original_text_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ClipWindow) self = user_data;
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) changed = NULL;
  g_autofree char *text = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->highlights));

  text = clip_article_view_get_text_finish (CLIP_ARTICLE_VIEW (object), result, NULL);
  if (text == NULL || g_strcmp0 (self->view_mode, "original") != 0)
    return;

  /* Copies: the page's offsets are for showing, not for keeping. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClipAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (self->highlights), i);
      g_ptr_array_add (copies, clip_annotation_copy (annotation));
    }

  changed = clip_reanchor (text, copies);
  clip_article_view_set_highlights (self->view, copies);
}

void
clip_window_mark_original (ClipWindow *self)
{
  if (g_strcmp0 (self->view_mode, "original") != 0 || !clip_article_view_get_ready (self->view))
    return;

  clip_article_view_get_text_async (self->view, NULL, original_text_cb, g_object_ref (self));
}

void
clip_window_forget_history (ClipWindow *self)
{
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
}

/* Puts the store back to "target" for one edit. */
static gboolean
apply_side (ClipWindow      *self,
            ClipAnnotation  *current,
            ClipAnnotation  *target,
            GError         **error)
{
  g_autoptr(ClipAnnotation) copy = NULL;

  if (target == NULL)
    return clip_store_delete_annotation (self->store, clip_annotation_get_id (current), error);

  copy = clip_annotation_copy (target);
  if (current == NULL)
    return clip_store_restore_annotation (self->store, copy, error);
  return clip_store_update_annotation (self->store, copy, error);
}

static void
replay (ClipWindow *self,
        GPtrArray  *from,
        GPtrArray  *to,
        gboolean    backwards)
{
  g_autoptr(GPtrArray) group = NULL;
  g_autoptr(GError) error = NULL;

  if (from->len == 0)
    return;

  group = g_ptr_array_steal_index (from, from->len - 1);
  self->replaying = TRUE;
  for (guint n = 0; n < group->len && error == NULL; n++)
    {
      ClipEdit *edit = g_ptr_array_index (group, backwards ? group->len - 1 - n : n);

      if (backwards)
        apply_side (self, edit->after, edit->before, &error);
      else
        apply_side (self, edit->before, edit->after, &error);
    }
  self->replaying = FALSE;

  if (error != NULL)
    clip_window_show_toast (self, error->message);
  g_ptr_array_add (to, g_steal_pointer (&group));
  clip_window_update_actions (self);
}

static void
undo_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);

  replay (self, self->undo_stack, self->redo_stack, TRUE);
}

static void
redo_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);

  replay (self, self->redo_stack, self->undo_stack, FALSE);
}

/* "Putin" tagged as a person links to the one known person whose name
 * holds it as a word ("Vladimir Putin"), as an alias. */
static ClipEntity *
entity_for_mention (ClipWindow  *self,
                    const char  *mention,
                    const char  *kind,
                    char       **linked_to,
                    GError     **error)
{
  g_autoptr(GPtrArray) entities = NULL;
  ClipEntity *entity = clip_store_find_entity (self->store, mention, kind, error);
  ClipEntity *candidate = NULL;

  if (entity != NULL || (error != NULL && *error != NULL))
    return entity;

  entities = clip_store_list_entities (self->store, error);
  if (entities == NULL)
    return NULL;
  for (guint i = 0; i < entities->len; i++)
    {
      ClipEntity *known = g_ptr_array_index (entities, i);
      g_autoptr(GArray) mentions = NULL;
      g_autoptr(ClipEntity) probe = NULL;
      const char *one[] = { NULL };

      if (g_strcmp0 (clip_entity_kind_to_string (clip_entity_get_kind (known)), kind) != 0)
        continue;

      /* Does the mention stand as whole words inside the known name? */
      probe = clip_entity_new (mention, clip_entity_get_kind (known));
      clip_entity_set_aliases (probe, one);
      mentions = clip_entity_find_mentions (probe, clip_entity_get_name (known));
      if (mentions->len == 0)
        continue;
      if (candidate != NULL)
        return clip_store_ensure_entity (self->store, mention, kind, error);
      candidate = known;
    }

  if (candidate == NULL)
    return clip_store_ensure_entity (self->store, mention, kind, error);

  if (!clip_store_add_entity_alias (self->store, clip_entity_get_id (candidate), mention, error))
    return NULL;
  *linked_to = g_strdup (clip_entity_get_name (candidate));
  return g_object_ref (candidate);
}

/* kind is "color:N", "quote", "entity:KIND" or "note". */
static gboolean
prepare_annotation (ClipWindow      *self,
                    ClipAnnotation **annotation,
                    const char      *kind,
                    const char      *text,
                    ClipSelection   *selection,
                    GError         **error)
{
  g_autofree char *linked_to = NULL;

  if (g_str_has_prefix (kind, "color:"))
    {
      *annotation = clip_annotation_new_for_range (CLIP_ANNOTATION_HIGHLIGHT, text, selection->start, selection->end);
      if (*annotation != NULL)
        clip_annotation_set_color (*annotation, CLAMP (g_ascii_strtoull (kind + 6, NULL, 10), 1, 5));
    }
  else if (g_str_equal (kind, "quote"))
    {
      *annotation = clip_annotation_new_for_range (CLIP_ANNOTATION_QUOTE, text, selection->start, selection->end);
      if (*annotation != NULL)
        clip_annotation_set_quote_status (*annotation, "unverified");
    }
  else if (g_str_has_prefix (kind, "entity:"))
    {
      g_autoptr(ClipEntity) entity = NULL;

      *annotation = clip_annotation_new_for_range (CLIP_ANNOTATION_ENTITY, text, selection->start, selection->end);
      if (*annotation == NULL)
        return TRUE;
      entity = entity_for_mention (self, clip_annotation_get_exact (*annotation), kind + 7, &linked_to, error);
      if (entity == NULL)
        return FALSE;
      clip_annotation_set_entity (*annotation, clip_entity_get_id (entity), clip_entity_get_name (entity), kind + 7);
      if (linked_to != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is now known as a name of %s"),
                                                      clip_annotation_get_exact (*annotation), linked_to);
          clip_window_show_toast (self, message);
        }
    }
  else if (g_str_equal (kind, "note"))
    {
      *annotation = clip_annotation_new_for_range (CLIP_ANNOTATION_NOTE, text, selection->start, selection->end);
    }

  return TRUE;
}

typedef struct {
  ClipWindow *window;
  const char *kind;
  ClipSelection *selection;
  ClipAnnotation *annotation;
} MarkSelection;

/* The entity or alias a mark makes and the mark itself: one transaction,
 * so that a failure (or a kill) between them leaves neither. */
static gboolean
mark_selection (ClipStore  *store,
                gpointer    data,
                GError    **error)
{
  MarkSelection *mark = data;
  ClipWindow *self = mark->window;

  if (!prepare_annotation (self, &mark->annotation, mark->kind, clip_article_get_text (self->article),
                           mark->selection, error))
    return FALSE;

  /* The quote and its context come from the stored text; the page's word
   * is only checked against it. */
  if (mark->annotation == NULL ||
      g_strcmp0 (clip_annotation_get_exact (mark->annotation), mark->selection->exact) != 0)
    {
      g_warning ("The annotator reported a selection that is not in the article text");
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The selection could not be read"));
      return FALSE;
    }

  clip_annotation_set_article_id (mark->annotation, clip_article_get_id (self->article));
  return clip_store_add_annotation (store, mark->annotation, error);
}

static void
annotate_selection_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ClipWindow *self = g_task_get_source_object (task);
  g_autoptr(ClipSelection) selection = NULL;
  g_autoptr(GError) error = NULL;
  MarkSelection mark = { self, g_task_get_task_data (task), NULL, NULL };

  selection = clip_article_view_get_selection_finish (CLIP_ARTICLE_VIEW (object), result, &error);
  if (selection == NULL || self->article == NULL)
    {
      if (error != NULL)
        clip_window_show_toast (self, error->message);
      return;
    }

  mark.selection = selection;
  if (!clip_store_run_in_transaction (self->store, mark_selection, &mark, &error))
    clip_window_show_toast (self, error->message);
  else
    gtk_popover_popdown (GTK_POPOVER (self->mark_popover));
  g_clear_object (&mark.annotation);
}

static gboolean
is_annotation_kind (const char *kind)
{
  static const char * const kinds[] = {
    "color:1", "color:2", "color:3", "color:4", "color:5", "quote", "note",
    "entity:person", "entity:organisation", "entity:place", "entity:other",
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
annotate_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  GTask *task;

  if (!is_annotation_kind (kind))
    return;

  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_task_data (task, g_strdup (kind), g_free);
  clip_article_view_get_selection_async (self->view, NULL, annotate_selection_cb, task);
}

static void
tag_all_mentions (ClipWindow *self,
                  gint64      entity_id)
{
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) mentions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  ClipEntity *entity = NULL;
  const char *text;

  if (self->article == NULL)
    return;

  entities = clip_store_list_entities (self->store, &error);
  for (guint i = 0; entities != NULL && i < entities->len; i++)
    if (clip_entity_get_id (g_ptr_array_index (entities, i)) == entity_id)
      entity = g_ptr_array_index (entities, i);
  existing = clip_store_list_annotations (self->store, clip_article_get_id (self->article), &error);
  if (entity == NULL || existing == NULL)
    return;

  text = clip_article_get_text (self->article);
  mentions = clip_entity_find_mentions (entity, text);
  for (guint i = 0; i + 1 < mentions->len; i += 2)
    {
      glong start = g_array_index (mentions, glong, i);
      glong end = g_array_index (mentions, glong, i + 1);
      gboolean tagged = FALSE;
      ClipAnnotation *annotation;

      for (guint j = 0; j < existing->len && !tagged; j++)
        {
          ClipAnnotation *a = g_ptr_array_index (existing, j);
          tagged = clip_annotation_get_entity_id (a) == entity_id &&
                   clip_annotation_get_start (a) < end && clip_annotation_get_end (a) > start;
        }
      if (tagged)
        continue;

      annotation = clip_annotation_new_for_range (CLIP_ANNOTATION_ENTITY, text, start, end);
      clip_annotation_set_article_id (annotation, clip_article_get_id (self->article));
      clip_annotation_set_entity (annotation, entity_id, clip_entity_get_name (entity),
                                  clip_entity_kind_to_string (clip_entity_get_kind (entity)));
      g_ptr_array_add (added, annotation);
    }

  if (!clip_store_add_annotations (self->store, added, &error))
    {
      clip_window_show_toast (self, error->message);
      return;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Tagged %u more mention of %s",
                                          "Tagged %u more mentions of %s", added->len),
                             added->len, clip_entity_get_name (entity));
  clip_window_show_toast (self, message);
}

static void
tag_all_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  tag_all_mentions (CLIP_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
step_entity_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);

  clip_article_view_step_entity (self->view, g_variant_get_int64 (parameter));
}

static void
color_names_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         ClipWindow       *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  if (!g_str_equal (response, "save"))
    return;

  for (guint color = 1; color <= 5; color++)
    {
      g_autofree char *key = g_strdup_printf ("clip-color-%u", color);
      GtkEditable *row = g_object_get_data (G_OBJECT (dialog), key);
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (row)));

      g_strv_builder_add (builder, name[0] != '\0' ? name : color_name (color));
    }

  names = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "color-names", (const char * const *)names);
}

static void
edit_colors_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ClipWindow *self = CLIP_WINDOW (widget);
  g_auto(GStrv) names = g_settings_get_strv (self->settings, "color-names");
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Colour Meanings"),
                                              _("Say what each highlight colour means to you."));
  GtkWidget *list = gtk_list_box_new ();

  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  for (guint color = 1; color <= 5; color++)
    {
      g_autofree char *key = g_strdup_printf ("clip-color-%u", color);
      g_autofree char *css = g_strdup_printf ("color-%u", color);
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

      gtk_widget_set_size_request (chip, 16, 16);
      gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (chip, "clip-chip");
      gtk_widget_add_css_class (chip, css);
      adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), chip);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), color_name (color));
      gtk_editable_set_text (GTK_EDITABLE (row), g_strv_length (names) >= color ? names[color - 1] : "");
      g_object_set_data (G_OBJECT (dialog), key, row);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_signal_connect_object (dialog, "response", G_CALLBACK (color_names_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
popover_button (const char *label,
                const char *tooltip,
                const char *target)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.annotate");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

/* The tooltips say what each colour means to this reader. */
static void
update_color_tooltips (ClipWindow *self)
{
  g_auto(GStrv) names = g_settings_get_strv (self->settings, "color-names");

  for (guint color = 1; color <= 5; color++)
    {
      g_autofree char *key = g_strdup_printf ("clip-color-%u", color);
      GtkWidget *button = g_object_get_data (G_OBJECT (self->mark_popover), key);
      const char *meaning = g_strv_length (names) >= color ? names[color - 1] : color_name (color);
      g_autofree char *tooltip = g_strdup_printf ("%s (%u)", meaning, color);

      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, meaning, -1);
    }
}

static GtkWidget *
color_button (ClipWindow *self,
              guint       color)
{
  g_autofree char *target = g_strdup_printf ("color:%u", color);
  g_autofree char *css = g_strdup_printf ("color-%u", color);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_set_size_request (chip, 18, 18);
  gtk_widget_add_css_class (chip, "clip-chip");
  gtk_widget_add_css_class (chip, css);
  gtk_button_set_child (GTK_BUTTON (button), chip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.annotate");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  return button;
}

static GtkWidget *
build_popover (ClipWindow *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *colors = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *kinds = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);

  for (guint color = 1; color <= 5; color++)
    {
      g_autofree char *key = g_strdup_printf ("clip-color-%u", color);
      GtkWidget *button = color_button (self, color);

      g_object_set_data (G_OBJECT (popover), key, button);
      gtk_box_append (GTK_BOX (colors), button);
    }
  gtk_box_append (GTK_BOX (colors), popover_button (_("Note"), _("Add a note (N)"), "note"));
  gtk_box_append (GTK_BOX (kinds), popover_button (_("Quote"), _("Mark as a quote (Q)"), "quote"));
  gtk_box_append (GTK_BOX (kinds), popover_button (_("Person"), _("Tag a person (P)"), "entity:person"));
  gtk_box_append (GTK_BOX (kinds), popover_button (_("Organisation"), _("Tag an organisation (O)"), "entity:organisation"));
  gtk_box_append (GTK_BOX (kinds), popover_button (_("Place"), _("Tag a place (L)"), "entity:place"));
  gtk_box_append (GTK_BOX (kinds), popover_button (_("Other"), _("Tag something else (E)"), "entity:other"));
  gtk_box_append (GTK_BOX (box), colors);
  gtk_box_append (GTK_BOX (box), kinds);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  /* It must not take the keyboard from the article: keys mark. */
  gtk_popover_set_autohide (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_parent (popover, GTK_WIDGET (self->view));
  return popover;
}

static void
selection_changed_cb (ClipWindow      *self,
                      GParamSpec      *pspec,
                      ClipArticleView *view)
{
  GdkRectangle rect;
  gboolean reader = g_strcmp0 (self->view_mode, "reader") == 0;

  if (reader && self->article != NULL && !clip_window_is_previewing (self) &&
      clip_article_view_get_selection_rect (view, &rect))
    {
      int width = gtk_widget_get_width (GTK_WIDGET (view));
      int height = gtk_widget_get_height (GTK_WIDGET (view));

      /* The page says where; it is kept inside the view all the same. */
      rect.x = CLAMP (rect.x, 0, MAX (width - 1, 0));
      rect.y = CLAMP (rect.y, 0, MAX (height - 1, 0));
      rect.width = CLAMP (rect.width, 1, MAX (width - rect.x, 1));
      rect.height = CLAMP (rect.height, 1, MAX (height - rect.y, 1));
      gtk_popover_set_pointing_to (GTK_POPOVER (self->mark_popover), &rect);
      gtk_popover_popup (GTK_POPOVER (self->mark_popover));
      gtk_popover_present (GTK_POPOVER (self->mark_popover));
    }
  else
    {
      gtk_popover_popdown (GTK_POPOVER (self->mark_popover));
    }
}

/* One key marks the selection while the article has one: 1–5 colours,
 * Q quote, P/O/L/E entities, N note. Text fields keep their keys. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                ClipWindow            *self)
{
  static const struct { guint keyval; const char *kind; } keys[] = {
    { GDK_KEY_1, "color:1" }, { GDK_KEY_2, "color:2" }, { GDK_KEY_3, "color:3" },
    { GDK_KEY_4, "color:4" }, { GDK_KEY_5, "color:5" }, { GDK_KEY_q, "quote" },
    { GDK_KEY_p, "entity:person" }, { GDK_KEY_o, "entity:organisation" },
    { GDK_KEY_l, "entity:place" }, { GDK_KEY_e, "entity:other" }, { GDK_KEY_n, "note" },
  };
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 ||
      !gtk_widget_is_sensitive (GTK_WIDGET (self)) ||
      (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus))) ||
      !self->can_annotate)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (gdk_keyval_to_lower (keyval) == keys[i].keyval)
      return gtk_widget_activate_action (GTK_WIDGET (self), "win.annotate", "s", keys[i].kind);

  return FALSE;
}

GtkWidget *
clip_window_get_mark_popover (ClipWindow *self)
{
  g_return_val_if_fail (CLIP_IS_WINDOW (self), NULL);
  return self->mark_popover;
}

void
clip_window_annotate_init (ClipWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  self->mark_popover = build_popover (self);
  update_color_tooltips (self);
  g_signal_connect_object (self->settings, "changed::color-names",
                           G_CALLBACK (update_color_tooltips), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->view, "notify::has-selection",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

void
clip_window_annotate_dispose (ClipWindow *self)
{
  if (self->mark_popover != NULL)
    gtk_widget_unparent (self->mark_popover);
  self->mark_popover = NULL;
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
}

void
clip_window_class_annotate_init (ClipWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.annotate", "s", annotate_action_cb);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action_cb);
  gtk_widget_class_install_action (widget_class, "win.edit-colors", NULL, edit_colors_action_cb);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action_cb);
  gtk_widget_class_install_action (widget_class, "win.tag-all-mentions", "x", tag_all_action_cb);
  gtk_widget_class_install_action (widget_class, "win.step-entity", "x", step_entity_action_cb);
}
