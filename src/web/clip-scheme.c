/* clip-scheme.c: the clip:// scheme, served from the library
 *
 * clip://article/<id>        the reader page of a stored article
 * clip://article/article.css the page's style sheet, from GResource (same
 *                            origin as the page, so that it applies)
 * clip://asset/<id>          an image stored with an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "clip-original.h"
#include "clip-scheme.h"
#include "clip-text.h"

typedef struct {
  ClipStore *store;
  /* The last original shown, parsed once for all its resources. */
  gint64 original_id;
  ClipOriginal *original;
  ClipArticle *preview;
  ClipOriginal *preview_original;
} SchemeData;

static void
scheme_data_free (SchemeData *data)
{
  g_signal_handlers_disconnect_by_data (data->store, data);
  g_clear_object (&data->store);
  g_clear_pointer (&data->original, clip_original_free);
  g_clear_object (&data->preview);
  g_clear_pointer (&data->preview_original, clip_original_free);
  g_free (data);
}

#define WEB_RESOURCE_PATH RESOURCE_PREFIX "/web/"

char *
clip_scheme_article_uri (gint64 article_id)
{
  return g_strdup_printf ("clip://article/%" G_GINT64_FORMAT, article_id);
}

char *
clip_scheme_original_uri (gint64 article_id)
{
  return g_strdup_printf ("clip://original/%" G_GINT64_FORMAT, article_id);
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (out, escaped);
}

/* A language or direction attribute is only copied when it is plainly one. */
static gboolean
is_safe_token (const char *value)
{
  if (value == NULL || value[0] == '\0' || strlen (value) > 35)
    return FALSE;

  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;

  return TRUE;
}

char *
clip_scheme_render_article (ClipArticle *article)
{
  GString *page = g_string_new ("<!DOCTYPE html>\n<html");
  const char *lang = clip_article_get_lang (article);
  const char *dir = clip_article_get_dir (article);
  g_autofree char *meta = clip_article_dup_meta_line (article);

  if (is_safe_token (lang))
    g_string_append_printf (page, " lang=\"%s\"", lang);
  if (g_strcmp0 (dir, "rtl") == 0 || g_strcmp0 (dir, "ltr") == 0)
    g_string_append_printf (page, " dir=\"%s\"", dir);

  g_string_append (page,
                   "><head><meta charset=\"utf-8\">"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"" CLIP_ARTICLE_CSP "\">"
                   "<meta name=\"viewport\" content=\"width=device-width\">"
                   "<link rel=\"stylesheet\" href=\"clip://article/article.css\"><title>");
  append_escaped (page, clip_article_get_title (article));
  g_string_append (page, "</title></head>\n<body><header class=\"clip-header\"><h1 class=\"clip-title\">");
  append_escaped (page, clip_article_get_title (article));
  g_string_append (page, "</h1><p class=\"clip-meta\">");
  append_escaped (page, meta);
  g_string_append (page, "</p></header>\n<article id=\"clip-article\">");
  /* The content is sanitized when it is stored; it goes out as stored so
   * that its text is exactly the one the offsets count. */
  g_string_append (page, clip_article_get_content_html (article));
  g_string_append (page, "</article></body></html>\n");

  return g_string_free (page, FALSE);
}

static void
finish_with_bytes (WebKitURISchemeRequest *request,
                   GBytes                 *bytes,
                   const char             *content_type)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(WebKitURISchemeResponse) response = NULL;
  SoupMessageHeaders *headers;

  response = webkit_uri_scheme_response_new (stream, g_bytes_get_size (bytes));
  webkit_uri_scheme_response_set_content_type (response, content_type);
  /* With headers set, WebKit reads the type from them, not from above. */
  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  soup_message_headers_set_content_type (headers, content_type, NULL);
  soup_message_headers_append (headers, "Content-Security-Policy", CLIP_ARTICLE_CSP);
  soup_message_headers_append (headers, "X-Content-Type-Options", "nosniff");
  webkit_uri_scheme_response_set_http_headers (response, headers);
  webkit_uri_scheme_request_finish_with_response (request, response);
}

static void
finish_not_found (WebKitURISchemeRequest *request,
                  const char             *message)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, message);

  webkit_uri_scheme_request_finish_error (request, error);
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

static void
serve_article (WebKitURISchemeRequest *request,
               ClipStore              *store,
               const char             *id_text)
{
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gint64 id;
  char *page;

  if (!parse_id (id_text, &id))
    {
      finish_not_found (request, _("No such clipping"));
      return;
    }

  article = clip_store_get_article (store, id, &error);
  if (article == NULL)
    {
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  page = clip_scheme_render_article (article);
  bytes = g_bytes_new_take (page, strlen (page));
  finish_with_bytes (request, bytes, "text/html; charset=utf-8");
}

static void
serve_resource (WebKitURISchemeRequest *request,
                const char             *name)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  /* Only the style sheet is public: the annotator is injected, not loaded. */
  if (g_strcmp0 (name, "article.css") != 0)
    {
      finish_not_found (request, _("No such resource"));
      return;
    }

  path = g_strconcat (WEB_RESOURCE_PATH, name, NULL);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      finish_not_found (request, _("No such resource"));
      return;
    }

  finish_with_bytes (request, bytes, "text/css");
}

static void
serve_asset (WebKitURISchemeRequest *request,
             ClipStore              *store,
             const char             *id_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *mime_type = NULL;
  gint64 id;

  if (!parse_id (id_text, &id))
    {
      finish_not_found (request, _("No such image"));
      return;
    }

  bytes = clip_store_get_asset (store, id, &mime_type, &error);
  if (bytes == NULL)
    {
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  /* Only images are served, whatever a page claimed when it was captured. */
  if (mime_type == NULL || !g_str_has_prefix (mime_type, "image/") ||
      g_str_has_prefix (mime_type, "image/svg"))
    {
      finish_not_found (request, _("No such image"));
      return;
    }

  finish_with_bytes (request, bytes, mime_type);
}

static ClipOriginal *
lookup_original (SchemeData  *data,
                 gint64       id,
                 GError     **error)
{
  g_autoptr(ClipArticle) article = NULL;
  GBytes *bytes;

  if (data->original != NULL && data->original_id == id)
    return data->original;

  article = clip_store_get_article (data->store, id, error);
  if (article == NULL)
    return NULL;

  bytes = clip_article_get_original (article);
  if (bytes == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("This clipping has no original"));
      return NULL;
    }

  g_clear_pointer (&data->original, clip_original_free);
  data->original = clip_original_new (bytes, clip_article_get_original_type (article), error);
  data->original_id = data->original != NULL ? id : 0;
  return data->original;
}

/* What a part may be served as, whatever type its snapshot gave it: a
 * style sheet (rewritten) or a picture that is one by its bytes and not
 * SVG. A raw page, a script or an SVG document is never served. */
static gboolean
is_servable_part (GBytes     *bytes,
                  const char *mime_type)
{
  g_autofree char *sniffed = NULL;
  gboolean uncertain = FALSE;

  if (g_str_has_prefix (mime_type, "text/css"))
    return TRUE;
  if (!g_str_has_prefix (mime_type, "image/") || strstr (mime_type, "svg") != NULL)
    return FALSE;

  sniffed = g_content_type_guess (NULL, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &uncertain);
  return sniffed != NULL && g_str_has_prefix (sniffed, "image/") &&
         strstr (sniffed, "svg") == NULL;
}

/* A part is loaded by its own page only: the view asking must show the
 * page whose resources start with prefix. */
static gboolean
asked_by_own_page (WebKitURISchemeRequest *request,
                   const char             *prefix)
{
  WebKitWebView *view = webkit_uri_scheme_request_get_web_view (request);
  const char *shown = view != NULL ? webkit_web_view_get_uri (view) : NULL;
  gsize length = strlen (prefix);

  /* The page is the prefix without its last "/". */
  return shown != NULL && length > 1 &&
         strncmp (shown, prefix, length - 1) == 0 &&
         (shown[length - 1] == '\0' || g_str_equal (shown + length - 1, "/article"));
}

static void
serve_original_part (WebKitURISchemeRequest *request,
                     ClipOriginal           *original,
                     const char             *prefix,
                     guint                   index)
{
  g_autofree char *mime_type = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (index == 0)
    {
      char *page = clip_original_render_page (original, prefix);

      bytes = g_bytes_new_take (page, strlen (page));
      finish_with_bytes (request, bytes, "text/html; charset=utf-8");
      return;
    }

  if (!asked_by_own_page (request, prefix))
    {
      finish_not_found (request, _("No such resource"));
      return;
    }

  bytes = clip_original_get_resource (original, index, prefix, &mime_type);
  if (bytes == NULL || mime_type == NULL || !is_servable_part (bytes, mime_type))
    finish_not_found (request, _("No such resource"));
  else
    finish_with_bytes (request, bytes, mime_type);
}

/* clip://original/<id> is the page, clip://original/<id>/<n> its resources. */
static void
serve_original (WebKitURISchemeRequest *request,
                SchemeData             *data,
                const char             *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", 3);
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = NULL;
  ClipOriginal *original;
  guint64 index = 0;
  gint64 id;

  if (parts[0] == NULL || !parse_id (parts[0], &id) ||
      (parts[1] != NULL && !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT, &index, NULL)))
    {
      finish_not_found (request, _("No such original"));
      return;
    }

  original = lookup_original (data, id, &error);
  if (original == NULL)
    {
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  prefix = g_strdup_printf ("clip://original/%" G_GINT64_FORMAT "/", id);
  serve_original_part (request, original, prefix, index);
}

#define PREVIEW_PREFIX "clip://preview/"

/* The preview's images are served from its snapshot until it is saved. */
static char *
preview_content (SchemeData *data)
{
  g_autofree char *content = g_strdup (clip_article_get_content_html (data->preview));
  g_auto(GStrv) urls = clip_content_image_urls (content);

  for (guint i = 0; data->preview_original != NULL && urls[i] != NULL; i++)
    {
      guint index = clip_original_find (data->preview_original, urls[i]);
      g_autofree char *local = g_strdup_printf (PREVIEW_PREFIX "%u", index);
      char *rewritten;

      if (index == 0)
        continue;
      rewritten = clip_content_replace_image (content, urls[i], local);
      g_free (content);
      content = rewritten;
    }

  return g_steal_pointer (&content);
}

static void
serve_preview (WebKitURISchemeRequest *request,
               SchemeData             *data,
               const char             *path)
{
  guint64 index;

  if (data->preview == NULL)
    {
      finish_not_found (request, _("Nothing is being captured"));
      return;
    }

  if (g_strcmp0 (path, "article") == 0)
    {
      g_autoptr(ClipArticle) shown = clip_article_new ();
      g_autofree char *content = preview_content (data);
      g_autoptr(GBytes) bytes = NULL;
      char *page;

      clip_article_set_title (shown, clip_article_get_title (data->preview));
      clip_article_set_site_name (shown, clip_article_get_site_name (data->preview));
      clip_article_set_published (shown, clip_article_get_published (data->preview));
      clip_article_set_byline (shown, clip_article_get_byline (data->preview));
      clip_article_set_lang (shown, clip_article_get_lang (data->preview));
      clip_article_set_dir (shown, clip_article_get_dir (data->preview));
      clip_article_set_content_html (shown, content);
      page = clip_scheme_render_article (shown);
      bytes = g_bytes_new_take (page, strlen (page));
      finish_with_bytes (request, bytes, "text/html; charset=utf-8");
      return;
    }

  if (g_strcmp0 (path, "article.css") == 0)
    {
      serve_resource (request, path);
      return;
    }

  if (data->preview_original == NULL ||
      !g_ascii_string_to_unsigned (path, 10, 1, G_MAXUINT, &index, NULL))
    {
      finish_not_found (request, _("No such resource"));
      return;
    }

  serve_original_part (request, data->preview_original, PREVIEW_PREFIX, index);
}

/* An article's number can be given again after it is deleted. */
static void
articles_changed_cb (ClipStore  *store,
                     SchemeData *data)
{
  g_clear_pointer (&data->original, clip_original_free);
  data->original_id = 0;
}

void
clip_web_context_set_preview (WebKitWebContext *context,
                              ClipArticle      *article)
{
  SchemeData *data = g_object_get_data (G_OBJECT (context), "clip-scheme-data");
  GBytes *original;

  g_return_if_fail (data != NULL);

  g_set_object (&data->preview, article);
  g_clear_pointer (&data->preview_original, clip_original_free);
  original = article != NULL ? clip_article_get_original (article) : NULL;
  if (original != NULL)
    data->preview_original = clip_original_new (original, clip_article_get_original_type (article), NULL);
}

static void
handle_clip_request_cb (WebKitURISchemeRequest *request,
                        gpointer                user_data)
{
  SchemeData *data = user_data;
  ClipStore *store = data->store;
  const char *path = webkit_uri_scheme_request_get_path (request);
  g_autoptr(GUri) uri = g_uri_parse (webkit_uri_scheme_request_get_uri (request),
                                     G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  path = uri != NULL ? g_uri_get_path (uri) : path;
  if (path != NULL && path[0] == '/')
    path++;

  if (g_strcmp0 (host, "article") == 0 && g_str_has_suffix (path, ".css"))
    serve_resource (request, path);
  else if (g_strcmp0 (host, "article") == 0)
    serve_article (request, store, path);
  else if (g_strcmp0 (host, "asset") == 0)
    serve_asset (request, store, path);
  else if (g_strcmp0 (host, "original") == 0)
    serve_original (request, data, path);
  else if (g_strcmp0 (host, "preview") == 0)
    serve_preview (request, data, path);
  else
    finish_not_found (request, _("Unknown address"));
}

WebKitWebContext *
clip_web_context_new (ClipStore *store)
{
  WebKitWebContext *context;
  WebKitSecurityManager *security;
  SchemeData *data;

  g_return_val_if_fail (CLIP_IS_STORE (store), NULL);

  context = webkit_web_context_new ();
  webkit_web_context_set_cache_model (context, WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
  data = g_new0 (SchemeData, 1);
  data->store = g_object_ref (store);
  g_object_set_data (G_OBJECT (context), "clip-scheme-data", data);
  g_signal_connect (store, "articles-changed", G_CALLBACK (articles_changed_cb), data);
  webkit_web_context_register_uri_scheme (context, "clip", handle_clip_request_cb,
                                          data, (GDestroyNotify)scheme_data_free);

  security = webkit_web_context_get_security_manager (context);
  webkit_security_manager_register_uri_scheme_as_secure (security, "clip");

  return context;
}
