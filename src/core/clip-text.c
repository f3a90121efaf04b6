/* clip-text.c: the article text and code-point offsets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "clip-text.h"

#define CONTENT_ROOT_ID "clip-article"

/* The fragment is parsed inside the same wrapper element the article
 * view serves it in, so libxml2 and WebKit see the same tree. */
static xmlNode *
find_content_root (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;

      g_autofree char *id = (char *)xmlGetProp (node, (const xmlChar *)"id");
      if (g_strcmp0 (id, CONTENT_ROOT_ID) == 0)
        return node;

      xmlNode *found = find_content_root (node->children);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static htmlDocPtr
parse_content (const char *content_html)
{
  g_autofree char *document = NULL;

  document = g_strconcat ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>"
                          "<body><article id=\"" CONTENT_ROOT_ID "\">",
                          content_html,
                          "</article></body></html>",
                          NULL);
  return htmlReadMemory (document, strlen (document), NULL, "UTF-8",
                         HTML_PARSE_RECOVER | HTML_PARSE_NONET |
                         HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
}

/* The text nodes in document order, as textContent reads them. Iterative
 * (content can nest deeply) and into one growing string, which is much
 * faster than libxml2's own on very large content. */
static char *
walk_text (xmlNode *root)
{
  GString *text = g_string_new (NULL);
  xmlNode *node = root->children;

  while (node != NULL)
    {
      if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) && node->content != NULL)
        g_string_append (text, (const char *)node->content);

      if (node->type == XML_ELEMENT_NODE && node->children != NULL)
        {
          node = node->children;
          continue;
        }

      while (node != NULL && node != root && node->next == NULL)
        node = node->parent;
      node = (node == NULL || node == root) ? NULL : node->next;
    }

  return g_string_free (text, FALSE);
}

char *
clip_text_from_html (const char  *content_html,
                     GError     **error)
{
  htmlDocPtr doc;
  xmlNode *root;
  char *text;

  g_return_val_if_fail (content_html != NULL, NULL);

  doc = parse_content (content_html);
  if (doc == NULL)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE,
                           "The article content cannot be parsed");
      return NULL;
    }

  root = find_content_root (xmlDocGetRootElement (doc));
  text = root != NULL ? walk_text (root) : g_strdup ("");
  xmlFreeDoc (doc);

  return text;
}

/* Walks the tree without recursion: content can be deeply nested. */
static void
collect_image_urls (xmlNode      *root,
                    GStrvBuilder *builder,
                    GHashTable   *seen)
{
  xmlNode *node = root;

  while (node != NULL)
    {
      if (node->type == XML_ELEMENT_NODE &&
          g_ascii_strcasecmp ((const char *)node->name, "img") == 0)
        {
          char *src = (char *)xmlGetProp (node, (const xmlChar *)"src");

          if (src != NULL && !g_hash_table_contains (seen, src))
            {
              g_hash_table_add (seen, g_strdup (src));
              g_strv_builder_add (builder, src);
            }
          xmlFree (src);
        }

      if (node->children != NULL)
        node = node->children;
      else
        {
          while (node != NULL && node != root && node->next == NULL)
            node = node->parent;
          node = (node == NULL || node == root) ? NULL : node->next;
        }
    }
}

GStrv
clip_content_image_urls (const char *content_html)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  htmlDocPtr doc;

  g_return_val_if_fail (content_html != NULL, NULL);

  doc = parse_content (content_html);
  if (doc != NULL)
    {
      xmlNode *root = find_content_root (xmlDocGetRootElement (doc));

      if (root != NULL)
        collect_image_urls (root, builder, seen);
      xmlFreeDoc (doc);
    }

  return g_strv_builder_end (builder);
}

/* The content is ours (sanitized), so an image is always written as
 * <img src="escaped URL"…; a plain text replacement is exact. */
char *
clip_content_replace_image (const char *content_html,
                            const char *from,
                            const char *to)
{
  g_autofree char *from_escaped = NULL;
  g_autofree char *to_escaped = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *replacement = NULL;
  g_auto(GStrv) pieces = NULL;

  g_return_val_if_fail (content_html != NULL, NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  from_escaped = g_markup_escape_text (from, -1);
  to_escaped = g_markup_escape_text (to, -1);
  needle = g_strdup_printf ("src=\"%s\"", from_escaped);
  replacement = g_strdup_printf ("src=\"%s\"", to_escaped);
  pieces = g_strsplit (content_html, needle, -1);
  return g_strjoinv (replacement, pieces);
}

static gboolean
unsaved_image_cb (const GMatchInfo *match,
                  GString          *out,
                  gpointer          user_data)
{
  g_autofree char *tag = g_match_info_fetch (match, 0);
  g_autofree char *src = g_match_info_fetch (match, 1);
  g_autofree char *alt = g_match_info_fetch (match, 2);

  if (g_str_has_prefix (src, "clip:"))
    {
      g_string_append (out, tag);
      return FALSE;
    }
  /* The values are escaped as the sanitizer wrote them. */
  g_string_append_printf (out, "<span class=\"clip-unsaved-image\" data-alt=\"%s\"></span>",
                          alt != NULL ? alt : "");
  return FALSE;
}

char *
clip_content_for_view (const char *content_html)
{
  static GRegex *img;

  g_return_val_if_fail (content_html != NULL, NULL);

  /* The sanitizer writes every image as exactly this. */
  if (g_once_init_enter (&img))
    g_once_init_leave (&img, g_regex_new ("<img src=\"([^\"]*)\"(?: alt=\"([^\"]*)\")?>",
                                          G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_replace_eval (img, content_html, -1, 0, 0, unsaved_image_cb, NULL, NULL);
}

struct _ClipContentBuilder
{
  GString *html;
  guint n_blocks;
};

ClipContentBuilder *
clip_content_builder_new (void)
{
  ClipContentBuilder *self = g_new0 (ClipContentBuilder, 1);

  self->html = g_string_new (NULL);
  return self;
}

/* Collapses every whitespace run to one space and trims the ends, as the
 * rendered text of a paragraph reads. */
static char *
collapse_whitespace (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  gboolean pending_space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) && c != 0x00A0)
        {
          pending_space = out->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

void
clip_content_builder_add (ClipContentBuilder *self,
                          const char         *tag,
                          const char         *text)
{
  g_autofree char *collapsed = NULL;
  g_autofree char *escaped = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (tag != NULL);
  g_return_if_fail (text != NULL);
  g_return_if_fail (g_utf8_validate (text, -1, NULL));

  collapsed = collapse_whitespace (text);
  if (collapsed[0] == '\0')
    return;

  escaped = g_markup_escape_text (collapsed, -1);
  if (self->n_blocks > 0)
    g_string_append (self->html, "\n\n");
  g_string_append_printf (self->html, "<%s>%s</%s>", tag, escaped, tag);
  self->n_blocks++;
}

guint
clip_content_builder_get_n_blocks (ClipContentBuilder *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_blocks;
}

char *
clip_content_builder_free_to_html (ClipContentBuilder *self)
{
  char *html;

  g_return_val_if_fail (self != NULL, NULL);

  html = g_string_free (self->html, FALSE);
  g_free (self);
  return html;
}

void
clip_content_builder_free (ClipContentBuilder *self)
{
  if (self == NULL)
    return;

  g_string_free (self->html, TRUE);
  g_free (self);
}

/* Like g_utf8_offset_to_pointer(), but stops at the end of the string
 * instead of reading past it when the offset is too large. */
static const char *
pointer_at (const char *text,
            glong       offset)
{
  const char *p = text;

  for (; offset > 0 && *p != '\0'; offset--)
    p = g_utf8_next_char (p);

  return p;
}

glong
clip_text_length (const char *text)
{
  g_return_val_if_fail (text != NULL, 0);
  return g_utf8_strlen (text, -1);
}

char *
clip_text_slice (const char *text,
                 glong       start,
                 glong       end)
{
  const char *from;
  const char *to;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (start >= 0 && start <= end, NULL);

  from = pointer_at (text, start);
  to = pointer_at (from, end - start);
  return g_strndup (from, to - from);
}

char *
clip_text_prefix (const char *text,
                  glong       start,
                  glong       n)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (start >= 0 && n >= 0, NULL);

  return clip_text_slice (text, MAX (0, start - n), start);
}

char *
clip_text_suffix (const char *text,
                  glong       end,
                  glong       n)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (end >= 0 && n >= 0, NULL);

  return clip_text_slice (text, end, end + n);
}
