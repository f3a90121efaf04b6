/* clip-extract-private.h: what the parts of the extractor share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/tree.h>
#include <glib.h>

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

NodeInfo *clip_extract_node_info   (Grab       *grab,
                                    xmlNode    *node);
/* Removes node, keeping the counts of its ancestors right. */
void      clip_extract_remove_node (Grab       *grab,
                                    xmlNode    *node);
/* The subtree's text, whitespace collapsed, up to limit bytes. */
char     *clip_extract_node_text   (xmlNode    *node,
                                    gsize       limit);
gboolean  clip_extract_is_tag      (const xmlNode *node,
                                    const char    *name);

/* clip-extract-trim.c */
void      clip_extract_trim        (Grab       *grab);

G_END_DECLS
