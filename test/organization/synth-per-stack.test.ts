/**
 * `vault-a2a synth` builds an organization one stack at a time (each in an App of its own, so
 * only one stack's constructs are alive at once); what it writes is byte for byte what one App
 * holding every stack writes, manifest.json (with the dependencies) included.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { parse, stringify } from 'yaml';
import { synthTopologyFile, topologyApp } from '../../lib/app';
import { EXAMPLE, filesUnder, writeTree } from './support';


function oneApp(dir: string, hcl: boolean): Map<string, string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-one-app-'));
  const result = topologyApp(dir, () => new App({ outdir: out, hclOutput: hcl }));
  if (!result.ok) throw new Error(result.message);
  result.app.synth();
  return filesUnder(out);
}

function perStack(dir: string, hcl: boolean): { files: Map<string, string>; steps: string[] } {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-per-stack-'));
  const steps: string[] = [];
  const result = synthTopologyFile(dir, out, { hcl, onStep: (s) => steps.push(s) });
  if (!result.ok) throw new Error(result.message);
  return { files: filesUnder(out), steps };
}

function delegationDirectory(): string {
  const { agents, ...shared } = parse(fs.readFileSync('examples/delegation/topology.yaml', 'utf8')) as { agents: Record<string, unknown> };
  const team = (names: string[]) => stringify({ agents: Object.fromEntries(names.map((n) => [n, agents[n]])) });
  return writeTree({ 'org.yaml': stringify(shared), 'teams/apps.yaml': team(['chat', 'mailer', 'portal', 'summarizer']), 'teams/services.yaml': team(['docs', 'mail']) });
}

describe.each([
  ['examples/organization', () => EXAMPLE],
  ['examples/delegation as a directory', delegationDirectory],
])('%s', (_name, dir) => {
  test.each([false, true])('one stack at a time writes the bytes one App writes (hcl: %s)', (hcl) => {
    const d = dir();
    const expected = oneApp(d, hcl);
    const { files: actual, steps } = perStack(d, hcl);
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    for (const [file, text] of expected) expect([file, actual.get(file)]).toEqual([file, text]);
    const manifest = JSON.parse(expected.get('manifest.json')!) as { stacks: Record<string, { dependencies: string[] }> };
    expect(Object.values(manifest.stacks).some((s) => s.dependencies.length > 0)).toBe(true);
    // Each stack is synthesized in a step of its own.
    const names = Object.keys(manifest.stacks);
    expect(steps.filter((s) => s.startsWith('synthesizing stack '))).toHaveLength(names.length);
  });
});
