/**
 * TTLs as Vault and its Terraform provider accept them: whole seconds (number or numeric
 * string) or a duration string ("15m", "1h30m", "1.5h", "2d"), like Vault's ParseDurationSecond.
 */
import { literalOf } from './expressions';
import type { Json } from './json';

export type Ttl =
  | { readonly kind: 'seconds'; readonly seconds: number }
  /** Not set: Vault applies its own default (often the mount's, i.e. 768h for tokens). */
  | { readonly kind: 'unset' }
  /** Only known at apply time (a variable or a function call). */
  | { readonly kind: 'computed'; readonly text: string }
  | { readonly kind: 'invalid'; readonly text: string };

const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400 };
const DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/g;

export function parseTtl(value: Json | undefined): Ttl {
  if (value === undefined || value === null) return { kind: 'unset' };
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? { kind: 'seconds', seconds: value } : { kind: 'invalid', text: String(value) };
  if (typeof value !== 'string') return { kind: 'invalid', text: JSON.stringify(value) };
  const text = literalOf(value);
  if (text === undefined) return { kind: 'computed', text: value };
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'unset' };
  if (/^\d+$/.test(trimmed)) return { kind: 'seconds', seconds: Number(trimmed) };
  if (!DURATION.test(trimmed)) return { kind: 'invalid', text };
  let seconds = 0;
  for (const m of trimmed.matchAll(PART)) seconds += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  return { kind: 'seconds', seconds: Math.round(seconds * 1000) / 1000 };
}

/** Parses a CLI or option value ("30m", "1h", "900"); undefined when malformed or not positive. */
export function parseTtlOption(value: string | number): number | undefined {
  const ttl = parseTtl(value);
  return ttl.kind === 'seconds' && ttl.seconds > 0 ? ttl.seconds : undefined;
}

/** 900 → "15m", 5400 → "1h30m", 86400 → "24h". */
export function formatSeconds(seconds: number): string {
  if (seconds <= 0 || !Number.isInteger(seconds)) return `${seconds}s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}
