import { z } from 'zod';
import { MAX_SQL_CHARS } from './history-repository';

/** The most tabs a workspace keeps. */
export const MAX_TABS = 100;
/** The most entries in a tab's `extra` map and in the layout's `panels` map. */
export const MAX_MAP_ENTRIES = 50;

/**
 * The kinds of tab this Tusk knows: `query` (an editor with its results), `object` (the
 * view of one database object, what it shows kept in `extra`) and `activity` (a
 * connection's server activity, its part and rate kept in `extra`). A stored tab of another
 * kind (written by a newer Tusk) is skipped when read.
 */
export const TAB_KINDS = ['query', 'object', 'activity'] as const;
/** One kind of tab. */
export type TabKind = (typeof TAB_KINDS)[number];

/** A tab's id: chosen by the view (1–64 characters). */
export const tabIdSchema = z.string().min(1).max(64);

const mapKey = z.string().min(1).max(64);
const smallMap = <T extends z.ZodType>(value: T) =>
  z
    .record(mapKey, value)
    .refine(
      (map) => Object.keys(map).length <= MAX_MAP_ENTRIES,
      `has more than ${MAX_MAP_ENTRIES} entries`,
    );

/** The rule of each field of a tab besides its id, without defaults (for patches). */
export const TAB_RULES = {
  /** What the tab is (see {@link TAB_KINDS}). */
  kind: z.enum(TAB_KINDS),
  title: z.string().max(200),
  sql: z.string().max(MAX_SQL_CHARS, `is longer than ${MAX_SQL_CHARS} characters`),
  /** The connection the tab runs on; not checked against the saved ones (it may go away). */
  connectionId: z.string().min(1).max(64).nullable(),
  /** Height of the tab's results pane, px; null: the layout's `resultsHeight`. */
  resultsHeight: z.number().int().min(0).max(10_000).nullable(),
  /** The editor's cursor as a character offset in `sql`. */
  cursor: z.number().int().min(0).max(MAX_SQL_CHARS),
  /** The saved query the tab was opened from (or saved as). */
  savedQueryId: z.string().min(1).max(64).nullable(),
  /** True when the SQL has changes not saved to that query. */
  dirty: z.boolean(),
  /** An open map for the tab's view state (small values only). */
  extra: smallMap(z.union([z.string().max(4096), z.number(), z.boolean(), z.null()])),
} as const;

/** What a tab's fields are when nothing says otherwise. */
export const TAB_DEFAULTS = {
  kind: 'query',
  title: '',
  sql: '',
  connectionId: null,
  resultsHeight: null,
  cursor: 0,
  savedQueryId: null,
  dirty: false,
  extra: {},
} satisfies { [K in keyof typeof TAB_RULES]: z.output<(typeof TAB_RULES)[K]> };

/** A whole tab: its id and every field, missing ones taking {@link TAB_DEFAULTS}. */
export const tabSchema = z
  .object({
    id: tabIdSchema,
    kind: TAB_RULES.kind.default(TAB_DEFAULTS.kind),
    title: TAB_RULES.title.default(TAB_DEFAULTS.title),
    sql: TAB_RULES.sql.default(TAB_DEFAULTS.sql),
    connectionId: TAB_RULES.connectionId.default(TAB_DEFAULTS.connectionId),
    resultsHeight: TAB_RULES.resultsHeight.default(TAB_DEFAULTS.resultsHeight),
    cursor: TAB_RULES.cursor.default(TAB_DEFAULTS.cursor),
    savedQueryId: TAB_RULES.savedQueryId.default(TAB_DEFAULTS.savedQueryId),
    dirty: TAB_RULES.dirty.default(TAB_DEFAULTS.dirty),
    extra: TAB_RULES.extra.default(() => ({})),
  })
  .strict();

/** A change to one tab: its id and the fields that change (the others stay as stored). */
export const tabPatchSchema = z
  .object({ id: tabIdSchema, ...TAB_RULES })
  .partial()
  .required({ id: true })
  .strict();

/** A tab as stored and read back. */
export type WorkspaceTab = z.output<typeof tabSchema> & { position: number; updatedAt: string };

/** The rule of each layout field, without defaults (for patches). */
export const LAYOUT_RULES = {
  sidebarWidth: z.number().int().min(0).max(4000),
  sidebarHidden: z.boolean(),
  /** Default height of a tab's results pane, px. */
  resultsHeight: z.number().int().min(0).max(4000),
  /**
   * The share of a tab's height its results pane takes (0.05 to 0.95), kept at any window
   * size; null: `resultsHeight` (px) until the pane is resized.
   */
  resultsShare: z.number().min(0.05).max(0.95).nullable(),
  /** Sizes of other panels by name (px or fractions, as the views choose). */
  panels: smallMap(z.number().min(0).max(100_000)),
  /** The EXPLAIN options last chosen in a query tab (`common/plan-shapes.ts`); {}: defaults. */
  explain: z
    .object({
      buffers: z.boolean(),
      verbose: z.boolean(),
      settings: z.boolean(),
      wal: z.boolean(),
      genericPlan: z.boolean(),
    })
    .partial()
    .strict(),
} as const;

/** The layout of a fresh workspace. */
export const LAYOUT_DEFAULTS = {
  sidebarWidth: 260,
  sidebarHidden: false,
  resultsHeight: 320,
  resultsShare: null,
  panels: {},
  explain: {},
} satisfies { [K in keyof typeof LAYOUT_RULES]: z.output<(typeof LAYOUT_RULES)[K]> };

/** The whole layout, missing fields taking {@link LAYOUT_DEFAULTS}. */
export const layoutSchema = z
  .object({
    sidebarWidth: LAYOUT_RULES.sidebarWidth.default(LAYOUT_DEFAULTS.sidebarWidth),
    sidebarHidden: LAYOUT_RULES.sidebarHidden.default(LAYOUT_DEFAULTS.sidebarHidden),
    resultsHeight: LAYOUT_RULES.resultsHeight.default(LAYOUT_DEFAULTS.resultsHeight),
    resultsShare: LAYOUT_RULES.resultsShare.default(LAYOUT_DEFAULTS.resultsShare),
    panels: LAYOUT_RULES.panels.default(() => ({})),
    explain: LAYOUT_RULES.explain.default(() => ({})),
  })
  .strict();

/** A change to the layout: the fields given replace the stored ones (`panels` whole). */
export const layoutPatchSchema = z.object(LAYOUT_RULES).partial().strict();

/** The workspace's layout. */
export type Layout = z.output<typeof layoutSchema>;

/**
 * A whole workspace (`workspace.save`): at most {@link MAX_TABS} tabs with distinct ids, the
 * active one among them or null, and the layout.
 */
export const workspaceSchema = z
  .object({
    tabs: z.array(tabSchema).max(MAX_TABS, `has more than ${MAX_TABS} tabs`),
    activeTabId: tabIdSchema.nullable(),
    layout: layoutSchema.default(() => layoutSchema.parse({})),
  })
  .strict()
  .superRefine((workspace, context) => {
    const ids = workspace.tabs.map((t) => t.id);
    if (new Set(ids).size !== ids.length)
      context.addIssue({ code: 'custom', path: ['tabs'], message: 'has two tabs with one id' });
    if (workspace.activeTabId !== null && !ids.includes(workspace.activeTabId))
      context.addIssue({
        code: 'custom',
        path: ['activeTabId'],
        message: 'is not one of the tabs',
      });
  });

/** The workspace as `workspace.get` reads it. */
export interface Workspace {
  /** By position. */
  tabs: WorkspaceTab[];
  /** One of `tabs`, or null. */
  activeTabId: string | null;
  layout: Layout;
}

/**
 * The fields of `raw` that pass their own rule in `rules`; the others are left out, so a
 * stored value that broke one field keeps the rest.
 */
export function validFields(
  rules: Record<string, z.ZodType>,
  raw: Record<string, unknown>,
): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, rule] of Object.entries(rules)) {
    if (!(key in raw)) continue;
    const parsed = rule.safeParse(raw[key]);
    if (parsed.success) kept[key] = parsed.data;
  }
  return kept;
}
