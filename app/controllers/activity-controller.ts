import { z } from 'zod';
import { WATCH_INTERVAL, type ActivityService } from '../models/activity/activity-service';
import { action } from './action';

const connection = z.object({ connectionId: z.uuid() }).strict();
const backend = z
  .object({
    connectionId: z.uuid(),
    pid: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1),
  })
  .strict();

/**
 * `activity.snapshot/watch/unwatch/cancel/terminate/statements/database/settings`: a
 * connection's server activity (its sessions, who blocks whom, locks, load over time, top
 * statements, sizes and settings), read on a session of its own, never a tab's.
 */
export function createActivityController(activity: ActivityService) {
  return {
    snapshot: action(connection, ({ connectionId }) => activity.snapshot(connectionId)),
    /** Samples every `intervalMs` (default 1 s), pushing `activity.sample`, until unwatched. */
    watch: action(
      z
        .object({
          connectionId: z.uuid(),
          intervalMs: z
            .number()
            .int()
            .min(WATCH_INTERVAL.min)
            .max(WATCH_INTERVAL.max)
            .default(WATCH_INTERVAL.default),
        })
        .strict(),
      ({ connectionId, intervalMs }) => activity.watch(connectionId, intervalMs),
    ),
    unwatch: action(connection, ({ connectionId }) => activity.unwatch(connectionId)),
    cancel: action(backend, ({ connectionId, pid }) => activity.cancel(connectionId, pid)),
    terminate: action(backend, ({ connectionId, pid }) => activity.terminate(connectionId, pid)),
    statements: action(connection, ({ connectionId }) => activity.statements(connectionId)),
    database: action(connection, ({ connectionId }) => activity.database(connectionId)),
    settings: action(connection, ({ connectionId }) => activity.settings(connectionId)),
  };
}
