/* clip-inert-html.c: a page written again from an allowlist, inert by itself
 *
 * The Original view shows a snapshot as the page looked. Removing what is
 * known to be dangerous from libxml2's tree and dumping it is not enough:
 * where libxml2 and an HTML5 parser read markup differently (a <style> in
 * SVG, a comment that HTML5 ends early) the dump can hold live markup that
 * libxml2 never saw as such. So nothing is dumped: the page is written
 * again, element by element, from what is allowed, with every text
 * escaped and every style sheet tokenized, as the reader's sanitizer
 * writes its content, but keeping the page's layout and styles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clip-css.h"
#include "clip-inert-html.h"
#include "clip-sanitize.h"

/* libxml2 nests no deeper than 256 without HTML_PARSE_HUGE; this bounds
 * the recursion whatever the parser does. */
#define MAX_DEPTH 512

typedef struct {
  GString *out;
  const char *base;
  ClipInertUrlFunc resource;
  gpointer user_data;
} Writer;

/* HTML elements written as they are (with allowed attributes). */
static const char * const html_kept[] = {
  "a", "abbr", "acronym", "address", "article", "aside", "b", "bdi", "bdo", "big",
  "blockquote", "body", "br", "button", "caption", "center", "cite", "code", "col",
  "colgroup", "data", "dd", "del", "details", "dfn", "dir", "div", "dl", "dt", "em",
  "fieldset", "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5",
  "h6", "header", "hgroup", "hr", "i", "img", "ins", "kbd", "label", "legend", "li",
  "main", "mark", "menu", "nav", "nobr", "ol", "p", "picture", "pre", "q", "rb", "rp",
  "rt", "rtc", "ruby", "s", "samp", "section", "small", "span", "strike", "strong",
  "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
  "tt", "u", "ul", "var", "wbr",
};

/* Written with neither their content: they run, embed, submit or load. */
static const char * const html_dropped[] = {
  "applet", "area", "audio", "base", "basefont", "bgsound", "canvas", "datalist",
  "dialog", "embed", "frame", "frameset", "iframe", "input", "isindex", "keygen",
  "map", "meter", "noembed", "noframes", "noscript", "object", "optgroup",
  "option", "output", "param", "plaintext", "portal", "progress", "script", "select",
  "slot", "source", "template", "textarea", "track", "video", "xmp",
};

static const char * const html_void[] = {
  "br", "col", "hr", "img", "link", "meta", "wbr",
};

/* A browser gives these no children; what libxml2 put in one (the rest
 * of a page inside an <atom:link>, which it reads as <link>; the content
 * after an <embed> or <source>, which it does not know are void) is
 * written after it, where a browser shows it. */
static const char * const void_elements[] = {
  "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img",
  "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
};

/* Attributes that hold text or layout and nothing that loads or runs. */
static const char * const html_attributes[] = {
  "abbr", "align", "alt", "axis", "bgcolor", "border", "cellpadding", "cellspacing",
  "char", "charoff", "class", "clear", "color", "cols", "colspan", "compact",
  "datetime", "dir", "disabled", "face", "frame", "headers", "height", "hidden",
  "hspace", "id", "label", "lang", "media", "nowrap", "open", "reversed", "role",
  "rows", "rowspan", "rules", "scope", "size", "span", "start", "summary", "title",
  "translate", "type", "valign", "value", "vspace", "width",
};

static const char * const svg_elements[] = {
  "a", "circle", "clippath", "defs", "desc", "ellipse", "feblend", "fecolormatrix",
  "fecomponenttransfer", "fecomposite", "feconvolvematrix", "fediffuselighting",
  "fedisplacementmap", "fedistantlight", "fedropshadow", "feflood", "fefunca",
  "fefuncb", "fefuncg", "fefuncr", "fegaussianblur", "femerge", "femergenode",
  "femorphology", "feoffset", "fepointlight", "fespecularlighting", "fespotlight",
  "fetile", "feturbulence", "filter", "g", "line", "lineargradient", "marker", "mask",
  "metadata", "path", "pattern", "polygon", "polyline", "radialgradient", "rect",
  "stop", "style", "svg", "switch", "symbol", "text", "textpath", "title", "tspan", "use",
  "view",
};

static const char * const svg_attributes[] = {
  "amplitude", "azimuth", "basefrequency", "bias", "class", "clip", "clip-path",
  "clip-rule", "clippathunits", "color", "color-interpolation",
  "color-interpolation-filters", "cx", "cy", "d", "diffuseconstant", "direction",
  "display", "divisor", "dominant-baseline", "dx", "dy", "edgemode", "elevation",
  "exponent", "fill", "fill-opacity", "fill-rule", "filter", "filterunits",
  "flood-color", "flood-opacity", "focusable", "font-family", "font-size",
  "font-style", "font-weight", "fr", "fx", "fy", "gradienttransform", "gradientunits",
  "height", "id", "in", "in2", "intercept", "k", "k1", "k2", "k3", "k4",
  "kernelmatrix", "kernelunitlength", "lang", "lengthadjust", "letter-spacing",
  "lighting-color", "limitingconeangle", "marker-end", "marker-mid", "marker-start",
  "markerheight", "markerunits", "markerwidth", "mask", "maskcontentunits",
  "maskunits", "mode", "numoctaves", "offset", "opacity", "operator", "order",
  "orient", "overflow", "paint-order", "pathlength", "patterncontentunits",
  "patterntransform", "patternunits", "points", "pointsatx", "pointsaty",
  "pointsatz", "preservealpha", "preserveaspectratio", "primitiveunits", "r",
  "radius", "refx", "refy", "result", "role", "rotate", "rx", "ry", "scale", "seed",
  "shape-rendering", "slope", "spacing", "specularconstant", "specularexponent",
  "spreadmethod", "startoffset", "stddeviation", "stitchtiles", "stop-color",
  "stop-opacity", "stroke", "stroke-dasharray", "stroke-dashoffset",
  "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-opacity",
  "stroke-width", "surfacescale", "tablevalues", "targetx", "targety", "text-anchor",
  "text-decoration", "textlength", "transform", "type", "values", "vector-effect",
  "version", "viewbox", "visibility", "width", "word-spacing", "writing-mode", "x",
  "x1", "x2", "xchannelselector", "xml:space", "xmlns", "y", "y1", "y2",
  "ychannelselector", "z",
};

static GHashTable *
make_set (const char * const *names,
          gsize               n_names)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (gsize i = 0; i < n_names; i++)
    g_hash_table_add (set, (gpointer)names[i]);
  return set;
}

typedef struct {
  GHashTable *html_kept;
  GHashTable *html_dropped;
  GHashTable *html_void;
  GHashTable *void_elements;
  GHashTable *html_attributes;
  GHashTable *svg_elements;
  GHashTable *svg_attributes;
} Sets;

static const Sets *
sets (void)
{
  static Sets all;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      all.html_kept = make_set (html_kept, G_N_ELEMENTS (html_kept));
      all.html_dropped = make_set (html_dropped, G_N_ELEMENTS (html_dropped));
      all.html_void = make_set (html_void, G_N_ELEMENTS (html_void));
      all.void_elements = make_set (void_elements, G_N_ELEMENTS (void_elements));
      all.html_attributes = make_set (html_attributes, G_N_ELEMENTS (html_attributes));
      all.svg_elements = make_set (svg_elements, G_N_ELEMENTS (svg_elements));
      all.svg_attributes = make_set (svg_attributes, G_N_ELEMENTS (svg_attributes));
      g_once_init_leave (&initialized, 1);
    }

  return &all;
}

static gboolean
in_set (GHashTable *set,
        const char *name)
{
  return g_hash_table_contains (set, name);
}

static void
append_escaped (GString    *out,
                const char *text,
                gboolean    attribute)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"':
          if (attribute)
            g_string_append (out, "&quot;");
          else
            g_string_append_c (out, '"');
          break;
        default: g_string_append_c (out, *p);
        }
    }
}

/* A name that every parser reads as one: lower-case letters, digits and
 * a few marks. */
static gboolean
is_plain_name (const char *name)
{
  if (name == NULL || !g_ascii_islower (name[0]))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-' && *p != '_' && *p != ':' && *p != '.')
      return FALSE;
  return TRUE;
}

/* A custom element (a hyphen in its name) has no behaviour without the
 * page's scripts: it is kept for the page's styles. */
static gboolean
is_custom_element (const char *name)
{
  return is_plain_name (name) && strchr (name, '-') != NULL && strchr (name, ':') == NULL;
}

static void
append_attribute (GString    *out,
                  const char *name,
                  const char *value)
{
  g_string_append_printf (out, " %s=\"", name);
  append_escaped (out, value, TRUE);
  g_string_append_c (out, '"');
}

static char *
text_of (xmlNode *node)
{
  GString *text = g_string_new (NULL);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) && child->content != NULL)
      g_string_append (text, (const char *)child->content);

  return g_string_free (text, FALSE);
}

static char *
get_attribute (xmlNode    *node,
               const char *name)
{
  return (char *)xmlGetProp (node, (const xmlChar *)name);
}

/* Addresses */

static char *
css_url_cb (const char *url,
            gpointer    user_data)
{
  Writer *writer = user_data;
  g_autofree char *absolute = NULL;

  /* A reference inside the page (an SVG gradient, a filter) stays. */
  if (url[0] == '#')
    return g_strdup (url);

  absolute = writer->base != NULL ? g_uri_resolve_relative (writer->base, url, G_URI_FLAGS_NONE, NULL)
                                  : g_strdup (url);
  return absolute != NULL ? writer->resource (absolute, writer->user_data) : NULL;
}

static char *
resource_address (Writer     *writer,
                  const char *url)
{
  g_autofree char *stripped = NULL;

  if (url == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (url));
  if (stripped[0] == '\0' || stripped[0] == '#')
    return NULL;
  return css_url_cb (stripped, writer);
}

static void
append_style_attribute (Writer     *writer,
                        const char *css)
{
  g_autofree char *rewritten = clip_css_rewrite (css, css_url_cb, writer);

  append_attribute (writer->out, "style", rewritten);
}

/* A link that can be followed is one to the web or to mail, opened in the
 * reader's browser; one inside the page is kept as it is. */
static char *
link_address (Writer     *writer,
              const char *href)
{
  static const char * const schemes[] = { "http", "https", "mailto", NULL };
  g_autofree char *stripped = g_strstrip (g_strdup (href));

  if (stripped[0] == '#')
    return g_steal_pointer (&stripped);
  return clip_sanitize_url (stripped, writer->base, schemes);
}

/* HTML */

static void write_children (Writer  *writer,
                            xmlNode *node,
                            guint    depth);

static gboolean
is_data_attribute (const char *name)
{
  return g_str_has_prefix (name, "data-") || g_str_has_prefix (name, "aria-");
}

static void
write_html_attributes (Writer     *writer,
                       xmlNode    *node,
                       const char *name)
{
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      const char *attribute = (const char *)attr->name;
      g_autofree char *value = NULL;

      if (!is_plain_name (attribute))
        continue;
      value = get_attribute (node, attribute);
      if (value == NULL)
        continue;

      if (g_str_equal (attribute, "style"))
        append_style_attribute (writer, value);
      else if (g_str_equal (attribute, "href") && g_str_equal (name, "a"))
        {
          g_autofree char *link = link_address (writer, value);
          if (link != NULL)
            append_attribute (writer->out, "href", link);
        }
      else if ((g_str_equal (attribute, "src") && g_str_equal (name, "img")) ||
               g_str_equal (attribute, "background"))
        {
          g_autofree char *local = resource_address (writer, value);
          if (local != NULL)
            append_attribute (writer->out, attribute, local);
        }
      else if (in_set (sets ()->html_attributes, attribute) || is_data_attribute (attribute))
        append_attribute (writer->out, attribute, value);
    }
}

static void
write_style_element (Writer  *writer,
                     xmlNode *node)
{
  g_autofree char *css = text_of (node);
  g_autofree char *rewritten = clip_css_rewrite (css, css_url_cb, writer);
  g_autofree char *media = get_attribute (node, "media");

  g_string_append (writer->out, "<style");
  if (media != NULL)
    append_attribute (writer->out, "media", media);
  /* The tokenizer writes no "<": the raw text cannot end early. */
  g_string_append_printf (writer->out, ">%s</style>", rewritten);
}

static gboolean
is_style_sheet_link (xmlNode *node)
{
  g_autofree char *rel = get_attribute (node, "rel");
  g_auto(GStrv) words = NULL;
  gboolean sheet = FALSE;

  if (rel == NULL)
    return FALSE;
  words = g_strsplit_set (rel, " \t\n\r\f", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (words[i], "alternate") == 0)
        return FALSE;
      if (g_ascii_strcasecmp (words[i], "stylesheet") == 0)
        sheet = TRUE;
    }
  return sheet;
}

static void
write_link_element (Writer  *writer,
                    xmlNode *node)
{
  g_autofree char *href = get_attribute (node, "href");
  g_autofree char *media = get_attribute (node, "media");
  g_autofree char *local = NULL;

  if (!is_style_sheet_link (node))
    return;
  local = resource_address (writer, href);
  if (local == NULL)
    return;

  g_string_append (writer->out, "<link rel=\"stylesheet\"");
  append_attribute (writer->out, "href", local);
  if (media != NULL)
    append_attribute (writer->out, "media", media);
  g_string_append_c (writer->out, '>');
}

static void
write_meta_element (Writer  *writer,
                    xmlNode *node)
{
  g_autofree char *name = get_attribute (node, "name");
  g_autofree char *content = get_attribute (node, "content");

  /* Only the viewport changes how the page is laid out. */
  if (name == NULL || content == NULL || g_ascii_strcasecmp (name, "viewport") != 0)
    return;
  g_string_append (writer->out, "<meta name=\"viewport\"");
  append_attribute (writer->out, "content", content);
  g_string_append_c (writer->out, '>');
}

static void
write_svg (Writer  *writer,
           xmlNode *node,
           guint    depth);

static void
write_html_element_itself (Writer  *writer,
                           xmlNode *node,
                           guint    depth)
{
  const char *name = (const char *)node->name;
  const char *written = name;
  gboolean pre;

  if (g_str_equal (name, "svg"))
    {
      write_svg (writer, node, depth);
      return;
    }
  if (g_str_equal (name, "math"))
    {
      g_autofree char *math = clip_sanitize_mathml_to_string (node);
      g_string_append (writer->out, math);
      return;
    }
  if (g_str_equal (name, "style"))
    {
      write_style_element (writer, node);
      return;
    }
  if (g_str_equal (name, "link"))
    {
      write_link_element (writer, node);
      return;
    }
  if (g_str_equal (name, "meta"))
    {
      write_meta_element (writer, node);
      return;
    }
  if (in_set (sets ()->html_dropped, name) || g_str_equal (name, "title") ||
      g_str_equal (name, "head") || g_str_equal (name, "html"))
    return;

  /* A form without its inputs submits nothing; as a block it keeps its
   * place on the page. */
  if (g_str_equal (name, "form"))
    written = "div";
  else if (!in_set (sets ()->html_kept, name) && !is_custom_element (name))
    {
      write_children (writer, node, depth + 1);
      return;
    }

  g_string_append_printf (writer->out, "<%s", written);
  write_html_attributes (writer, node, name);
  g_string_append_c (writer->out, '>');
  if (in_set (sets ()->void_elements, written))
    return;

  /* A parser drops a newline right after <pre>: one more keeps the text. */
  pre = g_str_equal (written, "pre");
  if (pre && node->children != NULL && node->children->type == XML_TEXT_NODE &&
      node->children->content != NULL && node->children->content[0] == '\n')
    g_string_append_c (writer->out, '\n');

  write_children (writer, node, depth + 1);
  g_string_append_printf (writer->out, "</%s>", written);
}

static void
write_html_element (Writer  *writer,
                    xmlNode *node,
                    guint    depth)
{
  write_html_element_itself (writer, node, depth);
  if (in_set (sets ()->void_elements, (const char *)node->name))
    write_children (writer, node, depth + 1);
}

/* SVG */

/* Paint and clip attributes may only point inside the page. */
static gboolean
is_safe_svg_value (const char *value)
{
  g_autofree char *lower = g_ascii_strdown (value, -1);
  const char *url = strstr (lower, "url(");

  while (url != NULL)
    {
      const char *p = url + 4;

      while (*p == ' ' || *p == '"' || *p == '\'')
        p++;
      if (*p != '#')
        return FALSE;
      url = strstr (p, "url(");
    }

  /* Escapes could hide a url( from the search above. */
  return strchr (value, '\\') == NULL;
}

static void
write_svg_attributes (Writer  *writer,
                      xmlNode *node)
{
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      const char *attribute = (const char *)attr->name;
      g_autofree char *value = NULL;

      if (!is_plain_name (attribute))
        continue;
      value = get_attribute (node, attribute);
      if (value == NULL)
        continue;

      if (g_str_equal (attribute, "style"))
        append_style_attribute (writer, value);
      else if (g_str_equal (attribute, "href") || g_str_equal (attribute, "xlink:href"))
        {
          g_autofree char *stripped = g_strstrip (g_strdup (value));
          /* use, textPath and gradients may refer to the page itself. */
          if (stripped[0] == '#')
            append_attribute (writer->out, "href", stripped);
        }
      else if ((in_set (sets ()->svg_attributes, attribute) || is_data_attribute (attribute)) &&
               is_safe_svg_value (value))
        append_attribute (writer->out, attribute, value);
    }
}

static void
write_svg_node (Writer  *writer,
                xmlNode *node,
                guint    depth)
{
  const char *name = (const char *)node->name;

  if (depth > MAX_DEPTH)
    return;

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      if (node->content != NULL)
        append_escaped (writer->out, (const char *)node->content, FALSE);
      return;
    }
  if (node->type != XML_ELEMENT_NODE || !in_set (sets ()->svg_elements, name))
    return;

  if (g_str_equal (name, "style"))
    {
      write_style_element (writer, node);
      return;
    }

  g_string_append_printf (writer->out, "<%s", name);
  write_svg_attributes (writer, node);
  g_string_append_c (writer->out, '>');
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    write_svg_node (writer, child, depth + 1);
  g_string_append_printf (writer->out, "</%s>", name);
}

static void
write_svg (Writer  *writer,
           xmlNode *node,
           guint    depth)
{
  write_svg_node (writer, node, depth);
}

/* The tree */

static void
write_node (Writer  *writer,
            xmlNode *node,
            guint    depth)
{
  if (depth > MAX_DEPTH)
    return;

  switch (node->type)
    {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
      if (node->content != NULL)
        append_escaped (writer->out, (const char *)node->content, FALSE);
      break;
    case XML_ELEMENT_NODE:
      write_html_element (writer, node, depth);
      break;
    case XML_COMMENT_NODE:
    case XML_PI_NODE:
    default:
      /* Comments are where libxml2 and HTML5 disagree most: none is kept. */
      break;
    }
}

static void
write_children (Writer  *writer,
                xmlNode *node,
                guint    depth)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    write_node (writer, child, depth);
}

static xmlNode *
find_child (xmlNode    *parent,
            const char *name)
{
  for (xmlNode *child = parent != NULL ? parent->children : NULL; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *)child->name, name) == 0)
      return child;
  return NULL;
}

static void
write_head (Writer     *writer,
            xmlNode    *head,
            const char *csp)
{
  xmlNode *title = find_child (head, "title");

  g_string_append (writer->out, "<head><meta charset=\"utf-8\">");
  if (csp != NULL)
    {
      g_string_append (writer->out, "<meta http-equiv=\"Content-Security-Policy\"");
      append_attribute (writer->out, "content", csp);
      g_string_append_c (writer->out, '>');
    }
  if (title != NULL)
    {
      g_autofree char *text = text_of (title);
      g_string_append (writer->out, "<title>");
      append_escaped (writer->out, text, FALSE);
      g_string_append (writer->out, "</title>");
    }
  for (xmlNode *child = head != NULL ? head->children : NULL; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      write_node (writer, child, 1);
  g_string_append (writer->out, "</head>");
}

/* The doctype as written, when it is one that only picks a rendering
 * mode; none keeps the page in quirks mode, as it was. */
static void
write_doctype (Writer *writer,
               xmlDoc *doc)
{
  xmlDtd *dtd = xmlGetIntSubset (doc);
  const char *public_id;

  if (dtd == NULL)
    return;
  public_id = (const char *)dtd->ExternalID;
  if (public_id == NULL || public_id[0] == '\0')
    {
      g_string_append (writer->out, "<!DOCTYPE html>");
      return;
    }

  for (const char *p = public_id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr (" -/.:/", *p) == NULL)
      {
        g_string_append (writer->out, "<!DOCTYPE html>");
        return;
      }
  g_string_append_printf (writer->out, "<!DOCTYPE html PUBLIC \"%s\">", public_id);
}

char *
clip_inert_html_write (xmlDoc           *doc,
                       const char       *base_url,
                       const char       *csp,
                       ClipInertUrlFunc  resource,
                       gpointer          user_data)
{
  xmlNode *root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  xmlNode *head = find_child (root, "head");
  xmlNode *body = find_child (root, "body");
  xmlNode *base = find_child (head, "base");
  g_autofree char *base_href = base != NULL ? get_attribute (base, "href") : NULL;
  g_autofree char *effective_base = NULL;
  Writer writer = { g_string_new (NULL), base_url, resource, user_data };
  g_autofree char *lang = root != NULL ? get_attribute (root, "lang") : NULL;
  g_autofree char *dir = root != NULL ? get_attribute (root, "dir") : NULL;

  g_return_val_if_fail (resource != NULL, NULL);

  /* Resources were saved under the addresses <base> made of them. */
  if (base_href != NULL)
    effective_base = base_url != NULL ? g_uri_resolve_relative (base_url, base_href, G_URI_FLAGS_NONE, NULL)
                                      : g_strdup (base_href);
  if (effective_base != NULL && (g_str_has_prefix (effective_base, "http://") ||
                                 g_str_has_prefix (effective_base, "https://")))
    writer.base = effective_base;

  if (doc != NULL)
    write_doctype (&writer, doc);
  g_string_append (writer.out, "<html");
  if (lang != NULL)
    append_attribute (writer.out, "lang", lang);
  if (dir != NULL)
    append_attribute (writer.out, "dir", dir);
  g_string_append_c (writer.out, '>');
  write_head (&writer, head, csp);

  g_string_append (writer.out, "<body");
  if (body != NULL)
    write_html_attributes (&writer, body, "body");
  g_string_append_c (writer.out, '>');
  for (xmlNode *child = root != NULL ? root->children : NULL; child != NULL; child = child->next)
    {
      if (child == head)
        continue;
      if (child == body)
        write_children (&writer, body, 1);
      else
        write_node (&writer, child, 1);
    }
  g_string_append (writer.out, "</body></html>\n");

  return g_string_free (writer.out, FALSE);
}
