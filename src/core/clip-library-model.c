/* clip-library-model.c: the library as a lazily paged list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "clip-library-model.h"

/* Pages kept; the least recently used one goes first. */
#define MAX_PAGES 8

typedef struct {
  GPtrArray *rows;
  guint64 last_used;
} Page;

struct _ClipLibraryModel
{
  GObject parent_instance;

  ClipStore *store;
  gulong articles_handler;
  gulong annotations_handler;

  ClipLibrarySort sort;
  ClipQuery *query;
  char *tag_filter;
  gint64 entity_filter;
  /* The query with the filters added: what is searched. */
  ClipQuery *effective;

  guint n_items;
  GHashTable *pages;   /* page number -> Page */
  guint64 clock;
  guint64 rows_loaded;
  GError *error;

  guint freeze_count;
  gboolean reload_pending;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ClipLibraryModel, clip_library_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_SORT,
  PROP_QUERY,
  PROP_TAG_FILTER,
  PROP_ENTITY_FILTER,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->rows);
  g_free (page);
}

static void
set_error (ClipLibraryModel *self,
           GError           *error)
{
  g_clear_error (&self->error);
  self->error = error;
  if (error != NULL)
    g_debug ("Library model: %s", error->message);
}

static void
evict_oldest_page (ClipLibraryModel *self)
{
  GHashTableIter iter;
  gpointer key, value;
  gpointer oldest_key = NULL;
  guint64 oldest = G_MAXUINT64;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Page *page = value;

      if (page->last_used < oldest)
        {
          oldest = page->last_used;
          oldest_key = key;
        }
    }

  g_hash_table_remove (self->pages, oldest_key);
}

static Page *
load_page (ClipLibraryModel *self,
           guint             number)
{
  GError *error = NULL;
  GPtrArray *rows;
  Page *page;

  rows = clip_store_search (self->store, self->effective, self->sort,
                            number * CLIP_LIBRARY_MODEL_PAGE_SIZE,
                            CLIP_LIBRARY_MODEL_PAGE_SIZE, &error);
  set_error (self, error);
  if (rows == NULL)
    rows = g_ptr_array_new_with_free_func (g_object_unref);

  self->rows_loaded += rows->len;
  if (g_hash_table_size (self->pages) >= MAX_PAGES)
    evict_oldest_page (self);

  page = g_new0 (Page, 1);
  page->rows = rows;
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (number), page);
  return page;
}

static GType
clip_library_model_get_item_type (GListModel *model)
{
  return CLIP_TYPE_SEARCH_RESULT;
}

static guint
clip_library_model_get_n_items (GListModel *model)
{
  return CLIP_LIBRARY_MODEL (model)->n_items;
}

static gpointer
clip_library_model_get_item (GListModel *model,
                             guint       position)
{
  ClipLibraryModel *self = CLIP_LIBRARY_MODEL (model);
  guint number = position / CLIP_LIBRARY_MODEL_PAGE_SIZE;
  guint index = position % CLIP_LIBRARY_MODEL_PAGE_SIZE;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (number));
  if (page == NULL)
    page = load_page (self, number);
  page->last_used = ++self->clock;

  /* The library changed behind our back (another program): until the
   * reload, a blank row keeps the list model's promise. */
  if (index >= page->rows->len)
    return g_object_new (CLIP_TYPE_SEARCH_RESULT, NULL);

  return g_object_ref (g_ptr_array_index (page->rows, index));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = clip_library_model_get_item_type;
  iface->get_n_items = clip_library_model_get_n_items;
  iface->get_item = clip_library_model_get_item;
}

static void
update_effective_query (ClipLibraryModel *self)
{
  g_clear_pointer (&self->effective, clip_query_unref);
  self->effective = self->query != NULL ? clip_query_copy (self->query) : clip_query_new ();
  if (self->tag_filter != NULL)
    clip_query_add_tag (self->effective, self->tag_filter);
  if (self->entity_filter > 0)
    clip_query_add_entity_id (self->effective, self->entity_filter);
}

static guint
count_items (ClipLibraryModel *self)
{
  GError *error = NULL;
  gint64 count = clip_store_count_search (self->store, self->effective, &error);

  set_error (self, error);
  return count > 0 ? (guint)MIN (count, G_MAXUINT) : 0;
}

void
clip_library_model_reload (ClipLibraryModel *self)
{
  guint old_n;

  g_return_if_fail (CLIP_IS_LIBRARY_MODEL (self));

  if (self->freeze_count > 0)
    {
      self->reload_pending = TRUE;
      return;
    }

  old_n = self->n_items;
  g_hash_table_remove_all (self->pages);
  self->n_items = count_items (self);
  self->reload_pending = FALSE;

  if (old_n > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
articles_changed_cb (ClipStore        *store,
                     ClipLibraryModel *self)
{
  clip_library_model_reload (self);
}

/* Annotations decide membership when the query has words (annotation
 * text and notes are searched), exclusions or any filter but tags,
 * sites and dates. */
static gboolean
annotations_can_change_rows (ClipLibraryModel *self)
{
  ClipQuery *q = self->effective;

  return clip_query_has_terms (q) || clip_query_get_exclude (q) != NULL ||
         clip_query_get_kinds (q)->len > 0 || clip_query_get_entities (q)->len > 0 ||
         clip_query_get_entity_ids (q)->len > 0;
}

static void
refresh_counts (ClipLibraryModel *self,
                gint64            article_id)
{
  g_autoptr(ClipSearchResult) fresh = NULL;
  gint position = clip_library_model_find_loaded (self, article_id);
  g_autoptr(ClipSearchResult) row = NULL;

  if (position < 0)
    return;

  fresh = clip_store_get_search_result (self->store, article_id, NULL);
  row = g_list_model_get_item (G_LIST_MODEL (self), position);
  if (fresh != NULL)
    clip_search_result_update_counts (row, fresh);
}

static void
annotations_changed_cb (ClipStore        *store,
                        gint64            article_id,
                        ClipLibraryModel *self)
{
  if (annotations_can_change_rows (self) || self->freeze_count > 0)
    clip_library_model_reload (self);
  else
    refresh_counts (self, article_id);
}

static void
clip_library_model_dispose (GObject *object)
{
  ClipLibraryModel *self = (ClipLibraryModel *)object;

  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->articles_handler, self->store);
      g_clear_signal_handler (&self->annotations_handler, self->store);
    }
  g_clear_object (&self->store);
  if (self->pages != NULL)
    g_hash_table_remove_all (self->pages);

  G_OBJECT_CLASS (clip_library_model_parent_class)->dispose (object);
}

static void
clip_library_model_finalize (GObject *object)
{
  ClipLibraryModel *self = (ClipLibraryModel *)object;

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->query, clip_query_unref);
  g_clear_pointer (&self->effective, clip_query_unref);
  g_clear_error (&self->error);
  g_free (self->tag_filter);

  G_OBJECT_CLASS (clip_library_model_parent_class)->finalize (object);
}

static void
clip_library_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ClipLibraryModel *self = CLIP_LIBRARY_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_SORT: g_value_set_enum (value, self->sort); break;
    case PROP_QUERY: g_value_set_boxed (value, self->query); break;
    case PROP_TAG_FILTER: g_value_set_string (value, self->tag_filter); break;
    case PROP_ENTITY_FILTER: g_value_set_int64 (value, self->entity_filter); break;
    case PROP_N_ITEMS: g_value_set_uint (value, self->n_items); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clip_library_model_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ClipLibraryModel *self = CLIP_LIBRARY_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE: self->store = g_value_dup_object (value); break;
    case PROP_SORT: clip_library_model_set_sort (self, g_value_get_enum (value)); break;
    case PROP_QUERY: clip_library_model_set_query (self, g_value_get_boxed (value)); break;
    case PROP_TAG_FILTER: clip_library_model_set_tag_filter (self, g_value_get_string (value)); break;
    case PROP_ENTITY_FILTER: clip_library_model_set_entity_filter (self, g_value_get_int64 (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clip_library_model_constructed (GObject *object)
{
  ClipLibraryModel *self = (ClipLibraryModel *)object;

  G_OBJECT_CLASS (clip_library_model_parent_class)->constructed (object);

  g_return_if_fail (CLIP_IS_STORE (self->store));

  self->articles_handler = g_signal_connect (self->store, "articles-changed",
                                             G_CALLBACK (articles_changed_cb), self);
  self->annotations_handler = g_signal_connect (self->store, "annotations-changed",
                                                G_CALLBACK (annotations_changed_cb), self);
  update_effective_query (self);
  self->n_items = count_items (self);
}

static void
clip_library_model_class_init (ClipLibraryModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = clip_library_model_constructed;
  object_class->dispose = clip_library_model_dispose;
  object_class->finalize = clip_library_model_finalize;
  object_class->get_property = clip_library_model_get_property;
  object_class->set_property = clip_library_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CLIP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT] =
    g_param_spec_enum ("sort", NULL, NULL, CLIP_TYPE_LIBRARY_SORT, CLIP_LIBRARY_SORT_SAVED,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] =
    g_param_spec_boxed ("query", NULL, NULL, CLIP_TYPE_QUERY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAG_FILTER] =
    g_param_spec_string ("tag-filter", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENTITY_FILTER] =
    g_param_spec_int64 ("entity-filter", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clip_library_model_init (ClipLibraryModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
}

ClipLibraryModel *
clip_library_model_new (ClipStore *store)
{
  g_return_val_if_fail (CLIP_IS_STORE (store), NULL);

  return g_object_new (CLIP_TYPE_LIBRARY_MODEL, "store", store, NULL);
}

ClipStore *
clip_library_model_get_store (ClipLibraryModel *self)
{
  g_return_val_if_fail (CLIP_IS_LIBRARY_MODEL (self), NULL);
  return self->store;
}

/* Filters changed: search again (only once the store is set). */
static void
filters_changed (ClipLibraryModel *self,
                 guint             prop)
{
  if (self->store == NULL)
    return;

  update_effective_query (self);
  clip_library_model_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
clip_library_model_set_sort (ClipLibraryModel *self,
                             ClipLibrarySort   sort)
{
  g_return_if_fail (CLIP_IS_LIBRARY_MODEL (self));
  g_return_if_fail (sort <= CLIP_LIBRARY_SORT_SITE);

  if (self->sort == sort)
    return;

  self->sort = sort;
  filters_changed (self, PROP_SORT);
}

ClipLibrarySort
clip_library_model_get_sort (ClipLibraryModel *self)
{
  g_return_val_if_fail (CLIP_IS_LIBRARY_MODEL (self), CLIP_LIBRARY_SORT_SAVED);
  return self->sort;
}

void
clip_library_model_set_query (ClipLibraryModel *self,
                              ClipQuery        *query)
{
  g_return_if_fail (CLIP_IS_LIBRARY_MODEL (self));

  if (self->query == query)
    return;

  g_clear_pointer (&self->query, clip_query_unref);
  self->query = query != NULL ? clip_query_ref (query) : NULL;
  filters_changed (self, PROP_QUERY);
}

ClipQuery *
clip_library_model_get_query (ClipLibraryModel *self)
{
  g_return_val_if_fail (CLIP_IS_LIBRARY_MODEL (self), NULL);
  return self->query;
}

void
clip_library_model_set_tag_filter (ClipLibraryModel *self,
                                   const char       *tag)
{
  g_return_if_fail (CLIP_IS_LIBRARY_MODEL (self));

  if (g_strcmp0 (self->tag_filter, tag) == 0)
    return;

  g_free (self->tag_filter);
  self->tag_filter = g_strdup (tag);
  filters_changed (self, PROP_TAG_FILTER);
}

const char *
clip_library_model_get_tag_filter (ClipLibraryModel *self)
{
  g_return_val_if_fail (CLIP_IS_LIBRARY_MODEL (self), NULL);
  return self->tag_filter;
}

void
clip_library_model_set_entity_filter (ClipLibraryModel *self,
                                      gint64            entity_id)
{
  g_return_if_fail (CLIP_IS_LIBRARY_MODEL (self));
  g_return_if_fail (entity_id >= 0);

  if (self->entity_filter == entity_id)
    return;

  self->entity_filter = entity_id;
  filters_changed (self, PROP_ENTITY_FILTER);
}

gint64
clip_library_model_get_entity_filter (ClipLibraryModel *self)
{
  g_return_val_if_fail (CLIP_IS_LIBRARY_MODEL (self), 0);
  return self->entity_filter;
}

void
clip_library_model_freeze (ClipLibraryModel *self)
{
  g_return_if_fail (CLIP_IS_LIBRARY_MODEL (self));
  self->freeze_count++;
}

void
clip_library_model_thaw (ClipLibraryModel *self)
{
  g_return_if_fail (CLIP_IS_LIBRARY_MODEL (self));
  g_return_if_fail (self->freeze_count > 0);

  if (--self->freeze_count == 0 && self->reload_pending)
    clip_library_model_reload (self);
}

gint
clip_library_model_find_loaded (ClipLibraryModel *self,
                                gint64            article_id)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (CLIP_IS_LIBRARY_MODEL (self), -1);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Page *page = value;

      for (guint i = 0; i < page->rows->len; i++)
        if (clip_search_result_get_id (g_ptr_array_index (page->rows, i)) == article_id)
          return GPOINTER_TO_UINT (key) * CLIP_LIBRARY_MODEL_PAGE_SIZE + i;
    }

  return -1;
}

const GError *
clip_library_model_get_error (ClipLibraryModel *self)
{
  g_return_val_if_fail (CLIP_IS_LIBRARY_MODEL (self), NULL);
  return self->error;
}

guint64
clip_library_model_get_rows_loaded (ClipLibraryModel *self)
{
  g_return_val_if_fail (CLIP_IS_LIBRARY_MODEL (self), 0);
  return self->rows_loaded;
}
