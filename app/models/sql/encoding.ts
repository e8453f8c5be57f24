/**
 * Statements that would make a session speak another encoding than UTF-8. Tusk reads and
 * writes UTF-8 on every session (the server converts a database's own encoding to it), so
 * `SET client_encoding` / `SET NAMES` to anything else is refused before it runs; a change
 * the parse tree cannot show (a function's `SET`, a computed `set_config`) the session
 * notices from the server's ParameterStatus (see PoolSession.encodingChanged).
 */

/** The spellings of UTF-8 PostgreSQL accepts (case and `-`/`_` ignored). */
const UTF8 = new Set(['utf8', 'unicode']);

/** True for a client encoding name meaning UTF-8. */
export function isUtf8(name: string): boolean {
  return UTF8.has(name.toLowerCase().replace(/[-_]/g, ''));
}

/** The text of an `A_Const` string or number node, or null for anything else. */
function constText(node: unknown): string | null {
  const constant = (node as { A_Const?: Record<string, unknown> } | null)?.A_Const;
  const sval = constant?.['sval'] as { sval?: string } | undefined;
  return sval ? (sval.sval ?? '') : null;
}

/**
 * True when `node` (a parsed statement) sets `client_encoding` (also as `SET NAMES`) to
 * something other than UTF-8 or its default, or calls `set_config('client_encoding', …)`
 * with a value that is not a literal UTF-8.
 */
export function changesClientEncoding(node: Record<string, unknown>): boolean {
  const [name, raw] = Object.entries(node)[0] ?? [];
  const body = (raw ?? {}) as Record<string, unknown>;
  if (name === 'VariableSetStmt' && String(body['name']).toLowerCase() === 'client_encoding') {
    if (body['kind'] !== 'VAR_SET_VALUE') return false; // DEFAULT, RESET: the login's UTF-8
    const value = constText(((body['args'] as unknown[] | undefined) ?? [])[0]);
    return value === null || !isUtf8(value);
  }
  return setConfigEncoding(raw);
}

/** A `set_config('client_encoding', value, …)` below `tree` whose value is not UTF-8. */
function setConfigEncoding(tree: unknown): boolean {
  if (tree === null || typeof tree !== 'object') return false;
  if (Array.isArray(tree)) return tree.some(setConfigEncoding);
  const call = (tree as { FuncCall?: { funcname?: unknown[]; args?: unknown[] } }).FuncCall;
  if (call) {
    const names = (call.funcname ?? []).map(
      (n) => (n as { String?: { sval?: string } }).String?.sval,
    );
    if (
      names.at(-1) === 'set_config' &&
      constText(call.args?.[0])?.toLowerCase() === 'client_encoding'
    ) {
      const value = constText(call.args?.[1]);
      if (value === null || !isUtf8(value)) return true;
    }
  }
  return Object.values(tree).some(setConfigEncoding);
}
