/* clip-import-html.c: an HTML document as an article, through the
 * extractor (main content, metadata, encodings, sanitizing)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "clip-extract.h"
#include "clip-import.h"

/* The extractor's errors, as the importer's. */
static void
set_import_error (GError  *extract_error,
                  GError **error)
{
  ClipImportError code = CLIP_IMPORT_ERROR_NO_CONTENT;

  if (g_error_matches (extract_error, CLIP_EXTRACT_ERROR, CLIP_EXTRACT_ERROR_EMPTY))
    code = CLIP_IMPORT_ERROR_EMPTY;
  else if (g_error_matches (extract_error, CLIP_EXTRACT_ERROR, CLIP_EXTRACT_ERROR_TOO_LARGE))
    code = CLIP_IMPORT_ERROR_TOO_LARGE;

  g_set_error_literal (error, CLIP_IMPORT_ERROR, code, extract_error->message);
}

/* A page without a title is named after its first block, cut at a word. */
static char *
title_from_text (const char *text)
{
  const char *end = strstr (text, "\n\n");
  g_autofree char *line = end ? g_strndup (text, end - text) : g_strdup (text);
  const char *cut;

  /* A line break inside the first block reads as a space in a title. */
  g_strdelimit (line, "\n", ' ');
  if (g_utf8_strlen (line, -1) <= 80)
    return g_steal_pointer (&line);

  cut = g_utf8_offset_to_pointer (line, 80);
  while (cut > line && *cut != ' ')
    cut--;
  if (cut == line)
    cut = g_utf8_offset_to_pointer (line, 80);
  return g_strdup_printf ("%.*s…", (int)(cut - line), line);
}

ClipArticle *
clip_import_html (const char  *data,
                  gsize        length,
                  const char  *base_url,
                  GError     **error)
{
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(ClipExtractInfo) info = { 0 };

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The full extractor: main content, metadata, encodings, sanitizing. */
  article = clip_extract_html (data != NULL ? data : "", length, NULL, base_url,
                               CLIP_EXTRACT_FLAGS_NONE, &info, &local_error);
  if (article == NULL)
    {
      set_import_error (local_error, error);
      return NULL;
    }

  if (clip_article_get_title (article)[0] == '\0')
    {
      g_autofree char *title = title_from_text (clip_article_get_text (article));
      clip_article_set_title (article, title);
    }

  clip_article_set_lead_image_url (article, info.lead_image_url);
  original = g_bytes_new (data, length);
  clip_article_set_original (article, original, "text/html");
  clip_article_set_source_kind (article, "html");

  return g_steal_pointer (&article);
}
