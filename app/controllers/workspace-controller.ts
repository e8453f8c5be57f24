import { z } from 'zod';
import { workspaceSchema, type WorkspaceRepository } from '../models/storage/workspace-repository';
import { action } from './action';

/** `workspace.get` and `workspace.save` (the whole workspace, on every change). */
export function createWorkspaceController(workspace: WorkspaceRepository) {
  return {
    get: action(z.object({}).strict().optional(), () => workspace.get()),
    save: action(z.object({ workspace: workspaceSchema }).strict(), ({ workspace: state }) =>
      workspace.save(state),
    ),
  };
}
