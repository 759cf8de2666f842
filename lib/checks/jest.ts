/**
 * Jest matchers over synthesized stacks. Synchronous (they use the synchronous policy parser),
 * so no `await` is needed:
 *
 *   expect(Testing.synth(stack)).toPassLeastPrivilege();
 *   expect(Testing.synth(stack)).toPassLeastPrivilege({ plan: stack.plan }); // + intent comparison
 *   expect(Testing.synth(stack)).toMatchIntendedAccess(stack.plan);      // or a NormalizedTopology
 *   expect(Testing.synth(stack)).toHaveExactAccess('entity:test-client', {
 *     vaultPaths: { 'identity/oidc/client/test-client': ['read'] },
 *     scopes: ['hello-world.hello_world.read'],
 *   });
 *
 * Register them once with `setupFilesAfterEnv: ['cdktf-vault-a2a/dist/lib/checks/jest-setup']`
 * in jest.config.js, or call `setupLeastPrivilegeMatchers()` in a test file.
 */
import type { PrincipalAccess } from '../analysis/access-types';
import { accessFacts } from '../analysis/facts';
import type { FactDelta } from '../analysis/facts-compare';
import { IntendedAccess, proveIntent } from '../analysis/facts-intended';
import { describePrincipal } from '../analysis/facts-describe';
import { compile } from '../plan/compile';
import type { AccessPlan } from '../plan/types';
import type { NormalizedTopology } from '../topology/normalized';
import { analyzeStacksSync, CheckOptions, hasBlockingFindings, StackAnalysis, StackInput } from './check';
import type { Capability } from '../vault/capabilities';
import { formatText } from './reporters/text';
import { compareStrings } from '../vault/order';
import { own } from '../vault/own';

/** What a principal may do, facet by facet; only the facets given are compared, each exactly. */
export interface ExactAccess {
  /** Merged ACL: pattern → capabilities (the default policy's stanza included when attached). */
  readonly vaultPaths?: Readonly<Record<string, readonly Capability[]>>;
  /** Names of attached policies (`default` included when attached). */
  readonly policies?: readonly string[];
  readonly clientCredentials?: readonly string[];
  /** Identity-token roles it can mint. */
  readonly identityTokens?: readonly string[];
  /** Scope names it can obtain, as client or as end user. */
  readonly scopes?: readonly string[];
  /** Clients it may sign in through as an end user. */
  readonly signIn?: readonly string[];
  readonly canIntrospect?: boolean;
}

interface MatcherResult {
  pass: boolean;
  message(): string;
}

interface MatcherThis {
  readonly isNot?: boolean;
}

function analyses(received: unknown, options?: CheckOptions): StackAnalysis[] {
  return analyzeStacksSync(received as StackInput, options);
}

function actualFacets(p: PrincipalAccess): Required<ExactAccess> {
  return {
    vaultPaths: Object.fromEntries(p.acl.map((r) => [r.pattern, [...r.capabilities]])),
    policies: [...new Set(p.policies.map((a) => a.name))].sort(compareStrings),
    clientCredentials: [...p.clientCredentials],
    identityTokens: p.identityTokens.map((t) => t.role),
    scopes: [...new Set(p.scopes.map((s) => s.scope))].sort(compareStrings),
    signIn: [...p.signIn],
    canIntrospect: p.canIntrospect,
  };
}

function normalize(facet: keyof ExactAccess, value: unknown): unknown {
  if (facet === 'vaultPaths') {
    const entries = Object.entries(value as Record<string, readonly string[]>).map(([k, v]) => [k, [...v].sort(compareStrings)] as const);
    return Object.fromEntries(entries.sort(([a], [b]) => compareStrings(a, b)));
  }
  if (Array.isArray(value)) return [...(value as string[])].sort(compareStrings);
  return value;
}

function planOf(intent: AccessPlan | NormalizedTopology): AccessPlan {
  return 'grants' in intent ? intent : compile(intent);
}

function deltaLine(d: FactDelta): string {
  return `  ${describePrincipal(d.principal)} ${d.text}${d.resources.length > 0 ? ` [${d.resources.join(', ')}]` : ''}`;
}

export const leastPrivilegeMatchers = {
  /**
   * Passes when every principal's effective access in the stack equals what the plan (or the
   * topology, compiled) grants: nothing more (A2A-INTENT-EXCESS, what the model cannot read
   * included) and nothing less. The same comparison as `check --topology` and the Aspect.
   */
  toMatchIntendedAccess(this: MatcherThis, received: unknown, intent: AccessPlan | NormalizedTopology, options?: CheckOptions): MatcherResult {
    const intended = IntendedAccess.of(planOf(intent));
    const lines: string[] = [];
    for (const a of analyses(received, options)) {
      // Structurally when the stack's model is the plan's, else fact by fact (facts-intended.ts).
      const { extra, missing } = proveIntent(intended, a.model, () => accessFacts(a.model), { full: options?.fullIntentProof === true }).comparison;
      if (extra.length > 0) lines.push(`${a.stack.name}: more than intended:`, ...extra.map(deltaLine));
      if (missing.length > 0) lines.push(`${a.stack.name}: less than intended:`, ...missing.map(deltaLine));
    }
    const pass = lines.length === 0;
    return {
      pass,
      message: () => (pass ? 'expected the stack to differ from the intended access, but it grants exactly that' : `expected the stack to grant exactly the intended access:\n${lines.join('\n')}`),
    };
  },

  /** Passes when the stack has no unsuppressed error-level finding. */
  toPassLeastPrivilege(this: MatcherThis, received: unknown, options?: CheckOptions): MatcherResult {
    const findings = analyses(received, options).flatMap((a) => a.findings);
    const pass = !hasBlockingFindings(findings);
    return {
      pass,
      message: () =>
        pass
          ? 'expected least-privilege errors, but the stack has none'
          : `expected the stack to pass the least-privilege checks:\n${formatText(findings.filter((f) => f.severity === 'error' && !f.suppressed), 1)}`,
    };
  },

  /** Passes when the principal's access equals `expected` in every facet given. */
  toHaveExactAccess(this: MatcherThis, received: unknown, principal: string, expected: ExactAccess, options?: CheckOptions): MatcherResult {
    const all = analyses(received, options);
    const found = all.map((a) => own(a.access.principals, principal)).find((p): p is PrincipalAccess => p !== undefined);
    if (!found) {
      const ids = all.flatMap((a) => Object.keys(a.access.principals));
      return { pass: false, message: () => `no principal "${principal}" in the stack; principals: ${ids.join(', ')}` };
    }
    const actual = actualFacets(found);
    const diffs: string[] = [];
    for (const facet of Object.keys(expected) as (keyof ExactAccess)[]) {
      const want = JSON.stringify(normalize(facet, expected[facet]));
      const got = JSON.stringify(normalize(facet, actual[facet]));
      if (want !== got) diffs.push(`  ${facet}:\n    expected ${want}\n    actual   ${got}`);
    }
    const pass = diffs.length === 0;
    return {
      pass,
      message: () => (pass ? `expected ${principal} not to have exactly this access, but it does` : `${principal} does not have exactly the expected access:\n${diffs.join('\n')}`),
    };
  },
};

/** Registers the matchers on jest's `expect` (or the one given). */
export function setupLeastPrivilegeMatchers(target?: { extend(matchers: object): void }): void {
  const e = target ?? (globalThis as unknown as { expect?: { extend(matchers: object): void } }).expect;
  if (!e) throw new Error('setupLeastPrivilegeMatchers: no jest `expect` found; call it from a jest setup file');
  e.extend(leastPrivilegeMatchers);
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toPassLeastPrivilege(options?: CheckOptions): R;
      toMatchIntendedAccess(intent: AccessPlan | NormalizedTopology, options?: CheckOptions): R;
      toHaveExactAccess(principal: string, expected: ExactAccess, options?: CheckOptions): R;
    }
  }
}
