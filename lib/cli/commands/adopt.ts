/**
 * `vault-a2a adopt <topology> --script` and `vault-a2a adopt <topology> --lookups <file> [--out <path>]`:
 * adopt users and agents that already exist in Vault (they logged in before the stack was applied)
 * instead of creating them, which Vault refuses for an existing alias. See lib/constructs/adoption.ts.
 *
 * `--script` prints a shell script that asks Vault for those entities; `--lookups` reads its output
 * and writes Terraform `import` blocks (HCL, or JSON for a `.tf.json` path) for the stack the
 * topology synthesizes: into `<dir>/imports.tf` when `--out` is a directory (the stack directory,
 * next to cdk.tf.json), into the file named, or to stdout.
 *
 * A topology directory (an organization) synthesizes into several stacks, and each import belongs
 * to the stack that creates the object (a user's entity in the shared stack, an agent's in its
 * team's): `--out` is then the synth output directory, and `imports.tf` is written into each
 * adopting stack's directory `<out>/stacks/<stack>`. The script looks every stack's principals up
 * in that stack's Vault namespace.
 *
 * Nothing is written when the topology, the lookups or an output path is invalid.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Adoption, AdoptionResult } from '../../constructs/adoption';
import type { NormalizedTopology } from '../../topology/normalized';
import { CliError, ExitCode, type CliIo } from '../io';
import type { RegisterCommand } from './command';

interface AdoptFlags {
  readonly script?: boolean;
  readonly lookups?: string;
  readonly out?: string;
}

export const IMPORTS_FILE = 'imports.tf';

const NO_CHECKS = { enabled: false, reason: 'adopt only reads the plan and Terraform addresses' } as const;

export const registerAdopt: RegisterCommand = (program, io, setExit) => {
  program
    .command('adopt')
    .description('Import users and agents that already exist in Vault (they logged in before) instead of creating them.')
    .argument('<topology>', 'topology file (YAML or JSON) or directory (org.yaml + teams/)')
    .option('--script', 'print a shell script (vault, jq) that looks up the existing entities as one JSON list')
    .option('--lookups <file>', "that script's output: write Terraform import blocks for every principal found")
    .option(
      '--out <path>',
      `stack directory (writes ${IMPORTS_FILE} there), a .tf or .tf.json file; for a topology directory, the synth output directory (writes <out>/stacks/<stack>/${IMPORTS_FILE}); default stdout`,
    )
    .action(async (file: string, flags: AdoptFlags) => {
      if (Boolean(flags.script) === (flags.lookups !== undefined)) {
        throw new CliError('vault-a2a adopt: give exactly one of --script or --lookups <file>', ExitCode.invalidInput);
      }
      const { loadTopologyArgument } = await import('../topology-argument');
      const { isTopologyDirectory } = await import('../../topology/directory');
      if (isTopologyDirectory(file, io.cwd)) {
        await adoptOrganization(file, flags, io);
        setExit(ExitCode.ok);
        return;
      }
      const { App } = await import('cdktf');
      const { adoptionFromLookups, lookupScript } = await import('../../constructs/adoption');
      const { AgentTopologyStack } = await import('../../constructs/stack');
      const topology = loadTopologyArgument(file, io);
      const outdir = mkdtempSync(join(tmpdir(), 'vault-a2a-adopt-'));
      try {
        const build = (adopt?: Adoption) =>
          new AgentTopologyStack(new App({ outdir, skipValidation: true }), topology.name, { topology, checks: NO_CHECKS, ...(adopt ? { adopt } : {}) });
        const plan = build().plan;
        if (flags.script) {
          io.stdout(lookupScript(plan, file));
          setExit(ExitCode.ok);
          return;
        }
        const result = adoptionFromLookups(plan, readLookups(resolve(io.cwd, flags.lookups!), flags.lookups!));
        if (!report(io, flags.lookups!, result, () => '')) {
          setExit(ExitCode.ok);
          return;
        }
        const imports = (build(result.adoption).toTerraform() as { import?: unknown[] }).import ?? [];
        const writer = await import('../../terraform/hcl-writer');
        write(io, flags.out, { import: imports }, hclOf(writer, imports, topology.name, file));
        setExit(ExitCode.ok);
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    });
};

/**
 * Prints who is adopted and who is not (stderr), and refuses problems (nothing written). Returns
 * whether there is anything to write.
 */
function report(io: CliIo, lookups: string, result: AdoptionResult, stackOf: (principal: string) => string): boolean {
  if (result.problems.length > 0) {
    throw new CliError(`vault-a2a adopt: ${lookups}: nothing written:\n${result.problems.map((p) => `  ${p}`).join('\n')}`, ExitCode.invalidInput);
  }
  for (const line of result.ignored) io.stderr(`ignored: ${line}\n`);
  for (const name of result.notFound) io.stderr(`not in Vault yet (created on apply): ${name}${stackOf(name)}\n`);
  for (const name of result.adopted) io.stderr(`adopted: ${name}${stackOf(name)} (entity ${result.adoption[name]!.entityId}, alias ${result.adoption[name]!.aliasId})\n`);
  if (result.adopted.length > 0) return true;
  io.stderr('vault-a2a adopt: nothing to adopt; nothing written\n');
  return false;
}

/**
 * An organization: the topology validated as `synth` validates it (so its stacks are the ones
 * synth writes), the script or the import blocks per stack, each stack built alone in an App of
 * its own (as `vault-a2a synth <dir>` builds them) to read the addresses of what it imports.
 */
async function adoptOrganization(file: string, flags: AdoptFlags, io: CliIo): Promise<void> {
  const { validateTopologyForSynth } = await import('../../app');
  const { formatIssues } = await import('../../topology/errors');
  const { compile } = await import('../../plan/compile');
  const { organizationPlan } = await import('../../plan/organization');
  const { organizationAdoptionFromLookups, organizationLookupScript } = await import('../../constructs/adoption');
  const valid = validateTopologyForSynth(file, { cwd: io.cwd });
  if (!valid.ok) throw new CliError(formatIssues(valid.issues), ExitCode.invalidInput);
  const topology: NormalizedTopology = valid.topology;
  const split = organizationPlan(topology, compile(topology));
  if (flags.script) {
    io.stdout(organizationLookupScript(split.stacks, split.name, file));
    return;
  }
  const result = organizationAdoptionFromLookups(split.stacks, split.name, readLookups(resolve(io.cwd, flags.lookups!), flags.lookups!));
  // Where each stack's imports go, checked with the lookups before anything is built or written.
  const out = flags.out === undefined ? undefined : organizationOut(io, flags.out, file);
  const outProblems = out === undefined ? [] : 'problem' in out ? [out.problem] : missingStacks([...result.byStack.keys()], out, file, flags.out!);
  const stackDir = out !== undefined && !('problem' in out) ? out : undefined;
  const stackOfPrincipal = new Map(split.stacks.flatMap((s) => s.plan.entities.map((e) => [e.name, s.name] as const)));
  if (!report(io, flags.lookups!, { ...result, problems: [...result.problems, ...outProblems] }, (name) => ` [stack ${stackOfPrincipal.get(name)}]`)) return;
  const { App } = await import('cdktf');
  const { organizationStack } = await import('../../constructs/organization');
  const writer = await import('../../terraform/hcl-writer');
  const written: { stack: string; hcl: string }[] = [];
  for (const s of split.stacks) {
    const adoption = result.byStack.get(s.name);
    if (adoption === undefined) continue;
    const outdir = mkdtempSync(join(tmpdir(), 'vault-a2a-adopt-'));
    try {
      const stack = organizationStack(new App({ outdir, skipValidation: true }), topology, split.organization.backend, s, NO_CHECKS, adoption);
      const imports = (stack.toTerraform() as { import?: unknown[] }).import ?? [];
      written.push({ stack: s.name, hcl: hclOf(writer, imports, s.name, file) });
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }
  if (stackDir === undefined) {
    // One section per stack, each what `--out` writes into that stack's directory.
    io.stdout(written.map((w) => `# ==> stacks/${w.stack}/${IMPORTS_FILE} <==\n${w.hcl}`).join('\n'));
    return;
  }
  for (const w of written) {
    const { path, shown } = stackDir(w.stack);
    const target = join(path, IMPORTS_FILE);
    try {
      writeFileSync(target, w.hcl);
    } catch (err) {
      throw new CliError(`vault-a2a adopt: cannot write ${join(shown, IMPORTS_FILE)}: ${(err as Error).message}`, ExitCode.invalidInput);
    }
    io.stdout(`${join(shown, IMPORTS_FILE)}\n`);
  }
}

type StackDirectory = (stack: string) => { path: string; shown: string };

/** For a topology directory, `--out` is the synth output directory (holding `stacks/<stack>/`), never a file. */
function organizationOut(io: CliIo, out: string, file: string): StackDirectory | { problem: string } {
  const target = resolve(io.cwd, out);
  if (/\.tf(\.json)?$/.test(out) || (existsSync(target) && !isDirectory(target))) {
    return {
      problem: `--out ${out}: ${file} is a topology directory, whose imports go into several stacks, so --out names the synth output directory (adopt writes <out>/stacks/<stack>/${IMPORTS_FILE} for each stack that adopts someone). Fix: --out cdktf.out (the directory vault-a2a synth ${file} wrote)`,
    };
  }
  return (stack) => ({ path: join(target, 'stacks', stack), shown: join(out, 'stacks', stack) });
}

/** Stacks adopting someone whose directory synth has not written: imports there would be read by no Terraform run. */
function missingStacks(stacks: readonly string[], stackDir: StackDirectory, file: string, out: string): string[] {
  return stacks
    .filter((s) => !isDirectory(stackDir(s).path))
    .map((s) => `--out ${out}: no stack directory ${stackDir(s).shown} for the imports of stack ${s}. Fix: synthesize first (vault-a2a synth ${file} --out ${out}), then adopt into the same --out`);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readLookups(path: string, shown: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliError(`vault-a2a adopt: cannot read ${shown}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, ExitCode.invalidInput);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const position = /position (\d+)/.exec((err as Error).message);
    let where = shown;
    if (position) {
      const before = text.slice(0, Number(position[1])).split('\n');
      where = `${shown}:${before.length}:${before[before.length - 1]!.length + 1}`;
    }
    throw new CliError(`vault-a2a adopt: ${where}: not JSON (${(err as Error).message}). Fix: give the output of vault-a2a adopt <topology> --script`, ExitCode.invalidInput);
  }
}

function hclOf({ EMPTY_BLOCK_SCHEMA, writeHcl }: typeof import('../../terraform/hcl-writer'), imports: unknown[], stack: string, topologyFile: string): string {
  const header = `# Import blocks for users and agents that already exist in Vault (Terraform >= 1.5).\n# Generated by: vault-a2a adopt ${topologyFile} --lookups …; keep them next to the stack "${stack}".\n\n`;
  return `${header}${writeHcl({ import: imports }, { resource: new Map(), data: new Map(), provider: new Map([['vault', EMPTY_BLOCK_SCHEMA]]) })}`;
}

function write(io: CliIo, out: string | undefined, imports: { import: unknown[] }, hcl: string): void {
  if (out === undefined) {
    io.stdout(hcl);
    return;
  }
  let target = resolve(io.cwd, out);
  let shown = out;
  if (isDirectory(target)) {
    target = join(target, IMPORTS_FILE);
    shown = join(out, IMPORTS_FILE);
  }
  try {
    writeFileSync(target, target.endsWith('.tf.json') ? `${JSON.stringify(imports, null, 2)}\n` : hcl);
  } catch (err) {
    throw new CliError(`vault-a2a adopt: cannot write ${shown}: ${(err as Error).message}`, ExitCode.invalidInput);
  }
  io.stdout(`${shown}\n`);
}
