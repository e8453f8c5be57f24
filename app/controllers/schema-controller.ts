import { z } from 'zod';
import { OBJECT_KINDS, type SchemaSummary, type TreeObject } from '../models/schema/schema-types';
import type { SchemaService } from '../models/schema/schema-service';
import { MAX_SQL_CHARS } from '../models/storage/history-repository';
import { action } from './action';

/** The most hits `schema.search` gives, and its default. */
export const MAX_SEARCH_HITS = 500;
const DEFAULT_SEARCH_HITS = 50;

const connection = { connectionId: z.uuid() };
/** A PostgreSQL name (at most 63 bytes on the server; longer ones are cut there). */
const name = z.string().min(1).max(200);
const kind = z.enum(OBJECT_KINDS);
/** The editor's text and a UTF-16 offset in it; `tabId` gives the tab's `search_path`. */
const editorPlace = {
  ...connection,
  sql: z.string().max(MAX_SQL_CHARS),
  offset: z.number().int().min(0),
  tabId: z.string().min(1).max(64).optional(),
};

/**
 * `schema.tree/object/search/refresh/complete/at`: the catalog of an open connection, held
 * by the backend (loaded once, reloaded after DDL that Tusk ran, dropped with the
 * connection); event `schema.changed` after each reload.
 */
export function createSchemaController(schema: SchemaService) {
  return {
    tree: action(
      z
        .object({ ...connection, schema: name.optional(), includeSystem: z.boolean().optional() })
        .strict(),
      // Without `schema` the schemas, with it that schema's objects.
      (input): Promise<SchemaSummary[] | TreeObject[]> => schema.tree(input),
    ),
    object: action(
      z.union([
        z.object({ ...connection, oid: z.number().int().min(1), kind }).strict(),
        z.object({ ...connection, schema: name, name, kind }).strict(),
      ]),
      (input) => schema.object(input),
    ),
    search: action(
      z
        .object({
          ...connection,
          text: z.string().min(1).max(200),
          limit: z.number().int().min(1).max(MAX_SEARCH_HITS).default(DEFAULT_SEARCH_HITS),
          includeSystem: z.boolean().optional(),
        })
        .strict(),
      (input) => schema.search(input),
    ),
    refresh: action(z.object(connection).strict(), ({ connectionId }) =>
      schema.refresh(connectionId),
    ),
    complete: action(
      z.object({ ...editorPlace, explicit: z.boolean().optional() }).strict(),
      (input) => schema.complete(input),
    ),
    at: action(z.object(editorPlace).strict(), (input) => schema.at(input)),
  };
}
