/* fuzz-sanitize.c: any bytes as an HTML fragment to the sanitizer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clip-sanitize.h"
#include "clip-text.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  return 0;
}

static gboolean
has_active_url (const char *html)
{
  g_autofree char *lower = g_ascii_strdown (html, -1);

  return strstr (lower, "javascript:") != NULL
         || strstr (lower, "vbscript:") != NULL
         || strstr (lower, "data:text/html") != NULL
         || strstr (lower, "<script") != NULL;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) urls = NULL;
  g_autofree char *html = NULL;
  g_autofree char *again = NULL;

  html = clip_sanitize_html ((const char *)data, size, "https://example.com/a/b.html",
                             NULL, NULL, &urls, &error);
  FUZZ_CHECK ((html == NULL) == (error != NULL));
  if (html == NULL)
    return 0;

  FUZZ_CHECK (g_utf8_validate (html, -1, NULL));
  for (guint i = 0; urls != NULL && urls[i] != NULL; i++)
    FUZZ_CHECK (g_str_has_prefix (urls[i], "http://") || g_str_has_prefix (urls[i], "https://"));

  /* Nothing that runs survives, as markup or as a URL. */
  FUZZ_CHECK (!has_active_url (html));

  /* The output is its own fixed point (clip-sanitize.h) and has a text. */
  again = clip_sanitize_html (html, -1, "https://example.com/a/b.html", NULL, NULL, NULL, NULL);
  FUZZ_CHECK (again != NULL);
  FUZZ_CHECK (strcmp (html, again) == 0);
  return 0;
}
