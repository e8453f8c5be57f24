import type { Notice } from '../logging/notices';

/** What the user is told about the local database at start; one notice per outcome. */
type StorageNotice = Omit<Notice, 'id'>;

const firstErrors = (errors: string[]) => errors.slice(0, 5).join('; ');
const kept = (backup: string | null) => (backup ? ` The damaged file was kept as ${backup}.` : '');

/** A damaged file whose data is back in a new file (all of it, or what could be read). */
export function repaired(backup: string, partial: boolean, errors: string[]): StorageNotice {
  return {
    level: 'warning',
    message: partial
      ? `Tusk's local database was damaged; what could be read has been recovered, some entries are lost. The damaged file was kept as ${backup}.`
      : `Tusk's local database was damaged and has been repaired. The damaged file was kept as ${backup}.`,
    detail: firstErrors(errors),
  };
}

/** A damaged file nothing could be read from: a new database. */
export function beyondRepair(backup: string, errors: string[]): StorageNotice {
  return {
    level: 'error',
    message: `Tusk's local database was damaged beyond repair, so Tusk started a new one: saved connections, history and settings are reset. The damaged file was kept as ${backup}.`,
    detail: firstErrors(errors),
  };
}

/** An intact file the migrations failed on, rebuilt by them. */
export function rebuiltForUpgrade(backup: string, partial: boolean, error: unknown): StorageNotice {
  return {
    level: 'warning',
    message: `Tusk's local database could not be upgraded, so its data was copied into a new one${partial ? ' (some entries could not be copied)' : ''}. The old file was kept as ${backup}.`,
    detail: (error as Error).message,
  };
}

/** A 0-byte file: nothing was in it, so a new database; said, since data may be gone. */
export function emptyFile(path: string): StorageNotice {
  return {
    level: 'warning',
    message: `Tusk's local database ${path} was empty (0 bytes), so Tusk started a new one: saved connections, queries, history and settings start empty.`,
    detail:
      'Something emptied the file: a sync or backup tool, a full disk, or a crash while it was first written. If you have a copy of tusk.db, quit Tusk and put it back.',
  };
}

/** The file's data is shown, but changes live in memory only. */
export function readOnly(why: string, backup: string | null): StorageNotice {
  return {
    level: 'warning',
    message: `Changes will not be kept after Tusk closes: ${why}.`,
    detail: `Your saved connections, queries, history and settings are shown from it; what you change lives in memory for this session. Make it writable, or start Tusk with another --data-dir, to keep changes.${kept(backup)}`,
  };
}

/** Nothing on disk can be used: an empty database in memory. */
export function inMemory(why: string, backup: string | null): StorageNotice {
  return {
    level: 'error',
    message: `Nothing will be kept after Tusk closes: ${why}.`,
    detail: `Connections, history, saved queries and settings live in memory for this session. Start Tusk with a writable --data-dir to keep them.${kept(backup)}`,
  };
}
