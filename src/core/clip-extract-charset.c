/* clip-extract-charset.c: the bytes of a page to UTF-8, by its byte order mark, its
 * declared charset or a guess
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>

#include "clip-extract-private.h"

/* The HTML standard prescans 1024 bytes for a charset; pages with long
 * heads need a little more. */
#define CHARSET_SNIFF_LENGTH 8192

/* Character encodings. */

typedef struct {
  const char *label;
  const char *iconv_name;
} CharsetAlias;

/* WHATWG treats these labels as their supersets; iconv knows the
 * supersets by these names. */
static const CharsetAlias charset_aliases[] = {
  { "utf8", "UTF-8" },
  { "unicode-1-1-utf-8", "UTF-8" },
  { "utf-16", "UTF-8" },
  { "utf-16le", "UTF-8" },
  { "utf-16be", "UTF-8" },
  { "iso-8859-1", "WINDOWS-1252" },
  { "iso8859-1", "WINDOWS-1252" },
  { "latin1", "WINDOWS-1252" },
  { "l1", "WINDOWS-1252" },
  { "us-ascii", "WINDOWS-1252" },
  { "ascii", "WINDOWS-1252" },
  { "cp1252", "WINDOWS-1252" },
  { "gb2312", "GB18030" },
  { "gbk", "GB18030" },
  { "x-gbk", "GB18030" },
  { "gb_2312-80", "GB18030" },
  { "chinese", "GB18030" },
  { "csgb2312", "GB18030" },
  { "shift_jis", "CP932" },
  { "shift-jis", "CP932" },
  { "sjis", "CP932" },
  { "x-sjis", "CP932" },
  { "ms_kanji", "CP932" },
  { "windows-31j", "CP932" },
  { "csshiftjis", "CP932" },
  { "euc-kr", "CP949" },
  { "ks_c_5601-1987", "CP949" },
  { "big5", "BIG5-HKSCS" },
  { "tis-620", "CP874" },
  { "iso-8859-9", "WINDOWS-1254" },
};

/* The iconv name for a charset label, or NULL when iconv lacks it. */
static char *
charset_to_iconv (const char *label)
{
  g_autofree char *lower = NULL;
  GIConv conv;

  if (label == NULL)
    return NULL;

  lower = g_ascii_strdown (label, -1);
  g_strstrip (lower);
  if (lower[0] == '\0')
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (charset_aliases); i++)
    {
      if (g_str_equal (lower, charset_aliases[i].label))
        return g_strdup (charset_aliases[i].iconv_name);
    }

  if (g_str_equal (lower, "utf-8"))
    return g_strdup ("UTF-8");

  conv = g_iconv_open ("UTF-8", lower);
  if (conv == (GIConv)-1)
    return NULL;
  g_iconv_close (conv);

  return g_ascii_strup (lower, -1);
}

/* The charset of a <meta charset> or <meta http-equiv content>, found as
 * the HTML standard's prescan does, closely enough for real pages. */
static char *
sniff_meta_charset (const char *data,
                    gsize       length)
{
  g_autofree char *head = g_ascii_strdown (data, MIN (length, CHARSET_SNIFF_LENGTH));
  const char *p = head;

  while ((p = strstr (p, "<meta")) != NULL)
    {
      const char *end = strchr (p, '>');
      const char *charset = g_strstr_len (p, end != NULL ? end - p : -1, "charset");
      gsize n;

      p += strlen ("<meta");
      if (charset == NULL)
        continue;

      charset += strlen ("charset");
      charset += strspn (charset, " \t\n\r");
      if (*charset != '=')
        continue;
      charset++;
      charset += strspn (charset, "\"' \t\n\r");
      n = strcspn (charset, "\"'; />\t\n\r");
      if (n > 0)
        return g_strndup (charset, n);
    }

  return NULL;
}

/* Converts to UTF-8, replacing bytes that are invalid in the charset
 * with U+FFFD as browsers do, instead of failing. */
static char *
convert_lenient (const char *data,
                 gsize       length,
                 const char *charset,
                 gsize      *out_length)
{
  GIConv conv = g_iconv_open ("UTF-8", charset);
  GString *out;
  char *in = (char *)data;
  gsize in_left = length;
  char buffer[8192];

  if (conv == (GIConv)-1)
    return NULL;

  out = g_string_sized_new (length + length / 2);
  while (in_left > 0)
    {
      char *o = buffer;
      gsize o_left = sizeof buffer;
      gsize r = g_iconv (conv, &in, &in_left, &o, &o_left);

      g_string_append_len (out, buffer, o - buffer);
      if (r != (gsize)-1)
        continue;
      if (errno == E2BIG)
        continue;

      /* EILSEQ, or EINVAL for a sequence cut at the end. */
      g_string_append (out, "\xEF\xBF\xBD");
      in++;
      in_left--;
      g_iconv (conv, NULL, NULL, NULL, NULL);
    }

  g_iconv_close (conv);
  *out_length = out->len;
  return g_string_free (out, FALSE);
}


void
clip_extract_decoded_clear (Decoded *decoded)
{
  g_free (decoded->owned);
  g_free (decoded->encoding);
}


static void
decode_as (Decoded    *decoded,
           const char *data,
           gsize       length,
           const char *charset)
{
  gsize out_length = 0;
  char *converted = convert_lenient (data, length, charset, &out_length);

  if (converted == NULL)
    {
      converted = convert_lenient (data, length, "WINDOWS-1252", &out_length);
      charset = "WINDOWS-1252";
    }

  decoded->owned = converted;
  decoded->text = converted;
  decoded->length = out_length;
  decoded->encoding = g_strdup (charset);
}

static void
decode_utf8 (Decoded    *decoded,
             const char *data,
             gsize       length)
{
  decoded->encoding = g_strdup ("UTF-8");
  if (g_utf8_validate_len (data, length, NULL))
    {
      decoded->text = data;
      decoded->length = length;
      return;
    }

  decoded->owned = g_utf8_make_valid (data, length);
  decoded->text = decoded->owned;
  decoded->length = strlen (decoded->owned);
}

static gboolean
has_high_bytes (const char *data,
                gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if ((guchar)data[i] >= 0x80)
        return TRUE;
    }

  return FALSE;
}

/* The order of the HTML standard (byte order mark, transport charset,
 * <meta>), with one change: bytes that are valid UTF-8 beyond ASCII are
 * read as UTF-8 whatever the declaration says, because legacy text is
 * almost never valid UTF-8 by chance while pages re-saved as UTF-8 often
 * keep their old declaration. Undeclared pages that are not UTF-8 are
 * read as windows-1252, as browsers guess for them. */
void
clip_extract_decode (Decoded    *decoded,
                     const char *data,
                     gsize       length,
                     const char *http_charset)
{
  g_autofree char *declared = NULL;
  g_autofree char *meta = NULL;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      decode_utf8 (decoded, data + 3, length - 3);
      return;
    }
  if (length >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      decode_as (decoded, data + 2, length - 2, data[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE");
      return;
    }

  if (!has_high_bytes (data, length) || g_utf8_validate_len (data, length, NULL))
    {
      decode_utf8 (decoded, data, length);
      return;
    }

  declared = charset_to_iconv (http_charset);
  if (declared == NULL)
    {
      meta = sniff_meta_charset (data, length);
      declared = charset_to_iconv (meta);
    }

  if (declared == NULL)
    decode_as (decoded, data, length, "WINDOWS-1252");
  else if (g_str_equal (declared, "UTF-8"))
    decode_utf8 (decoded, data, length);
  else
    decode_as (decoded, data, length, declared);
}
