/**
 * Polls `done()` every 20 ms until it is true or `timeoutMs` passed; never throws (the
 * caller's next `expect` says what did not happen).
 */
export async function waitUntil(
  done: () => boolean | Promise<boolean>,
  timeoutMs = 3000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}
