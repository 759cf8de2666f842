/**
 * `vault-a2a adopt <topology> --script` and `vault-a2a adopt <topology> --lookups <file> [--out <path>]`:
 * adopt users and agents that already exist in Vault (they logged in before the stack was applied)
 * instead of creating them, which Vault refuses for an existing alias. See lib/constructs/adoption.ts.
 *
 * `--script` prints a shell script that asks Vault for those entities; `--lookups` reads its output
 * and writes Terraform `import` blocks (HCL, or JSON for a `.tf.json` path) for the stack the
 * topology synthesizes: into `<dir>/imports.tf` when `--out` is a directory (the stack directory,
 * next to cdk.tf.json), into the file named, or to stdout. Nothing is written when the topology or
 * the lookups are invalid.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Adoption } from '../../constructs/adoption';
import { CliError, ExitCode } from '../io';
import type { RegisterCommand } from './command';

interface AdoptFlags {
  readonly script?: boolean;
  readonly lookups?: string;
  readonly out?: string;
}

export const IMPORTS_FILE = 'imports.tf';

export const registerAdopt: RegisterCommand = (program, io, setExit) => {
  program
    .command('adopt')
    .description('Import users and agents that already exist in Vault (they logged in before) instead of creating them.')
    .argument('<topology>', 'topology file (YAML or JSON)')
    .option('--script', 'print a shell script (vault, jq) that looks up the existing entities as one JSON list')
    .option('--lookups <file>', "that script's output: write Terraform import blocks for every principal found")
    .option('--out <path>', `stack directory (writes ${IMPORTS_FILE} there), a .tf or .tf.json file; default stdout`)
    .action(async (file: string, flags: AdoptFlags) => {
      if (Boolean(flags.script) === (flags.lookups !== undefined)) {
        throw new CliError('vault-a2a adopt: give exactly one of --script or --lookups <file>', ExitCode.invalidInput);
      }
      const { App } = await import('cdktf');
      const { adoptionFromLookups, lookupScript } = await import('../../constructs/adoption');
      const { AgentTopologyStack } = await import('../../constructs/stack');
      const { loadTopologyArgument } = await import('../topology-argument');
      const topology = loadTopologyArgument(file, io);
      if (topology.organization !== undefined) {
        // Imports belong to the stack that creates each object (users in the shared stack, agents
        // in their team's): not written per stack yet, so nothing is written rather than the wrong addresses.
        throw new CliError(
          `vault-a2a adopt: ${file} is a topology directory; adopting into an organization's stacks is not supported yet. Fix: adopt with a single-file topology of the same users and agents, then split it into team files`,
          ExitCode.invalidInput,
        );
      }
      const outdir = mkdtempSync(join(tmpdir(), 'vault-a2a-adopt-'));
      try {
        const build = (adopt?: Adoption) =>
          new AgentTopologyStack(new App({ outdir, skipValidation: true }), topology.name, {
            topology,
            checks: { enabled: false, reason: 'adopt only reads the plan and Terraform addresses' },
            ...(adopt ? { adopt } : {}),
          });
        const plan = build().plan;
        if (flags.script) {
          io.stdout(lookupScript(plan, file));
          setExit(ExitCode.ok);
          return;
        }
        const result = adoptionFromLookups(plan, readLookups(resolve(io.cwd, flags.lookups!), flags.lookups!));
        if (result.problems.length > 0) {
          throw new CliError(`vault-a2a adopt: ${flags.lookups}: nothing written:\n${result.problems.map((p) => `  ${p}`).join('\n')}`, ExitCode.invalidInput);
        }
        for (const line of result.ignored) io.stderr(`ignored: ${line}\n`);
        for (const name of result.notFound) io.stderr(`not in Vault yet (created on apply): ${name}\n`);
        for (const name of result.adopted) io.stderr(`adopted: ${name} (entity ${result.adoption[name].entityId}, alias ${result.adoption[name].aliasId})\n`);
        if (result.adopted.length === 0) {
          io.stderr('vault-a2a adopt: nothing to adopt; nothing written\n');
          setExit(ExitCode.ok);
          return;
        }
        const imports = (build(result.adoption).toTerraform() as { import?: unknown[] }).import ?? [];
        write(io, flags.out, { import: imports }, topology.name, file, await import('../../terraform/hcl-writer'));
        setExit(ExitCode.ok);
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    });
};

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
      where = `${shown}:${before.length}:${before[before.length - 1].length + 1}`;
    }
    throw new CliError(`vault-a2a adopt: ${where}: not JSON (${(err as Error).message}). Fix: give the output of vault-a2a adopt <topology> --script`, ExitCode.invalidInput);
  }
}

function write(
  io: Parameters<RegisterCommand>[1],
  out: string | undefined,
  imports: { import: unknown[] },
  stack: string,
  topologyFile: string,
  { EMPTY_BLOCK_SCHEMA, writeHcl }: typeof import('../../terraform/hcl-writer'),
): void {
  const header = `# Import blocks for users and agents that already exist in Vault (Terraform >= 1.5).\n# Generated by: vault-a2a adopt ${topologyFile} --lookups …; keep them next to the stack "${stack}".\n\n`;
  const hcl = `${header}${writeHcl(imports, { resource: new Map(), data: new Map(), provider: new Map([['vault', EMPTY_BLOCK_SCHEMA]]) })}`;
  if (out === undefined) {
    io.stdout(hcl);
    return;
  }
  let target = resolve(io.cwd, out);
  let shown = out;
  try {
    if (statSync(target).isDirectory()) {
      target = join(target, IMPORTS_FILE);
      shown = join(out, IMPORTS_FILE);
    }
  } catch {
    // Not there yet: a file to create.
  }
  try {
    writeFileSync(target, target.endsWith('.tf.json') ? `${JSON.stringify(imports, null, 2)}\n` : hcl);
  } catch (err) {
    throw new CliError(`vault-a2a adopt: cannot write ${shown}: ${(err as Error).message}`, ExitCode.invalidInput);
  }
  io.stdout(`${shown}\n`);
}
