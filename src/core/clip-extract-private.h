/* clip-extract-private.h: what the parts of the extractor share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/tree.h>
#include <glib.h>

#include "clip-article.h"

G_BEGIN_DECLS

/* An article shorter than this was probably not found. */
#define CHAR_THRESHOLD 500

enum {
  PASS_STRIP_UNLIKELY = 1 << 0,
  PASS_WEIGHT_CLASSES = 1 << 1,
  PASS_CLEAN_CONDITIONALLY = 1 << 2,
  PASS_ALL = 7,
};

enum {
  NODE_HAS_TEXT = 1 << 0,
  NODE_HAS_BLOCK = 1 << 1,
  NODE_SCORED = 1 << 2,
  NODE_DATA_TABLE = 1 << 3,
  NODE_HEADLINE = 1 << 4,
};

/* What the scoring and cleaning know of an element. Counts include the
 * element's whole subtree. */
typedef struct {
  float score;
  float link_len;
  guint32 text_len;
  guint32 commas;
  guint32 n_p;
  guint32 n_img;
  guint32 n_li;
  guint32 n_input;
  guint32 n_embed;
  guint32 heading_len;
  guint32 list_len;
  guint32 flags;
} NodeInfo;

/* One attempt at finding the article in a freshly parsed page. */
typedef struct {
  xmlDoc *doc;
  xmlNode *body;
  guint pass;
  const char *title;
  char **byline;          /* shared between attempts */
  GPtrArray *chunks;      /* NodeInfo blocks */
  guint chunk_used;
  GPtrArray *to_score;
  GPtrArray *candidates;
  GPtrArray *article;     /* the nodes that make the article */
  gboolean created_top;
  char *dir;
  /* The article's length before the second pass trimmed it. */
  guint32 untrimmed_length;
  /* The headline (or, once removed, its parent): the article's text
   * stands next to it. */
  xmlNode *title_anchor;
  /* Whether the chosen candidate holds the headline or stands by it. */
  gboolean by_headline;
} Grab;

typedef struct {
  GHashTable *values;     /* meta name -> content, the last one wins */
  char *title;            /* <title> */
  char *lang;
  char *dir;
  char *canonical;
  char *base_href;
  char *time;             /* the first <time datetime> */
  char *item_published;   /* itemprop="datePublished" */
  GPtrArray *headings;    /* h1 and h2 texts */
  char *h1;               /* the only h1's text, when there is one */
  guint n_h1;
  GPtrArray *json_ld;     /* script texts */
} PageMeta;

typedef struct {
  char *title;
  char *byline;
  char *excerpt;
  char *site_name;
  char *published;
  char *image;
} JsonMeta;

typedef struct {
  const char *text;   /* UTF-8 */
  gsize length;
  char *owned;
  char *encoding;     /* for the record */
} Decoded;

/* clip-extract.c: tree helpers */
gboolean     clip_extract_is_tag          (const xmlNode      *node,
                                           const char         *name);
/* An attribute's value without copying it; NULL when absent. */
const char  *clip_extract_attr            (const xmlNode      *node,
                                           const char         *name);
xmlNode     *clip_extract_next_node       (xmlNode            *node,
                                           xmlNode            *root,
                                           gboolean            skip_children);
void         clip_extract_append_text     (xmlNode            *root,
                                           GString            *out,
                                           gsize               limit);
/* The subtree's text, whitespace collapsed, up to limit bytes. */
char        *clip_extract_node_text       (xmlNode            *node,
                                           gsize               limit);
char        *clip_extract_normalize_space (const char         *text);
/* normalize_space(), or NULL when nothing is left. */
char        *clip_extract_dup_clean       (const char         *text);
gboolean     clip_extract_contains_any    (const char         *haystack,
                                           const char * const *needles);
/* The share of b's words that are also in a, by length. */
double       clip_extract_text_similarity (const char         *a,
                                           const char         *b);
NodeInfo    *clip_extract_node_info       (Grab               *grab,
                                           xmlNode            *node);
void         clip_extract_free_node       (xmlNode            *node);
gboolean     clip_extract_tag_in          (const xmlNode      *node,
                                           const char * const *names);
gboolean     clip_extract_is_heading      (const xmlNode      *node);
/* "class id", lowercased; NULL when the element has neither. */
char        *clip_extract_match_string    (const xmlNode      *node);
int          clip_extract_class_weight    (Grab               *grab,
                                           const xmlNode      *node);
gboolean     clip_extract_has_ancestor_tag (xmlNode           *node,
                                            const char        *name,
                                            int                max_depth);
/* Subtree statistics, bottom-up. */
void         clip_extract_compute_stats   (Grab               *grab,
                                           xmlNode            *root);
double       clip_extract_link_density    (Grab               *grab,
                                           xmlNode            *node);

/* clip-extract-score.c */
void         clip_extract_find_article    (Grab               *grab);
void         clip_extract_prepare_article (Grab               *grab);
guint32      clip_extract_article_length  (Grab               *grab);
/* Removes node, keeping the counts of its ancestors right. */
void         clip_extract_remove_node     (Grab               *grab,
                                           xmlNode            *node);

/* clip-extract-meta.c */
void         clip_extract_read_page_meta     (PageMeta    *meta,
                                              xmlDoc      *doc);
void         clip_extract_read_json_ld       (JsonMeta    *out,
                                              PageMeta    *page);
void         clip_extract_page_meta_clear    (PageMeta    *meta);
void         clip_extract_json_meta_clear    (JsonMeta    *meta);
const char  *clip_extract_meta_value         (PageMeta    *meta,
                                              const char  *key);
/* The title without the site's name, as Readability cleans it. */
char        *clip_extract_get_article_title  (PageMeta    *meta);
void         clip_extract_apply_meta         (ClipArticle *article,
                                              PageMeta    *page,
                                              JsonMeta    *json,
                                              const char  *content_byline);
/* The first of a to d that is not NULL. */
const char  *clip_extract_first_of           (const char  *a,
                                              const char  *b,
                                              const char  *c,
                                              const char  *d);
char        *clip_extract_first_paragraph    (const char  *content_html);
void         clip_extract_set_unescaped      (ClipArticle *article,
                                              void       (*setter) (ClipArticle *, const char *),
                                              const char  *value);

/* clip-extract-charset.c */
/* Decodes the page by its byte order mark, the server's charset, its
 * meta or a guess, in that order. */
void         clip_extract_decode             (Decoded     *decoded,
                                              const char  *data,
                                              gsize        length,
                                              const char  *http_charset);
void         clip_extract_decoded_clear      (Decoded     *decoded);

/* clip-extract-trim.c */
void         clip_extract_trim               (Grab        *grab);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Decoded, clip_extract_decoded_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PageMeta, clip_extract_page_meta_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JsonMeta, clip_extract_json_meta_clear)

G_END_DECLS
