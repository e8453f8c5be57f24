import { z } from 'zod';
import type { ExportService } from '../models/transfer/export-service';
import { EXPORT_FORMATS } from '../models/transfer/transfer-types';
import { MAX_SQL_CHARS } from '../models/storage/history-repository';
import { action } from './action';

const name = z.string().min(1).max(200);
const char = z.string().length(1);
const source = z.union([
  z
    .object({
      sql: z.string().min(1).max(MAX_SQL_CHARS),
      params: z.array(z.string().max(MAX_SQL_CHARS).nullable()).max(10_000).optional(),
      tabId: z.string().min(1).max(64).optional(),
    })
    .strict(),
  z.object({ table: z.object({ schema: name, name }).strict() }).strict(),
  z.object({ queryId: z.uuid(), result: z.number().int().min(0).optional() }).strict(),
]);
const options = z
  .object({
    header: z.boolean().optional(),
    delimiter: char.optional(),
    quote: char.optional(),
    escape: char.optional(),
    nullText: z.string().max(100).optional(),
    lineEnding: z.enum(['lf', 'crlf']).optional(),
    bom: z.boolean().optional(),
    table: name.optional(),
    batchRows: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();

/** `export.start/cancel/defaults`: rows streamed to a file (events `export.progress/completed/failed`). */
export function createExportController(exports: ExportService) {
  return {
    start: action(
      z
        .object({
          connectionId: z.uuid(),
          source,
          format: z.enum(EXPORT_FORMATS),
          options: options.default({}),
          destination: z.union([
            z.literal('download'),
            z.object({ folder: z.string().min(1).max(4096) }).strict(),
          ]),
        })
        .strict(),
      (input) => exports.start(input),
    ),
    cancel: action(z.object({ exportId: z.uuid() }).strict(), ({ exportId }) =>
      exports.cancel(exportId),
    ),
    /** `export.defaults`: `{folder}`, the OS Downloads folder a folder export is offered first. */
    defaults: action(z.object({}).strict(), () => exports.defaults()),
  };
}
