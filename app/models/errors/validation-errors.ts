import { z } from 'zod';
import type { ValidationIssue } from './error-info';
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
 * `issues` says the same for a program (see {@link issuesOf}), `hint` says what to do.
 */
export function fromZodError(
  error: z.ZodError,
  message: string,
  hint = 'Correct the fields named in the detail.',
): TuskError {
  return new TuskError('validation', message, {
    detail: z.prettifyError(error),
    issues: issuesOf(error),
    hint,
    cause: error,
  });
}

/**
 * zod's issues as {@link ValidationIssue}s: the path dotted, what is wrong as a
 * `ValidationProblem` with its bound, and zod's message (which never holds the value).
 * Tusk's own rules (refinements, `is empty`) word their message to follow a field's name.
 */
export function issuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue): ValidationIssue => {
    const path = issue.path.map(String).join('.');
    const { message } = issue;
    switch (issue.code) {
      case 'too_small':
        if (issue.origin === 'string' && Number(issue.minimum) === 1)
          return { path, problem: 'empty', message };
        return { path, problem: 'too_small', limit: Number(issue.minimum), message };
      case 'too_big':
        return {
          path,
          problem: issue.origin === 'string' ? 'too_long' : 'too_big',
          limit: Number(issue.maximum),
          message,
        };
      case 'invalid_type':
        if (issue.expected === 'int') return { path, problem: 'not_whole', message };
        // zod keeps no input in an issue; its message says what it received.
        if (message.endsWith('received undefined')) return { path, problem: 'missing', message };
        if (issue.expected === 'number') return { path, problem: 'not_a_number', message };
        return { path, problem: 'invalid', message };
      default: {
        // Tusk's own messages (a refinement, a pattern) read after the field's name and
        // start in lower case ("must be a host name…"); zod's are sentences of their own.
        const own = message.charAt(0) !== message.charAt(0).toUpperCase();
        return { path, problem: own ? 'rule' : 'invalid', message };
      }
    }
  });
}
