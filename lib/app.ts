/**
 * Topology file or directory → stacks, synthesized by `synthTopologyFile`, which the cdktf app
 * (`stacks/main.ts`) and `vault-a2a synth` both run, so both refuse the same inputs with the same
 * messages and write the same bytes; `topologyApp` (every stack in one App given, for programs of
 * their own); and the complete validation `vault-a2a validate` runs, which accepts a topology
 * exactly when synth would.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, Manifest } from 'cdktf';
// Not re-exported by the package index; cdktf 0.21.0 is the last release, so the path is stable.
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import { LeastPrivilegeAspect } from './checks/aspect';
import type { Finding } from './checks/rule';
import { agentResourceAddresses } from './constructs/agent-tag';
import type { LeastPrivilegeChecks } from './constructs/least-privilege';
import { AgentTopologyStack, InvalidPropsError, PolicyDocumentError } from './constructs';
import { AgentOrganization, organizationStack } from './constructs/organization';
import { SingleResolveSynthesizer } from './constructs/stack';
import { compile } from './plan/compile';
import { organizationIssues, organizationPlan } from './plan/organization';
import type { AccessPlan } from './plan/types';
import { checkPlan } from './plan/validate-plan';
import { formatDuration } from './topology/duration';
import { formatIssue, formatWarning, type TopologyIssue } from './topology/errors';
import { validateTopologyFileAt, type DerivedFindings, type TopologyValidation } from './topology/load';
import type { NormalizedTopology } from './topology/normalized';
import type { DraftIssue } from './topology/path';
import { RULE_ID } from './vault/rule-ids';
import { DEFAULT_MAX_ACCESS_TTL_SECONDS, DEFAULT_MAX_LOGIN_TTL_SECONDS, type TokenTtlLimits } from './vault/ttl-limits';

// Validation of a file relative to a directory lives with the loader (no cdktf needed to read a topology).
export { validateTopologyFileAt };

/** The synth-time checks' token ceilings (`--max-access-ttl`, `--max-login-ttl`), in seconds. */
export type TopologyLimits = TokenTtlLimits;

/** The limits, and the directory a relative topology path is read from (the process's by default). */
export interface TopologyFileOptions extends TopologyLimits {
  readonly cwd?: string;
  /** Told each step as it starts (`vault-a2a synth` shows them on a terminal). */
  readonly onStep?: (step: string) => void;
}

function checksOf(limits: TopologyLimits): LeastPrivilegeChecks {
  return {
    enabled: true,
    ...(limits.maxAccessTtlSeconds !== undefined ? { maxAccessTtl: limits.maxAccessTtlSeconds } : {}),
    ...(limits.maxLoginTtlSeconds !== undefined ? { maxLoginTtl: limits.maxLoginTtlSeconds } : {}),
  };
}

/**
 * Everything `synth` would refuse, refused here with topology paths and positions: the topology's
 * own rules, the plan checks (names, collisions, the TTL limits), and, as a backstop, the stack
 * built in memory and judged by the very least-privilege checks synth runs. A finding of those is
 * a gap in the static checks; it is still reported, mapped to the topology where possible.
 */
export function validateTopology(file: string, options: TopologyFileOptions = {}): TopologyValidation {
  const { cwd, ...limits } = options;
  return validateTopologyFileAt(file, cwd, { limits, derived: (topology) => completeChecks(topology, limits) });
}

function completeChecks(topology: NormalizedTopology, limits: TopologyLimits): DerivedFindings {
  const found = synthChecks(limits)(topology);
  if (found.errors.length > 0) return found;
  return { errors: synthesizedIssues(topology, limits), warnings: found.warnings };
}

/**
 * What synth refuses before building anything: the plan checks, and for an organization (a
 * topology directory) what cannot be split into its stacks (lib/plan/organization.ts).
 */
function synthChecks(limits: TopologyLimits, compileOnce: (topology: NormalizedTopology) => AccessPlan = compile): (topology: NormalizedTopology) => DerivedFindings {
  return (topology) => {
    const found = checkPlan(topology, { ...limits, compile: compileOnce });
    if (topology.organization === undefined || found.errors.length > 0) return found;
    const org = organizationIssues(topology, organizationPlan(topology, compileOnce(topology)));
    return { errors: org.errors, warnings: [...found.warnings, ...org.warnings] };
  };
}

/** The validation synth runs before it builds anything (the plan checks, and an organization's split), without building the stacks. */
export function validateTopologyForSynth(file: string, options: TopologyFileOptions = {}): TopologyValidation {
  const { cwd, ...limits } = options;
  return validateTopologyFileAt(file, cwd, { limits, derived: synthChecks(limits) });
}

/** The stacks of a topology in `app`: one, or an organization's shared and team stacks. */
function topologyStacks(app: App, topology: NormalizedTopology, checks: LeastPrivilegeChecks, compileOnce: (topology: NormalizedTopology) => AccessPlan = compile): AgentTopologyStack[] {
  if (topology.organization === undefined) return [new AgentTopologyStack(app, topology.name, { topology, compile: compileOnce, checks })];
  return [...new AgentOrganization(app, { topology, compile: compileOnce, checks }).stacks.values()];
}

/** Builds the stack in memory (nothing written) and maps what its synth-time checks refuse to the topology. */
function synthesizedIssues(topology: NormalizedTopology, limits: TopologyLimits): DraftIssue[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-validate-'));
  try {
    let stacks: AgentTopologyStack[];
    try {
      stacks = topologyStacks(new App({ outdir }), topology, checksOf(limits));
    } catch (err) {
      if (!(err instanceof InvalidPropsError || err instanceof PolicyDocumentError)) throw err;
      return [
        {
          path: [],
          anchor: 'key',
          message: `the topology renders unsafe or invalid Vault configuration: ${err.message}`,
          fix: 'change what the message names; validation should have said so in topology terms, so please also report this case',
        },
      ];
    }
    return stacks.flatMap((stack) => {
      invokeAspects(stack);
      const aspect = Aspects.of(stack).all.find((a): a is LeastPrivilegeAspect => a instanceof LeastPrivilegeAspect);
      if (aspect === undefined) return [];
      const owners = new Map<string, string>();
      for (const [agent, addresses] of agentResourceAddresses(stack.topology)) for (const a of addresses) owners.set(a, agent);
      return aspect
        .findings(stack)
        .filter((f) => f.severity === 'error' && !f.suppressed)
        .map((f) => findingIssue(f, owners.get(f.resource), limits));
    });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The `defaults` field a TTL finding is about, from the rule and the Terraform field it names. */
function ttlField(f: Finding): { field: string; limit: number } | undefined {
  const access = { limit: DEFAULT_MAX_ACCESS_TTL_SECONDS };
  switch (f.rule) {
    case RULE_ID.TTL_OIDC_TOKEN:
      return { field: /\bid_token_ttl\b/.test(f.message) ? 'idTokenTtl' : 'accessTokenTtl', ...access };
    case RULE_ID.TTL_IDENTITY_TOKEN:
      return { field: 'identityTokenTtl', ...access };
    case RULE_ID.TTL_LOGIN_TOKEN:
      return { field: 'loginTokenTtl', limit: DEFAULT_MAX_LOGIN_TTL_SECONDS };
    default:
      return undefined;
  }
}

function findingIssue(f: Finding, agent: string | undefined, limits: TopologyLimits): DraftIssue {
  const ttl = ttlField(f);
  const accept = agent === undefined ? 'accept it with agents.<agent>.suppressions' : `accept it with agents.${agent}.suppressions`;
  const message = `the synth-time check ${f.rule} refuses the synthesized stack: ${f.message} (Terraform resource ${f.resource})`;
  if (ttl) {
    const limit = f.rule === RULE_ID.TTL_LOGIN_TOKEN ? (limits.maxLoginTtlSeconds ?? ttl.limit) : (limits.maxAccessTtlSeconds ?? ttl.limit);
    return { path: ['defaults', ttl.field], anchor: 'value', message, fix: `set defaults.${ttl.field} to at most ${formatDuration(limit)}, or ${accept}: [{ rule: ${f.rule}, reason }]` };
  }
  return {
    path: agent === undefined ? [] : ['agents', agent],
    anchor: 'key',
    message,
    fix: `${f.fix.replace(/\.$/, '')}; in the topology, change ${agent === undefined ? 'what gives it' : `agents.${agent}`} or ${accept}: [{ rule: ${f.rule}, reason }]`,
  };
}

/**
 * Prints a topology's warnings, one `formatWarning` line each: `vault-a2a validate`, `vault-a2a
 * synth` and the cdktf app all report them this way (on stderr), whether or not the topology is
 * refused; a warning never changes the exit code.
 */
export function writeWarnings(warnings: readonly TopologyIssue[], write: (text: string) => void): void {
  for (const warning of warnings) write(`${formatWarning(warning)}\n`);
}

/** `warnings`: what the topology should still change, known once it could be read (see `writeWarnings`). */
export type TopologyStackResult =
  | {
      readonly ok: true;
      readonly app: App;
      /** The topology's stack; for an organization, its shared stack. */
      readonly stack: AgentTopologyStack;
      /** Every stack: the one, or the organization's shared stack then its team stacks by name. */
      readonly stacks: readonly AgentTopologyStack[];
      readonly warnings: readonly TopologyIssue[];
    }
  | { readonly ok: false; readonly message: string; readonly warnings: readonly TopologyIssue[] };

function refusal(file: string, issues: readonly TopologyIssue[]): string {
  const count = `${issues.length} error${issues.length === 1 ? '' : 's'} in ${file}`;
  return `${issues.map(formatIssue).join('\n')}\n${count}; nothing written`;
}

/**
 * Validates `file` completely, then creates the app (`new App()` already creates its output
 * directory, so it must not exist before the input is known to be good) and adds the stack.
 * Nothing is created when the topology is invalid or would render unsafe configuration. The
 * stack's least-privilege checks run when the app synthesizes, with the same `limits`.
 */
export function topologyApp(file: string, createApp: () => App, options: TopologyFileOptions = {}): TopologyStackResult {
  const valid = validatedForBuild(file, options);
  if (!valid.ok) return valid;
  options.onStep?.(`building the stack${valid.topology.organization ? 's' : ''} of ${valid.topology.agents.length} agents`);
  const app = createApp();
  return built(file, valid.warnings, () => {
    const stacks = topologyStacks(app, valid.topology, checksOf(valid.limits), valid.compileOnce);
    singleResolveHcl(app, stacks);
    return { ok: true, app, stack: stacks[0]!, stacks, warnings: valid.warnings };
  });
}

type Validated =
  | { readonly ok: true; readonly topology: NormalizedTopology; readonly compileOnce: (topology: NormalizedTopology) => AccessPlan; readonly limits: TopologyLimits; readonly warnings: readonly TopologyIssue[] }
  | { readonly ok: false; readonly message: string; readonly warnings: readonly TopologyIssue[] };

/** The validation synth runs before building anything, with the plan compiled once for the checks and the stacks. */
function validatedForBuild(file: string, options: TopologyFileOptions): Validated {
  const { cwd, onStep, ...limits } = options;
  onStep?.(`validating ${file}`);
  // The plan checks and the stack compile the same topology: once.
  const plans = new WeakMap<NormalizedTopology, AccessPlan>();
  const compileOnce = (topology: NormalizedTopology): AccessPlan => {
    let plan = plans.get(topology);
    if (!plan) plans.set(topology, (plan = compile(topology)));
    return plan;
  };
  const result = validateTopologyFileAt(file, cwd, { limits, derived: synthChecks(limits, compileOnce) });
  if (!result.ok) return { ok: false, message: refusal(file, result.issues), warnings: result.warnings };
  return { ok: true, topology: result.topology, compileOnce, limits, warnings: result.warnings };
}

/** Runs `build`; what the constructs refuse (the loader should have refused it first) becomes a refusal. */
function built<T>(file: string, warnings: readonly TopologyIssue[], build: () => T): T | { ok: false; message: string; warnings: readonly TopologyIssue[] } {
  try {
    return build();
  } catch (err) {
    if (err instanceof InvalidPropsError || err instanceof PolicyDocumentError) {
      return { ok: false, message: `${file}: the topology renders unsafe or invalid Vault configuration:\n${err.message}`, warnings };
    }
    throw err;
  }
}

/**
 * cdktf 0.21 bug: `new App({ hclOutput: true })` names the file cdk.tf, but each stack's
 * synthesizer only looks at the SYNTH_HCL_OUTPUT environment variable and writes JSON into it.
 */
function singleResolveHcl(app: App, stacks: readonly AgentTopologyStack[]): void {
  if (app.hclOutput) for (const stack of stacks) stack.synthesizer = new SingleResolveSynthesizer(stack, false, true);
}

/** cdktf's message when a validation (our least-privilege Aspect among them) fails synth. */
const VALIDATION_FAILED = 'Validation failed with the following errors:';

export type SynthResult =
  | { readonly ok: true; readonly stackName: string; readonly stackNames: readonly string[]; readonly warnings: readonly TopologyIssue[] }
  | { readonly ok: false; readonly message: string; readonly warnings: readonly TopologyIssue[] };

export interface SynthOptions extends TopologyFileOptions {
  readonly hcl?: boolean;
}

/**
 * Validates and synthesizes `file` into `outdir` (the cdktf.out layout). Synthesis happens in a
 * temporary directory that is moved into place only when everything succeeded, so an invalid
 * topology, or one the least-privilege checks refuse, leaves `outdir` exactly as it was.
 */
export function synthTopologyFile(file: string, outdir: string, options: SynthOptions = {}): SynthResult {
  const { hcl, ...fileOptions } = options;
  const target = path.resolve(options.cwd ?? process.cwd(), outdir);
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-synth-'));
  try {
    const valid = validatedForBuild(file, fileOptions);
    if (!valid.ok) return valid;
    const createApp = () => new App({ outdir: staging, hclOutput: hcl === true });
    let stackNames: readonly string[];
    if (valid.topology.organization === undefined) {
      options.onStep?.(`building the stack of ${valid.topology.agents.length} agents`);
      const app = createApp();
      const stacks = built(file, valid.warnings, () => topologyStacks(app, valid.topology, checksOf(valid.limits), valid.compileOnce));
      if (!Array.isArray(stacks)) return stacks;
      singleResolveHcl(app, stacks);
      options.onStep?.('synthesizing, with the least-privilege checks');
      const refused = synthesized(file, fileOptions, valid.warnings, () => app.synth());
      if (refused !== undefined) return refused;
      stackNames = stacks.map((st) => st.node.id);
    } else {
      const names = synthOrganization(file, fileOptions, valid, createApp, staging);
      if (!Array.isArray(names)) return names as Extract<SynthResult, { ok: false }>;
      stackNames = names;
    }
    options.onStep?.(`writing ${outdir}`);
    fs.mkdirSync(target, { recursive: true });
    fs.cpSync(staging, target, { recursive: true });
    return { ok: true, stackName: stackNames[0]!, stackNames, warnings: valid.warnings };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Runs `synth`; a least-privilege refusal becomes the refusal `synth` reports (undefined: synthesized). */
function synthesized(file: string, options: TopologyFileOptions, warnings: readonly TopologyIssue[], synth: () => void): Extract<SynthResult, { ok: false }> | undefined {
  try {
    synth();
    return undefined;
  } catch (err) {
    if (err instanceof Error && err.message.startsWith(VALIDATION_FAILED)) {
      // `validate` maps the same findings to the topology; say it in those terms when it can.
      const validation = validateTopology(file, options);
      if (!validation.ok) return { ok: false, message: refusal(file, validation.issues), warnings: validation.warnings };
      // Drop cdktf's advice to pass skipValidation: the way to accept a finding is a suppression
      // with a reason in the topology.
      const findings = err.message.slice(VALIDATION_FAILED.length).split('\n').filter((l) => l.trim().startsWith('['));
      return {
        ok: false,
        message: `${file}: the least-privilege checks refuse the synthesized stack:\n${findings.join('\n')}\nAccept a finding only with agents.<agent>.suppressions: [{ rule, reason }]; nothing written`,
        warnings,
      };
    }
    throw err;
  }
}

/**
 * An organization synthesized one stack at a time, each in an App of its own over the same output
 * directory, so only one stack's constructs are alive at once: peak memory is that of the largest
 * stack, not of the organization. Each App's manifest holds its one stack; their entries, each with
 * the stacks it depends on, are written as the manifest one App of every stack writes (cdktf's own
 * `Manifest`, so the bytes are the same).
 */
function synthOrganization(file: string, options: SynthOptions, valid: Extract<Validated, { ok: true }>, createApp: () => App, outdir: string): readonly string[] | Extract<SynthResult, { ok: false }> {
  const { topology, compileOnce, limits, warnings } = valid;
  const split = organizationPlan(topology, compileOnce(topology));
  const backend = split.organization.backend;
  let manifest: Manifest | undefined;
  for (const [i, s] of split.stacks.entries()) {
    options.onStep?.(`synthesizing stack ${i + 1}/${split.stacks.length} (${s.name}), with the least-privilege checks`);
    const app = createApp();
    const stack = built(file, warnings, () => organizationStack(app, topology, backend, s, checksOf(limits)));
    if (!(stack instanceof AgentTopologyStack)) return stack;
    singleResolveHcl(app, [stack]);
    const refused = synthesized(file, options, warnings, () => app.synth());
    if (refused !== undefined) return refused;
    manifest ??= new Manifest(app.manifest.version, outdir, app.hclOutput);
    // The stack's dependencies are other Apps' stacks: by name, as cdktf records a stack's path.
    manifest.stacks[s.name] = { ...app.manifest.stacks[s.name]!, dependencies: [...s.dependsOn] };
  }
  manifest?.writeToFile();
  return split.stacks.map((s) => s.name);
}
