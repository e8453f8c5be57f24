/**
 * Statements that would turn a read-only session read-write, found in the parse tree. A
 * read-only connection refuses them before sending; what the tree cannot show (a computed
 * `set_config` argument, a DO block, a function declared `SET …`) the session notices from
 * the server's ParameterStatus instead (see PoolSession.readOnlyTurnedOff).
 */

const SETTINGS = new Set(['default_transaction_read_only', 'transaction_read_only']);

/** Boolean spellings PostgreSQL reads as true (`parse_bool`: prefixes of true/yes, on, 1). */
function isTrue(text: string): boolean {
  const value = text.trim().toLowerCase();
  if (value === '') return false;
  return value === 'on' || value === '1' || 'true'.startsWith(value) || 'yes'.startsWith(value);
}

/** The value of an `A_Const` node as text, or null for anything else (a computed value). */
function constText(node: unknown): string | null {
  const constant = (node as { A_Const?: Record<string, unknown> } | null)?.A_Const;
  if (!constant) return null;
  const sval = constant['sval'] as { sval?: string } | undefined;
  if (sval) return sval.sval ?? '';
  const ival = constant['ival'] as { ival?: number } | undefined;
  if (ival) return String(ival.ival ?? 0);
  const boolval = constant['boolval'] as { boolval?: boolean } | undefined;
  if (boolval) return boolval.boolval ? 'true' : 'false';
  return null;
}

/** A transaction option list holding `READ WRITE` (`transaction_read_only` = 0). */
function readWriteOption(options: unknown): boolean {
  if (!Array.isArray(options)) return false;
  return options.some((item) => {
    const def = (item as { DefElem?: { defname?: string; arg?: unknown } }).DefElem;
    if (def?.defname !== 'transaction_read_only') return false;
    const value = constText(def.arg);
    return value === null || !isTrue(value);
  });
}

/**
 * True when `node` (a parsed statement) would turn read-only off: `BEGIN`/`START
 * TRANSACTION … READ WRITE`, `SET TRANSACTION READ WRITE`, `SET SESSION CHARACTERISTICS AS
 * TRANSACTION READ WRITE`, `SET default_transaction_read_only` or `transaction_read_only`
 * to anything but true, or a `set_config` of either (anywhere in the statement) whose value
 * is not a literal true.
 */
export function turnsReadOnlyOff(node: Record<string, unknown>): boolean {
  const [name, raw] = Object.entries(node)[0] ?? [];
  const body = (raw ?? {}) as Record<string, unknown>;
  if (name === 'TransactionStmt' && readWriteOption(body['options'])) return true;
  if (name === 'VariableSetStmt') {
    if (body['kind'] === 'VAR_SET_MULTI' && readWriteOption(body['args'])) return true;
    if (body['kind'] === 'VAR_SET_VALUE' && SETTINGS.has(String(body['name']))) {
      const args = (body['args'] as unknown[] | undefined) ?? [];
      const value = constText(args[0]);
      if (value === null || !isTrue(value)) return true;
    }
  }
  return setConfigOff(raw);
}

/** A `set_config('…read_only', value, …)` call below `tree` whose value is not true. */
function setConfigOff(tree: unknown): boolean {
  if (tree === null || typeof tree !== 'object') return false;
  if (Array.isArray(tree)) return tree.some(setConfigOff);
  const call = (tree as { FuncCall?: { funcname?: unknown[]; args?: unknown[] } }).FuncCall;
  if (call) {
    const names = (call.funcname ?? []).map(
      (n) => (n as { String?: { sval?: string } }).String?.sval,
    );
    if (names.at(-1) === 'set_config') {
      const setting = constText(call.args?.[0]);
      const value = constText(call.args?.[1]);
      if (
        setting !== null &&
        SETTINGS.has(setting.toLowerCase()) &&
        (value === null || !isTrue(value))
      ) {
        return true;
      }
    }
  }
  return Object.values(tree).some(setConfigOff);
}
