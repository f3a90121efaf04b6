/* clip-extract-trim.c: the second pass over the chosen article
 *
 * Readability's cleaning judges containers by their class names and
 * their mix of links, images and paragraphs. People judge blocks: they
 * skip the second copy of a caption, the gallery's "Image 1 of 5", the
 * share and newsletter prompts, and everything from the comments or the
 * "Related" list on. This pass walks the innermost blocks of the article
 * in reading order and removes those, then trims the link lists left at
 * either edge. It never removes a block that reads like prose.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clip-extract-private.h"

/* Prompts and chrome are short; a longer block is text. */
#define MAX_CHROME_LENGTH 160
/* The longest block the chrome patterns, each bounded, are tried on. */
#define MAX_CHROME_TEXT 320
/* A section heading (comments, related) is a few words. */
#define MAX_SECTION_LENGTH 60
/* A section that ends the article starts after this share of its text. */
#define SECTION_MIN_POSITION 0.4
/* A block of links at an edge is chrome from this density on. */
#define EDGE_LINK_DENSITY 0.5
#define TEXT_LIMIT 4096
/* A kicker is a few words; a promo's headline is mostly its link. */
#define MAX_KICKER_LENGTH 40
#define PROMO_LINK_DENSITY 0.8
/* Captions and credits are short. */
#define MAX_REPEATED_LENGTH 150

typedef struct {
  xmlNode *node;
  char *text;             /* whitespace collapsed */
  guint32 length;         /* in characters, as NodeInfo counts */
  guint32 before;         /* article characters before the block */
  gboolean removed;
} Block;

static void
block_clear (Block *block)
{
  g_free (block->text);
}

/* Elements that hold a run of text of their own. */
static gboolean
is_block_tag (const xmlNode *node)
{
  static const char * const names[] = {
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "div",
    "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "li", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr",
    "ul", NULL,
  };

  if (node->type != XML_ELEMENT_NODE)
    return FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (strcmp ((const char *)node->name, names[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_within (xmlNode *ancestor,
           xmlNode *node)
{
  for (node = node->parent; node != NULL; node = node->parent)
    {
      if (node == ancestor)
        return TRUE;
    }

  return FALSE;
}

static xmlNode *
next_in (xmlNode  *node,
         xmlNode  *root,
         gboolean  skip_children)
{
  if (!skip_children && node->type == XML_ELEMENT_NODE && node->children != NULL)
    return node->children;

  while (node != root && node->next == NULL)
    node = node->parent;

  return node == root ? NULL : node->next;
}

/* The innermost blocks of the article, in reading order: a block is
 * innermost when the next block in document order is not inside it.
 * Tables stay whole, so that a data table is judged as one. */
static GArray *
collect_blocks (Grab *grab)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GArray *blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  guint32 before = 0;

  g_array_set_clear_func (blocks, (GDestroyNotify)block_clear);

  for (guint a = 0; a < grab->article->len; a++)
    {
      xmlNode *root = g_ptr_array_index (grab->article, a);

      g_ptr_array_add (all, root);
      for (xmlNode *node = root->children; node != NULL; )
        {
          gboolean whole = clip_extract_is_tag (node, "table");

          if (is_block_tag (node))
            g_ptr_array_add (all, node);
          node = next_in (node, root, whole);
        }
    }

  for (guint n = 0; n < all->len; n++)
    {
      xmlNode *node = g_ptr_array_index (all, n);
      xmlNode *next = n + 1 < all->len ? g_ptr_array_index (all, n + 1) : NULL;
      Block block = { NULL, };

      if (next != NULL && is_within (node, next))
        continue;

      block.node = node;
      block.length = clip_extract_node_info (grab, node)->text_len;
      block.text = block.length <= MAX_CHROME_LENGTH * 4 ? clip_extract_node_text (node, TEXT_LIMIT) : NULL;
      block.before = before;
      before += block.length;
      g_array_append_val (blocks, block);
    }

  return blocks;
}

static GRegex *
compile_once (GRegex      **regex,
              const char   *pattern)
{
  if (g_once_init_enter (regex))
    {
      GRegex *compiled = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);

      g_once_init_leave (regex, compiled);
    }

  return *regex;
}

/* Blocks that are chrome wherever they stand: gallery controls, share,
 * follow and subscription prompts, counts, copyright and citation
 * footers, tag lines. The words are English, German, French, Spanish,
 * Italian, Portuguese and Dutch. */
static gboolean
is_chrome (const char *text)
{
  static GRegex *regex;
  const char *pattern =
    "^(?:"
    /* Galleries. */
    "(?:image|photo|picture|slide|foto|bild|imagen|immagine|imagem)s?\\s*\\d+\\s*"
    "(?:of|/|von|de|sur|di|van|aus)\\s*\\d+"
    "|\\d+\\s*/\\s*\\d+"
    "|expand|enlarge|enlarge this (?:image|photo)|enlarge image|click (?:to|here to) enlarge"
    "|view (?:full |larger )?(?:gallery|slideshow|image|photo)s?|photo|photos|image|zoom"
    "|close|previous|next|prev|more photos|launch (?:gallery|slideshow)|vergrößern|agrandir|ampliar|ingrandisci"
    /* Sharing and counts. */
    "|share(?: this(?: article| story| post| page)?)?(?: on \\w+)?\\s*:?|tweet|e-?mail|print|like|pin it"
    "|whatsapp|facebook|twitter|linkedin|reddit|google\\+|pinterest|tumblr|stumbleupon|digg"
    "|teilen|partager|compartir|condividi|compartilhar|compartilhe|delen|drucken|imprimer|imprimir"
    "|[\\d.,]+k?\\s*(?:shares?|likes?|tweets?|views?|reactions?|comments?|kommentare|commentaires?|comentarios?|commenti|comentários|reacties)"
    "|\\{?\\s*\\d+ comments?.{0,40}\\}?"
    "|\\d+\\s*min(?:ute)?s?\\s*(?:read|lesezeit|de lecture|de lectura|di lettura|de leitura|leestijd)"
    "|(?:reading time|lesezeit|temps de lecture|tiempo de lectura)\\s*:?.{0,20}"
    /* Following, subscribing, writing in. */
    "|follow (?:us|me|@\\S+).{0,80}|like us on facebook.{0,60}|folgen sie uns.{0,60}|suivez-nous.{0,60}|síguenos.{0,60}|seguici.{0,60}|siga-nos.{0,60}|volg ons.{0,60}"
    "|(?:sign up|subscribe|register)(?: now| today| here)? (?:for|to) (?:our|the) .{0,80}"
    "|.{0,60}\\bnewsletters?\\b.{0,80}"
    "|(?:get|receive) (?:our|the) .{0,40}(?:delivered|in your inbox|by email).{0,60}"
    "|abonnieren.{0,60}|(?:s'|vous )abonner.{0,60}|suscr[ií]bete.{0,60}|iscriviti.{0,60}|assine.{0,60}|abonneer.{0,60}"
    "|e-?mail the (?:author|writer|reporter)s?\\b.{0,100}|contact the (?:author|writer|reporter)s?\\b.{0,100}"
    "|join (?:our|the) (?:forums?|discussion|conversation|community).{0,60}"
    /* Teaser labels. */
    "|related(?: (?:articles?|stories|story|posts?|content|links|news|coverage|topics|videos?))?\\s*:?"
    "|(?:related|see also|more|also|read|watch|listen|lire|lesen|leer|leggi|leia|lees)\\s*:\\s.{0,120}"
    "|read more.{0,40}|more from .{0,40}|see more.{0,40}|continue reading.{0,40}"
    "|most (?:viewed|popular|read|shared|emailed|commented)(?: \\w+){0,3}|recommended(?: for you| stories| articles)?"
    "|you (?:may|might) (?:also )?(?:like|enjoy|be interested in).{0,40}|trending(?: now)?"
    "|lesen sie auch.{0,60}|mehr zum thema.{0,40}|meistgelesen.{0,20}|(?:à )?lire aussi.{0,60}|les plus lus"
    "|lee también.{0,60}|leer más|lo más leído|leggi anche.{0,60}|i più letti|leia também.{0,60}|mais lidas|lees ook.{0,60}|meest gelezen"
    "|don'?[’']?t miss.{0,60}|featured (?:posts|stories|articles|videos)|latest (?:news|stories|posts)|top stories"
    "|stay in the know.{0,80}|subscribe(?: to| now| today)?.{0,60}|archives?|rss(?: feed)?|video|videos|gallery|shared|by"
    "|(?:your )?e-?mail(?: address)?\\s*:?"
    "|a version of this (?:article|story|review|post) (?:appear(?:s|ed)|ran) .{0,40}(?:page|edition|print).{0,220}"
    "|you can follow any responses to this entry.{0,200}"
    "|posted in\\s*:.{0,80}|filed (?:under|in)\\s*:?.{0,80}|\\(?subscribe to .{0,40}\\)?|relevant links\\s*:?"
    "|available to .{0,30} subscribers|to receive these entries .{0,160}"
    /* Comment prompts. */
    "|leave a (?:reply|comment|response)|post a comment|add (?:a |your )?comment|comments?|reply|antworten|répondre|responder|rispondi"
    "|no comments(?: yet)?\\.?|comments are closed\\.?.{0,60}|be the first to comment.{0,40}|kommentieren|commenter|comentar"
    "|(?:show|view|load|see) (?:all )?(?:\\d+ )?comments?.{0,20}"
    /* Footers. */
    "|(?:©|\\(c\\)|copyright)\\s.{0,150}|.{0,100}all rights reserved\\.?.{0,60}|alle rechte vorbehalten.{0,60}|tous droits réservés.{0,60}"
    "|todos los derechos reservados.{0,60}|tutti i diritti riservati.{0,60}"
    "|this (?:document|article|material) is subject to copyright.{0,150}|citation\\s*:.{0,150}retrieved.{0,80}"
    "|(?:tags?|tagged(?: with| as)?|schlagworte|schlagwörter|mots-clés|etiquetas|etichette|trefwoorden)\\s*:.{0,150}"
    ")$";

  return g_regex_match (compile_once (&regex, pattern), text, 0, NULL);
}

/* Headings that open a section that is not the article: comments, teaser
 * lists, the author's box. When one stands in the last part of the
 * article, it and everything after it go. */
static gboolean
is_section_start (const char *text)
{
  static GRegex *regex;
  const char *pattern =
    "^(?:"
    /* "Response", "Reactions" or "Discussion" alone head sections of
     * articles too; only with a count are they comments. */
    "(?:\\d+\\s+)?(?:comments?|kommentare|commentaires|comentarios|commenti|comentários|reacties)(?:\\s*\\(\\d+\\))?\\s*:?"
    "|\\d+\\s+(?:responses?|replies|reactions)\\s*:?"
    "|\\d+ (?:thoughts|responses|replies|comments) (?:on|to) .{0,100}"
    "|leave a (?:reply|comment|response)|post a comment|add (?:a |your )?comment|join the discussion"
    "|related(?: (?:articles?|stories|posts?|content|links|news|coverage|videos?))?\\s*:?"
    "|you (?:may|might) (?:also )?(?:like|enjoy|be interested in).{0,40}|more (?:stories|articles|news|posts) (?:from|on|about) .{0,40}"
    "|most (?:viewed|popular|read|shared|emailed|commented)(?: \\w+){0,3}|recommended(?: for you| stories| articles)?"
    "|about the authors?|about (?:the )?writers?|über den autor|über die autorin|à propos de l'auteur|sobre el autor|sull'autore|sobre o autor|over de auteur"
    "|ähnliche artikel|das könnte sie auch interessieren|articles similaires|sur le même sujet|artículos relacionados|noticias relacionadas"
    "|articoli correlati|notizie correlate|artigos relacionados|notícias relacionadas|gerelateerde artikelen"
    ")$";

  return g_regex_match (compile_once (&regex, pattern), text, 0, NULL);
}

static void
remove_block (Grab  *grab,
              Block *block)
{
  if (block->removed)
    return;

  block->removed = TRUE;
  /* A block that is itself one of the article's parts leaves the list. */
  if (g_ptr_array_remove (grab->article, block->node))
    {
      xmlUnlinkNode (block->node);
      xmlFreeNode (block->node);
      return;
    }
  clip_extract_remove_node (grab, block->node);
}

static gboolean
is_removable (Grab  *grab,
              Block *block)
{
  /* The last part of the article stays, even when it is all chrome: an
   * empty article would send the search back for a worse one. */
  return !block->removed &&
         !(grab->article->len == 1 && g_ptr_array_index (grab->article, 0) == block->node);
}

/* The lightbox, gallery and <noscript> copies of a caption, and any
 * other block said twice: the first copy stays. */
static void
remove_repeated (Grab   *grab,
                 GArray *blocks)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint n = 0; n < blocks->len; n++)
    {
      Block *block = &g_array_index (blocks, Block, n);

      /* Only short blocks: long ones said twice are the writer's choice
       * (a refrain, a repeated warning), not a copy made by the page. */
      if (block->text == NULL || block->text[0] == '\0' || block->length > MAX_REPEATED_LENGTH)
        continue;
      if (!g_hash_table_add (seen, block->text) && is_removable (grab, block))
        remove_block (grab, block);
    }
}

static void
remove_chrome (Grab   *grab,
               GArray *blocks)
{
  for (guint n = 0; n < blocks->len; n++)
    {
      Block *block = &g_array_index (blocks, Block, n);

      if (block->text != NULL && block->length > 0 && block->length <= MAX_CHROME_TEXT &&
          is_removable (grab, block) && is_chrome (block->text))
        remove_block (grab, block);
    }
}

/* A kicker: a few words in capitals, such as "WEATHER WATCH". */
static gboolean
is_kicker (const char *text)
{
  guint letters = 0;

  if (text == NULL || g_utf8_strlen (text, -1) > MAX_KICKER_LENGTH)
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        return FALSE;
      letters += g_unichar_isupper (c);
    }

  return letters >= 3;
}

static gboolean
is_link_line (Grab  *grab,
              Block *block)
{
  NodeInfo *i;

  /* A removed block's node is gone. */
  if (block->removed)
    return FALSE;

  i = clip_extract_node_info (grab, block->node);
  return i->text_len > 0 && i->text_len <= MAX_CHROME_LENGTH &&
         i->link_len / i->text_len >= PROMO_LINK_DENSITY;
}

/* A promo for another story: a kicker in capitals, then its headline as
 * a link. Both go. */
static void
remove_promos (Grab   *grab,
               GArray *blocks)
{
  for (guint n = 0; n + 1 < blocks->len; n++)
    {
      Block *kicker = &g_array_index (blocks, Block, n);
      Block *headline = &g_array_index (blocks, Block, n + 1);

      if (kicker->removed || !is_kicker (kicker->text) || !is_link_line (grab, headline))
        continue;
      if (is_removable (grab, headline))
        remove_block (grab, headline);
      if (is_removable (grab, kicker))
        remove_block (grab, kicker);
    }
}

/* From a comments or teaser heading in the last part of the article,
 * everything goes. */
static void
remove_trailing_sections (Grab   *grab,
                          GArray *blocks,
                          guint32 total)
{
  for (guint n = 0; n < blocks->len; n++)
    {
      Block *block = &g_array_index (blocks, Block, n);

      /* A heading removed as chrome ("Comments") still ends the text. */
      if (block->text == NULL || block->length == 0 || block->length > MAX_SECTION_LENGTH)
        continue;
      if (block->before < total * SECTION_MIN_POSITION || !is_section_start (block->text))
        continue;

      for (guint m = blocks->len; m > n; m--)
        {
          Block *after = &g_array_index (blocks, Block, m - 1);

          if (is_removable (grab, after))
            remove_block (grab, after);
        }
      return;
    }
}

static gboolean
is_edge_chrome (Grab  *grab,
                Block *block)
{
  NodeInfo *i;

  if (block->removed)
    return TRUE;

  i = clip_extract_node_info (grab, block->node);
  return i->text_len == 0 ? i->n_img == 0 :
         i->text_len < MAX_CHROME_LENGTH * 2 && i->link_len / i->text_len > EDGE_LINK_DENSITY;
}

/* Link lists at the start (breadcrumbs, section links) and at the end
 * (tags, "more in", pagers) that the first pass let through. */
static void
trim_edges (Grab   *grab,
            GArray *blocks)
{
  for (guint n = 0; n < blocks->len; n++)
    {
      Block *block = &g_array_index (blocks, Block, n);

      if (!is_edge_chrome (grab, block))
        break;
      if (is_removable (grab, block))
        remove_block (grab, block);
    }

  for (guint n = blocks->len; n > 0; n--)
    {
      Block *block = &g_array_index (blocks, Block, n - 1);

      if (!is_edge_chrome (grab, block))
        break;
      if (is_removable (grab, block))
        remove_block (grab, block);
    }
}

void
clip_extract_trim (Grab *grab)
{
  g_autoptr(GArray) blocks = collect_blocks (grab);
  guint32 total = 0;

  for (guint n = 0; n < blocks->len; n++)
    total += g_array_index (blocks, Block, n).length;

  remove_repeated (grab, blocks);
  remove_chrome (grab, blocks);
  remove_promos (grab, blocks);
  remove_trailing_sections (grab, blocks, total);
  trim_edges (grab, blocks);
}
