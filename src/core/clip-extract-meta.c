/* clip-extract-meta.c: what a page says about its article: meta tags, JSON-LD,
 * the title without the site name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>

#include "clip-extract-private.h"
#include "clip-json.h"

#define MAX_HEADINGS 200

/* Metadata. */

void
clip_extract_page_meta_clear (PageMeta *meta)
{
  g_clear_pointer (&meta->values, g_hash_table_unref);
  g_free (meta->title);
  g_free (meta->lang);
  g_free (meta->dir);
  g_free (meta->canonical);
  g_free (meta->base_href);
  g_free (meta->time);
  g_free (meta->item_published);
  g_free (meta->h1);
  g_clear_pointer (&meta->headings, g_ptr_array_unref);
  g_clear_pointer (&meta->json_ld, g_ptr_array_unref);
}


void
clip_extract_json_meta_clear (JsonMeta *meta)
{
  g_free (meta->title);
  g_free (meta->byline);
  g_free (meta->excerpt);
  g_free (meta->site_name);
  g_free (meta->published);
  g_free (meta->image);
}


static void
set_value (PageMeta   *meta,
           const char *key,
           const char *content)
{
  g_hash_table_replace (meta->values, g_strdup (key), clip_extract_normalize_space (content));
}

/* property="og:title article:author" may name several properties. */
static void
read_meta_property (PageMeta   *meta,
                    const char *property,
                    const char *content)
{
  static const char * const prefixes[] = { "article", "dc", "dcterm", "og", "twitter", NULL };
  static const char * const names[] = {
    "author", "creator", "description", "published_time", "title", "site_name", "image", "url", NULL,
  };
  g_autofree char *lower = g_ascii_strdown (property, -1);
  g_auto(GStrv) parts = g_strsplit_set (lower, " \t\n", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (parts[i], ":", 2);

      if (pair[0] != NULL && pair[1] != NULL &&
          g_strv_contains (prefixes, pair[0]) && g_strv_contains (names, pair[1]))
        set_value (meta, parts[i], content);
    }
}

static void
read_meta_name (PageMeta   *meta,
                const char *name,
                const char *content)
{
  static const char * const prefixes[] = {
    "dc", "dcterm", "og", "twitter", "parsely", "weibo:article", "weibo:webpage", NULL,
  };
  static const char * const names[] = {
    "author", "creator", "pub-date", "description", "title", "site_name", "image", NULL,
  };
  g_autoptr(GString) key = g_string_new (NULL);

  /* Lowercased, without spaces, dots as colons. */
  for (const char *p = name; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        continue;
      g_string_append_c (key, *p == '.' ? ':' : g_ascii_tolower (*p));
    }

  if (g_strv_contains (names, key->str))
    {
      set_value (meta, key->str, content);
      return;
    }

  for (guint i = 0; prefixes[i] != NULL; i++)
    {
      gsize n = strlen (prefixes[i]);
      const char *rest;

      if (strncmp (key->str, prefixes[i], n) != 0 || (key->str[n] != ':' && key->str[n] != '-'))
        continue;
      rest = key->str + n + 1;
      if (g_strv_contains (names, rest))
        {
          g_autofree char *normal = g_strconcat (prefixes[i], ":", rest, NULL);

          /* parsely-author and parsely-pub-date keep their dash. */
          if (g_str_equal (prefixes[i], "parsely"))
            {
              g_free (normal);
              normal = g_strconcat ("parsely-", rest, NULL);
            }
          set_value (meta, normal, content);
        }
    }
}

static void
read_meta (PageMeta *meta,
           xmlNode  *node)
{
  const char *content = clip_extract_attr (node, "content");
  const char *property = clip_extract_attr (node, "property");
  const char *name = clip_extract_attr (node, "name");
  const char *itemprop = clip_extract_attr (node, "itemprop");

  if (content == NULL)
    return;

  if (property != NULL)
    read_meta_property (meta, property, content);
  if (name != NULL)
    read_meta_name (meta, name, content);
  if (itemprop != NULL && g_str_equal (itemprop, "datePublished") && meta->item_published == NULL)
    meta->item_published = clip_extract_dup_clean (content);
}

static void
read_link (PageMeta *meta,
           xmlNode  *node)
{
  const char *rel = clip_extract_attr (node, "rel");
  const char *href = clip_extract_attr (node, "href");

  if (rel != NULL && href != NULL && g_ascii_strcasecmp (rel, "canonical") == 0 &&
      meta->canonical == NULL)
    meta->canonical = clip_extract_dup_clean (href);
}

static void
read_heading (PageMeta *meta,
              xmlNode  *node)
{
  char *text;

  if (meta->headings->len >= MAX_HEADINGS)
    return;

  text = clip_extract_node_text (node, 4096);
  if (clip_extract_is_tag (node, "h1"))
    {
      meta->n_h1++;
      if (meta->h1 == NULL)
        meta->h1 = g_strdup (text);
    }
  g_ptr_array_add (meta->headings, text);
}

static void
read_element (PageMeta *meta,
              xmlNode  *node)
{
  const char *name = (const char *)node->name;

  if (g_str_equal (name, "meta"))
    read_meta (meta, node);
  else if (g_str_equal (name, "link"))
    read_link (meta, node);
  else if (g_str_equal (name, "title") && meta->title == NULL)
    meta->title = clip_extract_node_text (node, 4096);
  else if (g_str_equal (name, "h1") || g_str_equal (name, "h2"))
    read_heading (meta, node);
  else if (g_str_equal (name, "base") && meta->base_href == NULL && clip_extract_attr (node, "href") != NULL)
    meta->base_href = clip_extract_dup_clean (clip_extract_attr (node, "href"));
  else if (g_str_equal (name, "time") && meta->time == NULL && clip_extract_attr (node, "datetime") != NULL)
    meta->time = clip_extract_dup_clean (clip_extract_attr (node, "datetime"));
  else if (g_str_equal (name, "script"))
    {
      const char *type = clip_extract_attr (node, "type");

      if (type != NULL && g_ascii_strcasecmp (type, "application/ld+json") == 0)
        {
          g_autoptr(GString) text = g_string_new (NULL);

          clip_extract_append_text (node, text, G_MAXSIZE);
          g_ptr_array_add (meta->json_ld, g_string_free (g_steal_pointer (&text), FALSE));
        }
    }
  else if (g_str_equal (name, "html"))
    {
      if (meta->lang == NULL && clip_extract_attr (node, "lang") != NULL)
        meta->lang = clip_extract_dup_clean (clip_extract_attr (node, "lang"));
      if (meta->dir == NULL && clip_extract_attr (node, "dir") != NULL)
        meta->dir = clip_extract_dup_clean (clip_extract_attr (node, "dir"));
    }
}

void
clip_extract_read_page_meta (PageMeta *meta,
                             xmlDoc   *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  meta->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  meta->headings = g_ptr_array_new_with_free_func (g_free);
  meta->json_ld = g_ptr_array_new_with_free_func (g_free);

  if (root == NULL)
    return;

  /* Scripts are read as data here, so the walk enters them. */
  for (xmlNode *node = root; node != NULL; node = clip_extract_next_node (node, root, FALSE))
    {
      if (node->type == XML_ELEMENT_NODE)
        read_element (meta, node);
    }
}

const char *
clip_extract_meta_value (PageMeta   *meta,
                         const char *key)
{
  const char *value = g_hash_table_lookup (meta->values, key);

  return value != NULL && value[0] != '\0' ? value : NULL;
}

/* JSON-LD. */

static gboolean
is_article_type (const char *type)
{
  static const char * const types[] = {
    "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle",
    "AskPublicNewsArticle", "BackgroundNewsArticle", "OpinionNewsArticle",
    "ReportageNewsArticle", "ReviewNewsArticle", "Report", "SatiricalArticle",
    "ScholarlyArticle", "MedicalScholarlyArticle", "SocialMediaPosting",
    "BlogPosting", "LiveBlogPosting", "DiscussionForumPosting", "TechArticle",
    NULL,
  };

  if (type == NULL)
    return FALSE;

  return g_str_has_prefix (type, "Article") || g_str_has_suffix (type, "APIReference") ||
         clip_extract_contains_any (type, types);
}

static const char *
object_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonObject *
object_object (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonObject *
find_article_in_array (JsonArray *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (item) &&
          is_article_type (object_string (json_node_get_object (item), "@type")))
        return json_node_get_object (item);
    }

  return NULL;
}

static gboolean
is_schema_org (const char *context)
{
  return context != NULL &&
         (g_str_equal (context, "http://schema.org") || g_str_equal (context, "https://schema.org") ||
          g_str_equal (context, "http://schema.org/") || g_str_equal (context, "https://schema.org/"));
}

static gboolean
has_schema_context (JsonObject *object)
{
  return is_schema_org (object_string (object, "@context")) ||
         is_schema_org (object_string (object_object (object, "@context"), "@vocab"));
}

static char *
json_authors (JsonObject *object)
{
  JsonNode *author = json_object_get_member (object, "author");
  g_autoptr(GPtrArray) names = NULL;
  JsonArray *array;

  if (author == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (author))
    return clip_extract_dup_clean (object_string (json_node_get_object (author), "name"));
  if (!JSON_NODE_HOLDS_ARRAY (author))
    return NULL;

  array = json_node_get_array (author);
  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      const char *name = JSON_NODE_HOLDS_OBJECT (item) ? object_string (json_node_get_object (item), "name") : NULL;

      if (name != NULL)
        g_ptr_array_add (names, clip_extract_normalize_space (name));
    }
  if (names->len == 0)
    return NULL;

  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **)names->pdata);
}

static char *
json_image (JsonObject *object)
{
  JsonNode *image = json_object_get_member (object, "image");

  if (image == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (image) && json_array_get_length (json_node_get_array (image)) > 0)
    image = json_array_get_element (json_node_get_array (image), 0);
  if (JSON_NODE_HOLDS_VALUE (image) && json_node_get_value_type (image) == G_TYPE_STRING)
    return clip_extract_dup_clean (json_node_get_string (image));
  if (JSON_NODE_HOLDS_OBJECT (image))
    return clip_extract_dup_clean (object_string (json_node_get_object (image), "url"));

  return NULL;
}


static void
read_json_article (JsonMeta   *out,
                   JsonObject *article,
                   PageMeta   *page)
{
  const char *name = object_string (article, "name");
  const char *headline = object_string (article, "headline");

  if (name != NULL && headline != NULL && !g_str_equal (name, headline))
    {
      g_autofree char *title = clip_extract_get_article_title (page);
      gboolean name_matches = clip_extract_text_similarity (name, title) > 0.75;
      gboolean headline_matches = clip_extract_text_similarity (headline, title) > 0.75;

      out->title = clip_extract_dup_clean (headline_matches && !name_matches ? headline : name);
    }
  else
    out->title = clip_extract_dup_clean (name != NULL ? name : headline);

  out->byline = json_authors (article);
  out->excerpt = clip_extract_dup_clean (object_string (article, "description"));
  out->site_name = clip_extract_dup_clean (object_string (object_object (article, "publisher"), "name"));
  out->published = clip_extract_dup_clean (object_string (article, "datePublished"));
  out->image = json_image (article);
}

static gboolean
read_json_ld_script (JsonMeta   *out,
                     const char *text,
                     PageMeta   *page)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  JsonNode *root;
  JsonObject *object = NULL;

  if (g_str_has_prefix (stripped, "<![CDATA["))
    memset (stripped, ' ', strlen ("<![CDATA["));
  if (g_str_has_suffix (stripped, "]]>"))
    stripped[strlen (stripped) - 3] = '\0';

  if (!clip_json_parser_load (parser, stripped, -1, NULL))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    object = find_article_in_array (json_node_get_array (root));
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    object = json_node_get_object (root);

  if (object == NULL || !has_schema_context (object))
    return FALSE;

  if (json_object_get_member (object, "@type") == NULL)
    {
      JsonNode *graph = json_object_get_member (object, "@graph");

      if (graph != NULL && JSON_NODE_HOLDS_ARRAY (graph))
        object = find_article_in_array (json_node_get_array (graph));
    }

  if (object == NULL || !is_article_type (object_string (object, "@type")))
    return FALSE;

  read_json_article (out, object, page);
  return TRUE;
}

void
clip_extract_read_json_ld (JsonMeta *out,
                           PageMeta *page)
{
  for (guint i = 0; i < page->json_ld->len; i++)
    {
      if (read_json_ld_script (out, g_ptr_array_index (page->json_ld, i), page))
        return;
    }
}

/* Titles. */

static guint
word_count (const char *text)
{
  g_auto(GStrv) words = g_regex_split_simple ("\\s+", text, 0, 0);
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    n += words[i][0] != '\0';

  return n;
}

static gboolean
is_title_separator (const char *p)
{
  return strchr ("|-\\/>", *p) != NULL || g_str_has_prefix (p, "»") ||
         g_str_has_prefix (p, "–") || g_str_has_prefix (p, "—");
}

/* The position of the last " sep " in title, or NULL. */
static const char *
last_separator (const char *title,
                gboolean    hierarchical_only)
{
  const char *found = NULL;

  for (const char *p = title; *p != '\0'; p++)
    {
      const char *q;

      if (*p != ' ' || !is_title_separator (p + 1))
        continue;
      if (hierarchical_only && strchr ("\\/>", p[1]) == NULL && !g_str_has_prefix (p + 1, "»"))
        continue;
      q = g_utf8_next_char (p + 1);
      if (*q == ' ')
        found = p;
    }

  return found;
}

static const char *
first_separator (const char *title)
{
  for (const char *p = title; *p != '\0'; p++)
    {
      if (*p == ' ' && is_title_separator (p + 1) && *g_utf8_next_char (p + 1) == ' ')
        return p;
    }

  return NULL;
}

static gboolean
heading_equals (PageMeta   *meta,
                const char *text)
{
  for (guint i = 0; i < meta->headings->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (meta->headings, i), text))
        return TRUE;
    }

  return FALSE;
}

/* The title from <title>, without the site name that pages append or
 * prepend, as Readability reads it. */
char *
clip_extract_get_article_title (PageMeta *meta)
{
  g_autofree char *original = g_strdup (meta->title != NULL ? meta->title : "");
  g_autofree char *current = g_strdup (original);
  gboolean hierarchical = FALSE;
  const char *sep;

  if ((sep = last_separator (original, FALSE)) != NULL)
    {
      hierarchical = last_separator (original, TRUE) != NULL;
      g_free (current);
      current = g_strndup (original, sep - original);
      if (word_count (current) < 3)
        {
          const char *first = first_separator (original);

          g_free (current);
          current = g_strdup (g_utf8_next_char (first + 1) + 1);
        }
    }
  else if (strstr (original, ": ") != NULL)
    {
      if (!heading_equals (meta, original))
        {
          const char *last = strrchr (original, ':');
          const char *first = strchr (original, ':');

          g_free (current);
          current = g_strdup (last + 1);
          if (word_count (current) < 3)
            {
              g_free (current);
              current = g_strdup (first + 1);
            }
          else
            {
              g_autofree char *before = g_strndup (original, first - original);

              if (word_count (before) > 5)
                {
                  g_free (current);
                  current = g_strdup (original);
                }
            }
        }
    }
  else if ((g_utf8_strlen (original, -1) > 150 || g_utf8_strlen (original, -1) < 15) &&
           meta->n_h1 == 1)
    {
      g_free (current);
      current = g_strdup (meta->h1);
    }

  {
    g_autofree char *trimmed = clip_extract_normalize_space (current);
    guint words = word_count (trimmed);

    if (words <= 4)
      {
        g_autoptr(GRegex) seps = g_regex_new ("[\\|\\-\\\\/>»]+", 0, 0, NULL);
        g_autofree char *bare = g_regex_replace_literal (seps, original, -1, 0, "", 0, NULL);

        if (!hierarchical || words != word_count (bare) - 1)
          return clip_extract_normalize_space (original);
      }

    return g_steal_pointer (&trimmed);
  }
}

/* Entities left in metadata by double escaping. */
static char *
unescape_entities (const char *text)
{
  static const struct { const char *name; const char *value; } named[] = {
    { "&quot;", "\"" }, { "&amp;", "&" }, { "&apos;", "'" }, { "&lt;", "<" }, { "&gt;", ">" },
  };
  GString *out;

  if (text == NULL || strchr (text, '&') == NULL)
    return g_strdup (text);

  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0';)
    {
      gboolean done = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (named) && *p == '&'; i++)
        {
          if (g_str_has_prefix (p, named[i].name))
            {
              g_string_append (out, named[i].value);
              p += strlen (named[i].name);
              done = TRUE;
              break;
            }
        }

      if (!done && p[0] == '&' && p[1] == '#')
        {
          gboolean hex = p[2] == 'x' || p[2] == 'X';
          char *end;
          guint64 c = g_ascii_strtoull (p + (hex ? 3 : 2), &end, hex ? 16 : 10);

          if (*end == ';' && end > p + (hex ? 3 : 2))
            {
              gunichar u = c > 0x10FFFF || c == 0 || (c >= 0xD800 && c <= 0xDFFF) ? 0xFFFD : (gunichar)c;

              g_string_append_unichar (out, u);
              p = end + 1;
              done = TRUE;
            }
        }

      if (!done)
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

const char *
clip_extract_first_of (const char *a,
                       const char *b,
                       const char *c,
                       const char *d)
{
  return a != NULL ? a : b != NULL ? b : c != NULL ? c : d;
}

static gboolean
looks_like_url (const char *text)
{
  return text != NULL && (g_str_has_prefix (text, "http://") || g_str_has_prefix (text, "https://"));
}

void
clip_extract_set_unescaped (ClipArticle *article,
                            void       (*setter) (ClipArticle *, const char *),
                            const char  *value)
{
  g_autofree char *unescaped = unescape_entities (value);
  g_autofree char *clean = clip_extract_dup_clean (unescaped);

  if (clean != NULL)
    setter (article, clean);
}

void
clip_extract_apply_meta (ClipArticle *article,
                         PageMeta    *page,
                         JsonMeta    *json,
                         const char  *content_byline)
{
  g_autofree char *fallback_title = NULL;
  const char *title;
  const char *byline;
  const char *author = clip_extract_meta_value (page, "article:author");

  title = clip_extract_first_of (json->title, clip_extract_meta_value (page, "dc:title"), clip_extract_meta_value (page, "dcterm:title"),
                    clip_extract_first_of (clip_extract_meta_value (page, "og:title"), clip_extract_meta_value (page, "weibo:article:title"),
                              clip_extract_meta_value (page, "weibo:webpage:title"),
                              clip_extract_first_of (clip_extract_meta_value (page, "title"), clip_extract_meta_value (page, "twitter:title"), NULL, NULL)));
  if (title == NULL)
    title = fallback_title = clip_extract_get_article_title (page);
  clip_extract_set_unescaped (article, clip_article_set_title, title);

  byline = clip_extract_first_of (json->byline, clip_extract_meta_value (page, "dc:creator"), clip_extract_meta_value (page, "dcterm:creator"),
                     clip_extract_first_of (clip_extract_meta_value (page, "author"), clip_extract_meta_value (page, "parsely-author"),
                               looks_like_url (author) ? NULL : author, content_byline));
  clip_extract_set_unescaped (article, clip_article_set_byline, byline);

  clip_extract_set_unescaped (article, clip_article_set_excerpt,
                 clip_extract_first_of (json->excerpt, clip_extract_meta_value (page, "dc:description"), clip_extract_meta_value (page, "dcterm:description"),
                           clip_extract_first_of (clip_extract_meta_value (page, "og:description"), clip_extract_meta_value (page, "weibo:article:description"),
                                     clip_extract_meta_value (page, "weibo:webpage:description"),
                                     clip_extract_first_of (clip_extract_meta_value (page, "description"), clip_extract_meta_value (page, "twitter:description"), NULL, NULL))));
  clip_extract_set_unescaped (article, clip_article_set_site_name,
                 clip_extract_first_of (json->site_name, clip_extract_meta_value (page, "og:site_name"), NULL, NULL));
  clip_extract_set_unescaped (article, clip_article_set_published,
                 clip_extract_first_of (json->published, clip_extract_meta_value (page, "article:published_time"),
                           clip_extract_meta_value (page, "parsely-pub-date"),
                           clip_extract_first_of (page->item_published, clip_extract_meta_value (page, "dc:date"), page->time, NULL)));
  if (page->lang != NULL)
    clip_article_set_lang (article, page->lang);
}

/* The first paragraph's text, for pages without a description. */
char *
clip_extract_first_paragraph (const char *content_html)
{
  const char *start = strstr (content_html, "<p>");
  const char *end;
  g_autofree char *inner = NULL;
  g_autoptr(GRegex) tags = NULL;
  g_autofree char *text = NULL;

  if (start == NULL)
    return NULL;
  start += 3;
  end = strstr (start, "</p>");
  if (end == NULL)
    return NULL;

  inner = g_strndup (start, end - start);
  tags = g_regex_new ("<[^>]*>", 0, 0, NULL);
  text = g_regex_replace_literal (tags, inner, -1, 0, "", 0, NULL);
  return unescape_entities (text);
}
