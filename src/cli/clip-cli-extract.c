/* clip-cli-extract.c: clippings-cli extract [--base-url URL] FILE...
 *
 * Prints one JSON object per file, one per line, so that scripts can
 * read the output as JSON Lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "clip-cli-extract.h"
#include "clip-extract.h"

#define EXIT_USAGE 2

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
add_article (JsonBuilder *builder,
             ClipArticle *article)
{
  add_string (builder, "title", clip_article_get_title (article));
  add_string (builder, "byline", clip_article_get_byline (article));
  add_string (builder, "published", clip_article_get_published (article));
  add_string (builder, "site_name", clip_article_get_site_name (article));
  add_string (builder, "lang", clip_article_get_lang (article));
  add_string (builder, "dir", clip_article_get_dir (article));
  add_string (builder, "excerpt", clip_article_get_excerpt (article));
  add_string (builder, "text", clip_article_get_text (article));
  add_string (builder, "html", clip_article_get_content_html (article));
}

static ClipArticle *
extract_file (const char  *path,
              const char  *base_url,
              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GBytes) bytes = clip_extract_read_file (file, NULL, error);
  const char *data;
  gsize length;

  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  return clip_extract_html (data, length, NULL, base_url, CLIP_EXTRACT_FLAGS_NONE, NULL, error);
}

/* Returns whether the file was extracted. */
static gboolean
print_file (const char *path,
            const char *base_url)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  article = extract_file (path, base_url, &error);

  json_builder_begin_object (builder);
  add_string (builder, "file", path);
  if (article != NULL)
    add_article (builder, article);
  else
    add_string (builder, "error", error->message);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  line = json_generator_to_data (generator, NULL);
  g_print ("%s\n", line);

  return article != NULL;
}

int
clip_cli_extract (int    argc,
                  char **argv)
{
  const char *base_url = NULL;
  gboolean all_ok = TRUE;
  int n_files = 0;
  int i;

  for (i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--base-url"))
        {
          if (++i >= argc)
            {
              g_printerr ("clippings-cli: %s\n", _("--base-url needs a URL"));
              return EXIT_USAGE;
            }
          base_url = argv[i];
        }
      else if (g_str_has_prefix (argv[i], "--base-url="))
        base_url = argv[i] + strlen ("--base-url=");
      else if (g_str_equal (argv[i], "--"))
        {
          i++;
          break;
        }
      else
        break;
    }

  for (; i < argc; i++, n_files++)
    all_ok &= print_file (argv[i], base_url);

  if (n_files == 0)
    {
      g_printerr ("clippings-cli: %s\n", _("extract needs at least one file"));
      return EXIT_USAGE;
    }

  return all_ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
