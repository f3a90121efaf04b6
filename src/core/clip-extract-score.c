/* clip-extract-score.c: finding the article in the page and cleaning it
 *
 * Paragraphs are scored by their length and commas, the scores flow to
 * their parent and grandparent, class and id names add hints, link-heavy
 * blocks lose, a candidate beside the headline gains, and the best block
 * is joined by the siblings that belong with it. Page furniture is then
 * removed from what was gathered, as Readability does, before the second
 * pass (clip-extract-trim.c) trims what a reader skips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "clip-extract-private.h"

#define N_TOP_CANDIDATES 5
#define MIN_TOP_CANDIDATES 3
/* How much nearness to the headline weighs. */
#define TITLE_BONUS 3.0f

/* The common case without a call: the node already has its block. */
static inline NodeInfo *
info (Grab    *grab,
      xmlNode *node)
{
  return node->_private != NULL ? node->_private : clip_extract_node_info (grab, node);
}

/* Scoring. */

static void
initialize_node (Grab    *grab,
                 xmlNode *node)
{
  static const char * const plus5[] = { "div", NULL };
  static const char * const plus3[] = { "pre", "td", "blockquote", NULL };
  static const char * const minus3[] = {
    "address", "ol", "ul", "dl", "dd", "dt", "li", "form", NULL,
  };
  NodeInfo *i = info (grab, node);
  float score = 0;

  if (clip_extract_tag_in (node, plus5))
    score = 5;
  else if (clip_extract_tag_in (node, plus3))
    score = 3;
  else if (clip_extract_tag_in (node, minus3))
    score = -3;
  else if (clip_extract_is_heading (node) || clip_extract_is_tag (node, "th"))
    score = -5;

  i->score = score + clip_extract_class_weight (grab, node);
  i->flags |= NODE_SCORED;
  g_ptr_array_add (grab->candidates, node);
}

static void
score_paragraphs (Grab *grab)
{
  for (guint n = 0; n < grab->to_score->len; n++)
    {
      xmlNode *node = g_ptr_array_index (grab->to_score, n);
      NodeInfo *i = info (grab, node);
      xmlNode *ancestor = node->parent;
      float score;

      if (ancestor == NULL || ancestor->type != XML_ELEMENT_NODE || i->text_len < 25)
        continue;

      score = 1 + (i->commas + 1) + MIN (i->text_len / 100, 3);
      for (int level = 0; level < 5 && ancestor != NULL && ancestor->type == XML_ELEMENT_NODE;
           level++, ancestor = ancestor->parent)
        {
          int divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;

          if (ancestor->parent == NULL || ancestor->parent->type != XML_ELEMENT_NODE)
            break;
          if (!(info (grab, ancestor)->flags & NODE_SCORED))
            initialize_node (grab, ancestor);
          info (grab, ancestor)->score += score / divider;
        }
    }
}

static gboolean
is_ancestor (xmlNode *ancestor,
             xmlNode *node)
{
  for (node = node->parent; node != NULL; node = node->parent)
    {
      if (node == ancestor)
        return TRUE;
    }

  return FALSE;
}

static float
score_of (Grab    *grab,
          xmlNode *node)
{
  return info (grab, node)->score;
}

/* The article's text stands next to its headline: a candidate that
 * holds the heading that repeats the title, or shares a container with
 * it, is more likely the article than a sidebar that scores as well. */
static gboolean
is_about_author (const xmlNode *node)
{
  static const char * const words[] = {
    "author", "bio", "about", "profile", "autor", "auteur", NULL,
  };
  g_autofree char *match = clip_extract_match_string (node);

  return match != NULL && clip_extract_contains_any (match, words);
}

static gboolean
is_near_title (Grab    *grab,
               xmlNode *candidate)
{
  xmlNode *anchor = grab->title_anchor;
  xmlNode *parent = candidate->parent;

  if (anchor == NULL)
    return FALSE;
  if (candidate == anchor || is_ancestor (candidate, anchor))
    return TRUE;

  /* The author's box stands by the headline too, and is not the text. */
  if (is_about_author (candidate))
    return FALSE;

  /* Beside it: the heading, or the header that holds it, is a sibling. */
  return parent != NULL && !clip_extract_is_tag (parent, "body") &&
         (parent == anchor || parent == anchor->parent ||
          (anchor->parent != NULL && parent == anchor->parent->parent));
}

static xmlNode *
pick_top_candidate (Grab *grab)
{
  xmlNode *top[N_TOP_CANDIDATES] = { NULL, };
  guint n_top = 0;
  guint n_close = 0;
  xmlNode *best;

  for (guint n = 0; n < grab->candidates->len; n++)
    {
      xmlNode *candidate = g_ptr_array_index (grab->candidates, n);
      NodeInfo *i = info (grab, candidate);
      guint slot;

      i->score *= 1 - clip_extract_link_density (grab, candidate);
      if (is_near_title (grab, candidate))
        i->score *= TITLE_BONUS;
      for (slot = 0; slot < n_top && score_of (grab, top[slot]) >= i->score; slot++)
        ;
      if (slot >= N_TOP_CANDIDATES)
        continue;
      memmove (&top[slot + 1], &top[slot], (N_TOP_CANDIDATES - slot - 1) * sizeof (xmlNode *));
      top[slot] = candidate;
      n_top = MIN (n_top + 1, N_TOP_CANDIDATES);
    }

  best = top[0];
  if (best == NULL || clip_extract_is_tag (best, "body"))
    return NULL;

  /* When several near-best candidates share an ancestor, the article is
   * probably that ancestor, split in parts. */
  for (guint n = 1; n < n_top; n++)
    n_close += score_of (grab, top[n]) / score_of (grab, best) >= 0.75;

  if (n_close >= MIN_TOP_CANDIDATES)
    {
      for (xmlNode *parent = best->parent; parent != NULL && !clip_extract_is_tag (parent, "body"); parent = parent->parent)
        {
          guint n_within = 0;

          for (guint n = 1; n < n_top; n++)
            n_within += score_of (grab, top[n]) / score_of (grab, best) >= 0.75 &&
                        is_ancestor (parent, top[n]);
          if (n_within >= MIN_TOP_CANDIDATES)
            {
              best = parent;
              break;
            }
        }
    }

  if (!(info (grab, best)->flags & NODE_SCORED))
    initialize_node (grab, best);

  return best;
}

/* A parent scoring higher than its child, within reason, holds more of
 * the article; an only child says nothing its parent does not. */
static xmlNode *
climb_top_candidate (Grab    *grab,
                     xmlNode *top)
{
  float last = score_of (grab, top);
  float threshold = last / 3;

  for (xmlNode *parent = top->parent; parent != NULL && parent->type == XML_ELEMENT_NODE &&
       !clip_extract_is_tag (parent, "body"); parent = parent->parent)
    {
      NodeInfo *i = info (grab, parent);

      if (!(i->flags & NODE_SCORED))
        continue;
      if (i->score < threshold)
        break;
      if (i->score > last)
        {
          top = parent;
          break;
        }
      last = i->score;
    }

  while (top->parent != NULL && top->parent->type == XML_ELEMENT_NODE &&
         !clip_extract_is_tag (top->parent, "body"))
    {
      guint n_children = 0;

      for (xmlNode *child = top->parent->children; child != NULL; child = child->next)
        n_children += child->type == XML_ELEMENT_NODE;
      if (n_children != 1)
        break;
      top = top->parent;
    }

  if (!(info (grab, top)->flags & NODE_SCORED))
    initialize_node (grab, top);

  return top;
}

static gboolean
sibling_belongs (Grab    *grab,
                 xmlNode *sibling,
                 xmlNode *top,
                 float    threshold)
{
  NodeInfo *i = info (grab, sibling);
  const char *klass = clip_extract_attr (top, "class");
  float bonus = 0;

  if (klass != NULL && klass[0] != '\0' && g_strcmp0 (clip_extract_attr (sibling, "class"), klass) == 0)
    bonus = score_of (grab, top) * 0.2f;

  /* Beside the headline, the article is the top's own: a sibling joins
   * by its score only when it is a part of the same kind (same class),
   * not a sidebar that scores well. */
  if ((i->flags & NODE_SCORED) && i->score + bonus >= threshold &&
      (!grab->by_headline || bonus > 0))
    return TRUE;

  if (clip_extract_is_tag (sibling, "p"))
    {
      double density = clip_extract_link_density (grab, sibling);
      g_autofree char *text = clip_extract_node_text (sibling, 4096);
      glong length = g_utf8_strlen (text, -1);

      if (length > 80 && density < 0.25)
        return TRUE;
      if (length < 80 && length > 0 && density == 0 &&
          (strstr (text, ". ") != NULL || g_str_has_suffix (text, ".")))
        return TRUE;
    }

  return FALSE;
}

static void
find_dir (Grab    *grab,
          xmlNode *top)
{
  for (xmlNode *node = top; node != NULL && node->type == XML_ELEMENT_NODE; node = node->parent)
    {
      const char *dir = clip_extract_attr (node, "dir");

      if (dir != NULL && dir[0] != '\0')
        {
          grab->dir = g_strdup (dir);
          return;
        }
    }
}

static void
gather_article (Grab    *grab,
                xmlNode *top)
{
  float threshold = MAX (10, score_of (grab, top) * 0.2f);

  find_dir (grab, top);
  for (xmlNode *sibling = top->parent->children; sibling != NULL; sibling = sibling->next)
    {
      if (sibling->type != XML_ELEMENT_NODE)
        continue;
      if (sibling == top || sibling_belongs (grab, sibling, top, threshold))
        g_ptr_array_add (grab->article, sibling);
    }
}

/* Scores the paragraphs, picks the best candidate and gathers the
 * siblings that belong with it; the whole body when nothing stands out. */
void
clip_extract_find_article (Grab *grab)
{
  xmlNode *top;

  score_paragraphs (grab);
  top = pick_top_candidate (grab);
  if (top == NULL)
    {
      grab->created_top = TRUE;
      g_ptr_array_add (grab->article, grab->body);
      find_dir (grab, grab->body);
      return;
    }

  top = climb_top_candidate (grab, top);
  grab->by_headline = is_near_title (grab, top);
  gather_article (grab, top);
}

/* Cleaning the article. */

static void
collect_tags (xmlNode            *root,
              const char * const *names,
              GPtrArray          *out)
{
  for (xmlNode *node = root; node != NULL; node = clip_extract_next_node (node, root, FALSE))
    {
      if (clip_extract_tag_in (node, names))
        g_ptr_array_add (out, node);
    }
}

/* Removes node, keeping the counts of its ancestors within root right. */
void
clip_extract_remove_node (Grab    *grab,
                          xmlNode *node)
{
  NodeInfo *i = info (grab, node);

  for (xmlNode *up = node->parent; up != NULL && up->type == XML_ELEMENT_NODE; up = up->parent)
    {
      NodeInfo *u = info (grab, up);

      u->link_len -= MIN (u->link_len, i->link_len);
      u->text_len -= MIN (u->text_len, i->text_len);
      u->commas -= MIN (u->commas, i->commas);
      u->n_p -= MIN (u->n_p, i->n_p);
      u->n_img -= MIN (u->n_img, i->n_img);
      u->n_li -= MIN (u->n_li, i->n_li);
      u->n_input -= MIN (u->n_input, i->n_input);
      u->n_embed -= MIN (u->n_embed, i->n_embed);
      u->heading_len -= MIN (u->heading_len, i->heading_len);
      u->list_len -= MIN (u->list_len, i->list_len);
    }

  clip_extract_free_node (node);
}

typedef gboolean (*RemoveFunc) (Grab *grab, xmlNode *node);

/* Visits the elements named in reverse document order, so that inner
 * ones go first and outer ones are judged without them. */
static void
remove_matching (Grab               *grab,
                 const char * const *names,
                 RemoveFunc          func)
{
  for (guint a = 0; a < grab->article->len; a++)
    {
      g_autoptr(GPtrArray) nodes = g_ptr_array_new ();

      collect_tags (g_ptr_array_index (grab->article, a), names, nodes);
      for (guint n = nodes->len; n > 0; n--)
        {
          xmlNode *node = g_ptr_array_index (nodes, n - 1);

          if (func == NULL || func (grab, node))
            {
              if (node == g_ptr_array_index (grab->article, a))
                continue;
              clip_extract_remove_node (grab, node);
            }
        }
    }
}

static gboolean
is_video_embed (xmlNode *node)
{
  static const char * const hosts[] = {
    "youtube.com", "youtube-nocookie.com", "player.vimeo.com", "dailymotion.com",
    "v.qq.com", "archive.org", "upload.wikimedia.org", "player.twitch.tv", NULL,
  };

  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    {
      if (a->children != NULL && a->children->content != NULL &&
          clip_extract_contains_any ((const char *)a->children->content, hosts))
        return TRUE;
    }

  return FALSE;
}

static void
mark_data_tables (Grab *grab)
{
  static const char * const table[] = { "table", NULL };
  static const char * const data_parts[] = { "col", "colgroup", "tfoot", "thead", "th", NULL };
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();

  for (guint a = 0; a < grab->article->len; a++)
    collect_tags (g_ptr_array_index (grab->article, a), table, tables);

  for (guint n = 0; n < tables->len; n++)
    {
      xmlNode *t = g_ptr_array_index (tables, n);
      g_autoptr(GPtrArray) parts = g_ptr_array_new ();
      g_autoptr(GPtrArray) nested = g_ptr_array_new ();
      guint rows = 0;
      guint columns = 0;
      gboolean data;

      if (g_strcmp0 (clip_extract_attr (t, "role"), "presentation") == 0 ||
          g_strcmp0 (clip_extract_attr (t, "datatable"), "0") == 0)
        continue;

      collect_tags (t, data_parts, parts);
      collect_tags (t, table, nested);
      data = clip_extract_attr (t, "summary") != NULL || parts->len > 0;
      if (!data && nested->len > 1)
        continue;

      for (xmlNode *node = t; node != NULL; node = clip_extract_next_node (node, t, FALSE))
        {
          if (clip_extract_is_tag (node, "tr"))
            {
              guint cells = 0;

              rows++;
              for (xmlNode *cell = node->children; cell != NULL; cell = cell->next)
                cells += clip_extract_is_tag (cell, "td") || clip_extract_is_tag (cell, "th");
              columns = MAX (columns, cells);
            }
        }

      if (data || rows >= 10 || columns > 4 || rows * columns > 10)
        info (grab, t)->flags |= NODE_DATA_TABLE;
    }
}

static gboolean
in_data_table (Grab    *grab,
               xmlNode *node)
{
  for (node = node->parent; node != NULL && node->type == XML_ELEMENT_NODE; node = node->parent)
    {
      if (clip_extract_is_tag (node, "table") && (info (grab, node)->flags & NODE_DATA_TABLE))
        return TRUE;
    }

  return FALSE;
}

static gboolean
clean_conditionally_cb (Grab    *grab,
                        xmlNode *node)
{
  NodeInfo *i = info (grab, node);
  gboolean list = clip_extract_is_tag (node, "ul") || clip_extract_is_tag (node, "ol");
  int weight;
  double density;
  double heading_density;
  gboolean remove;
  int li;

  if (!(grab->pass & PASS_CLEAN_CONDITIONALLY))
    return FALSE;

  if (!list && i->text_len > 0)
    list = (double)i->list_len / i->text_len > 0.9;
  if (clip_extract_is_tag (node, "table") && (i->flags & NODE_DATA_TABLE))
    return FALSE;
  if (in_data_table (grab, node) || clip_extract_has_ancestor_tag (node, "code", 3))
    return FALSE;

  weight = clip_extract_class_weight (grab, node);
  if (weight < 0)
    return TRUE;
  if (i->commas >= 10)
    return FALSE;

  li = (int)i->n_li - 100;
  density = clip_extract_link_density (grab, node);
  heading_density = i->text_len > 0 ? (double)i->heading_len / i->text_len : 0;

  if (i->n_embed > 0)
    {
      /* Videos are content. */
      g_autoptr(GPtrArray) embeds = g_ptr_array_new ();
      static const char * const names[] = { "object", "embed", "iframe", NULL };

      collect_tags (node, names, embeds);
      for (guint n = 0; n < embeds->len; n++)
        {
          if (is_video_embed (g_ptr_array_index (embeds, n)))
            return FALSE;
        }
    }

  remove = (i->n_img > 1 && (double)i->n_p / i->n_img < 0.5 && !clip_extract_has_ancestor_tag (node, "figure", 3)) ||
           (!list && li > (int)i->n_p) ||
           (i->n_input > i->n_p / 3) ||
           (!list && heading_density < 0.9 && i->text_len < 25 && (i->n_img == 0 || i->n_img > 2) &&
            !clip_extract_has_ancestor_tag (node, "figure", 3)) ||
           (!list && weight < 25 && density > 0.2) ||
           (weight >= 25 && density > 0.5) ||
           (i->n_embed == 1 && i->text_len < 75) || i->n_embed > 1;

  /* Lists of images, one per item, stay. */
  if (list && remove)
    {
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        {
          guint n_children = 0;

          for (xmlNode *c = child->children; c != NULL; c = c->next)
            n_children += c->type == XML_ELEMENT_NODE;
          if (n_children > 1)
            return TRUE;
        }
      if (i->n_img == i->n_li)
        return FALSE;
    }

  return remove;
}

static gboolean
clean_embed_cb (Grab    *grab,
                xmlNode *node)
{
  (void)grab;
  return !is_video_embed (node);
}

static gboolean
clean_header_cb (Grab    *grab,
                 xmlNode *node)
{
  return clip_extract_class_weight (grab, node) < 0;
}

static gboolean
clean_share_cb (Grab    *grab,
                xmlNode *node)
{
  g_autofree char *match = clip_extract_match_string (node);
  const char *p;

  if (match == NULL || info (grab, node)->text_len >= CHAR_THRESHOLD)
    return FALSE;

  for (p = strstr (match, "share"); p != NULL; p = strstr (p + 1, "share"))
    {
      gboolean start = p == match || !g_ascii_isalnum (p[-1]);
      const char *end = p + strlen ("share");

      if (g_str_has_prefix (end, "daddy"))
        end += strlen ("daddy");
      if (start && !g_ascii_isalnum (*end))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_any_element (Grab    *grab,
                xmlNode *node)
{
  (void)grab;
  (void)node;
  return TRUE;
}

void
clip_extract_prepare_article (Grab *grab)
{
  static const char * const forms[] = { "form", "fieldset", NULL };
  static const char * const embeds[] = { "object", "embed", "iframe", NULL };
  static const char * const junk[] = {
    "footer", "link", "aside", "input", "textarea", "select", "button", "nav", NULL,
  };
  static const char * const headers[] = { "h1", "h2", NULL };
  static const char * const tables[] = { "table", NULL };
  static const char * const lists[] = { "ul", NULL };
  static const char * const divs[] = { "div", NULL };

  for (guint a = 0; a < grab->article->len; a++)
    clip_extract_compute_stats (grab, g_ptr_array_index (grab->article, a));

  mark_data_tables (grab);
  remove_matching (grab, forms, clean_conditionally_cb);
  remove_matching (grab, embeds, clean_embed_cb);
  remove_matching (grab, junk, is_any_element);

  /* Share bars among the article's own children. */
  for (guint a = 0; a < grab->article->len; a++)
    {
      xmlNode *top = g_ptr_array_index (grab->article, a);
      xmlNode *node = top->children;

      while (node != NULL)
        {
          if (node->type == XML_ELEMENT_NODE && clean_share_cb (grab, node))
            {
              xmlNode *next = clip_extract_next_node (node, top, TRUE);

              clip_extract_remove_node (grab, node);
              node = next;
              continue;
            }
          node = clip_extract_next_node (node, top, FALSE);
        }
    }

  remove_matching (grab, headers, clean_header_cb);
  remove_matching (grab, tables, clean_conditionally_cb);
  remove_matching (grab, lists, clean_conditionally_cb);
  remove_matching (grab, divs, clean_conditionally_cb);

  /* The length that decides whether to try again with fewer heuristics
   * is the one before the trimming, which removes only what a reader
   * skips: a short article is not a failed search. */
  grab->untrimmed_length = clip_extract_article_length (grab);
  clip_extract_trim (grab);
}

guint32
clip_extract_article_length (Grab *grab)
{
  guint32 length = 0;

  for (guint a = 0; a < grab->article->len; a++)
    length += info (grab, g_ptr_array_index (grab->article, a))->text_len;

  return length;
}
