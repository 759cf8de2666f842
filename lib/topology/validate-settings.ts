/**
 * Rules for document-wide settings: the Vault address, TTL bounds, the topology name and auth
 * mount paths.
 */
import { DEFAULT_MAX_ACCESS_TTL_SECONDS, DEFAULT_MAX_LOGIN_TTL_SECONDS, DEFAULT_TOKEN_TTL_SECONDS, MAX_TTL_SECONDS } from '../vault/ttl-limits';
import { formatDuration, parseDuration } from './duration';
import { RESERVED_NAMES } from './names';
import { INHERITED_NAMES } from '../vault/own';
import type { DraftIssue, IssuePath } from './path';
import { asMap, asString, entriesOf, get } from './raw';
import type { ResolveContext, TopologyIndex } from './topology-index';
import { checkVaultAddress } from './urls';

/** Each `defaults` TTL with the checks' ceiling that applies to the tokens it sets. */
const TTL_FIELDS = [
  ['accessTokenTtl', 'access'],
  ['idTokenTtl', 'access'],
  ['identityTokenTtl', 'access'],
  ['loginTokenTtl', 'login'],
] as const;

/** Bounds of a duration field and what to say when a value is outside them. */
export interface DurationBounds {
  /** Smallest allowed value in seconds; default 1 (positive). */
  readonly min?: number;
  readonly max: number;
  /** Why the maximum exists, appended to the fix. */
  readonly why: string;
  /** What removing the field gives, e.g. "the 15m default". */
  readonly fallback: string;
  /** Why the minimum exists, when it is more than "positive". */
  readonly minWhy?: string;
  /** The value the fix for a non-positive duration suggests; default "15m". */
  readonly example?: string;
  /** The longest value the fix for a too-long duration suggests, with why when it is below `max`; default `max`. */
  readonly suggest?: { readonly seconds: number; readonly note: string };
}

/** A duration that parses but is not positive, under `min` or over `max`, at `path`. */
export function checkDuration(value: unknown, path: IssuePath, bounds: DurationBounds): DraftIssue | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  const seconds = parseDuration(value);
  if (seconds === undefined) {
    // Non-integers and bad strings are schema issues; "" matches the (all-optional) pattern.
    return value === '' ? { path, anchor: 'value', message: '"" is not a duration', fix: 'use a duration such as "15m"' } : undefined;
  }
  if (seconds <= 0) {
    return { path, anchor: 'value', message: `must be positive (got ${JSON.stringify(value)})`, fix: `use a duration such as "${bounds.example ?? '15m'}", or remove it for ${bounds.fallback}` };
  }
  if (bounds.min !== undefined && seconds < bounds.min) {
    return {
      path,
      anchor: 'value',
      message: `${JSON.stringify(value)} is shorter than the ${formatDuration(bounds.min)} minimum`,
      fix: `use at least ${formatDuration(bounds.min)}${bounds.minWhy ? `: ${bounds.minWhy}` : ''}`,
    };
  }
  if (seconds > bounds.max) {
    return {
      path,
      anchor: 'value',
      message: `${JSON.stringify(value)} is longer than the ${formatDuration(bounds.max)} maximum`,
      fix: `use at most ${formatDuration(bounds.suggest?.seconds ?? bounds.max)}${bounds.suggest?.note ?? ''}; ${bounds.why}`,
    };
  }
  return undefined;
}

/**
 * A TTL that parses but is not positive or exceeds the maximum, at `path`. `max` is the longest
 * value worth suggesting in the fix: 24h at most, less where the synth-time checks allow less.
 */
export function checkTtl(value: unknown, path: IssuePath, max: number = MAX_TTL_SECONDS): DraftIssue | undefined {
  const suggest = Math.min(max, MAX_TTL_SECONDS);
  return checkDuration(value, path, {
    max: MAX_TTL_SECONDS,
    why: 'short-lived tokens limit what a leaked token can do',
    fallback: `the ${formatDuration(DEFAULT_TOKEN_TTL_SECONDS)} default`,
    example: formatDuration(Math.min(suggest, DEFAULT_TOKEN_TTL_SECONDS)),
    suggest: { seconds: suggest, note: suggest < MAX_TTL_SECONDS ? ' (the limit the synth-time checks apply to these tokens)' : '' },
  });
}

/** The synth-time checks' ceiling for tokens of each kind (what `validate` and `synth` apply). */
export function ttlLimits(ctx: ResolveContext): { readonly access: number; readonly login: number } {
  return {
    access: ctx.limits?.maxAccessTtlSeconds ?? DEFAULT_MAX_ACCESS_TTL_SECONDS,
    login: ctx.limits?.maxLoginTtlSeconds ?? DEFAULT_MAX_LOGIN_TTL_SECONDS,
  };
}

function checkTtls(index: TopologyIndex, ctx: ResolveContext): DraftIssue[] {
  const defaults = asMap(get(index.root, 'defaults'));
  const limit = ttlLimits(ctx);
  return TTL_FIELDS.flatMap(([field, kind]) => checkTtl(get(defaults, field), ['defaults', field], limit[kind]) ?? []);
}

function checkMountPaths(index: TopologyIndex): DraftIssue[] {
  const firstByPath = new Map<string, string>();
  const issues: DraftIssue[] = [];
  for (const [name, mount] of entriesOf(get(index.root, 'authMounts'))) {
    const path = asString(get(asMap(mount), 'path'));
    if (path === undefined) continue;
    const first = firstByPath.get(path);
    if (first === undefined) firstByPath.set(path, name);
    else {
      issues.push({
        path: ['authMounts', name, 'path'],
        anchor: 'value',
        message: `auth mount "${first}" already has path "${path}"`,
        fix: 'one auth method lives at one path: use one mount entry per path',
      });
    }
  }
  return issues;
}

export function checkSettings(index: TopologyIndex, ctx: ResolveContext): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const address = asString(get(asMap(get(index.root, 'vault')), 'address'));
  const problem = address === undefined ? undefined : checkVaultAddress(address);
  if (problem) issues.push({ path: ['vault', 'address'], anchor: 'value', ...problem });
  const name = asString(get(index.root, 'name'));
  if (name !== undefined && RESERVED_NAMES.has(name)) {
    issues.push({
      path: ['name'],
      anchor: 'value',
      message: `name "${name}" is reserved: the topology name is the OIDC signing key name, and Vault has a built-in "default" key`,
      fix: 'choose another name, or remove it for the default "a2a"',
    });
  }
  // `constructor` is the one name NAME_PATTERN admits that every JavaScript object already has:
  // the constructs tree CDKTF builds on keeps children in a plain object, so a stack of that
  // name collides with what the app inherits and cannot be created.
  if (name !== undefined && INHERITED_NAMES.includes(name)) {
    issues.push({
      path: ['name'],
      anchor: 'value',
      message: `name "${name}" cannot name a stack: the topology name is the CDKTF stack's construct id, and the constructs library takes "${name}" for a member every object has`,
      fix: `choose another name (e.g. "${name}-a2a"), or remove it for the default "a2a"`,
    });
  }
  return [...issues, ...checkTtls(index, ctx), ...checkMountPaths(index)];
}
