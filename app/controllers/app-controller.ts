import { z } from 'zod';
import { buildHealth, type HealthSources } from '../models/app/health';
import type { NoticeBoard } from '../models/logging/notices';
import { action } from './action';

/** Dependencies of the `app` controller. */
export interface AppControllerOptions {
  health: HealthSources;
  notices: NoticeBoard;
}

const noParams = z.object({}).strict().optional();

/** `app.health` (FR-010) and `app.notices`. */
export function createAppController(options: AppControllerOptions) {
  return {
    health: action(noParams, () => buildHealth(options.health)),
    notices: action(noParams, () => options.notices.list()),
  };
}
