/* clip-extract.c: a web page to a clean article
 *
 * The main-content search follows the ideas of Mozilla's Readability:
 * paragraphs are scored by their length and commas, the scores flow to
 * their parent and grandparent, class and id names add hints, link-heavy
 * blocks lose, and the best block is joined by the siblings that belong
 * with it. Page furniture (navigation, comments, share bars, related
 * links) is removed before and after. The result is written by the
 * sanitizer, which alone decides what markup survives.
 *
 * This file prepares the document and runs the attempts; the parts are
 * clip-extract-charset.c (bytes to UTF-8), clip-extract-meta.c (what the
 * page says about itself), clip-extract-score.c (finding and cleaning
 * the article) and clip-extract-trim.c (the second pass, which removes
 * what a reader skips).
 *
 * Every walk over the tree is iterative: a hostile page may nest deeper
 * than the stack allows. libxml2 stops building the tree at 256 levels
 * (without HTML_PARSE_HUGE, which is not used), which also bounds the
 * walks that climb from a node to its ancestors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>

#include "clip-extract.h"
#include "clip-file.h"
#include "clip-extract-private.h"
#include "clip-sanitize.h"

#define PARSE_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | \
                       HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT)
/* The shortest text that is an article when it stands by the headline. */
#define MIN_HEADLINE_ARTICLE 80
/* How much more text a looser pass must find to replace a stricter one. */
#define LOOSER_PASS_FACTOR 5
#define MAX_BYLINE_LENGTH 100
#define INFO_CHUNK 4096


G_DEFINE_QUARK (clip-extract-error-quark, clip_extract_error)

/* Tree helpers. */

gboolean
clip_extract_is_tag (const xmlNode *node,
                     const char    *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         strcmp ((const char *)node->name, name) == 0;
}

gboolean
clip_extract_tag_in (const xmlNode      *node,
                     const char * const *names)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (strcmp ((const char *)node->name, names[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

gboolean
clip_extract_is_heading (const xmlNode *node)
{
  const char *name = (const char *)node->name;

  return node->type == XML_ELEMENT_NODE && name[0] == 'h' &&
         name[1] >= '1' && name[1] <= '6' && name[2] == '\0';
}

/* An attribute's value without copying it; NULL when absent. */
const char *
clip_extract_attr (const xmlNode *node,
                   const char    *name)
{
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    {
      if (g_ascii_strcasecmp ((const char *)a->name, name) != 0)
        continue;
      if (a->children == NULL || a->children->content == NULL)
        return "";
      return (const char *)a->children->content;
    }

  return NULL;
}

/* The next node in document order under root, skipping node's children
 * when asked. */
xmlNode *
clip_extract_next_node (xmlNode  *node,
                        xmlNode  *root,
                        gboolean  skip_children)
{
  if (!skip_children && node->type == XML_ELEMENT_NODE && node->children != NULL)
    return node->children;

  while (node != root && node->next == NULL)
    node = node->parent;

  return node == root ? NULL : node->next;
}

static gboolean
is_blank_text (const char *text)
{
  for (; *text != '\0'; text++)
    {
      if (!g_ascii_isspace (*text))
        return FALSE;
    }

  return TRUE;
}

/* Appends the text of the subtree, as textContent does, up to limit bytes. */
void
clip_extract_append_text (xmlNode *root,
                          GString *out,
                          gsize    limit)
{
  if (root->type == XML_TEXT_NODE || root->type == XML_CDATA_SECTION_NODE)
    {
      if (root->content != NULL)
        g_string_append (out, (const char *)root->content);
      return;
    }

  for (xmlNode *node = root->children; node != NULL && out->len < limit;
       node = clip_extract_next_node (node, root, FALSE))
    {
      if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) &&
          node->content != NULL)
        g_string_append (out, (const char *)node->content);
    }
}

/* Collapses whitespace runs and trims; an empty string when nothing is left. */
char *
clip_extract_normalize_space (const char *text)
{
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

char *
clip_extract_node_text (xmlNode *node,
                        gsize    limit)
{
  g_autoptr(GString) text = g_string_new (NULL);

  clip_extract_append_text (node, text, limit);
  return clip_extract_normalize_space (text->str);
}

char *
clip_extract_dup_clean (const char *text)
{
  char *clean = clip_extract_normalize_space (text);

  if (clean[0] == '\0')
    g_clear_pointer (&clean, g_free);

  return clean;
}

/* Node information, kept in blocks and linked from xmlNode._private. */

static NodeInfo *
info (Grab    *grab,
      xmlNode *node)
{
  NodeInfo *block;

  if (node->_private != NULL)
    return node->_private;

  if (grab->chunks->len == 0 || grab->chunk_used == INFO_CHUNK)
    {
      g_ptr_array_add (grab->chunks, g_new0 (NodeInfo, INFO_CHUNK));
      grab->chunk_used = 0;
    }

  block = g_ptr_array_index (grab->chunks, grab->chunks->len - 1);
  node->_private = &block[grab->chunk_used++];
  return node->_private;
}

void
clip_extract_free_node (xmlNode *node)
{
  xmlUnlinkNode (node);
  xmlFreeNode (node);
}

/* Class and id hints. */

gboolean
clip_extract_contains_any (const char         *haystack,
                           const char * const *needles)
{
  for (guint i = 0; needles[i] != NULL; i++)
    {
      if (strstr (haystack, needles[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* "hid" only as a whole word, as Readability's pattern has it. */
static gboolean
has_word_hid (const char *text)
{
  for (const char *p = strstr (text, "hid"); p != NULL; p = strstr (p + 1, "hid"))
    {
      if ((p == text || p[-1] == ' ') && (p[3] == '\0' || p[3] == ' '))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_negative (const char *text)
{
  static const char * const words[] = {
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer",
    "gdpr", "masthead", "media", "meta", "outbrain", "promo", "related", "scroll",
    "share", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags",
    "widget", NULL,
  };

  return clip_extract_contains_any (text, words) || has_word_hid (text);
}

static gboolean
is_positive (const char *text)
{
  static const char * const words[] = {
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page",
    "pagination", "post", "text", "blog", "story", NULL,
  };

  return clip_extract_contains_any (text, words);
}

static gboolean
is_unlikely (const char *text)
{
  static const char * const words[] = {
    "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community",
    "cover-wrap", "disqus", "extra", "footer", "gdpr", "header", "legends", "menu",
    "related", "remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper",
    "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination",
    "pager", "popup", "yom-remote", NULL,
  };

  return clip_extract_contains_any (text, words);
}

static gboolean
is_maybe_candidate (const char *text)
{
  static const char * const words[] = {
    "and", "article", "body", "column", "content", "main", "mathjax", "shadow", NULL,
  };

  return clip_extract_contains_any (text, words);
}

static char *
lower_attr (const xmlNode *node,
            const char    *name)
{
  const char *value = clip_extract_attr (node, name);

  return value != NULL && value[0] != '\0' ? g_ascii_strdown (value, -1) : NULL;
}

/* "class id", lowercased; NULL when the element has neither. */
char *
clip_extract_match_string (const xmlNode *node)
{
  const char *klass = clip_extract_attr (node, "class");
  const char *id = clip_extract_attr (node, "id");

  if ((klass == NULL || klass[0] == '\0') && (id == NULL || id[0] == '\0'))
    return NULL;

  {
    g_autofree char *both = g_strconcat (klass != NULL ? klass : "", " ", id != NULL ? id : "", NULL);

    return g_ascii_strdown (both, -1);
  }
}

int
clip_extract_class_weight (Grab          *grab,
                           const xmlNode *node)
{
  g_autofree char *klass = NULL;
  g_autofree char *id = NULL;
  int weight = 0;

  if (!(grab->pass & PASS_WEIGHT_CLASSES))
    return 0;

  klass = lower_attr (node, "class");
  id = lower_attr (node, "id");
  if (klass != NULL)
    weight += (is_negative (klass) ? -25 : 0) + (is_positive (klass) ? 25 : 0);
  if (id != NULL)
    weight += (is_negative (id) ? -25 : 0) + (is_positive (id) ? 25 : 0);

  return weight;
}

gboolean
clip_extract_has_ancestor_tag (xmlNode    *node,
                               const char *name,
                               int         max_depth)
{
  int depth = 0;

  for (node = node->parent; node != NULL && node->type == XML_ELEMENT_NODE; node = node->parent)
    {
      if (max_depth > 0 && depth++ >= max_depth)
        return FALSE;
      if (clip_extract_is_tag (node, name))
        return TRUE;
    }

  return FALSE;
}

/* Visibility: inline styles and the hidden attributes. */

static gboolean
style_hides (const char *style)
{
  g_autofree char *compact = g_ascii_strdown (style, -1);
  char *w = compact;

  for (const char *r = compact; *r != '\0'; r++)
    {
      if (!g_ascii_isspace (*r))
        *w++ = *r;
    }
  *w = '\0';

  return strstr (compact, "display:none") != NULL ||
         strstr (compact, "visibility:hidden") != NULL;
}

static gboolean
is_probably_hidden (const xmlNode *node)
{
  const char *style = clip_extract_attr (node, "style");
  const char *aria = clip_extract_attr (node, "aria-hidden");
  const char *klass;

  if (style != NULL && style_hides (style))
    return TRUE;
  if (clip_extract_attr (node, "hidden") != NULL)
    return TRUE;
  if (aria == NULL || strcmp (aria, "true") != 0)
    return FALSE;

  /* Wikimedia's fallback images are aria-hidden but shown. */
  klass = clip_extract_attr (node, "class");
  return klass == NULL || strstr (klass, "fallback-image") == NULL;
}

/* Phrasing content, as Readability defines it. */
static gboolean
is_phrasing (xmlNode *node)
{
  static const char * const names[] = {
    "abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data",
    "datalist", "dfn", "em", "embed", "i", "img", "input", "kbd", "label",
    "mark", "math", "meter", "noscript", "object", "output", "progress", "q",
    "ruby", "samp", "script", "select", "small", "span", "strong", "sub",
    "sup", "textarea", "time", "var", "wbr", NULL,
  };
  static const char * const containers[] = { "a", "del", "ins", NULL };

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    return TRUE;
  if (node->type != XML_ELEMENT_NODE)
    return TRUE;
  if (clip_extract_tag_in (node, names))
    return TRUE;
  if (!clip_extract_tag_in (node, containers))
    return FALSE;

  /* A link holding blocks is not phrasing; its descendants are checked
   * through the flags computed bottom-up. */
  return !(((NodeInfo *)node->_private) != NULL &&
           (((NodeInfo *)node->_private)->flags & NODE_HAS_BLOCK));
}

static gboolean
is_whitespace_node (const xmlNode *node)
{
  return ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) &&
          (node->content == NULL || is_blank_text ((const char *)node->content))) ||
         clip_extract_is_tag (node, "br");
}

/* Skips whitespace text and comments. */
static xmlNode *
next_significant (xmlNode *node)
{
  while (node != NULL && node->type != XML_ELEMENT_NODE &&
         (node->type != XML_TEXT_NODE || node->content == NULL ||
          is_blank_text ((const char *)node->content)))
    node = node->next;

  return node;
}

/* Document preparation. */

static void
remove_non_content (Grab *grab)
{
  static const char * const names[] = {
    "script", "noscript", "style", "template", "link", "meta", NULL,
  };
  xmlNode *node = grab->body;

  while (node != NULL)
    {
      xmlNode *next = clip_extract_next_node (node, grab->body, clip_extract_tag_in (node, names) || node->type == XML_COMMENT_NODE);

      if (clip_extract_tag_in (node, names) || node->type == XML_COMMENT_NODE)
        clip_extract_free_node (node);
      node = next;
    }
}

/* libxml2 does not know the HTML5 void elements embed to keygen and
 * nests what follows them inside them; a browser reads that as their
 * siblings. The others it knows, but it reads <atom:link> as <link>, and
 * a browser's DOM (a capture) has everything after an unclosed
 * <atom:link> inside it: the article, which is dropped with the <link>. */
static void
hoist_void_children (Grab *grab)
{
  static const char * const names[] = {
    "embed", "source", "track", "wbr", "keygen",
    "area", "base", "br", "col", "hr", "img", "input", "link", "meta", "param", NULL,
  };

  for (xmlNode *node = grab->body; node != NULL; node = clip_extract_next_node (node, grab->body, FALSE))
    {
      if (!clip_extract_tag_in (node, names))
        continue;

      while (node->last != NULL)
        {
          xmlNode *child = node->last;

          xmlUnlinkNode (child);
          xmlAddNextSibling (node, child);
        }
    }
}

/* Flags computed bottom-up before the tree changes: whether an element
 * has text, and whether it has block descendants. */
static void
compute_flags (Grab *grab)
{
  static const char * const blocks[] = {
    "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul", NULL,
  };
  xmlNode *node = grab->body->children;

  info (grab, grab->body);
  while (node != NULL)
    {
      if (node->type == XML_ELEMENT_NODE)
        info (grab, node);
      else if (node->type == XML_TEXT_NODE && node->content != NULL &&
               !is_blank_text ((const char *)node->content))
        info (grab, node->parent)->flags |= NODE_HAS_TEXT;

      if (node->type == XML_ELEMENT_NODE && node->children != NULL)
        {
          node = node->children;
          continue;
        }

      while (node->next == NULL && node->parent != grab->body)
        {
          xmlNode *parent = node->parent;
          NodeInfo *child_info = node->type == XML_ELEMENT_NODE ? info (grab, node) : NULL;

          if (child_info != NULL)
            info (grab, parent)->flags |= child_info->flags & NODE_HAS_TEXT;
          if (child_info != NULL && ((child_info->flags & NODE_HAS_BLOCK) || clip_extract_tag_in (node, blocks)))
            info (grab, parent)->flags |= NODE_HAS_BLOCK;
          node = parent;
        }

      if (node->type == XML_ELEMENT_NODE)
        {
          NodeInfo *child_info = info (grab, node);

          info (grab, node->parent)->flags |= child_info->flags & NODE_HAS_TEXT;
          if ((child_info->flags & NODE_HAS_BLOCK) || clip_extract_tag_in (node, blocks))
            info (grab, node->parent)->flags |= NODE_HAS_BLOCK;
        }
      node = node->next;
    }
}

/* Two or more <br> in a row separate paragraphs: they become a <p>
 * holding the phrasing content that follows. */
static void
replace_brs (Grab *grab)
{
  g_autoptr(GPtrArray) brs = g_ptr_array_new ();
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func ((GDestroyNotify)xmlFreeNode);

  for (xmlNode *node = grab->body; node != NULL; node = clip_extract_next_node (node, grab->body, FALSE))
    {
      if (clip_extract_is_tag (node, "br"))
        g_ptr_array_add (brs, node);
    }

  for (guint i = 0; i < brs->len; i++)
    {
      xmlNode *br = g_ptr_array_index (brs, i);
      xmlNode *next;
      xmlNode *p;
      gboolean replaced = FALSE;

      if (br->parent == NULL)
        continue;

      while ((next = next_significant (br->next)) != NULL && clip_extract_is_tag (next, "br"))
        {
          replaced = TRUE;
          /* Unlinked now and freed after the loop, which meets it later
           * and sees it has no parent. */
          xmlUnlinkNode (next);
          g_ptr_array_add (gone, next);
        }

      if (!replaced)
        continue;

      p = xmlNewDocNode (grab->doc, NULL, (const xmlChar *)"p", NULL);
      info (grab, p);
      xmlReplaceNode (br, p);
      xmlFreeNode (br);

      next = p->next;
      while (next != NULL)
        {
          xmlNode *sibling;

          if (clip_extract_is_tag (next, "br"))
            {
              xmlNode *after = next_significant (next->next);

              if (after != NULL && clip_extract_is_tag (after, "br"))
                break;
            }
          if (!is_phrasing (next))
            break;

          sibling = next->next;
          xmlUnlinkNode (next);
          xmlAddChild (p, next);
          next = sibling;
        }

      /* A trailing <br> may still be ahead in brs: it is freed with the
       * others after the loop, not now. */
      while (p->last != NULL && is_whitespace_node (p->last))
        {
          xmlNode *last = p->last;

          xmlUnlinkNode (last);
          if (clip_extract_is_tag (last, "br"))
            g_ptr_array_add (gone, last);
          else
            xmlFreeNode (last);
        }
      if (clip_extract_is_tag (p->parent, "p"))
        xmlNodeSetName (p->parent, (const xmlChar *)"div");
    }
}

/* Text similarity as Readability measures it: the share of b's words
 * that are also in a, by length. */
double
clip_extract_text_similarity (const char *a,
                              const char *b)
{
  g_autofree char *la = g_utf8_strdown (a, -1);
  g_autofree char *lb = g_utf8_strdown (b, -1);
  g_auto(GStrv) ta = g_regex_split_simple ("\\W+", la, 0, 0);
  g_auto(GStrv) tb = g_regex_split_simple ("\\W+", lb, 0, 0);
  gsize total = 0;
  gsize unique = 0;
  guint n_total = 0;
  guint n_unique = 0;

  for (guint i = 0; tb[i] != NULL; i++)
    {
      if (tb[i][0] == '\0')
        continue;
      total += strlen (tb[i]);
      n_total++;
      if (!g_strv_contains ((const char * const *)ta, tb[i]))
        {
          unique += strlen (tb[i]);
          n_unique++;
        }
    }

  if (n_total == 0)
    return 0.0;

  /* Joined with spaces, as the lengths are compared there. */
  return 1.0 - (double)(unique + (n_unique > 0 ? n_unique - 1 : 0)) /
               (double)(total + n_total - 1);
}

static gboolean
header_duplicates_title (Grab    *grab,
                         xmlNode *node)
{
  g_autofree char *heading = NULL;

  if (!clip_extract_is_tag (node, "h1") && !clip_extract_is_tag (node, "h2"))
    return FALSE;
  if (grab->title == NULL)
    return FALSE;

  heading = clip_extract_node_text (node, 4096);
  return clip_extract_text_similarity (grab->title, heading) > 0.75;
}

static gboolean
is_without_content (Grab    *grab,
                    xmlNode *node)
{
  if (info (grab, node)->flags & NODE_HAS_TEXT)
    return FALSE;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE && !clip_extract_is_tag (child, "br") && !clip_extract_is_tag (child, "hr"))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_valid_byline (const char *text)
{
  glong length = g_utf8_strlen (text, -1);

  return length > 0 && length < MAX_BYLINE_LENGTH;
}

static char *
byline_text (xmlNode *node)
{
  xmlNode *end = clip_extract_next_node (node, node, TRUE);

  /* A name marked up inside the byline is cleaner than the whole line. */
  for (xmlNode *next = node->children; next != NULL && next != end;
       next = clip_extract_next_node (next, node, FALSE))
    {
      const char *itemprop;

      if (next->type != XML_ELEMENT_NODE)
        continue;
      itemprop = clip_extract_attr (next, "itemprop");
      if (itemprop != NULL && strstr (itemprop, "name") != NULL)
        return clip_extract_node_text (next, 1024);
    }

  return clip_extract_node_text (node, 1024);
}

static gboolean
check_byline (Grab       *grab,
              xmlNode    *node,
              const char *match)
{
  static const char * const words[] = {
    "byline", "author", "dateline", "writtenby", "p-author", NULL,
  };
  const char *rel = clip_extract_attr (node, "rel");
  const char *itemprop = clip_extract_attr (node, "itemprop");
  g_autofree char *text = NULL;

  if (*grab->byline != NULL)
    return FALSE;

  if (g_strcmp0 (rel, "author") != 0 &&
      (itemprop == NULL || strstr (itemprop, "author") == NULL) &&
      (match == NULL || !clip_extract_contains_any (match, words)))
    return FALSE;

  text = clip_extract_node_text (node, 1024);
  if (!is_valid_byline (text))
    return FALSE;

  *grab->byline = byline_text (node);
  return TRUE;
}

static gboolean
has_unlikely_role (const xmlNode *node)
{
  static const char * const roles[] = {
    "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", NULL,
  };
  const char *role = clip_extract_attr (node, "role");

  return role != NULL && g_strv_contains (roles, role);
}

/* Wraps runs of phrasing content of a div in paragraphs. */
static void
wrap_phrasing (Grab    *grab,
               xmlNode *div)
{
  xmlNode *p = NULL;
  xmlNode *child = div->children;

  while (child != NULL)
    {
      xmlNode *next = child->next;

      if (is_phrasing (child))
        {
          if (p != NULL)
            {
              xmlUnlinkNode (child);
              xmlAddChild (p, child);
            }
          else if (!is_whitespace_node (child) && child->type != XML_COMMENT_NODE)
            {
              p = xmlNewDocNode (grab->doc, NULL, (const xmlChar *)"p", NULL);
              info (grab, p)->flags |= NODE_HAS_TEXT;
              xmlReplaceNode (child, p);
              xmlAddChild (p, child);
              info (grab, div)->flags |= NODE_HAS_BLOCK;
            }
        }
      else if (p != NULL)
        {
          while (p->last != NULL && is_whitespace_node (p->last))
            clip_extract_free_node (p->last);
          p = NULL;
        }

      child = next;
    }

  if (p != NULL)
    {
      while (p->last != NULL && is_whitespace_node (p->last))
        clip_extract_free_node (p->last);
    }
}

static xmlNode *
single_p_child (xmlNode *node)
{
  xmlNode *only = NULL;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE && child->content != NULL &&
          !is_blank_text ((const char *)child->content))
        return NULL;
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (only != NULL || !clip_extract_is_tag (child, "p"))
        return NULL;
      only = child;
    }

  return only;
}

/* Link density of a small subtree, computed directly. */
static double
direct_link_density (xmlNode *root)
{
  gsize total = 0;
  gsize links = 0;

  for (xmlNode *node = root->children; node != NULL; node = clip_extract_next_node (node, root, FALSE))
    {
      gsize length;

      if (node->type != XML_TEXT_NODE || node->content == NULL)
        continue;

      length = g_utf8_strlen ((const char *)node->content, -1);
      total += length;
      for (xmlNode *up = node->parent; up != root && up != NULL; up = up->parent)
        {
          if (clip_extract_is_tag (up, "a"))
            {
              links += length;
              break;
            }
        }
    }

  return total > 0 ? (double)links / total : 0.0;
}

static const char * const tags_to_score[] = {
  "section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre", NULL,
};

/* Handles one element of the first walk; returns the node to continue
 * with (node itself, or its replacement), or NULL when it was removed. */
static xmlNode *
visit_element (Grab     *grab,
               xmlNode  *node,
               gboolean *remove_title)
{
  static const char * const empty_candidates[] = {
    "div", "section", "header", "h1", "h2", "h3", "h4", "h5", "h6", NULL,
  };
  g_autofree char *match = NULL;
  xmlNode *p;

  if (is_probably_hidden (node) ||
      (g_strcmp0 (clip_extract_attr (node, "aria-modal"), "true") == 0 && g_strcmp0 (clip_extract_attr (node, "role"), "dialog") == 0))
    return NULL;

  match = clip_extract_match_string (node);
  if (check_byline (grab, node, match))
    return NULL;

  if (*remove_title && header_duplicates_title (grab, node))
    {
      *remove_title = FALSE;
      if (grab->title_anchor == NULL)
        grab->title_anchor = node->parent;
      return NULL;
    }

  if (grab->pass & PASS_STRIP_UNLIKELY)
    {
      if (match != NULL && is_unlikely (match) && !is_maybe_candidate (match) &&
          !clip_extract_has_ancestor_tag (node, "table", 3) && !clip_extract_has_ancestor_tag (node, "code", 3) &&
          !clip_extract_is_tag (node, "body") && !clip_extract_is_tag (node, "a"))
        return NULL;
      if (has_unlikely_role (node))
        return NULL;
    }

  if (clip_extract_tag_in (node, empty_candidates) && is_without_content (grab, node))
    return NULL;

  if (clip_extract_tag_in (node, tags_to_score))
    g_ptr_array_add (grab->to_score, node);

  if (!clip_extract_is_tag (node, "div"))
    return node;

  wrap_phrasing (grab, node);
  p = single_p_child (node);
  if (p != NULL && direct_link_density (node) < 0.25)
    {
      xmlUnlinkNode (p);
      xmlReplaceNode (node, p);
      xmlFreeNode (node);
      g_ptr_array_add (grab->to_score, p);
      return p;
    }

  if (!(info (grab, node)->flags & NODE_HAS_BLOCK))
    {
      xmlNodeSetName (node, (const xmlChar *)"p");
      g_ptr_array_add (grab->to_score, node);
    }

  return node;
}

static void
first_walk (Grab *grab)
{
  gboolean remove_title = TRUE;
  xmlNode *node = grab->body;

  while (node != NULL)
    {
      xmlNode *kept;
      xmlNode *parent;
      gboolean headline;

      if (node->type != XML_ELEMENT_NODE || node == grab->body)
        {
          node = clip_extract_next_node (node, grab->body, FALSE);
          continue;
        }

      headline = (info (grab, node)->flags & NODE_HEADLINE) != 0;
      parent = node->parent;
      kept = visit_element (grab, node, &remove_title);
      /* The walk visits a parent before its children and removes or
       * replaces only the node it visits: the anchor stays in the tree. */
      if (headline && grab->title_anchor == NULL)
        grab->title_anchor = kept != NULL ? kept : parent;
      if (kept == NULL)
        {
          xmlNode *next = clip_extract_next_node (node, grab->body, TRUE);

          clip_extract_free_node (node);
          node = next;
          continue;
        }

      node = clip_extract_next_node (kept, grab->body, FALSE);
    }
}

/* Subtree statistics, bottom-up. */

static gboolean
is_comma (gunichar c)
{
  return c == 0x002C || c == 0x060C || c == 0xFE50 || c == 0xFE10 || c == 0xFE11 ||
         c == 0x2E41 || c == 0x2E34 || c == 0x2E32 || c == 0xFF0C;
}

/* The length of a text as innerText counts it, whitespace runs as one. */
static void
measure_text (const char *text,
              guint32    *length,
              guint32    *commas)
{
  gboolean space = FALSE;
  guint32 n = 0;
  guint32 c = 0;

  for (const guchar *p = (const guchar *)text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = TRUE;
          continue;
        }
      if ((*p & 0xC0) == 0x80)
        continue;
      if (space && n > 0)
        n++;
      space = FALSE;
      n++;
      if (*p == ',')
        c++;
      else if (*p >= 0xD8 && is_comma (g_utf8_get_char ((const char *)p)))
        c++;
    }

  *length = n;
  *commas = c;
}

static void
reset_stats (NodeInfo *i)
{
  i->link_len = 0;
  i->text_len = 0;
  i->commas = 0;
  i->n_p = i->n_img = i->n_li = i->n_input = i->n_embed = 0;
  i->heading_len = i->list_len = 0;
}

static void
finish_stats (Grab    *grab,
              xmlNode *node,
              xmlNode *root)
{
  NodeInfo *i = info (grab, node);
  NodeInfo *parent;

  if (clip_extract_is_tag (node, "a"))
    {
      const char *href = clip_extract_attr (node, "href");

      /* In-page links weigh less than links away. */
      i->link_len = i->text_len * (href != NULL && href[0] == '#' ? 0.3f : 1.0f);
    }
  else if (clip_extract_is_tag (node, "p"))
    i->n_p++;
  else if (clip_extract_is_tag (node, "img"))
    i->n_img++;
  else if (clip_extract_is_tag (node, "li"))
    i->n_li++;
  else if (clip_extract_is_tag (node, "input"))
    i->n_input++;
  else if (clip_extract_is_tag (node, "object") || clip_extract_is_tag (node, "embed") || clip_extract_is_tag (node, "iframe"))
    i->n_embed++;
  else if (clip_extract_is_tag (node, "ul") || clip_extract_is_tag (node, "ol"))
    i->list_len = i->text_len;
  else if (clip_extract_is_heading (node))
    i->heading_len = i->text_len;

  if (node == root || node->parent == NULL || node->parent->type != XML_ELEMENT_NODE)
    return;

  parent = info (grab, node->parent);
  parent->link_len += i->link_len;
  parent->text_len += i->text_len;
  parent->commas += i->commas;
  parent->n_p += i->n_p;
  parent->n_img += i->n_img;
  parent->n_li += i->n_li;
  parent->n_input += i->n_input;
  parent->n_embed += i->n_embed;
  parent->heading_len += i->heading_len;
  parent->list_len += i->list_len;
}

void
clip_extract_compute_stats (Grab    *grab,
                            xmlNode *root)
{
  xmlNode *node = root;

  reset_stats (info (grab, root));
  node = root->children;
  while (node != NULL)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          reset_stats (info (grab, node));
          if (node->children != NULL)
            {
              node = node->children;
              continue;
            }
          finish_stats (grab, node, root);
        }
      else if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) &&
               node->content != NULL)
        {
          NodeInfo *parent = info (grab, node->parent);
          guint32 length;
          guint32 commas;

          measure_text ((const char *)node->content, &length, &commas);
          parent->text_len += length;
          parent->commas += commas;
        }

      while (node->next == NULL)
        {
          node = node->parent;
          if (node == root)
            break;
          finish_stats (grab, node, root);
        }
      if (node == root)
        break;
      node = node->next;
    }

  finish_stats (grab, root, root);
}

double
clip_extract_link_density (Grab    *grab,
                           xmlNode *node)
{
  NodeInfo *i = info (grab, node);

  return i->text_len > 0 ? i->link_len / i->text_len : 0.0;
}

/* The helpers the other parts of the extractor share. */

NodeInfo *
clip_extract_node_info (Grab    *grab,
                        xmlNode *node)
{
  return info (grab, node);
}

static void
grab_clear (Grab *grab)
{
  g_clear_pointer (&grab->to_score, g_ptr_array_unref);
  g_clear_pointer (&grab->candidates, g_ptr_array_unref);
  g_clear_pointer (&grab->article, g_ptr_array_unref);
  g_clear_pointer (&grab->chunks, g_ptr_array_unref);
  g_clear_pointer (&grab->dir, g_free);
}

static void
grab_init (Grab       *grab,
           xmlDoc     *doc,
           xmlNode    *body,
           guint       pass,
           const char *title,
           char      **byline)
{
  memset (grab, 0, sizeof *grab);
  grab->doc = doc;
  grab->body = body;
  grab->pass = pass;
  grab->title = title;
  grab->byline = byline;
  grab->chunks = g_ptr_array_new_with_free_func (g_free);
  grab->to_score = g_ptr_array_new ();
  grab->candidates = g_ptr_array_new ();
  grab->article = g_ptr_array_new ();
}

/* Marks the first heading, or element that schema.org calls the
 * headline, whose text is the article's title. Blogs give the post's title an h3 as often
 * as an h1, which the site's name holds. */
static void
mark_headline (Grab *grab)
{
  static const char * const headings[] = { "h1", "h2", "h3", "h4", NULL };

  if (grab->title == NULL || grab->title[0] == '\0')
    return;

  for (xmlNode *node = grab->body; node != NULL; node = clip_extract_next_node (node, grab->body, FALSE))
    {
      g_autofree char *text = NULL;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (!clip_extract_tag_in (node, headings))
        {
          const char *itemprop = clip_extract_attr (node, "itemprop");

          /* Not class names: "title" names every teaser's heading too. */
          if (itemprop == NULL || strstr (itemprop, "headline") == NULL)
            continue;
        }

      text = clip_extract_node_text (node, 1024);
      if (text[0] != '\0' && g_utf8_strlen (text, -1) < 300 &&
          clip_extract_text_similarity (grab->title, text) > 0.75 && clip_extract_text_similarity (text, grab->title) > 0.5)
        {
          info (grab, node)->flags |= NODE_HEADLINE;
          return;
        }
    }
}

/* Runs the search on a freshly parsed document. */
static void
grab_article (Grab     *grab,
              gboolean  whole_page)
{
  hoist_void_children (grab);
  remove_non_content (grab);
  compute_flags (grab);
  replace_brs (grab);

  if (whole_page)
    {
      grab->pass = 0;
      first_walk (grab);
      grab->created_top = TRUE;
      g_ptr_array_add (grab->article, grab->body);
      clip_extract_compute_stats (grab, grab->body);
      grab->untrimmed_length = clip_extract_article_length (grab);
      return;
    }

  mark_headline (grab);
  first_walk (grab);
  clip_extract_compute_stats (grab, grab->body);
  clip_extract_find_article (grab);
  clip_extract_prepare_article (grab);
}

/* Parsing. */

static xmlDoc *
parse_html (const char *text,
            gsize       length)
{
  htmlParserCtxtPtr ctxt = htmlNewParserCtxt ();
  xmlDoc *doc;

  if (ctxt == NULL)
    return NULL;

  doc = htmlCtxtReadMemory (ctxt, text, (int)length, NULL, "UTF-8", PARSE_OPTIONS);
  htmlFreeParserCtxt (ctxt);
  return doc;
}

static xmlNode *
find_body (xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  if (root == NULL)
    return NULL;

  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      if (clip_extract_is_tag (node, "body"))
        return node;
    }

  /* A frameset page or a fragment without a body. */
  return clip_extract_is_tag (root, "html") ? root : NULL;
}

/* The extraction itself. */

typedef struct {
  char *html;
  guint32 length;
  gboolean created_top;
  gboolean by_headline;
  char *dir;
  char **images;
} Attempt;

static void
attempt_clear (Attempt *attempt)
{
  g_free (attempt->html);
  g_free (attempt->dir);
  g_strfreev (attempt->images);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Attempt, attempt_clear)

static void
sanitize_attempt (Attempt    *attempt,
                  Grab       *grab,
                  const char *base_url)
{
  g_autoptr(ClipSanitizer) sanitizer = clip_sanitizer_new (base_url);

  for (guint a = 0; a < grab->article->len; a++)
    clip_sanitizer_add_node (sanitizer, g_ptr_array_index (grab->article, a));

  attempt->images = g_strdupv ((char **)clip_sanitizer_get_image_urls (sanitizer));
  attempt->html = clip_sanitizer_free_to_html (g_steal_pointer (&sanitizer));
  attempt->length = grab->untrimmed_length;
  attempt->created_top = grab->created_top;
  attempt->by_headline = grab->by_headline;
  attempt->dir = g_steal_pointer (&grab->dir);
}

/* Tries with all the heuristics on, then with fewer, as long as the
 * article found is shorter than CHAR_THRESHOLD; keeps the
 * first unless a looser pass finds several times its text. */
static gboolean
run_attempts (Attempt          *best,
              const char       *text,
              gsize             length,
              xmlDoc           *first_doc,
              const char       *title,
              const char       *base_url,
              ClipExtractFlags  flags,
              char            **content_byline)
{
  static const guint passes[] = {
    PASS_ALL,
    PASS_ALL & ~PASS_STRIP_UNLIKELY,
    PASS_ALL & ~PASS_STRIP_UNLIKELY & ~PASS_WEIGHT_CLASSES,
    0,
  };
  gboolean whole_page = (flags & CLIP_EXTRACT_FLAGS_WHOLE_PAGE) != 0;

  for (guint n = 0; n < G_N_ELEMENTS (passes); n++)
    {
      xmlDoc *doc = n == 0 ? first_doc : parse_html (text, length);
      xmlNode *body = doc != NULL ? find_body (doc) : NULL;
      Attempt attempt = { NULL, };
      Grab grab;

      if (body == NULL)
        {
          if (doc != NULL && doc != first_doc)
            xmlFreeDoc (doc);
          break;
        }

      grab_init (&grab, doc, body, passes[n], title, content_byline);
      grab_article (&grab, whole_page);
      sanitize_attempt (&attempt, &grab, base_url);
      grab_clear (&grab);
      if (doc != first_doc)
        xmlFreeDoc (doc);

      /* A looser pass adds sidebars as often as it finds what a stricter
       * one missed: it wins only with several times the text. */
      if (best->html == NULL || attempt.length > best->length * LOOSER_PASS_FACTOR)
        {
          attempt_clear (best);
          *best = attempt;
        }
      else
        attempt_clear (&attempt);

      /* A short text beside the headline is a short article, not a
       * search that failed: the looser passes would only add a sidebar. */
      if (whole_page || best->length >= CHAR_THRESHOLD ||
          (best->by_headline && best->length >= MIN_HEADLINE_ARTICLE))
        break;
    }

  return best->html != NULL && best->html[0] != '\0';
}

static char *
absolute_http_url (const char *url,
                   const char *base)
{
  static const char * const schemes[] = { "http", "https", NULL };

  return clip_sanitize_url (url, base, schemes);
}

static void
fill_info (ClipExtractInfo *info_out,
           Attempt         *attempt,
           PageMeta        *page,
           JsonMeta        *json,
           const char      *encoding,
           const char      *base)
{
  const char *image;

  if (info_out == NULL)
    return;

  image = clip_extract_first_of (clip_extract_meta_value (page, "og:image"), clip_extract_meta_value (page, "twitter:image"), json->image, NULL);
  info_out->article_found = !attempt->created_top;
  info_out->encoding = g_strdup (encoding);
  info_out->lead_image_url = absolute_http_url (image, base);
  if (info_out->lead_image_url == NULL && attempt->images != NULL && attempt->images[0] != NULL)
    info_out->lead_image_url = g_strdup (attempt->images[0]);
  info_out->canonical_url = absolute_http_url (page->canonical != NULL ? page->canonical : clip_extract_meta_value (page, "og:url"), base);
  info_out->image_urls = g_steal_pointer (&attempt->images);
}

static ClipArticle *
build_article (Attempt    *attempt,
               PageMeta   *page,
               JsonMeta   *json,
               const char *content_byline,
               const char *canonical,
               const char *base_url)
{
  ClipArticle *article = clip_article_new ();

  clip_article_set_content_html (article, attempt->html);
  clip_extract_apply_meta (article, page, json, content_byline);
  if (clip_article_get_excerpt (article) == NULL)
    {
      g_autofree char *excerpt = clip_extract_first_paragraph (attempt->html);

      clip_extract_set_unescaped (article, clip_article_set_excerpt, excerpt);
    }
  if (attempt->dir != NULL)
    clip_article_set_dir (article, attempt->dir);
  else if (page->dir != NULL)
    clip_article_set_dir (article, page->dir);
  if (canonical != NULL || base_url != NULL)
    clip_article_set_source_url (article, canonical != NULL ? canonical : base_url);
  clip_article_set_source_kind (article, "html");

  return article;
}

static gboolean
is_blank_data (const char *data,
               gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isspace (data[i]) && data[i] != '\0')
        return FALSE;
    }

  return TRUE;
}

/* NUL bytes would end the parser's input early. */
static char *
replace_nuls (const char *data,
              gsize       length)
{
  char *copy;

  if (memchr (data, '\0', length) == NULL)
    return NULL;

  copy = g_memdup2 (data, length);
  for (gsize i = 0; i < length; i++)
    {
      if (copy[i] == '\0')
        copy[i] = ' ';
    }

  return copy;
}

static gboolean
check_input (const char  *data,
             gsize        length,
             GError     **error)
{
  if (length > CLIP_EXTRACT_MAX_SIZE)
    {
      g_set_error_literal (error, CLIP_EXTRACT_ERROR, CLIP_EXTRACT_ERROR_TOO_LARGE,
                           _("The page is too large to be read."));
      return FALSE;
    }

  if (length == 0 || is_blank_data (data, length))
    {
      g_set_error_literal (error, CLIP_EXTRACT_ERROR, CLIP_EXTRACT_ERROR_EMPTY,
                           _("The page is empty."));
      return FALSE;
    }

  return TRUE;
}

static char *
document_base (PageMeta   *page,
               const char *base_url)
{
  static const char * const schemes[] = { "http", "https", "file", NULL };
  char *resolved;

  if (page->base_href == NULL)
    return g_strdup (base_url);

  resolved = clip_sanitize_url (page->base_href, base_url, schemes);
  return resolved != NULL ? resolved : g_strdup (base_url);
}

ClipArticle *
clip_extract_html (const char        *data,
                   gsize              length,
                   const char        *charset,
                   const char        *base_url,
                   ClipExtractFlags   flags,
                   ClipExtractInfo   *info_out,
                   GError           **error)
{
  g_auto(Decoded) decoded = { NULL, };
  g_auto(PageMeta) page = { NULL, };
  g_auto(JsonMeta) json = { NULL, };
  g_auto(Attempt) best = { NULL, };
  g_autofree char *without_nuls = NULL;
  g_autofree char *title = NULL;
  g_autofree char *content_byline = NULL;
  g_autofree char *base = NULL;
  g_autofree char *canonical = NULL;
  ClipArticle *article;
  xmlDoc *doc;
  gboolean found;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (info_out != NULL)
    memset (info_out, 0, sizeof *info_out);

  if (!check_input (data, length, error))
    return NULL;

  /* NUL bytes are replaced after decoding: in UTF-16 every other byte of
   * the page is NUL. */
  clip_extract_decode (&decoded, data, length, charset);
  without_nuls = replace_nuls (decoded.text, decoded.length);
  if (without_nuls != NULL)
    {
      g_free (decoded.owned);
      decoded.owned = g_steal_pointer (&without_nuls);
      decoded.text = decoded.owned;
    }

  doc = parse_html (decoded.text, decoded.length);
  if (doc == NULL)
    {
      g_set_error_literal (error, CLIP_EXTRACT_ERROR, CLIP_EXTRACT_ERROR_PARSE,
                           _("The page cannot be read as HTML."));
      return NULL;
    }

  clip_extract_read_page_meta (&page, doc);
  clip_extract_read_json_ld (&json, &page);
  base = document_base (&page, base_url);
  title = clip_extract_get_article_title (&page);

  found = run_attempts (&best, decoded.text, decoded.length, doc,
                        json.title != NULL ? json.title : title, base, flags, &content_byline);
  xmlFreeDoc (doc);

  if (!found)
    {
      g_set_error_literal (error, CLIP_EXTRACT_ERROR, CLIP_EXTRACT_ERROR_NO_CONTENT,
                           _("No readable text was found in the page."));
      return NULL;
    }

  canonical = absolute_http_url (page.canonical != NULL ? page.canonical : clip_extract_meta_value (&page, "og:url"), base);
  article = build_article (&best, &page, &json, content_byline, canonical, base_url);
  /* Images alone are no article: there is nothing to keep, search or
   * mark (the store refuses it), so it is said here, before a preview. */
  if (clip_article_get_text (article)[0] == '\0')
    {
      g_object_unref (article);
      g_set_error_literal (error, CLIP_EXTRACT_ERROR, CLIP_EXTRACT_ERROR_NO_CONTENT,
                           _("No readable text was found in the page."));
      return NULL;
    }

  fill_info (info_out, &best, &page, &json, decoded.encoding, base);
  return article;
}

void
clip_extract_info_clear (ClipExtractInfo *info_out)
{
  g_return_if_fail (info_out != NULL);

  g_clear_pointer (&info_out->encoding, g_free);
  g_clear_pointer (&info_out->lead_image_url, g_free);
  g_clear_pointer (&info_out->canonical_url, g_free);
  g_clear_pointer (&info_out->image_urls, g_strfreev);
}

/* Files. */

GBytes *
clip_extract_gunzip (GBytes  *compressed,
                     gsize    max_size,
                     GError **error)
{
  g_autoptr(GZlibDecompressor) decompressor = NULL;
  g_autoptr(GByteArray) out = NULL;
  const guchar *in;
  gsize in_left;
  guchar buffer[65536];

  g_return_val_if_fail (compressed != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  out = g_byte_array_new ();
  in = g_bytes_get_data (compressed, &in_left);

  for (;;)
    {
      gsize read = 0;
      gsize written = 0;
      g_autoptr(GError) local_error = NULL;
      GConverterResult result;

      result = g_converter_convert (G_CONVERTER (decompressor), in, in_left, buffer, sizeof buffer,
                                    G_CONVERTER_INPUT_AT_END, &read, &written, &local_error);
      if (result == G_CONVERTER_ERROR)
        {
          g_set_error (error, CLIP_EXTRACT_ERROR, CLIP_EXTRACT_ERROR_READ,
                       _("The compressed file is damaged or incomplete: %s"), local_error->message);
          return NULL;
        }

      in += read;
      in_left -= read;
      g_byte_array_append (out, buffer, written);
      if (out->len > max_size)
        {
          g_set_error_literal (error, CLIP_EXTRACT_ERROR, CLIP_EXTRACT_ERROR_TOO_LARGE,
                               _("The page is too large to be read."));
          return NULL;
        }
      if (result == G_CONVERTER_FINISHED)
        break;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

GBytes *
clip_extract_read_file (GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  const guchar *data;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The cap holds while reading: /dev/zero claims no size and never ends. */
  bytes = clip_file_read_regular (file, CLIP_EXTRACT_MAX_SIZE, cancellable, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        g_set_error_literal (error, CLIP_EXTRACT_ERROR, CLIP_EXTRACT_ERROR_TOO_LARGE,
                             _("The page is too large to be read."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  data = g_bytes_get_data (bytes, &length);
  if (length >= 2 && data[0] == 0x1F && data[1] == 0x8B)
    return clip_extract_gunzip (bytes, CLIP_EXTRACT_MAX_SIZE, error);

  if (length > CLIP_EXTRACT_MAX_SIZE)
    {
      g_set_error_literal (error, CLIP_EXTRACT_ERROR, CLIP_EXTRACT_ERROR_TOO_LARGE,
                           _("The page is too large to be read."));
      return NULL;
    }

  return g_steal_pointer (&bytes);
}
