import { z } from 'zod';
import type { HistoryRepository } from '../models/storage/history-repository';
import { action } from './action';

/** `history.search` (full text, newest first) and `history.clear`. */
export function createHistoryController(history: HistoryRepository) {
  return {
    search: action(
      z
        .object({
          text: z.string().max(1000).optional(),
          connectionId: z.string().min(1).max(64).optional(),
          limit: z.number().int().min(1).max(1000).optional(),
        })
        .strict(),
      (options) => history.search(options),
    ),
    clear: action(
      z.object({ connectionId: z.string().min(1).max(64).optional() }).strict(),
      async ({ connectionId }) => ({ deleted: await history.clear(connectionId) }),
    ),
  };
}
