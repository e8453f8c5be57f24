import { scanTokens } from '../sql/pg-parser';
import { childrenOf, isObject, num, str, type RawNode, type RawPlan } from './plan-json';
import { int, ms, propertyLines, usageLines, type TextStyle } from './plan-text-props';

/**
 * The plan as psql shows `EXPLAIN (FORMAT TEXT)` of the same statement, rendered from its
 * JSON (one execution, never two): each node's line with its costs and actual figures,
 * the lines under it (conditions, filters, sort and hash facts, buffers), the children
 * under `->  `, then the planning, triggers, JIT and execution lines. PostgreSQL's parser
 * must be loaded (identifiers are quoted as the server quotes them).
 */
export function planText(plan: RawPlan): string {
  const style: TextStyle = {
    verbose: hasOutput(plan.Plan),
    fractionalRows: plan.fractionalRows,
  };
  const out: string[] = [];
  nodeText(plan.Plan, 0, style, out);
  summaryText(plan.top, plan.queryIdentifier, out);
  return out.join('\n');
}

function hasOutput(node: RawNode): boolean {
  return node['Output'] !== undefined || childrenOf(node).some(hasOutput);
}

function spaces(indent: number): string {
  return ' '.repeat(indent * 2);
}

function nodeText(raw: RawNode, indent: number, style: TextStyle, out: string[]): void {
  let level = indent;
  const subplan = str(raw, 'Subplan Name');
  if (subplan !== undefined) {
    out.push(spaces(level) + subplan);
    level += 1;
  }
  let line = '';
  if (level > 0) {
    line = `${spaces(level)}->  `;
    level += 2;
  }
  out.push(line + headline(raw, style));
  level += 1;
  for (const property of propertyLines(raw, style)) out.push(spaces(level) + property);
  for (const child of childrenOf(raw)) nodeText(child, level, style, out);
}

/** The node's own line: its name, what it scans, its costs, its actual figures. */
function headline(raw: RawNode, style: TextStyle): string {
  let line = '';
  if (raw['Parallel Aware'] === true) line += 'Parallel ';
  if (raw['Async Capable'] === true) line += 'Async ';
  line += nodeName(raw);
  const index = str(raw, 'Index Name');
  const type = str(raw, 'Node Type');
  if (index !== undefined && type === 'Bitmap Index Scan') line += ` on ${quoteIdent(index)}`;
  else if (index !== undefined) {
    if (str(raw, 'Scan Direction') === 'Backward') line += ' Backward';
    line += ` using ${quoteIdent(index)}`;
  }
  const alias = str(raw, 'Alias');
  if (alias !== undefined) line += target(raw, alias);
  const startup = num(raw, 'Startup Cost');
  if (startup !== undefined) {
    line +=
      `  (cost=${startup.toFixed(2)}..${(num(raw, 'Total Cost') ?? 0).toFixed(2)}` +
      ` rows=${int(num(raw, 'Plan Rows') ?? 0)} width=${num(raw, 'Plan Width') ?? 0})`;
  }
  const loops = num(raw, 'Actual Loops');
  if (loops === 0) line += ' (never executed)';
  else if (loops !== undefined) {
    const rows = num(raw, 'Actual Rows') ?? 0;
    const total = num(raw, 'Actual Total Time');
    const time =
      total === undefined ? '' : `time=${ms(num(raw, 'Actual Startup Time') ?? 0)}..${ms(total)} `;
    line += ` (actual ${time}rows=${style.fractionalRows ? rows.toFixed(2) : int(rows)} loops=${int(loops)})`;
  }
  return line;
}

const JOINS: Record<string, string> = {
  'Nested Loop': 'Nested Loop',
  'Hash Join': 'Hash',
  'Merge Join': 'Merge',
};
const AGGREGATES: Record<string, string> = {
  Plain: 'Aggregate',
  Sorted: 'GroupAggregate',
  Hashed: 'HashAggregate',
  Mixed: 'MixedAggregate',
};

/** The name text EXPLAIN gives a node (JSON's Node Type with its strategy, join type…). */
export function nodeName(raw: RawNode): string {
  const type = str(raw, 'Node Type') ?? '';
  const join = JOINS[type];
  if (join !== undefined) {
    const kind = str(raw, 'Join Type') ?? 'Inner';
    return kind === 'Inner' ? type : `${join} ${kind} Join`;
  }
  if (type === 'Aggregate') {
    const name = AGGREGATES[str(raw, 'Strategy') ?? 'Plain'] ?? type;
    const mode = str(raw, 'Partial Mode');
    return mode && mode !== 'Simple' ? `${mode} ${name}` : name;
  }
  if (type === 'SetOp') return str(raw, 'Strategy') === 'Hashed' ? 'HashSetOp' : 'SetOp';
  if (type === 'ModifyTable') return str(raw, 'Operation') ?? type;
  if (type === 'Foreign Scan') {
    const operation = str(raw, 'Operation');
    return operation && operation !== 'Select' ? `Foreign ${operation}` : type;
  }
  if (type === 'Custom Scan') return `Custom Scan (${str(raw, 'Custom Plan Provider') ?? ''})`;
  return type;
}

/** ` on schema.object alias` as EXPLAIN names what a node scans or modifies. */
function target(raw: RawNode, alias: string): string {
  const object =
    str(raw, 'Relation Name') ??
    str(raw, 'Function Name') ??
    str(raw, 'CTE Name') ??
    str(raw, 'Tuplestore Name') ??
    str(raw, 'Table Function Name');
  const schema = str(raw, 'Schema');
  let text = ' on';
  if (object !== undefined && schema !== undefined) {
    text += ` ${quoteIdent(schema)}.${quoteIdent(object)}`;
  } else if (object !== undefined) text += ` ${quoteIdent(object)}`;
  if (object === undefined || object !== alias) text += ` ${quoteIdent(alias)}`;
  return text;
}

const quoted = new Map<string, string>();

/** `name` as the server's quote_identifier writes it (quoted unless plain and no keyword). */
export function quoteIdent(name: string): string {
  let text = quoted.get(name);
  if (text !== undefined) return text;
  let plain = /^[a-z_][a-z0-9_$]*$/.test(name);
  if (plain) {
    const tokens = scanTokens(name);
    plain = !(tokens.length === 1 && (tokens[0]?.keyword ?? 0) > 1);
  }
  text = plain ? name : `"${name.replace(/"/g, '""')}"`;
  if (quoted.size < 10_000) quoted.set(name, text);
  return text;
}

/** Settings, planning, triggers, JIT and execution lines after the tree. */
function summaryText(
  top: Record<string, unknown>,
  queryIdentifier: string | undefined,
  out: string[],
): void {
  const settings = top['Settings'];
  if (isObject(settings) && Object.keys(settings).length) {
    const pairs = Object.entries(settings).map(
      ([k, v]) => `${k} = '${String(v).replace(/'/g, "''")}'`,
    );
    out.push(`Settings: ${pairs.join(', ')}`);
  }
  if (queryIdentifier !== undefined) out.push(`Query Identifier: ${queryIdentifier}`);
  const planning = top['Planning'];
  if (isObject(planning)) {
    const lines = usageLines(planning);
    const used = num(planning, 'Memory Used');
    if (used !== undefined) {
      const allocated = num(planning, 'Memory Allocated') ?? 0;
      lines.push(`Memory: used=${int(used)}kB  allocated=${int(allocated)}kB`);
    }
    if (lines.length) out.push('Planning:', ...lines.map((l) => spaces(1) + l));
  }
  const planningMs = num(top, 'Planning Time');
  if (planningMs !== undefined) out.push(`Planning Time: ${ms(planningMs)} ms`);
  const triggers = Array.isArray(top['Triggers']) ? top['Triggers'].filter(isObject) : [];
  const relations = new Set(triggers.map((t) => str(t, 'Relation')));
  for (const trigger of triggers) {
    const constraint = str(trigger, 'Constraint Name');
    let line = constraint
      ? `Trigger for constraint ${constraint}`
      : `Trigger ${str(trigger, 'Trigger Name') ?? ''}`;
    const relation = str(trigger, 'Relation');
    if (relations.size > 1 && relation !== undefined) line += ` on ${relation}`;
    const time = num(trigger, 'Time');
    line += `: ${time === undefined ? '' : `time=${ms(time)} `}calls=${int(num(trigger, 'Calls') ?? 0)}`;
    out.push(line);
  }
  jitText(top['JIT'], out);
  const executionMs = num(top, 'Execution Time');
  if (executionMs !== undefined) out.push(`Execution Time: ${ms(executionMs)} ms`);
}

function jitText(jit: unknown, out: string[]): void {
  if (!isObject(jit)) return;
  out.push('JIT:', `${spaces(1)}Functions: ${num(jit, 'Functions') ?? 0}`);
  const options = jit['Options'];
  if (isObject(options)) {
    const flags = ['Inlining', 'Optimization', 'Expressions', 'Deforming'].map(
      (k) => `${k} ${String(options[k] === true)}`,
    );
    out.push(`${spaces(1)}Options: ${flags.join(', ')}`);
  }
  const timing = jit['Timing'];
  if (!isObject(timing)) return;
  const generation = timing['Generation'];
  const gen = isObject(generation)
    ? `Generation ${ms(num(generation, 'Total') ?? 0)} ms (Deform ${ms(num(generation, 'Deform') ?? 0)} ms)`
    : `Generation ${ms(num(timing, 'Generation') ?? 0)} ms`;
  const rest = ['Inlining', 'Optimization', 'Emission', 'Total'].map(
    (k) => `${k} ${ms(num(timing, k) ?? 0)} ms`,
  );
  out.push(`${spaces(1)}Timing: ${[gen, ...rest].join(', ')}`);
}
