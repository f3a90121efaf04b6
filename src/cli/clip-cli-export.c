/* clip-cli-export.c: the export and import-annotations commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>


#include "clip-cli-common.h"
#include "clip-cli-export.h"
#include "clip-cli-web.h"
#include "clip-search.h"
#include "clip-export.h"
#include "clip-file.h"
#include "clip-import.h"


typedef struct {
  char *format;
  char *output;
  char *query;
  char *tag;
  gboolean force;
  gboolean highlights_only;
  gboolean bom;
  char **ids;
} ExportOptions;

static void
export_options_clear (ExportOptions *options)
{
  g_free (options->format);
  g_free (options->output);
  g_free (options->query);
  g_free (options->tag);
  g_strfreev (options->ids);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportOptions, export_options_clear)

static int
usage (const char *message)
{
  return clip_cli_usage (message,
                         _("Usage: clippings-cli export (ID... | --query Q | --tag T)\n"
                           "         --format md|html|pdf|jsonld|csv|ris|bibtex|csljson|hypothesis -o PATH\n"
                           "         [--force] [--highlights-only] [--bom]\n"
                           "  --bom    starts a CSV with a UTF-8 byte order mark, for spreadsheets\n"
                           "  -o -     writes to standard output; -o DIR (an existing folder)\n"
                           "           writes one file per clipping, named after its title\n"
                           "  Markdown in a file keeps the images saved with a clipping in a\n"
                           "  folder beside it (notes.md, notes/1.png); on standard output they\n"
                           "  are plain links to where they were saved from, as are images\n"
                           "  that were never saved.\n"));
}

static gboolean
parse_options (int             argc,
               char          **argv,
               ExportOptions  *options,
               GError        **error)
{
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &options->format, NULL, NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options->output, NULL, NULL },
    { "query", 0, 0, G_OPTION_ARG_STRING, &options->query, NULL, NULL },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &options->tag, NULL, NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &options->force, NULL, NULL },
    { "highlights-only", 0, 0, G_OPTION_ARG_NONE, &options->highlights_only, NULL, NULL },
    { "bom", 0, 0, G_OPTION_ARG_NONE, &options->bom, NULL, NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->ids, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autofree char **args = g_new0 (char *, argc + 2);
  int n = argc + 1;

  /* GOption wants a program name first. */
  args[0] = (char *)"export";
  memcpy (args + 1, argv, argc * sizeof (char *));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  return g_option_context_parse (context, &n, &args, error);
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

static GArray *
ids_with_tag (ClipStore   *store,
              const char  *tag,
              GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) articles = clip_store_list_articles (store, error);

  if (articles == NULL)
    return NULL;

  /* The library lists newest first; an export reads better oldest first. */
  for (guint i = articles->len; i > 0; i--)
    {
      gint64 id = clip_article_get_id (g_ptr_array_index (articles, i - 1));
      g_auto(GStrv) tags = clip_store_get_article_tags (store, id, error);

      if (tags == NULL)
        return NULL;
      for (guint j = 0; tags[j] != NULL; j++)
        if (g_utf8_collate (tags[j], tag) == 0)
          {
            g_array_append_val (ids, id);
            break;
          }
    }
  return g_steal_pointer (&ids);
}

static GArray *
ids_from_arguments (ClipStore  *store,
                    char      **arguments,
                    GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; arguments != NULL && arguments[i] != NULL; i++)
    {
      g_autoptr(ClipArticle) article = NULL;
      gint64 id;

      if (!parse_id (arguments[i], &id))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not a clipping number"), arguments[i]);
          return NULL;
        }
      article = clip_store_get_article (store, id, error);
      if (article == NULL)
        return NULL;
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

typedef struct {
  ClipStore *store;
  GArray *ids;
  ClipExportFormat format;
  const ClipExportOptions *options;
} ExportJob;

static gboolean
write_export_cb (GOutputStream  *out,
                 gpointer        user_data,
                 GCancellable   *cancellable,
                 GError        **error)
{
  ExportJob *job = user_data;

  return clip_export_write (job->store, job->ids, job->format, job->options, out, cancellable, error);
}

/* Standard output: a write error (a full disk behind > /dev/full) is
 * an error with its reason, like any other. */
static gboolean
write_stdout (GBytes  *bytes,
              GError **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if ((size > 0 && fwrite (data, 1, size, stdout) != size) || fflush (stdout) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write to standard output: %s"), g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* A file that is there already is never replaced unless asked; the
 * export is written beside it and takes its name only when complete. */
/* A file that is there already is never replaced unless asked; the
 * export is written beside it and takes its name only when complete.
 * Markdown in a file keeps the images saved with the clippings in a
 * folder beside it named after it ("notes.md", "notes/1.png"), as
 * Obsidian keeps attachments; on standard output there is no beside, and
 * saved images become plain links to where they were saved from. */
static gboolean
export_to (ClipStore               *store,
           GArray                  *ids,
           ClipExportFormat         format,
           const ClipExportOptions *options,
           const char              *path,
           gboolean                 force,
           GError                 **error)
{
  g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func ((GDestroyNotify)clip_export_attachment_free);
  g_autofree char *dir_name = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) parent = NULL;
  ClipExportOptions with = *options;
  ExportJob job = { store, ids, format, &with };

  if (g_strcmp0 (path, "-") == 0)
    {
      g_autoptr(GBytes) bytes = clip_export_to_bytes (store, ids, format, options, error);

      return bytes != NULL && write_stdout (bytes, error);
    }

  file = g_file_new_for_commandline_arg (path);
  parent = g_file_get_parent (file);
  if (format == CLIP_EXPORT_MARKDOWN && parent != NULL)
    {
      dir_name = clip_export_attachments_dir_for (path);
      with.attachments_dir = dir_name;
      with.attachments = attachments;
    }

  return clip_file_write_atomic (file, force, write_export_cb, &job, NULL, error) &&
         (with.attachments == NULL ||
          clip_export_save_attachments (attachments, parent, force, NULL, error));
}

/* "Title.md", else "Title (2).md" and so on: never over another file. */
static char *
free_path (const char *dir,
           const char *title,
           const char *extension)
{
  g_autofree char *name = clip_export_safe_filename (title, extension);
  char *path = g_build_filename (dir, name, NULL);

  for (guint n = 2; g_file_test (path, G_FILE_TEST_EXISTS) && n < 10000; n++)
    {
      g_autofree char *numbered = g_strdup_printf ("%s (%u)", title != NULL ? title : "", n);
      g_autofree char *other = clip_export_safe_filename (numbered, extension);

      g_free (path);
      path = g_build_filename (dir, other, NULL);
    }
  return path;
}

static gboolean
export_to_folder (ClipStore               *store,
                  GArray                  *ids,
                  ClipExportFormat         format,
                  const ClipExportOptions *options,
                  const char              *dir,
                  GError                 **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GArray) one = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(ClipArticle) article = clip_store_get_article (store, id, error);
      g_autofree char *path = NULL;

      if (article == NULL)
        return FALSE;
      g_array_append_val (one, id);
      path = free_path (dir, clip_article_get_title (article), clip_export_format_extension (format));
      if (!export_to (store, one, format, options, path, FALSE, error))
        return FALSE;
      g_print ("%s\n", path);
    }
  return TRUE;
}

/* Every clipping the search finds, in its order. */
static GArray *
ids_for_query (ClipStore   *store,
               const char  *text,
               GError     **error)
{
  g_autoptr(ClipQuery) query = clip_query_parse (text, error);
  g_autoptr(GPtrArray) results = NULL;
  GArray *ids;
  gint64 count;

  if (query == NULL)
    return NULL;
  count = clip_store_count_search (store, query, error);
  if (count < 0)
    return NULL;
  results = clip_store_search (store, query, CLIP_LIBRARY_SORT_SAVED, 0, (guint)count, error);
  if (results == NULL)
    return NULL;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), results->len);
  for (guint i = 0; i < results->len; i++)
    {
      gint64 id = clip_search_result_get_id (g_ptr_array_index (results, i));
      g_array_append_val (ids, id);
    }
  return ids;
}

static GArray *
select_ids (ClipStore      *store,
            ExportOptions  *options,
            GError        **error)
{
  if (options->query != NULL)
    return ids_for_query (store, options->query, error);
  if (options->tag != NULL)
    return ids_with_tag (store, options->tag, error);
  return ids_from_arguments (store, options->ids, error);
}

int
clip_cli_export (ClipStore  *store,
                 int         argc,
                 char      **argv)
{
  g_auto(ExportOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  ClipExportOptions export_options = { NULL, FALSE, NULL };
  ClipExportFormat format;

  g_return_val_if_fail (CLIP_IS_STORE (store), EXIT_FAILURE);

  if (!parse_options (argc, argv, &options, &error))
    return usage (error->message);
  if (options.format == NULL || options.output == NULL)
    return usage (_("export needs --format and -o"));
  if (g_ascii_strcasecmp (options.format, "pdf") != 0 &&
      !clip_export_format_from_string (options.format, &format))
    return usage (_("unknown format; use md, html, jsonld, csv, ris, bibtex, csljson or hypothesis"));
  if ((options.ids != NULL) + (options.query != NULL) + (options.tag != NULL) != 1)
    return usage (_("say what to export: clipping numbers, --query or --tag"));

  ids = select_ids (store, &options, &error);
  if (ids == NULL)
    return clip_cli_fail (error->message);
  if (ids->len == 0)
    return clip_cli_fail (_("no clipping to export"));

  export_options.omit_text = options.highlights_only;
  export_options.byte_order_mark = options.bom;
  if (g_ascii_strcasecmp (options.format, "pdf") == 0)
    return clip_cli_export_pdf (store, ids, &export_options, options.output, options.force);
  if (g_file_test (options.output, G_FILE_TEST_IS_DIR))
    {
      if (!export_to_folder (store, ids, format, &export_options, options.output, &error))
        return clip_cli_fail (error->message);
      return EXIT_SUCCESS;
    }
  if (!export_to (store, ids, format, &export_options, options.output, options.force, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        return clip_cli_fail (_("the output file exists; use --force to replace it"));
      return clip_cli_fail (error->message);
    }
  return EXIT_SUCCESS;
}

static void
print_report (ClipAnnotationImportReport *report)
{
  for (guint i = 0; i < report->messages->len; i++)
    g_printerr ("%s\n", (const char *)g_ptr_array_index (report->messages, i));
  /* Placed by fuzzy match: counted apart, since their quote is not in
   * the text as the file gives it. */
  g_print (_("imported: %u\nfuzzy: %u\norphaned: %u\nskipped: %u\ninvalid: %u\n"),
           report->imported, report->fuzzy, report->orphaned, report->skipped, report->invalid);
}

int
clip_cli_import_annotations (ClipStore  *store,
                             int         argc,
                             char      **argv)
{
  g_auto(ClipAnnotationImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (CLIP_IS_STORE (store), EXIT_FAILURE);

  if (argc != 1)
    {
      g_printerr ("clippings-cli: %s\n", _("Usage: clippings-cli import-annotations FILE"));
      return CLIP_CLI_EXIT_USAGE;
    }
  /* Not a device or a FIFO, and no more than an import takes. */
  file = g_file_new_for_commandline_arg (argv[0]);
  bytes = clip_file_read_regular (file, CLIP_IMPORT_MAX_SIZE, NULL, &error);
  if (bytes == NULL)
    return clip_cli_fail (error->message);
  data = g_bytes_get_data (bytes, &length);

  clip_annotation_import_report_init (&report);
  if (!clip_import_annotations (store, data != NULL ? data : "", length, &report, &error))
    return clip_cli_fail (error->message);
  print_report (&report);

  /* Refused as a whole: nothing in it was a valid annotation. */
  if (report.invalid > 0 && report.imported + report.fuzzy + report.orphaned + report.skipped == 0)
    return EXIT_FAILURE;
  return EXIT_SUCCESS;
}
