import { TuskError } from '../errors/errors';
import type { ImportColumn, ImportOptions, ImportStarted } from './transfer-types';

/** What `import.start` takes. */
export interface ImportRequest {
  connectionId: string;
  table: { schema: string; name: string };
  columns: ImportColumn[];
  options: ImportOptions;
  /** Runs on the tab's own session (inside its open transaction, if any). */
  tabId?: string;
}

/**
 * `import.start` / `import.cancel`: a CSV or TSV file uploaded in chunks (HTTP PUT under the
 * token address) streamed into `COPY … FROM STDIN` in one transaction. SKELETON (issue 27
 * contract): the import helper builds it.
 */
export class ImportService {
  start(request: ImportRequest): Promise<ImportStarted> {
    void request;
    return Promise.reject(new TuskError('internal', 'import.start is not built yet'));
  }

  cancel(importId: string): Promise<{ cancelled: boolean }> {
    void importId;
    return Promise.reject(new TuskError('internal', 'import.cancel is not built yet'));
  }
}
