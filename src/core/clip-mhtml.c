/* clip-mhtml.c: the parts of an MHTML snapshot, read with GMime
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gmime/gmime.h>

#include "clip-import.h"
#include "clip-mhtml.h"

/* GMime 3.2 declares no autoptr cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)

void
clip_mhtml_part_free (ClipMhtmlPart *part)
{
  if (part == NULL)
    return;

  g_free (part->location);
  g_free (part->content_type);
  g_free (part->charset);
  g_clear_pointer (&part->data, g_bytes_unref);
  g_free (part);
}

static void
ensure_gmime (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      g_mime_init ();
      g_once_init_leave (&initialized, 1);
    }
}

static GBytes *
decoded_content (GMimePart *part)
{
  GMimeDataWrapper *content = g_mime_part_get_content (part);
  g_autoptr(GMimeStream) stream = NULL;
  GByteArray *array;

  if (content == NULL)
    return NULL;

  stream = g_mime_stream_mem_new ();
  if (g_mime_data_wrapper_write_to_stream (content, stream) < 0)
    return NULL;

  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  return g_bytes_new (array->data, array->len);
}

static void
collect_part_cb (GMimeObject *parent,
                 GMimeObject *object,
                 gpointer     user_data)
{
  GPtrArray *parts = user_data;
  GMimeContentType *type;
  g_autofree char *mime_type = NULL;
  ClipMhtmlPart *part;

  if (!GMIME_IS_PART (object))
    return;

  type = g_mime_object_get_content_type (object);
  /* A new string in GMime 3, unlike the type's other getters. */
  mime_type = type != NULL ? g_mime_content_type_get_mime_type (type) : NULL;
  part = g_new0 (ClipMhtmlPart, 1);
  part->location = g_strdup (g_mime_part_get_content_location (GMIME_PART (object)));
  part->content_type = g_ascii_strdown (mime_type != NULL ? mime_type : "application/octet-stream", -1);
  part->charset = type != NULL ? g_strdup (g_mime_content_type_get_parameter (type, "charset")) : NULL;
  part->data = decoded_content (GMIME_PART (object));
  if (part->data == NULL)
    part->data = g_bytes_new (NULL, 0);
  g_ptr_array_add (parts, part);
}

GPtrArray *
clip_mhtml_parse (GBytes  *mhtml,
                  GError **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify)clip_mhtml_part_free);
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  GMimeObject *body;

  g_return_val_if_fail (mhtml != NULL, NULL);

  if (g_bytes_get_size (mhtml) == 0)
    {
      g_set_error_literal (error, CLIP_IMPORT_ERROR, CLIP_IMPORT_ERROR_EMPTY,
                           _("The snapshot is empty"));
      return NULL;
    }

  ensure_gmime ();
  stream = g_mime_stream_mem_new_with_buffer (g_bytes_get_data (mhtml, NULL), g_bytes_get_size (mhtml));
  parser = g_mime_parser_new_with_stream (stream);
  message = g_mime_parser_construct_message (parser, NULL);
  body = message != NULL ? g_mime_message_get_mime_part (message) : NULL;

  if (body == NULL)
    {
      g_set_error_literal (error, CLIP_IMPORT_ERROR, CLIP_IMPORT_ERROR_UNSUPPORTED,
                           _("The snapshot is not a readable MHTML file"));
      return NULL;
    }

  if (GMIME_IS_MULTIPART (body))
    g_mime_multipart_foreach (GMIME_MULTIPART (body), collect_part_cb, parts);
  else
    collect_part_cb (NULL, body, parts);

  if (parts->len == 0)
    {
      g_set_error_literal (error, CLIP_IMPORT_ERROR, CLIP_IMPORT_ERROR_NO_CONTENT,
                           _("The snapshot holds no page"));
      return NULL;
    }

  return g_steal_pointer (&parts);
}

ClipMhtmlPart *
clip_mhtml_find (GPtrArray  *parts,
                 const char *url)
{
  g_return_val_if_fail (parts != NULL, NULL);

  for (guint i = 0; url != NULL && i < parts->len; i++)
    {
      ClipMhtmlPart *part = g_ptr_array_index (parts, i);

      if (g_strcmp0 (part->location, url) == 0)
        return part;
    }

  return NULL;
}
