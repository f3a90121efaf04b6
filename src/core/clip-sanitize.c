/* clip-sanitize.c: re-emit article content from an allowlist
 *
 * The sanitizer never copies markup: it walks a parsed tree and writes a
 * new fragment, element by element, from a fixed list of tags and
 * attributes. Elements are opened lazily, when their first content
 * arrives, so that empty elements are never written and each block
 * separator lands between blocks rather than inside them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>

#include "clip-sanitize.h"

#define SEPARATOR "\n\n"
/* More line breaks in a row than this carry no meaning for a reader. */
#define MAX_PENDING_BREAKS 2
#define MAX_SPAN 1000

typedef enum {
  ACTION_UNWRAP,  /* not written; its content is */
  ACTION_DROP,    /* neither it nor its content is written */
  ACTION_KEEP,    /* written, with its allowed attributes */
} Action;

typedef enum {
  FLOW_INLINE,   /* phrasing content */
  FLOW_BLOCK,    /* starts and ends a block of the text */
} Flow;

typedef struct {
  const char *name;
  const char *out;   /* the tag written, or NULL */
  Action action;
  Flow flow;
} Rule;

/* Sorted by name for bsearch. Elements not listed are unwrapped inline.
 * libxml2 does not know that embed, source, track and wbr are void, and
 * puts the content that follows them inside them; they are unwrapped so
 * that this content is kept, as a browser keeps it. */
static const Rule rules[] = {
  { "a", "a", ACTION_KEEP, FLOW_INLINE },
  { "abbr", "abbr", ACTION_KEEP, FLOW_INLINE },
  { "address", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "applet", NULL, ACTION_DROP, FLOW_INLINE },
  { "area", NULL, ACTION_DROP, FLOW_INLINE },
  { "article", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "aside", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "audio", NULL, ACTION_DROP, FLOW_INLINE },
  { "b", "b", ACTION_KEEP, FLOW_INLINE },
  { "base", NULL, ACTION_DROP, FLOW_INLINE },
  { "blockquote", "blockquote", ACTION_KEEP, FLOW_BLOCK },
  { "body", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "br", "br", ACTION_KEEP, FLOW_INLINE },
  { "button", NULL, ACTION_DROP, FLOW_INLINE },
  { "canvas", NULL, ACTION_DROP, FLOW_INLINE },
  { "caption", "caption", ACTION_KEEP, FLOW_BLOCK },
  { "center", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "cite", "cite", ACTION_KEEP, FLOW_INLINE },
  { "code", "code", ACTION_KEEP, FLOW_INLINE },
  { "datalist", NULL, ACTION_DROP, FLOW_INLINE },
  { "dd", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "details", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "dialog", NULL, ACTION_DROP, FLOW_BLOCK },
  { "dir", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "div", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "dl", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "dt", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "em", "em", ACTION_KEEP, FLOW_INLINE },
  { "embed", NULL, ACTION_UNWRAP, FLOW_INLINE }, /* void; see below */
  { "fieldset", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "figcaption", "figcaption", ACTION_KEEP, FLOW_BLOCK },
  { "figure", "figure", ACTION_KEEP, FLOW_BLOCK },
  { "footer", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "form", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "frame", NULL, ACTION_DROP, FLOW_INLINE },
  { "frameset", NULL, ACTION_DROP, FLOW_INLINE },
  { "h1", "h2", ACTION_KEEP, FLOW_BLOCK },
  { "h2", "h2", ACTION_KEEP, FLOW_BLOCK },
  { "h3", "h3", ACTION_KEEP, FLOW_BLOCK },
  { "h4", "h4", ACTION_KEEP, FLOW_BLOCK },
  { "h5", "h5", ACTION_KEEP, FLOW_BLOCK },
  { "h6", "h6", ACTION_KEEP, FLOW_BLOCK },
  { "head", NULL, ACTION_DROP, FLOW_BLOCK },
  { "header", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "hgroup", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "hr", "hr", ACTION_KEEP, FLOW_BLOCK },
  { "html", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "i", "i", ACTION_KEEP, FLOW_INLINE },
  { "iframe", NULL, ACTION_DROP, FLOW_INLINE },
  { "img", "img", ACTION_KEEP, FLOW_INLINE },
  { "input", NULL, ACTION_DROP, FLOW_INLINE },
  { "kbd", "kbd", ACTION_KEEP, FLOW_INLINE },
  { "legend", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "li", "li", ACTION_KEEP, FLOW_BLOCK },
  { "link", NULL, ACTION_DROP, FLOW_INLINE },
  { "main", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "map", NULL, ACTION_DROP, FLOW_INLINE },
  { "mark", "mark", ACTION_KEEP, FLOW_INLINE },
  { "math", "math", ACTION_KEEP, FLOW_INLINE },
  { "menu", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "meta", NULL, ACTION_DROP, FLOW_INLINE },
  { "meter", NULL, ACTION_DROP, FLOW_INLINE },
  { "nav", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "noembed", NULL, ACTION_DROP, FLOW_INLINE },
  { "noframes", NULL, ACTION_DROP, FLOW_INLINE },
  { "noscript", NULL, ACTION_DROP, FLOW_INLINE },
  { "object", NULL, ACTION_DROP, FLOW_INLINE },
  { "ol", "ol", ACTION_KEEP, FLOW_BLOCK },
  { "optgroup", NULL, ACTION_DROP, FLOW_INLINE },
  { "option", NULL, ACTION_DROP, FLOW_INLINE },
  { "output", NULL, ACTION_DROP, FLOW_INLINE },
  { "p", "p", ACTION_KEEP, FLOW_BLOCK },
  { "param", NULL, ACTION_DROP, FLOW_INLINE },
  { "picture", NULL, ACTION_UNWRAP, FLOW_INLINE },
  { "portal", NULL, ACTION_DROP, FLOW_INLINE },
  { "pre", "pre", ACTION_KEEP, FLOW_BLOCK },
  { "progress", NULL, ACTION_DROP, FLOW_INLINE },
  { "q", "q", ACTION_KEEP, FLOW_INLINE },
  { "rp", NULL, ACTION_DROP, FLOW_INLINE },
  { "s", "s", ACTION_KEEP, FLOW_INLINE },
  { "script", NULL, ACTION_DROP, FLOW_INLINE },
  { "section", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "select", NULL, ACTION_DROP, FLOW_INLINE },
  { "slot", NULL, ACTION_DROP, FLOW_INLINE },
  { "small", "small", ACTION_KEEP, FLOW_INLINE },
  { "source", NULL, ACTION_UNWRAP, FLOW_INLINE }, /* void; see below */
  { "strike", "s", ACTION_KEEP, FLOW_INLINE },
  { "strong", "strong", ACTION_KEEP, FLOW_INLINE },
  { "style", NULL, ACTION_DROP, FLOW_INLINE },
  { "sub", "sub", ACTION_KEEP, FLOW_INLINE },
  { "summary", NULL, ACTION_UNWRAP, FLOW_BLOCK },
  { "sup", "sup", ACTION_KEEP, FLOW_INLINE },
  { "svg", NULL, ACTION_DROP, FLOW_INLINE },
  { "table", "table", ACTION_KEEP, FLOW_BLOCK },
  { "tbody", "tbody", ACTION_KEEP, FLOW_BLOCK },
  { "td", "td", ACTION_KEEP, FLOW_BLOCK },
  { "template", NULL, ACTION_DROP, FLOW_INLINE },
  { "textarea", NULL, ACTION_DROP, FLOW_INLINE },
  { "tfoot", "tfoot", ACTION_KEEP, FLOW_BLOCK },
  { "th", "th", ACTION_KEEP, FLOW_BLOCK },
  { "thead", "thead", ACTION_KEEP, FLOW_BLOCK },
  { "time", "time", ACTION_KEEP, FLOW_INLINE },
  { "title", NULL, ACTION_DROP, FLOW_INLINE },
  { "tr", "tr", ACTION_KEEP, FLOW_BLOCK },
  { "track", NULL, ACTION_UNWRAP, FLOW_INLINE }, /* void; see below */
  { "tt", "code", ACTION_KEEP, FLOW_INLINE },
  { "u", "u", ACTION_KEEP, FLOW_INLINE },
  { "ul", "ul", ACTION_KEEP, FLOW_BLOCK },
  { "video", NULL, ACTION_DROP, FLOW_INLINE },
  { "xmp", NULL, ACTION_DROP, FLOW_INLINE },
};

static const Rule unknown_rule = { NULL, NULL, ACTION_UNWRAP, FLOW_INLINE };

typedef struct {
  const char *tag;   /* static string */
  char *attrs;       /* " name=\"value\"..." or NULL */
  gboolean written;
  gboolean implicit; /* a paragraph around loose text at the top */
} OutFrame;

typedef struct {
  xmlNode *node;
  gboolean pushed;   /* pushed an OutFrame */
  gboolean block;    /* a block boundary on leaving */
  gboolean pre;      /* entered a kept pre */
  gboolean math;     /* entered a kept math */
} SourceFrame;

struct _ClipSanitizer
{
  GString *html;
  GUri *base;
  GArray *out;            /* OutFrame */
  GArray *source;         /* SourceFrame, during add_node */
  GPtrArray *images;      /* absolute URLs, NULL-terminated */
  ClipSanitizeImageFunc image_func;
  gpointer image_data;

  gboolean any_text;      /* text written at all */
  gboolean block_text;    /* text written since the last block boundary */
  gboolean pending_sep;   /* a block boundary after text */
  gboolean pending_space;
  guint pending_breaks;
  guint pre_depth;
  gboolean pre_text;      /* text written in the current pre */
  GString *pre_space;     /* trailing whitespace held back in a pre */
  gboolean last_hr;
  guint math_depth;       /* inside a kept <math> */
  gboolean math_text;     /* text written in the current MathML element */
  gboolean math_space;    /* a space owed inside it */
};

static const char * const link_schemes[] = { "http", "https", "mailto", NULL };
static const char * const image_schemes[] = { "http", "https", NULL };

static int
compare_rule (const void *key,
              const void *member)
{
  return strcmp (key, ((const Rule *)member)->name);
}

static const Rule *
find_rule (const xmlNode *node)
{
  const Rule *rule = bsearch (node->name, rules, G_N_ELEMENTS (rules),
                              sizeof (Rule), compare_rule);

  return rule != NULL ? rule : &unknown_rule;
}

ClipSanitizer *
clip_sanitizer_new (const char *base_url)
{
  ClipSanitizer *self = g_new0 (ClipSanitizer, 1);

  self->html = g_string_sized_new (4096);
  self->out = g_array_new (FALSE, TRUE, sizeof (OutFrame));
  self->source = g_array_new (FALSE, TRUE, sizeof (SourceFrame));
  self->images = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->images, NULL);
  self->pre_space = g_string_new (NULL);
  if (base_url != NULL)
    self->base = g_uri_parse (base_url, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED, NULL);

  return self;
}

void
clip_sanitizer_set_image_func (ClipSanitizer         *self,
                               ClipSanitizeImageFunc  func,
                               gpointer               user_data)
{
  g_return_if_fail (self != NULL);

  self->image_func = func;
  self->image_data = user_data;
}

void
clip_sanitizer_free (ClipSanitizer *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->out->len; i++)
    g_free (g_array_index (self->out, OutFrame, i).attrs);
  g_array_unref (self->out);
  g_array_unref (self->source);
  g_ptr_array_unref (self->images);
  g_string_free (self->pre_space, TRUE);
  g_string_free (self->html, TRUE);
  g_clear_pointer (&self->base, g_uri_unref);
  g_free (self);
}

static void
append_escaped (GString    *out,
                const char *text,
                gsize       length,
                gboolean    attribute)
{
  const char *end = text + length;
  const char *run = text;

  for (const char *p = text; p < end; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = attribute ? "&quot;" : NULL; break;
        default: entity = NULL; break;
        }

      if (entity == NULL)
        continue;

      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }

  g_string_append_len (out, run, end - run);
}

static void
append_attribute (GString    *attrs,
                  const char *name,
                  const char *value)
{
  g_string_append_printf (attrs, " %s=\"", name);
  append_escaped (attrs, value, strlen (value), TRUE);
  g_string_append_c (attrs, '"');
}

/* Browsers ignore tabs and newlines anywhere in a URL and spaces at its
 * ends; "java\nscript:" must not slip through as a relative path. */
static char *
clean_url (const char *url)
{
  char *cleaned = g_strstrip (g_strdup (url));
  char *w = cleaned;

  for (const char *r = cleaned; *r != '\0'; r++)
    {
      if (*r != '\t' && *r != '\n' && *r != '\r')
        *w++ = *r;
    }
  *w = '\0';

  return cleaned;
}

static char *
resolve_against (GUri               *base,
                 const char         *url,
                 const char * const *schemes)
{
  const GUriFlags flags = G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED;
  g_autofree char *cleaned = NULL;
  g_autoptr(GUri) resolved = NULL;

  if (url == NULL)
    return NULL;

  cleaned = clean_url (url);
  if (cleaned[0] == '\0')
    return NULL;

  if (base != NULL)
    resolved = g_uri_parse_relative (base, cleaned, flags, NULL);
  else
    resolved = g_uri_parse (cleaned, flags, NULL);

  if (resolved == NULL || !g_strv_contains (schemes, g_uri_get_scheme (resolved)))
    return NULL;
  /* "https:/&/x" parses, but as a web address with no host it leads
   * nowhere (and prints as no URL a reader would recognise). */
  if ((g_str_equal (g_uri_get_scheme (resolved), "http") || g_str_equal (g_uri_get_scheme (resolved), "https")) &&
      (g_uri_get_host (resolved) == NULL || g_uri_get_host (resolved)[0] == '\0'))
    return NULL;
  /* A host with a relative path is no URI (GLib refuses to print one). */
  if (g_uri_get_host (resolved) != NULL && g_uri_get_path (resolved)[0] != '\0' &&
      g_uri_get_path (resolved)[0] != '/')
    return NULL;

  return g_uri_to_string (resolved);
}

char *
clip_sanitize_url (const char         *url,
                   const char         *base_url,
                   const char * const *schemes)
{
  g_autoptr(GUri) base = NULL;

  g_return_val_if_fail (schemes != NULL, NULL);

  if (base_url != NULL)
    base = g_uri_parse (base_url, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED, NULL);

  return resolve_against (base, url, schemes);
}

static char *
resolve_url (ClipSanitizer      *self,
             const char         *url,
             const char * const *schemes)
{
  return resolve_against (self->base, url, schemes);
}

static char *
get_attribute (xmlNode    *node,
               const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *)name);
  char *copy = value != NULL ? g_strdup ((const char *)value) : NULL;

  xmlFree (value);
  return copy;
}

static OutFrame *
top_frame (ClipSanitizer *self)
{
  return self->out->len > 0 ? &g_array_index (self->out, OutFrame, self->out->len - 1) : NULL;
}

static const char *
top_tag (ClipSanitizer *self)
{
  OutFrame *frame = top_frame (self);

  return frame != NULL ? frame->tag : NULL;
}

static gboolean
tag_is_one_of (const char         *tag,
               const char * const *names)
{
  return tag != NULL && g_strv_contains (names, tag);
}

/* Inside these, text would be moved out of the table by a browser. */
static gboolean
in_table_structure (ClipSanitizer *self)
{
  static const char * const names[] = { "table", "thead", "tbody", "tfoot", "tr", NULL };

  return tag_is_one_of (top_tag (self), names);
}

static const char * const phrasing_parents[] = {
  "p", "h2", "h3", "h4", "h5", "h6", "pre", "caption",
  "a", "abbr", "b", "cite", "code", "em", "i", "kbd", "mark", "q", "s",
  "small", "strong", "sub", "sup", "time", "u", NULL,
};

static const char * const block_containers[] = {
  "blockquote", "li", "td", "th", "figure", "figcaption", "ul", "ol", NULL,
};

static gboolean
is_paragraph_frame (OutFrame *frame)
{
  return frame->implicit || g_str_equal (frame->tag, "p");
}

static gboolean
is_phrasing_frame (OutFrame *frame)
{
  return frame->implicit || tag_is_one_of (frame->tag, phrasing_parents);
}

/* Inside these, only phrasing content is written. */
static gboolean
in_phrasing (ClipSanitizer *self)
{
  OutFrame *frame = top_frame (self);

  return frame != NULL && is_phrasing_frame (frame);
}

static void
write_open (ClipSanitizer *self,
            OutFrame      *frame)
{
  g_string_append_c (self->html, '<');
  g_string_append (self->html, frame->tag);
  if (frame->attrs != NULL)
    g_string_append (self->html, frame->attrs);
  g_string_append_c (self->html, '>');
  frame->written = TRUE;
  if (g_str_equal (frame->tag, "pre"))
    self->pre_text = FALSE;
}

/* Whether the frames from index start to the top are all phrasing
 * (a block among them, such as a <figcaption>, is a paragraph itself). */
static gboolean
only_phrasing_from (ClipSanitizer *self,
                    guint          start)
{
  for (guint i = start; i < self->out->len; i++)
    {
      OutFrame *frame = &g_array_index (self->out, OutFrame, i);

      /* Math is phrasing too, but holds no HTML text of its own. */
      if (!is_phrasing_frame (frame) && !clip_sanitize_is_mathml_element (frame->tag))
        return FALSE;
    }
  return TRUE;
}

/* Writes the block separator owed before new text. */
static void
write_separator (ClipSanitizer *self)
{
  guint keep = self->out->len;

  if (!self->pending_sep || !self->any_text)
    {
      self->pending_sep = FALSE;
      return;
    }

  /* A block unwrapped inside a paragraph (or a link, …) ends the
   * phrasing around it, as a browser ends an open <p>: those elements
   * are closed here and opened again for the text after, so that the
   * separator stands between blocks. Inside one it would be collapsed
   * to a space when the output is sanitized again. */
  while (keep > 0)
    {
      OutFrame *frame = &g_array_index (self->out, OutFrame, keep - 1);

      /* Elements not written yet (a <math> just entered) open after it. */
      if (frame->written && (!is_phrasing_frame (frame) || g_str_equal (frame->tag, "pre")))
        break;
      keep--;
    }
  for (guint i = self->out->len; i > keep; i--)
    {
      OutFrame *frame = &g_array_index (self->out, OutFrame, i - 1);

      if (frame->written)
        g_string_append_printf (self->html, "</%s>", frame->tag);
      frame->written = FALSE;
    }
  g_string_append (self->html, SEPARATOR);
  self->pending_sep = FALSE;

  /* Text after a separator inside a list item, a cell, a quote or a
   * figure goes in a paragraph: loose, its separator would be collapsed
   * to a space when the output is sanitized again. */
  if (keep > 0 && g_array_index (self->out, OutFrame, keep - 1).written &&
      tag_is_one_of (g_array_index (self->out, OutFrame, keep - 1).tag, block_containers) &&
      (keep == self->out->len || !is_paragraph_frame (&g_array_index (self->out, OutFrame, keep))) &&
      only_phrasing_from (self, keep))
    {
      OutFrame implicit = { "p", NULL, FALSE, TRUE };

      g_array_insert_val (self->out, keep, implicit);
    }
}

/* Opens the elements not yet written, and a paragraph around loose text. */
static void
open_frames (ClipSanitizer *self)
{
  if (self->out->len == 0)
    {
      OutFrame implicit = { "p", NULL, FALSE, TRUE };

      g_array_append_val (self->out, implicit);
    }

  for (guint i = 0; i < self->out->len; i++)
    {
      OutFrame *frame = &g_array_index (self->out, OutFrame, i);

      if (!frame->written)
        write_open (self, frame);
    }
}

static void
open_pending (ClipSanitizer *self,
              gboolean       text)
{
  if (text)
    write_separator (self);
  open_frames (self);
}

static void
close_frame (ClipSanitizer *self)
{
  OutFrame *frame = top_frame (self);

  if (frame->written)
    g_string_append_printf (self->html, "</%s>", frame->tag);
  g_free (frame->attrs);
  g_array_set_size (self->out, self->out->len - 1);
}

static void
block_boundary (ClipSanitizer *self)
{
  if (self->block_text)
    self->pending_sep = TRUE;
  self->block_text = FALSE;
  self->pending_space = FALSE;
  self->pending_breaks = 0;

  if (self->out->len > 0 && top_frame (self)->implicit)
    close_frame (self);
}

/* Writes a run of visible text, with what is pending before it. */
static void
write_run (ClipSanitizer *self,
           const char    *run,
           gsize          length)
{
  if (in_table_structure (self))
    return;

  /* Spaces and breaks go before elements opened for this text, where a
   * browser renders them anyway. */
  write_separator (self);
  if (self->pending_breaks > 0)
    {
      for (guint i = 0; i < self->pending_breaks; i++)
        g_string_append (self->html, "<br>\n");
    }
  else if (self->pending_space)
    {
      g_string_append_c (self->html, ' ');
    }
  open_frames (self);

  self->pending_breaks = 0;
  self->pending_space = FALSE;
  append_escaped (self->html, run, length, FALSE);
  self->any_text = TRUE;
  self->block_text = TRUE;
  self->last_hr = FALSE;
}

static gboolean
is_collapsible (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Whitespace runs become one space, and none at the ends of a block. */
static void
add_text (ClipSanitizer *self,
          const char    *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *start;

      if (is_collapsible (*p))
        {
          while (is_collapsible (*p))
            p++;
          self->pending_space = self->block_text;
          continue;
        }

      start = p;
      while (*p != '\0' && !is_collapsible (*p))
        p++;
      write_run (self, start, p - start);
    }
}

static gsize
trailing_space_start (const char *text,
                      gsize       length)
{
  while (length > 0 && is_collapsible (text[length - 1]))
    length--;

  return length;
}

/* Preformatted text keeps its whitespace, except blank lines at its
 * start (browsers drop a newline right after <pre> and libxml2 does not,
 * so none is written there) and whitespace at its end, held back until
 * more text follows. */
static void
add_pre_text (ClipSanitizer *self,
              const char    *text)
{
  gsize length = strlen (text);
  gsize body_end;

  if (!self->pre_text && self->pre_space->len == 0)
    {
      const char *p = text;
      const char *line = text;

      while (is_collapsible (*p))
        {
          if (*p == '\n')
            line = p + 1;
          p++;
        }
      if (*p == '\0')
        return;
      length -= line - text;
      text = line;
    }

  body_end = trailing_space_start (text, length);
  if (body_end > 0)
    {
      g_autofree char *held = g_string_free (g_steal_pointer (&self->pre_space), FALSE);
      gboolean started = self->pre_text;

      self->pre_space = g_string_new (NULL);
      if (in_table_structure (self))
        return;
      open_pending (self, TRUE);
      if (started)
        append_escaped (self->html, held, strlen (held), FALSE);
      append_escaped (self->html, text, body_end, FALSE);
      self->pre_text = TRUE;
      self->any_text = TRUE;
      self->block_text = TRUE;
      self->last_hr = FALSE;
    }

  if (self->pre_text)
    g_string_append_len (self->pre_space, text + body_end, length - body_end);
}

static void
add_break (ClipSanitizer *self)
{
  if (self->pre_depth > 0)
    {
      if (self->pre_text)
        g_string_append_c (self->pre_space, '\n');
      return;
    }

  /* Breaks at the start of a block would only add blank lines. */
  if (self->block_text && self->pending_breaks < MAX_PENDING_BREAKS)
    self->pending_breaks++;
  self->pending_space = FALSE;
}

static const char *
image_source (xmlNode *node)
{
  static const char * const names[] = {
    "src", "data-src", "data-original", "data-lazy-src", "data-url", NULL,
  };

  for (guint i = 0; names[i] != NULL; i++)
    {
      xmlAttr *attr = xmlHasProp (node, (const xmlChar *)names[i]);
      const char *value;

      if (attr == NULL || attr->children == NULL || attr->children->content == NULL)
        continue;

      value = (const char *)attr->children->content;
      /* A data: placeholder usually stands in for a lazily loaded image. */
      if (value[0] != '\0' && !g_str_has_prefix (value, "data:"))
        return value;
    }

  return NULL;
}

static void
add_image (ClipSanitizer *self,
           xmlNode       *node)
{
  g_autofree char *url = resolve_url (self, image_source (node), image_schemes);
  g_autofree char *alt = NULL;
  g_autofree char *replacement = NULL;
  g_autoptr(GString) attrs = NULL;

  if (url == NULL || in_table_structure (self))
    return;

  replacement = self->image_func != NULL ? self->image_func (url, self->image_data) : NULL;
  attrs = g_string_new (NULL);
  append_attribute (attrs, "src", replacement != NULL ? replacement : url);
  alt = get_attribute (node, "alt");
  if (alt != NULL)
    append_attribute (attrs, "alt", g_strstrip (alt));

  open_pending (self, FALSE);
  if (self->pending_space)
    g_string_append_c (self->html, ' ');
  self->pending_space = FALSE;
  g_string_append_printf (self->html, "<img%s>", attrs->str);
  self->last_hr = FALSE;

  g_ptr_array_insert (self->images, self->images->len - 1, g_steal_pointer (&url));
}

static void
add_rule (ClipSanitizer *self)
{
  if (in_phrasing (self) || in_table_structure (self) || !self->any_text || self->last_hr)
    return;

  block_boundary (self);
  if (self->out->len > 0)
    open_pending (self, FALSE);
  g_string_append (self->html, "<hr>");
  self->last_hr = TRUE;
}

static gboolean
parse_span (const char *value,
            guint64    *span)
{
  return value != NULL && g_ascii_string_to_unsigned (g_strstrip ((char *)value), 10, 1, MAX_SPAN, span, NULL);
}

static char *
cell_attributes (xmlNode *node)
{
  static const char * const names[] = { "colspan", "rowspan", NULL };
  GString *attrs = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *value = get_attribute (node, names[i]);
      guint64 span;

      if (parse_span (value, &span) && span > 1)
        g_string_append_printf (attrs, " %s=\"%u\"", names[i], (guint)span);
    }

  return g_string_free (attrs, attrs->len == 0);
}

/* MathML (presentation markup): written as it is inside a kept <math>,
 * with these attributes, none of which can load or run anything. Not
 * kept: mglyph (it loads an image), maction (it reacts to clicks) and
 * every other element, which is unwrapped; annotations (TeX source, or
 * HTML of their own) are dropped. */
static const char * const mathml_elements[] = {
  "menclose", "merror", "mfenced", "mfrac", "mi", "mlabeledtr", "mmultiscripts",
  "mn", "mo", "mover", "mpadded", "mphantom", "mprescripts", "mroot", "mrow", "ms",
  "mspace", "msqrt", "mstyle", "msub", "msubsup", "msup", "mtable", "mtd", "mtext",
  "mtr", "munder", "munderover", "none", NULL,
};
static const char * const mathml_dropped[] = { "annotation", "annotation-xml", NULL };
static const char * const mathml_attributes[] = {
  "accent", "accentunder", "columnalign", "columnspan", "columnspacing", "depth", "dir",
  "displaystyle", "fence", "form", "height", "largeop", "linethickness", "lspace",
  "mathvariant", "maxsize", "minsize", "movablelimits", "notation", "rowalign",
  "rowspacing", "rowspan", "rspace", "scriptlevel", "separator", "stretchy",
  "symmetric", "voffset", "width", NULL,
};
#define MAX_MATH_ATTRIBUTE 64

gboolean
clip_sanitize_is_mathml_element (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);
  return g_str_equal (name, "math") || g_strv_contains (mathml_elements, name);
}

static gboolean
is_mathml_attribute (const char *element,
                     const char *name)
{
  return g_strv_contains (mathml_attributes, name) ||
         (g_str_equal (element, "math") && (g_str_equal (name, "display") || g_str_equal (name, "dir")));
}

/* Layout values are words, numbers and lengths ("bold", "-0.5em",
 * "left center", "updiagonalstrike box"): nothing that reads as a URL
 * or as markup in any format an export writes the math to. */
static gboolean
is_layout_value (const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr (" .%+-", *p) == NULL)
      return FALSE;
  return TRUE;
}

char *
clip_sanitize_mathml_attributes (xmlNode *node)
{
  GString *attrs = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      const char *name = (const char *)attr->name;
      g_autofree char *value = NULL;

      if (!is_mathml_attribute ((const char *)node->name, name))
        continue;
      value = get_attribute (node, name);
      if (value == NULL || strlen (value) > MAX_MATH_ATTRIBUTE || !is_layout_value (value))
        continue;
      append_attribute (attrs, name, g_strstrip (value));
    }

  return g_string_free (attrs, attrs->len == 0);
}

/* A MathML element with its allowed attributes and its content; any
 * other element, its content only. */
static void
append_mathml (GString *out,
               xmlNode *node,
               guint    depth)
{
  const char *name = (const char *)node->name;
  gboolean kept = clip_sanitize_is_mathml_element (name);

  if (kept)
    {
      g_autofree char *attrs = clip_sanitize_mathml_attributes (node);

      g_string_append_printf (out, "<%s%s>", name, attrs != NULL ? attrs : "");
    }

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE && child->content != NULL)
        append_escaped (out, (const char *)child->content, strlen ((const char *)child->content), FALSE);
      else if (child->type == XML_ELEMENT_NODE && depth < 256)
        append_mathml (out, child, depth + 1);
    }

  if (kept)
    g_string_append_printf (out, "</%s>", name);
}

char *
clip_sanitize_mathml_to_string (xmlNode *math)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (math != NULL, NULL);

  append_mathml (out, math, 0);
  return g_string_free (out, FALSE);
}

/* The static name of a kept MathML element, or NULL. */
static const char *
mathml_tag (const char *name)
{
  for (guint i = 0; mathml_elements[i] != NULL; i++)
    if (g_str_equal (name, mathml_elements[i]))
      return mathml_elements[i];
  return NULL;
}

/* The attributes a kept element is written with; FALSE when the element
 * cannot be kept as it is (a link to nowhere, or to a script). */
static gboolean
element_attributes (ClipSanitizer  *self,
                    xmlNode        *node,
                    const char     *tag,
                    char          **attrs)
{
  *attrs = NULL;

  if (g_str_equal (tag, "a"))
    {
      g_autofree char *href = get_attribute (node, "href");
      g_autofree char *url = resolve_url (self, href, link_schemes);
      GString *out;

      if (url == NULL)
        return FALSE;
      out = g_string_new (NULL);
      append_attribute (out, "href", url);
      *attrs = g_string_free (out, FALSE);
    }
  else if (g_str_equal (tag, "td") || g_str_equal (tag, "th"))
    {
      *attrs = cell_attributes (node);
    }
  else if (g_str_equal (tag, "math"))
    {
      *attrs = clip_sanitize_mathml_attributes (node);
    }
  else if (g_str_equal (tag, "time") || g_str_equal (tag, "abbr"))
    {
      const char *name = g_str_equal (tag, "time") ? "datetime" : "title";
      g_autofree char *value = get_attribute (node, name);

      if (value != NULL)
        {
          GString *out = g_string_new (NULL);

          append_attribute (out, name, g_strstrip (value));
          *attrs = g_string_free (out, FALSE);
        }
    }

  return TRUE;
}

/* Whether a kept element fits where it would be written; where it does
 * not, it is unwrapped, so that a browser builds the same tree. */
static gboolean
fits_context (ClipSanitizer *self,
              const char    *tag,
              Flow           flow)
{
  static const char * const lists[] = { "ul", "ol", NULL };
  static const char * const row_groups[] = { "table", "thead", "tbody", "tfoot", NULL };
  static const char * const table_parts[] = { "thead", "tbody", "tfoot", "caption", NULL };
  const char *parent = top_tag (self);
  gboolean phrasing = in_phrasing (self);

  if (g_str_equal (tag, "li"))
    return tag_is_one_of (parent, lists);
  /* Right inside a list only items are kept as blocks: libxml2 reads a
   * list, a <pre> and other blocks there as the end of the list. */
  if (flow == FLOW_BLOCK && tag_is_one_of (parent, lists))
    return FALSE;
  if (g_str_equal (tag, "tr"))
    return tag_is_one_of (parent, row_groups);
  if (g_str_equal (tag, "td") || g_str_equal (tag, "th"))
    return g_strcmp0 (parent, "tr") == 0;
  if (tag_is_one_of (tag, table_parts))
    return g_strcmp0 (parent, "table") == 0;
  if (in_table_structure (self))
    return FALSE;
  if (g_str_equal (tag, "a"))
    {
      for (guint i = 0; i < self->out->len; i++)
        {
          if (g_str_equal (g_array_index (self->out, OutFrame, i).tag, "a"))
            return FALSE;
        }
    }

  return flow == FLOW_INLINE || !phrasing;
}

static void
push_frame (ClipSanitizer *self,
            const char    *tag,
            char          *attrs,
            gboolean       block)
{
  OutFrame frame = { tag, attrs, FALSE, FALSE };

  /* Loose text before a block ends its paragraph; an inline element at
   * the top starts one, as loose text does, or the text after it would
   * open a paragraph of its own with no separator before it (and the
   * output, sanitized again, would not be the same). */
  if (block && self->out->len > 0 && top_frame (self)->implicit)
    close_frame (self);
  if (!block && self->out->len == 0)
    {
      OutFrame implicit = { "p", NULL, FALSE, TRUE };

      g_array_append_val (self->out, implicit);
    }
  g_array_append_val (self->out, frame);
}

/* Text of a MathML token: no space between tokens (the layout spaces
 * them), one space for a run of whitespace inside one. */
static void
add_math_text (ClipSanitizer *self,
               const char    *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *start;
      g_autoptr(GString) run = NULL;

      if (is_collapsible (*p))
        {
          while (is_collapsible (*p))
            p++;
          self->math_space = self->math_text;
          continue;
        }

      start = p;
      while (*p != '\0' && !is_collapsible (*p))
        p++;
      run = g_string_new (self->math_space ? " " : "");
      g_string_append_len (run, start, p - start);
      write_run (self, run->str, run->len);
      self->math_text = TRUE;
      self->math_space = FALSE;
    }
}

/* An element inside a kept <math>; returns whether to visit its children. */
static gboolean
enter_math_element (ClipSanitizer *self,
                    xmlNode       *node,
                    SourceFrame   *frame)
{
  const char *tag = mathml_tag ((const char *)node->name);

  if (g_strv_contains (mathml_dropped, (const char *)node->name) ||
      find_rule (node)->action == ACTION_DROP)
    return FALSE;

  if (tag != NULL)
    {
      push_frame (self, tag, clip_sanitize_mathml_attributes (node), FALSE);
      frame->pushed = TRUE;
      self->math_text = FALSE;
      self->math_space = FALSE;
    }
  return TRUE;
}

/* Handles an element on the way in; returns whether to visit its
 * children. */
static gboolean
enter_element (ClipSanitizer *self,
               xmlNode       *node,
               SourceFrame   *frame)
{
  const Rule *rule = find_rule (node);
  char *attrs = NULL;
  gboolean keep;

  if (self->math_depth > 0)
    return enter_math_element (self, node, frame);

  if (rule->action == ACTION_DROP)
    return FALSE;

  if (g_str_equal (node->name, "br"))
    {
      add_break (self);
      return FALSE;
    }
  if (g_str_equal (node->name, "img"))
    {
      add_image (self, node);
      return FALSE;
    }
  if (g_str_equal (node->name, "hr"))
    {
      add_rule (self);
      return FALSE;
    }

  keep = rule->action == ACTION_KEEP &&
         fits_context (self, rule->out, rule->flow) &&
         element_attributes (self, node, rule->out, &attrs);

  frame->block = rule->flow == FLOW_BLOCK;
  if (frame->block && self->pre_depth == 0)
    block_boundary (self);

  if (keep)
    {
      push_frame (self, rule->out, attrs, rule->flow == FLOW_BLOCK);
      frame->pushed = TRUE;
      frame->pre = g_str_equal (rule->out, "pre");
      frame->math = g_str_equal (rule->out, "math");
      if (frame->math)
        self->math_depth++;
      if (frame->pre)
        {
          self->pre_depth++;
          self->pre_text = FALSE;
          g_string_truncate (self->pre_space, 0);
        }
    }

  return TRUE;
}

static void
leave_element (ClipSanitizer *self,
               SourceFrame   *frame)
{
  if (frame->pushed)
    {
      /* A paragraph opened inside it for loose text ends with it. */
      while (self->out->len > 1 && top_frame (self)->implicit)
        close_frame (self);
      close_frame (self);
      /* Text after an element starts afresh: no space owed in MathML. */
      self->math_text = FALSE;
      self->math_space = FALSE;
    }

  if (frame->math)
    self->math_depth--;

  if (frame->pre)
    {
      self->pre_depth--;
      g_string_truncate (self->pre_space, 0);
    }

  if (frame->block && self->pre_depth == 0)
    block_boundary (self);
}

/* Returns whether node has children to visit. */
static gboolean
enter_node (ClipSanitizer *self,
            xmlNode       *node)
{
  SourceFrame frame = { node, FALSE, FALSE, FALSE, FALSE };
  gboolean descend;

  switch (node->type)
    {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
      if (node->content == NULL)
        return FALSE;
      if (self->pre_depth > 0)
        add_pre_text (self, (const char *)node->content);
      else if (self->math_depth > 0)
        add_math_text (self, (const char *)node->content);
      else
        add_text (self, (const char *)node->content);
      return FALSE;

    case XML_ELEMENT_NODE:
      descend = enter_element (self, node, &frame);
      if (descend && node->children == NULL)
        {
          leave_element (self, &frame);
          return FALSE;
        }
      if (descend)
        g_array_append_val (self->source, frame);
      return descend;

    default:
      return FALSE;
    }
}

static void
leave_node (ClipSanitizer *self)
{
  SourceFrame frame = g_array_index (self->source, SourceFrame, self->source->len - 1);

  g_array_set_size (self->source, self->source->len - 1);
  leave_element (self, &frame);
}

void
clip_sanitizer_add_node (ClipSanitizer *self,
                         xmlNode       *root)
{
  xmlNode *node = root;

  g_return_if_fail (self != NULL);
  g_return_if_fail (root != NULL);

  /* An iterative walk: the tree may be deeper than the stack allows. */
  if (!enter_node (self, node))
    return;

  node = node->children;
  while (node != NULL)
    {
      if (enter_node (self, node))
        {
          node = node->children;
          continue;
        }

      while (node->next == NULL)
        {
          node = node->parent;
          leave_node (self);
          if (node == root)
            return;
        }
      node = node->next;
    }
}

const char * const *
clip_sanitizer_get_image_urls (ClipSanitizer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *)self->images->pdata;
}

gboolean
clip_sanitizer_has_text (ClipSanitizer *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->any_text;
}

char *
clip_sanitizer_free_to_html (ClipSanitizer *self)
{
  char *html;

  g_return_val_if_fail (self != NULL, NULL);

  while (self->out->len > 0)
    close_frame (self);
  html = g_string_free (g_steal_pointer (&self->html), FALSE);
  self->html = g_string_new (NULL);
  clip_sanitizer_free (self);

  return html;
}

static xmlNode *
find_body (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (g_str_equal (node->name, "body"))
        return node;
      if (g_str_equal (node->name, "html"))
        return find_body (node->children);
    }

  return NULL;
}

char *
clip_sanitize_html (const char              *html,
                    gssize                   length,
                    const char              *base_url,
                    ClipSanitizeImageFunc    image_func,
                    gpointer                 user_data,
                    char                  ***image_urls,
                    GError                 **error)
{
  g_autoptr(ClipSanitizer) sanitizer = NULL;
  g_autofree char *valid = NULL;
  htmlDocPtr doc;
  xmlNode *body;
  char *result;

  g_return_val_if_fail (html != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (html);
  if (length > G_MAXINT)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE,
                           _("The content is too large."));
      return NULL;
    }

  /* The fragment is UTF-8 whatever a <meta charset> in it says; bytes
   * that are not become U+FFFD, so the output is UTF-8 too. */
  if (!g_utf8_validate_len (html, length, NULL))
    {
      valid = g_utf8_make_valid (html, length);
      html = valid;
      length = strlen (valid);
    }

  sanitizer = clip_sanitizer_new (base_url);
  clip_sanitizer_set_image_func (sanitizer, image_func, user_data);

  /* An empty fragment is valid and sanitizes to nothing. */
  doc = length > 0 ? htmlReadMemory (html, length, NULL, "UTF-8",
                                     HTML_PARSE_RECOVER | HTML_PARSE_NONET |
                                     HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                     HTML_PARSE_IGNORE_ENC) : NULL;
  body = doc != NULL ? find_body (xmlDocGetRootElement (doc)) : NULL;
  if (body != NULL)
    clip_sanitizer_add_node (sanitizer, body);
  if (doc != NULL)
    xmlFreeDoc (doc);

  if (image_urls != NULL)
    *image_urls = g_strdupv ((char **)clip_sanitizer_get_image_urls (sanitizer));

  result = clip_sanitizer_free_to_html (g_steal_pointer (&sanitizer));
  return result;
}
