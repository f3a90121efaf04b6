/* clip-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "clip-json.h"

gboolean
clip_json_check_depth (const char  *data,
                       gssize       length,
                       guint        max_depth,
                       GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length < 0)
    length = strlen (data);

  /* Brackets inside strings do not count; a backslash hides the next
   * byte (an escaped quote does not end the string). */
  for (gssize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if ((c == '[' || c == '{') && ++depth > max_depth)
        {
          g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                       _("The JSON is nested more than %u levels deep, which is more than "
                         "any file Clippings reads"), max_depth);
          return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

gboolean
clip_json_parser_load (JsonParser  *parser,
                       const char  *data,
                       gssize       length,
                       GError     **error)
{
  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);

  if (data == NULL)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, _("There is no JSON"));
      return FALSE;
    }
  if (length < 0)
    length = strlen (data);

  /* json-glib's parser recurses once per level: a deep enough file
   * would overflow the stack, so it never sees one. */
  return clip_json_check_depth (data, length, CLIP_JSON_MAX_DEPTH, error) &&
         json_parser_load_from_data (parser, data, length, error);
}

JsonNode *
clip_json_from_string (const char  *data,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!clip_json_parser_load (parser, data, -1, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, _("The JSON is empty"));
      return NULL;
    }
  return json_node_ref (root);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* The selectors follow the W3C Web Annotation model's names. */
static void
add_selectors (JsonBuilder    *builder,
               ClipAnnotation *annotation)
{
  json_builder_set_member_name (builder, "selectors");
  json_builder_begin_array (builder);

  json_builder_begin_object (builder);
  add_string (builder, "type", "TextQuoteSelector");
  add_string (builder, "exact", clip_annotation_get_exact (annotation));
  add_string (builder, "prefix", clip_annotation_get_prefix (annotation));
  add_string (builder, "suffix", clip_annotation_get_suffix (annotation));
  json_builder_end_object (builder);

  json_builder_begin_object (builder);
  add_string (builder, "type", "TextPositionSelector");
  add_int (builder, "start", clip_annotation_get_start (annotation));
  add_int (builder, "end", clip_annotation_get_end (annotation));
  json_builder_end_object (builder);

  json_builder_end_array (builder);
}

static void
add_entity (JsonBuilder *builder,
            const char  *member,
            gint64       id,
            const char  *name,
            const char  *kind)
{
  json_builder_set_member_name (builder, member);
  if (id <= 0)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  add_int (builder, "id", id);
  add_string (builder, "name", name);
  if (kind != NULL)
    add_string (builder, "kind", kind);
  json_builder_end_object (builder);
}

static void
build_annotation (JsonBuilder    *builder,
                  ClipAnnotation *annotation)
{
  json_builder_begin_object (builder);
  add_int (builder, "id", clip_annotation_get_id (annotation));
  add_int (builder, "article_id", clip_annotation_get_article_id (annotation));
  add_string (builder, "kind",
              clip_annotation_kind_to_string (clip_annotation_get_kind (annotation)));
  add_int (builder, "color", clip_annotation_get_color (annotation));
  add_string (builder, "exact", clip_annotation_get_exact (annotation));
  add_int (builder, "start", clip_annotation_get_start (annotation));
  add_int (builder, "end", clip_annotation_get_end (annotation));
  add_string (builder, "note", clip_annotation_get_note (annotation));
  add_string (builder, "created", clip_annotation_get_created_at (annotation));
  json_builder_set_member_name (builder, "orphaned");
  json_builder_add_boolean_value (builder, clip_annotation_get_orphaned (annotation));
  add_entity (builder, "speaker", clip_annotation_get_speaker_id (annotation),
              clip_annotation_get_speaker_name (annotation), NULL);
  add_entity (builder, "entity", clip_annotation_get_entity_id (annotation),
              clip_annotation_get_entity_name (annotation),
              clip_annotation_get_entity_kind (annotation));
  add_string (builder, "quote_status", clip_annotation_get_quote_status (annotation));
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (const char * const *tag = clip_annotation_get_tags (annotation); *tag != NULL; tag++)
    json_builder_add_string_value (builder, *tag);
  json_builder_end_array (builder);
  add_selectors (builder, annotation);
  json_builder_end_object (builder);
}

JsonNode *
clip_annotation_to_json (ClipAnnotation *annotation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (CLIP_IS_ANNOTATION (annotation), NULL);

  build_annotation (builder, annotation);
  return json_builder_get_root (builder);
}

static guint
count_paragraphs (const char *text)
{
  g_auto(GStrv) blocks = g_strsplit (text, "\n\n", -1);
  guint n = 0;

  for (guint i = 0; blocks[i] != NULL; i++)
    if (blocks[i][0] != '\0')
      n++;

  return n;
}

JsonNode *
clip_article_to_json (ClipArticle *article,
                      GPtrArray   *annotations)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *text;

  g_return_val_if_fail (CLIP_IS_ARTICLE (article), NULL);

  text = clip_article_get_text (article);

  json_builder_begin_object (builder);
  add_int (builder, "id", clip_article_get_id (article));
  add_string (builder, "title", clip_article_get_title (article));
  add_string (builder, "byline", clip_article_get_byline (article));
  add_string (builder, "published", clip_article_get_published (article));
  add_string (builder, "site_name", clip_article_get_site_name (article));
  add_string (builder, "source_url", clip_article_get_source_url (article));
  add_string (builder, "lang", clip_article_get_lang (article));
  add_string (builder, "dir", clip_article_get_dir (article));
  add_string (builder, "excerpt", clip_article_get_excerpt (article));
  add_string (builder, "source_kind", clip_article_get_source_kind (article));
  add_string (builder, "source_file", clip_article_get_source_file (article));
  add_string (builder, "captured", clip_article_get_captured_at (article));
  add_string (builder, "created", clip_article_get_created_at (article));
  add_int (builder, "length", g_utf8_strlen (text, -1));
  add_int (builder, "paragraphs", count_paragraphs (text));
  add_string (builder, "text", text);

  if (annotations != NULL)
    {
      json_builder_set_member_name (builder, "annotations");
      json_builder_begin_array (builder);
      for (guint i = 0; i < annotations->len; i++)
        build_annotation (builder, g_ptr_array_index (annotations, i));
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
