/**
 * Property: for generated topologies, `validate` accepts exactly when `synth` writes the stack,
 * under the same limits. The generator aims at the places the two used to disagree: TTLs around
 * the check limits (set or defaulted, with and without an agent's suppression, governing objects
 * or nothing), configured limits, logins that share a service account or JWT subject, user login
 * names that collide (in case too), names ending in "-", and delegation whose bound is partly or
 * wholly empty. The static checks alone (without the in-memory synth) must agree too, except
 * where a suppression names a Terraform address (only the built stack can match it, so the static
 * TTL check defers to the backstop there): the backstop is for gaps, and this property says there
 * are none elsewhere in this space.
 *
 * In-process (lib/app), not through the binary; each run synthesizes, so few runs.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { synthTopologyFile, validateTopology } from '../../lib/app';
import { planChecks } from '../../lib/plan/validate-plan';
import { validateTopologyFile } from '../../lib/topology/load';
import { formatIssue } from '../../lib/topology';

let tmp: string;
beforeAll(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-vs-'))));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Mostly values every limit accepts, so that both verdicts occur often. */
const ttl = fc.oneof({ arbitrary: fc.constantFrom(undefined, '5m', '10m'), weight: 6 }, { arbitrary: fc.constantFrom('15m', '45m', '90m', '2h'), weight: 1 });
const accessLimit = fc.oneof({ arbitrary: fc.constant(1800), weight: 4 }, { arbitrary: fc.constantFrom(600, 3600), weight: 1 });
const loginLimit = fc.oneof({ arbitrary: fc.constant(3600), weight: 4 }, { arbitrary: fc.constantFrom(1800, 7200), weight: 1 });
const rare = (weight: number) => fc.oneof({ arbitrary: fc.constant(false), weight }, { arbitrary: fc.constant(true), weight: 1 });
const RULES = ['A2A-TTL-OIDC-TOKEN', 'A2A-TTL-IDENTITY-TOKEN', 'A2A-TTL-LOGIN-TOKEN'] as const;

const suppression = fc.option(
  fc.record({ rule: fc.constantFrom(...RULES), resource: fc.constantFrom(undefined, 'principal', 'address') }),
  { nil: undefined, freq: 2 },
);
const login = fc.oneof(
  fc.record({ kind: fc.constant('k8s' as const), sa: fc.constantFrom('a', 'b', 'c'), ns: fc.constantFrom('x', 'y') }),
  fc.record({ kind: fc.constant('jwt' as const), subject: fc.constantFrom('spiffe://e/a', 'spiffe://e/A', 'spiffe://e/b', 'spiffe://e/c') }),
  fc.constant({ kind: 'approle' as const }),
);
const alias = fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: fc.constantFrom('u0', 'U0', 'u1', 'x'), weight: 1 });

const shape = fc.record({
  ttl: fc.record({ accessTokenTtl: ttl, idTokenTtl: ttl, identityTokenTtl: ttl, loginTokenTtl: ttl }),
  limits: fc.record({ maxAccessTtlSeconds: accessLimit, maxLoginTtlSeconds: loginLimit }),
  aliases: fc.array(alias, { minLength: 2, maxLength: 2 }),
  browser: fc.record({ login, grants: fc.subarray(['read', 'write']), suppression, trailingDash: rare(12) }),
  headless: fc.option(fc.record({ login, grants: fc.subarray(['read', 'write'], { minLength: 1 }), suppression, actsFor: fc.subarray(['u0', 'u1']) }), { nil: undefined }),
});
type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;

function loginOf(l: Shape['browser']['login']): Record<string, unknown> {
  switch (l.kind) {
    case 'k8s':
      return { mount: 'k8s', serviceAccount: l.sa, namespace: l.ns };
    case 'jwt':
      return { mount: 'spiffe', subject: l.subject, audiences: ['vault'] };
    case 'approle':
      return { mount: 'ar' };
  }
}

const MOUNT_PATH = { k8s: 'kubernetes', jwt: 'jwt', approle: 'approle' } as const;

function suppressionsOf(agent: string, s: Shape['browser']['suppression'], l: Shape['browser']['login']): Record<string, unknown> {
  if (!s) return {};
  const principal = { 'A2A-TTL-OIDC-TOKEN': `oidc-client:${agent}`, 'A2A-TTL-IDENTITY-TOKEN': `identity-token-role:${agent}.srv`, 'A2A-TTL-LOGIN-TOKEN': `login-role:${MOUNT_PATH[l.kind]}/${agent}` }[s.rule];
  const resource = s.resource === 'principal' ? { resource: principal } : s.resource === 'address' ? { resource: 'vault_policy.elsewhere' } : {};
  return { suppressions: [{ rule: s.rule, ...resource, reason: 'accepted for the property test' }] };
}

function topologyOf(s: Shape): string {
  const browser = s.browser.trailingDash ? 'app-' : 'app';
  const agents: Record<string, unknown> = {
    srv: { url: 'https://srv.example.com', skills: [{ id: 'work', actions: ['read', 'write'] }] },
    [browser]: {
      login: loginOf(s.browser.login),
      oidc: { redirectUris: ['https://app.example.com/cb'], users: ['u0', 'u1'] },
      ...(s.browser.grants.length ? { calls: [{ agent: 'srv', grants: s.browser.grants.map((g) => `work:${g}`) }] } : {}),
      ...suppressionsOf(browser, s.browser.suppression, s.browser.login),
    },
  };
  if (s.headless) {
    agents.bot = {
      login: loginOf(s.headless.login),
      headless: true,
      calls: [{ agent: 'srv', grants: s.headless.grants.map((g) => `work:${g}`) }],
      ...(s.headless.actsFor.length ? { actsFor: s.headless.actsFor } : {}),
      ...suppressionsOf('bot', s.headless.suppression, s.headless.login),
    };
  }
  const defaults = Object.fromEntries(Object.entries(s.ttl).filter(([, v]) => v !== undefined));
  return stringify({
    version: 1,
    name: 'prop',
    vault: { address: 'https://vault.example.com:8200' },
    ...(Object.keys(defaults).length ? { defaults } : {}),
    authMounts: {
      k8s: { type: 'kubernetes', path: 'kubernetes' },
      spiffe: { type: 'jwt', path: 'jwt' },
      ar: { type: 'approle', path: 'approle' },
      up: { type: 'userpass', path: 'userpass' },
    },
    users: Object.fromEntries(s.aliases.map((alias, i) => [`u${i}`, { mount: 'up', ...(alias ? { alias } : {}) }])),
    agents,
    ...(s.headless?.actsFor.length ? { tokenExchange: { mount: 'delegation', plugin: 'vault-plugin-identity-delegation' } } : {}),
  });
}

test('validate accepts ⇔ synth writes the stack (and the static checks alone agree)', () => {
  let n = 0;
  const seen = { accepted: 0, refused: 0 };
  fc.assert(
    fc.property(shape, (s) => {
      const file = path.join(tmp, `t${n}.yaml`);
      fs.writeFileSync(file, topologyOf(s));
      const out = path.join(tmp, `out${n++}`);
      const synth = synthTopologyFile(file, out, s.limits);
      const validate = validateTopology(file, s.limits);
      const staticOnly = validateTopologyFile(file, { limits: s.limits, derived: planChecks(s.limits) });
      const why = [
        `synth: ${synth.ok ? 'ok' : synth.message}`,
        `validate: ${validate.ok ? 'ok' : validate.issues.map(formatIssue).join('\n')}`,
      ].join('\n');
      if (validate.ok !== synth.ok) throw new Error(`validate and synth disagree on\n${topologyOf(s)}\n${why}`);
      // The static checks never refuse what synth writes; they decide alone except where a
      // suppression names a Terraform address, which only the built stack can match.
      const byAddress = [s.browser.suppression, s.headless?.suppression].some((x) => x?.resource === 'address');
      if (!staticOnly.ok && synth.ok) throw new Error(`the static checks refuse what synth writes:\n${topologyOf(s)}\n${why}`);
      if (!byAddress && staticOnly.ok !== synth.ok) throw new Error(`the static checks leave a refusal to the backstop:\n${topologyOf(s)}\n${why}`);
      expect(fs.existsSync(out)).toBe(synth.ok);
      seen[synth.ok ? 'accepted' : 'refused']++;
    }),
    { numRuns: 60 },
  );
  // The space is only interesting if both verdicts occur.
  expect(seen.accepted).toBeGreaterThan(0);
  expect(seen.refused).toBeGreaterThan(0);
});
