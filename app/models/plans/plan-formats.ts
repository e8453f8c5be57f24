import type { PlanReply } from '../../common/plan-shapes';

/**
 * The reply for an EXPLAIN in another format than JSON (the user's own, run in the
 * editor): its text as the server sent it, without nodes or findings.
 */
export function otherFormat(text: string): PlanReply {
  const trimmed = text.trimStart();
  const format = trimmed.startsWith('<explain')
    ? 'xml'
    : trimmed.startsWith('- Plan:')
      ? 'yaml'
      : 'text';
  const analyze =
    format === 'text'
      ? /\(actual |\(never executed\)|^Execution Time:/m.test(text)
      : /Actual[ -]Loops/i.test(text);
  return {
    format,
    analyze,
    nodes: [],
    planningMs: null,
    executionMs: null,
    triggers: [],
    jit: null,
    settings: null,
    findings: [],
    text,
    json: null,
  };
}
