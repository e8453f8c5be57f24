import type { ErrorKind } from './error-info';
import { isErrorLike, TuskError } from './errors';

/** What Tusk was doing with a file, for the message: "Cannot <action> <path>". */
export interface FileAction {
  /** e.g. "read the SSH key file", "write the database". */
  action: string;
  path: string;
}

const WHY: Record<string, { why: string; hint: string }> = {
  ENOENT: { why: 'it does not exist', hint: 'Check the path, or choose the file again.' },
  EACCES: {
    why: 'permission denied',
    hint: 'Give your user access to it (chmod/chown), or choose a file you can access.',
  },
  EPERM: {
    why: 'the operation is not permitted',
    hint: 'Check its permissions and that no other program locks it.',
  },
  EISDIR: { why: 'it is a folder', hint: 'Choose a file, not a folder.' },
  ENOTDIR: {
    why: 'a part of the path is not a folder',
    hint: 'Check the path: one of its parents is a file.',
  },
  ENOSPC: { why: 'the disk is full', hint: 'Free some disk space, then try again.' },
  EDQUOT: { why: 'your disk quota is used up', hint: 'Free some space, then try again.' },
  EROFS: {
    why: 'the file system is read-only',
    hint: 'Choose a location on a writable disk.',
  },
  EEXIST: { why: 'something already exists there', hint: 'Choose another name or remove it.' },
  EMFILE: {
    why: 'too many files are open',
    hint: 'Close some connections or tabs, or raise the open-file limit (ulimit -n).',
  },
  ENFILE: {
    why: 'the system has too many open files',
    hint: 'Close some programs, then try again.',
  },
  EBUSY: { why: 'it is busy or locked', hint: 'Close the program using it, then try again.' },
};

/** True for a Node file-system error (has a string `code` and a `syscall`). */
export function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return (
    isErrorLike(error) &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    typeof (error as NodeJS.ErrnoException).syscall === 'string'
  );
}

/**
 * Maps a Node fs error to a TuskError ("Cannot read the SSH key file /x: it does not
 * exist") with a hint for its code. Anything else becomes the same message with the
 * original text as detail. Never throws.
 */
export function fromFsError(
  error: unknown,
  file: FileAction,
  kind: ErrorKind = 'storage',
): TuskError {
  const code = isFsError(error) ? (error.code ?? '') : '';
  const known = WHY[code];
  const message = `Cannot ${file.action} ${file.path}${known ? `: ${known.why}` : ''}`;
  return new TuskError(kind, message, {
    hint: known?.hint ?? 'Check the path and its permissions, then try again.',
    detail: isErrorLike(error) ? error.message : String(error),
    cause: error,
    ...(kind === 'ssh' || kind === 'tls' ? { stage: kind } : {}),
  });
}
