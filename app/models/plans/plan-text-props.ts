import { isObject, num, str } from './plan-json';

/** How the text is shown: VERBOSE (its extra lines), actual rows with two decimals (18). */
export interface TextStyle {
  verbose: boolean;
  fractionalRows: boolean;
}

type Raw = Record<string, unknown>;

/** `n` as `%.0f` prints it. */
export function int(n: number): string {
  return n.toFixed(0);
}

/** `%.3f`. */
export function ms(n: number): string {
  return n.toFixed(3);
}

function list(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.map(String).join(', ');
  return typeof value === 'string' ? value : undefined;
}

/** A line `label: value` when the JSON has it as text (or a list). */
function textLine(raw: Raw, key: string, label = key): string[] {
  const value = list(raw[key]);
  return value === undefined ? [] : [`${label}: ${value}`];
}

/** A count line shown in text only when above 0 (rows removed by…). */
function countLine(raw: Raw, key: string): string[] {
  const value = num(raw, key);
  return value !== undefined && value > 0 ? [`${key}: ${int(value)}`] : [];
}

/** The lines of the sort, hash and cache facts of `raw` (a node or one of its workers). */
function executionFacts(raw: Raw, nodeType: string): string[] {
  const lines: string[] = [];
  const method = str(raw, 'Sort Method');
  if (method !== undefined) {
    const used = num(raw, 'Sort Space Used') ?? 0;
    lines.push(
      `Sort Method: ${method}  ${str(raw, 'Sort Space Type') ?? 'Memory'}: ${int(used)}kB`,
    );
  }
  const batches = num(raw, 'Hash Batches');
  if (batches !== undefined && batches > 0) {
    const buckets = num(raw, 'Hash Buckets') ?? 0;
    const buckets0 = num(raw, 'Original Hash Buckets') ?? buckets;
    const batches0 = num(raw, 'Original Hash Batches') ?? batches;
    const memory = `Memory Usage: ${int(num(raw, 'Peak Memory Usage') ?? 0)}kB`;
    lines.push(
      buckets0 !== buckets || batches0 !== batches
        ? `Buckets: ${buckets} (originally ${buckets0})  Batches: ${batches} (originally ${batches0})  ${memory}`
        : `Buckets: ${buckets}  Batches: ${batches}  ${memory}`,
    );
  }
  const partitions = num(raw, 'Planned Partitions');
  const aggBatches = num(raw, 'HashAgg Batches');
  const parts: string[] = [];
  if (partitions !== undefined && partitions > 0) parts.push(`Planned Partitions: ${partitions}`);
  if (aggBatches !== undefined) {
    let line = `Batches: ${aggBatches}  Memory Usage: ${int(num(raw, 'Peak Memory Usage') ?? 0)}kB`;
    if (aggBatches > 1) line += `  Disk Usage: ${int(num(raw, 'Disk Usage') ?? 0)}kB`;
    parts.push(line);
  }
  if (parts.length) lines.push(parts.join('  '));
  const misses = num(raw, 'Cache Misses');
  if (nodeType === 'Memoize' && misses !== undefined && misses > 0) {
    const n = (k: string) => int(num(raw, k) ?? 0);
    lines.push(
      `Hits: ${n('Cache Hits')}  Misses: ${n('Cache Misses')}  Evictions: ${n('Cache Evictions')}  ` +
        `Overflows: ${n('Cache Overflows')}  Memory Usage: ${n('Peak Memory Usage')}kB`,
    );
  }
  return lines;
}

/** `Buffers: …`, `I/O Timings: …`, `WAL: …` of a node, a worker or the planning. */
export function usageLines(raw: Raw): string[] {
  const lines: string[] = [];
  const part = (name: string, keys: [string, string][]) => {
    const shown = keys
      .map(([key, label]) => [num(raw, key) ?? 0, label] as const)
      .filter(([value]) => value > 0)
      .map(([value, label]) => ` ${label}=${int(value)}`);
    return shown.length ? ` ${name}${shown.join('')}` : '';
  };
  const blocks = (kind: string): [string, string][] =>
    ['Hit', 'Read', 'Dirtied', 'Written'].map((w) => [`${kind} ${w} Blocks`, w.toLowerCase()]);
  const buffers = [
    part('shared', blocks('Shared')),
    part('local', blocks('Local')),
    part('temp', [
      ['Temp Read Blocks', 'read'],
      ['Temp Written Blocks', 'written'],
    ]),
  ].filter((p) => p);
  if (buffers.length) lines.push(`Buffers:${buffers.join(',')}`);
  const timing = (name: string, read: string, write: string) => {
    const r = num(raw, read) ?? 0;
    const w = num(raw, write) ?? 0;
    if (r <= 0 && w <= 0) return '';
    return ` ${name}${r > 0 ? ` read=${ms(r)}` : ''}${w > 0 ? ` write=${ms(w)}` : ''}`;
  };
  const timings = [
    // PostgreSQL ≤ 16 times shared and local blocks together; 17 apart.
    timing('shared/local', 'I/O Read Time', 'I/O Write Time'),
    timing('shared', 'Shared I/O Read Time', 'Shared I/O Write Time'),
    timing('local', 'Local I/O Read Time', 'Local I/O Write Time'),
    timing('temp', 'Temp I/O Read Time', 'Temp I/O Write Time'),
  ].filter((p) => p);
  if (timings.length) lines.push(`I/O Timings:${timings.join(',')}`);
  const wal = [
    ['WAL Records', 'records'],
    ['WAL FPI', 'fpi'],
    ['WAL Bytes', 'bytes'],
    ['WAL Buffers Full', 'buffers full'],
  ]
    .map(([key, label]) => [num(raw, key!) ?? 0, label] as const)
    .filter(([value]) => value > 0)
    .map(([value, label]) => ` ${label}=${int(value)}`);
  if (wal.length) lines.push(`WAL:${wal.join('')}`);
  return lines;
}

/** The lines of a worker (`Worker 0:  …`), as EXPLAIN prints them under the node. */
function workerLines(raw: Raw, nodeType: string, style: TextStyle): string[][] {
  const workers = raw['Workers'];
  if (!Array.isArray(workers)) return [];
  return workers.filter(isObject).map((w) => {
    const lines: string[] = [];
    const total = num(w, 'Actual Total Time');
    if (style.verbose && num(w, 'Actual Loops') !== undefined) {
      const rows = num(w, 'Actual Rows') ?? 0;
      const time =
        total === undefined ? '' : `time=${ms(num(w, 'Actual Startup Time') ?? 0)}..${ms(total)} `;
      lines.push(
        `actual ${time}rows=${style.fractionalRows ? rows.toFixed(2) : int(rows)} loops=${int(num(w, 'Actual Loops') ?? 0)}`,
      );
    }
    lines.push(...executionFacts(w, nodeType));
    if (style.verbose) lines.push(...usageLines(w));
    if (lines.length) lines[0] = `Worker ${num(w, 'Worker Number') ?? 0}:  ${lines[0]}`;
    return lines;
  });
}

/**
 * The lines EXPLAIN (FORMAT TEXT) prints under a node's own line, in its order, without
 * indentation; a worker's lines after the first are returned indented one step (`  `).
 */
export function propertyLines(raw: Raw, style: TextStyle): string[] {
  const nodeType = str(raw, 'Node Type') ?? '';
  const lines: string[] = [];
  if (raw['Disabled'] === true) lines.push('Disabled: true');
  if (style.verbose) lines.push(...textLine(raw, 'Output'));
  if (style.verbose && typeof raw['Inner Unique'] === 'boolean') {
    lines.push(`Inner Unique: ${String(raw['Inner Unique'])}`);
  }
  const method = str(raw, 'Sampling Method');
  if (method !== undefined) {
    let line = `Sampling: ${method} (${list(raw['Sampling Parameters']) ?? ''})`;
    const seed = str(raw, 'Repeatable Seed');
    if (seed !== undefined) line += ` REPEATABLE (${seed})`;
    lines.push(line);
  }
  for (const key of ['Group Key', 'Sort Key', 'Presorted Key', 'Cache Key', 'Cache Mode']) {
    lines.push(...textLine(raw, key));
  }
  if (num(raw, 'Estimated Capacity') !== undefined) {
    const n = (k: string) => num(raw, k) ?? 0;
    lines.push(
      `Estimates: capacity=${n('Estimated Capacity')} distinct keys=${int(n('Estimated Distinct Lookup Keys'))} ` +
        `lookups=${int(n('Estimated Lookups'))} hit percent=${n('Estimated Hit Percent').toFixed(2)}%`,
    );
  }
  lines.push(...textLine(raw, 'Window'));
  if (style.verbose) {
    lines.push(...textLine(raw, 'Function Call'), ...textLine(raw, 'Table Function Call'));
  }
  for (const key of [
    'Hash Cond',
    'Merge Cond',
    'Index Cond',
    'Recheck Cond',
    'TID Cond',
    'One-Time Filter',
    'Run Condition',
  ]) {
    lines.push(...textLine(raw, key));
  }
  lines.push(...countLine(raw, 'Rows Removed by Index Recheck'));
  lines.push(...textLine(raw, 'Order By'));
  lines.push(...textLine(raw, 'Join Filter'), ...countLine(raw, 'Rows Removed by Join Filter'));
  lines.push(...textLine(raw, 'Filter'), ...countLine(raw, 'Rows Removed by Filter'));
  const planned = num(raw, 'Workers Planned');
  if (planned !== undefined) {
    lines.push(`Workers Planned: ${planned}`);
    const launched = num(raw, 'Workers Launched');
    if (launched !== undefined) lines.push(`Workers Launched: ${launched}`);
    if (raw['Single Copy'] === true) lines.push('Single Copy: true');
    lines.push(...textLine(raw, 'Params Evaluated'));
  }
  lines.push(...modifyLines(raw));
  lines.push(...executionFacts(raw, nodeType));
  const exact = num(raw, 'Exact Heap Blocks') ?? 0;
  const lossy = num(raw, 'Lossy Heap Blocks') ?? 0;
  if (exact > 0 || lossy > 0) {
    lines.push(
      `Heap Blocks:${exact > 0 ? ` exact=${int(exact)}` : ''}${lossy > 0 ? ` lossy=${int(lossy)}` : ''}`,
    );
  }
  const fetches = num(raw, 'Heap Fetches');
  if (fetches !== undefined) lines.push(`Heap Fetches: ${int(fetches)}`);
  const searches = num(raw, 'Index Searches');
  if (searches !== undefined) lines.push(`Index Searches: ${int(searches)}`);
  const storage = str(raw, 'Storage');
  if (storage !== undefined) {
    lines.push(`Storage: ${storage}  Maximum Storage: ${int(num(raw, 'Maximum Storage') ?? 0)}kB`);
  }
  const removed = num(raw, 'Subplans Removed');
  if (removed !== undefined && removed > 0) lines.push(`Subplans Removed: ${removed}`);
  lines.push(...usageLines(raw));
  for (const worker of workerLines(raw, nodeType, style)) {
    lines.push(...worker.map((line, i) => (i === 0 ? line : `  ${line}`)));
  }
  return lines;
}

function modifyLines(raw: Raw): string[] {
  const lines = [
    ...textLine(raw, 'Conflict Resolution'),
    ...textLine(raw, 'Conflict Arbiter Indexes'),
    ...textLine(raw, 'Conflict Filter'),
    ...countLine(raw, 'Rows Removed by Conflict Filter'),
  ];
  for (const key of ['Tuples Inserted', 'Conflicting Tuples']) {
    const value = num(raw, key);
    if (value !== undefined) lines.push(`${key}: ${int(value)}`);
  }
  return lines;
}
