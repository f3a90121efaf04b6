/* clip-import.h: turn a file, pasted text or pasted HTML into an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "clip-article.h"

G_BEGIN_DECLS

#define CLIP_IMPORT_ERROR (clip_import_error_quark ())

typedef enum {
  CLIP_IMPORT_ERROR_EMPTY,        /* nothing but whitespace */
  CLIP_IMPORT_ERROR_BINARY,       /* NUL bytes or not text at all */
  CLIP_IMPORT_ERROR_ENCODING,     /* text that is not valid UTF-8 */
  CLIP_IMPORT_ERROR_TOO_LARGE,    /* over CLIP_IMPORT_MAX_SIZE */
  CLIP_IMPORT_ERROR_NO_CONTENT,   /* parsed, but no readable text */
  CLIP_IMPORT_ERROR_UNSUPPORTED,  /* a kind of file we do not read */
} ClipImportError;

#define CLIP_IMPORT_MAX_SIZE (64 * 1024 * 1024)

GQuark       clip_import_error_quark (void);

/* Plain text as pasted from a news site: title line, dateline, source
 * line, caption, body paragraphs, and leftover navigation (dropped). */
ClipArticle *clip_import_plain_text (const char  *text,
                                     gssize       length,
                                     GError     **error);
/* An HTML document: title and body text (the full extractor comes later). */
ClipArticle *clip_import_html       (const char  *data,
                                     gsize        length,
                                     const char  *base_url,
                                     GError     **error);
/* Reads a file (.txt, .html, .htm, or sniffed) and imports it. The
 * original bytes are kept on the article (clip_article_set_original). */
ClipArticle *clip_import_file       (GFile       *file,
                                     GCancellable *cancellable,
                                     GError     **error);
/* Like clip_import_file(), and also reads MHTML snapshots (.mhtml, .mht,
 * or sniffed), whose images come back as ClipAsset in assets (an empty
 * array for other files). */
ClipArticle *clip_import_file_with_assets (GFile        *file,
                                           GCancellable *cancellable,
                                           GPtrArray   **assets,
                                           GError      **error);
/* Bytes from the clipboard or elsewhere, with their MIME type
 * ("text/html" or "text/plain"); NULL type sniffs. */
ClipArticle *clip_import_bytes      (GBytes      *bytes,
                                     const char  *mime_type,
                                     GError     **error);

/* A captured page: the DOM as its scripts left it (html), the address it
 * ended at, and the MHTML snapshot, kept as the untouched original. The
 * images of the article found in the snapshot are returned as ClipAsset
 * (clip-store.h) in assets. */
ClipArticle *clip_import_capture    (const char  *html,
                                     const char  *final_uri,
                                     guint        http_status,
                                     const char  *captured_at,
                                     GBytes      *mhtml,
                                     GPtrArray  **assets,
                                     GError     **error);

/* Called as each image of the article is looked for in the snapshot:
 * done of total so far. May be called from the thread that imports. */
typedef void (*ClipImportProgressFunc) (guint    done,
                                        guint    total,
                                        gpointer user_data);

/* clip_import_capture() that tells how far it has come. */
ClipArticle *clip_import_capture_with_progress (const char             *html,
                                                const char             *final_uri,
                                                guint                   http_status,
                                                const char             *captured_at,
                                                GBytes                 *mhtml,
                                                ClipImportProgressFunc  progress,
                                                gpointer                progress_data,
                                                GPtrArray             **assets,
                                                GError                **error);

G_END_DECLS
