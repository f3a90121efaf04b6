/* clip-cli-library.c: the search, tags and entities commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "clip-cli-common.h"
#include "clip-cli-library.h"
#include "clip-entity-index.h"
#include "clip-query.h"
#include "clip-search.h"
#include "clip-tags.h"

#define DEFAULT_LIMIT 20

static const char *
search_help (void)
{
  return _("Usage: clippings-cli search QUERY... [--json] [--limit N]\n"
           "         [--sort saved|published|title|site]\n"
           "Query: words, \"phrases\", -excluded, prefix*, tag:NAME, entity:NAME,\n"
           "       site:TEXT, kind:highlight|quote|entity|note,\n"
           "       before:DATE, after:DATE (YYYY, YYYY-MM or YYYY-MM-DD)\n");
}

static gboolean
parse_sort (const char      *text,
            ClipLibrarySort *sort)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (CLIP_TYPE_LIBRARY_SORT);
  GEnumValue *value = g_enum_get_value_by_nick (klass, text);

  if (value == NULL)
    return FALSE;
  *sort = value->value;
  return TRUE;
}

typedef struct {
  GString *query;
  gboolean json;
  guint limit;
  ClipLibrarySort sort;
} SearchOptions;

static int
parse_search_options (int            argc,
                      char         **argv,
                      SearchOptions *options)
{
  for (int i = 0; i < argc; i++)
    {
      guint64 limit;

      if (g_str_equal (argv[i], "--json"))
        options->json = TRUE;
      else if (g_str_equal (argv[i], "--limit") && i + 1 < argc &&
               g_ascii_string_to_unsigned (argv[i + 1], 10, 1, 100000, &limit, NULL))
        {
          options->limit = limit;
          i++;
        }
      else if (g_str_equal (argv[i], "--sort") && i + 1 < argc && parse_sort (argv[i + 1], &options->sort))
        i++;
      else if (g_str_has_prefix (argv[i], "--"))
        return clip_cli_usage (_("search: unknown or incomplete option"), search_help ());
      else
        g_string_append_printf (options->query, "%s%s", options->query->len > 0 ? " " : "", argv[i]);
    }

  if (options->query->len == 0)
    return clip_cli_usage (_("search needs a query"), search_help ());
  return EXIT_SUCCESS;
}

static JsonNode *
result_to_json (ClipSearchResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *snippet = clip_search_result_get_snippet (result);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, clip_search_result_get_id (result));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, clip_search_result_get_title (result));
  json_builder_set_member_name (builder, "site");
  json_builder_add_string_value (builder, clip_search_result_get_site_name (result));
  json_builder_set_member_name (builder, "published");
  json_builder_add_string_value (builder, clip_search_result_get_published (result));
  json_builder_set_member_name (builder, "saved");
  json_builder_add_string_value (builder, clip_search_result_get_created_at (result));
  json_builder_set_member_name (builder, "highlights");
  json_builder_add_int_value (builder, clip_search_result_get_n_highlights (result));
  json_builder_set_member_name (builder, "quotes");
  json_builder_add_int_value (builder, clip_search_result_get_n_quotes (result));
  json_builder_set_member_name (builder, "annotations");
  json_builder_add_int_value (builder, clip_search_result_get_n_annotations (result));

  if (snippet != NULL)
    {
      g_autoptr(GArray) ranges = NULL;
      g_autofree char *plain = clip_search_snippet_to_plain (snippet, &ranges);

      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, clip_search_result_get_score (result));
      json_builder_set_member_name (builder, "snippet");
      json_builder_add_string_value (builder, plain);
      /* Code-point ranges of the matched words in the snippet. */
      json_builder_set_member_name (builder, "matches");
      json_builder_begin_array (builder);
      for (guint i = 0; i + 1 < ranges->len; i += 2)
        {
          json_builder_begin_array (builder);
          json_builder_add_int_value (builder, g_array_index (ranges, glong, i));
          json_builder_add_int_value (builder, g_array_index (ranges, glong, i + 1));
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_json (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, TRUE);

  g_print ("%s\n", text);
}

static void
print_results_json (GPtrArray *results,
                    gint64     count)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, count);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    json_builder_add_value (builder, result_to_json (g_ptr_array_index (results, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  print_json (root);
}

/* Matches in bold on a terminal, between ** otherwise. */
static char *
snippet_for_terminal (const char *snippet)
{
  gboolean tty = isatty (STDOUT_FILENO);
  GString *out = g_string_new (NULL);

  for (const char *p = snippet; *p != '\0'; p++)
    {
      if (*p == '\x02')
        g_string_append (out, tty ? "\033[1m" : "**");
      else if (*p == '\x03')
        g_string_append (out, tty ? "\033[0m" : "**");
      else if (*p == '\n')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
print_results_text (GPtrArray *results,
                    gint64     count)
{
  for (guint i = 0; i < results->len; i++)
    {
      ClipSearchResult *result = g_ptr_array_index (results, i);
      const char *site = clip_search_result_get_site_name (result);
      const char *snippet = clip_search_result_get_snippet (result);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n",
               clip_search_result_get_id (result),
               clip_search_result_get_created_at (result),
               site != NULL ? site : "",
               clip_search_result_get_title (result));
      if (snippet != NULL)
        {
          g_autofree char *shown = snippet_for_terminal (snippet);
          g_print ("\t%s\n", shown);
        }
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "%lld clipping found\n", "%lld clippings found\n",
                        (gulong)count),
           (long long)count);
}

int
clip_cli_search (ClipStore  *store,
                 int         argc,
                 char      **argv)
{
  SearchOptions options = { g_string_new (NULL), FALSE, DEFAULT_LIMIT, CLIP_LIBRARY_SORT_SAVED };
  g_autoptr(GString) text = options.query;
  g_autoptr(ClipQuery) query = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  gint64 count;
  int status;

  status = parse_search_options (argc, argv, &options);
  if (status != EXIT_SUCCESS)
    return status;

  query = clip_query_parse (text->str, &error);
  if (query == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("invalid search: %s"), error->message);
      return clip_cli_fail (message);
    }

  count = clip_store_count_search (store, query, &error);
  if (count >= 0)
    results = clip_store_search (store, query, options.sort, 0, options.limit, &error);
  if (results == NULL)
    return clip_cli_fail (error->message);

  if (options.json)
    print_results_json (results, count);
  else
    print_results_text (results, count);
  return EXIT_SUCCESS;
}

static const char *
tags_help (void)
{
  return _("Usage: clippings-cli tags [--json]\n"
           "       clippings-cli tags rename OLD NEW\n"
           "       clippings-cli tags merge FROM INTO\n"
           "       clippings-cli tags delete NAME\n");
}

static int
list_tags (ClipStore *store,
           gboolean   json)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  tags = clip_store_list_tags (store, &error);
  if (tags == NULL)
    return clip_cli_fail (error->message);

  json_builder_begin_array (builder);
  for (guint i = 0; i < tags->len; i++)
    {
      ClipTag *tag = g_ptr_array_index (tags, i);

      if (!json)
        g_print ("%s\t%u\t%u\n", clip_tag_get_name (tag),
                 clip_tag_get_n_clippings (tag), clip_tag_get_n_annotations (tag));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, clip_tag_get_name (tag));
      json_builder_set_member_name (builder, "clippings");
      json_builder_add_int_value (builder, clip_tag_get_n_clippings (tag));
      json_builder_set_member_name (builder, "annotations");
      json_builder_add_int_value (builder, clip_tag_get_n_annotations (tag));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  if (json)
    print_json (root);
  return EXIT_SUCCESS;
}

int
clip_cli_tags (ClipStore  *store,
               int         argc,
               char      **argv)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (argc == 0 || (argc == 1 && g_str_equal (argv[0], "--json")))
    return list_tags (store, argc == 1);

  if (g_str_equal (argv[0], "rename") && argc == 3)
    ok = clip_store_rename_tag (store, argv[1], argv[2], &error);
  else if (g_str_equal (argv[0], "merge") && argc == 3)
    ok = clip_store_merge_tags (store, argv[1], argv[2], &error);
  else if (g_str_equal (argv[0], "delete") && argc == 2)
    ok = clip_store_delete_tag (store, argv[1], &error);
  else
    return clip_cli_usage (_("tags: unknown command or wrong number of arguments"), tags_help ());

  return ok ? EXIT_SUCCESS : clip_cli_fail (error->message);
}

static const char *
entities_help (void)
{
  return _("Usage: clippings-cli entities [--json]\n"
           "       clippings-cli entities merge INTO_ID FROM_ID\n");
}

static JsonNode *
summary_to_json (ClipEntitySummary *summary)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  ClipEntity *entity = clip_entity_summary_get_entity (summary);
  const char * const *aliases = clip_entity_get_aliases (entity);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, clip_entity_get_id (entity));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, clip_entity_get_name (entity));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, clip_entity_kind_to_string (clip_entity_get_kind (entity)));
  json_builder_set_member_name (builder, "aliases");
  json_builder_begin_array (builder);
  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    json_builder_add_string_value (builder, aliases[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "clippings");
  json_builder_add_int_value (builder, clip_entity_summary_get_n_clippings (summary));
  json_builder_set_member_name (builder, "mentions");
  json_builder_add_int_value (builder, clip_entity_summary_get_n_mentions (summary));
  json_builder_set_member_name (builder, "quotes");
  json_builder_add_int_value (builder, clip_entity_summary_get_n_quotes (summary));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_summary (ClipEntitySummary *summary)
{
  ClipEntity *entity = clip_entity_summary_get_entity (summary);
  const char * const *aliases = clip_entity_get_aliases (entity);
  g_autofree char *joined = g_strjoinv (", ", (char **)aliases);

  g_print ("%" G_GINT64_FORMAT "\t%s\t%u\t%u\t%u\t%s%s%s%s\n",
           clip_entity_get_id (entity),
           clip_entity_kind_to_string (clip_entity_get_kind (entity)),
           clip_entity_summary_get_n_clippings (summary),
           clip_entity_summary_get_n_mentions (summary),
           clip_entity_summary_get_n_quotes (summary),
           clip_entity_get_name (entity),
           joined[0] != '\0' ? " (" : "", joined, joined[0] != '\0' ? ")" : "");
}

static int
list_entities (ClipStore *store,
               gboolean   json)
{
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  summaries = clip_store_list_entity_summaries (store, &error);
  if (summaries == NULL)
    return clip_cli_fail (error->message);

  root = json_node_new (JSON_NODE_ARRAY);
  array = json_array_new ();
  json_node_take_array (root, array);
  for (guint i = 0; i < summaries->len; i++)
    {
      if (json)
        json_array_add_element (array, summary_to_json (g_ptr_array_index (summaries, i)));
      else
        print_summary (g_ptr_array_index (summaries, i));
    }

  if (json)
    print_json (root);
  return EXIT_SUCCESS;
}

static gboolean
parse_entity_id (const char *text,
                 gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64)value;
  return TRUE;
}

int
clip_cli_entities (ClipStore  *store,
                   int         argc,
                   char      **argv)
{
  g_autoptr(GError) error = NULL;
  gint64 into, from;

  if (argc == 0 || (argc == 1 && g_str_equal (argv[0], "--json")))
    return list_entities (store, argc == 1);

  if (argc != 3 || !g_str_equal (argv[0], "merge") ||
      !parse_entity_id (argv[1], &into) || !parse_entity_id (argv[2], &from))
    return clip_cli_usage (_("entities: unknown command or wrong arguments"), entities_help ());

  if (!clip_store_merge_entities (store, into, from, &error))
    return clip_cli_fail (error->message);
  return EXIT_SUCCESS;
}
