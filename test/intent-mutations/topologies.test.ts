/**
 * No accepted topology lets one principal act as another (issue #9): collisions are refused by
 * `validate` (exit 2, naming both places) and `synth` (exit 2, nothing written); distinct
 * counterparts validate and synthesize. In-process CLI (support.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { KNOWN_TOPOLOGY_GAPS } from './known-gaps';
import { vaultA2a } from '../cli/run';
import { scratch } from './support';
import { COLLISIONS, DISTINCT, type Place } from './topology-cases';

const TOPOLOGIES = 'test/intent-mutations/topologies';
const dir = scratch('vault-a2a-intent-topologies-');

/** 1-based line of the node at dotted `place` (keys only), aliases resolved to their own position. */
function lineOf(text: string, place: string): number {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, keepSourceTokens: true });
  let node: Node | null | undefined = doc.contents as Node;
  for (const k of place.split('.')) {
    if (!isMap(node)) throw new Error(`${place}: not a mapping at ${k}`);
    const pair = node.items.find((p) => (p.key as { value?: unknown }).value === k);
    if (!pair) throw new Error(`${place}: no key ${k}`);
    node = pair.key as Node;
    if (k !== place.split('.').at(-1)) node = pair.value as Node;
  }
  if (!node?.range || isSeq(node)) throw new Error(`${place}: no position`);
  return counter.linePos(node.range[0]).line;
}

/** A place is named by its dotted path, its file:line, or its quoted name. */
function names(stderr: string, file: string, text: string, place: Place): boolean {
  return stderr.includes(place.path) || stderr.includes(`${file}:${lineOf(text, place.path)}:`) || stderr.includes(`"${place.name}"`);
}

describe('collisions: validate and synth refuse, naming both places', () => {
  for (const c of COLLISIONS) {
    const file = `${TOPOLOGIES}/collisions/${c.file}`;
    const gap = KNOWN_TOPOLOGY_GAPS[c.file];
    (gap?.validate ? test.failing : test)(`${c.file} [validate]`, async () => {
      const text = fs.readFileSync(path.resolve(__dirname, '..', '..', file), 'utf8');
      const r = await vaultA2a(['validate', file]);
      expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
      expect(c.places.filter((p) => !names(r.stderr, file, text, p)).map((p) => p.path)).toEqual([]);
    });
    (gap?.synth ? test.failing : test)(`${c.file} [synth]`, async () => {
      const out = path.join(dir(), 'collisions', c.file);
      const r = await vaultA2a(['synth', file, '--out', out]);
      expect(r.code).toBe(2);
      expect(fs.existsSync(out)).toBe(false);
    });
  }
});

// test.failing passes on any exception: a crash (exit 70) must fail outside it.
test('validate answers every collision with exit 0 or 2', async () => {
  const odd: string[] = [];
  for (const c of COLLISIONS) {
    const r = await vaultA2a(['validate', `${TOPOLOGIES}/collisions/${c.file}`]);
    if (r.code !== 0 && r.code !== 2) odd.push(`${c.file}: exit ${r.code}: ${r.stderr}`);
  }
  expect(odd).toEqual([]);
});

describe('distinct names: validate and synth accept', () => {
  for (const d of DISTINCT) {
    const file = `${TOPOLOGIES}/distinct/${d.file}`;
    test(`${d.file}`, async () => {
      expect(await vaultA2a(['validate', file])).toMatchObject({ code: 0, stderr: '' });
      const r = await vaultA2a(['synth', file, '--out', path.join(dir(), 'distinct', d.file)]);
      expect(r).toMatchObject({ code: 0, stderr: '' });
    });
  }
});

test('the case lists name existing files, and known gaps name existing cases', () => {
  for (const [sub, list] of [
    ['collisions', COLLISIONS],
    ['distinct', DISTINCT],
  ] as const) {
    const onDisk = fs.readdirSync(path.join(__dirname, 'topologies', sub)).sort();
    expect(list.map((c) => c.file).sort()).toEqual(onDisk);
  }
  expect(Object.keys(KNOWN_TOPOLOGY_GAPS).filter((f) => !COLLISIONS.some((c) => c.file === f))).toEqual([]);
  // Every place exists in its file (so a message naming it by file:line can be recognized).
  for (const c of COLLISIONS) {
    const text = fs.readFileSync(path.join(__dirname, 'topologies', 'collisions', c.file), 'utf8');
    for (const p of c.places) expect(lineOf(text, p.path)).toBeGreaterThan(0);
  }
});
