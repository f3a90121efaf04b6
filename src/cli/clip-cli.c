/* clip-cli.c: clippings-cli, the library from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "clip-date.h"
#include "clip-cli-annotate.h"
#include "clip-cli-attribute.h"
#include "clip-cli-check.h"
#include "clip-cli-common.h"
#include "clip-cli-export.h"
#include "clip-cli-extract.h"
#include "clip-cli-library.h"
#include "clip-cli-web.h"
#include "clip-import.h"
#include "clip-json.h"
#include "clip-store.h"


static const char usage[] =
  N_("Usage: clippings-cli [--db PATH] COMMAND [ARGUMENTS]\n"
     "\n"
     "Commands:\n"
     "  import FILE|URL    Import a text or HTML file, or capture a web page\n"
     "                     (a URL needs a display); prints the new number\n"
     "  list               List the clippings: number, date saved, site, title\n"
     "  extract [--base-url URL] FILE...\n"
     "                     Print the article of each HTML file (.html, .html.gz)\n"
     "                     as one line of JSON\n"
     "  attribute FILE...  Suggest the quotes, speakers and entities of each text\n"
     "                     file, as one line of JSON\n"
     "  show ID [--json]   Show a clipping with its annotations\n"
     "  annotate ID --quote TEXT --kind KIND [OPTIONS]\n"
     "                     Mark a passage (see annotate --help)\n"
     "  annotations ID [--json]\n"
     "                     List a clipping's annotations with their selectors\n"
     "  export (ID... | --tag T) --format md|html|jsonld|csv|ris|bibtex|csljson|hypothesis\n"
     "                     -o PATH\n"
     "                     Export clippings with their annotations\n"
     "  import-annotations FILE\n"
     "                     Import W3C Web Annotations (JSON-LD) or a Hypothesis\n"
     "                     export onto clippings\n"
     "  search QUERY [--json]\n"
     "                     Search the library (words, \"phrases\", -not, pre*, tag:,\n"
     "                     entity:, site:, kind:quote, before:, after:)\n"
     "  tags               List the tags with their counts\n"
     "  entities [--json]  List the people, organisations and places\n"
     "  check              Check the library for damage (exit status 1 if damaged)\n"
     "  recover OUT.db     Copy every row that can be read from a damaged library\n"
     "                     into a new library; the damaged file is left as it is\n"
     "\n"
     "Options:\n"
     "  --db PATH          The library to use (default: the app's library)\n"
     "  --help             Show this help\n"
     "  --version          Show the version\n");

static int
usage_error (const char *message)
{
  return clip_cli_usage (message, _(usage));
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64)value;
  return TRUE;
}

static int
cmd_import (ClipStore  *store,
            int         argc,
            char      **argv)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(GPtrArray) assets = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 1)
    return usage_error (_("import takes one file or web address"));

  if (g_str_has_prefix (argv[0], "http://") || g_str_has_prefix (argv[0], "https://"))
    return clip_cli_import_uri (store, argv[0]);

  file = g_file_new_for_commandline_arg (argv[0]);
  article = clip_import_file_with_assets (file, NULL, &assets, &error);
  if (article == NULL || !clip_store_add_article_with_assets (store, article, assets, &error))
    return clip_cli_fail (error->message);

  g_print ("%" G_GINT64_FORMAT "\n", clip_article_get_id (article));
  return EXIT_SUCCESS;
}

static int
cmd_list (ClipStore  *store,
          int         argc,
          char      **argv)
{
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 0)
    return usage_error (_("list takes no arguments"));

  articles = clip_store_list_articles (store, &error);
  if (articles == NULL)
    return clip_cli_fail (error->message);

  for (guint i = 0; i < articles->len; i++)
    {
      ClipArticle *article = g_ptr_array_index (articles, i);
      const char *site = clip_article_get_site_name (article);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n",
               clip_article_get_id (article),
               clip_article_get_created_at (article),
               site ? site : "",
               clip_article_get_title (article));
    }

  return EXIT_SUCCESS;
}

static void
print_article (ClipArticle *article,
               GPtrArray   *annotations)
{
  g_autofree char *published = clip_date_format_human (clip_article_get_published (article));
  const char *source_file = clip_article_get_source_file (article);

  g_print ("%s\n", clip_article_get_title (article));
  if (clip_article_get_site_name (article) != NULL)
    g_print (_("Site: %s\n"), clip_article_get_site_name (article));
  if (clip_article_get_byline (article) != NULL)
    g_print (_("By: %s\n"), clip_article_get_byline (article));
  if (published != NULL)
    g_print (_("Published: %s\n"), published);
  if (source_file != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (source_file);
      g_autofree char *name = g_file_get_parse_name (file);

      g_print (_("File: %s\n"), name);
    }
  g_print ("\n%s\n", clip_article_get_text (article));

  if (annotations->len > 0)
    g_print ("\n%s\n", _("Annotations:"));
  for (guint i = 0; i < annotations->len; i++)
    {
      ClipAnnotation *annotation = g_ptr_array_index (annotations, i);

      g_print ("  %" G_GINT64_FORMAT " [%ld–%ld] %s: “%s”\n",
               clip_annotation_get_id (annotation),
               clip_annotation_get_start (annotation),
               clip_annotation_get_end (annotation),
               clip_annotation_kind_to_string (clip_annotation_get_kind (annotation)),
               clip_annotation_get_exact (annotation));
    }
}

static int
cmd_show (ClipStore  *store,
          int         argc,
          char      **argv)
{
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  const char *id_text = NULL;
  gint64 id;

  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (id_text == NULL)
        id_text = argv[i];
      else
        return usage_error (_("show takes one clipping number"));
    }

  if (id_text == NULL || !parse_id (id_text, &id))
    return usage_error (_("show needs a clipping number, such as: show 1"));

  article = clip_store_get_article (store, id, &error);
  if (article == NULL)
    return clip_cli_fail (error->message);

  annotations = clip_store_list_annotations (store, id, &error);
  if (annotations == NULL)
    return clip_cli_fail (error->message);

  if (json)
    {
      g_autoptr(JsonNode) node = clip_article_to_json (article, annotations);
      g_autofree char *text = json_to_string (node, TRUE);

      g_print ("%s\n", text);
    }
  else
    {
      print_article (article, annotations);
    }

  return EXIT_SUCCESS;
}

typedef enum {
  WRITES,
  READS,
  /* tags and entities list (read) without a subcommand, else change. */
  READS_WITHOUT_ARGUMENTS,
} Access;

static const struct {
  const char *name;
  int (*run) (ClipStore *store, int argc, char **argv);
  Access access;
} commands[] = {
  { "import", cmd_import, WRITES },
  { "list", cmd_list, READS },
  { "show", cmd_show, READS },
  { "annotate", clip_cli_annotate, WRITES },
  { "annotations", clip_cli_annotations, READS },
  { "export", clip_cli_export, READS },
  { "import-annotations", clip_cli_import_annotations, WRITES },
  { "search", clip_cli_search, READS },
  { "tags", clip_cli_tags, READS_WITHOUT_ARGUMENTS },
  { "entities", clip_cli_entities, READS_WITHOUT_ARGUMENTS },
};

static gboolean
only_reads (Access   access,
            int      argc,
            char   **argv)
{
  if (access == READS_WITHOUT_ARGUMENTS)
    return argc == 0 || (argc == 1 && g_str_equal (argv[0], "--json"));
  return access == READS;
}

static int
run_command (const char  *db_path,
             int          argc,
             char       **argv)
{
  g_autoptr(ClipStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *default_path = NULL;

  if (db_path == NULL)
    db_path = default_path = clip_store_default_path ();

  /* These open the library themselves: it may be damaged. */
  if (g_str_equal (argv[0], "check"))
    return clip_cli_check (db_path, argc - 1, argv + 1);
  if (g_str_equal (argv[0], "recover"))
    return clip_cli_recover (db_path, argc - 1, argv + 1);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      ClipStoreOpenFlags flags = CLIP_STORE_OPEN_NONE;

      if (!g_str_equal (argv[0], commands[i].name))
        continue;

      /* A read works on a read-only library or folder, and changes
       * nothing in the file. */
      if (only_reads (commands[i].access, argc - 1, argv + 1))
        flags |= CLIP_STORE_OPEN_READ_ONLY;
      store = clip_store_open_full (db_path, flags, &error);
      if (store == NULL)
        return clip_cli_fail (error->message);

      return commands[i].run (store, argc - 1, argv + 1);
    }

  {
    g_autofree char *message = g_strdup_printf (_("unknown command “%s”"), argv[0]);
    return usage_error (message);
  }
}

int
main (int   argc,
      char *argv[])
{
  const char *db_path = NULL;
  int status;
  int i;

  clip_cli_set_arguments (argc, argv);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          g_print ("%s", _(usage));
          return EXIT_SUCCESS;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          g_print ("clippings-cli %s\n", PACKAGE_VERSION);
          return EXIT_SUCCESS;
        }
      else if (g_str_equal (argv[i], "--db"))
        {
          if (++i >= argc)
            return usage_error (_("--db needs a path"));
          db_path = argv[i];
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          db_path = argv[i] + strlen ("--db=");
        }
      else
        {
          break;
        }

      /* An empty name would open a temporary database: whatever was
       * written to it would be reported as stored, then lost. */
      if (db_path != NULL && db_path[0] == '\0')
        return usage_error (_("--db needs a path; an empty one names no library"));
    }

  if (i >= argc)
    return usage_error (_("no command given"));

  /* extract and attribute work on files alone; they need no library. */
  if (g_str_equal (argv[i], "extract"))
    status = clip_cli_extract (argc - i - 1, argv + i + 1);
  else if (g_str_equal (argv[i], "attribute"))
    status = clip_cli_attribute (argc - i - 1, argv + i + 1);
  else
    status = run_command (db_path, argc - i, argv + i);

  /* What was printed must have reached its reader: > /dev/full fails. */
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      g_autofree char *message = g_strdup_printf (_("cannot write to standard output: %s"),
                                                  g_strerror (errno));
      return clip_cli_fail (message);
    }
  return status;
}
