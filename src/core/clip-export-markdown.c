/* clip-export-markdown.c: a clipping as Markdown with YAML front matter
 *
 * Every string from the article or the reader is escaped, so that it can
 * add no structure: YAML scalars are double-quoted with escapes, and
 * Markdown text has its special characters backslash-escaped. Highlights
 * are written as ==text== (Obsidian and many other editors render them;
 * CommonMark shows the equals signs), closed and reopened around any
 * markup so that they never straddle it.
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

/* YAML */

static void
yaml_string (GString    *out,
             const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          /* YAML escapes the C0 and C1 controls, DEL, the Unicode line
           * separators and the BOM rather than carrying them raw. */
          if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0xfeff)
            g_string_append_printf (out, "\\u%04X", c);
          else
            g_string_append_unichar (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void
yaml_field (GString    *out,
            const char *key,
            const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;
  g_string_append_printf (out, "%s: ", key);
  yaml_string (out, value);
  g_string_append_c (out, '\n');
}

static void
yaml_list (GString            *out,
           const char         *indent,
           const char * const *values)
{
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_string_append_printf (out, "%s- ", indent);
      yaml_string (out, values[i]);
      g_string_append_c (out, '\n');
    }
}

/* Flat properties, as Obsidian takes them: one list per kind of entity
 * rather than a nested mapping. */
static const char * const entity_kinds[] = { "people", "organisations", "places", "entities", NULL };

/* Entity names by kind, each once, in the order they are first marked. */
static GPtrArray **
collect_entities (ClipExportContext *ctx,
                  ClipExportItem    *item)
{
  GPtrArray **by_kind = g_new0 (GPtrArray *, G_N_ELEMENTS (entity_kinds));

  for (guint k = 0; entity_kinds[k] != NULL; k++)
    by_kind[k] = g_ptr_array_new ();

  for (guint i = 0; i < item->annotations->len; i++)
    {
      ClipAnnotation *annotation = g_ptr_array_index (item->annotations, i);
      gint64 ids[] = { clip_annotation_get_entity_id (annotation), clip_annotation_get_speaker_id (annotation) };

      for (guint j = 0; j < G_N_ELEMENTS (ids); j++)
        {
          ClipEntity *entity = clip_export_lookup_entity (ctx, ids[j]);
          const char *name;
          guint k;

          if (entity == NULL)
            continue;
          k = MIN ((guint)clip_entity_get_kind (entity), G_N_ELEMENTS (entity_kinds) - 2);
          name = clip_entity_get_name (entity);
          if (!g_ptr_array_find_with_equal_func (by_kind[k], name, g_str_equal, NULL))
            g_ptr_array_add (by_kind[k], (gpointer)name);
        }
    }

  return by_kind;
}

static void
write_entities (ClipExportContext *ctx,
                ClipExportItem    *item,
                GString           *out)
{
  GPtrArray **by_kind = collect_entities (ctx, item);

  for (guint k = 0; entity_kinds[k] != NULL; k++)
    {
      if (by_kind[k]->len > 0)
        {
          g_string_append_printf (out, "%s:\n", entity_kinds[k]);
          g_ptr_array_add (by_kind[k], NULL);
          yaml_list (out, "  ", (const char * const *)by_kind[k]->pdata);
        }
      g_ptr_array_unref (by_kind[k]);
    }
  g_free (by_kind);
}

/* pandoc reads the title and authors of front matter as Markdown, so
 * a "<" that would open an HTML tag and a "&" that would start an
 * entity are backslash-escaped there: "<script>" stays text in
 * pandoc -s. Nothing else is, since Obsidian shows the value as it
 * is written. */
static char *
pandoc_text (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; p != NULL && *p != '\0'; p++)
    {
      gboolean tag = *p == '<' && p[1] != '\0' && (g_ascii_isalpha (p[1]) || strchr ("/!?", p[1]) != NULL);
      gboolean entity = *p == '&' && (g_ascii_isalpha (p[1]) || p[1] == '#');
      gboolean escape = *p == '\\' && g_ascii_ispunct (p[1]);

      if (tag || entity || escape)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
yaml_pandoc_field (GString    *out,
                   const char *key,
                   const char *value)
{
  g_autofree char *escaped = pandoc_text (value);

  yaml_field (out, key, escaped);
}

static void
write_authors (ClipArticle *article,
               GString     *out)
{
  g_autoptr(GPtrArray) names = clip_byline_parse (clip_article_get_byline (article));

  if (names->len == 0)
    return;
  g_string_append (out, "author:\n");
  for (guint i = 0; i < names->len; i++)
    {
      ClipBylineName *name = g_ptr_array_index (names, i);
      g_autofree char *escaped = pandoc_text (name->literal);

      g_string_append (out, "  - ");
      yaml_string (out, escaped);
      g_string_append_c (out, '\n');
    }
}

/* A date property (YYYY-MM-DD, unquoted so that YAML and Obsidian read
 * a date); only digits and dashes are ever written unquoted. */
static void
yaml_date (GString    *out,
           const char *key,
           const char *iso)
{
  int y, m, d;

  if (!clip_export_parse_date (iso, &y, &m, &d) || m == 0 || d == 0 || y > 9999)
    return;
  g_string_append_printf (out, "%s: %04d-%02d-%02d\n", key, y, m, d);
}

/* An Obsidian tag holds letters, digits, "_", "-" and "/" (for nested
 * tags), and not only digits. Spaces become "-", any other character
 * is dropped, so a tag always maps to the same Obsidian tag. */
static char *
obsidian_tag (const char *tag)
{
  GString *out = g_string_new (NULL);
  gboolean letter = FALSE;

  for (const char *p = tag; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '-')
        {
          if (out->len > 0 && out->str[out->len - 1] != '-')
            g_string_append_c (out, '-');
        }
      else if (g_unichar_isalnum (c) || c == '_' || (c == '/' && out->len > 0))
        {
          letter |= !g_unichar_isdigit (c);
          g_string_append_unichar (out, c);
        }
    }
  while (out->len > 0 && strchr ("-/", out->str[out->len - 1]) != NULL)
    g_string_truncate (out, out->len - 1);
  if (!letter)
    g_string_truncate (out, 0);
  return g_string_free (out, FALSE);
}

static void
write_tags (ClipExportItem *item,
            GString        *out)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; item->tags[i] != NULL; i++)
    {
      char *tag = obsidian_tag (item->tags[i]);

      if (tag[0] == '\0' || g_ptr_array_find_with_equal_func (tags, tag, g_str_equal, NULL))
        g_free (tag);
      else
        g_ptr_array_add (tags, tag);
    }
  if (tags->len == 0)
    return;
  g_ptr_array_add (tags, NULL);
  g_string_append (out, "tags:\n");
  yaml_list (out, "  ", (const char * const *)tags->pdata);
}

static void
write_front_matter (ClipExportContext *ctx,
                    ClipExportItem    *item,
                    GString           *out)
{
  ClipArticle *article = item->article;
  const char *title = clip_article_get_title (article);
  g_autofree char *file = clip_export_file_name (article);

  g_string_append (out, "---\n");
  yaml_pandoc_field (out, "title", title);
  write_authors (article, out);
  yaml_field (out, "source", clip_export_safe_url (clip_article_get_source_url (article)));
  yaml_date (out, "published", clip_article_get_published (article));
  yaml_date (out, "created", clip_article_get_created_at (article));
  yaml_field (out, "site", clip_article_get_site_name (article));
  yaml_field (out, "lang", clip_article_get_lang (article));
  yaml_field (out, "captured", clip_article_get_captured_at (article));
  yaml_field (out, "file", file);
  write_tags (item, out);
  if (title != NULL && title[0] != '\0')
    {
      const char *aliases[] = { title, NULL };

      g_string_append (out, "aliases:\n");
      yaml_list (out, "  ", aliases);
    }
  write_entities (ctx, item, out);
  g_string_append (out, "---\n");
}

/* Markdown text */

typedef struct {
  ClipExportContext *ctx;
  GString *out;
  GString *prefix;        /* what each line of the current block starts with */
  const int *owners;      /* per code point: the annotation shown, or -1 */
  glong length;
  glong offset;           /* in the article text */
  gboolean started;       /* output since the last block marker */
  gboolean in_para;       /* inside a paragraph-like block */
  gboolean line_start;    /* nothing but the prefix on this line yet */
  gboolean line_digits;   /* the line so far is digits: "1." would be a list */
  gboolean mark_open;
  guint flatten;          /* inside table cells and headings: no new lines */
  guint depth;
} Md;

static void
md_close_mark (Md *md)
{
  if (md->mark_open)
    g_string_append (md->out, "==");
  md->mark_open = FALSE;
}

static void
md_markup (Md         *md,
           const char *markup)
{
  md_close_mark (md);
  g_string_append (md->out, markup);
  md->started = TRUE;
  md->line_start = FALSE;
  md->line_digits = FALSE;
}

static void
md_newline (Md *md)
{
  md_close_mark (md);
  g_string_append_c (md->out, '\n');
  g_string_append (md->out, md->prefix->str);
  md->line_start = TRUE;
  md->line_digits = FALSE;
}

/* A blank line (holding the prefix of quotes, without trailing spaces)
 * before any block but the first of its container. */
static void
md_block_start (Md *md)
{
  md_close_mark (md);
  md->in_para = FALSE;
  if (md->flatten > 0)
    {
      if (md->started && !md->line_start)
        g_string_append_c (md->out, ' ');
      return;
    }
  if (md->started)
    {
      g_autofree char *bare = g_strchomp (g_strdup (md->prefix->str));

      g_string_append_printf (md->out, "\n%s", bare);
      md_newline (md);
    }
  md->line_start = TRUE;
}

static void
md_escape_char (Md       *md,
                gunichar  c)
{
  gboolean escape = c < 0x80 && strchr ("\\`*_[]<>#|~=&", (int)c) != NULL;

  /* At the start of a line these would begin a list item. */
  if (md->line_start && (c == '-' || c == '+'))
    escape = TRUE;
  if (md->line_digits && (c == '.' || c == ')'))
    escape = TRUE;

  md->line_digits = g_ascii_isdigit (c) && (md->line_start || md->line_digits);
  md->line_start = FALSE;
  if (escape)
    g_string_append_c (md->out, '\\');
  g_string_append_unichar (md->out, c);
}

static void
md_char (Md       *md,
         gunichar  c)
{
  gboolean marked = md->owners != NULL && md->offset < md->length && md->owners[md->offset] >= 0;

  md->offset++;
  if (g_unichar_isspace (c))
    {
      if (md->line_start)
        return;
      c = ' ';
    }
  if (!md->in_para)
    {
      md_block_start (md);
      md->in_para = TRUE;
    }
  if (marked != md->mark_open)
    {
      g_string_append (md->out, "==");
      md->mark_open = marked;
    }
  md_escape_char (md, c);
  md->started = TRUE;
}

static void
md_text (Md         *md,
         const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    md_char (md, g_utf8_get_char (p));
}

static void md_children (Md      *md,
                         xmlNode *node);

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *)name);
  char *copy = g_strdup ((const char *)value);

  xmlFree (value);
  return copy;
}

/* The longest run of backticks in text, for a fence one longer. */
static guint
longest_backtick_run (const char *text)
{
  guint longest = 0, run = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      run = (*p == '`') ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  return longest;
}

static void
md_code_span (Md      *md,
              xmlNode *node)
{
  g_autofree char *text = (char *)xmlNodeGetContent (node);
  g_autofree char *fence = NULL;
  g_autofree char *flat = NULL;

  md->offset += g_utf8_strlen (text, -1);
  if (text == NULL || text[0] == '\0')
    return;
  if (!md->in_para)
    {
      md_block_start (md);
      md->in_para = TRUE;
    }
  flat = g_strdelimit (g_strdup (text), "\r\n\t", ' ');
  fence = g_strnfill (longest_backtick_run (flat) + 1, '`');
  md_markup (md, fence);
  g_string_append (md->out, " ");
  g_string_append (md->out, flat);
  g_string_append_printf (md->out, " %s", fence);
}

/* Text between the tags of inline HTML is still Markdown: a renderer
 * would make "[x](javascript:…)" in a token a live link. Every
 * character that means something to Markdown or HTML is written as a
 * character reference, which both show as the character and neither
 * reads as syntax. */
static void
md_math_text (GString    *out,
              const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (strchr ("\\`*_[]()<>#|~=!&\"':{}$^", *p) != NULL)
        g_string_append_printf (out, "&#%d;", *p);
      else if (*p == '\n' || *p == '\r' || *p == '\t')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
}

/* Kept MathML (the sanitizer's allowlist: clip_sanitize_is_mathml_element
 * and clip_sanitize_mathml_attributes), on one line. */
static void
md_append_mathml (GString *out,
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
        md_math_text (out, (const char *)child->content);
      else if (child->type == XML_ELEMENT_NODE && depth < MAX_DEPTH)
        md_append_mathml (out, child, depth + 1);
    }
  if (kept)
    g_string_append_printf (out, "</%s>", name);
}

/* Math goes in as raw MathML, which Markdown keeps as it is (and many
 * Markdown tools then show as math); its text counts for the offsets. */
static void
md_math (Md      *md,
         xmlNode *node)
{
  g_autofree char *text = (char *)xmlNodeGetContent (node);
  g_autoptr(GString) mathml = g_string_new (NULL);

  md->offset += text != NULL ? g_utf8_strlen (text, -1) : 0;
  if (text == NULL || text[0] == '\0')
    return;
  if (!md->in_para)
    {
      md_block_start (md);
      md->in_para = TRUE;
    }
  md_append_mathml (mathml, node, 0);
  md_markup (md, mathml->str);
}

static void
md_code_block (Md      *md,
               xmlNode *node)
{
  g_autofree char *text = (char *)xmlNodeGetContent (node);
  g_autofree char *fence = NULL;
  g_auto(GStrv) lines = NULL;

  md->offset += g_utf8_strlen (text, -1);
  md_block_start (md);
  fence = g_strnfill (MAX (longest_backtick_run (text) + 1, 3), '`');
  md_markup (md, fence);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      md_newline (md);
      g_string_append (md->out, lines[i]);
    }
  md_newline (md);
  md_markup (md, fence);
}

/* Only web and mail links are kept; characters that would end the
 * destination are percent-encoded. */
static char *
md_destination (const char *url)
{
  GString *out;

  if (url == NULL || !(g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://") ||
                       g_str_has_prefix (url, "mailto:")))
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = url; *p != '\0'; p++)
    {
      if ((guchar)*p <= 0x20 || strchr ("<>()\\`\"'", *p) != NULL)
        g_string_append_printf (out, "%%%02X", (guchar)*p);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
md_link (Md      *md,
         xmlNode *node)
{
  g_autofree char *href = get_attr (node, "href");
  g_autofree char *destination = md_destination (href);

  if (destination == NULL || clip_export_node_length (node) == 0)
    {
      md_children (md, node);
      return;
    }
  if (!md->in_para)
    {
      md_block_start (md);
      md->in_para = TRUE;
    }
  md_markup (md, "[");
  md_children (md, node);
  md_markup (md, "](");
  g_string_append (md->out, destination);
  g_string_append_c (md->out, ')');
}

/* The destination of an attachment: its path, percent-encoded. */
static char *
md_path_destination (const char *path)
{
  return g_uri_escape_string (path, "/", TRUE);
}

/* The web address of an image, saved or not, for a plain link. */
static char *
md_image_link (Md         *md,
               const char *src)
{
  gint64 asset_id = clip_export_asset_id (src);
  g_autofree char *url = NULL;

  if (asset_id == 0)
    return g_strdup (clip_export_safe_url (src));
  if (md->ctx == NULL)
    return NULL;
  url = clip_store_get_asset_url (md->ctx->store, asset_id, NULL);
  return g_strdup (clip_export_safe_url (url));
}

/* An image saved with the clipping is embedded from the attachments
 * folder beside the file. Any other image is a plain link, never an
 * embed, so that opening the file fetches nothing (no tracking pixel
 * fires) and shows no broken image: "[image: alt](https://…)". */
static void
md_image (Md      *md,
          xmlNode *node)
{
  g_autofree char *src = get_attr (node, "src");
  g_autofree char *alt = get_attr (node, "alt");
  gint64 asset_id = clip_export_asset_id (src);
  const char *path = NULL;
  g_autofree char *destination = NULL;
  Md alt_md = { 0 };

  if (asset_id > 0 && md->ctx != NULL)
    path = clip_export_attach_asset (md->ctx, asset_id);
  if (path != NULL)
    {
      destination = md_path_destination (path);
    }
  else
    {
      g_autofree char *url = md_image_link (md, src);

      destination = url != NULL ? md_destination (url) : NULL;
    }

  if (!md->in_para)
    {
      md_block_start (md);
      md->in_para = TRUE;
    }
  md_markup (md, path != NULL ? "![" : destination != NULL ? "[" : "\\[");
  alt_md.out = md->out;
  alt_md.in_para = TRUE;
  if (path == NULL)
    {
      md_text (&alt_md, _("image"));
      if (alt != NULL && alt[0] != '\0')
        md_text (&alt_md, ": ");
    }
  md_text (&alt_md, alt);
  if (destination != NULL)
    g_string_append_printf (md->out, "](%s)", destination);
  else
    g_string_append (md->out, "\\]");
}

static void
md_inline (Md         *md,
           xmlNode    *node,
           const char *marker)
{
  if (clip_export_node_length (node) == 0)
    {
      md_children (md, node);
      return;
    }
  if (!md->in_para)
    {
      md_block_start (md);
      md->in_para = TRUE;
    }
  md_markup (md, marker);
  md_children (md, node);
  md_markup (md, marker);
}

static void
md_heading (Md      *md,
            xmlNode *node)
{
  /* The document's title is the only level-1 heading. */
  int level = MIN (node->name[1] - '0' + 1, 6);
  g_autofree char *marker = g_strnfill (level, '#');

  md_block_start (md);
  md_markup (md, marker);
  g_string_append_c (md->out, ' ');
  md->line_start = TRUE;
  md->in_para = TRUE;
  md->flatten++;
  md_children (md, node);
  md->flatten--;
  md->in_para = FALSE;
}

static void
md_paragraph (Md      *md,
              xmlNode *node)
{
  md_block_start (md);
  md->in_para = TRUE;
  md_children (md, node);
  md->in_para = FALSE;
}

static void
md_container (Md         *md,
              xmlNode    *node,
              const char *prefix)
{
  gsize saved = md->prefix->len;

  md_block_start (md);
  if (prefix != NULL && md->flatten == 0)
    {
      g_string_append (md->prefix, prefix);
      md_markup (md, prefix);
      md->started = FALSE;
      md->line_start = TRUE;
    }
  md_children (md, node);
  md_close_mark (md);
  g_string_truncate (md->prefix, saved);
  md->in_para = FALSE;
  md->started = TRUE;
}

static void
md_list_item (Md         *md,
              xmlNode    *node,
              const char *marker)
{
  gsize saved = md->prefix->len;
  g_autofree char *indent = g_strnfill (strlen (marker), ' ');

  if (md->started)
    md_newline (md);
  md_markup (md, marker);
  g_string_append (md->prefix, indent);
  md->started = FALSE;
  md->line_start = TRUE;
  md->in_para = TRUE;
  md_children (md, node);
  md_close_mark (md);
  g_string_truncate (md->prefix, saved);
  md->started = TRUE;
  md->in_para = FALSE;
}

static void
md_list (Md      *md,
         xmlNode *node)
{
  gboolean ordered = g_str_equal ((const char *)node->name, "ol");
  g_autofree char *start_attr = get_attr (node, "start");
  guint64 n = 1;

  if (start_attr != NULL)
    g_ascii_string_to_unsigned (start_attr, 10, 0, 999999999, &n, NULL);

  md_block_start (md);
  md->started = FALSE;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE && g_str_equal ((const char *)child->name, "li") &&
          md->flatten == 0)
        {
          g_autofree char *marker = ordered ? g_strdup_printf ("%" G_GUINT64_FORMAT ". ", n++)
                                            : g_strdup ("- ");

          md_list_item (md, child, marker);
        }
      else if (child->type == XML_TEXT_NODE && clip_export_is_separator (child))
        md->offset += clip_export_node_length (child);
      else
        md_children (md, child);
    }
  md->started = TRUE;
  md->in_para = FALSE;
}

/* A row is one line, its cells separated by bars. */
static void
md_table_row (Md      *md,
              xmlNode *node)
{
  gboolean first = TRUE;

  md_block_start (md);
  md->in_para = TRUE;
  md->flatten++;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE && clip_export_is_separator (child))
        {
          md->offset += clip_export_node_length (child);
          continue;
        }
      if (!first)
        md_markup (md, " \\| ");
      first = FALSE;
      md->line_start = TRUE;
      md_children (md, child);
    }
  md->flatten--;
  md->in_para = FALSE;
}

static void
md_break (Md *md)
{
  if (md->line_start || md->flatten > 0)
    {
      if (!md->line_start)
        md_markup (md, " ");
      return;
    }
  md_markup (md, "\\");
  md_newline (md);
}

static gboolean
name_is (xmlNode    *node,
         const char *names)
{
  g_auto(GStrv) list = g_strsplit (names, " ", -1);

  return g_strv_contains ((const char * const *)list, (const char *)node->name);
}

static void
md_element (Md      *md,
            xmlNode *node)
{
  const char *name = (const char *)node->name;

  if (name_is (node, "h1 h2 h3 h4 h5 h6"))
    md_heading (md, node);
  else if (name_is (node, "p div figcaption caption dt dd section article"))
    md_paragraph (md, node);
  else if (g_str_equal (name, "blockquote"))
    md_container (md, node, "> ");
  else if (name_is (node, "figure table thead tbody tfoot dl"))
    md_container (md, node, NULL);
  else if (name_is (node, "ul ol"))
    md_list (md, node);
  else if (g_str_equal (name, "li"))
    md_list_item (md, node, "- ");
  else if (g_str_equal (name, "tr"))
    md_table_row (md, node);
  else if (g_str_equal (name, "pre") && md->flatten == 0)
    md_code_block (md, node);
  else if (name_is (node, "code kbd pre"))
    md_code_span (md, node);
  else if (g_str_equal (name, "math"))
    md_math (md, node);
  else if (g_str_equal (name, "hr"))
    {
      md_block_start (md);
      md_markup (md, md->flatten > 0 ? "" : "* * *");
    }
  else if (name_is (node, "em i cite"))
    md_inline (md, node, "*");
  else if (name_is (node, "strong b"))
    md_inline (md, node, "**");
  else if (g_str_equal (name, "a"))
    md_link (md, node);
  else if (g_str_equal (name, "img"))
    md_image (md, node);
  else if (g_str_equal (name, "br"))
    md_break (md);
  else
    md_children (md, node);
}

static void
md_children (Md      *md,
             xmlNode *node)
{
  if (++md->depth > MAX_DEPTH)
    {
      /* Deeper than anything real: its text, without structure. */
      g_autofree char *text = (char *)xmlNodeGetContent (node);

      md_text (md, text);
      md->depth--;
      return;
    }

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE && clip_export_is_separator (child))
        {
          md_close_mark (md);
          md->offset += clip_export_node_length (child);
        }
      else if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        md_text (md, (const char *)child->content);
      else if (child->type == XML_ELEMENT_NODE)
        md_element (md, child);
    }
  md->depth--;
}

/* Plain text as one Markdown line: newlines become spaces. */
static void
append_escaped_line (GString    *out,
                     const char *text)
{
  Md md = { 0 };

  md.out = out;
  md.in_para = TRUE;
  md.line_start = FALSE;
  md_text (&md, text);
}

static void
write_article_text (ClipExportContext *ctx,
                    ClipExportItem    *item,
                    GString           *out)
{
  const char *text = clip_article_get_text (item->article);
  glong length = clip_text_length (text);
  g_autofree int *owners = clip_export_owners (item, length);
  g_autoptr(GString) prefix = g_string_new (NULL);
  xmlNode *root = NULL;
  htmlDocPtr doc = clip_export_parse_content (clip_article_get_content_html (item->article), &root);
  Md md = { 0 };

  md.ctx = ctx;
  md.out = out;
  md.prefix = prefix;
  md.owners = owners;
  md.length = length;
  md.line_start = TRUE;
  if (root != NULL)
    md_children (&md, root);
  md_close_mark (&md);
  g_string_append_c (out, '\n');
  if (doc != NULL)
    xmlFreeDoc (doc);
}

/* The annotations, a section per kind */

/* A note keeps its line breaks: each line ends in a hard break (two
 * spaces, which CommonMark, pandoc and Obsidian all read) and goes on
 * indented, inside the list item. */
static void
write_multiline (GString    *out,
                 const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean first = TRUE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      if (!first)
        g_string_append (out, "  \n    ");
      append_escaped_line (out, lines[i]);
      first = FALSE;
    }
}

static void
write_detail (GString    *out,
              const char *label,
              const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;
  g_string_append_printf (out, "  - %s: ", label);
  write_multiline (out, value);
  g_string_append_c (out, '\n');
}

static void
write_quoted (GString    *out,
              const char *exact)
{
  g_string_append (out, "\u201c");
  append_escaped_line (out, exact);
  g_string_append (out, "\u201d");
}

/* What every kind shows under its item: the note, the tags, and
 * whether the passage is still in the text (never character offsets,
 * which mean nothing to a reader). */
static void
write_common (ClipAnnotation *annotation,
              GString        *out)
{
  g_autofree char *tags = g_strjoinv (", ", (GStrv)clip_annotation_get_tags (annotation));

  write_detail (out, _("Note"), clip_annotation_get_note (annotation));
  write_detail (out, _("Tags"), tags);
  if (clip_annotation_get_orphaned (annotation))
    write_detail (out, _("Position"), _("not found in the current text"));
}

static void
write_highlight (ClipExportContext *ctx,
                 ClipAnnotation    *annotation,
                 GString           *out)
{
  g_string_append (out, "- ==");
  append_escaped_line (out, clip_annotation_get_exact (annotation));
  g_string_append (out, "==\n");
  write_detail (out, _("Colour"), clip_export_color_name (ctx, clip_annotation_get_color (annotation)));
}

static void
write_quote (ClipExportContext *ctx,
             ClipAnnotation    *annotation,
             GString           *out)
{
  const char *speaker = clip_annotation_get_speaker_name (annotation);
  const char *status = clip_annotation_get_quote_status (annotation);

  g_string_append (out, "- ");
  write_quoted (out, clip_annotation_get_exact (annotation));
  g_string_append (out, " \u2014 ");
  append_escaped_line (out, speaker != NULL ? speaker : _("unknown"));
  g_string_append_printf (out, " (%s)\n", g_strcmp0 (status, "verified") == 0 ? _("verified") : _("unverified"));
}

static void
write_entity (ClipExportContext *ctx,
              ClipAnnotation    *annotation,
              GString           *out)
{
  const char *name = clip_annotation_get_entity_name (annotation);
  const char *kind = clip_annotation_get_entity_kind (annotation);

  g_string_append (out, "- ");
  append_escaped_line (out, name != NULL ? name : clip_annotation_get_exact (annotation));
  g_string_append_printf (out, " (%s): ", kind != NULL ? kind : "other");
  write_quoted (out, clip_annotation_get_exact (annotation));
  g_string_append_c (out, '\n');
}

static void
write_note (ClipExportContext *ctx,
            ClipAnnotation    *annotation,
            GString           *out)
{
  g_string_append (out, "- ");
  write_quoted (out, clip_annotation_get_exact (annotation));
  g_string_append_c (out, '\n');
}

typedef void (*WriteAnnotation) (ClipExportContext *ctx,
                                 ClipAnnotation    *annotation,
                                 GString           *out);

/* One section for one kind, its items in reading order (the order of
 * item->annotations, orphans last). */
static void
write_section (ClipExportContext  *ctx,
               ClipExportItem     *item,
               ClipAnnotationKind  kind,
               const char         *heading,
               WriteAnnotation     write,
               GString            *out)
{
  gboolean any = FALSE;

  for (guint i = 0; i < item->annotations->len; i++)
    {
      ClipAnnotation *annotation = g_ptr_array_index (item->annotations, i);

      if (clip_annotation_get_kind (annotation) != kind)
        continue;
      if (!any)
        g_string_append_printf (out, "\n## %s\n\n", heading);
      any = TRUE;
      write (ctx, annotation, out);
      write_common (annotation, out);
    }
}

static void
write_annotations (ClipExportContext *ctx,
                   ClipExportItem    *item,
                   GString           *out)
{
  write_section (ctx, item, CLIP_ANNOTATION_HIGHLIGHT, _("Highlights"), write_highlight, out);
  write_section (ctx, item, CLIP_ANNOTATION_QUOTE, _("Quotes"), write_quote, out);
  write_section (ctx, item, CLIP_ANNOTATION_ENTITY, _("Entities"), write_entity, out);
  write_section (ctx, item, CLIP_ANNOTATION_NOTE, _("Notes"), write_note, out);
}

/* Under the title, the line the reader shows there (site, date as people
 * read it, byline); it starts a line, so "25. März" is no list item. */
static void
write_meta_line (ClipArticle *article,
                 GString     *out)
{
  g_autofree char *meta = clip_article_dup_meta_line (article);
  Md md = { 0 };

  if (meta[0] == '\0')
    return;
  md.out = out;
  md.in_para = TRUE;
  md.line_start = TRUE;
  g_string_append_c (out, '\n');
  md_text (&md, meta);
  g_string_append_c (out, '\n');
}

static gboolean
markdown_item (ClipExportContext  *ctx,
               ClipExportItem     *item,
               GString            *out,
               GError            **error)
{
  const char *title = clip_article_get_title (item->article);

  if (item->index > 0)
    g_string_append_c (out, '\n');
  write_front_matter (ctx, item, out);
  g_string_append (out, "\n# ");
  append_escaped_line (out, title != NULL && title[0] != '\0' ? title : _("Untitled clipping"));
  g_string_append (out, "\n");
  write_meta_line (item->article, out);

  write_annotations (ctx, item, out);

  if (!ctx->omit_text)
    {
      g_string_append_printf (out, "\n## %s\n\n", _("Article"));
      write_article_text (ctx, item, out);
    }

  return TRUE;
}

static void
nothing (ClipExportContext *ctx,
         GString           *out)
{
}

const ClipExportWriter clip_export_markdown_writer = { nothing, markdown_item, nothing };
