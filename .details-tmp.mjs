// app/models/driver/driver-session.ts
import postgres from "postgres";

// app/models/driver/driver-socket.ts
import { connect } from "node:net";
function openSocket(host, port2, timeoutMs) {
  const socket = connect({ host, port: port2 });
  socket.setNoDelay(true);
  socket.setTimeout(
    timeoutMs,
    () => (
      // After the poll phase: when the event loop was held up, a connection made meanwhile
      // has its 'connect' still to come, and must not be taken for a timeout.
      setImmediate(() => {
        if (!socket.connecting || socket.destroyed) return;
        socket.destroy(
          Object.assign(new Error(`no answer from ${host}:${port2} within ${timeoutMs} ms`), {
            code: "ETIMEDOUT"
          })
        );
      })
    )
  );
  socket.once("connect", () => socket.setTimeout(0));
  return socket;
}

// app/models/driver/driver-hooks.ts
function onDataRows(query, handler) {
  query.dataRows(handler);
}
function hasRowDescription(result) {
  return result.statement?.columns !== void 0;
}
function describedColumns(result) {
  const statement = result.statement;
  return statement?.columns ?? [];
}
function backendPid(query) {
  return query.state?.pid;
}
function isRunning(query) {
  const state = query;
  return state.executed === true && state.active === true;
}
function lastResult(reply) {
  const last = reply.at(-1);
  return Array.isArray(last) && typeof last.command === "string" ? last : void 0;
}

// app/models/driver/driver-statement.ts
var DriverStatement = class {
  #query;
  #sent = false;
  /** For the driver domain only: a statement comes from `DriverSession.statement`. */
  constructor(query) {
    this.#query = query;
  }
  /** Sends it and resolves with the rows of its (last) result, as objects by column name. */
  async rows() {
    this.#sent = true;
    const reply = await this.#query;
    return [...lastResult(reply) ?? reply];
  }
  /**
   * Sends it and hands every DataRow message to `onRow` whole (no row object built, no
   * cell decoded: copy what you keep); resolves with its command tag and columns.
   */
  async run(onRow) {
    this.#sent = true;
    onDataRows(this.#query, onRow);
    const reply = await this.#query;
    const result = lastResult(reply) ?? reply;
    return {
      command: result.command ?? null,
      count: result.count ?? null,
      columns: hasRowDescription(result) ? describedColumns(result) : null
    };
  }
  /**
   * COPY … FROM STDIN: sends it, writes `data` once the server asks for it
   * (CopyInResponse) and resolves when the server has taken it all (CommandComplete);
   * rejects with the server's error (bad data, a refusal right after CopyInResponse).
   */
  async copyIn(data) {
    this.#sent = true;
    const stream = await this.#query.writable();
    if (stream.errored) throw stream.errored;
    await new Promise((resolve, reject) => {
      stream.on("error", reject);
      stream.end(Buffer.from(data), (error) => error ? reject(error) : resolve());
    });
  }
  /**
   * COPY … TO STDOUT: sends it and resolves, once the server starts sending
   * (CopyOutResponse), with a stream of its data as the server formats it (text, CSV or
   * binary), ending at CopyDone; the stream fails with the server's error. The session
   * runs nothing else until it has ended.
   */
  async copyOut() {
    this.#sent = true;
    return await this.#query.readable();
  }
  /**
   * Asks the server to cancel it (a CancelRequest on a connection of its own, through the
   * same socket factory, so an SSH tunnel too). Resolves when that request's connection
   * has closed: the server has signalled the backend, or never will. A request names the
   * backend, not the statement: one that lands after the statement ended cancels what
   * runs next there. A statement not yet sent is just never sent.
   */
  async cancel() {
    await this.#query.cancel();
  }
  /** The backend process id it was sent to; undefined until it is sent. */
  get pid() {
    return backendPid(this.#query);
  }
  /** True from when it is sent on its connection until it settles. */
  get running() {
    return isRunning(this.#query);
  }
  /**
   * Resolves (never rejects) when its reply has come: the result or the error, for COPY
   * the server's CopyInResponse or CopyOutResponse. At once for a statement never sent.
   */
  ended() {
    if (!this.#sent) return Promise.resolve();
    return Promise.resolve(this.#query).then(
      () => void 0,
      () => void 0
    );
  }
};

// app/models/driver/driver-session.ts
var DriverSession = class {
  #sql;
  /**
   * Its open sockets: the session's own, and for a moment a CancelRequest's (postgres.js
   * opens those through the same factory).
   */
  #sockets = /* @__PURE__ */ new Set();
  #yielding = false;
  constructor(options2, events = {}) {
    this.#sql = postgres({
      host: options2.host,
      port: options2.port,
      user: options2.user,
      database: options2.database,
      ...options2.password === void 0 ? {} : { password: options2.password },
      ssl: options2.ssl,
      max: 1,
      max_pipeline: 0,
      connect_timeout: options2.connectTimeoutSeconds,
      keep_alive: options2.keepAliveSeconds,
      max_lifetime: null,
      fetch_types: false,
      prepare: false,
      backoff: () => 0,
      connection: { ...options2.startup },
      // Added by the patch (onauth): see DriverOptions.onAuth.
      ...options2.onAuth ? { onauth: options2.onAuth } : {},
      // Not in postgres.js's types: a socket factory, returned as it comes (a connecting
      // socket, at once), only remembered.
      socket: () => {
        const made = openSocket(options2.host, options2.port, options2.socketTimeoutMs());
        this.#sockets.add(made);
        made.once("close", () => this.#sockets.delete(made));
        return made;
      },
      onparameter: (name, value) => events.parameter?.(name, value),
      onnotice: (notice) => events.notice?.({
        severity: notice["severity_local"] ?? notice["severity"] ?? "NOTICE",
        message: notice["message"] ?? "",
        ...notice["detail"] ? { detail: notice["detail"] } : {},
        ...notice["hint"] ? { hint: notice["hint"] } : {},
        ...notice["where"] ? { context: notice["where"] } : {}
      }),
      // Added by the patch (onready): the status byte of each ReadyForQuery.
      onready: (status) => events.ready?.(transactionState(status)),
      onclose: () => {
        for (const key of Object.keys(this.#sql.parameters)) delete this.#sql.parameters[key];
        events.closed?.();
      }
    });
  }
  /** A statement with `params` ($1, $2, …), not sent yet: see {@link DriverStatement}. */
  statement(text, params = []) {
    return new DriverStatement(
      this.#sql.unsafe(text, params)
    );
  }
  /**
   * Runs `text` (several statements when it has no parameters) and resolves with the rows
   * of its last result; rejects with the driver's error.
   */
  query(text, params = []) {
    return this.statement(text, params).rows();
  }
  /**
   * A run-time parameter as the server last reported it (ParameterStatus:
   * `standard_conforming_strings`, `client_encoding`, `server_version`, …); undefined
   * before the login and after the connection closed.
   */
  parameter(name) {
    return this.#sql.parameters[name];
  }
  /** True while any socket of it is open (its connection's, or a CancelRequest's). */
  get open() {
    return this.#sockets.size > 0;
  }
  /**
   * Lets the event loop run before this session's next bytes are read: pauses its sockets
   * and resumes them on the next turn. A long fetch calls this every few thousand rows,
   * so other work is served while a million rows stream in (libuv otherwise reads up to
   * 2 MB per turn). Idempotent within a turn.
   */
  yieldSoon() {
    if (this.#yielding || this.#sockets.size === 0) return;
    this.#yielding = true;
    const sockets = [...this.#sockets];
    for (const socket of sockets) socket.pause();
    setImmediate(() => {
      this.#yielding = false;
      for (const socket of sockets) if (!socket.destroyed) socket.resume();
    });
  }
  /**
   * Closes its sockets at once: the backend ends on the closed socket, so a CancelRequest
   * still on its way finds no backend. Resolves once postgres.js has heard each close (its
   * listener comes first): the next statement then logs in anew instead of writing to a
   * closed socket. Never rejects.
   */
  async cutOff() {
    const sockets = [...this.#sockets];
    const closed = sockets.map((s) => new Promise((resolve) => s.once("close", resolve)));
    for (const socket of sockets) socket.destroy();
    await Promise.all(closed);
  }
  /**
   * Closes the connection, waiting up to `timeoutSeconds` for a running statement (then
   * it is cut off). Never rejects.
   */
  async end(timeoutSeconds) {
    await this.#sql.end({ timeout: timeoutSeconds }).catch(() => void 0);
  }
};
function transactionState(status) {
  return status === "T" ? "open" : status === "E" ? "failed" : "idle";
}

// app/models/errors/error-info.ts
var SERVER_ERROR_FIELDS = [
  "context",
  "internalQuery",
  "internalPosition",
  "schemaName",
  "tableName",
  "columnName",
  "dataTypeName",
  "constraintName"
];

// app/models/errors/redact.ts
var REDACTED = "[redacted]";
var remembered = /* @__PURE__ */ new Set();
var URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@?#'"]*):([^\s@/'"]*)@/gi;
var KEY_VALUE = /(["']?\b[a-z_]*(?:password|passwd|pwd|passphrase|secret|api[_-]?key|token)\b["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,;&)}\]]+)/gi;
function redact(text) {
  let out = text.replace(URL_USERINFO, (_m, head) => `${head}:${REDACTED}@`).replace(
    KEY_VALUE,
    (_m, key, value) => value.startsWith('"') ? `${key}"${REDACTED}"` : `${key}${REDACTED}`
  );
  for (const secret of remembered) {
    for (const form of /* @__PURE__ */ new Set([
      secret,
      encodeURIComponent(secret),
      JSON.stringify(secret).slice(1, -1)
    ])) {
      if (out.includes(form)) out = out.split(form).join(REDACTED);
    }
  }
  return out;
}

// app/models/errors/errors.ts
var TuskError = class extends Error {
  constructor(kind, message, options2 = {}) {
    super(message, options2.cause === void 0 ? void 0 : { cause: options2.cause });
    this.name = "TuskError";
    this.kind = kind;
    this.detail = options2.detail;
    this.hint = options2.hint;
    this.position = options2.position;
    this.line = options2.line;
    this.column = options2.column;
    this.code = options2.code;
    this.sqlState = options2.sqlState;
    this.stage = options2.stage;
    this.recordedFingerprint = options2.recordedFingerprint;
    this.offeredFingerprint = options2.offeredFingerprint;
    this.issues = options2.issues;
    this.statementStart = options2.statementStart;
    this.server = options2.server;
  }
  /**
   * The plain object for the protocol: only fields that are set, never the cause; every
   * text (message, detail, hint, the issues' messages…) passes through {@link redact}, so
   * no secret reaches a view.
   */
  toErrorInfo() {
    const info = { kind: this.kind, message: redact(this.message) };
    const keys = [
      "detail",
      "hint",
      "position",
      "line",
      "column",
      "code",
      "sqlState",
      "stage",
      "statementStart",
      "recordedFingerprint",
      "offeredFingerprint"
    ];
    for (const key of keys) {
      const value = this[key];
      if (value !== void 0) {
        Object.assign(info, { [key]: typeof value === "string" ? redact(value) : value });
      }
    }
    if (this.issues) {
      info.issues = this.issues.map((issue) => ({ ...issue, message: redact(issue.message) }));
    }
    for (const key of SERVER_ERROR_FIELDS) {
      const value = this.server?.[key];
      if (value !== void 0) {
        Object.assign(info, { [key]: typeof value === "string" ? redact(value) : value });
      }
    }
    return info;
  }
};

// app/common/identifiers.ts
var NON_UNRESERVED_KEYWORDS = new Set(
  "all analyse analyze and any array as asc asymmetric authorization between bigint binary bit boolean both case cast char character check coalesce collate collation column concurrently constraint create cross current_catalog current_date current_role current_schema current_time current_timestamp current_user dec decimal default deferrable desc distinct do else end except exists extract false fetch float for foreign freeze from full grant greatest group grouping having ilike in initially inner inout int integer intersect interval into is isnull join json json_array json_arrayagg json_exists json_object json_objectagg json_query json_scalar json_serialize json_table json_value lateral leading least left like limit localtime localtimestamp merge_action national natural nchar none normalize not notnull null nullif numeric offset on only or order out outer overlaps overlay placing position precision primary real references returning right row select session_user setof similar smallint some substring symmetric system_user table tablesample then time timestamp to trailing treat trim true union unique user using values varchar variadic verbose when where window with xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable".split(" ")
);
var PLAIN = /^[a-z_][a-z0-9_]*$/;
function quoteIdent(name, keywords = NON_UNRESERVED_KEYWORDS) {
  if (PLAIN.test(name) && !keywords.has(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}
function qualifiedName(schema, name, keywords = NON_UNRESERVED_KEYWORDS) {
  return `${quoteIdent(schema, keywords)}.${quoteIdent(name, keywords)}`;
}
function quotedKeywords(keywords) {
  return new Set(keywords.filter((k) => k.category !== "unreserved").map((k) => k.word));
}

// app/models/schema/pg-array.ts
function parseTextArray(text) {
  if (text === null || text.length < 2) return [];
  const out = [];
  let i = 1;
  const end = text.length - 1;
  if (i === end) return out;
  while (i <= end) {
    if (text[i] === '"') {
      let value = "";
      i += 1;
      while (i < end && text[i] !== '"') {
        if (text[i] === "\\") i += 1;
        value += text[i];
        i += 1;
      }
      out.push(value);
      i += 2;
    } else {
      let next = text.indexOf(",", i);
      if (next < 0 || next > end) next = end;
      const raw = text.slice(i, next);
      out.push(raw === "NULL" ? null : raw);
      i = next + 1;
    }
  }
  return out;
}

// app/models/schema/catalog-load.ts
var OLDEST_SERVER = 12e4;
function isSystemSchema(name) {
  return name === "pg_catalog" || name === "information_schema" || name === "pg_toast" || name.startsWith("pg_temp_") || name.startsWith("pg_toast_temp_");
}
var SETTINGS_SQL = `
SELECT current_setting('server_version_num')::int4 AS version,
       current_schemas(true)::text AS path,
       (SELECT array_agg(word ORDER BY word)::text FROM pg_get_keywords()) AS words,
       (SELECT array_agg(catcode ORDER BY word)::text FROM pg_get_keywords()) AS codes`;
var SCHEMAS_SQL = `
SELECT n.oid::int8::float8 AS oid, n.nspname AS name, pg_get_userbyid(n.nspowner) AS owner,
       COALESCE(has_schema_privilege(n.oid, 'USAGE'), false) AS usable
  FROM pg_namespace n`;
var RELATIONS_SQL = `
SELECT c.oid::int8::float8 AS oid, c.relnamespace::int8::float8 AS ns, c.relname AS name,
       c.relkind::text AS relkind, p.inhparent::int8::float8 AS parent,
       c.reltuples::float8 AS tuples, c.relpages::float8 AS pages,
       COALESCE(CASE c.relkind WHEN 'S' THEN has_sequence_privilege(c.oid, 'SELECT, USAGE')
                               WHEN 'c' THEN true
                               ELSE has_any_column_privilege(c.oid, 'SELECT') END, false) AS readable,
       d.description AS comment, a.names, a.types
  FROM pg_class c
  LEFT JOIN pg_inherits p ON c.relispartition AND p.inhrelid = c.oid
  LEFT JOIN pg_description d
         ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
  LEFT JOIN (SELECT at.attrelid,
                    array_agg(at.attname ORDER BY at.attnum)::text AS names,
                    array_agg(format_type(at.atttypid, at.atttypmod) ORDER BY at.attnum)::text AS types
               FROM pg_attribute at
               JOIN pg_class r ON r.oid = at.attrelid AND r.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')
              WHERE at.attnum > 0 AND NOT at.attisdropped
              GROUP BY at.attrelid) a ON a.attrelid = c.oid
 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S', 'c')`;
var ROUTINES_SQL = `
SELECT p.oid::int8::float8 AS oid, p.pronamespace::int8::float8 AS ns, p.proname AS name,
       p.prokind::text AS prokind, pg_get_function_arguments(p.oid) AS args,
       pg_get_function_result(p.oid) AS result,
       COALESCE(has_function_privilege(p.oid, 'EXECUTE'), false) AS readable,
       d.description AS comment
  FROM pg_proc p
  LEFT JOIN pg_description d
         ON d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass AND d.objsubid = 0`;
var TYPES_SQL = `
SELECT t.oid::int8::float8 AS oid, t.typnamespace::int8::float8 AS ns, t.typname AS name,
       t.typtype::text AS typtype, t.typrelid::int8::float8 AS relid,
       COALESCE(has_type_privilege(t.oid, 'USAGE'), false) AS readable,
       d.description AS comment
  FROM pg_type t
  LEFT JOIN pg_class r ON r.oid = t.typrelid
  LEFT JOIN pg_description d
         ON d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0
 WHERE (t.typrelid = 0 OR r.relkind = 'c')
   AND t.typtype IN ('b', 'c', 'd', 'e', 'r')
   AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid)`;
var EXTENSIONS_SQL = `
SELECT e.oid::int8::float8 AS oid, e.extnamespace::int8::float8 AS ns, e.extname AS name,
       d.description AS comment
  FROM pg_extension e
  LEFT JOIN pg_description d
         ON d.objoid = e.oid AND d.classoid = 'pg_extension'::regclass AND d.objsubid = 0`;
var RELKINDS = {
  r: "table",
  p: "partitioned_table",
  v: "view",
  m: "materialized_view",
  f: "foreign_table",
  S: "sequence"
};
var PROKINDS = {
  f: "function",
  w: "function",
  p: "procedure",
  a: "aggregate"
};
var TYPTYPES = {
  e: "enum",
  d: "domain",
  c: "type",
  b: "type",
  r: "type"
};
var CATEGORIES = {
  R: "reserved",
  U: "unreserved",
  C: "column_name",
  T: "type_function_name"
};
var KIND_ORDER = {
  table: 0,
  partitioned_table: 1,
  view: 2,
  materialized_view: 3,
  foreign_table: 4,
  sequence: 5,
  function: 6,
  procedure: 7,
  aggregate: 8,
  type: 9,
  domain: 10,
  enum: 11,
  extension: 12
};
async function loadCatalog(db) {
  const began = performance.now();
  await db.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
  try {
    return await readCatalog(db, began);
  } finally {
    await db.query("ROLLBACK").catch(() => void 0);
  }
}
async function readCatalog(db, began) {
  const [settings] = await db.query(SETTINGS_SQL);
  if (!settings) throw new Error("the server sent no settings");
  if (settings.version < OLDEST_SERVER) {
    throw new TuskError(
      "validation",
      `The schema browser reads the catalogs of PostgreSQL 12 and later; this server is ${Math.floor(settings.version / 1e4)}`,
      { hint: "Queries run as usual; browse its objects by querying pg_catalog." }
    );
  }
  const schemas = await db.query(
    SCHEMAS_SQL
  );
  const relations = await db.query(RELATIONS_SQL);
  const routines = await db.query(ROUTINES_SQL);
  const types = await db.query(TYPES_SQL);
  const extensions = await db.query(EXTENSIONS_SQL);
  const words = parseTextArray(settings.words);
  const codes = parseTextArray(settings.codes);
  const keywords = words.map((word, i) => ({
    word: word ?? "",
    category: CATEGORIES[codes[i] ?? "U"] ?? "unreserved"
  }));
  const quoted = quotedKeywords(keywords);
  const schemaOf = new Map(schemas.map((s) => [s.oid, s]));
  const objects = [];
  const columnsOf = /* @__PURE__ */ new Map();
  const relationNames = /* @__PURE__ */ new Map();
  const add = (row, kind, readable, extra = {}) => {
    const schema = schemaOf.get(row.ns);
    if (!schema) return;
    objects.push({
      kind,
      schema: schema.name,
      name: row.name,
      oid: row.oid,
      comment: row.comment,
      ...extra,
      readable: readable && schema.usable
    });
  };
  for (const r of relations) {
    const names2 = parseTextArray(r.names);
    const typeNames = parseTextArray(r.types);
    const columns = names2.map((name, i) => ({ name: name ?? "", type: typeNames[i] ?? "" }));
    const schema = schemaOf.get(r.ns);
    if (schema) relationNames.set(r.oid, { schema: schema.name, name: r.name });
    if (r.relkind === "c") {
      columnsOf.set(r.oid, columns);
      continue;
    }
    const kind = RELKINDS[r.relkind];
    add(r, kind, r.readable, {
      ...kind === "sequence" ? {} : { columns },
      ...kind === "sequence" || kind === "view" ? {} : { rowEstimate: estimate(r, settings.version) }
    });
  }
  const byOid = new Map(objects.map((o) => [o.oid, o]));
  for (const r of relations) {
    if (r.parent === null) continue;
    const parent = relationNames.get(r.parent);
    const object = byOid.get(r.oid);
    if (parent && object) object.partitionOf = qualifiedName(parent.schema, parent.name, quoted);
  }
  for (const r of routines) {
    add(r, PROKINDS[r.prokind] ?? "function", r.readable, {
      arguments: r.args,
      ...r.result === null ? {} : { returns: r.result }
    });
  }
  for (const t of types) {
    const columns = t.relid ? columnsOf.get(t.relid) : void 0;
    add(t, TYPTYPES[t.typtype] ?? "type", t.readable, columns ? { columns } : {});
  }
  for (const e of extensions) add(e, "extension", true);
  objects.sort(
    (a, b) => compare(a.schema, b.schema) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compare(a.name, b.name) || a.oid - b.oid
  );
  return {
    serverVersion: settings.version,
    loadedAt: Date.now(),
    loadMs: Math.round(performance.now() - began),
    searchPath: parseTextArray(settings.path).filter((s) => s !== null),
    schemas: summarize(schemas, objects),
    objects,
    keywords
  };
}
function estimate(r, version) {
  if (r.tuples < 0) return null;
  if (version < 14e4 && r.tuples === 0 && r.pages === 0) return null;
  return Math.round(r.tuples);
}
function summarize(schemas, objects) {
  const counts = /* @__PURE__ */ new Map();
  for (const o of objects) {
    let c = counts.get(o.schema);
    if (!c) counts.set(o.schema, c = {});
    c[o.kind] = (c[o.kind] ?? 0) + 1;
  }
  return schemas.map((s) => ({
    name: s.name,
    owner: s.owner,
    system: isSystemSchema(s.name),
    counts: counts.get(s.name) ?? {}
  })).sort((a, b) => Number(a.system) - Number(b.system) || compare(a.name, b.name));
}
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// app/models/schema/catalog-index.ts
function catalogOf(kind) {
  switch (kind) {
    case "function":
    case "procedure":
    case "aggregate":
      return "proc";
    case "type":
    case "domain":
    case "enum":
      return "type";
    case "extension":
      return "extension";
    default:
      return "class";
  }
}
var CatalogIndex = class {
  #bySchema = /* @__PURE__ */ new Map();
  #byOid = /* @__PURE__ */ new Map();
  #entries = [];
  constructor(snapshot) {
    this.snapshot = snapshot;
    this.keywords = quotedKeywords(snapshot.keywords);
    const objects = [];
    const columns = [];
    const put = (into, e) => (into[e.lower.length] ??= []).push(e);
    for (const o of snapshot.objects) {
      let list = this.#bySchema.get(o.schema);
      if (!list) this.#bySchema.set(o.schema, list = []);
      list.push(o);
      this.#byOid.set(`${catalogOf(o.kind)}:${o.oid}`, o);
      const system = isSystemSchema(o.schema);
      put(objects, { lower: o.name.toLowerCase(), object: o, system });
      for (const c of o.columns ?? []) {
        put(columns, { lower: c.name.toLowerCase(), object: o, column: c.name, system });
      }
    }
    for (const byLength of [objects, columns]) {
      for (const list of byLength) if (list) for (const e of list) this.#entries.push(e);
    }
  }
  /** The objects of `schema`, by kind then name (empty when it has none or is unknown). */
  objectsOf(schema) {
    return this.#bySchema.get(schema) ?? [];
  }
  /** True when the schema exists. */
  hasSchema(schema) {
    return this.snapshot.schemas.some((s) => s.name === schema);
  }
  /** The object of that kind's catalog with that OID. */
  byOid(oid, kind) {
    return this.#byOid.get(`${catalogOf(kind)}:${oid}`);
  }
  /** Objects of `schema` named `name` whose kind is in the same catalog as `kind`. */
  byName(schema, name, kind) {
    const family = catalogOf(kind);
    return this.objectsOf(schema).filter((o) => o.name === name && catalogOf(o.kind) === family);
  }
  /**
   * Objects and columns whose name holds `text` (case-insensitive): exact matches first,
   * then prefixes, then the rest; within a rank objects before columns, shorter names
   * first. System schemas only with `includeSystem`. One pass over the lower-cased names.
   */
  search(text, limit, includeSystem = false) {
    const needle = text.toLowerCase();
    const ranks = [[], [], []];
    for (const e of this.#entries) {
      if (e.system && !includeSystem) continue;
      const at = e.lower.indexOf(needle);
      if (at < 0) continue;
      const rank = at > 0 ? 2 : e.lower.length === needle.length ? 0 : 1;
      const bucket = ranks[rank];
      if (bucket.length < limit) bucket.push(e);
      if (rank === 0 && bucket.length >= limit) break;
    }
    return ranks.flat().slice(0, limit).map((e) => ({
      kind: e.object.kind,
      schema: e.object.schema,
      name: e.object.name,
      oid: e.object.oid,
      ...e.column === void 0 ? {} : { column: e.column }
    }));
  }
};

// app/models/schema/detail-queries.ts
var RELATION_SQL = `
SELECT c.oid::int8::float8 AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind,
       pg_get_userbyid(c.relowner) AS owner, d.description AS comment,
       COALESCE(has_schema_privilege(n.oid, 'USAGE')
                AND CASE c.relkind WHEN 'S' THEN has_sequence_privilege(c.oid, 'SELECT, USAGE')
                                   ELSE has_any_column_privilege(c.oid, 'SELECT') END, false) AS readable,
       c.reltuples::float8 AS tuples, c.relpages::float8 AS pages,
       CASE WHEN c.relkind IN ('r', 'p', 'm', 'S') THEN pg_total_relation_size(c.oid)::float8 END AS total,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
       c.relispartition AS partition, pg_get_expr(c.relpartbound, c.oid) AS bound,
       c.reloptions::text AS options, c.relpersistence::text AS persistence,
       c.relrowsecurity AS rls, c.relforcerowsecurity AS force_rls,
       CASE WHEN c.reloftype <> 0 THEN format_type(c.reloftype, NULL) END AS oftype,
       am.amname AS am, fs.srvname AS server, ft.ftoptions::text AS ftoptions,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS viewdef,
       (SELECT json_agg(json_build_object('schema', pn.nspname, 'name', pc.relname) ORDER BY i.inhseqno)
          FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent
          JOIN pg_namespace pn ON pn.oid = pc.relnamespace
         WHERE i.inhrelid = c.oid) AS parents
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_description d
         ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
  LEFT JOIN pg_am am ON am.oid = c.relam
  LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid
  LEFT JOIN pg_foreign_server fs ON fs.oid = ft.ftserver
 WHERE c.oid = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')`;
var COLUMNS_SQL = `
SELECT a.attnum::int4 AS position, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS notnull, pg_get_expr(ad.adbin, ad.adrelid) AS expr,
       a.attidentity::text AS identity, a.attgenerated::text AS generated,
       CASE WHEN a.attcollation <> t.typcollation AND co.oid IS NOT NULL
            THEN json_build_object('schema', cn.nspname, 'name', co.collname) END AS collation,
       col_description(a.attrelid, a.attnum) AS comment, a.attislocal AS local,
       s.seqstart::text AS seq_start, s.seqincrement::text AS seq_increment,
       s.seqmin::text AS seq_min, s.seqmax::text AS seq_max, s.seqcache::text AS seq_cache,
       s.seqcycle AS seq_cycle, format_type(s.seqtypid, NULL) AS seq_type
  FROM pg_attribute a
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  LEFT JOIN pg_collation co ON co.oid = a.attcollation
  LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
  LEFT JOIN pg_depend dep
         ON a.attidentity <> '' AND dep.refclassid = 'pg_class'::regclass AND dep.refobjid = a.attrelid
        AND dep.refobjsubid = a.attnum AND dep.classid = 'pg_class'::regclass AND dep.deptype = 'i'
  LEFT JOIN pg_sequence s ON s.seqrelid = dep.objid
 WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY a.attnum`;
function constraintsSql(of) {
  return `
SELECT co.conname AS name, co.contype::text AS type, pg_get_constraintdef(co.oid) AS definition,
       (SELECT array_agg(a.attname ORDER BY k.n)::text
          FROM unnest(co.conkey) WITH ORDINALITY AS k(num, n)
          JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.num) AS columns,
       fn.nspname AS ref_schema, fc.relname AS ref_table,
       (SELECT array_agg(a.attname ORDER BY k.n)::text
          FROM unnest(co.confkey) WITH ORDINALITY AS k(num, n)
          JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.num) AS ref_columns,
       co.convalidated AS validated, d.description AS comment,
       co.conislocal AND co.conparentid = 0 AS local
  FROM pg_constraint co
  LEFT JOIN pg_class fc ON fc.oid = co.confrelid
  LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
  LEFT JOIN pg_description d
         ON d.objoid = co.oid AND d.classoid = 'pg_constraint'::regclass AND d.objsubid = 0
 WHERE co.${of} = $1 AND co.contype IN ('p', 'u', 'f', 'c', 'x')
 ORDER BY CASE co.contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'c' THEN 2 WHEN 'f' THEN 3 ELSE 4 END,
          co.conname`;
}
var INDEXES_SQL = `
SELECT ic.relname AS name, pg_get_indexdef(i.indexrelid) AS definition,
       i.indisunique AS "unique", i.indisprimary AS "primary", i.indisvalid AS valid,
       pg_get_expr(i.indpred, i.indrelid) AS predicate,
       pg_relation_size(i.indexrelid)::float8 AS size,
       (SELECT array_agg(COALESCE(a.attname, pg_get_indexdef(i.indexrelid, k, true)) ORDER BY k)::text
          FROM generate_series(1, i.indnkeyatts::int4) AS k
          LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1]
                                  AND i.indkey[k - 1] <> 0) AS columns,
       EXISTS (SELECT 1 FROM pg_constraint co
                WHERE co.conindid = i.indexrelid AND co.conrelid = i.indrelid
                  AND co.contype IN ('p', 'u', 'x')) AS backs,
       EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid) AS inherited,
       d.description AS comment
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  LEFT JOIN pg_description d
         ON d.objoid = i.indexrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
 WHERE i.indrelid = $1
 ORDER BY i.indisprimary DESC, ic.relname`;
function triggersSql(version) {
  return `
SELECT t.tgname AS name, pg_get_triggerdef(t.oid) AS definition, t.tgenabled <> 'D' AS enabled,
       ${version >= 13e4 ? "t.tgparentid <> 0" : "false"} AS cloned
  FROM pg_trigger t
 WHERE t.tgrelid = $1 AND NOT t.tgisinternal
 ORDER BY t.tgname`;
}
var POLICIES_SQL = `
SELECT p.polname AS name, p.polcmd::text AS cmd, p.polpermissive AS permissive,
       (SELECT array_agg(CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r) END ORDER BY r)::text
          FROM unnest(p.polroles) AS r) AS roles,
       pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS "check"
  FROM pg_policy p
 WHERE p.polrelid = $1
 ORDER BY p.polname`;
var SEQUENCE_SQL = `
SELECT format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start,
       s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max,
       s.seqcache::text AS cache, s.seqcycle AS cycle,
       (SELECT json_build_object('schema', tn.nspname, 'table', tc.relname, 'column', a.attname,
                                 'identity', dep.deptype = 'i')
          FROM pg_depend dep
          JOIN pg_class tc ON tc.oid = dep.refobjid
          JOIN pg_namespace tn ON tn.oid = tc.relnamespace
          JOIN pg_attribute a ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
         WHERE dep.classid = 'pg_class'::regclass AND dep.objid = s.seqrelid
           AND dep.refclassid = 'pg_class'::regclass AND dep.deptype IN ('a', 'i')
         LIMIT 1) AS owned_by
  FROM pg_sequence s
 WHERE s.seqrelid = $1`;
var ROUTINE_SQL = `
SELECT p.oid::int8::float8 AS oid, n.nspname AS schema, p.proname AS name, p.prokind::text AS prokind,
       pg_get_userbyid(p.proowner) AS owner, d.description AS comment,
       COALESCE(has_schema_privilege(n.oid, 'USAGE') AND has_function_privilege(p.oid, 'EXECUTE'), false) AS readable,
       pg_get_function_arguments(p.oid) AS args, pg_get_function_result(p.oid) AS result,
       l.lanname AS language, p.proparallel::text AS parallel,
       CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END AS def,
       a.aggkind::text AS aggkind, a.aggtransfn::regproc::text AS sfunc,
       format_type(a.aggtranstype, NULL) AS stype, a.aggtransspace AS sspace,
       NULLIF(a.aggfinalfn, 0)::regproc::text AS finalfunc, a.aggfinalextra AS finalextra,
       NULLIF(a.aggcombinefn, 0)::regproc::text AS combinefunc,
       NULLIF(a.aggserialfn, 0)::regproc::text AS serialfunc,
       NULLIF(a.aggdeserialfn, 0)::regproc::text AS deserialfunc,
       a.agginitval AS initcond, NULLIF(a.aggsortop, 0)::regoper::text AS sortop
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_language l ON l.oid = p.prolang
  LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
  LEFT JOIN pg_description d
         ON d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass AND d.objsubid = 0
 WHERE p.oid = $1`;
var TYPE_SQL = `
SELECT t.oid::int8::float8 AS oid, n.nspname AS schema, t.typname AS name, t.typtype::text AS typtype,
       pg_get_userbyid(t.typowner) AS owner, d.description AS comment,
       COALESCE(has_schema_privilege(n.oid, 'USAGE') AND has_type_privilege(t.oid, 'USAGE'), false) AS readable,
       t.typrelid::int8::float8 AS relid,
       (SELECT array_agg(e.enumlabel ORDER BY e.enumsortorder)::text
          FROM pg_enum e WHERE e.enumtypid = t.oid) AS labels,
       CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base,
       t.typnotnull AS notnull, pg_get_expr(t.typdefaultbin, 0) AS "default",
       CASE WHEN t.typtype = 'd' AND t.typcollation <> bt.typcollation AND co.oid IS NOT NULL
            THEN json_build_object('schema', cn.nspname, 'name', co.collname) END AS collation,
       format_type(r.rngsubtype, NULL) AS subtype, NULLIF(r.rngsubdiff, 0)::regproc::text AS subdiff,
       t.typinput::regproc::text AS input, t.typoutput::regproc::text AS output,
       NULLIF(t.typreceive, 0)::regproc::text AS receive, NULLIF(t.typsend, 0)::regproc::text AS send,
       t.typlen AS length, t.typbyval AS byval, t.typalign::text AS align,
       t.typstorage::text AS storage, t.typcategory::text AS category
  FROM pg_type t
  JOIN pg_namespace n ON n.oid = t.typnamespace
  LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
  LEFT JOIN pg_collation co ON co.oid = t.typcollation
  LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
  LEFT JOIN pg_range r ON r.rngtypid = t.oid
  LEFT JOIN pg_description d
         ON d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0
 WHERE t.oid = $1`;
var EXTENSION_SQL = `
SELECT e.oid::int8::float8 AS oid, n.nspname AS schema, e.extname AS name,
       pg_get_userbyid(e.extowner) AS owner, e.extversion AS version, d.description AS comment
  FROM pg_extension e
  JOIN pg_namespace n ON n.oid = e.extnamespace
  LEFT JOIN pg_description d
         ON d.objoid = e.oid AND d.classoid = 'pg_extension'::regclass AND d.objsubid = 0
 WHERE e.oid = $1`;

// app/models/schema/table-ddl.ts
function literal(text) {
  return `'${text.replaceAll("'", "''")}'`;
}
function commentOn(what, comment) {
  return comment === null ? [] : [`COMMENT ON ${what} IS ${literal(comment)};`];
}
function options(text, separator) {
  const items = parseTextArray(text).filter((o) => o !== null);
  if (items.length === 0) return null;
  return items.map((o) => {
    const at = o.indexOf("=");
    const key = at < 0 ? o : o.slice(0, at);
    const value = at < 0 ? "" : o.slice(at + 1);
    return separator === "=" ? `${key}=${literal(value)}` : `${quoteIdent(key)} ${literal(value)}`;
  }).join(", ");
}
var TYPE_LIMITS = {
  smallint: ["-32768", "32767"],
  integer: ["-2147483648", "2147483647"],
  bigint: ["-9223372036854775808", "9223372036854775807"]
};
function sequenceOptions(s, type) {
  const [low, high] = TYPE_LIMITS[type] ?? TYPE_LIMITS["bigint"];
  const up = !s.increment.startsWith("-");
  const min = up ? "1" : low;
  const max = up ? high : "-1";
  const out = [];
  if (s.increment !== "1") out.push(`INCREMENT BY ${s.increment}`);
  if (s.min !== min) out.push(`MINVALUE ${s.min}`);
  if (s.max !== max) out.push(`MAXVALUE ${s.max}`);
  if (s.start !== (up ? s.min : s.max)) out.push(`START WITH ${s.start}`);
  if (s.cache !== "1") out.push(`CACHE ${s.cache}`);
  if (s.cycle) out.push("CYCLE");
  return out;
}
function columnLine(c, keywords) {
  let line = `${quoteIdent(c.name, keywords)} ${c.type}`;
  if (c.collation) line += ` COLLATE ${collation(c.collation, keywords)}`;
  if (c.identity === "a" || c.identity === "d") {
    line += ` GENERATED ${c.identity === "a" ? "ALWAYS" : "BY DEFAULT"} AS IDENTITY`;
    if (c.seq_start !== null) {
      const opts = sequenceOptions(
        {
          start: c.seq_start,
          increment: c.seq_increment ?? "1",
          min: c.seq_min ?? "1",
          max: c.seq_max ?? "",
          cache: c.seq_cache ?? "1",
          cycle: c.seq_cycle ?? false
        },
        c.type
      );
      if (opts.length > 0) line += ` (${opts.join(" ")})`;
    }
  } else if (c.generated === "s" || c.generated === "v") {
    line += ` GENERATED ALWAYS AS (${c.expr ?? ""}) ${c.generated === "s" ? "STORED" : "VIRTUAL"}`;
  } else if (c.expr !== null) {
    line += ` DEFAULT ${c.expr}`;
  }
  if (c.notnull) line += " NOT NULL";
  return line;
}
function collation(c, keywords) {
  return qualifiedName(c.schema, c.name, keywords);
}
function relationDdl(rows, keywords) {
  const h = rows.header;
  const name = qualifiedName(h.schema, h.name, keywords);
  const out = [];
  if (h.relkind === "v" || h.relkind === "m") {
    const body = (h.viewdef ?? "").trim().replace(/;$/, "");
    const withOptions = options(h.options, "=");
    if (h.relkind === "v") {
      out.push(`CREATE VIEW ${name}${withOptions ? ` WITH (${withOptions})` : ""} AS
${body};`);
    } else {
      const using = h.am && h.am !== "heap" ? ` USING ${quoteIdent(h.am, keywords)}` : "";
      out.push(
        `CREATE MATERIALIZED VIEW ${name}${using}${withOptions ? ` WITH (${withOptions})` : ""} AS
${body};`
      );
    }
  } else {
    out.push(createTable(rows, name, keywords));
  }
  for (const i of rows.indexes) {
    if (!i.backs && !i.inherited) out.push(`${i.definition};`);
  }
  if (h.rls) out.push(`ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY;`);
  if (h.force_rls) out.push(`ALTER TABLE ${name} FORCE ROW LEVEL SECURITY;`);
  for (const p of rows.policies) {
    const roles = parseTextArray(p.roles).filter((r) => r !== null);
    const command = { "*": "ALL", r: "SELECT", a: "INSERT", w: "UPDATE", d: "DELETE" }[p.cmd];
    let line = `CREATE POLICY ${quoteIdent(p.name, keywords)} ON ${name} AS ${p.permissive ? "PERMISSIVE" : "RESTRICTIVE"} FOR ${command ?? "ALL"}`;
    line += ` TO ${roles.map((r) => r === "public" ? "PUBLIC" : quoteIdent(r, keywords)).join(", ")}`;
    if (p.using !== null) line += ` USING (${p.using})`;
    if (p.check !== null) line += ` WITH CHECK (${p.check})`;
    out.push(`${line};`);
  }
  for (const t of rows.triggers) {
    if (t.cloned) continue;
    out.push(`${t.definition};`);
    if (!t.enabled)
      out.push(`ALTER TABLE ${name} DISABLE TRIGGER ${quoteIdent(t.name, keywords)};`);
  }
  const what = { v: "VIEW", m: "MATERIALIZED VIEW", f: "FOREIGN TABLE" }[h.relkind] ?? "TABLE";
  out.push(...commentOn(`${what} ${name}`, h.comment));
  for (const c of rows.columns) {
    out.push(...commentOn(`COLUMN ${name}.${quoteIdent(c.name, keywords)}`, c.comment));
  }
  for (const c of rows.constraints) {
    if (c.local)
      out.push(...commentOn(`CONSTRAINT ${quoteIdent(c.name, keywords)} ON ${name}`, c.comment));
  }
  for (const i of rows.indexes) {
    out.push(...commentOn(`INDEX ${qualifiedName(h.schema, i.name, keywords)}`, i.comment));
  }
  return out.join("\n\n");
}
function createTable(rows, name, keywords) {
  const h = rows.header;
  const foreign = h.relkind === "f";
  const parent = h.partition ? h.parents?.[0] ?? null : null;
  const inherits = h.partition ? [] : h.parents ?? [];
  const columns = rows.columns.filter((c) => c.local || !parent && inherits.length === 0);
  const constraints = rows.constraints.filter((c) => c.local && c.validated);
  const lines = [
    ...parent ? [] : columns.map((c) => columnLine(c, keywords)),
    ...constraints.map((c) => `CONSTRAINT ${quoteIdent(c.name, keywords)} ${c.definition}`)
  ];
  const unlogged = h.persistence === "u" ? "UNLOGGED " : "";
  let sql = `CREATE ${foreign ? "FOREIGN " : unlogged}TABLE ${name}`;
  if (parent) {
    sql += ` PARTITION OF ${qualifiedName(parent.schema, parent.name, keywords)}`;
    if (lines.length > 0) sql += ` (
    ${lines.join(",\n    ")}
)`;
    sql += ` ${h.bound ?? "DEFAULT"}`;
  } else {
    sql += ` (
${lines.map((l) => `    ${l}`).join(",\n")}
)`;
    if (inherits.length > 0) {
      sql += ` INHERITS (${inherits.map((p) => qualifiedName(p.schema, p.name, keywords)).join(", ")})`;
    }
  }
  if (h.partkey) sql += ` PARTITION BY ${h.partkey}`;
  if (foreign && h.server) {
    sql += ` SERVER ${quoteIdent(h.server, keywords)}`;
    const fdw = options(h.ftoptions, " ");
    if (fdw) sql += ` OPTIONS (${fdw})`;
  }
  if (!foreign && h.am && h.am !== "heap" && h.relkind !== "p") {
    sql += ` USING ${quoteIdent(h.am, keywords)}`;
  }
  const withOptions = options(h.options, "=");
  if (withOptions) sql += ` WITH (${withOptions})`;
  const later = rows.constraints.filter((c) => c.local && !c.validated).map(
    (c) => `ALTER TABLE ${name} ADD CONSTRAINT ${quoteIdent(c.name, keywords)} ${c.definition};`
  );
  return [`${sql};`, ...later].join("\n\n");
}
function sequenceDdl(h, s, keywords) {
  const name = qualifiedName(h.schema, h.name, keywords);
  if (!s) return `CREATE SEQUENCE ${name};`;
  const out = [];
  if (s.owned_by?.identity) {
    out.push(
      `-- The identity sequence of ${qualifiedName(s.owned_by.schema, s.owned_by.table, keywords)}.${quoteIdent(s.owned_by.column, keywords)}: made by its column.`
    );
  }
  const opts = sequenceOptions(s, s.type);
  const as = s.type === "bigint" ? "" : ` AS ${s.type}`;
  out.push(`CREATE SEQUENCE ${name}${as}${opts.length > 0 ? `
    ${opts.join("\n    ")}` : ""};`);
  if (s.owned_by && !s.owned_by.identity) {
    const { schema, table, column } = s.owned_by;
    out.push(
      `ALTER SEQUENCE ${name} OWNED BY ${qualifiedName(schema, table, keywords)}.${quoteIdent(column, keywords)};`
    );
  }
  out.push(...commentOn(`SEQUENCE ${name}`, h.comment));
  return out.join("\n\n");
}

// app/models/schema/relation-details.ts
var RELKINDS2 = {
  r: "table",
  p: "partitioned_table",
  v: "view",
  m: "materialized_view",
  f: "foreign_table",
  S: "sequence"
};
function relationKind(relkind) {
  return RELKINDS2[relkind] ?? "table";
}
async function readRelation(db, oid, version) {
  const [header] = await db.query(RELATION_SQL, [oid]);
  if (!header) return null;
  if (header.relkind === "S") {
    const [sequence] = await db.query(SEQUENCE_SQL, [oid]);
    return {
      header,
      columns: [],
      constraints: [],
      indexes: [],
      triggers: [],
      policies: [],
      sequence: sequence ?? null
    };
  }
  const hasIndexes = header.relkind !== "v" && header.relkind !== "f";
  const columns = await db.query(COLUMNS_SQL, [oid]);
  const constraints = await db.query(constraintsSql("conrelid"), [oid]);
  const indexes = hasIndexes ? await db.query(INDEXES_SQL, [oid]) : [];
  const triggers = await db.query(triggersSql(version), [oid]);
  const policies = await db.query(POLICIES_SQL, [oid]);
  return { header, columns, constraints, indexes, triggers, policies, sequence: null };
}
function columnDetails(c) {
  const generated = c.generated === "s" || c.generated === "v" ? {
    kind: c.generated === "s" ? "stored" : "virtual",
    expression: c.expr ?? ""
  } : null;
  return {
    name: c.name,
    type: c.type,
    position: c.position,
    nullable: !c.notnull,
    default: generated ? null : c.expr,
    identity: c.identity === "a" ? "always" : c.identity === "d" ? "by default" : null,
    generated,
    collation: c.collation ? `${c.collation.schema}.${c.collation.name}` : null,
    comment: c.comment
  };
}
var CONSTRAINT_TYPES = {
  p: "primary",
  u: "unique",
  f: "foreign",
  c: "check",
  x: "exclusion"
};
function constraintDetails(c) {
  return {
    name: c.name,
    type: CONSTRAINT_TYPES[c.type] ?? "check",
    columns: names(c.columns),
    definition: c.definition,
    ...c.type === "f" && c.ref_schema !== null && c.ref_table !== null ? { references: { schema: c.ref_schema, table: c.ref_table, columns: names(c.ref_columns) } } : {},
    validated: c.validated,
    comment: c.comment
  };
}
function indexDetails(i) {
  return {
    name: i.name,
    definition: i.definition,
    columns: names(i.columns),
    unique: i.unique,
    primary: i.primary,
    valid: i.valid,
    predicate: i.predicate,
    sizeBytes: i.size
  };
}
var COMMANDS = {
  "*": "ALL",
  r: "SELECT",
  a: "INSERT",
  w: "UPDATE",
  d: "DELETE"
};
function policyDetails(p) {
  return {
    name: p.name,
    command: COMMANDS[p.cmd] ?? "ALL",
    permissive: p.permissive,
    roles: names(p.roles),
    using: p.using,
    check: p.check
  };
}
function relationDetails(rows, keywords, version) {
  const h = rows.header;
  const kind = relationKind(h.relkind);
  const parent = h.partition ? h.parents?.[0] ?? null : null;
  const triggers = rows.triggers.map((t) => ({
    name: t.name,
    definition: t.definition,
    enabled: t.enabled
  }));
  const details = {
    kind,
    schema: h.schema,
    name: h.name,
    oid: h.oid,
    owner: h.owner,
    comment: h.comment,
    readable: h.readable,
    ddl: kind === "sequence" ? sequenceDdl(h, rows.sequence, keywords) : relationDdl(rows, keywords)
  };
  if (kind === "sequence") return details;
  return {
    ...details,
    columns: rows.columns.map(columnDetails),
    constraints: rows.constraints.map(constraintDetails),
    indexes: rows.indexes.map(indexDetails),
    triggers,
    policies: rows.policies.map(policyDetails),
    rowEstimate: kind === "view" ? null : estimate2(h, version),
    totalBytes: h.total,
    partitionKey: h.partkey,
    partitionOf: parent && h.bound !== null ? { ...parent, bound: h.bound } : null,
    inherits: h.partition ? [] : h.parents ?? []
  };
}
function estimate2(h, version) {
  if (h.tuples < 0 || version < 14e4 && h.tuples === 0 && h.pages === 0) return null;
  return Math.round(h.tuples);
}
function names(text) {
  return parseTextArray(text).filter((n) => n !== null);
}

// app/models/schema/other-details.ts
var PROKINDS2 = {
  f: "function",
  w: "function",
  p: "procedure",
  a: "aggregate"
};
async function routineDetails(db, oid, keywords) {
  const [r] = await db.query(ROUTINE_SQL, [oid]);
  if (!r) return null;
  const kind = PROKINDS2[r.prokind] ?? "function";
  const signature = `${qualifiedName(r.schema, r.name, keywords)}(${r.args})`;
  const what = kind === "procedure" ? "PROCEDURE" : kind === "aggregate" ? "AGGREGATE" : "FUNCTION";
  const ddl = [
    kind === "aggregate" ? aggregateDdl(r, signature) : `${(r.def ?? "").trim()};`,
    ...commentOn(`${what} ${signature}`, r.comment)
  ].join("\n\n");
  return {
    kind,
    schema: r.schema,
    name: r.name,
    oid: r.oid,
    owner: r.owner,
    comment: r.comment,
    readable: r.readable,
    arguments: r.args,
    ...r.result === null ? {} : { returns: r.result },
    language: r.language,
    ddl
  };
}
function aggregateDdl(r, signature) {
  const options2 = [`SFUNC = ${r.sfunc ?? "-"}`, `STYPE = ${r.stype ?? "internal"}`];
  if (r.sspace) options2.push(`SSPACE = ${r.sspace}`);
  if (r.finalfunc) options2.push(`FINALFUNC = ${r.finalfunc}`);
  if (r.finalextra) options2.push("FINALFUNC_EXTRA");
  if (r.combinefunc) options2.push(`COMBINEFUNC = ${r.combinefunc}`);
  if (r.serialfunc) options2.push(`SERIALFUNC = ${r.serialfunc}`);
  if (r.deserialfunc) options2.push(`DESERIALFUNC = ${r.deserialfunc}`);
  if (r.initcond !== null) options2.push(`INITCOND = ${literal(r.initcond)}`);
  if (r.sortop)
    options2.push(`SORTOP = ${r.sortop.includes(".") ? `OPERATOR(${r.sortop})` : r.sortop}`);
  if (r.aggkind === "h") options2.push("HYPOTHETICAL");
  const parallel = { s: "SAFE", r: "RESTRICTED", u: "UNSAFE" }[r.parallel];
  if (parallel && parallel !== "UNSAFE") options2.push(`PARALLEL = ${parallel}`);
  return `CREATE AGGREGATE ${signature} (
    ${options2.join(",\n    ")}
);`;
}
var TYPTYPES2 = { e: "enum", d: "domain" };
async function typeDetails(db, oid, keywords) {
  const [t] = await db.query(TYPE_SQL, [oid]);
  if (!t) return null;
  const kind = TYPTYPES2[t.typtype] ?? "type";
  const name = qualifiedName(t.schema, t.name, keywords);
  const columns = t.relid ? await db.query(COLUMNS_SQL, [t.relid]) : [];
  const constraints = t.typtype === "d" ? await db.query(constraintsSql("contypid"), [oid]) : [];
  const labels = names(t.labels);
  let create;
  if (t.typtype === "e") {
    create = `CREATE TYPE ${name} AS ENUM (${labels.map(literal).join(", ")});`;
  } else if (t.typtype === "d") {
    create = `CREATE DOMAIN ${name} AS ${t.base ?? ""}`;
    if (t.collation)
      create += ` COLLATE ${qualifiedName(t.collation.schema, t.collation.name, keywords)}`;
    if (t.default !== null) create += ` DEFAULT ${t.default}`;
    if (t.notnull) create += " NOT NULL";
    for (const c of constraints)
      create += `
    CONSTRAINT ${quoteIdent(c.name, keywords)} ${c.definition}`;
    create += ";";
  } else if (t.typtype === "c") {
    const lines = columns.map((c) => {
      const collate = c.collation ? ` COLLATE ${qualifiedName(c.collation.schema, c.collation.name, keywords)}` : "";
      return `    ${quoteIdent(c.name, keywords)} ${c.type}${collate}`;
    });
    create = `CREATE TYPE ${name} AS (
${lines.join(",\n")}
);`;
  } else if (t.typtype === "r") {
    const diff = t.subdiff ? `, SUBTYPE_DIFF = ${t.subdiff}` : "";
    create = `CREATE TYPE ${name} AS RANGE (SUBTYPE = ${t.subtype ?? ""}${diff});`;
  } else {
    create = baseTypeDdl(t, name);
  }
  const what = kind === "domain" ? "DOMAIN" : "TYPE";
  const comments = [
    ...commentOn(`${what} ${name}`, t.comment),
    ...t.typtype === "c" ? columns.flatMap(
      (c) => commentOn(`COLUMN ${name}.${quoteIdent(c.name, keywords)}`, c.comment)
    ) : [],
    ...constraints.flatMap(
      (c) => commentOn(`CONSTRAINT ${quoteIdent(c.name, keywords)} ON DOMAIN ${name}`, c.comment)
    )
  ];
  return {
    kind,
    schema: t.schema,
    name: t.name,
    oid: t.oid,
    owner: t.owner,
    comment: t.comment,
    readable: t.readable,
    ...t.typtype === "c" ? { columns: columns.map(columnDetails) } : {},
    ...t.typtype === "e" ? { labels } : {},
    ...t.typtype === "d" ? { baseType: t.base ?? "", constraints: constraints.map(constraintDetails) } : {},
    ddl: [create, ...comments].join("\n\n")
  };
}
function baseTypeDdl(t, name) {
  const options2 = [`INPUT = ${t.input}`, `OUTPUT = ${t.output}`];
  if (t.receive) options2.push(`RECEIVE = ${t.receive}`);
  if (t.send) options2.push(`SEND = ${t.send}`);
  options2.push(`INTERNALLENGTH = ${t.length < 0 ? "VARIABLE" : t.length}`);
  if (t.byval) options2.push("PASSEDBYVALUE");
  const align = { c: "char", s: "int2", i: "int4", d: "double" }[t.align];
  if (align) options2.push(`ALIGNMENT = ${align}`);
  const storage = { p: "plain", e: "external", m: "main", x: "extended" }[t.storage];
  if (storage) options2.push(`STORAGE = ${storage}`);
  options2.push(`CATEGORY = ${literal(t.category)}`);
  return `CREATE TYPE ${name} (
    ${options2.join(",\n    ")}
);`;
}
async function extensionDetails(db, oid, keywords) {
  const [e] = await db.query(EXTENSION_SQL, [oid]);
  if (!e) return null;
  const ddl = [
    `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(e.name, keywords)} WITH SCHEMA ${quoteIdent(e.schema, keywords)} VERSION ${literal(e.version)};`,
    ...commentOn(`EXTENSION ${quoteIdent(e.name, keywords)}`, e.comment)
  ].join("\n\n");
  return {
    kind: "extension",
    schema: e.schema,
    name: e.name,
    oid: e.oid,
    owner: e.owner,
    comment: e.comment,
    readable: true,
    ddl
  };
}

// app/models/schema/schema-types.ts
var RELATION_KINDS = [
  "table",
  "partitioned_table",
  "view",
  "materialized_view",
  "foreign_table"
];

// app/models/schema/object-details.ts
var CLASS_KINDS = [...RELATION_KINDS, "sequence"];
var ROUTINE_KINDS = ["function", "procedure", "aggregate"];
var TYPE_KINDS = ["type", "domain", "enum"];
async function withQualifiedNames(db, work) {
  await db.query(`BEGIN READ ONLY; SET LOCAL search_path = ''`);
  try {
    return await work();
  } finally {
    await db.query("ROLLBACK").catch(() => void 0);
  }
}
async function readObject(db, target, server) {
  const { oid, kind } = target;
  const details = await withQualifiedNames(db, async () => {
    if (CLASS_KINDS.includes(kind)) {
      const rows = await readRelation(db, oid, server.version);
      return rows && relationDetails(rows, server.keywords, server.version);
    }
    if (ROUTINE_KINDS.includes(kind)) return routineDetails(db, oid, server.keywords);
    if (TYPE_KINDS.includes(kind)) return typeDetails(db, oid, server.keywords);
    return extensionDetails(db, oid, server.keywords);
  });
  if (!details) throw notFound(kind, `OID ${oid}`);
  if (details.kind !== kind) {
    throw new TuskError(
      "validation",
      `${describe(details)} is ${article(details.kind)} ${label(details.kind)}, not ${article(kind)} ${label(kind)}`,
      {
        code: "OBJECT_KIND_MISMATCH",
        hint: `Ask for it with kind "${details.kind}".`
      }
    );
  }
  return details;
}
function notFound(kind, what) {
  return new TuskError("validation", `There is no ${label(kind)} ${what}`, {
    code: "OBJECT_NOT_FOUND",
    hint: "It may have been dropped or renamed since the tree was loaded: refresh the schema (schema.refresh) and look again."
  });
}
function describe(d) {
  return `${d.schema}.${d.name}`;
}
function label(kind) {
  return kind.replaceAll("_", " ");
}
function article(kind) {
  return /^[aeiou]/.test(kind) ? "an" : "a";
}

// ../../tmp/mdev/details.ts
var port = Number(process.argv[2]);
var session = new DriverSession({
  host: "127.0.0.1",
  port,
  user: "postgres",
  database: "shop",
  password: "tusk-test-superuser-pw",
  ssl: false,
  connectTimeoutSeconds: 10,
  keepAliveSeconds: 60,
  socketTimeoutMs: () => 0,
  startup: {}
});
var index = new CatalogIndex(await loadCatalog(session));
console.log(JSON.stringify(index.snapshot.schemas.filter((s) => !s.system)));
console.log(JSON.stringify(index.search("mixed", 5)), JSON.stringify(index.search("longcol", 5)));
for (const o of index.objectsOf("rt").concat(index.objectsOf("public"))) {
  try {
    const d = await readObject(session, { oid: o.oid, kind: o.kind }, { version: index.snapshot.serverVersion, keywords: index.keywords });
    console.log(`==== ${o.kind} ${o.schema}.${o.name}`);
    console.log(d.ddl);
    if (process.argv[3] === o.name) console.log(JSON.stringify({ ...d, ddl: void 0 }, null, 1));
  } catch (e) {
    console.log("ERR", o.kind, o.name, e.message);
  }
}
process.exit(0);
