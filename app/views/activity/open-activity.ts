import type { QueryTabState } from '../data/tabs-store';

/** The sections of an activity tab, in the order of its section row. */
export const ACTIVITY_SECTIONS = [
  'sessions',
  'blocking',
  'locks',
  'charts',
  'statements',
  'database',
  'settings',
] as const;
/** One section of an activity tab. */
export type ActivitySection = (typeof ACTIVITY_SECTIONS)[number];

/** The section names shown. */
export const SECTION_LABELS: Record<ActivitySection, string> = {
  sessions: 'Sessions',
  blocking: 'Blocking',
  locks: 'Locks',
  charts: 'Charts',
  statements: 'Statements',
  database: 'Database',
  settings: 'Settings',
};

/** The sampling rates offered, ms (the first is the default). */
export const ACTIVITY_RATES = [1000, 2000, 5000, 10_000] as const;

/** What an activity tab shows, from its stored `extra` (defaults where it says nothing valid). */
export interface ActivityView {
  section: ActivitySection;
  rateMs: number;
}

/** The view state of an activity tab (`extra.section`, `extra.rateMs`), defaults filled in. */
export function activityOf(tab: Pick<QueryTabState, 'extra'>): ActivityView {
  const { section, rateMs } = tab.extra;
  return {
    section: ACTIVITY_SECTIONS.includes(section as ActivitySection)
      ? (section as ActivitySection)
      : 'sessions',
    rateMs: ACTIVITY_RATES.includes(rateMs as (typeof ACTIVITY_RATES)[number])
      ? (rateMs as number)
      : ACTIVITY_RATES[0],
  };
}

/** The title of a connection's activity tab. */
export function activityTitle(connectionName: string): string {
  return `Activity · ${connectionName}`;
}

/**
 * Fired to open a connection's activity tab (the sidebar's menu, the status bar): the shell
 * focuses the one open for it, or opens it.
 */
export class OpenActivityEvent extends Event {
  static readonly eventName = 'tusk-open-activity' as const;
  readonly connectionId: string;
  constructor(connectionId: string) {
    super(OpenActivityEvent.eventName, { bubbles: true, composed: true });
    this.connectionId = connectionId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    [OpenActivityEvent.eventName]: OpenActivityEvent;
  }
}
