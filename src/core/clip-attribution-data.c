/* clip-attribution-data.c: the word lists and gazetteers of the
 * attribution engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libxml/xmlreader.h>

#include "clip-attribution-data.h"
#include "clip-attribution-resources.h"

#define RESOURCE_PATH "/io/github/clippings/Clippings/attribution/"
#define ISO_CODES_PATH "/usr/share/iso-codes/json/iso_3166-1.json"
#define LOCATIONS_PATH "/usr/share/libgweather-4/Locations.xml"

struct _ClipAttributionData {
  GHashTable *cues;       /* first word -> GPtrArray of GStrv (whole cue) */
  GHashTable *titles;     /* set */
  GHashTable *org_words;  /* set */
  GHashTable *stopwords;  /* set */
  GHashTable *pronouns;   /* word -> GINT_TO_POINTER (kind + 1) */
  GHashTable *places;     /* name as written -> full name */
  GHashTable *countries;  /* full names of countries */
};

/* The lines of a bundled word list that are neither blank nor comments. */
static GStrv
read_list (const char *name)
{
  g_autofree char *path = g_strconcat (RESOURCE_PATH, name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;

  bytes = g_resource_lookup_data (clip_attribution_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_return_val_if_fail (bytes != NULL, g_new0 (char *, 1));

  lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line != '\0' && *line != '#')
        g_strv_builder_add (builder, line);
    }
  return g_strv_builder_end (builder);
}

static GHashTable *
read_set (const char *name)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = read_list (name);

  for (guint i = 0; lines[i] != NULL; i++)
    g_hash_table_add (set, g_strdup (lines[i]));
  return set;
}

static void
add_cues (ClipAttributionData *self,
          const char          *name)
{
  g_auto(GStrv) lines = read_list (name);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      GStrv words = g_strsplit (lines[i], " ", -1);
      GPtrArray *list = g_hash_table_lookup (self->cues, words[0]);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
          g_hash_table_insert (self->cues, g_strdup (words[0]), list);
        }
      g_ptr_array_add (list, words);
    }
}

static void
read_pronouns (ClipAttributionData *self)
{
  g_auto(GStrv) lines = read_list ("pronouns.txt");

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", 2);
      ClipEntityKind kind = CLIP_ENTITY_OTHER;

      if (fields[1] != NULL && g_str_equal (fields[1], "person"))
        kind = CLIP_ENTITY_PERSON;
      else if (fields[1] != NULL && g_str_equal (fields[1], "organisation"))
        kind = CLIP_ENTITY_ORGANISATION;
      g_hash_table_insert (self->pronouns, g_strdup (fields[0]), GINT_TO_POINTER (kind + 1));
    }
}

static void
add_place (ClipAttributionData *self,
           const char          *name,
           const char          *full_name)
{
  if (name == NULL || *name == '\0' || g_hash_table_contains (self->places, name))
    return;
  g_hash_table_insert (self->places, g_strdup (name), g_strdup (full_name));
}

static void
read_place_aliases (ClipAttributionData *self)
{
  g_auto(GStrv) lines = read_list ("place-aliases.txt");

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 2);

      if (fields[1] != NULL)
        {
          add_place (self, fields[0], fields[1]);
          g_hash_table_add (self->countries, g_strdup (fields[1]));
        }
    }
}

static const char *
env_or (const char *variable,
        const char *fallback)
{
  const char *value = g_getenv (variable);

  return value != NULL && *value != '\0' ? value : fallback;
}

static const char *
member_or_null (JsonObject *object,
                const char *name)
{
  return json_object_has_member (object, name) ? json_object_get_string_member (object, name) : NULL;
}

/* Countries by their name, common name and official name, all linked to
 * the common name when there is one ("Bolivia", not "Bolivia,
 * Plurinational State of"). */
static void
read_countries (ClipAttributionData *self)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *countries;

  if (!json_parser_load_from_file (parser, env_or ("CLIP_GAZETTEER_ISO_CODES", ISO_CODES_PATH), NULL))
    return;
  root = json_node_get_object (json_parser_get_root (parser));
  if (root == NULL || !json_object_has_member (root, "3166-1"))
    return;
  countries = json_object_get_array_member (root, "3166-1");
  for (guint i = 0; i < json_array_get_length (countries); i++)
    {
      JsonObject *country = json_array_get_object_element (countries, i);
      const char *name = member_or_null (country, "name");
      const char *common = member_or_null (country, "common_name");
      const char *full = common != NULL ? common : name;

      if (full != NULL)
        g_hash_table_add (self->countries, g_strdup (full));
      if (name != NULL && strchr (name, ',') == NULL)
        add_place (self, name, full);
      add_place (self, common, full);
      add_place (self, member_or_null (country, "official_name"), full);
    }
}

/* Cities, states and countries of libgweather's Locations.xml: the
 * <_name> or <name> directly inside <city>, <state> and <country>.
 * Weather stations (<location>) are left out: they name airports. */
static void
read_locations (ClipAttributionData *self)
{
  xmlTextReaderPtr reader;
  int depth_of_place = -1;

  reader = xmlReaderForFile (env_or ("CLIP_GAZETTEER_LOCATIONS", LOCATIONS_PATH), NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (reader == NULL)
    return;

  while (xmlTextReaderRead (reader) == 1)
    {
      const char *tag = (const char *) xmlTextReaderConstLocalName (reader);
      int depth = xmlTextReaderDepth (reader);

      if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT)
        continue;
      if (g_str_equal (tag, "city") || g_str_equal (tag, "state") || g_str_equal (tag, "country"))
        depth_of_place = depth;
      else if (depth == depth_of_place + 1 && (g_str_equal (tag, "_name") || g_str_equal (tag, "name")))
        {
          g_autofree char *name = (char *) xmlTextReaderReadString (reader);

          add_place (self, name, name);
          depth_of_place = -1;
        }
    }
  xmlFreeTextReader (reader);
}

static gpointer
load_data (gpointer user_data)
{
  ClipAttributionData *self = g_new0 (ClipAttributionData, 1);

  (void) user_data;
  self->cues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->pronouns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->countries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  add_cues (self, "cues-en.txt");
  add_cues (self, "cues-fr.txt");
  add_cues (self, "cues-de.txt");
  self->titles = read_set ("titles.txt");
  self->org_words = read_set ("organisation-words.txt");
  self->stopwords = read_set ("stopwords.txt");
  read_pronouns (self);
  read_place_aliases (self);
  read_countries (self);
  read_locations (self);
  return self;
}

const ClipAttributionData *
clip_attribution_data_get_default (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_data, NULL);
}

guint
clip_attribution_data_match_cue (const ClipAttributionData *self,
                                 const char * const        *words,
                                 guint                      n_words)
{
  GPtrArray *list;
  guint best = 0;

  if (n_words == 0 || (list = g_hash_table_lookup (self->cues, words[0])) == NULL)
    return 0;

  for (guint i = 0; i < list->len; i++)
    {
      const char * const *cue = g_ptr_array_index (list, i);
      guint n = g_strv_length ((GStrv) cue);
      guint j = 1;

      while (j < n && j < n_words && g_str_equal (cue[j], words[j]))
        j++;
      if (j == n && n > best)
        best = n;
    }
  return best;
}

gboolean
clip_attribution_data_is_title (const ClipAttributionData *self,
                                const char                *lower)
{
  return g_hash_table_contains (self->titles, lower);
}

gboolean
clip_attribution_data_is_org_word (const ClipAttributionData *self,
                                   const char                *lower)
{
  return g_hash_table_contains (self->org_words, lower);
}

gboolean
clip_attribution_data_is_stopword (const ClipAttributionData *self,
                                   const char                *lower)
{
  return g_hash_table_contains (self->stopwords, lower);
}

gboolean
clip_attribution_data_is_pronoun (const ClipAttributionData *self,
                                  const char                *lower,
                                  ClipEntityKind            *kind)
{
  gpointer value = g_hash_table_lookup (self->pronouns, lower);

  if (value == NULL)
    return FALSE;
  if (kind != NULL)
    *kind = GPOINTER_TO_INT (value) - 1;
  return TRUE;
}

const char *
clip_attribution_data_lookup_place (const ClipAttributionData *self,
                                    const char                *name)
{
  return g_hash_table_lookup (self->places, name);
}

gboolean
clip_attribution_data_is_country (const ClipAttributionData *self,
                                  const char                *full_name)
{
  return g_hash_table_contains (self->countries, full_name);
}
