/**
 * The ACL evaluator and the policy parser against Vault's own test tables
 * (test/analysis-data/vault-acl, see its README): every row inside the evaluator's model must
 * agree; rows outside it name the columns they need, and the summary below lists them.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  AclRule,
  authorize,
  capabilitiesOf,
  grantingPolicies,
  mergePolicies,
  NamedPolicy,
  Operation,
  OPERATIONS,
  PathShape,
  patternReaches,
  REST,
  ROOT_POLICY,
  shapeOf,
} from '../../lib/analysis/acl';
import { CAPABILITIES, Capability } from '../../lib/vault/capabilities';
import { parsePolicyText, parsePolicyTextSync } from '../../lib/analysis/hcl';
import type { PolicyStanza } from '../../lib/analysis/policy-document';

const DATA_DIR = path.join(__dirname, '..', 'analysis-data', 'vault-acl');
const FILES = ['acl_test.json', 'capabilities_test.json', 'policy_test.json'] as const;

/** The columns of Vault's tables this evaluator leaves out. */
const OUT_OF_MODEL_COLUMNS = ['parameters', 'value permissions', 'wrapping TTLs', 'MFA', 'control groups', 'identity templating', 'subscribe event types'] as const;
type Column = (typeof OUT_OF_MODEL_COLUMNS)[number];

type Kind = 'operation' | 'capabilities' | 'parse' | 'merge' | 'bare-mount' | 'granting' | 'mfa';
type Row = Record<string, unknown> & { outOfModel?: Column[]; policies?: string[] };
interface Table {
  test: string;
  function?: string;
  kind: Kind;
  policies?: string[];
  operations?: Operation[];
  outOfModel?: Column[];
  note?: string;
  rows: Row[];
}
interface DataFile {
  source: Record<string, unknown>;
  policies: Record<string, { name: string; text: string; note?: string }>;
  tables: Table[];
}

const files = Object.fromEntries(FILES.map((f) => [f, JSON.parse(fs.readFileSync(path.join(DATA_DIR, f), 'utf8')) as DataFile]));

/** Policy texts of every file by key; "root" is Vault's built-in root policy. */
const policyTexts = new Map<string, { name: string; text: string }>();
for (const [file, data] of Object.entries(files))
  for (const [key, p] of Object.entries(data.policies)) {
    if (policyTexts.has(key)) throw new Error(`${file}: policy ${key} is defined twice`);
    policyTexts.set(key, p);
  }

/** The keys each row of a kind may have: a typo must not silently skip a column. */
const ROW_KEYS: Record<Kind, readonly string[]> = {
  operation: ['op', 'path', 'allowed', 'rootPrivs', 'policies', 'note', 'why', 'wrappingTTL', 'data'],
  capabilities: ['path', 'capabilities', 'policies', 'note', 'outOfModel'],
  parse: ['test', 'policy', 'text', 'valid', 'vaultErrors', 'paths', 'note', 'outOfModel', 'controlGroupFactors', 'subscribeEventTypes'],
  merge: ['path', 'allowed', 'denied', 'required', 'minWrappingTTL', 'maxWrappingTTL'],
  'bare-mount': ['policies', 'mount', 'hasPerms'],
  granting: ['path', 'op', 'policies', 'granting', 'allowed'],
  mfa: ['op', 'path', 'mfaMethods'],
};

const parsedPolicies = new Map<string, NamedPolicy>([['root', ROOT_POLICY]]);

function namedPolicy(key: string): NamedPolicy {
  const cached = parsedPolicies.get(key);
  if (cached) return cached;
  const p = policyTexts.get(key);
  if (!p) throw new Error(`unknown policy ${key}`);
  const parsed = parsePolicyTextSync(p.name, p.text);
  if (!parsed.ok) throw new Error(`policy ${key} is valid in Vault but: ${parsed.errors.join('; ')}`);
  const policy = { name: p.name, stanzas: parsed.stanzas };
  parsedPolicies.set(key, policy);
  return policy;
}

function rulesOf(keys: readonly string[]): AclRule[] {
  return mergePolicies(keys.map(namedPolicy));
}

const sorted = <T extends string>(xs: readonly T[]) => [...new Set(xs)].sort();
const EVERY_CAPABILITY = CAPABILITIES.filter((c) => c !== 'deny');

/** A Vault mount path ("foo/bar/") as the set of paths at or below it. */
function mountShape(mount: string): PathShape {
  return [...mount.replace(/\/$/, '').split('/'), REST];
}

/** Our stanza as Vault's PathRules shows it: a glob's "*" stripped, a segment-wildcard path's kept. */
function vaultPathRule(stanza: PolicyStanza) {
  const shape = shapeOf(stanza.path);
  return {
    path: shape.kind === 'glob' ? shape.base : stanza.path,
    capabilities: sorted(stanza.capabilities),
    isPrefix: shape.kind === 'glob',
    hasSegmentWildcards: shape.kind === 'segment-wildcard',
  };
}

/** Our errors name every double-quoted subject of Vault's message (or the message itself when it quotes none). */
function mentions(errors: readonly string[], vaultError: string): boolean {
  const quoted = [...vaultError.matchAll(/"([^"]*)"/g)].map((m) => `"${m[1]}"`);
  const text = errors.join('\n');
  return quoted.length > 0 ? quoted.every((q) => text.includes(q)) : text.includes(vaultError);
}

interface Outcome {
  readonly status: 'checked' | 'out-of-model';
  /** For an out-of-model row: the part inside the model that was still checked. */
  readonly precondition?: boolean;
  readonly columns: readonly Column[];
}

/** Checks one row; returns what was checked and the mismatches found. */
async function checkRow(table: Table, row: Row): Promise<{ outcome: Outcome; mismatches: string[] }> {
  const columns = [...(table.outOfModel ?? []), ...(row.outOfModel ?? [])];
  const outOfModel = columns.length > 0;
  const mismatches: string[] = [];
  const fail = (what: string, got: unknown, want: unknown) => mismatches.push(`${table.test} ${JSON.stringify(row)}: ${what}: got ${JSON.stringify(got)}, Vault ${JSON.stringify(want)}`);
  for (const key of Object.keys(row)) if (!ROW_KEYS[table.kind].includes(key)) throw new Error(`${table.test}: unknown column ${key}`);
  const rules = () => rulesOf(row.policies ?? table.policies ?? []);
  let precondition: boolean | undefined;
  switch (table.kind) {
    case 'operation': {
      const ops = row.op ? [row.op as Operation] : table.operations!;
      for (const op of ops) {
        if (!OPERATIONS.includes(op)) throw new Error(`unknown operation ${op}`);
        const auth = authorize(rules(), row.path as string, op);
        if (outOfModel) {
          // Parameters, wrapping TTLs and value permissions only ever refuse more: what Vault
          // allows, the capability check must allow.
          if (row.allowed === true) {
            precondition = true;
            if (!auth.allowed) fail(`${op} allowed by capabilities`, auth.allowed, true);
          }
          continue;
        }
        if ('allowed' in row && auth.allowed !== row.allowed) fail(`${op} allowed`, auth.allowed, row.allowed);
        if ('rootPrivs' in row && auth.rootPrivs !== row.rootPrivs) fail(`${op} rootPrivs`, auth.rootPrivs, row.rootPrivs);
      }
      break;
    }
    case 'capabilities': {
      if (outOfModel) break;
      const want = row.capabilities as string[];
      const got = capabilitiesOf(rules(), row.path as string);
      const expected = want.length === 1 && want[0] === 'root' ? EVERY_CAPABILITY : (want as Capability[]);
      if (JSON.stringify(sorted(got)) !== JSON.stringify(sorted(expected))) fail('capabilities', got, want);
      break;
    }
    case 'parse': {
      if (outOfModel) break;
      const text = (row.text as string | undefined) ?? policyTexts.get(row.policy as string)!.text;
      const sync = parsePolicyTextSync('p', text);
      const async = await parsePolicyText('p', text);
      if (JSON.stringify(sync) !== JSON.stringify(async)) fail('sync and async parse', sync, async);
      if (sync.ok !== row.valid) fail('valid', sync.ok ? 'valid' : sync.errors, row.valid);
      if (!sync.ok) for (const e of (row.vaultErrors as string[] | undefined) ?? []) if (!mentions(sync.errors, e)) fail('error', sync.errors, e);
      if (sync.ok && row.paths) {
        const want = row.paths as { path: string; capabilities?: string[]; capabilitiesInclude?: string[]; isPrefix: boolean; hasSegmentWildcards?: boolean }[];
        const got = sync.stanzas.map(vaultPathRule);
        const key = (r: { path: string; isPrefix: boolean }) => `${r.path}\u0000${r.isPrefix}`;
        const remaining = [...got];
        for (const w of want) {
          const i = remaining.findIndex(
            (g) =>
              key(g) === key(w) &&
              g.hasSegmentWildcards === (w.hasSegmentWildcards ?? false) &&
              (w.capabilities ? JSON.stringify(g.capabilities) === JSON.stringify(sorted(w.capabilities)) : w.capabilitiesInclude!.every((c) => g.capabilities.includes(c as Capability))),
          );
          if (i < 0) fail('path rule', got, w);
          else remaining.splice(i, 1);
        }
        if (remaining.length > 0) fail('extra path rules', remaining, []);
      }
      break;
    }
    case 'merge': {
      // Vault finds each path in its exact-rule tree before comparing parameters and TTLs.
      precondition = true;
      const rule = rules().find((r) => r.pattern === row.path);
      if (!rule || shapeOf(rule.pattern).kind !== 'exact') fail('an exact rule', rule, row.path);
      break;
    }
    case 'bare-mount': {
      const hasPerms = rules().some((r) => r.capabilities.length > 0 && !r.capabilities.includes('deny') && patternReaches(r.pattern, mountShape(row.mount as string)));
      if (hasPerms !== row.hasPerms) fail('permissions at or below the mount', hasPerms, row.hasPerms);
      break;
    }
    case 'granting': {
      const acl = rules();
      const op = row.op as Operation;
      const auth = authorize(acl, row.path as string, op);
      if (auth.allowed !== row.allowed) fail(`${op} allowed`, auth.allowed, row.allowed);
      const granting = grantingPolicies(acl, row.path as string, op);
      if (JSON.stringify(granting) !== JSON.stringify(sorted(row.granting as string[]))) fail('granting policies', granting, row.granting);
      break;
    }
    case 'mfa':
      break;
  }
  return { outcome: outOfModel ? { status: 'out-of-model', columns, ...(precondition ? { precondition } : {}) } : { status: 'checked', columns: [] }, mismatches };
}

interface Summary {
  checked: number;
  outOfModel: Record<string, number>;
  preconditionChecked: number;
}

const summaries: Record<string, Summary> = {};

describe.each(FILES)("Vault's %s", (file) => {
  const data = files[file]!;
  test('names its source', () => {
    expect(data.source).toMatchObject({ repository: 'hashicorp/vault', file: `vault/${file.replace('.json', '.go')}`, read: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(typeof data.source.commit === 'string' || typeof data.source.storedCopy === 'string').toBe(true);
  });

  test.each(data.tables.map((t, i) => [`${t.test}${t.function ? ` (${t.function})` : ''} #${i}`, t] as const))('%s agrees', async (_, table) => {
    const mismatches: string[] = [];
    const summary = (summaries[file] ??= { checked: 0, outOfModel: {}, preconditionChecked: 0 });
    for (const row of table.rows) {
      const { outcome, mismatches: m } = await checkRow(table, row);
      mismatches.push(...m);
      if (outcome.status === 'checked') summary.checked += 1;
      else {
        expect(outcome.columns.every((c) => OUT_OF_MODEL_COLUMNS.includes(c))).toBe(true);
        for (const c of outcome.columns) summary.outOfModel[c] = (summary.outOfModel[c] ?? 0) + 1;
        if (outcome.precondition) summary.preconditionChecked += 1;
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('what the evaluator leaves out', () => {
  test('every row is checked or names the columns it is out of model for', () => {
    // Rows by file: checked, out of model by column (a row may need several), and out-of-model
    // rows whose capability part is still checked (what Vault allows, the capabilities allow).
    expect(summaries).toEqual({
      'acl_test.json': {
        checked: 111,
        outOfModel: { parameters: 68, 'wrapping TTLs': 31, 'value permissions': 37, MFA: 3 },
        preconditionChecked: 32,
      },
      'capabilities_test.json': { checked: 5, outOfModel: { 'identity templating': 2 }, preconditionChecked: 0 },
      'policy_test.json': { checked: 8, outOfModel: { 'control groups': 2, 'subscribe event types': 1 }, preconditionChecked: 0 },
    });
    const columns = new Set(Object.values(summaries).flatMap((s) => Object.keys(s.outOfModel)));
    expect([...columns].sort()).toEqual([...OUT_OF_MODEL_COLUMNS].sort());
  });
});
