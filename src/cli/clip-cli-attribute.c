/* clip-cli-attribute.c: clippings-cli attribute FILE...
 *
 * Runs the attribution engine on each file's UTF-8 text, taken verbatim
 * as the article text, and prints one JSON object per file, one per line:
 * the quotes with their cue and speaker, and the entities named.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "clip-attribution.h"
#include "clip-cli-attribute.h"
#include "clip-cli-common.h"

static void
add_span (JsonBuilder *builder,
          glong        start,
          glong        end,
          const char  *text)
{
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, start);
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, end);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
}

static void
add_quote (JsonBuilder               *builder,
           const ClipQuoteSuggestion *quote)
{
  json_builder_begin_object (builder);
  add_span (builder, quote->start, quote->end, quote->text);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, clip_quote_kind_to_string (quote->kind));
  if (quote->cue_text != NULL)
    {
      json_builder_set_member_name (builder, "cue");
      json_builder_begin_object (builder);
      add_span (builder, quote->cue_start, quote->cue_end, quote->cue_text);
      json_builder_end_object (builder);
    }
  if (quote->speaker_text != NULL)
    {
      json_builder_set_member_name (builder, "speaker");
      json_builder_begin_object (builder);
      add_span (builder, quote->speaker_start, quote->speaker_end, quote->speaker_text);
      json_builder_set_member_name (builder, "name");
      if (quote->speaker_name != NULL)
        json_builder_add_string_value (builder, quote->speaker_name);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
add_entity (JsonBuilder                *builder,
            const ClipEntitySuggestion *entity)
{
  json_builder_begin_object (builder);
  add_span (builder, entity->start, entity->end, entity->text);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, clip_entity_kind_to_string (entity->kind));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, entity->name);
  json_builder_end_object (builder);
}

static void
add_attribution (JsonBuilder     *builder,
                 ClipAttribution *attribution)
{
  json_builder_set_member_name (builder, "quotes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < attribution->quotes->len; i++)
    add_quote (builder, g_ptr_array_index (attribution->quotes, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "entities");
  json_builder_begin_array (builder);
  for (guint i = 0; i < attribution->entities->len; i++)
    add_entity (builder, g_ptr_array_index (attribution->entities, i));
  json_builder_end_array (builder);
}

/* Returns whether the file could be read as UTF-8 text. */
static gboolean
print_file (const char *path)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ClipAttribution) attribution = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  gsize length;

  if (!g_file_get_contents (path, &text, &length, &error))
    {
      clip_cli_fail (error->message);
      return FALSE;
    }
  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("%s is not UTF-8 text"), path);

      clip_cli_fail (message);
      return FALSE;
    }

  attribution = clip_attribution_run (text, NULL);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, path);
  add_attribution (builder, attribution);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  line = json_generator_to_data (generator, NULL);
  g_print ("%s\n", line);
  return TRUE;
}

int
clip_cli_attribute (int    argc,
                    char **argv)
{
  gboolean ok = TRUE;

  if (argc < 1)
    return clip_cli_usage (_("attribute takes one or more text files"),
                           _("Usage: clippings-cli attribute FILE...\n"));

  for (int i = 0; i < argc; i++)
    ok = print_file (argv[i]) && ok;
  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
