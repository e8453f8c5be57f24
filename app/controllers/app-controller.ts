import { z } from 'zod';
import { buildHealth, type HealthSources } from '../models/app/health';
import type { NoticeBoard } from '../models/logging/notices';
import type { DismissedNotices } from '../models/storage/dismissed-notices';
import { action } from './action';

/** Dependencies of the `app` controller. */
export interface AppControllerOptions {
  health: HealthSources;
  notices: NoticeBoard;
  dismissed: DismissedNotices;
}

const noParams = z.object({}).strict().optional();

/**
 * `app.health` (FR-010), `app.notices` (those not dismissed) and `app.dismissNotice` (kept
 * dismissed in `tusk.db`, also at the next start).
 */
export function createAppController(options: AppControllerOptions) {
  return {
    health: action(noParams, () => buildHealth(options.health)),
    notices: action(noParams, () => options.notices.list()),
    dismissNotice: action(z.object({ id: z.string().min(1).max(200) }).strict(), async ({ id }) => {
      await options.dismissed.add(id);
      return { dismissed: true };
    }),
  };
}
