import { z } from 'zod';
import type { ImportService } from '../models/transfer/import-service';
import { action } from './action';

const name = z.string().min(1).max(200);
const char = z.string().length(1);

/** `import.start/cancel`: a CSV or TSV upload into a table (events `import.progress/completed/failed`). */
export function createImportController(imports: ImportService) {
  return {
    start: action(
      z
        .object({
          connectionId: z.uuid(),
          table: z.object({ schema: name, name }).strict(),
          columns: z
            .array(z.object({ source: z.number().int().min(0).max(1600), target: name }).strict())
            .min(1)
            .max(1600),
          options: z
            .object({
              format: z.enum(['csv', 'tsv']),
              header: z.boolean(),
              delimiter: char.optional(),
              quote: char.optional(),
              escape: char.optional(),
              nullText: z.string().max(100).optional(),
              encoding: z.string().min(1).max(40).optional(),
            })
            .strict(),
          tabId: z.string().min(1).max(64).optional(),
        })
        .strict(),
      (input) => imports.start(input),
    ),
    cancel: action(z.object({ importId: z.uuid() }).strict(), ({ importId }) =>
      imports.cancel(importId),
    ),
  };
}
