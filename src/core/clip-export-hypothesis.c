/* clip-export-hypothesis.c: annotations as a Hypothesis export file
 *
 * The file the Hypothesis client writes and imports ("export_date",
 * "annotations"), each annotation in the shape of Hypothesis's API:
 * "uri", "target" as an array of {source, selector}, "text", "tags",
 * "document". The text keeps what Hypothesis has no field for (colour
 * meaning, speaker and status, entity), so that nothing is lost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "clip-export-private.h"

static gboolean
has_text (const char *value)
{
  return value != NULL && value[0] != '\0';
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

/* TextPositionSelector offsets count code points of the clipping's
 * text, as everywhere in Clippings; Hypothesis anchors by the quote
 * first, and takes the position only as a hint. */
static void
add_target (JsonBuilder    *builder,
            ClipAnnotation *annotation,
            const char     *source)
{
  json_builder_set_member_name (builder, "target");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_string (builder, "source", source);
  json_builder_set_member_name (builder, "selector");
  json_builder_begin_array (builder);

  json_builder_begin_object (builder);
  add_string (builder, "type", "TextQuoteSelector");
  add_string (builder, "exact", clip_annotation_get_exact (annotation));
  add_string (builder, "prefix", clip_annotation_get_prefix (annotation));
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
  json_builder_end_array (builder);
}

/* The note, then a line for each detail Hypothesis has no field for. */
static char *
annotation_text (ClipExportContext *ctx,
                 ClipAnnotation    *annotation)
{
  GString *text = g_string_new (clip_annotation_get_note (annotation));
  const char *meaning = clip_export_color_name (ctx, clip_annotation_get_color (annotation));
  const char *speaker = clip_annotation_get_speaker_name (annotation);
  const char *entity = clip_annotation_get_entity_name (annotation);

  if (clip_annotation_get_kind (annotation) == CLIP_ANNOTATION_QUOTE && has_text (speaker))
    g_string_append_printf (text, "%sSpeaker: %s (%s)", text->len > 0 ? "\n\n" : "", speaker,
                            g_strcmp0 (clip_annotation_get_quote_status (annotation), "verified") == 0
                            ? "verified" : "unverified");
  if (clip_annotation_get_kind (annotation) == CLIP_ANNOTATION_ENTITY && has_text (entity))
    g_string_append_printf (text, "%sEntity: %s (%s)", text->len > 0 ? "\n\n" : "", entity,
                            has_text (clip_annotation_get_entity_kind (annotation))
                            ? clip_annotation_get_entity_kind (annotation) : "other");
  if (has_text (meaning))
    g_string_append_printf (text, "%sColour: %s", text->len > 0 ? "\n\n" : "", meaning);
  return g_string_free (text, FALSE);
}

static JsonNode *
annotation_node (ClipExportContext *ctx,
                 ClipArticle       *article,
                 ClipAnnotation    *annotation,
                 const char        *source)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *text = annotation_text (ctx, annotation);
  const char * const *tags = clip_annotation_get_tags (annotation);
  const char *created = clip_annotation_get_created_at (annotation);

  json_builder_begin_object (builder);
  if (has_text (created))
    {
      add_string (builder, "created", created);
      add_string (builder, "updated", created);
    }
  add_string (builder, "uri", source);
  add_string (builder, "text", text);
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);
  add_target (builder, annotation, source);
  json_builder_set_member_name (builder, "document");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, has_text (clip_article_get_title (article))
                                 ? clip_article_get_title (article) : source);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
hypothesis_begin (ClipExportContext *ctx,
                  GString           *out)
{
  ctx->data = json_array_new ();
  ctx->data_free = (GDestroyNotify)json_array_unref;
}

static gboolean
hypothesis_item (ClipExportContext  *ctx,
                 ClipExportItem     *item,
                 GString            *out,
                 GError            **error)
{
  g_autofree char *source = clip_export_article_source (item->article);

  for (guint i = 0; i < item->annotations->len; i++)
    json_array_add_element (ctx->data, annotation_node (ctx, item->article,
                                                        g_ptr_array_index (item->annotations, i), source));
  return TRUE;
}

static void
hypothesis_end (ClipExportContext *ctx,
                GString           *out)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  add_string (builder, "export_date", ctx->now);
  add_string (builder, "export_userid", "");
  add_string (builder, "client_version", "clippings-" PACKAGE_VERSION);
  json_builder_set_member_name (builder, "annotations");
  json_builder_add_value (builder, json_node_init_array (json_node_alloc (), ctx->data));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  g_string_append_printf (out, "%s\n", json);
}

const ClipExportWriter clip_export_hypothesis_writer = { hypothesis_begin, hypothesis_item, hypothesis_end };
