import { TuskError } from '../errors/errors';
import type {
  ExportDestination,
  ExportFormat,
  ExportOptions,
  ExportSource,
  ExportStarted,
} from './transfer-types';

/** What `export.start` takes. */
export interface ExportRequest {
  connectionId: string;
  source: ExportSource;
  format: ExportFormat;
  options: ExportOptions;
  destination: ExportDestination;
}

/**
 * `export.start` / `export.cancel`: a statement's, a table's or a held result's rows
 * streamed to a file (a download under the token address, or a file the backend writes in
 * a folder), never held whole. SKELETON (issue 27 contract): the export helper builds it.
 */
export class ExportService {
  start(request: ExportRequest): Promise<ExportStarted> {
    void request;
    return Promise.reject(new TuskError('internal', 'export.start is not built yet'));
  }

  cancel(exportId: string): Promise<{ cancelled: boolean }> {
    void exportId;
    return Promise.reject(new TuskError('internal', 'export.cancel is not built yet'));
  }
}
