/** A size in bytes as a person reads it: `512 B`, `12 KB`, `3.4 MB`, `1.2 GB` (1024-based). */
export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let unit = 0;
  let value = abs;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const sign = bytes < 0 ? '-' : '';
  const shown = unit === 0 || value >= 10 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, '');
  return `${sign}${shown} ${units[unit]}`;
}

/** A count with thousands separators (`1,234,567`). */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Milliseconds as a person reads them: `0.42 ms`, `12 ms`, `3.2 s`, `4 min`, `2.5 h`. */
export function formatMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** An ISO time as a short local date and time (`2026-12-07 18:49`); `never` for null. */
export function formatWhen(iso: string | null): string {
  if (!iso) return 'never';
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
