/* fuzz-extract.c: any bytes as a web page to the extractor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "clip-extract.h"
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
  g_auto(ClipExtractInfo) info = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = NULL;
  g_autofree char *text = NULL;

  article = clip_extract_html ((const char *)data, size, NULL,
                               "https://example.com/news/story.html",
                               CLIP_EXTRACT_FLAGS_NONE, &info, &error);
  FUZZ_CHECK ((article == NULL) == (error != NULL));
  if (article == NULL)
    return 0;

  /* The one rule of DESIGN.md: the text is the content's text walk. */
  text = clip_text_from_html (clip_article_get_content_html (article), NULL);
  FUZZ_CHECK (text != NULL);
  FUZZ_CHECK (g_strcmp0 (text, clip_article_get_text (article)) == 0);
  FUZZ_CHECK (g_utf8_validate (clip_article_get_title (article), -1, NULL));
  return 0;
}
