import { isTuskError, type TuskError } from './errors';
import { fromPostgresError, isPostgresError } from './postgres-errors';
import { fromSqliteError } from './sqlite-errors';
import { fromZodError, isZodError } from './validation-errors';

/**
 * The TuskError for a failure that explains itself without context: a TuskError as is, a
 * PostgreSQL server error, a local-database (SQLite) error, a zod validation error.
 * Undefined for anything else, which the caller reports as an internal error. Models that
 * know more (the host being reached, the SQL that ran) map with the specific mappers first.
 */
export function fromKnownError(error: unknown): TuskError | undefined {
  if (isTuskError(error)) return error;
  if (isPostgresError(error)) return fromPostgresError(error);
  if (isZodError(error)) return fromZodError(error, 'Invalid input');
  return fromSqliteError(error);
}
