/** `n` rounded, with thousands separated: `250,000`. */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A share as `45 %` (one decimal under 10 %). */
export function percent(share: number): string {
  const p = share * 100;
  // 99.9 % is not all of them: one decimal near the ends.
  return `${p < 10 || (p > 99 && p < 100) ? p.toFixed(1) : Math.round(p)} %`;
}

/** A size in kB as `812 kB`, `12.4 MB`, `1.2 GB`. */
export function kilobytes(kb: number): string {
  if (kb < 1024) return `${Math.round(kb)} kB`;
  if (kb < 1024 * 1024) return `${(kb / 1024).toFixed(1)} MB`;
  return `${(kb / 1024 / 1024).toFixed(1)} GB`;
}

/** A work_mem value of at least `kb`: whole megabytes, rounded up (`'4MB'`, `'96MB'`). */
export function memorySetting(kb: number): string {
  return `${Math.max(1, Math.ceil(kb / 1024))}MB`;
}

/** `1 row`, `2 rows`, `250,000 rows`. */
export function rows(n: number): string {
  return `${count(n)} ${Math.round(n) === 1 ? 'row' : 'rows'}`;
}
