/**
 * Suppressions: a finding may be accepted only with a reason. Suppressed findings stay in every
 * report, marked `suppressed` with the reason, so an accepted widening is always visible.
 *
 * Sources: a list passed programmatically (the topology's per-agent suppressions will be wired
 * here) and a YAML/JSON file given to the CLI:
 *
 *   suppressions:
 *     - rule: A2A-POLICY-GLOB
 *       resource: vault_policy.ops      # optional: Terraform address or principal id
 *       reason: ops tooling lists mounts; reviewed in SEC-123
 */
import * as fs from 'fs';
import type { Node as YamlNode, Scalar, YAMLMap } from 'yaml';
import type { Finding } from './rule';

export interface Suppression {
  readonly rule: string;
  /** Terraform address (`vault_policy.ops`) or principal id (`entity:ops`); absent = every finding of the rule. */
  readonly resource?: string;
  readonly reason: string;
}

export class SuppressionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid suppressions:\n  ${problems.join('\n  ')}`);
    this.name = 'SuppressionError';
  }
}

/** Problems with a programmatic list (each with its index), empty when valid. */
export function validateSuppressions(list: readonly Suppression[], knownRules: ReadonlySet<string>, where = 'suppressions'): string[] {
  const problems: string[] = [];
  list.forEach((s, i) => problems.push(...problemsOf(s as unknown, knownRules).map((p) => `${where}[${i}]${p.field ? `.${p.field}` : ''}: ${p.message}`)));
  return problems;
}

interface Problem {
  readonly field?: string;
  readonly message: string;
}

const KEYS = new Set(['rule', 'resource', 'reason']);

function problemsOf(value: unknown, knownRules: ReadonlySet<string>): Problem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ message: 'must be an object { rule, resource?, reason }' }];
  const v = value as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const key of Object.keys(v)) if (!KEYS.has(key)) problems.push({ field: key, message: 'unknown field (allowed: rule, resource, reason)' });
  if (typeof v.rule !== 'string' || v.rule === '') problems.push({ field: 'rule', message: 'required: the rule id, e.g. "A2A-POLICY-GLOB"' });
  else if (!knownRules.has(v.rule)) problems.push({ field: 'rule', message: `unknown rule "${v.rule}" (run \`vault-a2a check --help\` or see docs/checks.md for the ids)` });
  if (v.resource !== undefined && (typeof v.resource !== 'string' || v.resource.trim() === ''))
    problems.push({ field: 'resource', message: 'must be a non-empty Terraform address or principal id, or be left out' });
  if (typeof v.reason !== 'string' || v.reason.trim() === '') problems.push({ field: 'reason', message: 'required: say why the finding is accepted (a suppression without a reason is refused)' });
  return problems;
}

/** Reads and validates a suppression file; every problem is reported with file:line:col. */
export function readSuppressionFile(file: string, knownRules: ReadonlySet<string>, shownAs: string = file): Suppression[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new SuppressionError([`${shownAs}: cannot read: ${(err as Error).message}`]);
  }
  return parseSuppressions(text, knownRules, shownAs);
}

export function parseSuppressions(text: string, knownRules: ReadonlySet<string>, shownAs: string): Suppression[] {
  // Loaded here, not with the module: every check applies suppressions, few read a file of them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isMap, isSeq, LineCounter, parseDocument } = require('yaml') as typeof import('yaml');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (node: YamlNode | null | undefined): string => {
    const offset = node?.range?.[0];
    if (offset === undefined) return shownAs;
    const { line, col } = lineCounter.linePos(offset);
    return `${shownAs}:${line}:${col}`;
  };
  if (doc.errors.length > 0)
    throw new SuppressionError(
      doc.errors.map((e) => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        return `${shownAs}:${line}:${col}: ${e.message.split('\n')[0]}`;
      }),
    );
  const root = doc.contents;
  let list: YamlNode | null | undefined = root as YamlNode | null;
  let listPath = '';
  if (isMap(root)) {
    const problems: string[] = [];
    for (const pair of (root as YAMLMap).items) {
      const key = (pair.key as Scalar | null)?.value;
      if (key !== 'suppressions') problems.push(`${at(pair.key as YamlNode)}: unknown top-level key ${JSON.stringify(key)} (expected "suppressions")`);
    }
    if (problems.length > 0) throw new SuppressionError(problems);
    list = (root as YAMLMap).get('suppressions', true) as YamlNode | undefined;
    listPath = 'suppressions';
  }
  if (list === null || list === undefined) return [];
  if (!isSeq(list)) throw new SuppressionError([`${at(list)}: ${listPath || 'the document'} must be a list of { rule, resource?, reason }`]);
  const out: Suppression[] = [];
  const problems: string[] = [];
  list.items.forEach((item, i) => {
    const node = item as YamlNode;
    const value: unknown = (node as { toJSON?: () => unknown }).toJSON ? (node as unknown as { toJSON(): unknown }).toJSON() : node;
    const found = problemsOf(value, knownRules);
    for (const p of found) {
      // Point at the field's key when it is present, else at the whole entry.
      const fieldNode = p.field && isMap(node) ? ((node as YAMLMap).items.find((x) => (x.key as Scalar | null)?.value === p.field)?.key as YamlNode | undefined) : undefined;
      problems.push(`${at(fieldNode ?? node)}: ${listPath ? `${listPath}[${i}]` : `[${i}]`}${p.field ? `.${p.field}` : ''}: ${p.message}`);
    }
    if (found.length === 0) {
      const s = value as Suppression;
      out.push({ rule: s.rule, ...(s.resource !== undefined ? { resource: s.resource } : {}), reason: s.reason.trim() });
    }
  });
  if (problems.length > 0) throw new SuppressionError(problems);
  return out;
}

/** Marks each finding matched by a suppression (first match wins); others are returned unchanged. */
export function applySuppressions(findings: readonly Finding[], suppressions: readonly Suppression[]): Finding[] {
  if (suppressions.length === 0) return [...findings];
  return findings.map((f) => {
    const s = suppressions.find((x) => x.rule === f.rule && (x.resource === undefined || x.resource === f.resource || x.resource === f.principal));
    return s ? { ...f, suppressed: true as const, reason: s.reason } : f;
  });
}
