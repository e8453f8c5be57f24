import { z } from 'zod';
import type { WorkspaceRepository } from '../models/storage/workspace-repository';
import {
  layoutPatchSchema,
  MAX_TABS,
  tabIdSchema,
  tabPatchSchema,
  workspaceSchema,
} from '../models/storage/workspace-schema';
import { action } from './action';

/**
 * `workspace.*`: the tabs saved one at a time (`saveTab`, `deleteTab`, `order`), the active
 * tab, the layout, and `get` reading them all back; `save` replaces the whole workspace
 * (the first protocol's call, kept for compatibility). Every change is told to every page
 * as `workspace.changed`.
 */
export function createWorkspaceController(workspace: WorkspaceRepository) {
  return {
    get: action(z.object({}).strict().optional(), () => workspace.get()),
    saveTab: action(z.object({ tab: tabPatchSchema }).strict(), async ({ tab }, context) => {
      const saved = await workspace.saveTab(tab);
      context.broadcast('workspace.changed', { kind: 'tab', tab: saved });
      return saved;
    }),
    deleteTab: action(z.object({ id: tabIdSchema }).strict(), async ({ id }, context) => {
      const result = await workspace.deleteTab(id);
      if (result.deleted) context.broadcast('workspace.changed', { kind: 'tabDeleted', id });
      return result;
    }),
    order: action(
      z.object({ ids: z.array(tabIdSchema).max(MAX_TABS) }).strict(),
      async ({ ids }, context) => {
        const result = await workspace.order(ids);
        context.broadcast('workspace.changed', { kind: 'order', ids: result.ids });
        return result;
      },
    ),
    setActive: action(
      z.object({ tabId: tabIdSchema.nullable() }).strict(),
      async ({ tabId }, context) => {
        const result = await workspace.setActive(tabId);
        context.broadcast('workspace.changed', { kind: 'active', ...result });
        return result;
      },
    ),
    saveLayout: action(
      z.object({ layout: layoutPatchSchema }).strict(),
      async ({ layout }, context) => {
        const saved = await workspace.saveLayout(layout);
        context.broadcast('workspace.changed', { kind: 'layout', layout: saved });
        return saved;
      },
    ),
    save: action(
      z.object({ workspace: workspaceSchema }).strict(),
      async ({ workspace: state }, context) => {
        const saved = await workspace.save(state);
        context.broadcast('workspace.changed', { kind: 'workspace', workspace: saved });
        return saved;
      },
    ),
  };
}
