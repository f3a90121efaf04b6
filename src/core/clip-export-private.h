/* clip-export-private.h: what the exporters of each format share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "clip-export.h"

G_BEGIN_DECLS

#define CLIP_EXPORT_N_COLORS 5
#define CLIP_EXPORT_NS "https://clippings.github.io/ns#"

/* One clipping as the exporters see it. */
typedef struct {
  ClipArticle *article;       /* with its content */
  GPtrArray   *annotations;   /* ClipAnnotation, in text order, orphans last */
  GStrv        tags;
  guint        index;         /* 0-based, in the export */
} ClipExportItem;

typedef struct _ClipExportContext ClipExportContext;

struct _ClipExportContext {
  ClipStore        *store;
  ClipExportFormat  format;
  const char       *color_names[CLIP_EXPORT_N_COLORS];
  gboolean          omit_text;
  gboolean          byte_order_mark;
  char             *now;          /* ISO 8601, UTC */
  GHashTable       *entities;     /* id → ClipEntity */
  guint             n_items;
  GString          *buffer;       /* for formats that need everything first */
  const char       *attachments_dir;  /* Markdown: see ClipExportOptions */
  GPtrArray        *attachments;
  GHashTable       *attached;     /* asset id (gint64) → its path */
  gpointer          data;         /* the format's own state */
  GDestroyNotify    data_free;
};

/* Each format writes its opening, one item at a time and its close into
 * out; whatever is in out after each call goes to the stream. */
typedef struct {
  void     (*begin) (ClipExportContext *ctx,
                     GString           *out);
  gboolean (*item)  (ClipExportContext *ctx,
                     ClipExportItem    *item,
                     GString           *out,
                     GError           **error);
  void     (*end)   (ClipExportContext *ctx,
                     GString           *out);
} ClipExportWriter;

extern const ClipExportWriter clip_export_markdown_writer;
extern const ClipExportWriter clip_export_html_writer;
extern const ClipExportWriter clip_export_jsonld_writer;
extern const ClipExportWriter clip_export_csv_writer;
extern const ClipExportWriter clip_export_ris_writer;
extern const ClipExportWriter clip_export_bibtex_writer;
extern const ClipExportWriter clip_export_csljson_writer;
extern const ClipExportWriter clip_export_hypothesis_writer;

const char  *clip_export_color_name     (ClipExportContext *ctx,
                                         guint              color);
ClipEntity  *clip_export_lookup_entity  (ClipExportContext *ctx,
                                         gint64             id);
/* An article's source URL when it is a web address; NULL otherwise (no
 * export writes a javascript:, data: or other URL that a reader would
 * open or run). */
const char  *clip_export_safe_url       (const char        *url);
/* The asset id of a content image stored with its clipping
 * ("clip://asset/N"), or 0. */
gint64       clip_export_asset_id       (const char        *src);
/* The path of a saved image among ctx's attachments, added there the
 * first time; NULL when the export has no attachments folder or the
 * asset is not an image the library holds. */
const char  *clip_export_attach_asset   (ClipExportContext *ctx,
                                         gint64             asset_id);

/* The name an export gives a clipping without a source URL. */
char        *clip_export_article_urn    (ClipArticle       *article);
/* The target source of an article's annotations. */
char        *clip_export_article_source (ClipArticle       *article);

/* For each code point of the article text, the index in
 * item->annotations of the annotation shown there (the innermost, the
 * one that starts last), or -1. Orphans are not shown. */
int         *clip_export_owners         (ClipExportItem    *item,
                                         glong              length);

/* The content fragment parsed as the article view serves it; the root is
 * the wrapper element whose text is the article text. */
htmlDocPtr   clip_export_parse_content  (const char        *content_html,
                                         xmlNode          **root);
gboolean     clip_export_is_block       (xmlNode           *node);
/* A whitespace text node between blocks (the "\n\n" separators). */
gboolean     clip_export_is_separator   (xmlNode           *node);
/* The code points a subtree adds to the article text. */
glong        clip_export_node_length    (xmlNode           *node);

/* The name of the file an opened clipping was read from, without its
 * folders (a path says more about the exporter's disk than about the
 * source); NULL when it was not opened from a file. */
char        *clip_export_file_name      (ClipArticle       *article);
/* The year, month and day of an ISO 8601 date, 0 when absent. */
gboolean     clip_export_parse_date     (const char        *iso,
                                         int               *year,
                                         int               *month,
                                         int               *day);

G_END_DECLS
