/* clip-export-html.c: a clipping as one self-contained HTML page
 *
 * The page loads nothing and runs nothing: the CSS is inline, images
 * stored with the clipping become data: URIs, others are left out, and
 * links are written as their text followed by the address as plain text
 * (a file that never points outside prints and archives the same way
 * everywhere). The only href is to the page's own footnotes. The content
 * is rebuilt element by element from a short list, with every text and
 * attribute escaped here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "clip-byline.h"
#include "clip-date.h"
#include "clip-export-private.h"
#include "clip-sanitize.h"
#include "clip-text.h"

#define MAX_DEPTH 200

/* The print rule keeps ligature glyphs out of a PDF's text layer: with
 * them "confirm" is stored as "con\uFB01rm" and a search for it fails. */
static const char style[] =
  "@media print{*{font-variant-ligatures:none;font-feature-settings:'liga' 0,'clig' 0,'dlig' 0}}\n"
  ":root{color-scheme:light;--text:#241f31;--muted:#5e5c64;"
  "--c1:rgba(248,228,92,.55);--c2:rgba(255,163,72,.45);--c3:rgba(143,240,164,.5);"
  "--c4:rgba(153,193,241,.55);--c5:rgba(220,138,221,.45)}\n"
  "body{font:17px/1.6 Cantarell,'DejaVu Serif',serif;color:var(--text);background:#fff;"
  "max-width:42em;margin:2em auto;padding:0 1em}\n"
  "header h1{font-size:1.8em;line-height:1.2;margin:0 0 .4em}\n"
  "dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;color:var(--muted);"
  "font-size:.9em;margin:0 0 1em}\n"
  "dl.meta dt{font-weight:bold}dl.meta dd{margin:0;overflow-wrap:anywhere}\n"
  "ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3em 1em;font-size:.9em}\n"
  "mark{color:inherit;border-radius:2px;background:var(--c1)}\n"
  "mark.c2{background:var(--c2)}mark.c3{background:var(--c3)}mark.c4{background:var(--c4)}"
  "mark.c5{background:var(--c5)}\n"
  "mark.k-quote{background:transparent;border-bottom:2px solid #1a5fb4}\n"
  "mark.k-entity{background:transparent;border-bottom:2px dotted var(--muted)}\n"
  "mark.k-note{background:transparent;outline:1px dashed var(--muted)}\n"
  "sup.fn-ref{font-size:.7em;line-height:0}sup.fn-ref a{text-decoration:none}\n"
  ".url{color:var(--muted);font-size:.85em;overflow-wrap:anywhere}\n"
  "blockquote{border-left:3px solid #c0bfbc;margin-left:0;padding-left:1em}\n"
  "pre{white-space:pre-wrap;background:#f6f5f4;padding:.5em}\n"
  "img{max-width:100%;height:auto}\n"
  "table{border-collapse:collapse}td,th{border:1px solid #deddda;padding:.2em .4em}\n"
  "section.notes,section.annotations{font-size:.9em;border-top:1px solid #deddda;margin-top:2em}\n"
  ".orphan{color:var(--muted)}\n"
  "article.clipping+article.clipping{break-before:page;margin-top:3em}\n"
  "@media print{body{max-width:none;margin:0;font-size:11pt}"
  "mark,ul.legend{print-color-adjust:exact;-webkit-print-color-adjust:exact}"
  "a{color:inherit}h1,h2,h3{break-after:avoid}}\n";

static void
escape (GString    *out,
        const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        default: g_string_append_c (out, *p);
        }
    }
}

static void
escape_unichar (GString  *out,
                gunichar  c)
{
  char buffer[8] = { 0 };

  g_unichar_to_utf8 (c, buffer);
  escape (out, buffer);
}

typedef struct {
  ClipExportContext *ctx;
  ClipExportItem *item;
  GString *out;
  const int *owners;
  glong length;
  glong offset;
  int open;              /* the annotation whose mark is open, or -1 */
  GArray *notes;         /* FootnoteRef, by end */
  guint next_note;
  guint *numbers;        /* per annotation: its footnote number, or 0 */
  guint depth;
} Html;

typedef struct {
  glong end;
  guint annotation;
} FootnoteRef;

static void
html_close_mark (Html *html)
{
  if (html->open >= 0)
    g_string_append (html->out, "</mark>");
  html->open = -1;
}

static void
html_open_mark (Html *html,
                int   index)
{
  ClipAnnotation *annotation = g_ptr_array_index (html->item->annotations, index);
  ClipAnnotationKind kind = clip_annotation_get_kind (annotation);
  guint color = clip_annotation_get_color (annotation);

  if (kind == CLIP_ANNOTATION_HIGHLIGHT && color >= 1 && color <= CLIP_EXPORT_N_COLORS)
    g_string_append_printf (html->out, "<mark class=\"c%u\">", color);
  else
    g_string_append_printf (html->out, "<mark class=\"k-%s\">", clip_annotation_kind_to_string (kind));
  html->open = index;
}

static void
footnote_id (Html     *html,
             GString  *out,
             const char *what,
             guint     number)
{
  g_string_append_printf (out, "c%u-%s%u", html->item->index + 1, what, number);
}

static void
html_footnote_ref (Html *html,
                   guint number)
{
  html_close_mark (html);
  g_string_append (html->out, "<sup class=\"fn-ref\"><a id=\"");
  footnote_id (html, html->out, "ref", number);
  g_string_append (html->out, "\" href=\"#");
  footnote_id (html, html->out, "fn", number);
  g_string_append_printf (html->out, "\">%u</a></sup>", number);
}

/* References go right after the last character their annotation marks. */
static void
html_flush_notes (Html  *html,
                  glong  upto)
{
  while (html->next_note < html->notes->len)
    {
      FootnoteRef *ref = &g_array_index (html->notes, FootnoteRef, html->next_note);

      if (ref->end > upto)
        break;
      html_footnote_ref (html, html->numbers[ref->annotation]);
      html->next_note++;
    }
}

static void
html_char (Html     *html,
           gunichar  c)
{
  int owner = html->offset < html->length ? html->owners[html->offset] : -1;

  if (owner != html->open)
    {
      html_close_mark (html);
      if (owner >= 0)
        html_open_mark (html, owner);
    }
  escape_unichar (html->out, c);
  html->offset++;
  html_flush_notes (html, html->offset);
}

static void
html_text (Html       *html,
           const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    html_char (html, g_utf8_get_char (p));
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *)name);
  char *copy = g_strdup ((const char *)value);

  xmlFree (value);
  return copy;
}

static void html_children (Html    *html,
                           xmlNode *node);

/* Attributes that can only be numbers are copied when they are. */
static void
html_number_attrs (GString    *out,
                   xmlNode    *node,
                   const char *names)
{
  g_auto(GStrv) list = g_strsplit (names, " ", -1);

  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autofree char *value = get_attr (node, list[i]);
      guint64 n;

      if (value != NULL && g_ascii_string_to_unsigned (value, 10, 0, 10000, &n, NULL))
        g_string_append_printf (out, " %s=\"%u\"", list[i], (guint)n);
    }
}

static char *
asset_data_uri (ClipStore  *store,
                const char *src)
{
  g_autofree char *mime_type = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *base64 = NULL;
  guint64 id;

  if (src == NULL || !g_str_has_prefix (src, "clip://asset/") ||
      !g_ascii_string_to_unsigned (src + strlen ("clip://asset/"), 10, 1, G_MAXINT64, &id, NULL))
    return NULL;

  data = clip_store_get_asset (store, (gint64)id, &mime_type, NULL);
  if (data == NULL || mime_type == NULL || !g_str_has_prefix (mime_type, "image/") ||
      strpbrk (mime_type, "\"'<>;, ") != NULL)
    return NULL;

  base64 = g_base64_encode (g_bytes_get_data (data, NULL), g_bytes_get_size (data));
  return g_strdup_printf ("data:%s;base64,%s", mime_type, base64);
}

static void
html_image (Html    *html,
            xmlNode *node)
{
  g_autofree char *src = get_attr (node, "src");
  g_autofree char *alt = get_attr (node, "alt");
  g_autofree char *uri = asset_data_uri (html->ctx->store, src);

  html_close_mark (html);
  if (uri == NULL)
    {
      if (alt != NULL && alt[0] != '\0')
        {
          g_string_append (html->out, "<span class=\"url\">[");
          escape (html->out, alt);
          g_string_append (html->out, "]</span>");
        }
      return;
    }

  g_string_append_printf (html->out, "<img src=\"%s\" alt=\"", uri);
  escape (html->out, alt);
  g_string_append (html->out, "\">");
}

static void
html_link (Html    *html,
           xmlNode *node)
{
  g_autofree char *href = get_attr (node, "href");

  html_close_mark (html);
  g_string_append (html->out, "<span class=\"link\">");
  html_children (html, node);
  html_close_mark (html);
  g_string_append (html->out, "</span>");
  if (href != NULL && href[0] != '\0')
    {
      g_string_append (html->out, " <span class=\"url\">(");
      escape (html->out, href);
      g_string_append (html->out, ")</span>");
    }
}

static const char * const kept_elements[] = {
  "p", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "pre", "code", "em", "i",
  "strong", "b", "s", "u", "small", "sub", "sup", "abbr", "cite", "q", "kbd", "time", "figure",
  "figcaption", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", NULL,
};

static void
html_element (Html    *html,
              xmlNode *node)
{
  const char *name = (const char *)node->name;

  if (g_str_equal (name, "img"))
    html_image (html, node);
  else if (g_str_equal (name, "a"))
    html_link (html, node);
  else if (g_str_equal (name, "br") || g_str_equal (name, "hr"))
    {
      html_close_mark (html);
      g_string_append_printf (html->out, "<%s>", name);
    }
  else if (clip_sanitize_is_mathml_element (name))
    {
      /* Math as it was kept: MathML elements and layout attributes. */
      g_autofree char *attrs = clip_sanitize_mathml_attributes (node);

      html_close_mark (html);
      g_string_append_printf (html->out, "<%s%s>", name, attrs != NULL ? attrs : "");
      html_children (html, node);
      html_close_mark (html);
      g_string_append_printf (html->out, "</%s>", name);
    }
  else if (g_strv_contains (kept_elements, name) || g_str_equal (name, "h1"))
    {
      /* The title is the page's only h1. */
      const char *tag = g_str_equal (name, "h1") ? "h2" : name;

      html_close_mark (html);
      g_string_append_printf (html->out, "<%s", tag);
      html_number_attrs (html->out, node, "colspan rowspan start");
      g_string_append_c (html->out, '>');
      html_children (html, node);
      html_close_mark (html);
      g_string_append_printf (html->out, "</%s>", tag);
    }
  else
    html_children (html, node);
}

static void
html_children (Html    *html,
               xmlNode *node)
{
  if (++html->depth > MAX_DEPTH)
    {
      g_autofree char *text = (char *)xmlNodeGetContent (node);

      html_text (html, text);
      html->depth--;
      return;
    }

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        html_text (html, (const char *)child->content);
      else if (child->type == XML_ELEMENT_NODE)
        html_element (html, child);
    }
  html->depth--;
}

static int
compare_refs (gconstpointer a,
              gconstpointer b)
{
  const FootnoteRef *x = a, *y = b;

  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return (int)x->annotation - (int)y->annotation;
}

/* Notes are numbered in text order; orphans are numbered after. */
static guint *
number_notes (ClipExportItem *item,
              GArray         *refs)
{
  guint *numbers = g_new0 (guint, MAX (item->annotations->len, 1));
  guint n = 0;

  for (guint i = 0; i < item->annotations->len; i++)
    {
      ClipAnnotation *annotation = g_ptr_array_index (item->annotations, i);
      const char *note = clip_annotation_get_note (annotation);

      if (note == NULL || note[0] == '\0')
        continue;
      numbers[i] = ++n;
      if (!clip_annotation_get_orphaned (annotation))
        g_array_append_val (refs, ((FootnoteRef) { clip_annotation_get_end (annotation), i }));
    }

  g_array_sort (refs, compare_refs);
  return numbers;
}

static void
write_text (Html *html)
{
  xmlNode *root = NULL;
  htmlDocPtr doc = clip_export_parse_content (clip_article_get_content_html (html->item->article), &root);

  g_string_append (html->out, "<section class=\"text\">\n");
  if (root != NULL)
    html_children (html, root);
  html_close_mark (html);
  html_flush_notes (html, G_MAXLONG);
  g_string_append (html->out, "\n</section>\n");
  if (doc != NULL)
    xmlFreeDoc (doc);
}

static void
meta_row (GString    *out,
          const char *label,
          const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;
  g_string_append (out, "<dt>");
  escape (out, label);
  g_string_append (out, "</dt><dd>");
  escape (out, value);
  g_string_append (out, "</dd>\n");
}

/* A date reads as a date; an ISO one also stays, for programs, in the
 * datetime attribute. */
static void
meta_date_row (GString    *out,
               const char *label,
               const char *iso)
{
  g_autofree char *human = clip_date_format_human (iso);
  g_autoptr(GDateTime) parsed = clip_date_parse (iso, NULL);

  if (human == NULL)
    return;
  g_string_append (out, "<dt>");
  escape (out, label);
  g_string_append (out, "</dt><dd>");
  if (parsed != NULL)
    {
      g_string_append (out, "<time datetime=\"");
      escape (out, iso);
      g_string_append (out, "\">");
    }
  escape (out, human);
  g_string_append (out, parsed != NULL ? "</time></dd>\n" : "</dd>\n");
}

static void
write_legend (Html *html)
{
  gboolean used[CLIP_EXPORT_N_COLORS + 1] = { FALSE };
  gboolean any = FALSE;

  for (guint i = 0; i < html->item->annotations->len; i++)
    {
      ClipAnnotation *annotation = g_ptr_array_index (html->item->annotations, i);
      guint color = clip_annotation_get_color (annotation);

      if (clip_annotation_get_kind (annotation) == CLIP_ANNOTATION_HIGHLIGHT && color >= 1 &&
          color <= CLIP_EXPORT_N_COLORS)
        any = used[color] = TRUE;
    }
  if (!any)
    return;

  g_string_append (html->out, "<ul class=\"legend\">");
  for (guint c = 1; c <= CLIP_EXPORT_N_COLORS; c++)
    {
      if (!used[c])
        continue;
      g_string_append_printf (html->out, "<li><mark class=\"c%u\">", c);
      escape (html->out, clip_export_color_name (html->ctx, c));
      g_string_append (html->out, "</mark></li>");
    }
  g_string_append (html->out, "</ul>\n");
}

static void
write_header (Html *html)
{
  ClipArticle *article = html->item->article;
  g_autofree char *tags = g_strjoinv (", ", html->item->tags);
  const char *title = clip_article_get_title (article);
  g_autofree char *file = clip_export_file_name (article);

  g_string_append (html->out, "<header>\n<h1>");
  escape (html->out, title != NULL && title[0] != '\0' ? title : _("Untitled clipping"));
  g_string_append (html->out, "</h1>\n<dl class=\"meta\">\n");
  meta_row (html->out, _("Author"), clip_article_get_byline (article));
  meta_date_row (html->out, _("Published"), clip_article_get_published (article));
  meta_row (html->out, _("Site"), clip_article_get_site_name (article));
  meta_row (html->out, _("Source"), clip_article_get_source_url (article));
  meta_row (html->out, _("File"), file);
  meta_date_row (html->out, _("Captured"), clip_article_get_captured_at (article));
  meta_row (html->out, _("Tags"), tags);
  g_string_append (html->out, "</dl>\n");
  write_legend (html);
  g_string_append (html->out, "</header>\n");
}

static void
annotation_details (Html           *html,
                    ClipAnnotation *annotation)
{
  GString *out = html->out;
  const char * const *tags = clip_annotation_get_tags (annotation);
  const char *speaker = clip_annotation_get_speaker_name (annotation);
  const char *entity = clip_annotation_get_entity_name (annotation);

  if (clip_annotation_get_kind (annotation) == CLIP_ANNOTATION_QUOTE)
    {
      g_string_append (out, " — ");
      escape (out, speaker != NULL ? speaker : _("unknown speaker"));
      g_string_append_printf (out, " (%s)", g_strcmp0 (clip_annotation_get_quote_status (annotation), "verified") == 0
                                            ? _("verified") : _("unverified"));
    }
  if (entity != NULL)
    {
      g_string_append (out, " — ");
      escape (out, entity);
      g_string_append (out, " (");
      escape (out, clip_annotation_get_entity_kind (annotation));
      g_string_append (out, ")");
    }
  if (tags[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (GStrv)tags);

      g_string_append (out, " <span class=\"tags\">[");
      escape (out, joined);
      g_string_append (out, "]</span>");
    }
  if (clip_annotation_get_orphaned (annotation))
    {
      g_string_append (out, " <span class=\"orphan\">");
      escape (out, _("(not found in the current text)"));
      g_string_append (out, "</span>");
    }
}

static void
write_notes (Html *html)
{
  GString *out = html->out;
  gboolean any = FALSE;

  for (guint i = 0; i < html->item->annotations->len; i++)
    any = any || html->numbers[i] > 0;
  if (!any)
    return;

  g_string_append_printf (out, "<section class=\"notes\">\n<h2>%s</h2>\n<ol>\n", _("Notes"));
  for (guint i = 0; i < html->item->annotations->len; i++)
    {
      ClipAnnotation *annotation = g_ptr_array_index (html->item->annotations, i);

      if (html->numbers[i] == 0)
        continue;
      g_string_append (out, "<li id=\"");
      footnote_id (html, out, "fn", html->numbers[i]);
      g_string_append (out, "\"><q>");
      escape (out, clip_annotation_get_exact (annotation));
      g_string_append (out, "</q>");
      annotation_details (html, annotation);
      g_string_append (out, "<br>");
      escape (out, clip_annotation_get_note (annotation));
      if (!clip_annotation_get_orphaned (annotation))
        {
          g_string_append (out, " <a href=\"#");
          footnote_id (html, out, "ref", html->numbers[i]);
          g_string_append (out, "\">↩</a>");
        }
      g_string_append (out, "</li>\n");
    }
  g_string_append (out, "</ol>\n</section>\n");
}

static void
write_annotations (Html *html)
{
  GString *out = html->out;

  if (html->item->annotations->len == 0)
    return;

  g_string_append_printf (out, "<section class=\"annotations\">\n<h2>%s</h2>\n<ul>\n", _("Annotations"));
  for (guint i = 0; i < html->item->annotations->len; i++)
    {
      ClipAnnotation *annotation = g_ptr_array_index (html->item->annotations, i);
      guint color = clip_annotation_get_color (annotation);

      g_string_append (out, "<li><q>");
      escape (out, clip_annotation_get_exact (annotation));
      g_string_append (out, "</q> — ");
      if (clip_annotation_get_kind (annotation) == CLIP_ANNOTATION_HIGHLIGHT && color >= 1)
        escape (out, clip_export_color_name (html->ctx, color));
      else
        escape (out, clip_annotation_kind_to_string (clip_annotation_get_kind (annotation)));
      annotation_details (html, annotation);
      if (html->numbers[i] > 0)
        g_string_append_printf (out, " <sup>%u</sup>", html->numbers[i]);
      g_string_append (out, "</li>\n");
    }
  g_string_append (out, "</ul>\n</section>\n");
}

/* The head, once the first clipping is known: a single clipping's page
 * is titled, authored and in the language of its article, as a
 * browser's tab, a screen reader's voice and the PDF printed from it
 * should be; several clippings are "Clippings". */
static void
write_head (ClipExportContext *ctx,
            ClipArticle       *article,
            GString           *out)
{
  const char *title = article != NULL ? clip_article_get_title (article) : NULL;
  const char *lang = article != NULL ? clip_article_get_lang (article) : NULL;
  gboolean single = article != NULL && ctx->n_items == 1;

  g_string_append (out, "<!DOCTYPE html>\n<html");
  if (single && lang != NULL && lang[0] != '\0')
    {
      g_string_append (out, " lang=\"");
      escape (out, lang);
      g_string_append_c (out, '"');
    }
  g_string_append (out, ">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "img-src data:; style-src 'unsafe-inline'\">\n"
                   "<meta name=\"generator\" content=\"Clippings\">\n");
  if (single)
    {
      g_autoptr(GPtrArray) names = clip_byline_parse (clip_article_get_byline (article));

      for (guint i = 0; i < names->len; i++)
        {
          g_string_append (out, "<meta name=\"author\" content=\"");
          escape (out, ((ClipBylineName *)g_ptr_array_index (names, i))->literal);
          g_string_append (out, "\">\n");
        }
    }
  g_string_append (out, "<title>");
  escape (out, single && title != NULL && title[0] != '\0' ? title : _("Clippings"));
  g_string_append_printf (out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style);
}

static void
html_begin (ClipExportContext *ctx,
            GString           *out)
{
}

static void
article_open (ClipArticle *article,
              guint        index,
              GString     *out)
{
  const char *lang = clip_article_get_lang (article);
  const char *dir = clip_article_get_dir (article);

  g_string_append_printf (out, "<article class=\"clipping\" id=\"clipping-%u\"", index + 1);
  if (lang != NULL && lang[0] != '\0')
    {
      g_string_append (out, " lang=\"");
      escape (out, lang);
      g_string_append_c (out, '"');
    }
  if (g_strcmp0 (dir, "rtl") == 0 || g_strcmp0 (dir, "ltr") == 0)
    g_string_append_printf (out, " dir=\"%s\"", dir);
  g_string_append (out, ">\n");
}

static gboolean
html_item (ClipExportContext  *ctx,
           ClipExportItem     *item,
           GString            *out,
           GError            **error)
{
  const char *text = clip_article_get_text (item->article);
  g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (FootnoteRef));
  Html html = { ctx, item, out, NULL, clip_text_length (text), 0, -1, refs, 0, NULL, 0 };
  g_autofree int *owners = clip_export_owners (item, html.length);
  g_autofree guint *numbers = number_notes (item, refs);

  html.owners = owners;
  html.numbers = numbers;

  if (item->index == 0)
    write_head (ctx, item->article, out);
  article_open (item->article, item->index, out);
  write_header (&html);
  if (!ctx->omit_text)
    write_text (&html);
  write_notes (&html);
  write_annotations (&html);
  g_string_append (out, "</article>\n");
  return TRUE;
}

static void
html_end (ClipExportContext *ctx,
          GString           *out)
{
  if (ctx->n_items == 0)
    write_head (ctx, NULL, out);
  g_string_append (out, "</body>\n</html>\n");
}

const ClipExportWriter clip_export_html_writer = { html_begin, html_item, html_end };
