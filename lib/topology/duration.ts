/**
 * Durations in a topology: a whole number of seconds, or a string such as "90s", "15m", "1h",
 * "1h30m". Everything is normalized to seconds before the compiler sees it.
 */
export const DURATION_PATTERN = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

export type Duration = number | string;

/** Parses a duration; returns undefined for malformed input (validation reports it). */
export function parseDuration(value: Duration): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  const m = DURATION_PATTERN.exec(value);
  if (!m || value === '') return undefined;
  const [, h, min, s] = m;
  return Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0);
}

/** Renders seconds the way a person writes them: 900 → "15m", 5400 → "1h30m". */
export function formatDuration(seconds: number): string {
  if (seconds <= 0) return `${seconds}s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}
