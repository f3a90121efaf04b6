/* clip-extract.h: a web page to a clean article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "clip-article.h"

G_BEGIN_DECLS

#define CLIP_EXTRACT_ERROR (clip_extract_error_quark ())

typedef enum {
  CLIP_EXTRACT_ERROR_EMPTY,       /* no bytes, or only whitespace */
  CLIP_EXTRACT_ERROR_TOO_LARGE,   /* over CLIP_EXTRACT_MAX_SIZE */
  CLIP_EXTRACT_ERROR_PARSE,       /* not readable as HTML at all */
  CLIP_EXTRACT_ERROR_NO_CONTENT,  /* parsed, but no readable text */
  CLIP_EXTRACT_ERROR_READ,        /* a file that cannot be read */
} ClipExtractError;

#define CLIP_EXTRACT_MAX_SIZE (64 * 1024 * 1024)

typedef enum {
  CLIP_EXTRACT_FLAGS_NONE = 0,
  /* Skip the main-content search: the whole readable text of the page. */
  CLIP_EXTRACT_FLAGS_WHOLE_PAGE = 1 << 0,
} ClipExtractFlags;

/* What the article fields do not say about an extraction. */
typedef struct {
  /* FALSE when no article was found and the content is the page's whole
   * readable text. */
  gboolean article_found;
  /* The charset the page was read in, such as "UTF-8" or "windows-1251". */
  char *encoding;
  /* og:image or the like, absolute; NULL when there is none. */
  char *lead_image_url;
  /* <link rel="canonical"> or og:url, absolute; NULL when there is none. */
  char *canonical_url;
  /* Absolute URLs of the images in the content, in order. */
  char **image_urls;
} ClipExtractInfo;

GQuark       clip_extract_error_quark (void);

void         clip_extract_info_clear  (ClipExtractInfo  *info);

/* Extracts the article of an HTML page. charset is the one the server
 * declared (Content-Type), or NULL; base_url resolves relative links and
 * images, and is the source URL when the page names no canonical one.
 * info, when not NULL, is filled in; clear it with
 * clip_extract_info_clear(). */
ClipArticle *clip_extract_html        (const char       *data,
                                       gsize             length,
                                       const char       *charset,
                                       const char       *base_url,
                                       ClipExtractFlags  flags,
                                       ClipExtractInfo  *info,
                                       GError          **error);

/* Reads an HTML file, decompressing it when it is gzip-compressed (by
 * its magic bytes, whatever its name). Errors are CLIP_EXTRACT_ERROR_READ
 * or GIO's. */
GBytes      *clip_extract_read_file   (GFile            *file,
                                       GCancellable     *cancellable,
                                       GError          **error);
/* Decompresses gzip data in memory; a truncated or corrupt stream is an
 * error. At most max_size bytes are produced. */
GBytes      *clip_extract_gunzip      (GBytes           *compressed,
                                       gsize             max_size,
                                       GError          **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ClipExtractInfo, clip_extract_info_clear)

G_END_DECLS
