import type { ActivitySession } from '../../controllers/api';
import { elapsedMs, formatDuration, oneLine } from './activity-format';

/** A column of the sessions table. */
export interface SessionColumn {
  id: string;
  label: string;
  /** The value it sorts by (null last). */
  sortBy(session: ActivitySession, at: string): string | number | null;
  /** The text shown. */
  text(session: ActivitySession, at: string): string;
  /** Right-aligned numbers. */
  num?: boolean;
  /** The title of its header (what it means). */
  title?: string;
}

const field =
  (key: keyof ActivitySession) =>
  (s: ActivitySession): string | number | null =>
    (s[key] as string | number | null) ?? null;

const age = (key: 'backendStart' | 'xactStart' | 'queryStart') => ({
  sortBy: (s: ActivitySession, at: string) => elapsedMs(s[key], at),
  text: (s: ActivitySession, at: string) => formatDuration(elapsedMs(s[key], at)),
  num: true,
});

/** The sessions table's columns, in order (the durations before the query, where they are seen). */
export const SESSION_COLUMNS: readonly SessionColumn[] = [
  { id: 'pid', label: 'PID', sortBy: field('pid'), text: (s) => String(s.pid), num: true },
  { id: 'user', label: 'User', sortBy: field('user'), text: (s) => s.user ?? '' },
  { id: 'database', label: 'Database', sortBy: field('database'), text: (s) => s.database ?? '' },
  {
    id: 'application',
    label: 'Application',
    sortBy: field('application'),
    text: (s) => s.application ?? '',
  },
  { id: 'state', label: 'State', sortBy: field('state'), text: (s) => s.state ?? '' },
  {
    id: 'wait',
    label: 'Wait',
    title: 'Wait event type: event',
    sortBy: (s) => (s.waitEventType ? `${s.waitEventType}:${s.waitEvent ?? ''}` : null),
    text: (s) => (s.waitEventType ? `${s.waitEventType}: ${s.waitEvent ?? ''}` : ''),
  },
  { id: 'queryAge', label: 'Query time', title: 'Since the query started', ...age('queryStart') },
  { id: 'xactAge', label: 'Xact', title: 'Since the transaction started', ...age('xactStart') },
  {
    id: 'backendAge',
    label: 'Backend',
    title: 'Since the backend started',
    ...age('backendStart'),
  },
  { id: 'query', label: 'Query', sortBy: (s) => oneLine(s.query), text: (s) => oneLine(s.query) },
  { id: 'client', label: 'Client', sortBy: field('client'), text: (s) => s.client ?? '' },
  {
    id: 'backendType',
    label: 'Type',
    title: 'Backend type',
    sortBy: field('backendType'),
    text: (s) => (s.backendType ?? '').replace(/^client backend$/, 'client'),
  },
];

/** The text a filter looks in: user, database, application, client, state, query. */
export function searchText(s: ActivitySession): string {
  return [s.user, s.database, s.application, s.client, s.state, s.backendType, s.query, s.pid]
    .filter((v) => v !== null && v !== undefined)
    .join(' ')
    .toLowerCase();
}

/** Sessions matching every word of `filter`, sorted by `column` (`desc` reversed; nulls last). */
export function arrange(
  sessions: readonly ActivitySession[],
  at: string,
  filter: string,
  column: SessionColumn,
  desc: boolean,
): ActivitySession[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = words.length
    ? sessions.filter((s) => {
        const text = searchText(s);
        return words.every((w) => text.includes(w));
      })
    : [...sessions];
  const sign = desc ? -1 : 1;
  return shown.sort((a, b) => {
    const x = column.sortBy(a, at);
    const y = column.sortBy(b, at);
    if (x === y) return a.pid - b.pid;
    if (x === null || x === '') return 1;
    if (y === null || y === '') return -1;
    return (x < y ? -1 : 1) * sign;
  });
}
