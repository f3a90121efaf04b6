/* clip-original.c: the untouched original, made viewable offline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>

#include "clip-charset.h"
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
  if (g_str_has_prefix (reference, "data:"))
    return g_strdup (reference);

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

/* Rewrites every url(…) of a style sheet; one not saved becomes url(). */
static char *
rewrite_css (ClipOriginal *self,
             const char   *css,
             const char   *base,
             const char   *prefix)
{
  GString *out = g_string_new (NULL);
  const char *p = css != NULL ? css : "";
  const char *hit;

  while ((hit = strstr (p, "url(")) != NULL)
    {
      const char *start = hit + 4;
      const char *end = strchr (start, ')');
      g_autofree char *reference = NULL;
      g_autofree char *local = NULL;

      if (end == NULL)
        break;

      reference = g_strstrip (g_strndup (start, end - start));
      if (reference[0] == '"' || reference[0] == '\'')
        {
          gsize n = strlen (reference);
          memmove (reference, reference + 1, n);
          if (n >= 2 && (reference[n - 2] == '"' || reference[n - 2] == '\''))
            reference[n - 2] = '\0';
        }

      local = local_address (self, base, reference, prefix);
      g_string_append_len (out, p, hit - p);
      g_string_append_printf (out, "url(\"%s\")", local ? local : "");
      p = end + 1;
    }

  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

static gboolean
name_is (xmlNode    *node,
         const char *name)
{
  return g_ascii_strcasecmp ((const char *)node->name, name) == 0;
}

static gboolean
is_dropped_element (xmlNode *node)
{
  static const char * const dropped[] = {
    "script", "noscript", "iframe", "frame", "frameset", "object", "embed",
    "applet", "base", "portal", "template",
  };

  for (guint i = 0; i < G_N_ELEMENTS (dropped); i++)
    if (name_is (node, dropped[i]))
      return TRUE;

  /* A <meta http-equiv="refresh"> would navigate away. */
  if (name_is (node, "meta"))
    {
      g_autofree char *equiv = (char *)xmlGetProp (node, (const xmlChar *)"http-equiv");
      return equiv != NULL && g_ascii_strcasecmp (equiv, "refresh") == 0;
    }

  return FALSE;
}

/* A browser gives void elements no children, but a captured DOM can hold
 * the rest of a page in an unknown element such as <atom:link>, which
 * libxml2 reads as <link> and then writes without what it holds: the
 * children are moved out after it, where a browser shows them. */
static void
hoist_void_children (xmlNode *node)
{
  static const char * const voids[] = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link",
    "meta", "param", "source", "track", "wbr",
  };
  gboolean is_void = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (voids) && !is_void; i++)
    is_void = name_is (node, voids[i]);

  while (is_void && node->last != NULL)
    {
      xmlNode *child = node->last;

      xmlUnlinkNode (child);
      xmlAddNextSibling (node, child);
    }
}

static void
rewrite_attribute (ClipOriginal *self,
                   xmlNode      *node,
                   const char   *attribute,
                   const char   *base,
                   const char   *prefix)
{
  g_autofree char *value = (char *)xmlGetProp (node, (const xmlChar *)attribute);
  g_autofree char *local = NULL;

  if (value == NULL)
    return;

  local = local_address (self, base, value, prefix);
  if (local != NULL)
    xmlSetProp (node, (const xmlChar *)attribute, (const xmlChar *)local);
  else
    xmlUnsetProp (node, (const xmlChar *)attribute);
}

static void
rewrite_element (ClipOriginal *self,
                 xmlNode      *node,
                 const char   *base,
                 const char   *prefix)
{
  g_autofree char *style = (char *)xmlGetProp (node, (const xmlChar *)"style");

  /* Event handlers never run (scripts are off), but they need not stay. */
  for (xmlAttr *attr = node->properties; attr != NULL;)
    {
      xmlAttr *next = attr->next;
      if (g_ascii_strncasecmp ((const char *)attr->name, "on", 2) == 0)
        xmlRemoveProp (attr);
      attr = next;
    }

  xmlUnsetProp (node, (const xmlChar *)"srcset");
  xmlUnsetProp (node, (const xmlChar *)"integrity");
  if (name_is (node, "img") || name_is (node, "input") || name_is (node, "video") ||
      name_is (node, "audio") || name_is (node, "source") || name_is (node, "track"))
    rewrite_attribute (self, node, "src", base, prefix);
  if (name_is (node, "video"))
    rewrite_attribute (self, node, "poster", base, prefix);
  if (name_is (node, "link"))
    rewrite_attribute (self, node, "href", base, prefix);
  if (xmlHasProp (node, (const xmlChar *)"background"))
    rewrite_attribute (self, node, "background", base, prefix);

  if (style != NULL)
    {
      g_autofree char *css = rewrite_css (self, style, base, prefix);
      xmlSetProp (node, (const xmlChar *)"style", (const xmlChar *)css);
    }

  if (name_is (node, "style"))
    {
      g_autofree char *text = (char *)xmlNodeGetContent (node);
      g_autofree char *css = rewrite_css (self, text ? text : "", base, prefix);
      xmlNodeSetContent (node, NULL);
      xmlAddChild (node, xmlNewCDataBlock (node->doc, (const xmlChar *)css, strlen (css)));
    }
}

/* Walks the tree without recursion: pages can be deeply nested. */
static void
rewrite_tree (ClipOriginal *self,
              xmlNode      *root,
              const char   *base,
              const char   *prefix)
{
  xmlNode *node = root;

  while (node != NULL)
    {
      xmlNode *next_child = NULL;

      if (node->type == XML_ELEMENT_NODE && node != root && is_dropped_element (node))
        {
          xmlNode *doomed = node;

          while (node != root && node->next == NULL)
            node = node->parent;
          node = node == root ? NULL : node->next;
          xmlUnlinkNode (doomed);
          xmlFreeNode (doomed);
          continue;
        }

      if (node->type == XML_ELEMENT_NODE)
        {
          hoist_void_children (node);
          rewrite_element (self, node, base, prefix);
          next_child = node->children;
        }

      if (next_child != NULL)
        node = next_child;
      else
        {
          while (node != NULL && node != root && node->next == NULL)
            node = node->parent;
          node = (node == NULL || node == root) ? NULL : node->next;
        }
    }
}

char *
clip_original_render_page (ClipOriginal *self,
                           const char   *prefix)
{
  ClipMhtmlPart *page;
  htmlDocPtr doc;
  xmlChar *html = NULL;
  int size = 0;
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

  rewrite_tree (self, xmlDocGetRootElement (doc), page->location, prefix);
  htmlDocDumpMemoryFormat (doc, &html, &size, 0);
  result = g_strndup ((const char *)html, size);
  xmlFree (html);
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
      char *rewritten = rewrite_css (self, css, part->location, prefix);

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
