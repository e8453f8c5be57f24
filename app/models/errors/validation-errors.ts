import { z } from 'zod';
import { isErrorLike, TuskError } from './errors';

/** True for a zod validation error (also one made by another copy of zod). */
export function isZodError(error: unknown): error is z.ZodError {
  return (
    isErrorLike(error) &&
    error.name === 'ZodError' &&
    Array.isArray((error as { issues?: unknown }).issues)
  );
}

/**
 * A `validation` TuskError for input that failed its zod schema: `message` names what was
 * checked, `detail` lists each field and what is wrong with it (never the rejected value),
 * `hint` says what to do.
 */
export function fromZodError(
  error: z.ZodError,
  message: string,
  hint = 'Correct the fields named in the detail.',
): TuskError {
  return new TuskError('validation', message, {
    detail: z.prettifyError(error),
    hint,
    cause: error,
  });
}
