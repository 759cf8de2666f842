/**
 * Topology file → stack in an App, shared by the cdktf app (`stacks/main.ts`) and
 * `vault-a2a synth`, so both refuse the same inputs with the same messages.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
// Not re-exported by the package index; cdktf 0.21.0 is the last release, so the path is stable.
import { StackSynthesizer } from 'cdktf/lib/synthesize/synthesizer';
import { AgentTopologyStack, InvalidPropsError, PolicyDocumentError } from './constructs';
import { formatIssue } from './topology/errors';
import { validateTopologyFile, type TopologyValidation } from './topology/load';

/**
 * Validates `file`, read relative to `cwd`, labelling every issue with `file` as the user spelled
 * it (the loader labels issues with the path it reads).
 */
export function validateTopologyFileAt(file: string, cwd: string = process.cwd()): TopologyValidation {
  const absolute = path.resolve(cwd, file);
  const result = validateTopologyFile(absolute);
  if (result.ok || absolute === file) return result;
  return { ok: false, issues: result.issues.map((issue) => (issue.file === absolute ? { ...issue, file } : issue)) };
}

export type TopologyStackResult =
  | { readonly ok: true; readonly app: App; readonly stack: AgentTopologyStack }
  | { readonly ok: false; readonly message: string };

/**
 * Validates `file` completely, then creates the app (`new App()` already creates its output
 * directory, so it must not exist before the input is known to be good) and adds the stack.
 * Nothing is created when the topology is invalid or would render unsafe configuration.
 */
export function topologyApp(file: string, createApp: () => App, cwd: string = process.cwd()): TopologyStackResult {
  const result = validateTopologyFileAt(file, cwd);
  if (!result.ok) {
    const count = `${result.issues.length} error${result.issues.length === 1 ? '' : 's'} in ${file}`;
    return { ok: false, message: `${result.issues.map(formatIssue).join('\n')}\n${count}; nothing written` };
  }
  const app = createApp();
  try {
    const stack = new AgentTopologyStack(app, result.topology.name, { topology: result.topology });
    // cdktf 0.21 bug: `new App({ hclOutput: true })` names the file cdk.tf, but each stack's
    // synthesizer only looks at the SYNTH_HCL_OUTPUT environment variable and writes JSON into it.
    if (app.hclOutput) stack.synthesizer = new StackSynthesizer(stack, false, true);
    return { ok: true, app, stack };
  } catch (err) {
    // The constructs re-check what they render; the loader should have refused such input first.
    if (err instanceof InvalidPropsError || err instanceof PolicyDocumentError) {
      return { ok: false, message: `${file}: the topology renders unsafe or invalid Vault configuration:\n${err.message}` };
    }
    throw err;
  }
}

/** cdktf's message when a validation (our least-privilege Aspect among them) fails synth. */
const VALIDATION_FAILED = 'Validation failed with the following errors:';

export type SynthResult = { readonly ok: true; readonly stackName: string } | { readonly ok: false; readonly message: string };

/**
 * Validates and synthesizes `file` into `outdir` (the cdktf.out layout). Synthesis happens in a
 * temporary directory that is moved into place only when everything succeeded, so an invalid
 * topology, or one the least-privilege checks refuse, leaves `outdir` exactly as it was.
 */
export function synthTopologyFile(file: string, outdir: string, options: { readonly hcl?: boolean; readonly cwd?: string } = {}): SynthResult {
  const target = path.resolve(options.cwd ?? process.cwd(), outdir);
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-synth-'));
  try {
    const result = topologyApp(file, () => new App({ outdir: staging, hclOutput: options.hcl === true }), options.cwd);
    if (!result.ok) return result;
    try {
      result.app.synth();
    } catch (err) {
      if (err instanceof Error && err.message.startsWith(VALIDATION_FAILED)) {
        // Drop cdktf's advice to pass skipValidation: the way to accept a finding is a suppression
        // with a reason in the topology.
        const findings = err.message.slice(VALIDATION_FAILED.length).split('\n').filter((l) => l.trim().startsWith('['));
        return {
          ok: false,
          message: `${file}: the least-privilege checks refuse the synthesized stack:\n${findings.join('\n')}\nAccept a finding only with agents.<agent>.suppressions: [{ rule, reason }]; nothing written`,
        };
      }
      throw err;
    }
    fs.mkdirSync(target, { recursive: true });
    fs.cpSync(staging, target, { recursive: true });
    return { ok: true, stackName: result.stack.node.id };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
