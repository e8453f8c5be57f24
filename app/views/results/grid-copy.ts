import { formatCount } from './cell-format';
import { COPY_FORMAT_NAMES, type BarMessage } from './grid-bar';
import type { CopyFormat, GridSelection, GridSource } from './grid-source';

/**
 * Copies `selection` of `source` to the clipboard (the source has the backend build the
 * text); resolves with what the bar says and, when it worked, the rows copied. Never
 * rejects: a refusal (too many rows) is a message with what to do on hover, and the
 * clipboard is left as it was.
 */
export async function copyToClipboard(
  source: GridSource,
  selection: GridSelection,
  format: CopyFormat,
  headers: boolean,
): Promise<{ message: BarMessage; rows?: number }> {
  try {
    const { text, rows } = await source.copy(selection, format, headers);
    await navigator.clipboard.writeText(text);
    const what = `${formatCount(rows)} ${rows === 1 ? 'row' : 'rows'}`;
    return { message: { text: `Copied ${what} as ${COPY_FORMAT_NAMES[format]}` }, rows };
  } catch (error) {
    const info = (error as { info?: { hint?: string; code?: string } }).info;
    const tooLarge = info?.code === 'COPY_TOO_LARGE';
    return {
      message: {
        text: (error as Error).message,
        error: true,
        ...(info?.hint ? { hint: info.hint } : {}),
        ...(tooLarge ? { offerExport: true } : {}),
      },
    };
  }
}
