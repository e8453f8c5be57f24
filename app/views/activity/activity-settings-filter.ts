import type { ServerSetting } from '../../controllers/api';
import { formatBytes } from './activity-database-format';

const UNIT_BYTES: Record<string, number> = {
  B: 1,
  kB: 1024,
  MB: 1024 ** 2,
  GB: 1024 ** 3,
  TB: 1024 ** 4,
};

/**
 * A setting's value with its unit: a size as a size (`work_mem` 12288 `kB` reads `12 MB`,
 * `shared_buffers` 16384 `8kB` reads `128 MB`), another unit after the value (`200 ms`),
 * a negative size (-1: none) as it is.
 */
export function settingValue(setting: ServerSetting): string {
  const { setting: value, unit } = setting;
  if (!unit) return value;
  const size = /^(\d*)(B|kB|MB|GB|TB)$/.exec(unit);
  const n = Number(value);
  if (size && value.trim() !== '' && Number.isFinite(n) && n >= 0)
    return formatBytes(n * Number(size[1] || 1) * UNIT_BYTES[size[2]!]!);
  return `${value} ${unit}`;
}

/**
 * The settings that match `search` (in the name, value, category or description, any
 * case), the changed ones first, then by name.
 */
export function shownSettings(settings: readonly ServerSetting[], search: string): ServerSetting[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (s: ServerSetting) => {
    const text = `${s.name} ${s.setting} ${s.category} ${s.description}`.toLowerCase();
    return words.every((w) => text.includes(w));
  };
  return settings
    .filter(matches)
    .sort((a, b) => Number(b.changed) - Number(a.changed) || a.name.localeCompare(b.name));
}
