/* clip-charset.c: bytes of unknown quality read as UTF-8 text
 *
 * Captured parts and files may be empty, truncated, in a legacy charset
 * or not text at all. Every reader of such bytes comes here, so that none
 * of them meets a NULL string or invalid UTF-8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clip-charset.h"

static gboolean
is_utf8_name (const char *charset)
{
  return g_ascii_strcasecmp (charset, "utf-8") == 0 ||
         g_ascii_strcasecmp (charset, "utf8") == 0 ||
         g_ascii_strcasecmp (charset, "us-ascii") == 0;
}

char *
clip_charset_to_utf8 (const char *data,
                      gsize       length,
                      const char *charset)
{
  if (data == NULL || length == 0)
    return g_strdup ("");

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
      charset = NULL;
    }

  if (charset != NULL && charset[0] != '\0' && !is_utf8_name (charset))
    {
      gsize written = 0;
      g_autofree char *converted = g_convert_with_fallback (data, length, "UTF-8", charset,
                                                            "\xef\xbf\xbd", NULL, &written, NULL);

      /* iconv's output is UTF-8, but NULs from the input stay in it. */
      if (converted != NULL)
        return g_utf8_make_valid (converted, written);
    }

  if (length == 0)
    return g_strdup ("");

  return g_utf8_make_valid (data, length);
}

char *
clip_charset_bytes_to_utf8 (GBytes     *bytes,
                            const char *charset)
{
  gsize length = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &length) : NULL;

  return clip_charset_to_utf8 (data, length, charset);
}

char *
clip_charset_of_css (const char *data,
                     gsize       length)
{
  static const char rule[] = "@charset \"";
  const char *start;
  const char *end;

  /* The rule counts only as the very first bytes, in exactly this form. */
  if (data == NULL || length <= sizeof rule - 1 || memcmp (data, rule, sizeof rule - 1) != 0)
    return NULL;

  start = data + sizeof rule - 1;
  end = memchr (start, '"', length - (start - data));
  if (end == NULL || end == start || end - start > 40)
    return NULL;

  for (const char *p = start; p < end; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != ':' && *p != '.')
      return NULL;

  return g_strndup (start, end - start);
}
