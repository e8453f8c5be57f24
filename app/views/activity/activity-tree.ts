import type { ActivitySession, BlockingEntry } from '../../controllers/api';

/** A node of the blocking tree: a backend, what it waits for (if it waits), who waits for it. */
export interface BlockingNode {
  pid: number;
  session: ActivitySession | undefined;
  /** Its wait, when it waits (null at a root that waits for nobody). */
  wait: BlockingEntry | null;
  waiters: BlockingNode[];
}

/**
 * The tree of who blocks whom: at the root the backends that block others and wait for
 * nobody (or, in a cycle, the first of it), their waiters under them, nested.
 */
export function blockingTree(
  blocking: readonly BlockingEntry[],
  sessions: readonly ActivitySession[],
): BlockingNode[] {
  const byPid = new Map(sessions.map((s) => [s.pid, s]));
  const waits = new Map(blocking.map((b) => [b.pid, b]));
  const build = (pid: number, path: Set<number>): BlockingNode => {
    const inner = new Set(path).add(pid);
    return {
      pid,
      session: byPid.get(pid),
      wait: waits.get(pid) ?? null,
      waiters: blocking
        .filter((b) => b.blockedBy.includes(pid) && !inner.has(b.pid))
        .map((b) => build(b.pid, inner)),
    };
  };
  const blockers = [...new Set(blocking.flatMap((b) => b.blockedBy))];
  const roots = blockers.filter((pid) => !waits.has(pid));
  const seen = new Set<number>();
  const mark = (n: BlockingNode) => {
    seen.add(n.pid);
    n.waiters.forEach(mark);
  };
  const trees = roots.map((pid) => build(pid, new Set()));
  trees.forEach(mark);
  // Waits in a cycle (deadlock not resolved yet) have no root that waits for nobody.
  for (const b of blocking) {
    if (seen.has(b.pid)) continue;
    const tree = build(b.pid, new Set());
    mark(tree);
    trees.push(tree);
  }
  return trees;
}
