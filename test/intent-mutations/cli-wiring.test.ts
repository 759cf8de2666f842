/**
 * The in-process runner (support.ts) is the same program bin.ts runs; this file proves the wiring
 * by sending a few corpus entries through the built `vault-a2a` binary (test/cli/run.ts): real
 * processes, real exit codes. Known gaps apply exactly as in corpus.test.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { vaultA2a } from '../cli/run';
import { EQUIVALENTS, WIDENINGS } from './corpus';
import { KNOWN_GAPS, KNOWN_TOPOLOGY_GAPS } from './known-gaps';
import { scratch, TOPOLOGY } from './support';
import type { Equivalent, Widening } from './types';

const dir = scratch('vault-a2a-intent-wiring-');
const WIDENING = 'exact-path/travel-planner-mints-bookkeeper-tokens';
const EQUIVALENT = 'same/jwt-bound-subject-as-bound-claims';
const COLLISION = 'test/intent-mutations/topologies/collisions/k8s-shared-service-account.yaml';

const entry = <T extends Widening | Equivalent>(list: readonly T[], id: string): T => {
  const found = list.find((e) => e.id === id);
  if (!found) throw new Error(`no corpus entry ${id}`);
  return found;
};
const widening = entry(WIDENINGS, WIDENING);
const equivalent = entry(EQUIVALENTS, EQUIVALENT);

let base: string;
const edited: Record<string, string> = {};
beforeAll(() => {
  if (widening.base !== 'expense' || equivalent.base !== 'expense') throw new Error('both entries must edit examples/expense (one synth)');
  const r = vaultA2a(['synth', TOPOLOGY.expense, '--out', path.join(dir(), 'base')]);
  if (r.code !== 0) throw new Error(`synth failed: ${r.stderr}`);
  base = path.join(dir(), 'base', 'stacks', 'expense', 'cdk.tf.json');
  for (const e of [widening, equivalent]) {
    const doc = JSON.parse(fs.readFileSync(base, 'utf8'));
    e.edit(doc);
    edited[e.id] = path.join(dir(), `${e.id.replace(/\//g, '__')}.tf.json`);
    fs.writeFileSync(edited[e.id]!, JSON.stringify(doc, null, 2));
  }
});

describe('through the built binary', () => {
  (KNOWN_GAPS[WIDENING]?.check ? test.failing : test)(`${WIDENING} [check]`, () => {
    const r = vaultA2a(['check', edited[WIDENING]!, '--topology', TOPOLOGY.expense, '--format', 'json']);
    expect(r.code).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: { severity: string; suppressed?: true }[] }).findings;
    expect(findings.filter((f) => f.severity === 'error' && !f.suppressed).length).toBeGreaterThan(0);
  });

  (KNOWN_GAPS[WIDENING]?.diff ? test.failing : test)(`${WIDENING} [diff]`, () => {
    expect(vaultA2a(['diff', base, edited[WIDENING]!, '--fail-on-escalation']).code).toBe(1);
  });

  (KNOWN_GAPS[EQUIVALENT]?.check ? test.failing : test)(`${EQUIVALENT} [check]`, () => {
    expect(vaultA2a(['check', edited[EQUIVALENT]!, '--topology', TOPOLOGY.expense])).toMatchObject({ code: 0, stderr: '' });
  });

  (KNOWN_GAPS[EQUIVALENT]?.diff ? test.failing : test)(`${EQUIVALENT} [diff]`, () => {
    expect(vaultA2a(['diff', base, edited[EQUIVALENT]!, '--fail-on-escalation'])).toMatchObject({ code: 0, stderr: '' });
  });

  (KNOWN_TOPOLOGY_GAPS[path.basename(COLLISION)]?.validate ? test.failing : test)(`${path.basename(COLLISION)} [validate]`, () => {
    const r = vaultA2a(['validate', COLLISION]);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
    expect(r.stderr).toContain('reader');
    expect(r.stderr).toContain('writer');
  });
});
