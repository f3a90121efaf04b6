/* fuzz-import-text.c: any bytes as pasted plain text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "clip-import.h"
#include "clip-text.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = NULL;
  g_autofree char *text = NULL;

  article = clip_import_plain_text ((const char *)data, size, &error);
  FUZZ_CHECK ((article == NULL) == (error != NULL));
  if (article == NULL)
    return 0;

  text = clip_text_from_html (clip_article_get_content_html (article), NULL);
  FUZZ_CHECK (g_strcmp0 (text, clip_article_get_text (article)) == 0);
  FUZZ_CHECK (g_utf8_validate (clip_article_get_title (article), -1, NULL));
  return 0;
}
