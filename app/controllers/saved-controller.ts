import { z } from 'zod';
import {
  savedQueryInputSchema,
  type SavedQueriesRepository,
} from '../models/storage/saved-queries-repository';
import { action } from './action';

/** `saved.list`, `saved.save` (create or change) and `saved.delete`. */
export function createSavedController(saved: SavedQueriesRepository) {
  return {
    list: action(
      z
        .object({ folder: z.string().max(200).optional(), tag: z.string().max(50).optional() })
        .strict(),
      (filter) => saved.list(filter),
    ),
    save: action(savedQueryInputSchema, (query) => saved.save(query)),
    delete: action(z.object({ id: z.uuid() }).strict(), async ({ id }) => {
      await saved.delete(id);
      return { deleted: id };
    }),
  };
}
