/* clip-import-html.c: an HTML document to an article
 *
 * This is the modest importer of 0.1: metadata from the usual meta tags,
 * and the text of paragraph-like elements outside page furniture. The
 * main-content extractor (clip-extract) replaces it later.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>

#include "clip-import.h"
#include "clip-text.h"

/* Deeper elements are not read: a real article never nests this far, and
 * the walk must not exhaust the stack on a hostile document. */
#define MAX_DEPTH 256
/* The HTML standard looks for the charset in the first 1024 bytes; pages
 * with long comments or scripts first need a little more. */
#define CHARSET_SNIFF_LENGTH 4096
#define TITLE_MAX_CHARS 80
/* Paragraph elements must hold at least a fifth of the visible text. */
#define LAYOUT_RATIO 5

#define PARSE_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | \
                       HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT)

typedef struct {
  char *og_title;
  char *title;
  char *h1;
  char *author;
  char *site_name;
  char *published;
  char *time;
  char *description;
  char *url;
  char *lang;
  char *dir;
} Metadata;

typedef struct {
  xmlNode *node;
  guint depth;
} Pending;

typedef struct {
  ClipContentBuilder *builder;
  gsize n_bytes; /* visible bytes of the text added */
} Extract;

static void
metadata_clear (Metadata *meta)
{
  g_free (meta->og_title);
  g_free (meta->title);
  g_free (meta->h1);
  g_free (meta->author);
  g_free (meta->site_name);
  g_free (meta->published);
  g_free (meta->time);
  g_free (meta->description);
  g_free (meta->url);
  g_free (meta->lang);
  g_free (meta->dir);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Metadata, metadata_clear)

static gboolean
is_element (const xmlNode *node,
            const char    *name)
{
  return node->type == XML_ELEMENT_NODE &&
         g_ascii_strcasecmp ((const char *)node->name, name) == 0;
}

static gboolean
is_one_of (const xmlNode      *node,
           const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (is_element (node, names[i]))
        return TRUE;
    }

  return FALSE;
}

/* Page furniture and elements whose text is never article text. */
static gboolean
is_skipped (const xmlNode *node)
{
  static const char * const names[] = {
    "script", "style", "nav", "header", "footer", "aside", "form",
    "noscript", "template", "svg", "math", "iframe", "object", "button",
    "select", "textarea", "head", NULL,
  };

  return is_one_of (node, names);
}

/* Elements that break the text into blocks when there are no paragraphs. */
static gboolean
is_block (const xmlNode *node)
{
  static const char * const names[] = {
    "address", "article", "blockquote", "center", "dd", "div", "dl", "dt",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li",
    "main", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul", NULL,
  };

  return is_one_of (node, names);
}

/* The content tag a paragraph-like element becomes, or NULL. */
static const char *
block_tag (const xmlNode *node)
{
  if (is_element (node, "p") || is_element (node, "li"))
    return "p";
  if (is_element (node, "h2"))
    return "h2";
  if (is_element (node, "h3") || is_element (node, "h4") ||
      is_element (node, "h5") || is_element (node, "h6"))
    return "h3";
  if (is_element (node, "blockquote"))
    return "blockquote";

  return NULL;
}

/* libxml2 allocates with its own allocator; the rest of the code frees
 * with g_free. */
static char *
steal_xml_string (xmlChar *value)
{
  char *copy = value != NULL ? g_strdup ((const char *)value) : NULL;

  xmlFree (value);
  return copy;
}

static char *
get_attribute (xmlNode    *node,
               const char *name)
{
  return steal_xml_string (xmlGetProp (node, (const xmlChar *)name));
}

/* Collapses whitespace runs to single spaces and trims; NULL when empty. */
static char *
clean_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
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

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

static char *
node_text (xmlNode *node)
{
  g_autofree char *content = steal_xml_string (xmlNodeGetContent (node));

  return clean_text (content);
}

/* Keeps the first value found for a field. */
static void
set_once (char **field,
          char  *value)
{
  if (*field == NULL)
    *field = value;
  else
    g_free (value);
}

static void
read_meta (Metadata *meta,
           xmlNode  *node)
{
  g_autofree char *property = get_attribute (node, "property");
  g_autofree char *name = get_attribute (node, "name");
  g_autofree char *raw_content = get_attribute (node, "content");
  const char *key = property != NULL ? property : name;
  char *content = clean_text (raw_content);

  if (key == NULL || content == NULL)
    g_free (content);
  else if (g_ascii_strcasecmp (key, "og:title") == 0)
    set_once (&meta->og_title, content);
  else if (g_ascii_strcasecmp (key, "og:site_name") == 0)
    set_once (&meta->site_name, content);
  else if (g_ascii_strcasecmp (key, "author") == 0)
    set_once (&meta->author, content);
  else if (g_ascii_strcasecmp (key, "article:published_time") == 0)
    set_once (&meta->published, content);
  else if (g_ascii_strcasecmp (key, "description") == 0 ||
           g_ascii_strcasecmp (key, "og:description") == 0)
    set_once (&meta->description, content);
  else if (g_ascii_strcasecmp (key, "og:url") == 0)
    set_once (&meta->url, content);
  else
    g_free (content);
}

static char *
get_clean_attribute (xmlNode    *node,
                     const char *name)
{
  g_autofree char *value = get_attribute (node, name);

  return clean_text (value);
}

/* The page is untrusted and these go into attributes of the article
 * view: only a language tag ("en", "pt-BR") and a known direction pass. */
static char *
get_lang_attribute (xmlNode *node)
{
  g_autofree char *lang = get_clean_attribute (node, "lang");

  if (lang == NULL || strlen (lang) > 35 ||
      strspn (lang, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != strlen (lang))
    return NULL;

  return g_steal_pointer (&lang);
}

static char *
get_dir_attribute (xmlNode *node)
{
  g_autofree char *dir = get_clean_attribute (node, "dir");

  if (dir == NULL || !g_strv_contains ((const char * const[]) { "ltr", "rtl", "auto", NULL }, dir))
    return NULL;

  return g_steal_pointer (&dir);
}

static void
read_element_metadata (Metadata *meta,
                       xmlNode  *node)
{
  if (is_element (node, "meta"))
    read_meta (meta, node);
  else if (is_element (node, "title") && node->parent != NULL && is_element (node->parent, "head"))
    set_once (&meta->title, node_text (node));
  else if (is_element (node, "h1"))
    set_once (&meta->h1, node_text (node));
  else if (is_element (node, "time"))
    set_once (&meta->time, get_clean_attribute (node, "datetime"));
  else if (is_element (node, "html"))
    {
      set_once (&meta->lang, get_lang_attribute (node));
      set_once (&meta->dir, get_dir_attribute (node));
    }
}

/* The next node in document order, without recursion, so that metadata
 * can be read from any depth. */
static xmlNode *
next_in_document (xmlNode *node)
{
  if (node->type == XML_ELEMENT_NODE && node->children != NULL)
    return node->children;

  for (; node != NULL; node = node->parent)
    {
      if (node->next != NULL)
        return node->next;
    }

  return NULL;
}

static void
read_metadata (Metadata *meta,
               xmlNode  *root)
{
  for (xmlNode *node = root; node != NULL; node = next_in_document (node))
    {
      if (node->type == XML_ELEMENT_NODE)
        read_element_metadata (meta, node);
    }
}

static gsize
count_visible_bytes (const char *text)
{
  gsize n = 0;

  for (; *text != '\0'; text++)
    n += !g_ascii_isspace (*text);

  return n;
}

static void
add_block (Extract    *extract,
           const char *tag,
           const char *text)
{
  g_autofree char *cleaned = clean_text (text);

  if (cleaned == NULL)
    return;

  clip_content_builder_add (extract->builder, tag, cleaned);
  extract->n_bytes += count_visible_bytes (cleaned);
}

/* Appends the text under node, but not that of skipped elements; nested
 * paragraph-like elements are left for later, as blocks of their own. */
static void
gather_text (xmlNode *node,
             GString *text,
             GArray  *pending,
             guint    depth)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        g_string_append (text, (const char *)child->content);
      else if (child->type != XML_ELEMENT_NODE || is_skipped (child))
        continue;
      else if (block_tag (child) != NULL)
        {
          Pending nested = { child, depth + 1 };

          g_array_append_val (pending, nested);
          g_string_append_c (text, ' ');
        }
      else if (depth < MAX_DEPTH)
        {
          /* Block boundaries and line breaks separate words. */
          gboolean spaced = is_block (child) || is_element (child, "br");

          if (spaced)
            g_string_append_c (text, ' ');
          gather_text (child, text, pending, depth + 1);
          if (spaced)
            g_string_append_c (text, ' ');
        }
    }
}

static void
emit_block (Extract  *extract,
            xmlNode  *node,
            guint     depth,
            gboolean  in_quote)
{
  const char *tag = block_tag (node);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));

  gather_text (node, text, pending, depth);

  /* Paragraphs of a quotation stay quotations. */
  if (in_quote && g_str_equal (tag, "p"))
    tag = "blockquote";
  add_block (extract, tag, text->str);

  in_quote = in_quote || g_str_equal (tag, "blockquote");
  for (guint i = 0; i < pending->len; i++)
    {
      Pending *nested = &g_array_index (pending, Pending, i);

      if (nested->depth < MAX_DEPTH)
        emit_block (extract, nested->node, nested->depth, in_quote);
    }
}

static void
collect_blocks (Extract *extract,
                xmlNode *node,
                guint    depth)
{
  if (depth >= MAX_DEPTH)
    return;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE || is_skipped (child))
        continue;

      if (block_tag (child) != NULL)
        emit_block (extract, child, depth + 1, FALSE);
      else
        collect_blocks (extract, child, depth + 1);
    }
}

/* The whole text, with blank lines between blocks and a newline for
 * each line break, as a browser would lay it out. */
static void
gather_layout_text (xmlNode *node,
                    GString *text,
                    guint    depth)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        g_string_append (text, (const char *)child->content);
      else if (child->type != XML_ELEMENT_NODE || is_skipped (child))
        continue;
      else if (is_element (child, "br"))
        g_string_append_c (text, '\n');
      else if (depth < MAX_DEPTH)
        {
          gboolean block = is_block (child);

          if (block)
            g_string_append (text, "\n\n");
          gather_layout_text (child, text, depth + 1);
          if (block)
            g_string_append (text, "\n\n");
        }
    }
}

/* Pages without paragraph elements (text in divs, or in the body with
 * line breaks) are split where a reader sees blank lines. */
static void
collect_layout_blocks (Extract    *extract,
                       const char *layout_text)
{
  g_auto(GStrv) blocks = g_regex_split_simple ("\\n[ \\t\\r\\f\\v]*\\n", layout_text, 0, 0);

  for (guint i = 0; blocks[i] != NULL; i++)
    add_block (extract, "p", blocks[i]);
}

static xmlNode *
find_body (xmlNode *root)
{
  for (xmlNode *node = root; node != NULL; node = next_in_document (node))
    {
      if (is_element (node, "body"))
        return node;
    }

  return root;
}

/* The charset of a <meta charset> or <meta http-equiv content>, found as
 * the HTML standard's prescan does, closely enough for real pages. */
static char *
sniff_meta_charset (const char *data,
                    gsize       length)
{
  g_autofree char *head = g_ascii_strdown (data, MIN (length, CHARSET_SNIFF_LENGTH));
  const char *p = head;

  while ((p = strstr (p, "<meta")) != NULL)
    {
      const char *end = strchr (p, '>');
      const char *charset = g_strstr_len (p, end != NULL ? end - p : -1, "charset=");

      p += strlen ("<meta");
      if (charset == NULL)
        continue;

      charset += strlen ("charset=");
      charset += strspn (charset, "\"' ");
      if (strcspn (charset, "\"'; />\t\n\r") > 0)
        return g_strndup (charset, strcspn (charset, "\"'; />\t\n\r"));
    }

  return NULL;
}

/* The encoding to parse with: a byte order mark; else UTF-8 when the
 * bytes are valid UTF-8, because text in a legacy charset with letters
 * outside ASCII is almost never valid UTF-8 by chance, while pages saved
 * as UTF-8 often keep their old declaration; else the declared charset
 * when libxml2 knows it; else windows-1252, as browsers guess for
 * undeclared Western pages. */
static char *
choose_encoding (const char *data,
                 gsize       length)
{
  g_autofree char *charset = NULL;
  xmlCharEncodingHandlerPtr handler;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    return g_strdup ("UTF-8");
  if (length >= 2 && memcmp (data, "\xFF\xFE", 2) == 0)
    return g_strdup ("UTF-16LE");
  if (length >= 2 && memcmp (data, "\xFE\xFF", 2) == 0)
    return g_strdup ("UTF-16BE");

  if (g_utf8_validate_len (data, length, NULL))
    return g_strdup ("UTF-8");

  /* A page read as bytes cannot be UTF-16 without a byte order mark. */
  charset = sniff_meta_charset (data, length);
  if (charset == NULL || g_str_has_prefix (charset, "utf-16"))
    return g_strdup ("windows-1252");

  handler = xmlFindCharEncodingHandler (charset);
  if (handler == NULL)
    return g_strdup ("windows-1252");

  xmlCharEncCloseFunc (handler);
  return g_steal_pointer (&charset);
}

/* A short title from the start of the text, cut at a word. */
static char *
title_from_text (const char *text)
{
  const char *limit;
  const char *space;

  if (g_utf8_strlen (text, -1) <= TITLE_MAX_CHARS)
    return g_strdup (text);

  limit = g_utf8_offset_to_pointer (text, TITLE_MAX_CHARS);
  space = g_utf8_strrchr (text, limit - text, ' ');
  if (space == NULL || space == text)
    space = limit;

  return g_strdup_printf ("%.*s…", (int)(space - text), text);
}

static void
apply_title (ClipArticle *article,
             Metadata    *meta)
{
  const char *title = meta->og_title != NULL ? meta->og_title :
                      meta->title != NULL ? meta->title : meta->h1;

  if (title != NULL)
    clip_article_set_title (article, title);
  else
    {
      const char *text = clip_article_get_text (article);
      const char *end = strstr (text, "\n\n");
      g_autofree char *first = end != NULL ? g_strndup (text, end - text) : g_strdup (text);
      g_autofree char *made = title_from_text (first);

      clip_article_set_title (article, made);
    }
}

static void
apply_metadata (ClipArticle *article,
                Metadata    *meta,
                const char  *base_url)
{
  apply_title (article, meta);

  if (meta->author != NULL)
    clip_article_set_byline (article, meta->author);
  if (meta->site_name != NULL)
    clip_article_set_site_name (article, meta->site_name);
  if (meta->published != NULL || meta->time != NULL)
    clip_article_set_published (article, meta->published != NULL ? meta->published : meta->time);
  if (meta->lang != NULL)
    clip_article_set_lang (article, meta->lang);
  if (meta->dir != NULL)
    clip_article_set_dir (article, meta->dir);
  if (meta->description != NULL)
    clip_article_set_excerpt (article, meta->description);
  if (base_url != NULL || meta->url != NULL)
    clip_article_set_source_url (article, base_url != NULL ? base_url : meta->url);
}

/* Paragraph elements give clean blocks, but some pages hold most of
 * their text directly in divs with a stray paragraph or heading around;
 * when the paragraphs have a small part of the visible text, the page
 * is read by its layout instead. */
static char *
extract_content (xmlNode *root)
{
  Extract extract = { clip_content_builder_new (), 0 };
  g_autoptr(GString) layout_text = g_string_new (NULL);
  xmlNode *body = find_body (root);

  collect_blocks (&extract, body, 0);
  gather_layout_text (body, layout_text, 0);

  if (extract.n_bytes * LAYOUT_RATIO < count_visible_bytes (layout_text->str))
    {
      clip_content_builder_free (extract.builder);
      extract.builder = clip_content_builder_new ();
      collect_layout_blocks (&extract, layout_text->str);
    }

  if (clip_content_builder_get_n_blocks (extract.builder) == 0)
    {
      clip_content_builder_free (extract.builder);
      return NULL;
    }

  return clip_content_builder_free_to_html (extract.builder);
}

static gboolean
fill_article (ClipArticle  *article,
              xmlDoc       *doc,
              const char   *base_url,
              GError      **error)
{
  g_auto(Metadata) meta = { NULL, };
  g_autofree char *content_html = NULL;
  xmlNode *root = xmlDocGetRootElement (doc);

  if (root != NULL)
    content_html = extract_content (root);

  if (content_html == NULL)
    {
      g_set_error_literal (error, CLIP_IMPORT_ERROR, CLIP_IMPORT_ERROR_NO_CONTENT,
                           _("No readable text was found in it."));
      return FALSE;
    }

  clip_article_set_content_html (article, content_html);
  read_metadata (&meta, root);
  apply_metadata (article, &meta, base_url);
  return TRUE;
}

ClipArticle *
clip_import_html (const char  *data,
                  gsize        length,
                  const char  *base_url,
                  GError     **error)
{
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autofree char *encoding = NULL;
  htmlDocPtr doc;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > G_MAXINT)
    {
      g_set_error_literal (error, CLIP_IMPORT_ERROR, CLIP_IMPORT_ERROR_TOO_LARGE,
                           _("The document is too large to be imported."));
      return NULL;
    }

  encoding = choose_encoding (data != NULL ? data : "", length);
  doc = length > 0 ? htmlReadMemory (data, length, base_url, encoding, PARSE_OPTIONS) : NULL;
  if (doc == NULL)
    {
      g_set_error_literal (error, CLIP_IMPORT_ERROR, CLIP_IMPORT_ERROR_NO_CONTENT,
                           _("No readable text was found in it."));
      return NULL;
    }

  article = clip_article_new ();
  ok = fill_article (article, doc, base_url, error);
  xmlFreeDoc (doc);
  if (!ok)
    return NULL;

  original = g_bytes_new (data, length);
  clip_article_set_original (article, original, "text/html");
  clip_article_set_source_kind (article, "html");

  return g_steal_pointer (&article);
}
