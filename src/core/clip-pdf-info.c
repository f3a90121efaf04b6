/* clip-pdf-info.c: a PDF's document information (title, author)
 *
 * An incremental update (ISO 32000-1, 7.5.6) is appended: a new Info
 * object, a cross-reference section for it and a trailer pointing back
 * at the previous one. Nothing before it is rewritten.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "clip-export.h"
#include "clip-pdf-info.h"

/* The last occurrence of needle in the first len bytes of data. */
static const char *
find_last (const char *data,
           gsize       len,
           const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = len >= n ? len - n + 1 : 0; i > 0; i--)
    if (memcmp (data + i - 1, needle, n) == 0)
      return data + i - 1;
  return NULL;
}

/* A text string as UTF-16BE with a byte order mark, in hex: it holds
 * any character and needs no escaping. */
static void
append_text_string (GString    *out,
                    const char *value)
{
  g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (value, -1, NULL, NULL, NULL);

  g_string_append (out, "<FEFF");
  for (gunichar2 *p = utf16; p != NULL && *p != 0; p++)
    g_string_append_printf (out, "%04X", *p);
  g_string_append_c (out, '>');
}

/* Reads "/Key N" (and for a reference "/Key N G R") from the trailer. */
static gboolean
trailer_number (const char *trailer,
                gsize       len,
                const char *key,
                char      **reference)
{
  g_autofree char *text = g_strndup (trailer, len);
  g_autofree char *pattern = g_strdup_printf ("/%s\\s+(\\d+(?:\\s+\\d+\\s+R)?)", key);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match (regex, text, 0, &match))
    return FALSE;
  *reference = g_match_info_fetch (match, 1);
  return TRUE;
}

GBytes *
clip_pdf_info_update (GBytes      *pdf,
                      const char  *title,
                      const char  *author,
                      GError     **error)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (pdf, &len);
  const char *startxref = find_last (data, len, "startxref");
  const char *trailer = find_last (data, len, "trailer");
  g_autofree char *size = NULL;
  g_autofree char *root = NULL;
  GString *out;
  gint64 prev, object;
  gsize info_at, xref_at;

  g_return_val_if_fail (pdf != NULL, NULL);

  if (startxref == NULL || trailer == NULL || trailer > startxref ||
      !trailer_number (trailer, startxref - trailer, "Size", &size) ||
      !trailer_number (trailer, startxref - trailer, "Root", &root))
    {
      g_set_error_literal (error, CLIP_EXPORT_ERROR, CLIP_EXPORT_ERROR_INVALID,
                           _("The printed PDF has no cross-reference table"));
      return NULL;
    }
  prev = g_ascii_strtoll (startxref + strlen ("startxref"), NULL, 10);
  object = g_ascii_strtoll (size, NULL, 10);

  out = g_string_new_len (data, len);
  if (len > 0 && data[len - 1] != '\n')
    g_string_append_c (out, '\n');
  info_at = out->len;
  g_string_append_printf (out, "%" G_GINT64_FORMAT " 0 obj\n<<", object);
  if (title != NULL && title[0] != '\0')
    {
      g_string_append (out, "/Title ");
      append_text_string (out, title);
    }
  if (author != NULL && author[0] != '\0')
    {
      g_string_append (out, "/Author ");
      append_text_string (out, author);
    }
  g_string_append (out, "/Creator (Clippings)>>\nendobj\n");
  xref_at = out->len;
  g_string_append_printf (out, "xref\n%" G_GINT64_FORMAT " 1\n%010" G_GSIZE_FORMAT " 00000 n \n",
                          object, info_at);
  g_string_append_printf (out, "trailer\n<</Size %" G_GINT64_FORMAT " /Root %s /Info %" G_GINT64_FORMAT
                          " 0 R /Prev %" G_GINT64_FORMAT ">>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          object + 1, root, object, prev, xref_at);
  return g_string_free_to_bytes (out);
}
