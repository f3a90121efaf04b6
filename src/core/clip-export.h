/* clip-export.h: annotated clippings to the formats people take them to,
 * and W3C Web Annotations back in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "clip-store.h"

G_BEGIN_DECLS

#define CLIP_EXPORT_ERROR (clip_export_error_quark ())

typedef enum {
  CLIP_EXPORT_ERROR_FAILED,
  CLIP_EXPORT_ERROR_INVALID,   /* input that is not what it should be */
} ClipExportError;

typedef enum {
  CLIP_EXPORT_MARKDOWN,
  CLIP_EXPORT_HTML,
  CLIP_EXPORT_JSONLD,
  CLIP_EXPORT_CSV,
  CLIP_EXPORT_RIS,
  CLIP_EXPORT_BIBTEX,
  CLIP_EXPORT_CSLJSON,
  CLIP_EXPORT_HYPOTHESIS,
} ClipExportFormat;

typedef struct {
  /* The meanings of colours 1 to 5, as the reader named them; NULL (or
   * a shorter list) falls back to the default names. */
  const char * const *color_names;
  /* Markdown and HTML: only the metadata and the annotations. */
  gboolean            omit_text;
  /* The access date of citations when an article has no capture time,
   * and the time stamp of a JSON-LD collection; NULL means now. */
  const char         *now;
  /* Markdown: the folder, relative to the Markdown file, where images
   * saved with the clippings go (such as "Title" beside "Title.md"),
   * and the array (of ClipExportAttachment) the export appends them to
   * for the caller to write there (clip_export_save_attachments). When
   * either is NULL (standard output), a saved image is written as a
   * plain link to the address it was saved from. An image that was
   * never saved is always a plain link, never an embed: opening the
   * file must fetch nothing. */
  const char         *attachments_dir;
  GPtrArray          *attachments;
  /* CSV: start with a UTF-8 byte order mark, by which spreadsheets
   * (Excel above all) tell UTF-8 from the system's code page. */
  gboolean            byte_order_mark;
} ClipExportOptions;

/* An image to write beside an export. */
typedef struct {
  char   *path;        /* relative to the export's folder: "Title/1.png" */
  char   *mime_type;
  GBytes *data;
} ClipExportAttachment;

void        clip_export_attachment_free   (ClipExportAttachment *attachment);

GQuark      clip_export_error_quark       (void);

/* "md", "html", "jsonld", "csv", "ris", "bibtex", "csljson", "hypothesis" (and a few
 * long forms: "markdown", "json-ld", "bib", "csl-json"). */
gboolean    clip_export_format_from_string (const char       *name,
                                            ClipExportFormat *format);
const char *clip_export_format_to_string  (ClipExportFormat  format);
/* The usual file name extension, without the dot. */
const char *clip_export_format_extension  (ClipExportFormat  format);
const char *clip_export_format_mime_type  (ClipExportFormat  format);

/* The default meaning of colour 1 to 5, translated; NULL out of range. */
const char *clip_export_default_color_name (guint            color);

/* Writes the articles (gint64 ids, in this order) with their annotations,
 * read from the store. Markdown writes one document per article, each
 * with its own front matter, one after the other; HTML one page with an
 * <article> per clipping; JSON-LD one AnnotationCollection; CSV one row
 * per annotation; RIS, BibTeX and CSL-JSON one record per article. */
gboolean    clip_export_write             (ClipStore               *store,
                                           GArray                  *article_ids,
                                           ClipExportFormat         format,
                                           const ClipExportOptions *options,
                                           GOutputStream           *out,
                                           GCancellable            *cancellable,
                                           GError                 **error);
GBytes     *clip_export_to_bytes          (ClipStore               *store,
                                           GArray                  *article_ids,
                                           ClipExportFormat         format,
                                           const ClipExportOptions *options,
                                           GError                 **error);

/* Writes each attachment under dir (the folder of the exported file),
 * making its folders; an existing file is replaced only when replace
 * is TRUE. */
gboolean    clip_export_save_attachments  (GPtrArray               *attachments,
                                           GFile                   *dir,
                                           gboolean                 replace,
                                           GCancellable            *cancellable,
                                           GError                 **error);
/* The folder name for the attachments of an export file: its name
 * without the extension ("notes.md" → "notes"). */
char       *clip_export_attachments_dir_for (const char            *path);

/* A file name made from a title: no path separators, no leading dots,
 * no control characters, at most 80 bytes of UTF-8 cut on a character
 * boundary, never empty; extension (without the dot) may be NULL. */
char       *clip_export_safe_filename     (const char              *title,
                                           const char              *extension);

/* What an import did. messages holds one line per skipped or invalid
 * annotation, saying which and why. */
typedef struct {
  guint      imported;   /* anchored where their quote is, and stored */
  guint      orphaned;   /* stored, but their quote is not in the text */
  guint      skipped;    /* valid, but for no clipping in the library */
  guint      invalid;    /* not valid W3C Web Annotations */
  GPtrArray *messages;   /* char * */
  guint      fuzzy;      /* stored where a fuzzy match placed them: their
                          * quote is not in the text as given */
} ClipAnnotationImportReport;

void        clip_annotation_import_report_init  (ClipAnnotationImportReport *report);
void        clip_annotation_import_report_clear (ClipAnnotationImportReport *report);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ClipAnnotationImportReport, clip_annotation_import_report_clear)

/* Imports W3C Web Annotation JSON-LD: one Annotation, an array, an
 * AnnotationPage or an AnnotationCollection with embedded pages. Each
 * annotation whose target is a clipping of the library (by its source
 * URL, or the urn:clippings: name our export gives clippings without
 * one) is anchored onto that clipping's text and stored; one that cannot
 * be anchored is stored as an orphan. The import is one transaction:
 * when the library cannot be written (locked, full, damaged) nothing is
 * imported and FALSE is returned with that error, as when the data is
 * not JSON. Annotations that are invalid are counted and described in
 * the report, and the valid ones are imported all the same. */
gboolean    clip_import_annotations       (ClipStore                  *store,
                                           const char                 *json,
                                           gssize                      length,
                                           ClipAnnotationImportReport *report,
                                           GError                    **error);

/* An annotation as a quote ready to cite: “text,” Speaker, “Title,”
 * Site, date, URL (the parts that are known). */
char *clip_export_quote_citation (ClipArticle    *article,
                                  ClipAnnotation *annotation);

G_END_DECLS
