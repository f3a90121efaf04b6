/* clip-article-view.c: the WebKit view of a stored article
 *
 * Page scripts never run here (enable-javascript-markup is off) and a
 * content-security policy lets the page load only clip: and data:. The
 * annotator runs in its own script world; what it sends is validated here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "clip-json.h"
#include "clip-article-view.h"
#include "clip-web-resources.h"
#include "clip-scheme.h"

#define ANNOTATOR_RESOURCE RESOURCE_PREFIX "/web/annotator.js"
#define MESSAGE_HANDLER "clip"

struct _ClipArticleView
{
  WebKitWebView parent_instance;

  gint64 article_id;
  gboolean ready;
  gboolean has_selection;
  GdkRectangle selection_rect;
  /* A range to show once the article is ready; start < 0 for none. */
  glong reveal_start;
  glong reveal_end;
  /* The highlights as the JSON array annotator.js takes. */
  char *highlights_json;
  /* The page the app asked for: the only one the view may show. */
  char *expected_uri;
};

G_DEFINE_FINAL_TYPE (ClipArticleView, clip_article_view, WEBKIT_TYPE_WEB_VIEW)
G_DEFINE_QUARK (clip-article-view-error-quark, clip_article_view_error)

enum {
  PROP_0,
  PROP_ARTICLE_ID,
  PROP_READY,
  PROP_HAS_SELECTION,
  N_PROPS
};

enum {
  ANNOTATION_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
clip_selection_free (ClipSelection *selection)
{
  if (selection == NULL)
    return;

  g_free (selection->exact);
  g_free (selection->prefix);
  g_free (selection->suffix);
  g_free (selection);
}

static void
set_ready (ClipArticleView *self,
           gboolean         ready)
{
  if (self->ready == ready)
    return;

  self->ready = ready;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

static void
set_has_selection (ClipArticleView *self,
                   gboolean         has_selection)
{
  if (self->has_selection == has_selection)
    return;

  self->has_selection = has_selection;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_SELECTION]);
}

static void
run_annotator (ClipArticleView *self,
               const char      *script)
{
  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (self), script, -1,
                                       CLIP_SCRIPT_WORLD, NULL, NULL, NULL, NULL);
}

static void
apply_reveal (ClipArticleView *self)
{
  g_autofree char *script = NULL;

  if (!self->ready || self->reveal_start < 0)
    return;

  script = g_strdup_printf ("clipAnnotator.revealRange(%ld, %ld);", self->reveal_start, self->reveal_end);
  self->reveal_start = -1;
  run_annotator (self, script);
}

static void
apply_highlights (ClipArticleView *self)
{
  g_autofree char *script = NULL;

  if (!self->ready || self->highlights_json == NULL)
    return;

  script = g_strdup_printf ("clipAnnotator.setHighlights(%s);", self->highlights_json);
  run_annotator (self, script);
}

/* A rectangle from the page, clamped to sane values. */
static void
rect_from_json (JsonObject   *object,
                GdkRectangle *rect)
{
  rect->x = CLAMP (json_object_get_double_member_with_default (object, "x", 0), -100000, 100000);
  rect->y = CLAMP (json_object_get_double_member_with_default (object, "y", 0), -100000, 100000);
  rect->width = CLAMP (json_object_get_double_member_with_default (object, "width", 1), 1, 100000);
  rect->height = CLAMP (json_object_get_double_member_with_default (object, "height", 1), 1, 100000);
}

/* Everything from the annotator is untrusted input: a message of an
 * unknown shape is dropped with a warning. */
static void
handle_message (ClipArticleView *self,
                JsonObject      *message)
{
  const char *type = json_object_get_string_member_with_default (message, "type", "");

  if (g_str_equal (type, "ready"))
    {
      set_ready (self, TRUE);
      apply_highlights (self);
      apply_reveal (self);
    }
  else if (g_str_equal (type, "selection"))
    {
      gboolean has_selection = !json_object_get_boolean_member_with_default (message, "empty", TRUE);

      if (has_selection && json_object_has_member (message, "rect") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (message, "rect")))
        rect_from_json (json_object_get_object_member (message, "rect"), &self->selection_rect);
      /* Notified even when it stays TRUE: the selection moved. */
      self->has_selection = !has_selection;
      set_has_selection (self, has_selection);
    }
  else if (g_str_equal (type, "mark-activated"))
    {
      gint64 id = json_object_get_int_member_with_default (message, "id", 0);

      if (id > 0)
        g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, id);
    }
  else
    {
      g_warning ("Ignoring an annotator message of unknown type “%s”", type);
    }
}

static void
script_message_received_cb (WebKitUserContentManager *manager,
                            JSCValue                 *value,
                            ClipArticleView          *self)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (!jsc_value_is_object (value))
    {
      g_warning ("Ignoring an annotator message that is not an object");
      return;
    }

  json = jsc_value_to_json (value, 0);
  node = clip_json_from_string (json, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_warning ("Ignoring an annotator message that is not JSON");
      return;
    }

  handle_message (self, json_node_get_object (node));
}

static void
load_changed_cb (ClipArticleView *self,
                 WebKitLoadEvent  event)
{
  if (event == WEBKIT_LOAD_STARTED)
    {
      set_ready (self, FALSE);
      set_has_selection (self, FALSE);
    }
}

static void
open_externally (const char *uri)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_has_prefix (uri, "http://") && !g_str_has_prefix (uri, "https://") &&
      !g_str_has_prefix (uri, "mailto:"))
    return;

  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    g_warning ("Cannot open %s: %s", uri, error->message);
}

/* The view only ever shows the page that the app asked for: a script, a
 * form or a redirect cannot take it to another clip:// page (another
 * clipping's original, a raw part). Links go to the user's browser. */
static gboolean
decide_policy_cb (ClipArticleView          *self,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type)
{
  WebKitNavigationAction *action;
  WebKitNavigationType navigation;
  const char *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));
  navigation = webkit_navigation_action_get_navigation_type (action);

  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      (navigation == WEBKIT_NAVIGATION_TYPE_OTHER || navigation == WEBKIT_NAVIGATION_TYPE_RELOAD) &&
      !webkit_navigation_action_is_redirect (action) &&
      g_strcmp0 (uri, self->expected_uri) == 0)
    {
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  /* A link the reader followed; a form or a script does not count. */
  if (navigation == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED && webkit_navigation_action_is_user_gesture (action))
    open_externally (uri);
  webkit_policy_decision_ignore (decision);
  return TRUE;
}

static gboolean
context_menu_cb (ClipArticleView     *self,
                 WebKitContextMenu   *menu,
                 WebKitHitTestResult *hit)
{
  GList *items = webkit_context_menu_get_items (menu);

  /* Navigation and inspection make no sense for a stored article. */
  for (GList *l = items; l != NULL;)
    {
      WebKitContextMenuItem *item = l->data;
      WebKitContextMenuAction action = webkit_context_menu_item_get_stock_action (item);

      l = l->next;
      if (action == WEBKIT_CONTEXT_MENU_ACTION_RELOAD ||
          action == WEBKIT_CONTEXT_MENU_ACTION_GO_BACK ||
          action == WEBKIT_CONTEXT_MENU_ACTION_GO_FORWARD ||
          action == WEBKIT_CONTEXT_MENU_ACTION_STOP ||
          action == WEBKIT_CONTEXT_MENU_ACTION_INSPECT_ELEMENT ||
          action == WEBKIT_CONTEXT_MENU_ACTION_OPEN_LINK_IN_NEW_WINDOW ||
          action == WEBKIT_CONTEXT_MENU_ACTION_DOWNLOAD_LINK_TO_DISK ||
          action == WEBKIT_CONTEXT_MENU_ACTION_OPEN_IMAGE_IN_NEW_WINDOW ||
          action == WEBKIT_CONTEXT_MENU_ACTION_DOWNLOAD_IMAGE_TO_DISK)
        webkit_context_menu_remove (menu, item);
    }

  return FALSE;
}

static void
clip_article_view_constructed (GObject *object)
{
  ClipArticleView *self = CLIP_ARTICLE_VIEW (object);
  WebKitUserContentManager *manager;
  g_autoptr(GBytes) source = NULL;
  g_autoptr(WebKitUserScript) script = NULL;

  G_OBJECT_CLASS (clip_article_view_parent_class)->constructed (object);

  manager = webkit_web_view_get_user_content_manager (WEBKIT_WEB_VIEW (self));
  source = g_resources_lookup_data (ANNOTATOR_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (source != NULL);

  script = webkit_user_script_new_for_world (g_bytes_get_data (source, NULL),
                                             WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_END,
                                             CLIP_SCRIPT_WORLD, NULL, NULL);
  webkit_user_content_manager_add_script (manager, script);
  webkit_user_content_manager_register_script_message_handler (manager, MESSAGE_HANDLER,
                                                               CLIP_SCRIPT_WORLD);
  g_signal_connect_object (manager, "script-message-received::" MESSAGE_HANDLER,
                           G_CALLBACK (script_message_received_cb), self, 0);

  g_signal_connect (self, "load-changed", G_CALLBACK (load_changed_cb), NULL);
  g_signal_connect (self, "decide-policy", G_CALLBACK (decide_policy_cb), NULL);
  g_signal_connect (self, "context-menu", G_CALLBACK (context_menu_cb), NULL);
}

static void
clip_article_view_finalize (GObject *object)
{
  ClipArticleView *self = (ClipArticleView *)object;

  g_free (self->highlights_json);
  g_free (self->expected_uri);

  G_OBJECT_CLASS (clip_article_view_parent_class)->finalize (object);
}

static void
clip_article_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ClipArticleView *self = CLIP_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ARTICLE_ID:
      g_value_set_int64 (value, self->article_id);
      break;
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    case PROP_HAS_SELECTION:
      g_value_set_boolean (value, self->has_selection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clip_article_view_class_init (ClipArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = clip_article_view_constructed;
  object_class->finalize = clip_article_view_finalize;
  object_class->get_property = clip_article_view_get_property;

  /* Referencing the resource keeps it linked in from the static library;
   * its constructor registers it. */
  (void)clip_web_get_resource ();

  properties[PROP_ARTICLE_ID] =
    g_param_spec_int64 ("article-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_SELECTION] =
    g_param_spec_boolean ("has-selection", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ClipArticleView::annotation-activated:
   * @id: the annotation whose mark was clicked
   */
  signals[ANNOTATION_ACTIVATED] =
    g_signal_new ("annotation-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
clip_article_view_init (ClipArticleView *self)
{
  self->reveal_start = -1;
}

/* Whether article views may composite with GL (see the header). */
static gboolean accelerated = TRUE;

void
clip_article_view_set_default_accelerated (gboolean value)
{
  accelerated = value;
}

static WebKitSettings *
make_settings (void)
{
  WebKitSettings *settings;

  settings = g_object_new (WEBKIT_TYPE_SETTINGS,
                       "enable-javascript-markup", FALSE,
                       "enable-developer-extras", FALSE,
                       "enable-html5-local-storage", FALSE,
                       "enable-html5-database", FALSE,
                       "enable-page-cache", FALSE,
                       "enable-webgl", FALSE,
                       "enable-webaudio", FALSE,
                       "enable-media", FALSE,
                       "enable-back-forward-navigation-gestures", FALSE,
                       "javascript-can-open-windows-automatically", FALSE,
                       "javascript-can-access-clipboard", FALSE,
                       "allow-file-access-from-file-urls", FALSE,
                       "allow-universal-access-from-file-urls", FALSE,
                       NULL);
  if (!accelerated)
    webkit_settings_set_hardware_acceleration_policy (settings, WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);
  return settings;
}

/* Stored articles never touch the network: one ephemeral session with no
 * disk state, shared by every article view. */
static WebKitNetworkSession *
article_network_session (void)
{
  static WebKitNetworkSession *session;

  if (session == NULL)
    session = webkit_network_session_new_ephemeral ();
  return session;
}

GtkWidget *
clip_article_view_new (WebKitWebContext *context)
{
  g_autoptr(WebKitSettings) settings = make_settings ();
  g_autoptr(WebKitUserContentManager) manager = webkit_user_content_manager_new ();

  g_return_val_if_fail (WEBKIT_IS_WEB_CONTEXT (context), NULL);

  return g_object_new (CLIP_TYPE_ARTICLE_VIEW,
                       "web-context", context,
                       "network-session", article_network_session (),
                       "settings", settings,
                       "user-content-manager", manager,
                       "default-content-security-policy", CLIP_ARTICLE_CSP,
                       NULL);
}

static void
load (ClipArticleView *self,
      gint64           article_id,
      const char      *uri)
{
  self->article_id = article_id;
  g_clear_pointer (&self->highlights_json, g_free);
  /* Not ready until the annotator reports from the new page. */
  self->reveal_start = -1;
  set_ready (self, FALSE);
  set_has_selection (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE_ID]);

  g_free (self->expected_uri);
  self->expected_uri = g_strdup (uri);
  webkit_web_view_load_uri (WEBKIT_WEB_VIEW (self), uri);
}

void
clip_article_view_load_article (ClipArticleView *self,
                                gint64           article_id)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (CLIP_IS_ARTICLE_VIEW (self));
  g_return_if_fail (article_id > 0);

  uri = clip_scheme_article_uri (article_id);
  load (self, article_id, uri);
}

void
clip_article_view_load_original (ClipArticleView *self,
                                 gint64           article_id)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (CLIP_IS_ARTICLE_VIEW (self));
  g_return_if_fail (article_id > 0);

  uri = clip_scheme_original_uri (article_id);
  load (self, article_id, uri);
}

void
clip_article_view_load_preview (ClipArticleView *self)
{
  g_return_if_fail (CLIP_IS_ARTICLE_VIEW (self));

  load (self, 0, CLIP_SCHEME_PREVIEW_URI);
}

gint64
clip_article_view_get_article_id (ClipArticleView *self)
{
  g_return_val_if_fail (CLIP_IS_ARTICLE_VIEW (self), 0);
  return self->article_id;
}

gboolean
clip_article_view_get_ready (ClipArticleView *self)
{
  g_return_val_if_fail (CLIP_IS_ARTICLE_VIEW (self), FALSE);
  return self->ready;
}

gboolean
clip_article_view_get_has_selection (ClipArticleView *self)
{
  g_return_val_if_fail (CLIP_IS_ARTICLE_VIEW (self), FALSE);
  return self->has_selection;
}

static char *
highlights_to_json (GPtrArray *annotations)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      ClipAnnotation *annotation = g_ptr_array_index (annotations, i);

      /* An orphan has no place in this text to mark. */
      if (clip_annotation_get_orphaned (annotation))
        continue;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, clip_annotation_get_id (annotation));
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, clip_annotation_get_start (annotation));
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, clip_annotation_get_end (annotation));
      json_builder_set_member_name (builder, "color");
      json_builder_add_int_value (builder, clip_annotation_get_color (annotation));
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder,
                                     clip_annotation_kind_to_string (clip_annotation_get_kind (annotation)));
      if (clip_annotation_get_entity_id (annotation) > 0)
        {
          json_builder_set_member_name (builder, "entity");
          json_builder_add_int_value (builder, clip_annotation_get_entity_id (annotation));
          json_builder_set_member_name (builder, "entityKind");
          json_builder_add_string_value (builder, clip_annotation_get_entity_kind (annotation));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

void
clip_article_view_set_highlights (ClipArticleView *self,
                                  GPtrArray       *annotations)
{
  g_return_if_fail (CLIP_IS_ARTICLE_VIEW (self));

  g_free (self->highlights_json);
  self->highlights_json = highlights_to_json (annotations);
  apply_highlights (self);
}

void
clip_article_view_reveal_range (ClipArticleView *self,
                                glong            start,
                                glong            end)
{
  g_return_if_fail (CLIP_IS_ARTICLE_VIEW (self));
  g_return_if_fail (start >= 0 && end >= start);

  self->reveal_start = start;
  self->reveal_end = end;
  apply_reveal (self);
}

gboolean
clip_article_view_get_selection_rect (ClipArticleView *self,
                                      GdkRectangle    *rect)
{
  g_return_val_if_fail (CLIP_IS_ARTICLE_VIEW (self), FALSE);

  if (!self->has_selection)
    return FALSE;
  *rect = self->selection_rect;
  return TRUE;
}

void
clip_article_view_step_entity (ClipArticleView *self,
                               gint64           entity_id)
{
  g_autofree char *script = NULL;

  g_return_if_fail (CLIP_IS_ARTICLE_VIEW (self));

  if (!self->ready)
    return;

  script = g_strdup_printf ("clipAnnotator.stepEntity(%" G_GINT64_FORMAT ");", entity_id);
  run_annotator (self, script);
}

void
clip_article_view_scroll_to (ClipArticleView *self,
                             gint64           annotation_id)
{
  g_autofree char *script = NULL;

  g_return_if_fail (CLIP_IS_ARTICLE_VIEW (self));

  if (!self->ready)
    return;

  script = g_strdup_printf ("clipAnnotator.scrollToHighlight(%" G_GINT64_FORMAT ");",
                            annotation_id);
  run_annotator (self, script);
}

/* Checks the shape of the annotator's answer; the store checks that the
 * quote matches the article text. */
static ClipSelection *
selection_from_json (const char  *json,
                     GError     **error)
{
  g_autoptr(JsonNode) node = clip_json_from_string (json, NULL);
  g_autoptr(ClipSelection) selection = NULL;
  JsonObject *object;
  const char *problem;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    goto invalid;
  object = json_node_get_object (node);

  problem = json_object_get_string_member_with_default (object, "error", NULL);
  if (g_strcmp0 (problem, "empty") == 0)
    {
      g_set_error_literal (error, CLIP_ARTICLE_VIEW_ERROR, CLIP_ARTICLE_VIEW_ERROR_NO_SELECTION,
                           _("Select some text in the article first"));
      return NULL;
    }
  if (g_strcmp0 (problem, "outside") == 0)
    {
      g_set_error_literal (error, CLIP_ARTICLE_VIEW_ERROR, CLIP_ARTICLE_VIEW_ERROR_OUTSIDE,
                           _("Only text of the article itself can be marked"));
      return NULL;
    }
  if (g_strcmp0 (problem, "too-long") == 0)
    {
      g_set_error_literal (error, CLIP_ARTICLE_VIEW_ERROR, CLIP_ARTICLE_VIEW_ERROR_TOO_LONG,
                           _("The selection is too long to mark"));
      return NULL;
    }

  if (!json_object_has_member (object, "exact") || !json_object_has_member (object, "start") ||
      !json_object_has_member (object, "end"))
    goto invalid;

  selection = g_new0 (ClipSelection, 1);
  selection->exact = g_strdup (json_object_get_string_member_with_default (object, "exact", NULL));
  selection->prefix = g_strdup (json_object_get_string_member_with_default (object, "prefix", ""));
  selection->suffix = g_strdup (json_object_get_string_member_with_default (object, "suffix", ""));
  selection->start = json_object_get_int_member_with_default (object, "start", -1);
  selection->end = json_object_get_int_member_with_default (object, "end", -1);
  if (json_object_has_member (object, "rect") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "rect")))
    rect_from_json (json_object_get_object_member (object, "rect"), &selection->rect);

  if (selection->exact == NULL || selection->exact[0] == '\0' ||
      selection->start < 0 || selection->end <= selection->start ||
      !g_utf8_validate (selection->exact, -1, NULL) ||
      g_utf8_strlen (selection->exact, -1) != selection->end - selection->start)
    goto invalid;

  return g_steal_pointer (&selection);

invalid:
  g_set_error_literal (error, CLIP_ARTICLE_VIEW_ERROR, CLIP_ARTICLE_VIEW_ERROR_INVALID,
                       _("The selection could not be read"));
  return NULL;
}

static void
get_selection_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = NULL;
  g_autofree char *json = NULL;
  ClipSelection *selection;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (value == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  json = jsc_value_is_string (value) ? jsc_value_to_string (value) : NULL;
  selection = json != NULL ? selection_from_json (json, &error) : NULL;
  if (selection == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, CLIP_ARTICLE_VIEW_ERROR, CLIP_ARTICLE_VIEW_ERROR_INVALID,
                             _("The selection could not be read"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, selection, (GDestroyNotify)clip_selection_free);
}

void
clip_article_view_get_selection_async (ClipArticleView     *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CLIP_IS_ARTICLE_VIEW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clip_article_view_get_selection_async);

  if (!self->ready)
    {
      g_task_return_new_error (task, CLIP_ARTICLE_VIEW_ERROR, CLIP_ARTICLE_VIEW_ERROR_NOT_READY,
                               _("The article is still loading"));
      return;
    }

  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (self),
                                       "clipAnnotator.getSelection()", -1,
                                       CLIP_SCRIPT_WORLD, NULL, cancellable,
                                       get_selection_cb, g_steal_pointer (&task));
}

ClipSelection *
clip_article_view_get_selection_finish (ClipArticleView  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_return_val_if_fail (CLIP_IS_ARTICLE_VIEW (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
get_text_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (value == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!jsc_value_is_string (value))
    g_task_return_new_error (task, CLIP_ARTICLE_VIEW_ERROR, CLIP_ARTICLE_VIEW_ERROR_INVALID,
                             _("The page's text could not be read"));
  else
    g_task_return_pointer (task, jsc_value_to_string (value), g_free);
}

void
clip_article_view_get_text_async (ClipArticleView     *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CLIP_IS_ARTICLE_VIEW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  if (!self->ready)
    {
      g_task_return_new_error (task, CLIP_ARTICLE_VIEW_ERROR, CLIP_ARTICLE_VIEW_ERROR_NOT_READY,
                               _("The article is still loading"));
      g_object_unref (task);
      return;
    }

  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (self), "clipAnnotator.getText()", -1,
                                       CLIP_SCRIPT_WORLD, NULL, cancellable, get_text_cb, task);
}

char *
clip_article_view_get_text_finish (ClipArticleView  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
