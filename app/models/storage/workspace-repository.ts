import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { LocalSchema } from './local-schema';
import {
  getState,
  putState,
  rawFields,
  renumber,
  storedOrder,
  toRow,
  UNREADABLE,
  type Db,
  type TabRow,
} from './workspace-rows';
import {
  LAYOUT_DEFAULTS,
  LAYOUT_RULES,
  layoutPatchSchema,
  layoutSchema,
  MAX_TABS,
  TAB_KINDS,
  TAB_RULES,
  tabIdSchema,
  tabPatchSchema,
  tabSchema,
  validFields,
  workspaceSchema,
  type Layout,
  type Workspace,
  type WorkspaceTab,
} from './workspace-schema';
import { TuskError } from '../errors/errors';
import { fromZodError } from '../errors/validation-errors';
import { getLogger } from '../logging/logging';
import type { Notice } from '../logging/notices';

const log = getLogger('storage');

/** `ui_state` keys (the migration 2026-11-30-01 writes them too). */
const LAYOUT_KEY = 'workspace.layout';
const ACTIVE_KEY = 'workspace.active';

/** Options of {@link WorkspaceRepository}. */
export interface WorkspaceRepositoryOptions {
  /** Told once per run about each stored tab (and the layout) that could not be read. */
  report?(notice: Omit<Notice, 'id'>): void;
}

/**
 * The workspace: one row per tab in `workspace_tabs` (saved one at a time as the user
 * types), the active tab and the layout in `ui_state`. Reading checks each tab on its own:
 * one that no longer fits its rules is skipped and reported, and stays stored as it was.
 */
export class WorkspaceRepository {
  readonly #db: Kysely<LocalSchema>;
  readonly #report: (notice: Omit<Notice, 'id'>) => void;
  /** What was already reported this run (tab ids, `layout`). */
  readonly #reported = new Set<string>();

  constructor(db: Kysely<LocalSchema>, options: WorkspaceRepositoryOptions = {}) {
    this.#db = db;
    this.#report = options.report ?? (() => {});
  }

  /**
   * The tabs by position, the active one (null unless it is among them) and the layout.
   * Each stored tab is read and checked on its own; one that cannot be read or no longer
   * passes its rules is left out (and stays stored) with a notice, once per run; one of a
   * kind this Tusk does not know (a newer Tusk's) is left out quietly, and stays stored. A layout
   * that does not fit keeps its good fields, the rest take the defaults.
   */
  async get(): Promise<Workspace> {
    const order = await this.#db
      .selectFrom('workspace_tabs')
      .select('id')
      .orderBy('position')
      .orderBy('id')
      .execute();
    const tabs: WorkspaceTab[] = [];
    for (const { id } of order) {
      const tab = await this.#readTab(id);
      if (tab) tabs.push(tab);
    }
    const active = await this.#active(this.#db);
    return {
      tabs,
      activeTabId: tabs.some((t) => t.id === active) ? active : null,
      layout: await this.#layout(this.#db, true),
    };
  }

  /**
   * Creates a tab (at the end, fields not given taking their defaults) or changes the
   * given fields of a stored one.
   * @throws TuskError `validation` for a bad field, or a new tab beyond {@link MAX_TABS};
   *   nothing is stored then.
   */
  async saveTab(input: unknown, now = new Date()): Promise<WorkspaceTab> {
    const patch = tabPatchSchema.safeParse(input);
    if (!patch.success) throw fromZodError(patch.error, 'Invalid tab: nothing was saved');
    const at = now.toISOString();
    return this.#db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('workspace_tabs')
        .selectAll()
        .where('id', '=', patch.data.id)
        .executeTakeFirst();
      const stored = row ? validFields(TAB_RULES, rawFields(row)) : {};
      const tab = tabSchema.parse({ ...stored, ...patch.data });
      let position = row?.position;
      if (position === undefined) {
        const { count, last } = await trx
          .selectFrom('workspace_tabs')
          .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('position').as('last')])
          .executeTakeFirstOrThrow();
        if (Number(count) >= MAX_TABS) {
          throw new TuskError('validation', `At most ${MAX_TABS} tabs can be kept open`, {
            code: 'TOO_MANY_TABS',
            hint: 'Close a tab before opening another.',
          });
        }
        position = last === null ? 0 : Number(last) + 1;
      }
      await trx
        .insertInto('workspace_tabs')
        .values(toRow(tab, position, at))
        .onConflict((oc) => oc.column('id').doUpdateSet(toRow(tab, position, at)))
        .execute();
      return { ...tab, position, updatedAt: at };
    });
  }

  /**
   * Removes a tab (closed by the user); the others close ranks, and the active tab is
   * cleared if it was this one. A tab never stored is not an error.
   */
  async deleteTab(id: string): Promise<{ deleted: boolean }> {
    return this.#db.transaction().execute(async (trx) => {
      const result = await trx.deleteFrom('workspace_tabs').where('id', '=', id).executeTakeFirst();
      if (result.numDeletedRows === 0n) return { deleted: false };
      await renumber(trx, await storedOrder(trx));
      if ((await this.#active(trx)) === id) await putState(trx, ACTIVE_KEY, null);
      return { deleted: true };
    });
  }

  /**
   * Puts the tabs in the order of `ids`; stored tabs not named (opened meanwhile in another
   * window, say) follow in their previous order.
   * @returns every stored tab's id in its new order.
   * @throws TuskError `validation` for an id named twice or not stored; nothing moves then.
   */
  async order(ids: readonly string[]): Promise<{ ids: string[] }> {
    if (new Set(ids).size !== ids.length) {
      throw new TuskError('validation', 'A tab is named twice in the order: nothing was moved', {
        hint: 'Name each tab once.',
      });
    }
    return this.#db.transaction().execute(async (trx) => {
      const stored = await storedOrder(trx);
      const unknown = ids.filter((id) => !stored.includes(id));
      if (unknown.length > 0) {
        throw new TuskError(
          'validation',
          `No saved tab has the id ${unknown.join(', ')}: nothing was moved`,
          { hint: 'Save the tab first (workspace.saveTab), or reload the workspace.' },
        );
      }
      const order = [...ids, ...stored.filter((id) => !ids.includes(id))];
      await renumber(trx, order);
      return { ids: order };
    });
  }

  /**
   * Changes the layout fields given (`panels` is replaced whole); the others keep their
   * stored values. @throws TuskError `validation`; nothing is stored then.
   */
  async saveLayout(input: unknown, now = new Date()): Promise<Layout> {
    const patch = layoutPatchSchema.safeParse(input);
    if (!patch.success) throw fromZodError(patch.error, 'Invalid layout: nothing was saved');
    return this.#db.transaction().execute(async (trx) => {
      const layout = layoutSchema.parse({ ...(await this.#layout(trx, false)), ...patch.data });
      await putState(trx, LAYOUT_KEY, layout, now);
      return layout;
    });
  }

  /**
   * Records which tab is active (null: none).
   * @throws TuskError `validation` when no stored tab has this id.
   */
  async setActive(tabId: string | null, now = new Date()): Promise<{ activeTabId: string | null }> {
    if (tabId !== null && !tabIdSchema.safeParse(tabId).success) throw unknownTab(String(tabId));
    return this.#db.transaction().execute(async (trx) => {
      if (tabId !== null) {
        const row = await trx
          .selectFrom('workspace_tabs')
          .select('id')
          .where('id', '=', tabId)
          .executeTakeFirst();
        if (!row) throw unknownTab(tabId);
      }
      await putState(trx, ACTIVE_KEY, tabId, now);
      return { activeTabId: tabId };
    });
  }

  /**
   * Replaces the whole workspace: its tabs (in this order), the active tab and the layout.
   * Kept for callers of the first protocol; the views save one tab at a time.
   * @throws TuskError `validation`; nothing is stored then.
   */
  async save(input: unknown, now = new Date()): Promise<Workspace> {
    const parsed = workspaceSchema.safeParse(input);
    if (!parsed.success) throw fromZodError(parsed.error, 'Invalid workspace: nothing was saved');
    const at = now.toISOString();
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('workspace_tabs').execute();
      for (const [position, tab] of parsed.data.tabs.entries())
        await trx
          .insertInto('workspace_tabs')
          .values(toRow(tab, position, at))
          .execute();
      await putState(trx, ACTIVE_KEY, parsed.data.activeTabId, now);
      await putState(trx, LAYOUT_KEY, parsed.data.layout, now);
    });
    return this.get();
  }

  /** One stored tab, checked; null (reported once) when it cannot be read or does not fit. */
  async #readTab(id: string): Promise<WorkspaceTab | null> {
    let row: TabRow | undefined;
    try {
      row = await this.#db
        .selectFrom('workspace_tabs')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return null; // closed in another window meanwhile
      const raw = rawFields(row);
      if (!(TAB_KINDS as readonly unknown[]).includes(raw['kind'])) {
        // A kind of tab a newer Tusk made: not shown here, kept stored for that Tusk.
        log.info(`workspace: tab ${row.id} of kind ${String(raw['kind'])} skipped (unknown here)`);
        return null;
      }
      if (raw['extra'] === UNREADABLE) {
        this.#skipped(row, 'its view state (extra_json) is not valid JSON');
        return null;
      }
      const parsed = tabSchema.safeParse({ id: row.id, ...raw });
      if (!parsed.success) {
        this.#skipped(row, z.prettifyError(parsed.error));
        return null;
      }
      return { ...parsed.data, position: row.position, updatedAt: row.updated_at };
    } catch (error) {
      this.#skipped(row ?? { id, title: id }, (error as Error).message);
      return null;
    }
  }

  #skipped(row: Pick<TabRow, 'id' | 'title'>, problem: string): void {
    log.warn(`workspace: tab ${row.id} skipped: ${problem}`);
    if (this.#reported.has(`tab:${row.id}`)) return;
    this.#reported.add(`tab:${row.id}`);
    const title = typeof row.title === 'string' && row.title !== '' ? row.title : row.id;
    this.#report({
      level: 'warning',
      message: `A tab could not be restored: "${title.slice(0, 80)}"`,
      detail: `${problem}\nThe other tabs are restored. This one stays in tusk.db as it was (tab id ${row.id}); saving a tab with that id replaces it.`,
    });
  }

  /** The stored active tab id, or null. */
  async #active(db: Db): Promise<string | null> {
    const value = await getState(db, ACTIVE_KEY);
    return typeof value === 'string' ? value : null;
  }

  /** The stored layout; fields that do not fit take the defaults (reported once if `report`). */
  async #layout(db: Db, report: boolean): Promise<Layout> {
    const value = await getState(db, LAYOUT_KEY);
    if (value === undefined) return layoutSchema.parse({});
    const raw =
      value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
    const parsed = layoutSchema.safeParse(value);
    if (parsed.success) return parsed.data;
    if (report && !this.#reported.has('layout')) {
      this.#reported.add('layout');
      const problem = value === UNREADABLE ? 'it is not valid JSON' : z.prettifyError(parsed.error);
      log.warn(`workspace: stored layout does not fit: ${problem}`);
      this.#report({
        level: 'warning',
        message: 'Part of the saved layout could not be restored; the default is used there',
        detail: problem,
      });
    }
    return layoutSchema.parse({ ...LAYOUT_DEFAULTS, ...validFields(LAYOUT_RULES, raw) });
  }
}

function unknownTab(id: string): TuskError {
  return new TuskError('validation', `No saved tab has the id ${id}`, {
    hint: 'Save the tab first (workspace.saveTab), or reload the workspace.',
  });
}
