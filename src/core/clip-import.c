/* clip-import.c: read a file or bytes, refuse what is not an article,
 * and hand the rest to the plain-text or HTML importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "clip-file.h"
#include "clip-import.h"
#include "clip-charset.h"
#include "clip-date.h"
#include "clip-mhtml.h"
#include "clip-store.h"
#include "clip-text.h"

/* How much of the input is looked at to tell text from binary data. */
#define SNIFF_LENGTH 8192

G_DEFINE_QUARK (clip-import-error-quark, clip_import_error)

typedef enum {
  INPUT_TEXT,
  INPUT_HTML,
} InputKind;

static const char *
error_sentence (ClipImportError code)
{
  switch (code)
    {
    case CLIP_IMPORT_ERROR_EMPTY:
      return _("There is no text in it.");
    case CLIP_IMPORT_ERROR_BINARY:
      return _("It is not text. Only plain text and HTML can be imported.");
    case CLIP_IMPORT_ERROR_ENCODING:
      return _("Its text is not in the UTF-8 encoding. Save it as UTF-8 and try again.");
    case CLIP_IMPORT_ERROR_TOO_LARGE:
      return _("It is larger than 64 MB, the most that can be imported.");
    case CLIP_IMPORT_ERROR_NO_CONTENT:
      return _("No readable text was found in it.");
    case CLIP_IMPORT_ERROR_UNSUPPORTED:
    default:
      return _("It is not a kind of document that can be imported.");
    }
}

static gboolean
is_blank (const char *data,
          gsize       length)
{
  const char *end = data + length;

  /* A byte order mark is not content either. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3;

  for (; data < end; data++)
    {
      if (!g_ascii_isspace (*data))
        return FALSE;
    }

  return TRUE;
}

/* Text never holds NUL bytes; a document where many bytes are control
 * characters other than tab, newline and form feed is not text either. */
static gboolean
is_binary (const char *data,
           gsize       length)
{
  gsize sniffed = MIN (length, SNIFF_LENGTH);
  gsize n_control = 0;

  if (memchr (data, '\0', length) != NULL)
    return TRUE;

  for (gsize i = 0; i < sniffed; i++)
    {
      guchar c = data[i];

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F)
        n_control++;
    }

  return n_control * 10 > sniffed;
}

/* Checks that apply to every input, whatever its kind. */
static gboolean
check_input (const char       *data,
             gsize             length,
             InputKind         kind,
             ClipImportError  *code)
{
  if (length > CLIP_IMPORT_MAX_SIZE)
    *code = CLIP_IMPORT_ERROR_TOO_LARGE;
  else if (is_blank (data, length))
    *code = CLIP_IMPORT_ERROR_EMPTY;
  else if (is_binary (data, length))
    *code = CLIP_IMPORT_ERROR_BINARY;
  else if (kind == INPUT_TEXT && !g_utf8_validate_len (data, length, NULL))
    *code = CLIP_IMPORT_ERROR_ENCODING;
  else
    return TRUE;

  return FALSE;
}

static gboolean
has_prefix_ci (const char *data,
               const char *end,
               const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize)(end - data) >= n && g_ascii_strncasecmp (data, prefix, n) == 0;
}

/* An HTML document starts, after a byte order mark, whitespace and
 * comments, with a doctype or the html element. */
static gboolean
sniff_html (const char *data,
            gsize       length)
{
  const char *end = data + MIN (length, SNIFF_LENGTH);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3;

  while (data < end)
    {
      if (g_ascii_isspace (*data))
        data++;
      else if (has_prefix_ci (data, end, "<!--"))
        {
          const char *close = g_strstr_len (data, end - data, "-->");

          if (close == NULL)
            return FALSE;
          data = close + 3;
        }
      else
        break;
    }

  return has_prefix_ci (data, end, "<!doctype html") ||
         has_prefix_ci (data, end, "<html");
}

static ClipArticle *
import_checked (GBytes     *bytes,
                InputKind   kind,
                GError    **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  ClipArticle *article;

  if (kind == INPUT_HTML)
    article = clip_import_html (data, length, NULL, error);
  else
    article = clip_import_plain_text (data, length, error);

  if (article == NULL)
    return NULL;

  clip_article_set_original (article, bytes,
                             kind == INPUT_HTML ? "text/html" : "text/plain");
  clip_article_set_source_kind (article, kind == INPUT_HTML ? "html" : "text");
  return article;
}

/* An opened file is its own provenance: where it was read from and when.
 * (The file's own dates say when it was last copied or written, not when
 * the page was taken.) */
static void
record_file (ClipArticle *article,
             GFile       *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *now = clip_date_now_iso8601 ();

  clip_article_set_source_file (article, uri);
  if (clip_article_get_captured_at (article) == NULL)
    clip_article_set_captured_at (article, now);
}

static gboolean
has_html_extension (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  const char *dot = basename != NULL ? strrchr (basename, '.') : NULL;

  return dot != NULL &&
         (g_ascii_strcasecmp (dot, ".html") == 0 ||
          g_ascii_strcasecmp (dot, ".htm") == 0 ||
          g_ascii_strcasecmp (dot, ".xhtml") == 0);
}

/* GIO's own messages are written for developers; the reader gets a
 * sentence naming the file, with the domain and code kept for callers. */
static void
set_file_error (GError     **error,
                GError      *io_error,
                const char  *name)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, io_error->domain, io_error->code,
                 _("Cannot import “%s”. The file does not exist."), name);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (io_error));
  else
    g_set_error (error, io_error->domain, io_error->code,
                 _("Cannot import “%s”. The file cannot be read: %s"),
                 name, io_error->message);
}

/* Reads the file once, through the opened file: a device, a FIFO or a
 * socket is refused (not waited on), and the size cap holds while
 * reading, whatever size the file claims. */
static GBytes *
load_file (GFile         *file,
           const char    *name,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes = clip_file_read_regular (file, CLIP_IMPORT_MAX_SIZE, cancellable, &local_error);

  if (bytes != NULL)
    return bytes;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    g_set_error (error, CLIP_IMPORT_ERROR, CLIP_IMPORT_ERROR_TOO_LARGE,
                 _("Cannot import “%s”. %s"), name, error_sentence (CLIP_IMPORT_ERROR_TOO_LARGE));
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                 _("Cannot import “%s”. It is a folder, not a document."), name);
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 _("Cannot import “%s”. It is a device, a pipe or a socket, not a document."), name);
  else
    set_file_error (error, local_error, name);
  return NULL;
}

static ClipArticle *
import_file_bytes (GFile       *file,
                   const char  *name,
                   GBytes      *bytes,
                   GError     **error)
{
  ClipImportError code;
  InputKind kind;
  const char *data;
  gsize length;
  ClipArticle *article;

  data = g_bytes_get_data (bytes, &length);
  if (data == NULL)
    data = "";

  kind = has_html_extension (file) || sniff_html (data, length) ? INPUT_HTML : INPUT_TEXT;
  if (!check_input (data, length, kind, &code))
    {
      /* Translators: the first %s is a file name, the second one of the
       * sentences saying what is wrong with it. */
      g_set_error (error, CLIP_IMPORT_ERROR, code,
                   _("Cannot import “%s”. %s"), name, error_sentence (code));
      return NULL;
    }

  article = import_checked (bytes, kind, error);
  /* Translators: %s is a file name; a sentence saying what is wrong
   * with the file follows. */
  if (article == NULL)
    g_prefix_error (error, _("Cannot import “%s”. "), name);
  else
    record_file (article, file);

  return article;
}

ClipArticle *
clip_import_file (GFile         *file,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  bytes = load_file (file, name, cancellable, error);
  if (bytes == NULL)
    return NULL;
  return import_file_bytes (file, name, bytes, error);
}

/* Reads the MIME type without its parameters ("text/html; charset=…"). */
static gboolean
kind_from_mime_type (const char *mime_type,
                     const char *data,
                     gsize       length,
                     InputKind  *kind)
{
  g_autofree char *base = NULL;

  if (mime_type == NULL)
    {
      *kind = sniff_html (data, length) ? INPUT_HTML : INPUT_TEXT;
      return TRUE;
    }

  base = g_strstrip (g_strndup (mime_type, strcspn (mime_type, ";")));
  if (g_ascii_strcasecmp (base, "text/html") == 0 ||
      g_ascii_strcasecmp (base, "application/xhtml+xml") == 0)
    *kind = INPUT_HTML;
  else if (g_ascii_strcasecmp (base, "text/plain") == 0 ||
           g_ascii_strcasecmp (base, "text/x-moz-text-internal") == 0)
    *kind = INPUT_TEXT;
  else
    return FALSE;

  return TRUE;
}

ClipArticle *
clip_import_bytes (GBytes      *bytes,
                   const char  *mime_type,
                   GError     **error)
{
  ClipImportError code = CLIP_IMPORT_ERROR_UNSUPPORTED;
  InputKind kind;
  const char *data;
  gsize length;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  if (data == NULL)
    data = "";

  if (!kind_from_mime_type (mime_type, data, length, &kind) ||
      !check_input (data, length, kind, &code))
    {
      /* Translators: %s is a sentence saying what is wrong with the
       * pasted or dropped content. */
      g_set_error (error, CLIP_IMPORT_ERROR, code,
                   _("Cannot import this content. %s"), error_sentence (code));
      return NULL;
    }

  return import_checked (bytes, kind, error);
}

/* An image is kept when its part says it is one and its bytes agree;
 * SVG can carry scripts and is not kept, under any of its names. */
static gboolean
is_storable_image (const char *mime_type,
                   GBytes     *data)
{
  g_autofree char *sniffed = NULL;
  gboolean uncertain = FALSE;

  if (mime_type == NULL || !g_str_has_prefix (mime_type, "image/") || strstr (mime_type, "svg") != NULL ||
      data == NULL || g_bytes_get_size (data) == 0)
    return FALSE;

  sniffed = g_content_type_guess (NULL, g_bytes_get_data (data, NULL), g_bytes_get_size (data), &uncertain);
  return sniffed != NULL && g_str_has_prefix (sniffed, "image/") && strstr (sniffed, "svg") == NULL;
}

static gboolean
is_source_address (const char *uri)
{
  return uri != NULL && (g_ascii_strncasecmp (uri, "http://", 7) == 0 ||
                         g_ascii_strncasecmp (uri, "https://", 8) == 0 ||
                         g_ascii_strncasecmp (uri, "file://", 7) == 0);
}

static GPtrArray *
assets_from_snapshot (ClipArticle            *article,
                      GBytes                 *mhtml,
                      ClipImportProgressFunc  progress,
                      gpointer                progress_data)
{
  GPtrArray *assets = g_ptr_array_new_with_free_func ((GDestroyNotify)clip_asset_free);
  g_autoptr(GPtrArray) parts = NULL;
  g_auto(GStrv) urls = NULL;

  parts = mhtml != NULL ? clip_mhtml_parse (mhtml, NULL) : NULL;
  if (parts == NULL)
    return assets;

  urls = clip_content_image_urls (clip_article_get_content_html (article));
  for (guint i = 0; urls[i] != NULL; i++)
    {
      ClipMhtmlPart *part = clip_mhtml_find (parts, urls[i]);

      if (progress != NULL)
        progress (i + 1, g_strv_length (urls), progress_data);
      if (part != NULL && is_storable_image (part->content_type, part->data))
        g_ptr_array_add (assets, clip_asset_new (urls[i], part->content_type, part->data));
    }

  return assets;
}

ClipArticle *
clip_import_capture (const char  *html,
                     const char  *final_uri,
                     guint        http_status,
                     const char  *captured_at,
                     GBytes      *mhtml,
                     GPtrArray  **assets,
                     GError     **error)
{
  return clip_import_capture_with_progress (html, final_uri, http_status, captured_at, mhtml,
                                            NULL, NULL, assets, error);
}

ClipArticle *
clip_import_capture_with_progress (const char             *html,
                                   const char             *final_uri,
                                   guint                   http_status,
                                   const char             *captured_at,
                                   GBytes                 *mhtml,
                                   ClipImportProgressFunc  progress,
                                   gpointer                progress_data,
                                   GPtrArray             **assets,
                                   GError                **error)
{
  g_autoptr(ClipArticle) article = NULL;

  g_return_val_if_fail (html != NULL, NULL);
  g_return_val_if_fail (final_uri != NULL, NULL);
  g_return_val_if_fail (assets != NULL, NULL);

  /* A snapshot says where it came from in its own words; only a web or
   * file address is taken as a source (never javascript: or data:). */
  if (!is_source_address (final_uri))
    final_uri = "";
  article = clip_import_html (html, strlen (html), final_uri[0] != '\0' ? final_uri : NULL, error);
  if (article == NULL)
    return NULL;

  if (!is_source_address (clip_article_get_source_url (article)))
    clip_article_set_source_url (article, NULL);
  if (clip_article_get_source_url (article) == NULL && final_uri[0] != '\0')
    clip_article_set_source_url (article, final_uri);
  clip_article_set_source_kind (article, "url");
  clip_article_set_http_status (article, http_status);
  clip_article_set_captured_at (article, captured_at);
  if (mhtml != NULL)
    clip_article_set_original (article, mhtml, "multipart/related");

  *assets = assets_from_snapshot (article, mhtml, progress, progress_data);
  return g_steal_pointer (&article);
}

/* By its name, or by its first bytes. */
static gboolean
is_mhtml (GFile  *file,
          GBytes *bytes)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *start = NULL;
  gsize length;
  const char *head = g_bytes_get_data (bytes, &length);

  if (basename != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (basename, -1);
      if (g_str_has_suffix (lower, ".mhtml") || g_str_has_suffix (lower, ".mht"))
        return TRUE;
    }

  if (head == NULL)
    return FALSE;
  start = g_ascii_strdown (head, MIN (length, 4096));
  return strstr (start, "mime-version:") != NULL && strstr (start, "multipart/related") != NULL;
}

/* The page of a snapshot, as UTF-8 text. */
static char *
page_of_snapshot (GBytes      *mhtml,
                  char       **location,
                  GError     **error)
{
  g_autoptr(GPtrArray) parts = clip_mhtml_parse (mhtml, error);
  ClipMhtmlPart *page = NULL;

  if (parts == NULL)
    return NULL;

  for (guint i = 0; i < parts->len && page == NULL; i++)
    {
      ClipMhtmlPart *part = g_ptr_array_index (parts, i);

      if (g_strcmp0 (part->content_type, "text/html") == 0 ||
          g_strcmp0 (part->content_type, "application/xhtml+xml") == 0)
        page = part;
    }

  if (page == NULL || page->data == NULL || g_bytes_get_size (page->data) == 0)
    {
      g_set_error_literal (error, CLIP_IMPORT_ERROR, CLIP_IMPORT_ERROR_NO_CONTENT,
                           _("The snapshot holds no web page"));
      return NULL;
    }

  *location = g_strdup (page->location);
  return clip_charset_bytes_to_utf8 (page->data, page->charset);
}

ClipArticle *
clip_import_file_with_assets (GFile         *file,
                              GCancellable  *cancellable,
                              GPtrArray    **assets,
                              GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *html = NULL;
  g_autofree char *location = NULL;
  g_autoptr(GBytes) bytes = NULL;
  ClipArticle *article;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (assets != NULL, NULL);

  *assets = g_ptr_array_new_with_free_func ((GDestroyNotify)clip_asset_free);
  name = g_file_get_parse_name (file);
  bytes = load_file (file, name, cancellable, error);
  if (bytes == NULL)
    return NULL;
  if (!is_mhtml (file, bytes))
    return import_file_bytes (file, name, bytes, error);

  html = page_of_snapshot (bytes, &location, error);
  if (html != NULL)
    {
      g_clear_pointer (assets, g_ptr_array_unref);
      article = clip_import_capture (html, location ? location : "", 0, NULL, bytes, assets, error);
      if (article != NULL)
        {
          clip_article_set_source_kind (article, "mhtml");
          record_file (article, file);
          return article;
        }
      *assets = g_ptr_array_new_with_free_func ((GDestroyNotify)clip_asset_free);
    }

  g_prefix_error (error, _("Cannot import “%s”. "), name);
  return NULL;
}
