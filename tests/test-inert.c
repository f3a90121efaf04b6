/* test-inert.c: the Original's page and style sheets, inert on their own
 *
 * Each vector is a page as a snapshot could hold it. It is written by
 * the same path as the Original view (clip_original_render_page), then
 * read again by libxml2 and searched: no event attribute, no script-
 * capable URL, no form, nothing that loads from outside. The same pages
 * are read by WebKit's HTML5 parser, with scripts on, in the UI test
 * (test-hostile.c), where the two parsers' differences would show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <libxml/HTMLparser.h>

#include "clip-css.h"
#include "clip-original.h"
#include "hostile-vectors.h"

#define PREFIX "clip://original/7/"

static char *
render (const char *html)
{
  g_autoptr(GBytes) bytes = g_bytes_new (html, strlen (html));
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipOriginal) original = clip_original_new (bytes, "text/html", &error);

  g_assert_no_error (error);
  return clip_original_render_page (original, PREFIX);
}

static gboolean
is_script_url (const char *value)
{
  g_autofree char *lower = g_ascii_strdown (value, -1);
  g_autofree char *squeezed = g_strdelimit (g_strdup (lower), " \t\n\r", ' ');
  const char *p = lower;

  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return g_str_has_prefix (p, "javascript:") || g_str_has_prefix (p, "vbscript:") ||
         g_str_has_prefix (p, "data:text/html") || strstr (squeezed, "javascript") != NULL;
}

/* An address that leaves the snapshot: anything but clip:, data:image,
 * a fragment, or a link the reader may follow to the web. */
static gboolean
loads_from_outside (const char *element,
                    const char *attribute,
                    const char *value)
{
  if (g_str_equal (element, "a") && g_str_equal (attribute, "href"))
    return FALSE;
  if (g_str_has_prefix (value, PREFIX) || g_str_has_prefix (value, "#") ||
      g_str_has_prefix (value, "data:image/"))
    return FALSE;
  return TRUE;
}

static const char * const url_attributes[] = {
  "href", "src", "xlink:href", "action", "formaction", "data", "background", "poster",
  "srcset", "ping", "cite", "codebase", "longdesc", "manifest", "lowsrc", "dynsrc", NULL,
};

static void
check_node (xmlNode    *node,
            const char *vector)
{
  for (; node != NULL; node = node->next)
    {
      const char *name = (const char *)node->name;

      if (node->type == XML_COMMENT_NODE)
        g_error ("%s: a comment is left: %s", vector, node->content);
      if (node->type != XML_ELEMENT_NODE)
        continue;

      for (const char * const *dropped = (const char * const[]) {
             "script", "iframe", "frame", "object", "embed", "form", "input", "button-submit",
             "textarea", "select", "base", "noscript", "template", "foreignobject", "image",
             "animate", "set", "animatetransform", "animatemotion", "feimage", "portal",
             "applet", "xmp", "plaintext", "maction", "annotation-xml", NULL };
           *dropped != NULL; dropped++)
        if (g_ascii_strcasecmp (name, *dropped) == 0)
          g_error ("%s: <%s> is left", vector, name);

      for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
        {
          const char *attribute = (const char *)attr->name;
          g_autofree char *value = (char *)xmlGetProp (node, attr->name);

          if (g_ascii_strncasecmp (attribute, "on", 2) == 0)
            g_error ("%s: <%s %s> is left", vector, name, attribute);
          if (value != NULL && is_script_url (value))
            g_error ("%s: <%s %s=\"%s\"> is left", vector, name, attribute, value);
          if (value != NULL && g_strv_contains (url_attributes, attribute) &&
              loads_from_outside (name, attribute, value))
            g_error ("%s: <%s %s=\"%s\"> loads from outside", vector, name, attribute, value);
          if (value != NULL && g_str_equal (attribute, "style") && strstr (value, "evil") != NULL)
            g_error ("%s: a style attribute loads from outside: %s", vector, value);
        }

      if (g_str_equal (name, "meta"))
        {
          g_autofree char *equiv = (char *)xmlGetProp (node, (const xmlChar *)"http-equiv");
          if (equiv != NULL && g_ascii_strcasecmp (equiv, "content-security-policy") != 0)
            g_error ("%s: <meta http-equiv=\"%s\"> is left", vector, equiv);
        }

      check_node (node->children, vector);
    }
}

/* What the page holds as libxml2 reads it again; and, raw, no "<" in a
 * style sheet and no address of the attacker's site anywhere. */
static void
check_inert (const char *vector,
             const char *page)
{
  htmlDocPtr doc = htmlReadMemory (page, strlen (page), NULL, "UTF-8",
                                   HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                   HTML_PARSE_NONET);
  const char *style = page;

  g_assert_nonnull (doc);
  check_node (xmlDocGetRootElement (doc), vector);
  xmlFreeDoc (doc);

  while ((style = strstr (style, "<style")) != NULL)
    {
      const char *open_end = strchr (style, '>');
      const char *close = strstr (style, "</style>");

      g_assert_nonnull (open_end);
      g_assert_nonnull (close);
      for (const char *p = open_end + 1; p < close; p++)
        if (*p == '<')
          g_error ("%s: a style sheet holds “<”: %.*s", vector, (int)(close - open_end), open_end);
      style = close;
    }

  /* Every url() left loads from the snapshot or nothing; text may still
   * mention the attacker, as text. */
  g_autoptr(GString) unquoted = g_string_new (page);

  g_string_replace (unquoted, "&quot;", "\"", 0);
  for (const char *url = strstr (unquoted->str, "url("); url != NULL; url = strstr (url + 4, "url("))
    if (!g_str_has_prefix (url, "url(\"" PREFIX) && !g_str_has_prefix (url, "url(\"\")") &&
        !g_str_has_prefix (url, "url(\"#") && !g_str_has_prefix (url, "url(\"data:image/"))
      g_error ("%s: a url() loads from outside: %.60s", vector, url);
  if (g_strstr_len (page, -1, "@import") != NULL)
    g_error ("%s: an @import is left", vector);
  if (strstr (page, "Content-Security-Policy") == NULL)
    g_error ("%s: no CSP in the page", vector);
}

static void
test_vectors (void)
{
  for (guint i = 0; hostile_vectors[i].name != NULL; i++)
    {
      g_autofree char *html = hostile_vector_page (&hostile_vectors[i], "http://" HOSTILE_EVIL_HOST);
      g_autofree char *page = render (html);

      g_test_message ("%s: %s", hostile_vectors[i].name, page);
      check_inert (hostile_vectors[i].name, page);
    }
}

/* What the vectors must not lose: a page's text, its layout elements and
 * classes, its inline styles and its saved resources. */
static void
test_layout_kept (void)
{
  g_autofree char *page = render ("<!DOCTYPE html><html lang=\"en\"><head><title>Kept &amp; sound</title>"
                                  "<style>.lead { color: #123; } div > p::before { content: \"\\201C\"; }</style></head>"
                                  "<body class=\"story\"><header id=\"top\"><h1>Headline</h1></header>"
                                  "<div class=\"lead\" style=\"margin: 0 auto; width: 50%\"><p>First <em>words</em> "
                                  "&lt;not a tag&gt;</p></div><a href=\"https://example.org/next\">Next</a>"
                                  "<a href=\"#top\">Top</a><my-widget class=\"w\">Custom</my-widget>"
                                  "<svg viewBox=\"0 0 10 10\"><linearGradient id=\"g\"/><rect fill=\"url(#g)\" width=\"10\" height=\"10\"/>"
                                  "<use href=\"#g\"/></svg>"
                                  "<table><tr><td colspan=\"2\">Cell</td></tr></table></body></html>");

  g_assert_nonnull (strstr (page, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (page, "<html lang=\"en\">"));
  g_assert_nonnull (strstr (page, "<title>Kept &amp; sound</title>"));
  g_assert_nonnull (strstr (page, ".lead"));
  g_assert_nonnull (strstr (page, "div > p::before"));
  g_assert_nonnull (strstr (page, "<body class=\"story\">"));
  g_assert_nonnull (strstr (page, "<header id=\"top\"><h1>Headline</h1></header>"));
  g_assert_nonnull (strstr (page, "style=\"margin: 0 auto; width: 50%\""));
  g_assert_nonnull (strstr (page, "First <em>words</em> &lt;not a tag&gt;"));
  g_assert_nonnull (strstr (page, "href=\"https://example.org/next\""));
  g_assert_nonnull (strstr (page, "href=\"#top\""));
  g_assert_nonnull (strstr (page, "<my-widget class=\"w\">Custom</my-widget>"));
  g_assert_nonnull (strstr (page, "fill=\"url(#g)\""));
  g_assert_nonnull (strstr (page, "<use href=\"#g\">"));
  g_assert_nonnull (strstr (page, "<td colspan=\"2\">Cell</td>"));
}

static char *
local_cb (const char *url,
          gpointer    user_data)
{
  return g_str_has_prefix (url, "https://news.example/") ? g_strdup ("clip://original/7/3") : NULL;
}

/* The tokenizer reads what CSS reads. */
static void
test_css (void)
{
  static const struct {
    const char *css;
    const char *has;      /* in the output, or NULL */
    const char *lacks;    /* not in the output, or NULL */
  } cases[] = {
    { "a{background:url(https://news.example/a.png)}", "url(\"clip://original/7/3\")", "news.example" },
    { "a{background:url('https://evil.example/a.png')}", "url(\"\")", "evil" },
    { "a{background:u\\72l(https://evil.example/a.png)}", "url(\"\")", "evil" },
    { "a{background:\\75 rl(https://evil.example/a.png)}", "url(\"\")", "evil" },
    { "a{background:URL( https://evil.example/a.png )}", "url(\"\")", "evil" },
    { "@import \"https://evil.example/x.css\"; p{color:red}", "p{color:red}", "evil" },
    { "@import url(https://evil.example/x.css) screen; p{color:red}", "p{color:red}", "evil" },
    { "@IMPORT 'https://evil.example/x.css';", NULL, "evil" },
    { "@\\69mport 'https://evil.example/x.css';", NULL, "evil" },
    { "a{background-image:image-set(\"https://evil.example/1.png\" 1x, 'https://news.example/2.png' 2x)}",
      "\"clip://original/7/3\"", "evil" },
    { "a{background-image:-webkit-image-set(\"https://evil.example/1.png\" 1x)}", NULL, "evil" },
    { "@font-face{font-family:x;src:url(https://evil.example/f.woff) format(\"woff\")}", "format(\"woff\")", "evil" },
    { "a{content:\"</style><script>alert(1)</script>\"}", "\\3c /style", "<" },
    { "<!-- p{color:red} -->", "p{color:red}", "<" },
    { "a{width:calc(100% - 2em)} b{margin:-1e3px}", "calc(100% - 2em)", NULL },
    { "@charset \"utf-8\"; p{}", "p{}", "charset" },
    { "a{background:url(#grad)}", NULL, "evil" },
    { "a{background:url(https://evil.example/a.png", "url(\"\")", "evil" },
    { "a{content:'unterminated", NULL, NULL },
    { "\\", NULL, NULL },
    { "", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = clip_css_rewrite (cases[i].css, local_cb, NULL);

      g_test_message ("%s → %s", cases[i].css, out);
      g_assert_true (g_utf8_validate (out, -1, NULL));
      if (cases[i].has != NULL && strstr (out, cases[i].has) == NULL)
        g_error ("“%s” gave “%s”, without “%s”", cases[i].css, out, cases[i].has);
      if (cases[i].lacks != NULL && strstr (out, cases[i].lacks) != NULL)
        g_error ("“%s” gave “%s”, with “%s”", cases[i].css, out, cases[i].lacks);
      g_assert_null (strchr (out, '<'));
    }

  /* Writing again changes nothing: what was understood is what is written. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *once = clip_css_rewrite (cases[i].css, NULL, NULL);
      g_autofree char *twice = clip_css_rewrite (once, NULL, NULL);

      g_assert_cmpstr (once, ==, twice);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/inert/vectors", test_vectors);
  g_test_add_func ("/inert/layout-kept", test_layout_kept);
  g_test_add_func ("/inert/css", test_css);

  return g_test_run ();
}
