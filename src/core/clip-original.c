/* clip-original.c: the untouched original, made viewable offline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <libxml/HTMLparser.h>

#include "clip-charset.h"
#include "clip-css.h"
#include "clip-inert-html.h"
#include "clip-mhtml.h"
#include "clip-original.h"

struct _ClipOriginal
{
  GPtrArray *parts;   /* of ClipMhtmlPart; 0 is the page */
};

void
clip_original_free (ClipOriginal *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->parts, g_ptr_array_unref);
  g_free (self);
}

/* A plain-text original reads as preformatted text. */
static GBytes *
text_as_html (GBytes *text)
{
  g_autofree char *valid = clip_charset_bytes_to_utf8 (text, NULL);
  g_autofree char *escaped = g_markup_escape_text (valid, -1);
  char *html = g_strdup_printf ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>"
                                "<body><pre style=\"white-space: pre-wrap\">%s</pre></body></html>",
                                escaped);

  return g_bytes_new_take (html, strlen (html));
}

static gboolean
is_page (ClipMhtmlPart *part)
{
  return g_strcmp0 (part->content_type, "text/html") == 0 ||
         g_strcmp0 (part->content_type, "application/xhtml+xml") == 0;
}

/* A snapshot's page is its first HTML part, wherever it stands; a
 * snapshot without one gets an empty page, so that index 0 is always the
 * page and every other part a resource. */
static void
put_page_first (GPtrArray *parts)
{
  ClipMhtmlPart *page;

  for (guint i = 0; i < parts->len; i++)
    {
      page = g_ptr_array_index (parts, i);
      if (is_page (page))
        {
          if (i > 0)
            {
              g_ptr_array_steal_index (parts, i);
              g_ptr_array_insert (parts, 0, page);
            }
          return;
        }
    }

  page = g_new0 (ClipMhtmlPart, 1);
  page->content_type = g_strdup ("text/html");
  page->data = g_bytes_new_static ("", 0);
  g_ptr_array_insert (parts, 0, page);
}

ClipOriginal *
clip_original_new (GBytes      *original,
                   const char  *mime_type,
                   GError     **error)
{
  g_autoptr(ClipOriginal) self = g_new0 (ClipOriginal, 1);
  ClipMhtmlPart *page;

  g_return_val_if_fail (original != NULL, NULL);

  if (g_strcmp0 (mime_type, "multipart/related") == 0)
    {
      self->parts = clip_mhtml_parse (original, error);
      if (self->parts == NULL)
        return NULL;
      put_page_first (self->parts);
      return g_steal_pointer (&self);
    }

  self->parts = g_ptr_array_new_with_free_func ((GDestroyNotify)clip_mhtml_part_free);
  page = g_new0 (ClipMhtmlPart, 1);
  page->content_type = g_strdup ("text/html");
  page->data = g_str_equal (mime_type ? mime_type : "", "text/html")
               ? g_bytes_ref (original) : text_as_html (original);
  g_ptr_array_add (self->parts, page);
  return g_steal_pointer (&self);
}

guint
clip_original_find (ClipOriginal *self,
                    const char   *url)
{
  guint found = 0;

  g_return_val_if_fail (self != NULL, 0);

  /* A resource may be saved twice under one address (a failed load and a
   * good one): the first that holds something wins. */
  for (guint i = 1; url != NULL && i < self->parts->len; i++)
    {
      ClipMhtmlPart *part = g_ptr_array_index (self->parts, i);

      if (g_strcmp0 (part->location, url) != 0)
        continue;
      if (part->data != NULL && g_bytes_get_size (part->data) > 0)
        return i;
      if (found == 0)
        found = i;
    }

  return found;
}

/* The saved address of a reference from a resource at base, or NULL. */
static char *
local_address (ClipOriginal *self,
               const char   *base,
               const char   *reference,
               const char   *prefix)
{
  g_autofree char *absolute = NULL;
  g_autofree char *stripped = NULL;
  guint index;

  if (reference == NULL || reference[0] == '\0')
    return NULL;
  /* Pictures written into the page load nothing; other data: addresses
   * (a page, a script, a sheet) are not kept. */
  if (g_ascii_strncasecmp (reference, "data:", 5) == 0)
    return g_ascii_strncasecmp (reference, "data:image/", 11) == 0 ? g_strdup (reference) : NULL;

  absolute = base != NULL ? g_uri_resolve_relative (base, reference, G_URI_FLAGS_NONE, NULL)
                          : g_strdup (reference);
  index = clip_original_find (self, absolute);
  if (index == 0 && absolute != NULL && strchr (absolute, '#') != NULL)
    {
      stripped = g_strndup (absolute, strchr (absolute, '#') - absolute);
      index = clip_original_find (self, stripped);
    }

  return index > 0 ? g_strdup_printf ("%s%u", prefix, index) : NULL;
}

typedef struct {
  ClipOriginal *self;
  const char *base;
  const char *prefix;
} Addresses;

/* The saved copy of a resource a style sheet loads, or NULL. */
static char *
css_address_cb (const char *url,
                gpointer    user_data)
{
  Addresses *addresses = user_data;

  if (url[0] == '#')
    return g_strdup (url);
  return local_address (addresses->self, addresses->base, url, addresses->prefix);
}

/* The same for the page, whose addresses come absolute. */
static char *
page_address_cb (const char *url,
                 gpointer    user_data)
{
  Addresses *addresses = user_data;

  return local_address (addresses->self, NULL, url, addresses->prefix);
}

char *
clip_original_render_page (ClipOriginal *self,
                           const char   *prefix)
{
  ClipMhtmlPart *page;
  htmlDocPtr doc;
  Addresses addresses;
  char *result;
  gsize length = 0;
  const char *data;
  const char *charset;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  page = g_ptr_array_index (self->parts, 0);
  charset = page->charset;
  data = page->data != NULL ? g_bytes_get_data (page->data, &length) : NULL;
  if (data == NULL || length == 0 || length > G_MAXINT)
    return g_strdup ("<!DOCTYPE html><html><body></body></html>");

  /* A charset libxml2 does not know would make it refuse the page. */
  if (page->charset != NULL)
    {
      xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler (page->charset);

      if (handler == NULL)
        charset = NULL;
      else
        xmlCharEncCloseFunc (handler);
    }

  doc = htmlReadMemory (data, (int)length, page->location, charset,
                        HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                        HTML_PARSE_NOWARNING);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      return g_strdup ("<!DOCTYPE html><html><body></body></html>");
    }

  addresses = (Addresses) { self, page->location, prefix };
  result = clip_inert_html_write (doc, page->location, CLIP_ORIGINAL_CSP, page_address_cb, &addresses);
  xmlFreeDoc (doc);
  return result;
}

GBytes *
clip_original_get_resource (ClipOriginal  *self,
                            guint          index,
                            const char    *prefix,
                            char         **mime_type)
{
  ClipMhtmlPart *part;

  g_return_val_if_fail (self != NULL, NULL);

  if (index == 0 || index >= self->parts->len)
    return NULL;

  part = g_ptr_array_index (self->parts, index);
  if (mime_type != NULL)
    *mime_type = g_strdup (part->content_type != NULL ? part->content_type
                                                       : "application/octet-stream");
  if (part->data == NULL)
    return g_bytes_new_static ("", 0);

  if (g_strcmp0 (part->content_type, "text/css") == 0)
    {
      gsize length = 0;
      const char *data = g_bytes_get_data (part->data, &length);
      g_autofree char *declared = clip_charset_of_css (data, length);
      g_autofree char *css = clip_charset_to_utf8 (data, length, part->charset ? part->charset : declared);
      Addresses addresses = { self, part->location, prefix };
      char *rewritten = clip_css_rewrite (css, css_address_cb, &addresses);

      /* The sheet is UTF-8 now, whatever its first rule said. */
      if (mime_type != NULL)
        {
          g_free (*mime_type);
          *mime_type = g_strdup ("text/css; charset=utf-8");
        }
      return g_bytes_new_take (rewritten, strlen (rewritten));
    }

  return g_bytes_ref (part->data);
}
