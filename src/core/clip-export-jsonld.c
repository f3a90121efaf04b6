/* clip-export-jsonld.c: annotations as a W3C Web Annotation collection
 *
 * The collection embeds one AnnotationPage holding every annotation: a
 * file cannot follow a "next" page by its IRI, so one page keeps the
 * export whole and readable by any W3C consumer. Each annotation says
 * what it is with standard motivations and bodies (note: commenting,
 * tags: tagging, entity: identifying and classifying, a quote's speaker:
 * describing), and carries what only Clippings knows (kind, colour,
 * quote status) under its own namespace, so that an import gives back
 * the same annotation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "clip-export-private.h"

#define ANNO_CONTEXT "http://www.w3.org/ns/anno.jsonld"

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_body (JsonBuilder *builder,
          const char  *purpose,
          const char  *value,
          const char  *role)
{
  json_builder_begin_object (builder);
  add_string (builder, "type", "TextualBody");
  add_string (builder, "purpose", purpose);
  add_string (builder, "value", value);
  add_string (builder, "format", "text/plain");
  if (role != NULL)
    add_string (builder, "clippings:role", role);
  json_builder_end_object (builder);
}

static gboolean
has_text (const char *value)
{
  return value != NULL && value[0] != '\0';
}

static void
add_motivation (JsonBuilder    *builder,
                ClipAnnotation *annotation)
{
  ClipAnnotationKind kind = clip_annotation_get_kind (annotation);
  g_autoptr(GPtrArray) motivations = g_ptr_array_new ();

  if (kind == CLIP_ANNOTATION_HIGHLIGHT || kind == CLIP_ANNOTATION_QUOTE)
    g_ptr_array_add (motivations, "highlighting");
  if (kind == CLIP_ANNOTATION_ENTITY)
    g_ptr_array_add (motivations, "identifying");
  if (kind == CLIP_ANNOTATION_NOTE || has_text (clip_annotation_get_note (annotation)))
    g_ptr_array_add (motivations, "commenting");
  if (clip_annotation_get_tags (annotation)[0] != NULL)
    g_ptr_array_add (motivations, "tagging");

  json_builder_set_member_name (builder, "motivation");
  if (motivations->len == 1)
    {
      json_builder_add_string_value (builder, g_ptr_array_index (motivations, 0));
      return;
    }
  json_builder_begin_array (builder);
  for (guint i = 0; i < motivations->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (motivations, i));
  json_builder_end_array (builder);
}

static void
add_bodies (JsonBuilder    *builder,
            ClipAnnotation *annotation)
{
  const char * const *tags = clip_annotation_get_tags (annotation);
  const char *note = clip_annotation_get_note (annotation);
  const char *speaker = clip_annotation_get_speaker_name (annotation);
  const char *entity = clip_annotation_get_entity_name (annotation);

  if (!has_text (note) && tags[0] == NULL && !has_text (speaker) && !has_text (entity))
    return;

  json_builder_set_member_name (builder, "body");
  json_builder_begin_array (builder);
  if (has_text (note))
    add_body (builder, "commenting", note, NULL);
  for (guint i = 0; tags[i] != NULL; i++)
    add_body (builder, "tagging", tags[i], NULL);
  if (has_text (entity))
    {
      const char *kind = clip_annotation_get_entity_kind (annotation);

      add_body (builder, "identifying", entity, NULL);
      add_body (builder, "classifying", has_text (kind) ? kind : "other", NULL);
    }
  if (has_text (speaker))
    add_body (builder, "describing", speaker, "speaker");
  json_builder_end_array (builder);
}

static void
add_target (JsonBuilder    *builder,
            ClipAnnotation *annotation,
            const char     *source)
{
  json_builder_set_member_name (builder, "target");
  json_builder_begin_object (builder);
  add_string (builder, "type", "SpecificResource");
  add_string (builder, "source", source);
  json_builder_set_member_name (builder, "selector");
  json_builder_begin_array (builder);

  json_builder_begin_object (builder);
  add_string (builder, "type", "TextQuoteSelector");
  add_string (builder, "exact", clip_annotation_get_exact (annotation));
  if (has_text (clip_annotation_get_prefix (annotation)))
    add_string (builder, "prefix", clip_annotation_get_prefix (annotation));
  if (has_text (clip_annotation_get_suffix (annotation)))
    add_string (builder, "suffix", clip_annotation_get_suffix (annotation));
  json_builder_end_object (builder);

  json_builder_begin_object (builder);
  add_string (builder, "type", "TextPositionSelector");
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, MAX (clip_annotation_get_start (annotation), 0));
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, MAX (clip_annotation_get_end (annotation), 0));
  json_builder_end_object (builder);

  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static gboolean
is_date_time (const char *value)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;

  if (!has_text (value))
    return FALSE;
  parsed = g_date_time_new_from_iso8601 (value, utc);
  return parsed != NULL;
}

static JsonNode *
annotation_node (ClipAnnotation *annotation,
                 const char     *source)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *id = g_strdup_printf ("urn:clippings:annotation:%lld",
                                         (long long)clip_annotation_get_id (annotation));
  const char *created = clip_annotation_get_created_at (annotation);
  const char *status = clip_annotation_get_quote_status (annotation);

  json_builder_begin_object (builder);
  add_string (builder, "id", id);
  add_string (builder, "type", "Annotation");
  add_motivation (builder, annotation);
  if (is_date_time (created))
    add_string (builder, "created", created);
  add_bodies (builder, annotation);
  add_target (builder, annotation, source);
  add_string (builder, "clippings:kind",
              clip_annotation_kind_to_string (clip_annotation_get_kind (annotation)));
  if (clip_annotation_get_color (annotation) > 0)
    {
      json_builder_set_member_name (builder, "clippings:color");
      json_builder_add_int_value (builder, clip_annotation_get_color (annotation));
    }
  if (has_text (status))
    add_string (builder, "clippings:quoteStatus", status);
  if (clip_annotation_get_orphaned (annotation))
    {
      json_builder_set_member_name (builder, "clippings:orphaned");
      json_builder_add_boolean_value (builder, TRUE);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
jsonld_begin (ClipExportContext *ctx,
              GString           *out)
{
  ctx->data = json_array_new ();
  ctx->data_free = (GDestroyNotify)json_array_unref;
}

static gboolean
jsonld_item (ClipExportContext  *ctx,
             ClipExportItem     *item,
             GString            *out,
             GError            **error)
{
  g_autofree char *source = clip_export_article_source (item->article);

  for (guint i = 0; i < item->annotations->len; i++)
    json_array_add_element (ctx->data, annotation_node (g_ptr_array_index (item->annotations, i), source));
  return TRUE;
}

static void
add_context (JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "@context");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, ANNO_CONTEXT);
  json_builder_begin_object (builder);
  add_string (builder, "clippings", CLIP_EXPORT_NS);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
}

static void
add_page (JsonBuilder *builder,
          const char  *collection_id,
          const char  *page_id,
          JsonArray   *items)
{
  json_builder_set_member_name (builder, "first");
  json_builder_begin_object (builder);
  add_string (builder, "id", page_id);
  add_string (builder, "type", "AnnotationPage");
  /* partOf as an object: the W3C tests read it as the collection's
   * description (5.2 pageTotalValidated), which a bare IRI is not. */
  json_builder_set_member_name (builder, "partOf");
  json_builder_begin_object (builder);
  add_string (builder, "id", collection_id);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, json_array_get_length (items));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "startIndex");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "items");
  json_builder_add_value (builder, json_node_init_array (json_node_alloc (), items));
  json_builder_end_object (builder);

  add_string (builder, "last", page_id);
}

static JsonNode *
collection_node (ClipExportContext *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = g_strdup_printf ("urn:uuid:%s", uuid);
  g_autofree char *page_id = g_strdup_printf ("urn:clippings:export:%s:page:1", uuid);
  JsonArray *items = ctx->data;

  json_builder_begin_object (builder);
  add_context (builder);
  add_string (builder, "id", id);
  add_string (builder, "type", "AnnotationCollection");
  add_string (builder, "label", _("Annotations exported from Clippings"));
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, json_array_get_length (items));
  if (is_date_time (ctx->now))
    add_string (builder, "generated", ctx->now);
  json_builder_set_member_name (builder, "generator");
  json_builder_begin_object (builder);
  add_string (builder, "type", "Software");
  add_string (builder, "name", "Clippings " PACKAGE_VERSION);
  json_builder_end_object (builder);
  if (json_array_get_length (items) > 0)
    add_page (builder, id, page_id, items);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
jsonld_end (ClipExportContext *ctx,
            GString           *out)
{
  g_autoptr(JsonNode) root = collection_node (ctx);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *json = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  g_string_append (out, json);
  g_string_append_c (out, '\n');
}

const ClipExportWriter clip_export_jsonld_writer = { jsonld_begin, jsonld_item, jsonld_end };
