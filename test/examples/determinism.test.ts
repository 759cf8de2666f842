/**
 * Same topology in any key order, from any directory ⇒ byte-identical cdk.tf.json; adding an
 * agent only adds resources (construct ids derive from names, not positions).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { synthExample } from './support';

const EXAMPLES = fs.readdirSync('examples').filter((d) => fs.existsSync(path.join('examples', d, 'topology.yaml')));

/** Reorders every map's keys by `order`; list order is kept (lists can be ordered data). */
function reorderKeys(value: unknown, order: (keys: string[]) => string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => reorderKeys(v, order));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const keys = order(entries.map(([k]) => k));
    return Object.fromEntries(keys.map((k) => [k, reorderKeys((value as Record<string, unknown>)[k], order)]));
  }
  return value;
}

let tmp: string;
beforeAll(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-determinism-'))));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.each(EXAMPLES)('examples/%s', (example) => {
  const source = path.join('examples', example, 'topology.yaml');
  const reference = synthExample(source).text;

  test('any key order, written as YAML or JSON in another directory, gives byte-identical output', () => {
    const doc = parse(fs.readFileSync(source, 'utf8')) as unknown;
    // Files the topology names (a cert login's CA) travel with it: relative to the topology file.
    for (const f of fs.readdirSync(path.dirname(source)).filter((f) => f.endsWith('.pem'))) fs.copyFileSync(path.join(path.dirname(source), f), path.join(tmp, f));
    let n = 0;
    fc.assert(
      fc.property(fc.integer(), fc.boolean(), (seed, asJson) => {
        const shuffled = reorderKeys(doc, (keys) => shuffle(keys, seed));
        const file = path.join(tmp, `${example}-${n++}.${asJson ? 'json' : 'yaml'}`);
        fs.writeFileSync(file, asJson ? JSON.stringify(shuffled) : stringify(shuffled));
        expect(synthExample(file).text).toBe(reference);
      }),
      { numRuns: 8 },
    );
  });
});

test('adding an agent only adds resources: every existing resource keeps its id and body', () => {
  const before = synthExample('examples/expense/topology.yaml').json;
  const doc = parse(fs.readFileSync('examples/expense/topology.yaml', 'utf8')) as { agents: Record<string, unknown> };
  doc.agents['auditor'] = {
    login: { mount: 'kubernetes', serviceAccount: 'auditor', namespace: 'finance' },
    headless: true,
    calls: [{ agent: 'expense', grants: ['expense:read'] }],
  };
  const file = path.join(tmp, 'expense-plus-auditor.yaml');
  fs.writeFileSync(file, stringify(doc));
  const after = synthExample(file).json;
  const changed: string[] = [];
  for (const [type, byId] of Object.entries(before.resource ?? {})) {
    for (const [id, body] of Object.entries(byId)) {
      if (JSON.stringify(after.resource?.[type]?.[id]) !== JSON.stringify(body)) changed.push(`${type}.${id}`);
    }
  }
  expect(changed).toEqual([]);
  const count = (j: typeof before) => Object.values(j.resource ?? {}).reduce((n, byId) => n + Object.keys(byId).length, 0);
  expect(count(after) - count(before)).toBe(6); // entity, alias, login role, policy, role, key allowed-client
});

/** Deterministic Fisher–Yates driven by a seed, so fast-check can shrink and replay. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
