/* clip-export.c: the export entry points and what the formats share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "clip-date.h"
#include "clip-export-private.h"

#define SAFE_FILENAME_MAX 80
#define CONTENT_ROOT_ID "clip-article"

G_DEFINE_QUARK (clip-export-error-quark, clip_export_error)

typedef struct {
  ClipExportFormat format;
  const char *name;
  const char *extension;
  const char *mime_type;
} FormatInfo;

static const FormatInfo formats[] = {
  { CLIP_EXPORT_MARKDOWN, "md", "md", "text/markdown" },
  { CLIP_EXPORT_HTML, "html", "html", "text/html" },
  { CLIP_EXPORT_JSONLD, "jsonld", "jsonld", "application/ld+json" },
  { CLIP_EXPORT_CSV, "csv", "csv", "text/csv" },
  { CLIP_EXPORT_RIS, "ris", "ris", "application/x-research-info-systems" },
  { CLIP_EXPORT_BIBTEX, "bibtex", "bib", "application/x-bibtex" },
  { CLIP_EXPORT_CSLJSON, "csljson", "json", "application/vnd.citationstyles.csl+json" },
  { CLIP_EXPORT_HYPOTHESIS, "hypothesis", "json", "application/json" },
};

static const struct {
  const char *alias;
  ClipExportFormat format;
} format_aliases[] = {
  { "markdown", CLIP_EXPORT_MARKDOWN },
  { "json-ld", CLIP_EXPORT_JSONLD },
  { "w3c", CLIP_EXPORT_JSONLD },
  { "bib", CLIP_EXPORT_BIBTEX },
  { "csl-json", CLIP_EXPORT_CSLJSON },
  { "csl", CLIP_EXPORT_CSLJSON },
};

gboolean
clip_export_format_from_string (const char       *name,
                                ClipExportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (name, formats[i].name) == 0)
      {
        *format = formats[i].format;
        return TRUE;
      }

  for (guint i = 0; i < G_N_ELEMENTS (format_aliases); i++)
    if (g_ascii_strcasecmp (name, format_aliases[i].alias) == 0)
      {
        *format = format_aliases[i].format;
        return TRUE;
      }

  return FALSE;
}

static const FormatInfo *
format_info (ClipExportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return &formats[i];
  return NULL;
}

const char *
clip_export_format_to_string (ClipExportFormat format)
{
  const FormatInfo *info = format_info (format);

  return info != NULL ? info->name : NULL;
}

const char *
clip_export_format_extension (ClipExportFormat format)
{
  const FormatInfo *info = format_info (format);

  return info != NULL ? info->extension : NULL;
}

const char *
clip_export_format_mime_type (ClipExportFormat format)
{
  const FormatInfo *info = format_info (format);

  return info != NULL ? info->mime_type : NULL;
}

const char *
clip_export_default_color_name (guint color)
{
  static const char * const names[CLIP_EXPORT_N_COLORS] = {
    N_("Key point"), N_("Fact to check"), N_("Context"), N_("Question"), N_("Follow-up"),
  };

  if (color < 1 || color > CLIP_EXPORT_N_COLORS)
    return NULL;
  return _(names[color - 1]);
}

/* Characters that would make a name a path, or hard to type or see,
 * and those Obsidian refuses in a note's name because its links use
 * them ("#", "|", "[", "]", "^"). */
static gboolean
is_unsafe_filename_char (gunichar c)
{
  if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029)
    return TRUE;
  return c != 0 && strchr ("/\\:*?\"<>|#[]^", (int)c) != NULL;
}

static GString *
clean_filename (const char *title)
{
  g_autofree char *valid = g_utf8_make_valid (title != NULL ? title : "", -1);
  GString *name = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_unsafe_filename_char (c) || g_unichar_isspace (c))
        {
          space = TRUE;
          continue;
        }
      /* No leading dots: the file must not be hidden or "..". */
      if (name->len == 0 && c == '.')
        continue;
      if (space && name->len > 0)
        g_string_append_c (name, ' ');
      space = FALSE;
      g_string_append_unichar (name, c);
    }

  return name;
}

/* Cuts at a character boundary, then drops trailing dots and spaces,
 * which some file systems refuse. */
static void
truncate_filename (GString *name,
                   gsize    max)
{
  if (name->len > max)
    {
      const char *end = g_utf8_find_prev_char (name->str, name->str + max + 1);

      g_string_truncate (name, end != NULL ? (gsize)(end - name->str) : 0);
    }

  while (name->len > 0 && (name->str[name->len - 1] == '.' || name->str[name->len - 1] == ' '))
    g_string_truncate (name, name->len - 1);
}

char *
clip_export_safe_filename (const char *title,
                           const char *extension)
{
  g_autoptr(GString) name = clean_filename (title);
  g_autoptr(GString) ext = clean_filename (extension);

  truncate_filename (name, SAFE_FILENAME_MAX);
  truncate_filename (ext, 16);
  if (name->len == 0)
    g_string_assign (name, "clipping");
  if (ext->len > 0)
    g_string_append_printf (name, ".%s", ext->str);

  return g_string_free (g_steal_pointer (&name), FALSE);
}

const char *
clip_export_color_name (ClipExportContext *ctx,
                        guint              color)
{
  if (color < 1 || color > CLIP_EXPORT_N_COLORS)
    return NULL;
  return ctx->color_names[color - 1];
}

static GHashTable *
load_entities (ClipStore *store)
{
  GHashTable *entities = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_autoptr(GPtrArray) list = clip_store_list_entities (store, NULL);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      ClipEntity *entity = g_ptr_array_index (list, i);

      g_hash_table_insert (entities, g_memdup2 (&(gint64) { clip_entity_get_id (entity) }, sizeof (gint64)),
                           g_object_ref (entity));
    }

  return entities;
}

ClipEntity *
clip_export_lookup_entity (ClipExportContext *ctx,
                           gint64             id)
{
  if (id <= 0)
    return NULL;
  if (ctx->entities == NULL)
    ctx->entities = load_entities (ctx->store);
  return g_hash_table_lookup (ctx->entities, &id);
}

/* Stable across libraries: the same original gives the same name. */
char *
clip_export_article_urn (ClipArticle *article)
{
  const char *sha256 = clip_article_get_original_sha256 (article);

  if (sha256 != NULL && sha256[0] != '\0')
    return g_strdup_printf ("urn:clippings:sha256:%s", sha256);
  return g_strdup_printf ("urn:clippings:article:%lld", (long long)clip_article_get_id (article));
}

const char *
clip_export_safe_url (const char *url)
{
  const char *scheme_end;

  if (url == NULL)
    return NULL;
  scheme_end = strchr (url, ':');
  if (scheme_end == NULL)
    return NULL;
  if ((scheme_end - url == 4 && g_ascii_strncasecmp (url, "http", 4) == 0) ||
      (scheme_end - url == 5 && g_ascii_strncasecmp (url, "https", 5) == 0))
    return strncmp (scheme_end, "://", 3) == 0 && strpbrk (url, " \t\r\n") == NULL ? url : NULL;
  return NULL;
}

gint64
clip_export_asset_id (const char *src)
{
  guint64 id;

  if (src == NULL || !g_str_has_prefix (src, "clip://asset/") ||
      !g_ascii_string_to_unsigned (src + strlen ("clip://asset/"), 10, 1, G_MAXINT64, &id, NULL))
    return 0;
  return (gint64)id;
}

static const char *
image_extension (const char *mime_type)
{
  static const char * const known[][2] = {
    { "image/png", "png" }, { "image/jpeg", "jpg" }, { "image/gif", "gif" },
    { "image/webp", "webp" }, { "image/avif", "avif" }, { "image/bmp", "bmp" },
    { "image/x-icon", "ico" }, { "image/vnd.microsoft.icon", "ico" }, { "image/tiff", "tif" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_ascii_strcasecmp (mime_type, known[i][0]) == 0)
      return known[i][1];
  return NULL;
}

const char *
clip_export_attach_asset (ClipExportContext *ctx,
                          gint64             asset_id)
{
  g_autofree char *mime_type = NULL;
  g_autoptr(GBytes) data = NULL;
  ClipExportAttachment *attachment;
  const char *extension;
  const char *path;

  if (ctx->attached == NULL)
    return NULL;
  path = g_hash_table_lookup (ctx->attached, &asset_id);
  if (path != NULL)
    return path;

  /* Only the raster images a viewer shows as pictures: no SVG, which
   * can hold scripts, and nothing of another kind. */
  data = clip_store_get_asset (ctx->store, asset_id, &mime_type, NULL);
  extension = data != NULL && mime_type != NULL ? image_extension (mime_type) : NULL;
  if (extension == NULL)
    return NULL;

  attachment = g_new0 (ClipExportAttachment, 1);
  attachment->path = g_strdup_printf ("%s/%u.%s", ctx->attachments_dir,
                                      ctx->attachments->len + 1, extension);
  attachment->mime_type = g_steal_pointer (&mime_type);
  attachment->data = g_steal_pointer (&data);
  g_ptr_array_add (ctx->attachments, attachment);
  g_hash_table_insert (ctx->attached, g_memdup2 (&asset_id, sizeof asset_id), attachment->path);
  return attachment->path;
}

void
clip_export_attachment_free (ClipExportAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->path);
  g_free (attachment->mime_type);
  g_clear_pointer (&attachment->data, g_bytes_unref);
  g_free (attachment);
}

static gboolean
save_attachment (ClipExportAttachment *attachment,
                 GFile                *dir,
                 gboolean              replace,
                 GCancellable         *cancellable,
                 GError              **error)
{
  g_autoptr(GFile) file = g_file_resolve_relative_path (dir, attachment->path);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GError) mkdir_error = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;

  if (!g_file_make_directory_with_parents (parent, cancellable, &mkdir_error) &&
      !g_error_matches (mkdir_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&mkdir_error));
      return FALSE;
    }

  /* g_file_replace() writes a temporary file and renames it: a full
   * disk leaves no half image. */
  stream = replace ? g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error)
                   : g_file_create (file, G_FILE_CREATE_NONE, cancellable, error);
  return stream != NULL &&
         g_output_stream_write_all (G_OUTPUT_STREAM (stream), g_bytes_get_data (attachment->data, NULL),
                                    g_bytes_get_size (attachment->data), NULL, cancellable, error) &&
         g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}

gboolean
clip_export_save_attachments (GPtrArray     *attachments,
                              GFile         *dir,
                              gboolean       replace,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_return_val_if_fail (attachments != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (dir), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < attachments->len; i++)
    {
      ClipExportAttachment *attachment = g_ptr_array_index (attachments, i);

      if (!save_attachment (attachment, dir, replace, cancellable, error))
        {
          g_prefix_error (error, _("Cannot write the image “%s”: "), attachment->path);
          return FALSE;
        }
    }
  return TRUE;
}

char *
clip_export_attachments_dir_for (const char *path)
{
  g_autofree char *name = NULL;
  char *dot;

  g_return_val_if_fail (path != NULL, NULL);

  name = g_path_get_basename (path);
  dot = strrchr (name, '.');
  if (dot != NULL && dot != name)
    *dot = '\0';
  /* A name that is no folder name ("/", ".") gets a plain one. */
  if (name[0] == '\0' || name[0] == '.' || strchr (name, G_DIR_SEPARATOR) != NULL)
    return g_strdup ("attachments");
  return g_steal_pointer (&name);
}

char *
clip_export_article_source (ClipArticle *article)
{
  const char *url = clip_article_get_source_url (article);

  if (url != NULL && url[0] != '\0')
    return g_strdup (url);
  return clip_export_article_urn (article);
}

int *
clip_export_owners (ClipExportItem *item,
                    glong           length)
{
  int *owners = g_new (int, MAX (length, 1));

  for (glong i = 0; i < length; i++)
    owners[i] = -1;

  /* Annotations come in order of start, so a later one is the inner one
   * where they overlap. */
  for (guint i = 0; i < item->annotations->len; i++)
    {
      ClipAnnotation *annotation = g_ptr_array_index (item->annotations, i);
      glong start = MAX (clip_annotation_get_start (annotation), 0);
      glong end = MIN (clip_annotation_get_end (annotation), length);

      if (clip_annotation_get_orphaned (annotation))
        continue;
      for (glong j = start; j < end; j++)
        owners[j] = (int)i;
    }

  return owners;
}

static xmlNode *
find_content_root (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      g_autofree char *id = NULL;
      xmlNode *found;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      id = (char *)xmlGetProp (node, (const xmlChar *)"id");
      if (g_strcmp0 (id, CONTENT_ROOT_ID) == 0)
        return node;
      found = find_content_root (node->children);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Parsed exactly as clip-text.c does, so that offsets agree with the
 * article text. */
htmlDocPtr
clip_export_parse_content (const char  *content_html,
                           xmlNode    **root)
{
  g_autofree char *document = NULL;
  htmlDocPtr doc;

  document = g_strconcat ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>"
                          "<body><article id=\"" CONTENT_ROOT_ID "\">",
                          content_html != NULL ? content_html : "",
                          "</article></body></html>",
                          NULL);
  doc = htmlReadMemory (document, strlen (document), NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NONET |
                        HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  *root = doc != NULL ? find_content_root (xmlDocGetRootElement (doc)) : NULL;
  return doc;
}

gboolean
clip_export_is_block (xmlNode *node)
{
  static const char * const blocks[] = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "pre",
    "figure", "figcaption", "hr", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
    "caption", "div", "section", "article", "dl", "dt", "dd", NULL,
  };

  return node != NULL && node->type == XML_ELEMENT_NODE &&
         g_strv_contains (blocks, (const char *)node->name);
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

gboolean
clip_export_is_separator (xmlNode *node)
{
  static const char * const containers[] = {
    "article", "blockquote", "ul", "ol", "table", "thead", "tbody", "tfoot", "tr", "figure", NULL,
  };

  if (node->type != XML_TEXT_NODE || !is_blank ((const char *)node->content))
    return FALSE;
  if (node->parent != NULL && g_strv_contains (containers, (const char *)node->parent->name))
    return TRUE;
  return clip_export_is_block (node->prev) || clip_export_is_block (node->next);
}

glong
clip_export_node_length (xmlNode *node)
{
  g_autofree char *content = (char *)xmlNodeGetContent (node);

  return content != NULL ? g_utf8_strlen (content, -1) : 0;
}

gboolean
clip_export_parse_date (const char *iso,
                        int        *year,
                        int        *month,
                        int        *day)
{
  int y = 0, m = 0, d = 0;

  *year = *month = *day = 0;
  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) < 1 || y < 1)
    return FALSE;

  *year = y;
  *month = (m >= 1 && m <= 12) ? m : 0;
  *day = (*month != 0 && d >= 1 && d <= 31) ? d : 0;
  return TRUE;
}

static const ClipExportWriter *
writer_for (ClipExportFormat format)
{
  switch (format)
    {
    case CLIP_EXPORT_MARKDOWN: return &clip_export_markdown_writer;
    case CLIP_EXPORT_HTML: return &clip_export_html_writer;
    case CLIP_EXPORT_JSONLD: return &clip_export_jsonld_writer;
    case CLIP_EXPORT_CSV: return &clip_export_csv_writer;
    case CLIP_EXPORT_RIS: return &clip_export_ris_writer;
    case CLIP_EXPORT_BIBTEX: return &clip_export_bibtex_writer;
    case CLIP_EXPORT_CSLJSON: return &clip_export_csljson_writer;
    case CLIP_EXPORT_HYPOTHESIS: return &clip_export_hypothesis_writer;
    default: return NULL;
    }
}

static void
context_init (ClipExportContext       *ctx,
              ClipStore               *store,
              ClipExportFormat         format,
              const ClipExportOptions *options)
{
  const char * const *names = options != NULL ? options->color_names : NULL;
  gboolean names_done = names == NULL;

  memset (ctx, 0, sizeof *ctx);
  ctx->store = store;
  ctx->format = format;
  for (guint i = 0; i < CLIP_EXPORT_N_COLORS; i++)
    {
      names_done = names_done || names[i] == NULL;
      ctx->color_names[i] = (!names_done && names[i][0] != '\0')
                            ? names[i] : clip_export_default_color_name (i + 1);
    }
  ctx->omit_text = options != NULL && options->omit_text;
  ctx->byte_order_mark = options != NULL && options->byte_order_mark;
  if (options != NULL && options->attachments_dir != NULL && options->attachments != NULL)
    {
      ctx->attachments_dir = options->attachments_dir;
      ctx->attachments = options->attachments;
      ctx->attached = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
    }
  if (options != NULL && options->now != NULL)
    ctx->now = g_strdup (options->now);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      ctx->now = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
    }
}

static void
context_clear (ClipExportContext *ctx)
{
  g_clear_pointer (&ctx->entities, g_hash_table_unref);
  if (ctx->buffer != NULL)
    g_string_free (ctx->buffer, TRUE);
  g_clear_pointer (&ctx->attached, g_hash_table_unref);
  if (ctx->data_free != NULL)
    g_clear_pointer (&ctx->data, ctx->data_free);
  g_free (ctx->now);
}

static void
item_clear (ClipExportItem *item)
{
  g_clear_object (&item->article);
  g_clear_pointer (&item->annotations, g_ptr_array_unref);
  g_clear_pointer (&item->tags, g_strfreev);
}

static gboolean
item_load (ClipStore       *store,
           gint64           id,
           ClipExportItem  *item,
           GError         **error)
{
  item->article = clip_store_get_article (store, id, error);
  if (item->article == NULL)
    return FALSE;
  /* Every format reads the source from here: a copy for the export. */
  if (clip_export_safe_url (clip_article_get_source_url (item->article)) == NULL)
    clip_article_set_source_url (item->article, NULL);
  item->annotations = clip_store_list_annotations (store, id, error);
  if (item->annotations == NULL)
    return FALSE;
  item->tags = clip_store_get_article_tags (store, id, error);
  return item->tags != NULL;
}

static gboolean
flush (GOutputStream  *out,
       GString        *text,
       GCancellable   *cancellable,
       GError        **error)
{
  gboolean ok = TRUE;

  if (text->len > 0)
    ok = g_output_stream_write_all (out, text->str, text->len, NULL, cancellable, error);
  g_string_truncate (text, 0);
  return ok;
}

static gboolean
write_items (ClipExportContext      *ctx,
             const ClipExportWriter *writer,
             GArray                 *article_ids,
             GString                *text,
             GOutputStream          *out,
             GCancellable           *cancellable,
             GError                **error)
{
  for (guint i = 0; i < article_ids->len; i++)
    {
      ClipExportItem item = { NULL, NULL, NULL, i };
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      ok = item_load (ctx->store, g_array_index (article_ids, gint64, i), &item, error) &&
           writer->item (ctx, &item, text, error);
      item_clear (&item);
      if (!ok || !flush (out, text, cancellable, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
clip_export_write (ClipStore               *store,
                   GArray                  *article_ids,
                   ClipExportFormat         format,
                   const ClipExportOptions *options,
                   GOutputStream           *out,
                   GCancellable            *cancellable,
                   GError                 **error)
{
  const ClipExportWriter *writer = writer_for (format);
  g_autoptr(GString) text = g_string_new (NULL);
  ClipExportContext ctx;
  gboolean ok;

  g_return_val_if_fail (CLIP_IS_STORE (store), FALSE);
  g_return_val_if_fail (article_ids != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (writer == NULL)
    {
      g_set_error (error, CLIP_EXPORT_ERROR, CLIP_EXPORT_ERROR_INVALID,
                   _("Unknown export format %d"), (int)format);
      return FALSE;
    }

  context_init (&ctx, store, format, options);
  ctx.n_items = article_ids->len;
  writer->begin (&ctx, text);
  ok = flush (out, text, cancellable, error) &&
       write_items (&ctx, writer, article_ids, text, out, cancellable, error);
  if (ok)
    {
      writer->end (&ctx, text);
      ok = flush (out, text, cancellable, error);
    }
  context_clear (&ctx);

  return ok;
}

GBytes *
clip_export_to_bytes (ClipStore               *store,
                      GArray                  *article_ids,
                      ClipExportFormat         format,
                      const ClipExportOptions *options,
                      GError                 **error)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_return_val_if_fail (CLIP_IS_STORE (store), NULL);

  if (!clip_export_write (store, article_ids, format, options, out, NULL, error) ||
      !g_output_stream_close (out, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

void
clip_annotation_import_report_init (ClipAnnotationImportReport *report)
{
  g_return_if_fail (report != NULL);

  memset (report, 0, sizeof *report);
  report->messages = g_ptr_array_new_with_free_func (g_free);
}

void
clip_annotation_import_report_clear (ClipAnnotationImportReport *report)
{
  g_return_if_fail (report != NULL);

  g_clear_pointer (&report->messages, g_ptr_array_unref);
  report->imported = report->orphaned = report->skipped = report->invalid = report->fuzzy = 0;
}

static void
append_part (GString    *out,
             const char *part)
{
  if (part == NULL || part[0] == '\0')
    return;
  if (out->len > 0)
    g_string_append (out, ", ");
  g_string_append (out, part);
}

char *
clip_export_file_name (ClipArticle *article)
{
  const char *uri = clip_article_get_source_file (article);
  g_autoptr(GFile) file = NULL;
  g_autofree char *basename = NULL;

  if (uri == NULL || uri[0] == '\0')
    return NULL;
  file = g_file_new_for_uri (uri);
  basename = g_file_get_basename (file);
  /* A name on disk need not be UTF-8; the export is. */
  return basename != NULL ? g_filename_display_name (basename) : NULL;
}

char *
clip_export_quote_citation (ClipArticle    *article,
                            ClipAnnotation *annotation)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *quoted = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (CLIP_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (CLIP_IS_ANNOTATION (annotation), NULL);

  /* Translators: a quotation as cited; the marks are your language's. */
  quoted = g_strdup_printf (_("“%s”"), clip_annotation_get_exact (annotation));
  g_string_append (out, quoted);
  append_part (out, clip_annotation_get_speaker_name (annotation));
  if (clip_article_get_title (article)[0] != '\0')
    {
      title = g_strdup_printf (_("“%s”"), clip_article_get_title (article));
      append_part (out, title);
    }
  append_part (out, clip_article_get_site_name (article));
  /* Read by people, so the day as they write it; the time is not cited. */
  date = clip_date_format_human_day (clip_article_get_published (article));
  append_part (out, date);
  append_part (out, clip_export_safe_url (clip_article_get_source_url (article)));
  return g_string_free (g_steal_pointer (&out), FALSE);
}
