import { isErrorLike, TuskError } from './errors';

/** True for better-sqlite3's `SqliteError` (has a `SQLITE_…` code). */
export function isSqliteError(error: unknown): error is Error & { code: string } {
  return (
    isErrorLike(error) &&
    error.name === 'SqliteError' &&
    typeof (error as { code?: unknown }).code === 'string'
  );
}

/** True when a write failed because a UNIQUE constraint (a name already taken) refused it. */
export function isUniqueViolation(error: unknown): boolean {
  return isSqliteError(error) && error.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

const BY_CODE: [RegExp, string, string][] = [
  [
    /^SQLITE_(BUSY|LOCKED)/,
    "Tusk's local database is busy",
    'Another Tusk (or a program holding the file) is writing to it; close it and try again.',
  ],
  [
    /^SQLITE_(CORRUPT|NOTADB)/,
    "Tusk's local database file is damaged",
    'Restart Tusk: it checks the file at start, repairs it or keeps a backup and starts fresh.',
  ],
  [
    /^SQLITE_FULL/,
    "The disk holding Tusk's data is full",
    'Free some disk space, then try again; nothing was written.',
  ],
  [
    /^SQLITE_(READONLY|PERM|AUTH)/,
    "Tusk's local database cannot be written",
    'Check the permissions of the data folder and its tusk.db, or start Tusk with a writable --data-dir.',
  ],
  [
    /^SQLITE_CANTOPEN/,
    "Tusk's local database cannot be opened",
    'Check that the data folder exists and is writable, or choose another with --data-dir.',
  ],
  [
    /^SQLITE_IOERR/,
    "A disk error stopped Tusk's local database",
    'Check the disk (space, permissions, a removed drive), then try again.',
  ],
  [
    /^SQLITE_CONSTRAINT/,
    'The change conflicts with data already stored',
    'Choose another name or value; nothing was written.',
  ],
  [
    /^SQLITE_TOOBIG/,
    'The value is too large to store',
    'Store a smaller text; nothing was written.',
  ],
];

/**
 * Maps a better-sqlite3 error to a TuskError of kind `storage` whose message says what
 * happened to the user's local data and whose hint says what to do; undefined for anything
 * else. Never throws.
 */
export function fromSqliteError(error: unknown): TuskError | undefined {
  if (!isSqliteError(error)) return undefined;
  const match = BY_CODE.find(([pattern]) => pattern.test(error.code));
  return new TuskError('storage', match?.[1] ?? "Tusk's local database failed", {
    detail: `${error.code}: ${error.message}`,
    hint: match?.[2] ?? 'Try again; if it keeps failing, restart Tusk so it can check the file.',
    cause: error,
  });
}
