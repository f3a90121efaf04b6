/* clip-export-import.c: W3C Web Annotation JSON-LD into the library
 *
 * The data comes from anywhere, so every annotation is first checked
 * against the MUST constraints of the W3C Web Annotation Data Model that
 * matter to a reader (context, id, type, target, bodies, dates, IRIs);
 * one that breaks them is reported with the reason and never stored.
 * A valid one whose target is a clipping is placed on that clipping's
 * text with the anchoring engine, exactly as annotations are re-anchored
 * when a text changes: not found means stored as an orphan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "clip-json.h"
#include "clip-anchor.h"
#include "clip-export-private.h"
#include "clip-text.h"

#define ANNO_CONTEXT "http://www.w3.org/ns/anno.jsonld"

typedef struct {
  char *text;
  ClipAnchorText *anchor;
  GPtrArray *existing;      /* the article's annotations before the import */
} ImportTarget;

typedef struct {
  ClipStore *store;
  ClipAnnotationImportReport *report;
  GHashTable *sources;      /* source URL or urn → article id (gint64 *) */
  GHashTable *targets;      /* article id → ImportTarget */
  guint n_seen;
  /* The first failure to read or write the library: it ends the import,
   * and its transaction is rolled back. */
  GError *store_error;
  JsonNode *root;
} Import;

static void
import_target_free (ImportTarget *target)
{
  g_free (target->text);
  g_clear_pointer (&target->anchor, clip_anchor_text_free);
  g_clear_pointer (&target->existing, g_ptr_array_unref);
  g_free (target);
}

static void
report_message (Import     *import,
                const char *label,
                const char *reason)
{
  g_ptr_array_add (import->report->messages, g_strdup_printf ("%s: %s", label, reason));
}

/* Validation */

static gboolean
is_iri (const char *value)
{
  const char *scheme;

  if (value == NULL || strpbrk (value, " \t\r\n<>\"{}|\\^`") != NULL)
    return FALSE;
  scheme = g_uri_peek_scheme (value);
  return scheme != NULL && value[strlen (scheme) + 1] != '\0';
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node);
}

static const char *
node_string (JsonNode *node)
{
  return is_string (node) ? json_node_get_string (node) : NULL;
}

/* One string, or an array of exactly one string, as the model allows
 * for single values. */
static const char *
single_string (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) == 1)
    node = json_array_get_element (json_node_get_array (node), 0);
  return node_string (node);
}

/* Whether the string or array of strings includes value. */
static gboolean
has_value (JsonNode   *node,
           const char *value)
{
  if (node == NULL)
    return FALSE;
  if (is_string (node))
    return g_strcmp0 (json_node_get_string (node), value) == 0;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (g_strcmp0 (node_string (json_array_get_element (array, i)), value) == 0)
          return TRUE;
    }
  return FALSE;
}

static gboolean
is_date_time (const char *value)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;

  if (value == NULL || strchr (value, 'T') == NULL)
    return FALSE;
  parsed = g_date_time_new_from_iso8601 (value, utc);
  return parsed != NULL;
}

/* Every string in a string-or-array value passes check; other JSON
 * types are refused. An empty array is refused too. */
static gboolean
all_strings (JsonNode  *node,
             gboolean (*check) (const char *))
{
  JsonArray *array;

  if (is_string (node))
    return check == NULL || check (json_node_get_string (node));
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) == 0)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!is_string (element) || (check != NULL && !check (json_node_get_string (element))))
        return FALSE;
    }
  return TRUE;
}

static gboolean check_resource (JsonNode    *node,
                                gboolean     is_body,
                                const char **reason);

static gboolean
check_dates (JsonObject  *object,
             const char **reason)
{
  static const char * const names[] = { "created", "modified", "generated" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonNode *node = json_object_get_member (object, names[i]);

      if (node != NULL && !is_date_time (node_string (node)))
        {
          *reason = _("a date (created, modified or generated) is not one xsd:dateTime");
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
is_agent (JsonNode *node)
{
  if (node == NULL)
    return TRUE;
  if (is_string (node))
    return is_iri (json_node_get_string (node));
  if (JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!is_agent (json_array_get_element (array, i)) ||
            JSON_NODE_HOLDS_ARRAY (json_array_get_element (array, i)))
          return FALSE;
      return json_array_get_length (array) > 0;
    }
  return FALSE;
}

/* The properties annotations, bodies and targets share. */
static gboolean
check_common (JsonObject  *object,
              const char **reason)
{
  JsonNode *node;

  if (!check_dates (object, reason))
    return FALSE;
  if (!is_agent (json_object_get_member (object, "creator")) ||
      !is_agent (json_object_get_member (object, "generator")))
    {
      *reason = _("its creator or generator is neither an IRI nor an agent");
      return FALSE;
    }
  if (((node = json_object_get_member (object, "rights")) != NULL && !all_strings (node, is_iri)) ||
      ((node = json_object_get_member (object, "via")) != NULL && !all_strings (node, is_iri)) ||
      ((node = json_object_get_member (object, "canonical")) != NULL && !is_iri (single_string (node))))
    {
      *reason = _("its rights, via or canonical value is not an IRI");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_selector (JsonNode    *node,
                const char **reason)
{
  JsonObject *object;
  JsonNode *type;

  if (node == NULL || JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = node != NULL ? json_node_get_array (node) : NULL;

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        if (!check_selector (json_array_get_element (array, i), reason))
          return FALSE;
      return TRUE;
    }
  if (is_string (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      *reason = _("a selector is not an object");
      return FALSE;
    }

  object = json_node_get_object (node);
  type = json_object_get_member (object, "type");
  if (has_value (type, "FragmentSelector") || has_value (type, "CssSelector") ||
      has_value (type, "XPathSelector") || has_value (type, "SvgSelector"))
    {
      JsonNode *value = json_object_get_member (object, "value");

      if (value != NULL ? !is_string (value) : !has_value (type, "SvgSelector"))
        {
          *reason = _("a selector has no single value");
          return FALSE;
        }
    }
  if (has_value (type, "TextQuoteSelector") && !is_string (json_object_get_member (object, "exact")))
    {
      *reason = _("a TextQuoteSelector has no exact text");
      return FALSE;
    }
  if (has_value (type, "TextPositionSelector") || has_value (type, "DataPositionSelector"))
    {
      JsonNode *start = json_object_get_member (object, "start");
      JsonNode *end = json_object_get_member (object, "end");

      if (start == NULL || end == NULL || !JSON_NODE_HOLDS_VALUE (start) || !JSON_NODE_HOLDS_VALUE (end) ||
          json_node_get_value_type (start) != G_TYPE_INT64 || json_node_get_value_type (end) != G_TYPE_INT64 ||
          json_node_get_int (start) < 0 || json_node_get_int (end) < json_node_get_int (start))
        {
          *reason = _("a position selector needs whole numbers start ≤ end");
          return FALSE;
        }
    }
  return check_selector (json_object_get_member (object, "refinedBy"), reason);
}

static gboolean
check_body_fields (JsonObject  *object,
                   const char **reason)
{
  JsonNode *node;

  if ((node = json_object_get_member (object, "format")) != NULL && !all_strings (node, NULL))
    *reason = _("a format is not a string");
  else if ((node = json_object_get_member (object, "language")) != NULL && !all_strings (node, NULL))
    *reason = _("a language is not a string");
  else if ((node = json_object_get_member (object, "processingLanguage")) != NULL && !is_string (node))
    *reason = _("a resource has more than one processing language");
  else if ((node = json_object_get_member (object, "textDirection")) != NULL &&
           !(has_value (node, "ltr") || has_value (node, "rtl") || has_value (node, "auto")) )
    *reason = _("a text direction is not ltr, rtl or auto");
  else if ((node = json_object_get_member (object, "textDirection")) != NULL && !is_string (node))
    *reason = _("a resource has more than one text direction");
  else if ((node = json_object_get_member (object, "value")) != NULL && !is_string (node))
    *reason = _("a value is not one string");
  else
    return TRUE;
  return FALSE;
}

static gboolean
check_composite (JsonObject  *object,
                 gboolean     is_body,
                 const char **reason)
{
  JsonNode *type = json_object_get_member (object, "type");
  JsonNode *items = json_object_get_member (object, "items");
  guint n_kinds = has_value (type, "Choice") + has_value (type, "List") +
                  has_value (type, "Composite") + has_value (type, "Independents");

  if (n_kinds > 1)
    {
      *reason = _("a resource is of more than one of Choice, List, Composite and Independents");
      return FALSE;
    }
  if (n_kinds == 0 && items != NULL)
    {
      *reason = _("a resource has items but is no Choice, List, Composite or Independents");
      return FALSE;
    }
  if (n_kinds == 1)
    {
      JsonArray *array = items != NULL && JSON_NODE_HOLDS_ARRAY (items) ? json_node_get_array (items) : NULL;

      if (array == NULL || json_array_get_length (array) == 0)
        {
          *reason = _("a Choice, List, Composite or Independents has no items");
          return FALSE;
        }
      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!check_resource (json_array_get_element (array, i), is_body, reason))
          return FALSE;
    }
  return TRUE;
}

static gboolean
check_resource_object (JsonObject  *object,
                       gboolean     is_body,
                       const char **reason)
{
  JsonNode *type = json_object_get_member (object, "type");
  JsonNode *id = json_object_get_member (object, "id");

  if (id != NULL && !is_iri (single_string (id)))
    {
      *reason = _("a body or target id is not one IRI");
      return FALSE;
    }
  if (has_value (type, "TextualBody") && !is_string (json_object_get_member (object, "value")))
    {
      *reason = _("a TextualBody has no value");
      return FALSE;
    }
  if (has_value (type, "SpecificResource") && !is_iri (single_string (json_object_get_member (object, "source"))) &&
      !is_object (json_object_get_member (object, "source")))
    {
      *reason = _("a SpecificResource has no source");
      return FALSE;
    }
  if (!is_body && type == NULL && id == NULL && json_object_get_member (object, "source") == NULL)
    {
      *reason = _("a target has neither an id nor a source");
      return FALSE;
    }
  return check_body_fields (object, reason) && check_common (object, reason) &&
         check_composite (object, is_body, reason) &&
         check_selector (json_object_get_member (object, "selector"), reason);
}

static gboolean
check_resource (JsonNode    *node,
                gboolean     is_body,
                const char **reason)
{
  if (is_string (node))
    {
      if (is_iri (json_node_get_string (node)))
        return TRUE;
      *reason = is_body ? _("a body is a string that is not an IRI") : _("a target is a string that is not an IRI");
      return FALSE;
    }
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return check_resource_object (json_node_get_object (node), is_body, reason);
  *reason = is_body ? _("a body is neither an IRI nor an object") : _("a target is neither an IRI nor an object");
  return FALSE;
}

static gboolean
check_resources (JsonNode    *node,
                 gboolean     is_body,
                 const char **reason)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return check_resource (node, is_body, reason);

  array = json_node_get_array (node);
  if (json_array_get_length (array) == 0)
    {
      *reason = is_body ? _("its body list is empty") : _("its target list is empty");
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!check_resource (json_array_get_element (array, i), is_body, reason))
      return FALSE;
  return TRUE;
}

static gboolean
has_context (JsonObject *object)
{
  return has_value (json_object_get_member (object, "@context"), ANNO_CONTEXT);
}

static gboolean
check_annotation (JsonObject  *object,
                  gboolean     in_context,
                  const char **reason)
{
  JsonNode *body = json_object_get_member (object, "body");
  JsonNode *body_value = json_object_get_member (object, "bodyValue");

  if (!in_context && !has_context (object))
    *reason = _("it has no @context naming http://www.w3.org/ns/anno.jsonld");
  else if (!is_iri (single_string (json_object_get_member (object, "id"))))
    *reason = _("its id is not one IRI");
  else if (!has_value (json_object_get_member (object, "type"), "Annotation"))
    *reason = _("its type is not Annotation");
  else if (json_object_get_member (object, "target") == NULL)
    *reason = _("it has no target");
  else if (body != NULL && body_value != NULL)
    *reason = _("it has both body and bodyValue");
  else if (body_value != NULL && !is_string (body_value))
    *reason = _("its bodyValue is not one string");
  else
    return check_resources (json_object_get_member (object, "target"), FALSE, reason) &&
           (body == NULL || check_resources (body, TRUE, reason)) &&
           check_common (object, reason);
  return FALSE;
}

/* Reading a valid annotation */

typedef struct {
  const char *source;
  JsonNode *selector;
} TargetRef;

static gint64
lookup_source (Import     *import,
               const char *source)
{
  gint64 *id;
  g_autofree char *bare = NULL;

  if (source == NULL)
    return 0;
  id = g_hash_table_lookup (import->sources, source);
  if (id != NULL)
    return *id;

  /* A fragment names a place in the same page. */
  bare = g_strndup (source, strcspn (source, "#"));
  id = g_hash_table_lookup (import->sources, bare);
  return id != NULL ? *id : 0;
}

static gboolean
target_ref (JsonNode  *node,
            TargetRef *ref)
{
  JsonObject *object;
  JsonNode *source;

  ref->selector = NULL;
  ref->source = node_string (node);
  if (ref->source != NULL)
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  object = json_node_get_object (node);
  source = json_object_get_member (object, "source");
  if (source != NULL && JSON_NODE_HOLDS_OBJECT (source))
    source = json_object_get_member (json_node_get_object (source), "id");
  ref->source = source != NULL ? single_string (source) : single_string (json_object_get_member (object, "id"));
  ref->selector = json_object_get_member (object, "selector");
  return ref->source != NULL;
}

/* The first target that is a clipping of the library. */
static gint64
find_target (Import     *import,
             JsonNode   *targets,
             TargetRef  *found,
             const char **first_source)
{
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (targets) ? json_node_get_array (targets) : NULL;
  guint n = array != NULL ? json_array_get_length (array) : 1;

  *first_source = NULL;
  for (guint i = 0; i < n; i++)
    {
      TargetRef ref;
      gint64 id;

      if (!target_ref (array != NULL ? json_array_get_element (array, i) : targets, &ref))
        continue;
      if (*first_source == NULL)
        *first_source = ref.source;
      id = lookup_source (import, ref.source);
      if (id > 0)
        {
          *found = ref;
          return id;
        }
    }
  return 0;
}

typedef struct {
  const char *exact;
  const char *prefix;
  const char *suffix;
  gint64 start;
  gint64 end;
} Selectors;

static void
read_selector (JsonNode  *node,
               Selectors *selectors)
{
  JsonObject *object;
  JsonNode *type;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        read_selector (json_array_get_element (array, i), selectors);
      return;
    }
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;

  object = json_node_get_object (node);
  type = json_object_get_member (object, "type");
  if (has_value (type, "TextQuoteSelector") && selectors->exact == NULL)
    {
      selectors->exact = node_string (json_object_get_member (object, "exact"));
      selectors->prefix = node_string (json_object_get_member (object, "prefix"));
      selectors->suffix = node_string (json_object_get_member (object, "suffix"));
    }
  else if (has_value (type, "TextPositionSelector") && selectors->start < 0)
    {
      selectors->start = json_object_get_int_member_with_default (object, "start", -1);
      selectors->end = json_object_get_int_member_with_default (object, "end", -1);
    }
}

typedef struct {
  GString *note;
  GStrvBuilder *tags;
  const char *entity;
  const char *entity_kind;
  const char *speaker;
} Bodies;

static void
read_body (JsonNode *node,
           Bodies   *bodies)
{
  JsonObject *object;
  JsonNode *purpose;
  const char *value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  object = json_node_get_object (node);
  value = node_string (json_object_get_member (object, "value"));
  purpose = json_object_get_member (object, "purpose");
  if (value == NULL || value[0] == '\0')
    return;

  if (has_value (purpose, "tagging"))
    g_strv_builder_add (bodies->tags, value);
  else if (has_value (purpose, "identifying"))
    bodies->entity = value;
  else if (has_value (purpose, "classifying"))
    bodies->entity_kind = value;
  else if (has_value (purpose, "describing") &&
           g_strcmp0 (node_string (json_object_get_member (object, "clippings:role")), "speaker") == 0)
    bodies->speaker = value;
  else
    g_string_append_printf (bodies->note, "%s%s", bodies->note->len > 0 ? "\n\n" : "", value);
}

static void
read_bodies (JsonObject *object,
             Bodies     *bodies)
{
  JsonNode *body = json_object_get_member (object, "body");
  const char *body_value = node_string (json_object_get_member (object, "bodyValue"));

  if (body_value != NULL && body_value[0] != '\0')
    g_string_append (bodies->note, body_value);
  if (body != NULL && JSON_NODE_HOLDS_ARRAY (body))
    {
      JsonArray *array = json_node_get_array (body);

      for (guint i = 0; i < json_array_get_length (array); i++)
        read_body (json_array_get_element (array, i), bodies);
    }
  else
    read_body (body, bodies);
}

static ClipAnnotationKind
read_kind (JsonObject *object,
           Bodies     *bodies)
{
  ClipAnnotationKind kind;
  const char *ours = node_string (json_object_get_member (object, "clippings:kind"));

  if (ours != NULL && clip_annotation_kind_from_string (ours, &kind))
    return kind;
  if (has_value (json_object_get_member (object, "motivation"), "identifying") && bodies->entity != NULL)
    return CLIP_ANNOTATION_ENTITY;
  return CLIP_ANNOTATION_HIGHLIGHT;
}

static ImportTarget *
get_target (Import  *import,
            gint64   article_id,
            GError **error)
{
  ImportTarget *target = g_hash_table_lookup (import->targets, &article_id);
  g_autoptr(ClipArticle) article = NULL;

  if (target != NULL)
    return target;

  article = clip_store_get_article (import->store, article_id, error);
  if (article == NULL)
    return NULL;
  target = g_new0 (ImportTarget, 1);
  target->text = g_strdup (clip_article_get_text (article));
  target->anchor = clip_anchor_text_new (target->text);
  target->existing = clip_store_list_annotations (import->store, article_id, NULL);
  if (target->existing == NULL)
    target->existing = g_ptr_array_new ();
  g_hash_table_insert (import->targets, g_memdup2 (&article_id, sizeof article_id), target);
  return target;
}

/* Anchored where the quote is, or an orphan that keeps what it said. */
static ClipAnnotation *
anchor_annotation (ImportTarget       *target,
                   ClipAnnotationKind  kind,
                   Selectors          *sel,
                   ClipAnchorMethod   *method)
{
  g_autofree char *sliced = NULL;
  ClipAnchorMatch match;
  ClipAnnotation *annotation;

  *method = CLIP_ANCHOR_ORPHAN;

  if (sel->exact == NULL && sel->start >= 0 && sel->end > sel->start)
    sel->exact = sliced = clip_text_slice (target->text, sel->start, sel->end);

  if (sel->exact != NULL && sel->exact[0] != '\0' &&
      clip_anchor_find (target->anchor, sel->exact, sel->prefix, sel->suffix,
                        (glong)sel->start, (glong)sel->end, &match))
    {
      annotation = clip_annotation_new_for_range (kind, target->text, match.start, match.end);
      *method = match.method;
      if (annotation != NULL)
        return annotation;
    }

  annotation = clip_annotation_new (kind);
  clip_annotation_set_quote (annotation, sel->exact != NULL ? sel->exact : "", sel->prefix, sel->suffix);
  clip_annotation_set_position (annotation, MAX (sel->start, 0), MAX (sel->end, MAX (sel->start, 0)));
  clip_annotation_set_orphaned (annotation, TRUE);
  return annotation;
}

static gboolean
already_there (ImportTarget   *target,
               ClipAnnotation *annotation)
{
  for (guint i = 0; i < target->existing->len; i++)
    {
      ClipAnnotation *other = g_ptr_array_index (target->existing, i);

      if (clip_annotation_get_kind (other) == clip_annotation_get_kind (annotation) &&
          clip_annotation_get_start (other) == clip_annotation_get_start (annotation) &&
          clip_annotation_get_end (other) == clip_annotation_get_end (annotation) &&
          g_strcmp0 (clip_annotation_get_exact (other), clip_annotation_get_exact (annotation)) == 0 &&
          g_strcmp0 (clip_annotation_get_note (other), clip_annotation_get_note (annotation)) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
link_entities (Import          *import,
               ClipAnnotation  *annotation,
               Bodies          *bodies,
               GError         **error)
{
  ClipAnnotationKind kind = clip_annotation_get_kind (annotation);

  if (kind == CLIP_ANNOTATION_ENTITY)
    {
      ClipEntityKind entity_kind;
      const char *name = bodies->entity != NULL ? bodies->entity : clip_annotation_get_exact (annotation);
      const char *kind_name = clip_entity_kind_from_string (bodies->entity_kind, &entity_kind)
                              ? bodies->entity_kind : "other";
      g_autoptr(ClipEntity) entity = NULL;

      if (name == NULL || name[0] == '\0')
        return TRUE;
      entity = clip_store_ensure_entity (import->store, name, kind_name, error);
      if (entity == NULL)
        return FALSE;
      clip_annotation_set_entity (annotation, clip_entity_get_id (entity), clip_entity_get_name (entity), kind_name);
    }

  if (kind == CLIP_ANNOTATION_QUOTE && bodies->speaker != NULL)
    {
      g_autoptr(ClipEntity) speaker = clip_store_find_entity (import->store, bodies->speaker, NULL, NULL);

      if (speaker == NULL)
        speaker = clip_store_ensure_entity (import->store, bodies->speaker, "person", error);
      if (speaker == NULL)
        return FALSE;
      clip_annotation_set_speaker (annotation, clip_entity_get_id (speaker), clip_entity_get_name (speaker));
    }
  return TRUE;
}

static void
read_extras (JsonObject     *object,
             ClipAnnotation *annotation)
{
  JsonNode *color = json_object_get_member (object, "clippings:color");
  const char *status = node_string (json_object_get_member (object, "clippings:quoteStatus"));

  if (color != NULL && JSON_NODE_HOLDS_VALUE (color) && json_node_get_value_type (color) == G_TYPE_INT64 &&
      json_node_get_int (color) >= 1 && json_node_get_int (color) <= CLIP_EXPORT_N_COLORS)
    clip_annotation_set_color (annotation, (guint)json_node_get_int (color));
  if (clip_annotation_get_kind (annotation) == CLIP_ANNOTATION_QUOTE)
    clip_annotation_set_quote_status (annotation, g_strcmp0 (status, "verified") == 0 ? "verified" : "unverified");
}

static void
bodies_clear (Bodies *bodies)
{
  g_string_free (bodies->note, TRUE);
  g_strv_builder_unref (bodies->tags);
}

static ClipAnnotation *
build_annotation (Import           *import,
                  JsonObject       *object,
                  ImportTarget     *target,
                  Selectors        *sel,
                  Bodies           *bodies,
                  ClipAnchorMethod *method,
                  GError          **error)
{
  g_autoptr(ClipAnnotation) annotation = NULL;
  g_auto(GStrv) tags = g_strv_builder_end (bodies->tags);

  annotation = anchor_annotation (target, read_kind (object, bodies), sel, method);
  if (bodies->note->len > 0)
    clip_annotation_set_note (annotation, bodies->note->str);
  clip_annotation_set_tags (annotation, (const char * const *)tags);
  read_extras (object, annotation);
  if (!link_entities (import, annotation, bodies, error))
    return NULL;
  return g_steal_pointer (&annotation);
}

/* A failure of the library itself (locked, full, damaged, read-only),
 * not of the annotation: it ends the import. */
static gboolean
is_store_failure (const GError *error)
{
  return error != NULL &&
         !g_error_matches (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_INVALID) &&
         !g_error_matches (error, CLIP_STORE_ERROR, CLIP_STORE_ERROR_NOT_FOUND);
}

static void
store_annotation (Import           *import,
                  const char       *label,
                  gint64            article_id,
                  ImportTarget     *target,
                  ClipAnnotation   *annotation,
                  ClipAnchorMethod  method)
{
  g_autoptr(GError) error = NULL;

  if (already_there (target, annotation))
    {
      import->report->skipped++;
      report_message (import, label, _("already in the library"));
      return;
    }

  clip_annotation_set_article_id (annotation, article_id);
  if (!clip_store_add_annotation (import->store, annotation, &error))
    {
      if (is_store_failure (error))
        {
          import->store_error = g_steal_pointer (&error);
          return;
        }
      import->report->invalid++;
      report_message (import, label, error->message);
      return;
    }
  g_ptr_array_add (target->existing, g_object_ref (annotation));
  if (clip_annotation_get_orphaned (annotation))
    {
      import->report->orphaned++;
      report_message (import, label, _("stored, but its quote is not in the clipping’s text"));
    }
  else if (method == CLIP_ANCHOR_FUZZY)
    {
      g_autofree char *reason = g_strdup_printf (_("its quote is not in the text as given; "
                                                   "placed by fuzzy match on “%s” at %ld–%ld"),
                                                 clip_annotation_get_exact (annotation),
                                                 clip_annotation_get_start (annotation),
                                                 clip_annotation_get_end (annotation));
      import->report->fuzzy++;
      report_message (import, label, reason);
    }
  else
    import->report->imported++;
}

static void
import_valid (Import     *import,
              JsonObject *object,
              const char *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipAnnotation) annotation = NULL;
  TargetRef ref = { NULL, NULL };
  Selectors sel = { NULL, NULL, NULL, -1, -1 };
  const char *first_source = NULL;
  gint64 article_id = find_target (import, json_object_get_member (object, "target"), &ref, &first_source);
  ImportTarget *target;
  ClipAnchorMethod method = CLIP_ANCHOR_ORPHAN;
  Bodies bodies = { g_string_new (NULL), g_strv_builder_new (), NULL, NULL, NULL };

  if (article_id <= 0)
    {
      g_autofree char *reason = g_strdup_printf (_("no clipping in the library comes from %s"),
                                                 first_source != NULL ? first_source : "?");
      import->report->skipped++;
      report_message (import, label, reason);
      bodies_clear (&bodies);
      return;
    }

  /* A note on a whole page has no place in the text to go to. */
  read_selector (ref.selector, &sel);
  if ((sel.exact == NULL || sel.exact[0] == '\0') && (sel.start < 0 || sel.end <= sel.start))
    {
      import->report->skipped++;
      report_message (import, label, _("it has no text quote or position to place it by"));
      bodies_clear (&bodies);
      return;
    }

  /* A position no text can have is not a place to keep. */
  if ((sel.start >= 0 || sel.end >= 0) &&
      (sel.start < 0 || sel.end < sel.start || sel.end > CLIP_STORE_MAX_POSITION))
    {
      import->report->invalid++;
      report_message (import, label, _("its TextPositionSelector is not a range in any text"));
      bodies_clear (&bodies);
      return;
    }

  target = get_target (import, article_id, &error);
  /* Only a position, and outside the text: nothing to place, nothing to
   * keep as an orphan either. */
  if (target != NULL && (sel.exact == NULL || sel.exact[0] == '\0') &&
      sel.end > clip_anchor_text_get_length (target->anchor))
    {
      import->report->skipped++;
      report_message (import, label, _("its position is beyond the clipping’s text and it has no quote"));
      bodies_clear (&bodies);
      return;
    }
  read_bodies (object, &bodies);
  if (target != NULL)
    annotation = build_annotation (import, object, target, &sel, &bodies, &method, &error);
  bodies_clear (&bodies);
  if (annotation == NULL && is_store_failure (error))
    {
      import->store_error = g_steal_pointer (&error);
      return;
    }
  if (annotation == NULL)
    {
      import->report->invalid++;
      report_message (import, label, error != NULL ? error->message : _("cannot be read"));
      return;
    }
  store_annotation (import, label, article_id, target, annotation, method);
}

static void
import_annotation (Import     *import,
                   JsonNode   *node,
                   gboolean    in_context)
{
  const char *reason = NULL;
  const char *id = NULL;
  g_autofree char *label = NULL;

  if (import->store_error != NULL)
    return;

  import->n_seen++;
  if (JSON_NODE_HOLDS_OBJECT (node))
    id = single_string (json_object_get_member (json_node_get_object (node), "id"));
  label = id != NULL ? g_strdup_printf (_("Annotation %u (%s)"), import->n_seen, id)
                     : g_strdup_printf (_("Annotation %u"), import->n_seen);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    reason = _("it is not a JSON object");
  if (reason != NULL || !check_annotation (json_node_get_object (node), in_context, &reason))
    {
      import->report->invalid++;
      report_message (import, label, reason);
      return;
    }
  import_valid (import, json_node_get_object (node), label);
}

static void import_node (Import   *import,
                         JsonNode *node,
                         gboolean  in_context,
                         guint     depth);

static void
import_items (Import   *import,
              JsonNode *items,
              gboolean  in_context)
{
  JsonArray *array = items != NULL && JSON_NODE_HOLDS_ARRAY (items) ? json_node_get_array (items) : NULL;

  if (array == NULL)
    {
      import->n_seen++;
      import->report->invalid++;
      report_message (import, _("Annotation page"), _("its items are not a list"));
      return;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      /* An item given by its IRI alone is elsewhere: nothing to read. */
      if (is_string (element))
        continue;
      import_annotation (import, element, in_context);
    }
}

/* Hypothesis: its export file ({"annotations": […]}), a search result
 * of its API ({"rows": […]}) or one annotation of its API. Each is read
 * as the W3C annotation it stands for. */

static gboolean
is_hypothesis (JsonObject *object)
{
  JsonNode *annotations = json_object_get_member (object, "annotations");
  JsonNode *rows = json_object_get_member (object, "rows");
  JsonNode *target = json_object_get_member (object, "target");

  if (has_context (object) || json_object_get_member (object, "type") != NULL)
    return FALSE;
  return (annotations != NULL && JSON_NODE_HOLDS_ARRAY (annotations)) ||
         (rows != NULL && JSON_NODE_HOLDS_ARRAY (rows)) ||
         (is_string (json_object_get_member (object, "uri")) && (target == NULL || JSON_NODE_HOLDS_ARRAY (target)));
}

static void
add_textual_body (JsonBuilder *builder,
                  const char  *value,
                  const char  *purpose,
                  const char  *role)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "TextualBody");
  json_builder_set_member_name (builder, "value");
  json_builder_add_string_value (builder, value);
  json_builder_set_member_name (builder, "purpose");
  json_builder_add_string_value (builder, purpose);
  if (role != NULL)
    {
      json_builder_set_member_name (builder, "clippings:role");
      json_builder_add_string_value (builder, role);
    }
  json_builder_end_object (builder);
}

/* What our Hypothesis export adds to the text ("Speaker: …", "Entity:
 * …", "Colour: …", a paragraph each after the note) is read back into
 * the fields it came from; any other text is the note. */
typedef struct {
  GString *note;
  char *speaker;
  gboolean verified;
  char *entity;
  char *entity_kind;
  guint color;
} HypothesisText;

static gboolean
read_detail (const char  *paragraph,
             const char  *label,
             char       **value,
             char       **qualifier)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *pattern = g_strdup_printf ("^%s: (.+?)(?: \\(([a-z]+)\\))?$", label);

  regex = g_regex_new (pattern, 0, 0, NULL);
  if (!g_regex_match (regex, paragraph, 0, &match))
    return FALSE;
  *value = g_match_info_fetch (match, 1);
  if (qualifier != NULL)
    *qualifier = g_match_info_fetch (match, 2);
  return TRUE;
}

static void
read_hypothesis_text (const char     *text,
                      HypothesisText *out)
{
  g_auto(GStrv) paragraphs = g_strsplit (text != NULL ? text : "", "\n\n", -1);

  out->note = g_string_new (NULL);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *status = NULL;
      g_autofree char *meaning = NULL;

      if (out->speaker == NULL && read_detail (paragraphs[i], "Speaker", &out->speaker, &status))
        out->verified = g_strcmp0 (status, "verified") == 0;
      else if (out->entity == NULL && read_detail (paragraphs[i], "Entity", &out->entity, &out->entity_kind))
        ;
      else if (out->color == 0 && read_detail (paragraphs[i], "Colour", &meaning, NULL))
        {
          for (guint c = 1; c <= CLIP_EXPORT_N_COLORS && out->color == 0; c++)
            if (g_strcmp0 (meaning, clip_export_default_color_name (c)) == 0)
              out->color = c;
          if (out->color == 0)
            g_string_append_printf (out->note, "%s%s", out->note->len > 0 ? "\n\n" : "", paragraphs[i]);
        }
      else
        g_string_append_printf (out->note, "%s%s", out->note->len > 0 ? "\n\n" : "", paragraphs[i]);
    }
}

static void
hypothesis_text_clear (HypothesisText *text)
{
  g_string_free (text->note, TRUE);
  g_free (text->speaker);
  g_free (text->entity);
  g_free (text->entity_kind);
}

static void
add_hypothesis_bodies (JsonBuilder    *builder,
                       JsonObject     *object,
                       HypothesisText *text)
{
  JsonNode *tags = json_object_get_member (object, "tags");
  JsonArray *array = tags != NULL && JSON_NODE_HOLDS_ARRAY (tags) ? json_node_get_array (tags) : NULL;

  json_builder_set_member_name (builder, "body");
  json_builder_begin_array (builder);
  if (text->note->len > 0)
    add_textual_body (builder, text->note->str, "commenting", NULL);
  if (text->speaker != NULL)
    add_textual_body (builder, text->speaker, "describing", "speaker");
  if (text->entity != NULL)
    add_textual_body (builder, text->entity, "identifying", NULL);
  if (text->entity_kind != NULL)
    add_textual_body (builder, text->entity_kind, "classifying", NULL);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (is_string (json_array_get_element (array, i)))
      add_textual_body (builder, json_array_get_string_element (array, i), "tagging", NULL);
  json_builder_end_array (builder);
}

/* Only the selectors that place a quote in text; Hypothesis's
 * RangeSelector (XPaths in the live page) means nothing in a clipping. */
static void
add_hypothesis_selectors (JsonBuilder *builder,
                          JsonNode    *selectors)
{
  JsonArray *array = selectors != NULL && JSON_NODE_HOLDS_ARRAY (selectors) ? json_node_get_array (selectors) : NULL;

  json_builder_set_member_name (builder, "selector");
  json_builder_begin_array (builder);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *selector = json_array_get_element (array, i);
      JsonNode *type = JSON_NODE_HOLDS_OBJECT (selector)
                       ? json_object_get_member (json_node_get_object (selector), "type") : NULL;

      if (has_value (type, "TextQuoteSelector") || has_value (type, "TextPositionSelector"))
        json_builder_add_value (builder, json_node_copy (selector));
    }
  json_builder_end_array (builder);
}

static void
add_hypothesis_targets (JsonBuilder *builder,
                        JsonObject  *object)
{
  JsonNode *targets = json_object_get_member (object, "target");
  JsonArray *array = targets != NULL && JSON_NODE_HOLDS_ARRAY (targets) ? json_node_get_array (targets) : NULL;
  const char *uri = node_string (json_object_get_member (object, "uri"));

  json_builder_set_member_name (builder, "target");
  json_builder_begin_array (builder);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *target = json_array_get_element (array, i);
      JsonObject *t = JSON_NODE_HOLDS_OBJECT (target) ? json_node_get_object (target) : NULL;
      const char *source = t != NULL ? node_string (json_object_get_member (t, "source")) : NULL;

      if (source == NULL)
        source = uri;
      if (source == NULL)
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, source);
      add_hypothesis_selectors (builder, t != NULL ? json_object_get_member (t, "selector") : NULL);
      json_builder_end_object (builder);
    }
  if ((array == NULL || json_array_get_length (array) == 0) && uri != NULL)
    json_builder_add_string_value (builder, uri);
  json_builder_end_array (builder);
}

static JsonNode *
hypothesis_to_w3c (JsonObject *object)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  HypothesisText text = { 0 };
  const char *id = node_string (json_object_get_member (object, "id"));

  read_hypothesis_text (node_string (json_object_get_member (object, "text")), &text);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "Annotation");
  /* A W3C annotation has an IRI: Hypothesis's own page for it, or, for
   * one that was never on Hypothesis (our export), a fresh UUID. */
  {
    g_autofree char *escaped = id != NULL && id[0] != '\0' ? g_uri_escape_string (id, NULL, FALSE) : NULL;
    g_autofree char *uuid = g_uuid_string_random ();
    g_autofree char *iri = escaped != NULL ? g_strdup_printf ("https://hypothes.is/a/%s", escaped)
                                           : g_strdup_printf ("urn:uuid:%s", uuid);

    json_builder_set_member_name (builder, "id");
    json_builder_add_string_value (builder, iri);
  }
  json_builder_set_member_name (builder, "motivation");
  json_builder_add_string_value (builder, text.note->len > 0 ? "commenting" : "highlighting");
  json_builder_set_member_name (builder, "clippings:kind");
  json_builder_add_string_value (builder, text.speaker != NULL ? "quote" : text.entity != NULL ? "entity" : "highlight");
  if (text.speaker != NULL && text.verified)
    {
      json_builder_set_member_name (builder, "clippings:quoteStatus");
      json_builder_add_string_value (builder, "verified");
    }
  if (text.color > 0)
    {
      json_builder_set_member_name (builder, "clippings:color");
      json_builder_add_int_value (builder, text.color);
    }
  add_hypothesis_bodies (builder, object, &text);
  add_hypothesis_targets (builder, object);
  json_builder_end_object (builder);
  hypothesis_text_clear (&text);
  return json_builder_get_root (builder);
}

static void
import_hypothesis_one (Import   *import,
                       JsonNode *node)
{
  g_autoptr(JsonNode) w3c = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      import_annotation (import, node, TRUE);
      return;
    }
  w3c = hypothesis_to_w3c (json_node_get_object (node));
  import_annotation (import, w3c, TRUE);
}

static void
import_hypothesis (Import   *import,
                   JsonNode *node)
{
  JsonObject *object = json_node_get_object (node);
  JsonNode *list = json_object_get_member (object, "annotations");

  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    list = json_object_get_member (object, "rows");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      import_hypothesis_one (import, node);
      return;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    import_hypothesis_one (import, json_array_get_element (json_node_get_array (list), i));
}

static void
import_object (Import     *import,
               JsonNode   *node,
               gboolean    in_context,
               guint       depth)
{
  JsonObject *object = json_node_get_object (node);
  JsonNode *type = json_object_get_member (object, "type");

  in_context = in_context || has_context (object);
  if (!in_context && is_hypothesis (object))
    import_hypothesis (import, node);
  else if (has_value (type, "AnnotationCollection"))
    {
      JsonNode *first = json_object_get_member (object, "first");

      if (first != NULL && JSON_NODE_HOLDS_OBJECT (first))
        import_node (import, first, in_context, depth + 1);
      if (json_object_get_member (object, "items") != NULL)
        import_items (import, json_object_get_member (object, "items"), in_context);
    }
  else if (has_value (type, "AnnotationPage"))
    {
      JsonNode *next = json_object_get_member (object, "next");

      import_items (import, json_object_get_member (object, "items"), in_context);
      if (next != NULL && JSON_NODE_HOLDS_OBJECT (next))
        import_node (import, next, in_context, depth + 1);
    }
  else
    import_annotation (import, node, in_context);
}

static void
import_node (Import   *import,
             JsonNode *node,
             gboolean  in_context,
             guint     depth)
{
  if (depth > 16)
    {
      import->report->invalid++;
      report_message (import, _("Annotation page"), _("pages are nested too deeply"));
      return;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        import_node (import, json_array_get_element (array, i), in_context, depth + 1);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    import_object (import, node, in_context, depth);
  else
    import_annotation (import, node, in_context);
}

static void
add_source (GHashTable *sources,
            char       *source,
            gint64      id)
{
  if (source != NULL && source[0] != '\0' && !g_hash_table_contains (sources, source))
    g_hash_table_insert (sources, source, g_memdup2 (&id, sizeof id));
  else
    g_free (source);
}

/* Every clipping by its source URL and by the names our export gives. */
static GHashTable *
load_sources (ClipStore  *store,
              GError    **error)
{
  g_autoptr(GHashTable) sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) list = clip_store_list_articles (store, error);

  if (list == NULL)
    return NULL;

  for (guint i = 0; i < list->len; i++)
    {
      gint64 id = clip_article_get_id (g_ptr_array_index (list, i));
      g_autoptr(ClipArticle) article = clip_store_get_article (store, id, error);

      if (article == NULL)
        return NULL;
      add_source (sources, g_strdup (clip_article_get_source_url (article)), id);
      add_source (sources, clip_export_article_urn (article), id);
      add_source (sources, g_strdup_printf ("urn:clippings:article:%lld", (long long)id), id);
    }
  return g_steal_pointer (&sources);
}

static gboolean
parse_json (const char  *json,
            gssize       length,
            JsonParser  *parser,
            GError     **error)
{
  g_autoptr(GError) parse_error = NULL;

  if (length < 0)
    length = strlen (json);
  if (!g_utf8_validate (json, length, NULL))
    {
      g_set_error_literal (error, CLIP_EXPORT_ERROR, CLIP_EXPORT_ERROR_INVALID,
                           _("The annotations are not valid JSON: the file is not UTF-8 text"));
      return FALSE;
    }
  if (!clip_json_parser_load (parser, json, length, &parse_error))
    {
      g_set_error (error, CLIP_EXPORT_ERROR, CLIP_EXPORT_ERROR_INVALID,
                   _("The annotations are not valid JSON: %s"), parse_error->message);
      return FALSE;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, CLIP_EXPORT_ERROR, CLIP_EXPORT_ERROR_INVALID,
                           _("The annotations file is empty"));
      return FALSE;
    }
  return TRUE;
}

/* All of it, or, when the library fails, none of it. */
static gboolean
import_all (ClipStore  *store,
            gpointer    data,
            GError    **error)
{
  Import *import = data;

  import_node (import, import->root, FALSE, 0);
  if (import->store_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&import->store_error),
                                  _("Nothing was imported: "));
      return FALSE;
    }
  return TRUE;
}

gboolean
clip_import_annotations (ClipStore                  *store,
                         const char                 *json,
                         gssize                      length,
                         ClipAnnotationImportReport *report,
                         GError                    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  Import import = { store, report, NULL, NULL, 0, NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (CLIP_IS_STORE (store), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (report != NULL && report->messages != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!parse_json (json, length, parser, error))
    return FALSE;

  import.sources = load_sources (store, error);
  if (import.sources == NULL)
    return FALSE;
  import.targets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                          (GDestroyNotify)import_target_free);
  import.root = json_parser_get_root (parser);
  ok = clip_store_run_in_transaction (store, import_all, &import, error);
  g_hash_table_unref (import.sources);
  g_hash_table_unref (import.targets);
  return ok;
}
