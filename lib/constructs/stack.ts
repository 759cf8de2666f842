/**
 * `AgentTopologyStack`: one Terraform stack per topology. It compiles the topology to an access
 * plan, configures the Vault provider from it and renders it with `A2aVaultTopology`.
 *
 * The provider gets the address and namespace only: credentials come from the environment
 * (`VAULT_TOKEN`, or the provider's auth_login settings), never from the synthesized JSON.
 *
 * Backend: by default a `LocalBackend` keeping `terraform.<stack>.tfstate` next to the output
 * directory (see `defaultStatePath`). The path is relative: cdktf's own default writes an absolute
 * path, which would make the output differ per checkout. Any other CDKTF backend can be passed as
 * a factory.
 *
 * HCL output (`vault-a2a synth --hcl`, `cdktf synth --hcl`) is the synthesized JSON written by our
 * own HCL writer (`stackHcl`, lib/constructs/hcl.ts), not by cdktf's renderer, which emits
 * unescaped quotes inside strings holding references and unformatted text. Both outputs mean the
 * same configuration, and `terraform fmt` leaves the HCL unchanged.
 *
 * One resolve per synthesis: CDKTF's synthesizer runs the validations (among them the synth-time
 * least-privilege checks, which read the stack's final JSON) and then resolves the stack again to
 * write it. Within one `synthesize` (see `SingleResolveSynthesizer`) this stack resolves once and
 * hands the checks and the writer the same JSON; outside it, every `toTerraform()` resolves anew.
 *
 * `//` comments: cdktf writes `{ "metadata": { "path", "uniqueId" } }` on every block, about a
 * third of the file; the construct path repeats the block's name, and nothing reads it (not
 * Terraform, not the checks, not the review commands). The stack keeps the top-level `//` (stack
 * name, backend, output paths) and every other `//` entry (in-document suppressions,
 * `a2a_suppressions`), and drops the per-block `metadata` from each element's fragment before it is
 * resolved, so the resolve does not walk it.
 */
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { AnnotationMetadataEntryType, LocalBackend, TerraformOutput, TerraformStack, type ISynthesisSession, type TerraformBackend } from 'cdktf';
// Not re-exported by the package index; cdktf 0.21.0 is the last release, so the paths are stable.
import { resolve } from 'cdktf/lib/_tokens';
import { invokeAspects, StackSynthesizer, type ICustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { encounteredAnnotationWithLevelError, stackValidationFailure } from 'cdktf/lib/errors';
import { ValidateTerraformVersion } from 'cdktf/lib/validations/validate-terraform-version';
import { deepMerge } from 'cdktf/lib/util';
import { ConstructOrder, type Construct } from 'constructs';
import * as fs from 'fs';
import * as path from 'path';
import { compile as compilePlan } from '../plan/compile';
import type { AccessPlan } from '../plan/types';
import type { NormalizedTopology } from '../topology/normalized';
import type { Adoption } from './adoption';
import { stackElements, stackHcl } from './hcl';
import { terraformText } from './terraform-text';
import { withoutTokenTraces } from './token-traces';
import { mergeResolved, resolveFast } from './fast-resolve';
import { writeStableJson } from './stable-json';
import { TopologyValidationError } from '../topology/errors';
import { formatPath } from '../topology/path';
import { planObjectIssues } from '../plan/validate-plan';
import type { LeastPrivilegeChecks } from './least-privilege';
import { A2aVaultTopology } from './topology';

/**
 * The default local state file, as the backend's `path`: relative to the directory Terraform runs
 * in, `<outdir>/stacks/<stack>/` (cdktf deploy runs there), three levels up, so next to the output
 * directory: with the default `cdktf.out`, the project root, where cdktf's own default keeps it.
 * Not inside the output directory, which is build output (gitignored, and `rm -rf cdktf.out`
 * would delete the state with it); not absolute, as cdktf's default is, so the synthesized JSON is
 * the same on every machine and in every directory.
 */
export function defaultStatePath(stackName: string): string {
  return `../../../terraform.${stackName}.tfstate`;
}

export interface AgentTopologyStackProps {
  readonly topology: NormalizedTopology;
  /** Topology → plan. Default: the project's compiler (`lib/plan/compile`). */
  readonly compile?: (topology: NormalizedTopology) => AccessPlan;
  /** Creates the state backend in the stack. Default: local, `terraform.<stack>.tfstate` next to the output directory (`defaultStatePath`). */
  readonly backend?: (scope: Construct) => TerraformBackend;
  /** Synth-time least-privilege checks; default on. See `A2aVaultTopologyProps.checks`. */
  readonly checks?: LeastPrivilegeChecks;
  /** Existing users and agents to import instead of create. See `A2aVaultTopologyProps.adopt`. */
  readonly adopt?: Adoption;
}

/**
 * cdktf's synthesizer (`StackSynthesizer.synthesize` of cdktf 0.21.0, its last release, step by
 * step), with the stack's JSON resolved once for the whole `synthesize` call: the validations
 * (the synth-time checks) and the file written read the same resolution. Between the two cdktf
 * runs only custom synthesis (assets) and the annotation collection, which do not change the
 * configuration. Other differences, none changing a byte or a message: the validation errors
 * and the annotations are collected in one pass (cdktf copies the list gathered so far at every
 * construct, which grows with the square of the stack when the checks report many findings), and
 * the JSON is written in chunks as it is produced rather than built as one string first
 * (stable-json.ts).
 */
export class SingleResolveSynthesizer extends StackSynthesizer {
  constructor(
    private readonly target: AgentTopologyStack,
    private readonly continueOnErrors: boolean,
    private readonly hcl: boolean,
  ) {
    super(target, continueOnErrors, hcl);
  }

  override synthesize(session: ISynthesisSession): void {
    this.target.resolveOncePerSynthesis(() => this.synthesizeStack(session));
  }

  private synthesizeStack(session: ISynthesisSession): void {
    const stack = this.target;
    invokeAspects(stack);
    if (stack.hasResourceMove()) {
      stack.node.addValidation(new ValidateTerraformVersion('>=1.5', 'Resource move functionality is only supported for Terraform >=1.5. Please upgrade your Terraform version.'));
    }
    if (!session.skipValidation) runAllValidations(stack);
    const stackManifest = session.manifest.forStack(stack);
    const workingDirectory = path.join(session.outdir, stackManifest.workingDirectory);
    if (!fs.existsSync(workingDirectory)) fs.mkdirSync(workingDirectory);
    // Custom synthesis on child nodes, leaves first.
    for (const node of stack.node.findAll(ConstructOrder.POSTORDER)) (node as unknown as Record<symbol, ICustomSynthesis | undefined>)[CUSTOM_SYNTHESIS]?.onSynthesize(session);
    const annotations = stack.node.findAll().flatMap((node) =>
      node.node.metadata
        .filter((m) => ANNOTATION_TYPES.has(m.type))
        .map((m) => ({ constructPath: node.node.path, level: m.type as AnnotationMetadataEntryType, message: m.data as string, stacktrace: m.trace })),
    );
    (stackManifest as { annotations: typeof annotations }).annotations = annotations;
    const errors = annotations.filter((a) => a.level === AnnotationMetadataEntryType.ERROR);
    if (!this.continueOnErrors && errors.length > 0) {
      throw encounteredAnnotationWithLevelError(errors.map((a) => `[${a.constructPath}] ${a.message}`).join('\n'));
    }
    if (this.hcl) {
      const hcl = stack.toHclTerraform() as { hcl: string; metadata: unknown };
      fs.writeFileSync(path.join(session.outdir, stackManifest.synthesizedStackPath), hcl.hcl);
      writeStableJson(path.join(session.outdir, stackManifest.stackMetadataPath), hcl.metadata);
      return;
    }
    writeStableJson(path.join(session.outdir, stackManifest.synthesizedStackPath), stack.toTerraform());
  }
}

/**
 * cdktf's `TerraformStack.runAllValidations`, the same errors in the same message, gathered in
 * one pass: cdktf copies the list gathered so far at every construct, which grows with the
 * square of the stack when the checks refuse it with many findings.
 */
function runAllValidations(stack: TerraformStack): void {
  const errors = stack.node.findAll().flatMap((node) => node.node.validate().map((message) => ({ message, source: node })));
  if (errors.length > 0) throw stackValidationFailure(errors.map((e) => `[${e.source.node.path}] ${e.message}`).join('\n  '));
}

const CUSTOM_SYNTHESIS = Symbol.for('cdktf/customSynthesis');
const ANNOTATION_TYPES = new Set<string>([AnnotationMetadataEntryType.INFO, AnnotationMetadataEntryType.WARN, AnnotationMetadataEntryType.ERROR]);

/**
 * An element's fragment (`toTerraform()`, a fresh object each call) without cdktf's construct
 * `metadata` in its blocks' `//`, and without a `//` left empty, before it is resolved: the resolve
 * does not walk it, and the resolved blocks are built without it rather than deleted from after.
 * (cdktf's metadata was hidden before by a getter defined on every element; a property added to
 * an object with many properties after its construction turns it into a slow dictionary, which
 * made a third of the heap retained at 5,000 agents: 207 MiB after building, now 138 MiB.)
 */
function withoutBlockMetadata(fragment: Record<string, unknown>): Record<string, unknown> {
  for (const section of ['resource', 'data', 'module']) {
    const blocks = fragment[section];
    if (typeof blocks !== 'object' || blocks === null) continue;
    // `module` is name → body; `resource` and `data` are type → name → body.
    const bodies = section === 'module' ? [blocks] : Object.values(blocks as Record<string, unknown>);
    for (const byName of bodies) {
      if (typeof byName !== 'object' || byName === null) continue;
      for (const body of Object.values(byName as Record<string, unknown>)) {
        if (typeof body !== 'object' || body === null || !('//' in body)) continue;
        const comment = (body as Record<string, unknown>)['//'];
        if (typeof comment === 'object' && comment !== null && 'metadata' in comment) delete (comment as Record<string, unknown>).metadata;
        if (comment === undefined || (typeof comment === 'object' && comment !== null && Object.keys(comment).length === 0)) delete (body as Record<string, unknown>)['//'];
      }
    }
  }
  return fragment;
}

export class AgentTopologyStack extends TerraformStack {
  readonly plan: AccessPlan;
  readonly provider: VaultProvider;
  /** Aliased "root", without a namespace: present when the topology has audit and a vault.namespace. */
  readonly rootProvider?: VaultProvider;
  readonly backend: TerraformBackend;
  readonly topology: A2aVaultTopology;
  /** Set while a `SingleResolveSynthesizer` synthesizes this stack: the JSON, once resolved. */
  private synthesis?: { json?: Record<string, unknown> };

  constructor(scope: Construct, id: string, props: AgentTopologyStackProps) {
    super(scope, id);
    // The same flags as cdktf's default synthesizer (TerraformStack's constructor).
    this.synthesizer = new SingleResolveSynthesizer(
      this,
      process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined,
      process.env.SYNTH_HCL_OUTPUT === 'true' || process.env.SYNTH_HCL_OUTPUT === '1',
    );
    // Built without cdktf's token creation traces (token-traces.ts).
    const built = withoutTokenTraces(() => this.build(id, props));
    this.plan = built.plan;
    this.provider = built.provider;
    if (built.rootProvider) this.rootProvider = built.rootProvider;
    this.backend = built.backend;
    this.topology = built.topology;
  }

  private build(id: string, props: AgentTopologyStackProps): Pick<AgentTopologyStack, 'plan' | 'provider' | 'rootProvider' | 'backend' | 'topology'> {
    const plan = (props.compile ?? compilePlan)(props.topology);
    // Two topology entries that land on one Vault object (or a name Vault refuses) cannot be
    // rendered safely, whatever the checks settings: the loader's plan checks refuse them, and so
    // does the stack for topologies that did not go through them.
    const collisions = planObjectIssues(props.topology, plan);
    if (collisions.length > 0) {
      throw new TopologyValidationError(
        collisions.map((d) => ({
          path: formatPath(d.path),
          message: d.message,
          fix: d.fix,
          ...(d.related ? { related: d.related.map((r) => ({ path: formatPath(r.path) })) } : {}),
        })),
      );
    }
    const provider = new VaultProvider(this, 'vault', {
      address: terraformText(plan.vault.address),
      ...(plan.vault.namespace !== undefined ? { namespace: terraformText(plan.vault.namespace) } : {}),
    });
    // Audit devices and audited headers are configured from the root namespace only.
    const rootProvider = plan.audit?.fromRootNamespace ? new VaultProvider(this, 'vault-root', { alias: 'root', address: terraformText(plan.vault.address) }) : undefined;
    const backend = props.backend ? props.backend(this) : new LocalBackend(this, { path: defaultStatePath(id) });
    const topology = new A2aVaultTopology(this, 'topology', {
      plan,
      ...(rootProvider ? { rootProvider } : {}),
      ...(props.checks ? { checks: props.checks } : {}),
      ...(props.adopt ? { adopt: props.adopt } : {}),
    });
    return { plan, provider, rootProvider, backend, topology };
  }

  /** Runs `synthesize` with this stack's JSON resolved at most once (see `SingleResolveSynthesizer`). */
  resolveOncePerSynthesis(synthesize: () => void): void {
    this.synthesis = {};
    try {
      synthesize();
    } finally {
      this.synthesis = undefined;
    }
  }

  /**
   * cdktf's preparing resolve (App.synth runs it on every stack first) exists for references from
   * one stack into another: a reference resolved in a stack other than its own adds an output there
   * and a remote-state data source here. An app that holds this stack alone has no such reference,
   * and the pass costs about a third of synthesis, so it is skipped then (the backend is still
   * ensured); with other stacks in the app it runs as cdktf runs it.
   */
  override prepareStack(): void {
    const stacks = this.node.root.node.findAll().filter((c) => TerraformStack.isStack(c));
    if (stacks.length === 1 && stacks[0] === this) {
      this.ensureBackendExists();
      return;
    }
    withoutTokenTraces(() => super.prepareStack());
  }

  /** The stack's Terraform JSON, block `//` metadata dropped; resolved once per synthesis. */
  override toTerraform(): Record<string, unknown> {
    if (this.synthesis?.json) return this.synthesis.json;
    const json = withoutTokenTraces(() => this.resolveDocument());
    if (this.synthesis) this.synthesis.json = json;
    return json;
  }

  /**
   * cdktf's `TerraformStack.toTerraform` (0.21.0, its last release), without its last step:
   * resolving the whole merged document once more. Each element's fragment is resolved on its
   * own here, as there, and the stack's overrides before they are merged, so what is merged holds
   * no token left to resolve (the synthesized JSON is the same, test/constructs/synthesis-cost.test.ts).
   * Fragments are resolved with cdktf's resolve where they may hold a token and copied where they
   * cannot, and merged without a second copy (fast-resolve.ts).
   */
  private resolveDocument(): Record<string, unknown> {
    const elements = stackElements(this);
    const overrides = (this as unknown as { readonly rawOverrides: Record<string, unknown> }).rawOverrides;
    const metadata: Record<string, unknown> = {
      version: (this as unknown as { readonly cdktfVersion?: string }).cdktfVersion,
      stackName: this.node.id,
      backend: 'local', // overwritten by the backend's own metadata
      ...(Object.keys(overrides).length > 0 ? { overrides: { stack: Object.keys(overrides) } } : {}),
    };
    for (const element of elements) deepMerge(metadata, resolve(this, element.toMetadata()));
    if (metadata.version === undefined) delete metadata.version;
    const outputs: Record<string, unknown> = {};
    for (const element of elements) {
      if (!TerraformOutput.isTerraformOutput(element)) continue;
      const path = element.node.path.split('/');
      deepMerge(outputs, path.reduceRight<Record<string, unknown>>((inner, part) => ({ [part]: Object.keys(inner).length === 0 ? element.friendlyUniqueId : inner }), {}));
    }
    const document: Record<string, unknown> = { '//': { metadata, outputs } };
    for (const element of elements) mergeResolved(document, resolveFast(this, withoutBlockMetadata(element.toTerraform())) as Record<string, unknown>);
    deepMerge(document, resolve(this, overrides));
    return document;
  }

  /** The HCL of `cdk.tf`: the synthesized JSON, written as HCL that means the same. */
  override toHclTerraform(): { [key: string]: unknown } {
    return stackHcl(this);
  }
}
