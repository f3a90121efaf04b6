/* clip-cli-annotate.c: the annotate and annotations commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "clip-anchor.h"
#include "clip-cli-annotate.h"
#include "clip-cli-common.h"
#include "clip-json.h"
#include "clip-text.h"


typedef struct {
  char *quote;
  char *prefix;
  char *suffix;
  char *kind;
  int color;
  char *note;
  char *speaker;
  char *entity;
  char *entity_kind;
  char **tags;
  gboolean verified;
  gboolean fuzzy;
} AnnotateOptions;

static void
annotate_options_clear (AnnotateOptions *options)
{
  g_free (options->quote);
  g_free (options->prefix);
  g_free (options->suffix);
  g_free (options->kind);
  g_free (options->note);
  g_free (options->speaker);
  g_free (options->entity);
  g_free (options->entity_kind);
  g_strfreev (options->tags);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AnnotateOptions, annotate_options_clear)

static int
usage (const char *message)
{
  return clip_cli_usage (message,
                         _("Usage: clippings-cli annotate ID --quote TEXT [--prefix P] [--suffix S]\n"
                           "         --kind highlight|quote|entity|note [--color 1-5] [--note TEXT]\n"
                           "         [--speaker NAME] [--verified] [--entity NAME]\n"
                           "         [--entity-kind person|organisation|place|other] [--tag T]...\n"
                           "         [--fuzzy]\n"
                           "  --quote must be in the text as given (any run of spaces and line\n"
                           "  breaks counts as one space); --fuzzy also takes the closest passage\n"
                           "  and says what it took\n"));
}

static gboolean
parse_article_id (const char *text,
                  gint64     *id)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64)value;
  return TRUE;
}

static gboolean
parse_options (int              argc,
               char           **argv,
               AnnotateOptions *options,
               GError         **error)
{
  GOptionEntry entries[] = {
    { "quote", 0, 0, G_OPTION_ARG_STRING, &options->quote, NULL, NULL },
    { "prefix", 0, 0, G_OPTION_ARG_STRING, &options->prefix, NULL, NULL },
    { "suffix", 0, 0, G_OPTION_ARG_STRING, &options->suffix, NULL, NULL },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &options->kind, NULL, NULL },
    { "color", 0, 0, G_OPTION_ARG_INT, &options->color, NULL, NULL },
    { "note", 0, 0, G_OPTION_ARG_STRING, &options->note, NULL, NULL },
    { "speaker", 0, 0, G_OPTION_ARG_STRING, &options->speaker, NULL, NULL },
    { "verified", 0, 0, G_OPTION_ARG_NONE, &options->verified, NULL, NULL },
    { "entity", 0, 0, G_OPTION_ARG_STRING, &options->entity, NULL, NULL },
    { "entity-kind", 0, 0, G_OPTION_ARG_STRING, &options->entity_kind, NULL, NULL },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->tags, NULL, NULL },
    { "fuzzy", 0, 0, G_OPTION_ARG_NONE, &options->fuzzy, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  return g_option_context_parse (context, &argc, &argv, error);
}

/* The closest passage, with the engine that re-anchors annotations; it
 * says what it took, since that is not what was typed. */
static ClipAnnotation *
anchor_fuzzy (const char        *text,
              AnnotateOptions   *options,
              ClipAnnotationKind kind,
              GError           **error)
{
  g_autoptr(ClipAnchorText) anchor_text = clip_anchor_text_new (text);
  g_autofree char *found = NULL;
  ClipAnchorMatch match;

  if (!clip_anchor_find (anchor_text, options->quote, options->prefix, options->suffix, -1, -1, &match))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("“%s” is not in the article, nor anything close to it"), options->quote);
      return NULL;
    }

  found = clip_text_slice (text, match.start, match.end);
  g_printerr (_("clippings-cli: --fuzzy matched “%s” (%s match, score %.2f) at %ld–%ld\n"),
              found, clip_anchor_method_to_string (match.method), match.score, match.start, match.end);
  return clip_annotation_new_for_range (kind, text, match.start, match.end);
}

/* The quote exactly as given, code point for code point: a quote that is
 * not in the text is refused, never moved to the nearest passage. */
static ClipAnnotation *
anchor_quote (const char        *text,
              AnnotateOptions   *options,
              ClipAnnotationKind kind,
              GError           **error)
{
  glong start = -1, end = -1;
  guint n;

  n = clip_anchor_find_exact (text, options->quote, options->prefix, options->suffix, &start, &end);
  if (n == 1)
    return clip_annotation_new_for_range (kind, text, start, end);

  if (n > 1)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                 _("“%s” appears %u times in the article; say which with --prefix or --suffix"),
                 options->quote, n);
  else if (options->fuzzy)
    return anchor_fuzzy (text, options, kind, error);
  else if (options->prefix != NULL || options->suffix != NULL)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                 _("“%s” is not in the article with that --prefix or --suffix "
                   "(--fuzzy takes the closest passage)"), options->quote);
  else
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                 _("“%s” is not in the article (--fuzzy takes the closest passage)"), options->quote);
  return NULL;
}

static gboolean
link_entities (ClipStore        *store,
               ClipAnnotation   *annotation,
               AnnotateOptions  *options,
               GError          **error)
{
  ClipAnnotationKind kind = clip_annotation_get_kind (annotation);

  if (kind == CLIP_ANNOTATION_QUOTE && options->speaker != NULL)
    {
      g_autoptr(ClipEntity) speaker = clip_store_find_entity (store, options->speaker, "person", NULL);

      if (speaker == NULL)
        speaker = clip_store_find_entity (store, options->speaker, "organisation", NULL);
      if (speaker == NULL)
        speaker = clip_store_ensure_entity (store, options->speaker, "person", error);
      if (speaker == NULL)
        return FALSE;
      clip_annotation_set_speaker (annotation, clip_entity_get_id (speaker), clip_entity_get_name (speaker));
    }

  if (kind == CLIP_ANNOTATION_ENTITY)
    {
      const char *entity_kind = options->entity_kind ? options->entity_kind : "person";
      const char *name = options->entity ? options->entity : clip_annotation_get_exact (annotation);
      g_autoptr(ClipEntity) entity = clip_store_ensure_entity (store, name, entity_kind, error);

      if (entity == NULL)
        return FALSE;
      /* "Putin" tagged as "Vladimir Putin" is remembered as an alias. */
      if (g_ascii_strcasecmp (name, clip_annotation_get_exact (annotation)) != 0 &&
          !clip_store_add_entity_alias (store, clip_entity_get_id (entity),
                                        clip_annotation_get_exact (annotation), error))
        return FALSE;
      clip_annotation_set_entity (annotation, clip_entity_get_id (entity), clip_entity_get_name (entity),
                                  clip_entity_kind_to_string (clip_entity_get_kind (entity)));
    }

  return TRUE;
}

typedef struct {
  ClipAnnotation *annotation;
  AnnotateOptions *options;
} AnnotateLink;

/* The entity, its alias and the annotation that names them: one
 * transaction, so that a kill between them leaves none of them. */
static gboolean
add_linked (ClipStore  *store,
            gpointer    data,
            GError    **error)
{
  AnnotateLink *link = data;

  return link_entities (store, link->annotation, link->options, error) &&
         clip_store_add_annotation (store, link->annotation, error);
}

static ClipAnnotation *
stored_annotation (ClipStore *store,
                   gint64     article_id,
                   gint64     id)
{
  g_autoptr(GPtrArray) all = clip_store_list_annotations (store, article_id, NULL);

  for (guint i = 0; all != NULL && i < all->len; i++)
    if (clip_annotation_get_id (g_ptr_array_index (all, i)) == id)
      return g_object_ref (g_ptr_array_index (all, i));
  return NULL;
}

static gboolean
all_valid_utf8 (char **strv)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (!g_utf8_validate (strv[i], -1, NULL))
      return FALSE;
  return TRUE;
}

static gboolean
check_options (AnnotateOptions    *options,
               ClipAnnotationKind *kind,
               GError            **error)
{
  if (options->quote == NULL || options->quote[0] == '\0')
    g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--quote is needed"));
  else if (!g_utf8_validate (options->quote, -1, NULL) ||
           (options->prefix && !g_utf8_validate (options->prefix, -1, NULL)) ||
           (options->suffix && !g_utf8_validate (options->suffix, -1, NULL)) ||
           (options->note && !g_utf8_validate (options->note, -1, NULL)) ||
           (options->speaker && !g_utf8_validate (options->speaker, -1, NULL)) ||
           (options->entity && !g_utf8_validate (options->entity, -1, NULL)) ||
           !all_valid_utf8 (options->tags))
    g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         _("The text given is not valid UTF-8"));
  else if (!clip_annotation_kind_from_string (options->kind, kind))
    g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         _("--kind must be highlight, quote, entity or note"));
  else if (options->color < 0 || options->color > 5)
    g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--color must be 1 to 5"));
  else
    return TRUE;

  return FALSE;
}

int
clip_cli_annotate (ClipStore  *store,
                   int         argc,
                   char      **argv)
{
  g_auto(AnnotateOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipArticle) article = NULL;
  g_autoptr(ClipAnnotation) annotation = NULL;
  g_autoptr(ClipAnnotation) stored = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  g_autofree char **args = g_new0 (char *, argc + 2);
  AnnotateLink link;
  ClipAnnotationKind kind;
  gint64 id;

  /* GOption wants a program name first. */
  args[0] = (char *)"annotate";
  memcpy (args + 1, argv, argc * sizeof (char *));
  if (!parse_options (argc + 1, args, &options, &error))
    return usage (error->message);
  if (argc < 1 || !parse_article_id (argv[0], &id))
    return usage (_("annotate needs a clipping number first"));
  if (!check_options (&options, &kind, &error))
    return usage (error->message);

  article = clip_store_get_article (store, id, &error);
  if (article == NULL)
    return clip_cli_fail (error->message);

  annotation = anchor_quote (clip_article_get_text (article), &options, kind, &error);
  if (annotation == NULL)
    return clip_cli_fail (error->message);

  clip_annotation_set_article_id (annotation, id);
  if (kind == CLIP_ANNOTATION_HIGHLIGHT)
    clip_annotation_set_color (annotation, options.color > 0 ? options.color : 1);
  if (kind == CLIP_ANNOTATION_QUOTE)
    clip_annotation_set_quote_status (annotation, options.verified ? "verified" : "unverified");
  clip_annotation_set_note (annotation, options.note);
  clip_annotation_set_tags (annotation, (const char * const *)options.tags);

  link.annotation = annotation;
  link.options = &options;
  if (!clip_store_run_in_transaction (store, add_linked, &link, &error))
    return clip_cli_fail (error->message);

  stored = stored_annotation (store, id, clip_annotation_get_id (annotation));
  node = clip_annotation_to_json (stored ? stored : annotation);
  json = json_to_string (node, TRUE);
  g_print ("%s\n", json);
  return EXIT_SUCCESS;
}

int
clip_cli_annotations (ClipStore  *store,
                      int         argc,
                      char      **argv)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(ClipArticle) article = NULL;
  g_autofree char *json = NULL;
  gboolean as_json = argc == 2 && g_str_equal (argv[1], "--json");
  gint64 id;

  if ((argc != 1 && !as_json) || !parse_article_id (argv[0], &id))
    return usage (_("annotations needs a clipping number, such as: annotations 1 --json"));

  article = clip_store_get_article (store, id, &error);
  annotations = article != NULL ? clip_store_list_annotations (store, id, &error) : NULL;
  if (annotations == NULL)
    return clip_cli_fail (error->message);

  for (guint i = 0; i < annotations->len; i++)
    {
      ClipAnnotation *annotation = g_ptr_array_index (annotations, i);

      if (as_json)
        json_array_add_element (array, clip_annotation_to_json (annotation));
      else
        g_print ("%" G_GINT64_FORMAT "\t%s\t%ld\t%ld\t%s\n", clip_annotation_get_id (annotation),
                 clip_annotation_kind_to_string (clip_annotation_get_kind (annotation)),
                 clip_annotation_get_start (annotation), clip_annotation_get_end (annotation),
                 clip_annotation_get_exact (annotation));
    }

  if (as_json)
    {
      json_node_set_array (node, array);
      json = json_to_string (node, TRUE);
      g_print ("%s\n", json);
    }

  return EXIT_SUCCESS;
}
