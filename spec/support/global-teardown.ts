import type { Supervised } from './supervised';

/** Stops the shared harnesses started by the global setup. */
export default async function globalTeardown(): Promise<void> {
  const harnesses = (globalThis as { tuskHarnesses?: Supervised<unknown>[] }).tuskHarnesses ?? [];
  await Promise.all(harnesses.map((h) => h.stop()));
}
