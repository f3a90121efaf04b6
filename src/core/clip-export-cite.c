/* clip-export-cite.c: CSV rows of annotations, and citations of the
 * articles in RIS, BibTeX and CSL-JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clip-byline.h"
#include "clip-export-private.h"

/* CSV (RFC 4180) */

static const char * const csv_columns[] = {
  "article_id", "title", "site", "published", "url", "annotation_id", "kind", "color",
  "color_meaning", "exact", "prefix", "suffix", "start", "end", "note", "tags", "speaker",
  "quote_status", "entity", "entity_kind", "orphaned", "created", NULL,
};

static gboolean
is_integer (const char *value)
{
  const char *p = value[0] == '-' ? value + 1 : value;

  if (*p == '\0')
    return FALSE;
  for (; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* A spreadsheet runs a cell that starts with = + - @ (or a tab or
 * carriage return before one) as a formula: =HYPERLINK(…) in a note
 * would be a live link, or worse. Such a cell is written with a
 * leading apostrophe, which spreadsheets show as text, as OWASP
 * advises; numbers (the ids and offsets we write) are left alone. */
static gboolean
is_formula (const char *value)
{
  return value[0] != '\0' && strchr ("=+-@\t\r", value[0]) != NULL && !is_integer (value);
}

static void
csv_field (GString    *out,
           const char *value,
           gboolean    last)
{
  g_autofree char *neutral = NULL;

  if (value == NULL)
    value = "";
  if (is_formula (value))
    value = neutral = g_strconcat ("'", value, NULL);

  if (strpbrk (value, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, value);

  g_string_append (out, last ? "\r\n" : ",");
}

static void
csv_begin (ClipExportContext *ctx,
           GString           *out)
{
  if (ctx->byte_order_mark)
    g_string_append (out, "\xEF\xBB\xBF");
  for (guint i = 0; csv_columns[i] != NULL; i++)
    csv_field (out, csv_columns[i], csv_columns[i + 1] == NULL);
}

static void
csv_row (ClipExportContext *ctx,
         ClipArticle       *article,
         ClipAnnotation    *annotation,
         GString           *out)
{
  g_autofree char *article_id = g_strdup_printf ("%lld", (long long)clip_article_get_id (article));
  g_autofree char *id = g_strdup_printf ("%lld", (long long)clip_annotation_get_id (annotation));
  g_autofree char *color = g_strdup_printf ("%u", clip_annotation_get_color (annotation));
  g_autofree char *start = g_strdup_printf ("%ld", clip_annotation_get_start (annotation));
  g_autofree char *end = g_strdup_printf ("%ld", clip_annotation_get_end (annotation));
  g_autofree char *tags = g_strjoinv (";", (GStrv)clip_annotation_get_tags (annotation));
  guint n = clip_annotation_get_color (annotation);
  const char *fields[] = {
    article_id, clip_article_get_title (article), clip_article_get_site_name (article),
    clip_article_get_published (article), clip_article_get_source_url (article), id,
    clip_annotation_kind_to_string (clip_annotation_get_kind (annotation)),
    n > 0 ? color : "", clip_export_color_name (ctx, n),
    clip_annotation_get_exact (annotation), clip_annotation_get_prefix (annotation),
    clip_annotation_get_suffix (annotation), start, end, clip_annotation_get_note (annotation),
    tags, clip_annotation_get_speaker_name (annotation), clip_annotation_get_quote_status (annotation),
    clip_annotation_get_entity_name (annotation), clip_annotation_get_entity_kind (annotation),
    clip_annotation_get_orphaned (annotation) ? "true" : "false",
    clip_annotation_get_created_at (annotation),
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (fields) == G_N_ELEMENTS (csv_columns) - 1);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    csv_field (out, fields[i], i + 1 == G_N_ELEMENTS (fields));
}

static gboolean
csv_item (ClipExportContext  *ctx,
          ClipExportItem     *item,
          GString            *out,
          GError            **error)
{
  for (guint i = 0; i < item->annotations->len; i++)
    csv_row (ctx, item->article, g_ptr_array_index (item->annotations, i), out);
  return TRUE;
}

static void
nothing (ClipExportContext *ctx,
         GString           *out)
{
}

const ClipExportWriter clip_export_csv_writer = { csv_begin, csv_item, nothing };

/* What the citations share */

static gboolean
is_newspaper (ClipArticle *article)
{
  const char *site = clip_article_get_site_name (article);

  return site != NULL && site[0] != '\0';
}

/* The access date: when the page was captured, else when it was saved. */
static const char *
accessed (ClipExportContext *ctx,
          ClipArticle       *article)
{
  const char *captured = clip_article_get_captured_at (article);
  const char *created = clip_article_get_created_at (article);

  if (captured != NULL && captured[0] != '\0')
    return captured;
  if (created != NULL && created[0] != '\0')
    return created;
  return ctx->now;
}

static gboolean
has_text (const char *value)
{
  return value != NULL && value[0] != '\0';
}

/* RIS */

/* One line per tag: line breaks in a value would end it. */
static void
ris_line (GString    *out,
          const char *tag,
          const char *value)
{
  if (!has_text (value))
    return;

  g_string_append_printf (out, "%s  - ", tag);
  for (const char *p = value; *p != '\0'; p++)
    g_string_append_c (out, (*p == '\r' || *p == '\n') ? ' ' : *p);
  g_string_append (out, "\r\n");
}

static char *
ris_date (const char *iso)
{
  int y, m, d;

  if (!clip_export_parse_date (iso, &y, &m, &d))
    return NULL;
  if (m == 0)
    return g_strdup_printf ("%04d///", y);
  if (d == 0)
    return g_strdup_printf ("%04d/%02d//", y, m);
  return g_strdup_printf ("%04d/%02d/%02d/", y, m, d);
}

/* One N1 note per annotation, so that the reading (what was marked,
 * who said it, whether that was checked, what the colour meant and
 * the reader's note) arrives in Zotero with the citation. */
static char *
ris_note (ClipExportContext *ctx,
          ClipAnnotation    *annotation)
{
  GString *note = g_string_new (NULL);
  const char *exact = clip_annotation_get_exact (annotation);
  const char *meaning = clip_export_color_name (ctx, clip_annotation_get_color (annotation));
  const char *speaker = clip_annotation_get_speaker_name (annotation);
  const char *status = clip_annotation_get_quote_status (annotation);
  const char *entity = clip_annotation_get_entity_name (annotation);
  const char *text = clip_annotation_get_note (annotation);

  g_string_append_printf (note, "%s", clip_annotation_kind_to_string (clip_annotation_get_kind (annotation)));
  if (has_text (meaning))
    g_string_append_printf (note, " (%s)", meaning);
  g_string_append (note, ":");
  if (has_text (exact))
    g_string_append_printf (note, " \u201c%s\u201d", exact);
  if (has_text (speaker))
    g_string_append_printf (note, " \u2014 %s", speaker);
  if (has_text (status))
    g_string_append_printf (note, " [%s]", status);
  if (has_text (entity))
    g_string_append_printf (note, " [%s: %s]", clip_annotation_get_entity_kind (annotation), entity);
  if (has_text (text))
    g_string_append_printf (note, " Note: %s", text);
  if (clip_annotation_get_orphaned (annotation))
    g_string_append (note, " [not found in the current text]");
  return g_string_free (note, FALSE);
}

static void
ris_authors (GString     *out,
             ClipArticle *article)
{
  g_autoptr(GPtrArray) names = clip_byline_parse (clip_article_get_byline (article));

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *inverted = clip_byline_name_inverted (g_ptr_array_index (names, i));

      ris_line (out, "AU", inverted);
    }
}

static gboolean
ris_item (ClipExportContext  *ctx,
          ClipExportItem     *item,
          GString            *out,
          GError            **error)
{
  ClipArticle *article = item->article;
  g_autofree char *date = ris_date (clip_article_get_published (article));
  g_autofree char *access = ris_date (accessed (ctx, article));
  int y, m, d;

  ris_line (out, "TY", is_newspaper (article) ? "NEWS" : "ELEC");
  ris_line (out, "TI", clip_article_get_title (article));
  ris_authors (out, article);
  if (clip_export_parse_date (clip_article_get_published (article), &y, &m, &d))
    {
      g_autofree char *year = g_strdup_printf ("%04d", y);

      ris_line (out, "PY", year);
    }
  ris_line (out, "DA", date);
  ris_line (out, "T2", clip_article_get_site_name (article));
  ris_line (out, "UR", clip_export_safe_url (clip_article_get_source_url (article)));
  ris_line (out, "Y2", access);
  ris_line (out, "LA", clip_article_get_lang (article));
  ris_line (out, "AB", clip_article_get_excerpt (article));
  for (guint i = 0; item->tags[i] != NULL; i++)
    ris_line (out, "KW", item->tags[i]);
  for (guint i = 0; i < item->annotations->len; i++)
    {
      g_autofree char *note = ris_note (ctx, g_ptr_array_index (item->annotations, i));

      ris_line (out, "N1", note);
    }
  g_string_append (out, "ER  - \r\n\r\n");
  return TRUE;
}

const ClipExportWriter clip_export_ris_writer = { nothing, ris_item, nothing };

/* BibTeX. Special characters are escaped with TeX commands; other
 * characters, non-ASCII ones included, are kept as UTF-8, which biber,
 * biblatex and 8-bit BibTeX with inputenc all read. */

static void
bibtex_escape (GString    *out,
               const char *value)
{
  for (const char *p = value; p != NULL && *p != '\0'; p++)
    {
      switch (*p)
        {
        case '{': g_string_append (out, "\\{"); break;
        case '}': g_string_append (out, "\\}"); break;
        case '\\': g_string_append (out, "\\textbackslash{}"); break;
        case '%': g_string_append (out, "\\%"); break;
        case '&': g_string_append (out, "\\&"); break;
        case '$': g_string_append (out, "\\$"); break;
        case '#': g_string_append (out, "\\#"); break;
        case '_': g_string_append (out, "\\_"); break;
        case '^': g_string_append (out, "\\^{}"); break;
        case '~': g_string_append (out, "\\~{}"); break;
        case '\r': case '\n': case '\t': g_string_append_c (out, ' '); break;
        default: g_string_append_c (out, *p);
        }
    }
}

static void
bibtex_field (GString    *out,
              const char *name,
              const char *value,
              gboolean    keep_case)
{
  if (!has_text (value))
    return;

  g_string_append_printf (out, ",\n  %s = {%s", name, keep_case ? "{" : "");
  bibtex_escape (out, value);
  g_string_append_printf (out, "%s}", keep_case ? "}" : "");
}

/* URLs are verbatim in biblatex: only characters that would break the
 * braces or the entry are percent-encoded. */
static void
bibtex_url (GString    *out,
            const char *url)
{
  if (!has_text (url))
    return;

  g_string_append (out, ",\n  url = {");
  for (const char *p = url; *p != '\0'; p++)
    {
      if (strchr ("{}\\\" ", *p) != NULL || (guchar)*p < 0x20)
        g_string_append_printf (out, "%%%02X", (guchar)*p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '}');
}

/* Lower-case ASCII letters and digits of the first word of text. */
static void
append_key_word (GString    *key,
                 const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text != NULL ? text : "", "C");
  const char *p = ascii;

  while (*p == ' ')
    p++;
  for (; *p != '\0' && *p != ' '; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (key, g_ascii_tolower (*p));
}

/* The family name of the first person of the byline, else the first
 * organisation, for the citation key. */
static const char *
first_family (GPtrArray *names)
{
  ClipBylineName *first;

  if (names->len == 0)
    return NULL;
  first = g_ptr_array_index (names, 0);
  return first->family != NULL ? first->family : first->literal;
}

/* A citation key of ASCII letters and digits: the first author's
 * family name, the year, the first word of the title and the
 * clipping's id. It depends on the clipping alone, so a clipping keeps
 * its key whether it is exported alone or with others, and from one
 * export to the next; the id keeps keys unique in the library. */
static char *
bibtex_key (ClipExportItem *item)
{
  ClipArticle *article = item->article;
  g_autoptr(GPtrArray) names = clip_byline_parse (clip_article_get_byline (article));
  GString *key = g_string_new (NULL);
  int y, m, d;

  append_key_word (key, first_family (names));
  if (key->len == 0)
    g_string_append (key, "clipping");
  if (clip_export_parse_date (clip_article_get_published (article), &y, &m, &d))
    g_string_append_printf (key, "%d", y);
  append_key_word (key, clip_article_get_title (article));
  g_string_append_printf (key, "-%lld", (long long)clip_article_get_id (article));
  return g_string_free (key, FALSE);
}

/* "Family, Given and {{Organisation}}": an organisation, or a name
 * that cannot be split, is braced so that BibTeX takes it whole and
 * never as a family name with given names. */
static void
bibtex_authors (GString     *out,
                ClipArticle *article)
{
  g_autoptr(GPtrArray) names = clip_byline_parse (clip_article_get_byline (article));

  /* biblatex requires an author of an article: a report that names no
   * one (a wire story) is the publication's, as a corporate author. */
  if (names->len == 0 && has_text (clip_article_get_site_name (article)))
    {
      ClipBylineName *site = g_new0 (ClipBylineName, 1);

      site->kind = CLIP_BYLINE_ORGANISATION;
      site->literal = g_strdup (clip_article_get_site_name (article));
      g_ptr_array_add (names, site);
    }
  if (names->len == 0)
    return;
  g_string_append (out, ",\n  author = {");
  for (guint i = 0; i < names->len; i++)
    {
      ClipBylineName *name = g_ptr_array_index (names, i);
      g_autofree char *inverted = clip_byline_name_inverted (name);

      if (i > 0)
        g_string_append (out, " and ");
      if (name->family == NULL)
        g_string_append_c (out, '{');
      bibtex_escape (out, inverted);
      if (name->family == NULL)
        g_string_append_c (out, '}');
    }
  g_string_append_c (out, '}');
}

static char *
iso_date_only (const char *iso)
{
  int y, m, d;

  if (!clip_export_parse_date (iso, &y, &m, &d))
    return NULL;
  if (m == 0)
    return g_strdup_printf ("%04d", y);
  if (d == 0)
    return g_strdup_printf ("%04d-%02d", y, m);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

static const char * const months[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};

static gboolean
bibtex_item (ClipExportContext  *ctx,
             ClipExportItem     *item,
             GString            *out,
             GError            **error)
{
  ClipArticle *article = item->article;
  g_autofree char *key = bibtex_key (item);
  g_autofree char *date = iso_date_only (clip_article_get_published (article));
  g_autofree char *urldate = iso_date_only (accessed (ctx, article));
  g_autofree char *keywords = g_strjoinv (", ", item->tags);
  int y, m, d;

  /* @article with entrysubtype newspaper is what biblatex and pandoc
   * read as a newspaper article, and classic BibTeX takes @article
   * (with journal) and @misc without a warning. */
  g_string_append_printf (out, "@%s{%s", is_newspaper (article) ? "article" : "misc", key);
  if (is_newspaper (article))
    bibtex_field (out, "entrysubtype", "newspaper", FALSE);
  bibtex_field (out, "title", clip_article_get_title (article), TRUE);
  bibtex_authors (out, article);
  if (clip_export_parse_date (clip_article_get_published (article), &y, &m, &d))
    {
      g_autofree char *year = g_strdup_printf ("%04d", y);

      bibtex_field (out, "year", year, FALSE);
      /* The month as BibTeX's macro: classic styles print it, biber
       * and pandoc take it, and none of them reads a braced name. */
      if (m > 0)
        g_string_append_printf (out, ",\n  month = %s", months[m - 1]);
    }
  bibtex_field (out, "date", date, FALSE);
  bibtex_field (out, is_newspaper (article) ? "journal" : "organization",
                clip_article_get_site_name (article), TRUE);
  bibtex_url (out, clip_export_safe_url (clip_article_get_source_url (article)));
  bibtex_field (out, "urldate", urldate, FALSE);
  bibtex_field (out, "language", clip_article_get_lang (article), FALSE);
  bibtex_field (out, "keywords", keywords, FALSE);
  g_string_append (out, "\n}\n\n");
  return TRUE;
}

const ClipExportWriter clip_export_bibtex_writer = { nothing, bibtex_item, nothing };

/* CSL-JSON: an array of items, one per article. */

static void
csl_date (JsonBuilder *builder,
          const char  *member,
          const char  *iso)
{
  int parts[3];

  if (!clip_export_parse_date (iso, &parts[0], &parts[1], &parts[2]))
    return;

  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "date-parts");
  json_builder_begin_array (builder);
  json_builder_begin_array (builder);
  for (guint i = 0; i < 3 && parts[i] != 0; i++)
    json_builder_add_int_value (builder, parts[i]);
  json_builder_end_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
csl_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  if (!has_text (value))
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

/* A person with family and given names; an organisation, or a name
 * that cannot be split, as a literal. */
static void
csl_author (JsonBuilder          *builder,
            const ClipBylineName *name)
{
  json_builder_begin_object (builder);
  if (name->family == NULL)
    csl_string (builder, "literal", name->literal);
  else
    {
      csl_string (builder, "family", name->family);
      csl_string (builder, "given", name->given);
      csl_string (builder, "suffix", name->suffix);
    }
  json_builder_end_object (builder);
}

static JsonNode *
csl_node (ClipExportContext *ctx,
          ClipArticle       *article)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) authors = clip_byline_parse (clip_article_get_byline (article));
  g_autofree char *id = g_strdup_printf ("clipping-%lld", (long long)clip_article_get_id (article));

  json_builder_begin_object (builder);
  csl_string (builder, "id", id);
  csl_string (builder, "type", is_newspaper (article) ? "article-newspaper" : "webpage");
  csl_string (builder, "title", clip_article_get_title (article));
  if (authors->len > 0)
    {
      json_builder_set_member_name (builder, "author");
      json_builder_begin_array (builder);
      for (guint i = 0; i < authors->len; i++)
        csl_author (builder, g_ptr_array_index (authors, i));
      json_builder_end_array (builder);
    }
  csl_date (builder, "issued", clip_article_get_published (article));
  csl_string (builder, "container-title", clip_article_get_site_name (article));
  csl_string (builder, "URL", clip_export_safe_url (clip_article_get_source_url (article)));
  csl_date (builder, "accessed", accessed (ctx, article));
  csl_string (builder, "language", clip_article_get_lang (article));
  csl_string (builder, "abstract", clip_article_get_excerpt (article));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
csl_begin (ClipExportContext *ctx,
           GString           *out)
{
  g_string_append (out, "[");
}

static gboolean
csl_item (ClipExportContext  *ctx,
          ClipExportItem     *item,
          GString            *out,
          GError            **error)
{
  g_autoptr(JsonNode) node = csl_node (ctx, item->article);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *json = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  json = json_generator_to_data (generator, NULL);
  g_string_append_printf (out, "%s\n%s", item->index > 0 ? "," : "", json);
  return TRUE;
}

static void
csl_end (ClipExportContext *ctx,
         GString           *out)
{
  g_string_append (out, "\n]\n");
}

const ClipExportWriter clip_export_csljson_writer = { csl_begin, csl_item, csl_end };
