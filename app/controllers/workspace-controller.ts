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
 * (the first protocol's call, kept for compatibility).
 */
export function createWorkspaceController(workspace: WorkspaceRepository) {
  return {
    get: action(z.object({}).strict().optional(), () => workspace.get()),
    saveTab: action(z.object({ tab: tabPatchSchema }).strict(), ({ tab }) =>
      workspace.saveTab(tab),
    ),
    deleteTab: action(z.object({ id: tabIdSchema }).strict(), ({ id }) => workspace.deleteTab(id)),
    order: action(z.object({ ids: z.array(tabIdSchema).max(MAX_TABS) }).strict(), ({ ids }) =>
      workspace.order(ids),
    ),
    setActive: action(z.object({ tabId: tabIdSchema.nullable() }).strict(), ({ tabId }) =>
      workspace.setActive(tabId),
    ),
    saveLayout: action(z.object({ layout: layoutPatchSchema }).strict(), ({ layout }) =>
      workspace.saveLayout(layout),
    ),
    save: action(z.object({ workspace: workspaceSchema }).strict(), ({ workspace: state }) =>
      workspace.save(state),
    ),
  };
}
