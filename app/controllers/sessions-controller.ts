import { z } from 'zod';
import type { TabSessions } from '../models/sessions/tab-sessions';
import { action } from './action';

/** `sessions.close`: ends a tab's session (its tab closed, or its loss acknowledged). */
export function createSessionsController(tabs: TabSessions) {
  return {
    close: action(
      z
        .object({
          connectionId: z.uuid(),
          tabId: z.string().min(1).max(64),
          commit: z.boolean().optional(),
        })
        .strict(),
      ({ connectionId, tabId, commit }) => tabs.close(connectionId, tabId, commit),
    ),
  };
}
