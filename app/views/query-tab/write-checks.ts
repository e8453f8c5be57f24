import type { AppServices } from '../data/app-context';
import type { SplitStatement } from '../data/split-store';
import { confirmAction } from '../shared/confirm-dialog';
import { confirmProductionWrite } from '../shared/production-mark';

/** What a statement that changes every row does, in words, by its `danger`. */
const DANGER_TITLES: Record<NonNullable<SplitStatement['danger']>, string> = {
  'update-without-where': 'Update every row?',
  'delete-without-where': 'Delete every row?',
  truncate: 'Empty the table?',
};

const DANGER_WORDS: Record<NonNullable<SplitStatement['danger']>, string> = {
  'update-without-where': 'an UPDATE without WHERE: it changes every row of its table',
  'delete-without-where': 'a DELETE without WHERE: it deletes every row of its table',
  truncate: 'a TRUNCATE: it removes every row at once',
};

/** The first line of a statement, cut to 120 characters, for a question. */
export function shortText(sql: string): string {
  const line = sql.trim().split('\n')[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/**
 * Asks before a run that a careful client questions, from the backend's split of what runs
 * (never from the text): a write on a read-only connection (the server will refuse it), an
 * `UPDATE`/`DELETE` without `WHERE` or a `TRUNCATE`, and any write on a connection marked
 * production. One question at most; Cancel is focused first where the answer cannot be
 * undone. Resolves true to run.
 */
export async function confirmWrites(
  host: Element,
  app: AppServices,
  connectionId: string,
  statements: readonly (SplitStatement & { text?: string })[],
  sqlOf: (statement: SplitStatement) => string,
): Promise<boolean> {
  const writes = statements.filter((s) => s.writes);
  if (writes.length === 0) return true;
  const connection = app.connections.byId(connectionId);
  if (app.connections.value.live[connectionId]?.readOnly) {
    return confirmAction(host, {
      title: 'Write on a read-only connection?',
      message:
        'This connection is read-only: the server will refuse the write. Run it anyway (to see its error)?',
      confirmLabel: 'Run anyway',
    });
  }
  const on = connection?.production ? ` on the production connection ${connection.name}` : '';
  const dangerous = statements.find((s) => s.danger);
  if (dangerous?.danger) {
    return confirmAction(host, {
      title: DANGER_TITLES[dangerous.danger],
      code: shortText(sqlOf(dangerous)),
      message: `This is ${DANGER_WORDS[dangerous.danger]}${on}. Run it?`,
      confirmLabel: 'Run it',
      danger: true,
    });
  }
  if (!connection?.production) return true;
  const one = writes.length === 1;
  return confirmProductionWrite(host, connection.name, {
    ...(one ? { code: shortText(sqlOf(writes[0]!)) } : {}),
    what: one
      ? 'This statement changes data or schema.'
      : `${writes.length} of the statements change data or schema.`,
    confirmLabel: 'Run it',
  });
}
