/* test-extract.c: the extractor and the sanitizer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <libxml/xmlmemory.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>

#include "clip-extract.h"
#include "clip-sanitize.h"
#include "clip-text.h"

/* Helpers. */

static char *
sanitize (const char *html)
{
  g_autoptr(GError) error = NULL;
  char *out = clip_sanitize_html (html, -1, "https://example.org/dir/page.html",
                                  NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return out;
}

static char *
text_of (const char *content_html)
{
  g_autoptr(GError) error = NULL;
  char *text = clip_text_from_html (content_html, &error);

  g_assert_no_error (error);
  return text;
}

/* Sanitizes html and checks the output and its text walk. */
static void
assert_sanitized (const char *html,
                  const char *expected_html,
                  const char *expected_text)
{
  g_autofree char *out = sanitize (html);
  g_autofree char *text = text_of (out);
  g_autofree char *again = sanitize (out);

  if (expected_html != NULL)
    g_assert_cmpstr (out, ==, expected_html);
  if (expected_text != NULL)
    g_assert_cmpstr (text, ==, expected_text);
  /* Sanitizing is idempotent: stored content can be sanitized again. */
  g_assert_cmpstr (again, ==, out);
}

static char *
fixture_path (const char *name)
{
  const char *dir = g_getenv ("CLIP_FIXTURES_DIR");

  if (dir != NULL)
    return g_build_filename (dir, "extract", name, NULL);
  return g_test_build_filename (G_TEST_DIST, "fixtures", "extract", name, NULL);
}

static ClipArticle *
extract_fixture (const char      *name,
                 const char      *charset,
                 ClipExtractInfo *info)
{
  g_autofree char *path = fixture_path (name);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  ClipArticle *article;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_no_error (error);
  article = clip_extract_html (data, length, charset, "https://courier.example/news/harbour-bridge?utm=1",
                               CLIP_EXTRACT_FLAGS_NONE, info, &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);
  return article;
}

static gboolean
contains (const char *haystack,
          const char *needle)
{
  return haystack != NULL && strstr (haystack, needle) != NULL;
}

/* Sanitizer: the allowlist. */

static void
test_sanitize_blocks (void)
{
  assert_sanitized ("<h1>Top</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4><h5>Five</h5><h6>Six</h6>",
                    "<h2>Top</h2>\n\n<h2>Two</h2>\n\n<h3>Three</h3>\n\n<h4>Four</h4>\n\n<h5>Five</h5>\n\n<h6>Six</h6>",
                    "Top\n\nTwo\n\nThree\n\nFour\n\nFive\n\nSix");
  assert_sanitized ("<p>One</p><p>Two</p>", "<p>One</p>\n\n<p>Two</p>", "One\n\nTwo");
  assert_sanitized ("<ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>",
                    "<ul><li>a</li>\n\n<li>b</li></ul>\n\n<ol><li>c</li></ol>",
                    "a\n\nb\n\nc");
  assert_sanitized ("<blockquote><p>Said.</p><p>More.</p></blockquote>",
                    "<blockquote><p>Said.</p>\n\n<p>More.</p></blockquote>",
                    "Said.\n\nMore.");
  assert_sanitized ("<figure><img src=\"a.png\" alt=\"A\"><figcaption>Cap</figcaption></figure><p>After</p>",
                    "<figure><img src=\"https://example.org/dir/a.png\" alt=\"A\">"
                    "<figcaption>Cap</figcaption></figure>\n\n<p>After</p>",
                    "Cap\n\nAfter");
  assert_sanitized ("<p>x</p><hr><p>y</p>", "<p>x</p><hr>\n\n<p>y</p>", "x\n\ny");
}

static void
test_sanitize_inline (void)
{
  assert_sanitized ("<p><em>e</em> <strong>s</strong> <i>i</i> <b>b</b> <u>u</u> <s>s</s> "
                    "<sub>1</sub> <sup>2</sup> <small>sm</small> <mark>m</mark> <q>q</q> "
                    "<cite>c</cite> <abbr title=\"T\">A</abbr> <time datetime=\"2024-01-02\">d</time> "
                    "<code>c</code> <kbd>k</kbd></p>",
                    "<p><em>e</em> <strong>s</strong> <i>i</i> <b>b</b> <u>u</u> <s>s</s> "
                    "<sub>1</sub> <sup>2</sup> <small>sm</small> <mark>m</mark> <q>q</q> "
                    "<cite>c</cite> <abbr title=\"T\">A</abbr> <time datetime=\"2024-01-02\">d</time> "
                    "<code>c</code> <kbd>k</kbd></p>",
                    "e s i b u s 1 2 sm m q c A d c k");
  /* Unknown elements are unwrapped, their text kept. */
  assert_sanitized ("<p><span class=\"x\">in <font color=red>span</font></span></p>",
                    "<p>in span</p>", "in span");
}

static void
test_sanitize_links (void)
{
  assert_sanitized ("<p><a href=\"/x?a=1&amp;b=2\">rel</a> <a href=\"https://o.example/\">abs</a> "
                    "<a href=\"mailto:a@example.org\">mail</a></p>",
                    "<p><a href=\"https://example.org/x?a=1&amp;b=2\">rel</a> "
                    "<a href=\"https://o.example/\">abs</a> <a href=\"mailto:a@example.org\">mail</a></p>",
                    "rel abs mail");
  assert_sanitized ("<p><a href=\"javascript:alert(1)\">js</a> <a href=\" JaVa\nScRipt:alert(1)\">js2</a> "
                    "<a href=\"data:text/html,x\">data</a> <a href=\"vbscript:x\">vb</a> <a name=\"n\">name</a></p>",
                    "<p>js js2 data vb name</p>", "js js2 data vb name");
}

static void
test_sanitize_images (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) urls = NULL;
  g_autofree char *out = NULL;

  assert_sanitized ("<p>a <img src=\"javascript:x\"> <img src=\"data:image/png;base64,AA\"> "
                    "<img data-src=\"/lazy.jpg\" src=\"data:image/gif;base64,R0\"> b</p>",
                    "<p>a <img src=\"https://example.org/lazy.jpg\"> b</p>", "a  b");

  out = clip_sanitize_html ("<p><img src=\"http://a.example/1.png\"><img src=\"2.png\"></p><p>t</p>", -1,
                            "https://b.example/", NULL, NULL, &urls, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (urls), ==, 2);
  g_assert_cmpstr (urls[0], ==, "http://a.example/1.png");
  g_assert_cmpstr (urls[1], ==, "https://b.example/2.png");
}

static char *
asset_cb (const char *url,
          gpointer    user_data)
{
  guint *n = user_data;

  return g_strdup_printf ("clip://asset/%u", ++*n);
}

static void
test_sanitize_image_rewrite (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  guint n = 0;

  out = clip_sanitize_html ("<p>x<img src=\"https://a.example/1.png\" alt=\"one\"></p>", -1, NULL,
                            asset_cb, &n, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "<p>x<img src=\"clip://asset/1\" alt=\"one\"></p>");
}

static void
test_sanitize_tables (void)
{
  assert_sanitized ("<table class=\"t\" style=\"x\"><thead><tr><th colspan=\"2\">H</th></tr></thead>"
                    "<tbody><tr><td rowspan=\"3\" onclick=\"x()\">a</td><td colspan=\"x\">b</td></tr></tbody></table>",
                    "<table><thead><tr><th colspan=\"2\">H</th></tr></thead>\n\n"
                    "<tbody><tr><td rowspan=\"3\">a</td>\n\n<td>b</td></tr></tbody></table>",
                    "H\n\na\n\nb");
  /* Text outside cells would be moved out of the table by a browser. */
  assert_sanitized ("<table><tr><td>in</td></tr></table>", "<table><tr><td>in</td></tr></table>", "in");
  /* Nested tables stay inside their cell. */
  assert_sanitized ("<table><tr><td>a<table><tr><td>b</td></tr></table></td></tr></table>",
                    NULL, "a\n\nb");
}

static void
test_sanitize_whitespace (void)
{
  assert_sanitized ("  <p>  one \n\t two   </p>\n\n  <p> three <b> four </b> five </p> ",
                    "<p>one two</p>\n\n<p>three <b>four</b> five</p>", "one two\n\nthree four five");
  assert_sanitized ("<p>line<br>next<br><br><br><br>far</p><p><br>lead</p>",
                    "<p>line<br>\nnext<br>\n<br>\nfar</p>\n\n<p>lead</p>", "line\nnext\n\nfar\n\nlead");
  /* Loose text at the top gets a paragraph; block boundaries inside
   * phrasing elements still separate blocks. */
  assert_sanitized ("loose <em>text</em><div>block</div>tail",
                    "<p>loose <em>text</em></p>\n\n<p>block</p>\n\n<p>tail</p>", "loose text\n\nblock\n\ntail");
  assert_sanitized ("<p>a<div>b</div>c</p>", NULL, "a\n\nb\n\nc");
  assert_sanitized ("<p>non&nbsp;breaking</p>", NULL, "non\xc2\xa0" "breaking");
  assert_sanitized ("<p></p><p> </p><div><span></span></div><p>only</p>", "<p>only</p>", "only");
}

static void
test_sanitize_pre (void)
{
  /* Browsers drop a newline right after <pre> and libxml2 does not: none
   * is written there, so both read the same text. */
  assert_sanitized ("<pre>\n\nint x;\n  y = 1;\n\n</pre><p>after</p>",
                    "<pre>int x;\n  y = 1;</pre>\n\n<p>after</p>", "int x;\n  y = 1;\n\nafter");
  assert_sanitized ("<pre><code>a  b\n\tc</code></pre>", "<pre><code>a  b\n\tc</code></pre>", "a  b\n\tc");
}

static void
test_sanitize_escaping (void)
{
  assert_sanitized ("<p>1 &lt; 2 &amp;&amp; 3 &gt; 2 \"q\" 'a'</p>",
                    "<p>1 &lt; 2 &amp;&amp; 3 &gt; 2 \"q\" 'a'</p>", "1 < 2 && 3 > 2 \"q\" 'a'");
  assert_sanitized ("<p><a href='https://e.example/?q=\"x\"&lt;'>q</a></p>",
                    "<p><a href=\"https://e.example/?q=&quot;x&quot;&lt;\">q</a></p>", "q");
}

static void
test_sanitize_hostile (void)
{
  g_autofree char *out = sanitize (
    "<p onclick=\"evil()\" style=\"color:red\" class=\"c\" id=\"i\">ok</p>"
    "<script>alert('script')</script><style>p{}</style><template><p>tpl</p></template>"
    "<noscript><p>noscript</p></noscript><iframe src=\"https://e.example/\">frame</iframe>"
    "<object data=\"x\">object</object><embed src=\"x\">"
    "<form action=\"/post\"><input value=\"input\"><textarea>textarea</textarea>"
    "<select><option>option</option></select><button>button</button>label</form>"
    "<svg><script>alert('svg')</script><text>svgtext</text></svg><math><mi>mathtext</mi></math>"
    "<p><img src=x onerror=\"alert(1)\"><a href=\"https://ok.example/\" onmouseover=\"x()\" target=\"_blank\">link</a></p>"
    "<div><div><p>unclosed <b>bold <i>italic</div> after"
    "<table><tr><td><table><tr><td>deep</td></tr></table></td></tr></table>");
  g_autofree char *text = text_of (out);

  for (const char *bad = "script\0style\0tpl\0noscript\0frame\0object\0input\0textarea\0option\0"
                         "button\0svg\0onclick\0onerror\0onmouseover\0class=\0id=\0style=\0"
                         "target\0<iframe\0<form\0<embed\0";
       *bad != '\0'; bad += strlen (bad) + 1)
    {
      if (contains (out, bad))
        g_error ("“%s” survived: %s", bad, out);
    }

  g_assert_true (contains (text, "ok"));
  g_assert_true (contains (text, "label"));
  g_assert_true (contains (out, "<math><mi>mathtext</mi></math>"));
  g_assert_true (contains (text, "unclosed bold italic"));
  g_assert_true (contains (text, "deep"));
  g_assert_true (contains (out, "<a href=\"https://ok.example/\">link</a>"));
}

/* MathML is kept as math, element by element from its own allowlist,
 * with attributes that only lay it out; nothing in it loads, links, runs
 * or reacts, and its text (no spaces between tokens) is the text. */
static void
test_sanitize_mathml (void)
{
  g_autofree char *out = sanitize (
    "<p>Area <math display=\"block\" onclick=\"x()\" style=\"color:red\" href=\"https://e.example/\">\n"
    "  <mi mathvariant=\"bold\" xlink:href=\"javascript:alert(1)\"> A </mi>\n  <mo>=</mo>\n"
    "  <msup><mi>r</mi><mn>2</mn></msup>\n"
    "  <maction actiontype=\"toggle\"><mi>t</mi><mi>u</mi></maction>\n"
    "  <mglyph src=\"https://e.example/g.png\"></mglyph>\n"
    "  <mtext>rate <script>alert(2)</script><img src=x onerror=\"alert(3)\"> per day</mtext>\n"
    "  <semantics><mi>s</mi><annotation encoding=\"application/x-tex\">texsource</annotation>"
    "<annotation-xml encoding=\"text/html\"><p>htmlinmath</p></annotation-xml></semantics>\n"
    "  <mpadded width=\"+1em\" lspace=\"" "0123456789012345678901234567890123456789012345678901234567890123456789\"><mn>9</mn></mpadded>\n"
    "</math> today.</p>");
  g_autofree char *text = text_of (out);

  g_test_message ("%s", out);
  for (const char *bad = "onclick\0style\0href\0maction\0mglyph\0script\0alert\0<img\0"
                         "annotation\0texsource\0htmlinmath\0semantics\0lspace\0";
       *bad != '\0'; bad += strlen (bad) + 1)
    {
      if (contains (out, bad))
        g_error ("“%s” survived: %s", bad, out);
    }

  g_assert_true (contains (out, "<math display=\"block\"><mi mathvariant=\"bold\">A</mi><mo>=</mo>"
                                "<msup><mi>r</mi><mn>2</mn></msup>"));
  g_assert_true (contains (out, "<mpadded width=\"+1em\"><mn>9</mn></mpadded></math>"));
  g_assert_cmpstr (text, ==, "Area A=r2turate per days9 today.");
}

/* The text walk of any sanitized output keeps blocks apart with exactly
 * "\n\n" and has no stray whitespace. */
static void
test_sanitize_text_rule (void)
{
  g_autofree char *out = sanitize (
    "<div>\n  <h1> Title </h1>\n  <div><p>First <a href=\"/a\">link</a>.</p>\n"
    "  <ul>\n <li> one </li>\n <li><p>two</p><ul><li>nested</li></ul></li>\n </ul></div>\n"
    "  <blockquote>\n  quoted \n </blockquote><p>end<br></p>\n</div>");
  g_autofree char *text = text_of (out);

  g_assert_cmpstr (text, ==, "Title\n\nFirst link.\n\none\n\ntwo\n\nnested\n\nquoted\n\nend");
}

/* Extractor. */

static void
test_extract_article (void)
{
  g_auto(ClipExtractInfo) info = { 0, };
  g_autoptr(ClipArticle) article = extract_fixture ("news.html", NULL, &info);
  const char *text = clip_article_get_text (article);
  const char *html = clip_article_get_content_html (article);

  g_assert_true (info.article_found);
  g_assert_cmpstr (info.encoding, ==, "UTF-8");
  g_assert_cmpstr (clip_article_get_title (article), ==, "Harbour bridge reopens after repairs");
  g_assert_cmpstr (clip_article_get_byline (article), ==, "Ada Fernsby, Tom Hale");
  g_assert_cmpstr (clip_article_get_site_name (article), ==, "The Riverside Courier");
  g_assert_cmpstr (clip_article_get_published (article), ==, "2024-03-05T08:30:00+00:00");
  g_assert_cmpstr (clip_article_get_lang (article), ==, "en-GB");
  g_assert_cmpstr (clip_article_get_excerpt (article), ==,
                   "The old harbour bridge is open to traffic again after eight months of repairs.");
  g_assert_cmpstr (clip_article_get_source_url (article), ==, "https://courier.example/news/harbour-bridge");
  g_assert_cmpstr (info.canonical_url, ==, "https://courier.example/news/harbour-bridge");
  g_assert_cmpstr (info.lead_image_url, ==, "https://courier.example/images/bridge.jpg");
  g_assert_nonnull (info.image_urls);
  g_assert_cmpstr (info.image_urls[0], ==, "https://courier.example/images/deck.jpg");

  g_assert_true (g_str_has_prefix (text, "The old harbour bridge opened"));
  g_assert_true (contains (text, "stronger than it has been for fifty years"));
  g_assert_true (contains (text, "What changed"));
  g_assert_true (contains (text, "as a bench by the water"));
  g_assert_true (g_str_has_suffix (text, "weather permitting."));
  g_assert_true (contains (html, "<blockquote>"));
  g_assert_true (contains (html, "<h2>What changed</h2>"));

  for (const char *junk = "Sport\0Share\0Related stories\0Ferry\0First!\0Subscribe\0Copyright\0tracker\0color: red\0";
       *junk != '\0'; junk += strlen (junk) + 1)
    {
      if (contains (text, junk))
        g_error ("boilerplate “%s” in: %s", junk, text);
    }
}

/* The text is the paragraphs joined by blank lines (DESIGN.md). */
static void
test_extract_text_walk (void)
{
  const char *page =
    "<html><head><title>Walk</title></head><body><div class=\"article-body\">"
    "<p>First paragraph, long enough to be a paragraph of an article, with some commas, too.</p>\n"
    "<p>Second   paragraph,\n with <em>emphasis</em>, and a <a href=\"/l\">link</a>, and more words.</p>\n"
    "<p>Third paragraph: the end of the article, which is also long enough, of course.</p>"
    "</div></body></html>";
  g_autoptr(ClipArticle) article = clip_extract_html (page, strlen (page), NULL, NULL, 0, NULL, NULL);
  g_autofree char *walk = NULL;

  g_assert_nonnull (article);
  walk = text_of (clip_article_get_content_html (article));
  g_assert_cmpstr (walk, ==,
                   "First paragraph, long enough to be a paragraph of an article, with some commas, too.\n\n"
                   "Second paragraph, with emphasis, and a link, and more words.\n\n"
                   "Third paragraph: the end of the article, which is also long enough, of course.");
  g_assert_cmpstr (walk, ==, clip_article_get_text (article));
}

#ifdef __GLIBC__
/* Overwrites what libxml2 frees, so that a read of a freed node fails
 * at once instead of finding its old fields there still. */
static void
poisoning_free (void *memory)
{
  /* Through a volatile pointer: a memset() before free() is optimised away. */
  volatile unsigned char *bytes = memory;
  gsize size = memory != NULL ? malloc_usable_size (memory) : 0;

  for (gsize i = 0; i < size; i++)
    bytes[i] = 0xa5;
  free (memory);
}
#endif

/* Two <br> make a paragraph of what follows them, up to a single <br> at
 * its end: that one is dropped, once, although the walk over the page's
 * <br> elements has not reached it yet (it read freed memory there). */
static void
test_extract_br_paragraphs (void)
{
  const char *page =
    "<html><head><title>Breaks</title></head><body><div class=\"article-body\">"
    "The first line of a story, long enough to count, with commas, and more of it.<br><br>"
    "The second line of the story, which is just as long, and as ordinary, as the first.<br>"
    "</div><div>A <br> <br> B<br> <br></div></body></html>";
  g_autoptr(ClipArticle) article = NULL;
#ifdef __GLIBC__
  xmlFreeFunc free_func;
  xmlMallocFunc malloc_func;
  xmlReallocFunc realloc_func;
  xmlStrdupFunc strdup_func;

  /* libxml2 allocates with malloc() here: its own free() may poison. */
  xmlMemGet (&free_func, &malloc_func, &realloc_func, &strdup_func);
  xmlMemSetup (poisoning_free, malloc_func, realloc_func, strdup_func);
#endif
  article = clip_extract_html (page, strlen (page), NULL, NULL, 0, NULL, NULL);
#ifdef __GLIBC__
  xmlMemSetup (free_func, malloc_func, realloc_func, strdup_func);
#endif

  g_assert_nonnull (article);
  g_assert_true (contains (clip_article_get_text (article), "The second line of the story"));
  g_assert_false (contains (clip_article_get_content_html (article), "<br"));
}

/* A WordPress head of 2012 has <atom:link ... /> in it; a browser ignores
 * the slash, so a captured DOM has the rest of the page inside that
 * element, and libxml2 reads it as a <link>. */
static void
test_extract_prefixed_void (void)
{
  const char *page =
    "<html><head><title>Feeds</title></head><body><atom:link rel=\"hub\" href=\"/hub\">"
    "<cloud domain=\"example.org\"><div class=\"entry-content\">"
    "<p>The first paragraph of the post, long enough to be one, with commas, and then some more words.</p>"
    "<p>The second paragraph of the post, as long as the first one, and just as ordinary, of course.</p>"
    "<p>The third paragraph of the post, which closes it, long enough too, with a comma or two.</p>"
    "</div></cloud></atom:link></body></html>";
  g_autoptr(ClipArticle) article = clip_extract_html (page, strlen (page), NULL, NULL, 0, NULL, NULL);

  g_assert_nonnull (article);
  g_assert_true (contains (clip_article_get_text (article), "The second paragraph of the post"));
}

/* A page with images and no text has nothing the store could keep: it
 * is no article, as a page with nothing at all (dragnet's error page
 * with the images a capture sees added). */
static void
test_extract_images_only (void)
{
  const char *page =
    "<html><head><title>ERROR</title></head><body>"
    "<img src=\"/missing.png\" alt=\"\"><img src=\"/broken.png\" alt=\"\"></body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = clip_extract_html (page, strlen (page), NULL, "https://example.org/",
                                                      0, NULL, &error);

  g_assert_null (article);
  g_assert_error (error, CLIP_EXTRACT_ERROR, CLIP_EXTRACT_ERROR_NO_CONTENT);
}

static void
check_encoding (const char *name,
                const char *charset,
                const char *encoding,
                const char *title,
                const char *phrase)
{
  g_auto(ClipExtractInfo) info = { 0, };
  g_autoptr(ClipArticle) article = extract_fixture (name, charset, &info);

  g_assert_cmpstr (info.encoding, ==, encoding);
  g_assert_cmpstr (clip_article_get_title (article), ==, title);
  g_assert_true (g_utf8_validate (clip_article_get_text (article), -1, NULL));
  if (!contains (clip_article_get_text (article), phrase))
    g_error ("“%s” not in: %s", phrase, clip_article_get_text (article));
}

static void
test_extract_encodings (void)
{
  /* Declared by <meta charset>, <meta http-equiv> (with an alias that
   * stands for its superset), and not declared at all. */
  check_encoding ("cp1251.html", NULL, "WINDOWS-1251", "Новая библиотека", "открылась новая библиотека");
  check_encoding ("gbk.html", NULL, "GB18030", "小镇图书馆", "新开的图书馆");
  check_encoding ("shift_jis.html", NULL, "CP932", "町の図書館", "新しい図書館が開館し");
  check_encoding ("undeclared-1252.html", NULL, "WINDOWS-1252", "Le café rouvre", "les habitués étaient nombreux");
  /* The server's charset wins over a page that declares nothing. */
  check_encoding ("undeclared-1252.html", "iso-8859-1", "WINDOWS-1252", "Le café rouvre", "rouvert ses portes");
}

static void
test_extract_encoding_bom (void)
{
  const char page[] = "\xEF\xBB\xBF<html><head><meta charset=\"windows-1251\"><title>Caf\xC3\xA9</title></head>"
                      "<body><p>Un caf\xC3\xA9 cr\xC3\xA8me, s'il vous pla\xC3\xAEt, avec un croissant, merci.</p></body></html>";
  g_auto(ClipExtractInfo) info = { 0, };
  g_autoptr(ClipArticle) article = clip_extract_html (page, sizeof page - 1, NULL, NULL, 0, &info, NULL);

  g_assert_nonnull (article);
  g_assert_cmpstr (info.encoding, ==, "UTF-8");
  g_assert_cmpstr (clip_article_get_title (article), ==, "Café");
}

static char *
published_of (const char *head)
{
  g_autofree char *page = g_strdup_printf ("<html><head><title>Dates</title>%s</head><body>"
                                           "<p>Enough words in this paragraph to be an article body, "
                                           "with commas, and more.</p></body></html>", head);
  g_autoptr(ClipArticle) article = clip_extract_html (page, strlen (page), NULL, NULL, 0, NULL, NULL);

  g_assert_nonnull (article);
  return g_strdup (clip_article_get_published (article));
}

static void
test_extract_json_ld_dates (void)
{
  struct {
    const char *head;
    const char *published;
  } cases[] = {
    { "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
      "\"headline\":\"H\",\"datePublished\":\"2023-11-02T10:15:00Z\"}</script>", "2023-11-02T10:15:00Z" },
    { "<script type=\"application/ld+json\">[{\"@context\":\"http://schema.org\",\"@type\":\"BreadcrumbList\"},"
      "{\"@context\":\"http://schema.org\",\"@type\":\"BlogPosting\",\"datePublished\":\"2022-01-31\"}]</script>",
      "2022-01-31" },
    { "<script type=\"application/ld+json\">{\"@context\":{\"@vocab\":\"http://schema.org/\"},"
      "\"@graph\":[{\"@type\":\"WebPage\",\"datePublished\":\"1999-01-01\"},"
      "{\"@type\":\"ReportageNewsArticle\",\"datePublished\":\"2021-06-07T08:09:10+02:00\"}]}</script>",
      "2021-06-07T08:09:10+02:00" },
    /* Not schema.org, so the meta tag is used. */
    { "<script type=\"application/ld+json\">{\"@context\":\"https://example.org\",\"@type\":\"NewsArticle\","
      "\"datePublished\":\"2000-01-01\"}</script><meta property=\"article:published_time\" content=\"2020-02-29T12:00:00Z\">",
      "2020-02-29T12:00:00Z" },
    /* Broken JSON is skipped; <time> is the last resort. */
    { "<script type=\"application/ld+json\">{\"@type\": </script></head><body><time datetime=\"2019-05-04\">May</time>",
      "2019-05-04" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *published = published_of (cases[i].head);

      g_assert_cmpstr (published, ==, cases[i].published);
    }
}

static void
test_extract_no_article (void)
{
  g_auto(ClipExtractInfo) info = { 0, };
  g_autoptr(ClipArticle) article = extract_fixture ("no-article.html", NULL, &info);
  const char *text = clip_article_get_text (article);

  g_assert_false (info.article_found);
  g_assert_true (contains (text, "Opening hours: nine to five."));
  g_assert_cmpstr (clip_article_get_title (article), ==, "Links");
}

static void
test_extract_whole_page_flag (void)
{
  g_auto(ClipExtractInfo) info = { 0, };
  g_autofree char *path = fixture_path ("news.html");
  g_autofree char *data = NULL;
  g_autoptr(ClipArticle) article = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  article = clip_extract_html (data, length, NULL, NULL, CLIP_EXTRACT_FLAGS_WHOLE_PAGE, &info, NULL);
  g_assert_nonnull (article);
  g_assert_false (info.article_found);
  g_assert_true (contains (clip_article_get_text (article), "fifty years"));
  g_assert_false (contains (clip_article_get_text (article), "tracker"));
}

/* Bad input. */

static void
test_bad_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = clip_extract_html ("", 0, NULL, NULL, 0, NULL, &error);
  g_autoptr(ClipArticle) blank = NULL;

  g_assert_null (article);
  g_assert_error (error, CLIP_EXTRACT_ERROR, CLIP_EXTRACT_ERROR_EMPTY);
  g_clear_error (&error);

  blank = clip_extract_html (" \n\t ", 4, NULL, NULL, 0, NULL, &error);
  g_assert_null (blank);
  g_assert_error (error, CLIP_EXTRACT_ERROR, CLIP_EXTRACT_ERROR_EMPTY);
  g_clear_error (&error);

  article = clip_extract_html ("<html><body><script>x()</script></body></html>", 46, NULL, NULL, 0, NULL, &error);
  g_assert_null (article);
  g_assert_error (error, CLIP_EXTRACT_ERROR, CLIP_EXTRACT_ERROR_NO_CONTENT);
}

static void
test_bad_nul_bytes (void)
{
  const char page[] = "<p>Before\0after, a paragraph with a NUL byte inside it.</p>";
  g_autoptr(ClipArticle) article = clip_extract_html (page, sizeof page - 1, NULL, NULL, 0, NULL, NULL);

  g_assert_nonnull (article);
  g_assert_true (contains (clip_article_get_text (article), "after, a paragraph"));
}

static void
test_bad_deep_nesting (void)
{
  g_autoptr(GString) page = g_string_new ("<html><body><p>Text before the deep part, long enough to be kept.</p>");
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autofree char *sanitized = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (page, i % 2 ? "<div>" : "<span>");
  g_string_append (page, "deep text</body></html>");

  article = clip_extract_html (page->str, page->len, NULL, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (contains (clip_article_get_text (article), "Text before the deep part"));

  /* The sanitizer alone walks iteratively too. */
  sanitized = clip_sanitize_html (page->str, page->len, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

static void
test_bad_large_page (void)
{
  g_autoptr(GString) page = g_string_sized_new (51 * 1024 * 1024);
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  guint n = 0;

  g_string_append (page, "<html><head><title>Large</title></head><body><div class=\"content\">");
  /* Long paragraphs, as a long report or a book has them. */
  while (page->len < 50 * 1024 * 1024)
    {
      g_string_append_printf (page, "<p>Paragraph %u of a very long page, with commas, words, and "
                              "<a href=\"/l%u\">a link</a>, to make the scoring work.", n, n);
      for (guint i = 0; i < 40; i++)
        g_string_append (page, " More words follow here, and then some more, to fill the line.");
      g_string_append (page, "</p>\n<div class=\"share\"><a href=\"/s\">Share</a></div>\n");
      n++;
    }
  g_string_append (page, "</div></body></html>");

  start = g_get_monotonic_time ();
  article = clip_extract_html (page->str, page->len, NULL, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  /* The content, not the text walk: this test times the extractor. */
  g_assert_true (contains (clip_article_get_content_html (article), "Paragraph 0 of a very long page"));
  g_assert_false (contains (clip_article_get_content_html (article), "Share"));
  g_test_message ("50 MB page: %.2f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
}

static void
test_bad_too_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = NULL;

  /* The length alone is checked; no such buffer is read. */
  article = clip_extract_html ("<p>x</p>", (gsize)CLIP_EXTRACT_MAX_SIZE + 1, NULL, NULL, 0, NULL, &error);
  g_assert_null (article);
  g_assert_error (error, CLIP_EXTRACT_ERROR, CLIP_EXTRACT_ERROR_TOO_LARGE);
}

static GBytes *
gzip (const char *text)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GInputStream) memory = g_memory_input_stream_new_from_data (text, strlen (text), NULL);
  g_autoptr(GInputStream) stream = g_converter_input_stream_new (memory, G_CONVERTER (compressor));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_assert_cmpint (g_output_stream_splice (out, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL), >, 0);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_bad_gzip (void)
{
  const char *html = "<html><body><p>Compressed page text, with a comma, and enough words.</p></body></html>";
  g_autoptr(GBytes) compressed = gzip (html);
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GBytes) truncated = NULL;
  g_autoptr(GBytes) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  whole = clip_extract_gunzip (compressed, 1 << 20, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (whole, NULL), g_bytes_get_size (whole), html, strlen (html));

  truncated = g_bytes_new_from_bytes (compressed, 0, g_bytes_get_size (compressed) / 2);
  result = clip_extract_gunzip (truncated, 1 << 20, &error);
  g_assert_null (result);
  g_assert_error (error, CLIP_EXTRACT_ERROR, CLIP_EXTRACT_ERROR_READ);
  g_clear_error (&error);

  /* The file path sniffs gzip by its magic bytes. */
  dir = g_dir_make_tmp ("clip-extract-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "page.html.gz", NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (truncated, NULL),
                                      g_bytes_get_size (truncated), NULL));
  file = g_file_new_for_path (path);
  result = clip_extract_read_file (file, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, CLIP_EXTRACT_ERROR, CLIP_EXTRACT_ERROR_READ);
  g_unlink (path);
  g_rmdir (dir);
}

/* Corpus pages, when ../shared is there. The expected text comes from
 * the corpus at run time; none of it is copied here. */

static char *
corpus_dir (void)
{
  const char *shared = g_getenv ("CLIP_SHARED_DIR");
  char *dir;

  if (shared == NULL)
    return NULL;
  dir = g_build_filename (shared, "corpus", "readability", NULL);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    g_clear_pointer (&dir, g_free);
  return dir;
}

static GBytes *
read_corpus_file (const char *dir,
                  const char *page,
                  const char *name)
{
  g_autofree char *path = g_build_filename (dir, page, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = clip_extract_read_file (file, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

/* The paragraphs of Readability's expected output. */
static GPtrArray *
expected_paragraphs (GBytes *html)
{
  GPtrArray *paragraphs = g_ptr_array_new_with_free_func (g_free);
  gsize length;
  const char *data = g_bytes_get_data (html, &length);
  htmlDocPtr doc = htmlReadMemory (data, (int)length, NULL, "UTF-8",
                                   HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);

  for (xmlNode *node = xmlDocGetRootElement (doc); node != NULL;)
    {
      if (node->type == XML_ELEMENT_NODE && g_str_equal (node->name, "p"))
        {
          xmlChar *content = xmlNodeGetContent (node);
          g_auto(GStrv) words = g_strsplit_set ((const char *)content, " \t\n\r", -1);
          g_autoptr(GPtrArray) kept = g_ptr_array_new ();

          for (guint i = 0; words[i] != NULL; i++)
            {
              if (words[i][0] != '\0')
                g_ptr_array_add (kept, words[i]);
            }
          g_ptr_array_add (kept, NULL);
          if (kept->len > 12)
            g_ptr_array_add (paragraphs, g_strjoinv (" ", (char **)kept->pdata));
          xmlFree (content);
        }

      if (node->type == XML_ELEMENT_NODE && node->children != NULL && !g_str_equal (node->name, "p"))
        {
          node = node->children;
          continue;
        }
      while (node != NULL && node->next == NULL)
        node = node->parent;
      if (node != NULL)
        node = node->next;
    }

  xmlFreeDoc (doc);
  return paragraphs;
}

/* The length of all the text of Readability's output, whitespace runs
 * counted as one. */
static gsize
expected_text_length (GBytes *html)
{
  gsize length;
  const char *data = g_bytes_get_data (html, &length);
  htmlDocPtr doc = htmlReadMemory (data, (int)length, NULL, "UTF-8",
                                   HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  xmlChar *content = xmlNodeGetContent (xmlDocGetRootElement (doc));
  gsize n = 0;
  gboolean space = TRUE;

  for (const char *p = (const char *)content; *p != '\0'; p++)
    {
      gboolean is_space = g_ascii_isspace (*p);

      n += !is_space || !space;
      space = is_space;
    }

  xmlFree (content);
  xmlFreeDoc (doc);
  return n;
}

static void
check_corpus_page (const char *dir,
                   const char *page)
{
  g_autoptr(GBytes) source = read_corpus_file (dir, page, "source.html.gz");
  g_autoptr(GBytes) expected = read_corpus_file (dir, page, "expected.html.gz");
  g_autofree char *meta_path = g_build_filename (dir, page, "expected-metadata.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) paragraphs = expected_paragraphs (expected);
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *collapsed = NULL;
  JsonObject *meta;
  gsize expected_length = 0;
  gsize length;
  const char *data = g_bytes_get_data (source, &length);

  article = clip_extract_html (data, length, NULL, "http://fakehost/test/page.html", 0, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (json_parser_load_from_file (parser, meta_path, &error));
  meta = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (clip_article_get_title (article), ==, json_object_get_string_member (meta, "title"));

  /* Key sentences in: the first and last long paragraphs. */
  {
    g_auto(GStrv) words = g_strsplit_set (clip_article_get_text (article), " \t\n\r", -1);
    g_autoptr(GPtrArray) kept = g_ptr_array_new ();

    for (guint i = 0; words[i] != NULL; i++)
      {
        if (words[i][0] != '\0')
          g_ptr_array_add (kept, words[i]);
      }
    g_ptr_array_add (kept, NULL);
    collapsed = g_strjoinv (" ", (char **)kept->pdata);
  }

  g_assert_cmpuint (paragraphs->len, >, 0);
  g_assert_true (contains (collapsed, g_ptr_array_index (paragraphs, 0)));
  g_assert_true (contains (collapsed, g_ptr_array_index (paragraphs, paragraphs->len - 1)));

  /* Boilerplate out: not much more text than Readability keeps. */
  expected_length = expected_text_length (expected);
  g_assert_cmpuint (strlen (collapsed), <, expected_length * 1.1 + 200);
}

static void
test_corpus_pages (void)
{
  static const char * const pages[] = {
    "nytimes-1", "guardian-1", "wikipedia", "lemonde-1", "rtl-1", "ars-1", "medium-1", "bbc-1",
  };
  g_autofree char *dir = corpus_dir ();

  if (dir == NULL)
    {
      g_test_skip ("The corpus in CLIP_SHARED_DIR is not there");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *page_dir = g_build_filename (dir, pages[i], NULL);

      g_test_message ("corpus page %s", pages[i]);
      if (g_file_test (page_dir, G_FILE_TEST_IS_DIR))
        check_corpus_page (dir, pages[i]);
    }
}

/* The trimming pass (issue 13): each kind of page furniture, set into a
 * story of our own (fixtures/extract/trim/base.html), must go, and the
 * story must stay whole. */

static char *
trim_page (const char *before,
           const char *inside,
           const char *after)
{
  g_autofree char *path = fixture_path ("trim/base.html");
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) page = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, &error));
  g_assert_no_error (error);
  page = g_string_new (data);
  g_string_replace (page, "@BEFORE@", before != NULL ? before : "", 1);
  g_string_replace (page, "@INSIDE@", inside != NULL ? inside : "", 1);
  g_string_replace (page, "@AFTER@", after != NULL ? after : "", 1);
  return g_string_free (g_steal_pointer (&page), FALSE);
}

static char *
trim_text (const char *before,
           const char *inside,
           const char *after)
{
  g_autofree char *page = trim_page (before, inside, after);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = clip_extract_html (page, strlen (page), NULL,
                                                      "https://courier.example/coast/keeper",
                                                      CLIP_EXTRACT_FLAGS_NONE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (article);
  g_assert_cmpstr (clip_article_get_title (article), ==, "Lighthouse keeper retires after forty years");
  return g_strdup (clip_article_get_text (article));
}

static guint
count_of (const char *haystack,
          const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

/* The story itself: lead, subheading, list, quote, table, last paragraph. */
static void
assert_story_whole (const char *text)
{
  g_assert_true (g_str_has_prefix (text, "Marta Olsen climbed the hundred and twelve steps"));
  g_assert_true (contains (text, "laughing at the memory of it."));
  g_assert_true (contains (text, "\n\nA light that never went out\n\n"));
  g_assert_true (contains (text, "Eleven rescues called in from the gallery"));
  g_assert_true (contains (text, "respects people who pay attention to it"));
  g_assert_true (contains (text, "Nights on watch"));
  g_assert_true (g_str_has_suffix (text, "a habit he calls the one rule of the house."));
}

/* Asserts that none of the NUL-separated strings in junk is in text. */
static void
assert_none_of (const char *text,
                const char *junk)
{
  for (; *junk != '\0'; junk += strlen (junk) + 1)
    {
      if (contains (text, junk))
        g_error ("\"%s\" was kept in:\n%s", junk, text);
    }
}

static void
test_trim_story_whole (void)
{
  g_autofree char *text = trim_text (NULL, NULL, NULL);

  assert_story_whole (text);
  g_assert_false (contains (text, "Rain in the morning"));
}

static void
test_trim_repeated_caption (void)
{
  g_autofree char *text = trim_text (NULL,
    "<figure><img src=\"/dusk.jpg\" alt=\"\"><figcaption>The north point lighthouse at dusk. Photo: Ines Vale</figcaption></figure>"
    "<div class=\"viewer\"><img src=\"/dusk-large.jpg\" alt=\"\"><p>The north point lighthouse at dusk. Photo: Ines Vale</p></div>"
    "<div class=\"copy\"><p>The north point lighthouse at dusk. Photo: Ines Vale</p></div>",
    NULL);

  assert_story_whole (text);
  g_assert_cmpuint (count_of (text, "The north point lighthouse at dusk"), ==, 1);
}

static void
test_trim_gallery_chrome (void)
{
  g_autofree char *text = trim_text (NULL,
    "<figure><img src=\"/lamp.jpg\" alt=\"\"><figcaption>The lamp room, seen from the gallery stairs</figcaption></figure>"
    "<p>Image 1 of 5</p><p>1/12</p><p>Expand</p><p>Enlarge this image</p><p>Photo</p><p>View gallery</p>",
    NULL);

  assert_story_whole (text);
  g_assert_true (contains (text, "The lamp room, seen from the gallery stairs"));
  assert_none_of (text, "Image 1 of 5\0" "1/12\0" "Expand\0" "Enlarge\0" "\n\nPhoto\n\n\0" "View gallery\0");
}

static void
test_trim_share_and_counts (void)
{
  g_autofree char *text = trim_text ("<p>Share this article</p><p>1,204 shares</p><p>Tweet</p><p>4 min read</p>",
                                     NULL, "<p>Share on Facebook</p><p>36 comments</p>");

  assert_story_whole (text);
  assert_none_of (text, "Share\0" "shares\0" "Tweet\0" "min read\0" "comments\0");
}

static void
test_trim_follow_and_newsletter (void)
{
  g_autofree char *text = trim_text (NULL, NULL,
    "<p>Follow us on Twitter and Facebook for more news from the coast.</p>"
    "<p>Sign up for our newsletter and get the week's stories every Friday.</p>"
    "<p>Email the author at marta.desk@courier.example</p>"
    "<p>Join our forums to talk about this story.</p>");

  assert_story_whole (text);
  assert_none_of (text, "Follow us\0" "newsletter\0" "Email the author\0" "Join our forums\0");
}

static void
test_trim_teaser_labels (void)
{
  g_autofree char *text = trim_text (NULL,
    "<p>Related: <a href=\"/coast/ferry\">Ferry timetable changes for the summer</a></p>"
    "<p><a href=\"/coast/more\">Read more</a></p><p>Most viewed</p><p>Recommended</p>",
    NULL);

  assert_story_whole (text);
  assert_none_of (text, "Related\0" "Ferry timetable\0" "Read more\0" "Most viewed\0" "Recommended\0");
}

static void
test_trim_kicker_promo (void)
{
  g_autofree char *text = trim_text (NULL,
    "<p>WEATHER WATCH</p><p><a href=\"/coast/storms\">Storm season starts early on the coast this year</a></p>",
    NULL);

  assert_story_whole (text);
  assert_none_of (text, "WEATHER WATCH\0" "Storm season\0");
}

static void
test_trim_teaser_section (void)
{
  g_autofree char *text = trim_text (NULL, NULL,
    "<h3>Related stories</h3>"
    "<p><a href=\"/coast/1\">Ferry timetable changes for the summer</a> New sailing times from June on all routes.</p>"
    "<p><a href=\"/coast/2\">Harbour wall repairs finished early</a> The work came in under its budget, the trust says.</p>");

  assert_story_whole (text);
  assert_none_of (text, "Related stories\0" "Ferry timetable\0" "Harbour wall\0");
}

static void
test_trim_comments_section (void)
{
  g_autofree char *text = trim_text (NULL, NULL,
    "<h3>17 comments</h3>"
    "<div class=\"c\"><p>Harbour fan: What a career, thank you for all those years on the point and all the storms.</p><p>Reply</p></div>"
    "<div class=\"c\"><p>Jonas: Looking forward to the green ink, it is truly a fine tradition that I will keep.</p><p>Reply</p></div>");

  assert_story_whole (text);
  assert_none_of (text, "17 comments\0" "Harbour fan\0" "Looking forward\0" "Reply\0");
}

static void
test_trim_author_box (void)
{
  g_autofree char *text = trim_text (NULL, NULL,
    "<h3>About the author</h3>"
    "<p>Ines Vale has covered the coast for the Courier since 2009 and sails whenever the weather allows it.</p>");

  assert_story_whole (text);
  assert_none_of (text, "About the author\0" "Ines Vale\0");
}

static void
test_trim_copyright_footer (void)
{
  g_autofree char *text = trim_text (NULL, NULL,
    "<p>Tags: lighthouse, harbour, retirement</p>"
    "<p>\xC2\xA9 2026 The Riverside Courier. All rights reserved.</p>"
    "<p>This document is subject to copyright. Apart from fair dealing, no part may be reproduced without permission.</p>"
    "<p>Citation: Lighthouse keeper retires, The Riverside Courier, retrieved 4 May 2026.</p>");

  assert_story_whole (text);
  assert_none_of (text, "Tags:\0" "All rights reserved\0" "subject to copyright\0" "Citation\0");
}

static void
test_trim_edge_links (void)
{
  g_autofree char *text = trim_text (
    "<p><a href=\"/\">Home</a> &gt; <a href=\"/coast\">Coast</a> &gt; <a href=\"/coast/people\">People</a></p>", NULL,
    "<p><a href=\"/coast/page/2\">Older stories</a> | <a href=\"/coast/page/1\">Newer stories</a></p>");

  assert_story_whole (text);
  assert_none_of (text, "Home\0" "Older stories\0");
}

static void
test_trim_other_languages (void)
{
  g_autofree char *text = trim_text (NULL,
    "<p>Lesen Sie auch: Der Hafen im Winter</p><p>\xC3\x80 lire aussi : Le port en hiver</p>"
    "<p>Teilen</p><p>Compartir</p><p>Leggi anche: Il faro del nord</p>",
    NULL);

  assert_story_whole (text);
  assert_none_of (text, "Lesen Sie\0" "lire aussi\0" "Teilen\0" "Compartir\0" "Leggi anche\0");
}

static void
test_keep_long_repeated_paragraph (void)
{
  const char *paragraph = "<p>Keep the lamp clean, keep the log honest, and keep the kettle warm for whoever comes up "
                          "the stairs out of the rain, because the point is a lonely place in winter for everyone.</p>";
  g_autofree char *inside = g_strconcat (paragraph, paragraph, NULL);
  g_autofree char *text = trim_text (NULL, inside, NULL);

  assert_story_whole (text);
  g_assert_cmpuint (count_of (text, "Keep the lamp clean"), ==, 2);
}

static void
test_keep_prose_with_chrome_words (void)
{
  g_autofree char *text = trim_text (NULL,
    "<p>Comments from the harbour trust were warm: the chair said the point would not be the same without her.</p>"
    "<p>Share prices meant nothing to her.</p><p>Photo albums filled a shelf.</p>",
    NULL);

  assert_story_whole (text);
  g_assert_true (contains (text, "Comments from the harbour trust were warm"));
  g_assert_true (contains (text, "Share prices meant nothing to her."));
  g_assert_true (contains (text, "Photo albums filled a shelf."));
}

/* Words that head comment sections ("Response", "Discussion") also head
 * sections of articles; without a count they end nothing. */
static void
test_keep_subheadings_like_sections (void)
{
  g_autofree char *text = trim_text (NULL, NULL,
    "<h2>Response</h2><p>The trust's response was quick: a plaque by the door, a bench by the steps, and a standing invitation to tea.</p>"
    "<h2>Discussion</h2><p>Whether a keeper is still needed on the point at all was discussed at length, and the answer was yes.</p>");

  g_assert_true (contains (text, "\n\nResponse\n\nThe trust's response was quick"));
  g_assert_true (contains (text, "\n\nDiscussion\n\nWhether a keeper is still needed"));
}

static void
test_keep_short_post (void)
{
  g_autoptr(ClipArticle) article = extract_fixture ("trim/short-post.html", NULL, NULL);
  const char *text = clip_article_get_text (article);

  g_assert_true (contains (text, "The seals are back on the north rocks"));
  g_assert_false (contains (text, "I write about the coast"));
}

static void
test_keep_br_runs (void)
{
  g_autoptr(ClipArticle) article = extract_fixture ("trim/br-runs.html", NULL, NULL);
  const char *text = clip_article_get_text (article);

  g_assert_true (g_str_has_prefix (text, "The tide tables for the spring are out,"));
  g_assert_true (contains (text, "for the whole season.\n\nThe first spring tide"));
  g_assert_true (contains (text, "before the ferry.\n\nThe harbour master"));
}

static void
test_keep_sibling_parts (void)
{
  g_autoptr(ClipArticle) article = extract_fixture ("trim/split-parts.html", NULL, NULL);
  const char *text = clip_article_get_text (article);

  g_assert_true (contains (text, "The first part of the report looks at the north pier"));
  g_assert_true (contains (text, "The second part of the report looks at the south pier"));
}

static void
test_keep_utf16 (void)
{
  g_autofree char *page = trim_page (NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *utf16 = NULL;
  g_autofree char *with_bom = NULL;
  gsize length;
  g_autoptr(ClipArticle) article = NULL;

  /* UTF-16LE with its byte order mark and a meta that says utf-8, as
   * pages saved by old editors are. */
  utf16 = g_convert (page, -1, "UTF-16LE", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  with_bom = g_malloc (length + 2);
  memcpy (with_bom, "\xFF\xFE", 2);
  memcpy (with_bom + 2, utf16, length);
  article = clip_extract_html (with_bom, length + 2, NULL, NULL, CLIP_EXTRACT_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  assert_story_whole (clip_article_get_text (article));
}

static void
test_title_suffixes (void)
{
  static const struct {
    const char *title;
    const char *og_title;
    const char *expected;
  } cases[] = {
    { "Seals return to the north rocks | Eleanor Ainge Roy", "Seals return to the north rocks", "Seals return to the north rocks" },
    { "North point lighthouse - Wikipedia", "North point lighthouse", "North point lighthouse" },
    { "Seals return to the north rocks [LWN.net]", "Seals return to the north rocks", "Seals return to the north rocks" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *page = g_strdup_printf ("<html><head><title>%s</title><meta property=\"og:title\" content=\"%s\">"
                                               "</head><body><p>Enough words in this paragraph to be an article body, "
                                               "with commas, and more of them.</p></body></html>",
                                               cases[i].title, cases[i].og_title);
      g_autoptr(ClipArticle) article = clip_extract_html (page, strlen (page), NULL, NULL, 0, NULL, NULL);

      g_assert_nonnull (article);
      g_assert_cmpstr (clip_article_get_title (article), ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sanitize/blocks", test_sanitize_blocks);
  g_test_add_func ("/sanitize/inline", test_sanitize_inline);
  g_test_add_func ("/sanitize/links", test_sanitize_links);
  g_test_add_func ("/sanitize/images", test_sanitize_images);
  g_test_add_func ("/sanitize/image-rewrite", test_sanitize_image_rewrite);
  g_test_add_func ("/sanitize/tables", test_sanitize_tables);
  g_test_add_func ("/sanitize/whitespace", test_sanitize_whitespace);
  g_test_add_func ("/sanitize/pre", test_sanitize_pre);
  g_test_add_func ("/sanitize/escaping", test_sanitize_escaping);
  g_test_add_func ("/sanitize/hostile", test_sanitize_hostile);
  g_test_add_func ("/sanitize/mathml", test_sanitize_mathml);
  g_test_add_func ("/sanitize/text-rule", test_sanitize_text_rule);
  g_test_add_func ("/extract/article", test_extract_article);
  g_test_add_func ("/extract/text-walk", test_extract_text_walk);
  g_test_add_func ("/extract/br-paragraphs", test_extract_br_paragraphs);
  g_test_add_func ("/extract/prefixed-void", test_extract_prefixed_void);
  g_test_add_func ("/extract/images-only", test_extract_images_only);
  g_test_add_func ("/extract/encodings", test_extract_encodings);
  g_test_add_func ("/extract/encoding-bom", test_extract_encoding_bom);
  g_test_add_func ("/extract/json-ld-dates", test_extract_json_ld_dates);
  g_test_add_func ("/extract/no-article", test_extract_no_article);
  g_test_add_func ("/extract/whole-page", test_extract_whole_page_flag);
  g_test_add_func ("/bad/empty", test_bad_empty);
  g_test_add_func ("/bad/nul-bytes", test_bad_nul_bytes);
  g_test_add_func ("/bad/deep-nesting", test_bad_deep_nesting);
  g_test_add_func ("/bad/large-page", test_bad_large_page);
  g_test_add_func ("/bad/too-large", test_bad_too_large);
  g_test_add_func ("/bad/gzip", test_bad_gzip);
  g_test_add_func ("/corpus/pages", test_corpus_pages);
  g_test_add_func ("/extract/trim/story-whole", test_trim_story_whole);
  g_test_add_func ("/extract/trim/repeated-caption", test_trim_repeated_caption);
  g_test_add_func ("/extract/trim/gallery-chrome", test_trim_gallery_chrome);
  g_test_add_func ("/extract/trim/share-and-counts", test_trim_share_and_counts);
  g_test_add_func ("/extract/trim/follow-and-newsletter", test_trim_follow_and_newsletter);
  g_test_add_func ("/extract/trim/teaser-labels", test_trim_teaser_labels);
  g_test_add_func ("/extract/trim/teaser-section", test_trim_teaser_section);
  g_test_add_func ("/extract/trim/kicker-promo", test_trim_kicker_promo);
  g_test_add_func ("/extract/trim/comments-section", test_trim_comments_section);
  g_test_add_func ("/extract/trim/author-box", test_trim_author_box);
  g_test_add_func ("/extract/trim/copyright-footer", test_trim_copyright_footer);
  g_test_add_func ("/extract/trim/edge-links", test_trim_edge_links);
  g_test_add_func ("/extract/trim/other-languages", test_trim_other_languages);
  g_test_add_func ("/extract/keep/long-repeated-paragraph", test_keep_long_repeated_paragraph);
  g_test_add_func ("/extract/keep/prose-with-chrome-words", test_keep_prose_with_chrome_words);
  g_test_add_func ("/extract/keep/subheadings-like-sections", test_keep_subheadings_like_sections);
  g_test_add_func ("/extract/keep/short-post", test_keep_short_post);
  g_test_add_func ("/extract/keep/br-runs", test_keep_br_runs);
  g_test_add_func ("/extract/keep/sibling-parts", test_keep_sibling_parts);
  g_test_add_func ("/extract/keep/utf16", test_keep_utf16);
  g_test_add_func ("/extract/title/suffixes", test_title_suffixes);

  return g_test_run ();
}
