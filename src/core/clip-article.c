/* clip-article.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "clip-article.h"
#include "clip-date.h"
#include "clip-text.h"

struct _ClipArticle
{
  GObject parent_instance;

  gint64 id;
  char *title;
  char *byline;
  char *site_name;
  char *source_url;
  char *published;
  char *lang;
  char *dir;
  char *excerpt;
  char *content_html;
  char *text;
  char *source_kind;
  GBytes *original;
  char *original_type;
  char *created_at;
  char *captured_at;
  char *lead_image_url;
  char *source_file;
  char *original_sha256;
  guint http_status;
  guint n_highlights;
};

G_DEFINE_FINAL_TYPE (ClipArticle, clip_article, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_SITE_NAME,
  PROP_PUBLISHED,
  PROP_N_HIGHLIGHTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clip_article_finalize (GObject *object)
{
  ClipArticle *self = (ClipArticle *)object;

  g_free (self->title);
  g_free (self->byline);
  g_free (self->site_name);
  g_free (self->source_url);
  g_free (self->published);
  g_free (self->lang);
  g_free (self->dir);
  g_free (self->excerpt);
  g_free (self->content_html);
  g_free (self->text);
  g_free (self->source_kind);
  g_clear_pointer (&self->original, g_bytes_unref);
  g_free (self->original_type);
  g_free (self->created_at);
  g_free (self->captured_at);
  g_free (self->lead_image_url);
  g_free (self->source_file);
  g_free (self->original_sha256);

  G_OBJECT_CLASS (clip_article_parent_class)->finalize (object);
}

static void
clip_article_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ClipArticle *self = CLIP_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, clip_article_get_title (self));
      break;
    case PROP_SITE_NAME:
      g_value_set_string (value, self->site_name);
      break;
    case PROP_PUBLISHED:
      g_value_set_string (value, self->published);
      break;
    case PROP_N_HIGHLIGHTS:
      g_value_set_uint (value, self->n_highlights);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clip_article_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  ClipArticle *self = CLIP_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID:
      clip_article_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_TITLE:
      clip_article_set_title (self, g_value_get_string (value));
      break;
    case PROP_SITE_NAME:
      clip_article_set_site_name (self, g_value_get_string (value));
      break;
    case PROP_PUBLISHED:
      clip_article_set_published (self, g_value_get_string (value));
      break;
    case PROP_N_HIGHLIGHTS:
      clip_article_set_n_highlights (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clip_article_class_init (ClipArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clip_article_finalize;
  object_class->get_property = clip_article_get_property;
  object_class->set_property = clip_article_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SITE_NAME] =
    g_param_spec_string ("site-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PUBLISHED] =
    g_param_spec_string ("published", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_HIGHLIGHTS] =
    g_param_spec_uint ("n-highlights", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clip_article_init (ClipArticle *self)
{
}

ClipArticle *
clip_article_new (void)
{
  return g_object_new (CLIP_TYPE_ARTICLE, NULL);
}

/* Replaces a string field and reports whether it changed. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

gint64
clip_article_get_id (ClipArticle *self)
{
  g_return_val_if_fail (CLIP_IS_ARTICLE (self), 0);
  return self->id;
}

void
clip_article_set_id (ClipArticle *self,
                     gint64       id)
{
  g_return_if_fail (CLIP_IS_ARTICLE (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
clip_article_get_title (ClipArticle *self)
{
  g_return_val_if_fail (CLIP_IS_ARTICLE (self), NULL);
  return self->title ? self->title : "";
}

void
clip_article_set_title (ClipArticle *self,
                        const char  *title)
{
  g_return_if_fail (CLIP_IS_ARTICLE (self));

  if (set_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
clip_article_get_site_name (ClipArticle *self)
{
  g_return_val_if_fail (CLIP_IS_ARTICLE (self), NULL);
  return self->site_name;
}

void
clip_article_set_site_name (ClipArticle *self,
                            const char  *site_name)
{
  g_return_if_fail (CLIP_IS_ARTICLE (self));

  if (set_string (&self->site_name, site_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SITE_NAME]);
}

const char *
clip_article_get_published (ClipArticle *self)
{
  g_return_val_if_fail (CLIP_IS_ARTICLE (self), NULL);
  return self->published;
}

void
clip_article_set_published (ClipArticle *self,
                            const char  *published)
{
  g_return_if_fail (CLIP_IS_ARTICLE (self));

  if (set_string (&self->published, published))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHED]);
}

guint
clip_article_get_n_highlights (ClipArticle *self)
{
  g_return_val_if_fail (CLIP_IS_ARTICLE (self), 0);
  return self->n_highlights;
}

void
clip_article_set_n_highlights (ClipArticle *self,
                               guint        n_highlights)
{
  g_return_if_fail (CLIP_IS_ARTICLE (self));

  if (self->n_highlights == n_highlights)
    return;

  self->n_highlights = n_highlights;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_HIGHLIGHTS]);
}

/* The fields below have no property: nothing binds to them. */
#define DEFINE_STRING_FIELD(field)                                  \
  const char *                                                      \
  clip_article_get_##field (ClipArticle *self)                      \
  {                                                                 \
    g_return_val_if_fail (CLIP_IS_ARTICLE (self), NULL);            \
    return self->field;                                             \
  }                                                                 \
  void                                                              \
  clip_article_set_##field (ClipArticle *self,                      \
                            const char  *value)                     \
  {                                                                 \
    g_return_if_fail (CLIP_IS_ARTICLE (self));                      \
    set_string (&self->field, value);                               \
  }

DEFINE_STRING_FIELD (byline)
DEFINE_STRING_FIELD (source_url)
DEFINE_STRING_FIELD (lang)
DEFINE_STRING_FIELD (dir)
DEFINE_STRING_FIELD (excerpt)
DEFINE_STRING_FIELD (source_kind)
DEFINE_STRING_FIELD (created_at)
DEFINE_STRING_FIELD (captured_at)
DEFINE_STRING_FIELD (lead_image_url)
DEFINE_STRING_FIELD (source_file)
DEFINE_STRING_FIELD (original_sha256)

guint
clip_article_get_http_status (ClipArticle *self)
{
  g_return_val_if_fail (CLIP_IS_ARTICLE (self), 0);
  return self->http_status;
}

void
clip_article_set_http_status (ClipArticle *self,
                              guint        http_status)
{
  g_return_if_fail (CLIP_IS_ARTICLE (self));
  self->http_status = http_status;
}

const char *
clip_article_get_content_html (ClipArticle *self)
{
  g_return_val_if_fail (CLIP_IS_ARTICLE (self), NULL);
  return self->content_html ? self->content_html : "";
}

void
clip_article_set_content_html (ClipArticle *self,
                               const char  *content_html)
{
  g_return_if_fail (CLIP_IS_ARTICLE (self));

  /* The text is derived from the content, so it goes stale with it. */
  if (set_string (&self->content_html, content_html))
    g_clear_pointer (&self->text, g_free);
}

const char *
clip_article_get_text (ClipArticle *self)
{
  g_return_val_if_fail (CLIP_IS_ARTICLE (self), NULL);

  if (self->text == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->text = clip_text_from_html (clip_article_get_content_html (self), &error);
      if (self->text == NULL)
        {
          g_warning ("Cannot walk the text of article %" G_GINT64_FORMAT ": %s",
                     self->id, error->message);
          self->text = g_strdup ("");
        }
    }

  return self->text;
}

GBytes *
clip_article_get_original (ClipArticle *self)
{
  g_return_val_if_fail (CLIP_IS_ARTICLE (self), NULL);
  return self->original;
}

const char *
clip_article_get_original_type (ClipArticle *self)
{
  g_return_val_if_fail (CLIP_IS_ARTICLE (self), NULL);
  return self->original_type;
}

void
clip_article_set_original (ClipArticle *self,
                           GBytes      *original,
                           const char  *mime_type)
{
  g_return_if_fail (CLIP_IS_ARTICLE (self));

  if (original != NULL)
    g_bytes_ref (original);
  g_clear_pointer (&self->original, g_bytes_unref);
  self->original = original;
  set_string (&self->original_type, mime_type);
}

char *
clip_article_dup_meta_line (ClipArticle *self)
{
  g_autofree char *published = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) present = NULL;

  g_return_val_if_fail (CLIP_IS_ARTICLE (self), NULL);

  published = clip_date_format_human (self->published);
  {
    const char *parts[] = { self->site_name, published, self->byline };

    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      if (parts[i] != NULL && parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
  }

  present = g_strv_builder_end (builder);
  return g_strjoinv (" · ", present);
}
