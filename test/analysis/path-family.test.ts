import fc from 'fast-check';
import { AUTHORIZE_SHAPE, CLIENT_SECRET_SHAPE, PathFamily } from '../../lib/analysis/access';
import { allows, mergePolicies, type AclRule } from '../../lib/analysis/acl';
import type { Capability } from '../../lib/vault/capabilities';

// PathFamily answers once per set of rules reaching its shape and shares the answer between
// ACLs; it must answer exactly what asking Vault's evaluator about each name does.
const segment = fc.constantFrom('identity', 'oidc', 'client', 'provider', 'authorize', 'a', 'b', 'ab', '+', '', 'a+');
const pattern = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.boolean()).map(([segs, glob]) => `${segs.join('/')}${glob ? '*' : ''}`);
const capabilities = fc.subarray<Capability>(['read', 'update', 'list', 'deny'], { minLength: 1 });
const policy = fc.array(fc.record({ path: fc.oneof(pattern, fc.constantFrom('identity/oidc/client/a', 'identity/oidc/provider/+/authorize', 'identity/oidc/client/*')), capabilities }), {
  maxLength: 5,
});
const acl = fc.array(policy, { minLength: 1, maxLength: 3 }).map((policies) => mergePolicies(policies.map((stanzas, i) => ({ name: `p${i}`, stanzas }))));
const names = fc.uniqueArray(fc.constantFrom('a', 'b', 'ab', '+', 'a*', '', '.', 'client', 'authorize'), { maxLength: 6 });

function oneByOne(family: PathFamily, rules: readonly AclRule[], ceiling: readonly AclRule[] | undefined, capability: Capability): string[] {
  return family.names.filter((n) => allows(rules, family.path(n), capability) && (!ceiling || allows(ceiling, family.path(n), capability)));
}

describe('PathFamily', () => {
  it.each([
    ['client secrets', CLIENT_SECRET_SHAPE, 'identity/oidc/client/', ''],
    ['authorize endpoints', AUTHORIZE_SHAPE, 'identity/oidc/provider/', '/authorize'],
  ] as const)('grants %s exactly as asking each path does, across ACLs sharing its answers', (_what, shape, prefix, suffix) => {
    fc.assert(
      fc.property(names, fc.array(fc.tuple(acl, fc.option(acl, { nil: undefined })), { minLength: 1, maxLength: 6 }), (family, acls) => {
        const f = new PathFamily(family, shape, prefix, suffix, 'read');
        for (const [rules, ceiling] of acls) expect(f.granted(rules, ceiling)).toEqual(oneByOne(f, rules, ceiling, 'read'));
        // The same ACLs again, now answered from what the first pass remembered.
        for (const [rules, ceiling] of acls) expect(f.granted(rules, ceiling)).toEqual(oneByOne(f, rules, ceiling, 'read'));
      }),
      { numRuns: 300 },
    );
  });

  it('shares one answer between ACLs that differ only in rules outside the family', () => {
    const f = new PathFamily(['x', 'y'], AUTHORIZE_SHAPE, 'identity/oidc/provider/', '/authorize', 'read');
    const base = { name: 'default', stanzas: [{ path: 'identity/oidc/provider/+/authorize', capabilities: ['read' as const] }] };
    const one = mergePolicies([base, { name: 'a', stanzas: [{ path: 'secret/a', capabilities: ['read'] }] }]);
    const two = mergePolicies([base, { name: 'b', stanzas: [{ path: 'identity/oidc/provider/y/authorize', capabilities: ['deny'] }] }]);
    expect(f.granted(one)).toEqual(['x', 'y']);
    expect(f.granted(two)).toEqual(['x']);
    expect(f.granted(one, two)).toEqual(['x']);
  });

  it('asks rule by rule when a name holds a `/` (its path is not of the shape)', () => {
    const f = new PathFamily(['a/b', 'c'], CLIENT_SECRET_SHAPE, 'identity/oidc/client/', '', 'read');
    const rules = mergePolicies([{ name: 'p', stanzas: [{ path: 'identity/oidc/client/a/b', capabilities: ['read'] }] }]);
    expect(f.granted(rules)).toEqual(['a/b']);
  });

  it('mergePolicies returns a frozen list, so an index built on it stays valid', () => {
    const rules = mergePolicies([{ name: 'p', stanzas: [{ path: 'secret/a', capabilities: ['read'] }] }]);
    expect(Object.isFrozen(rules)).toBe(true);
    expect(() => (rules as AclRule[]).push(rules[0]!)).toThrow(TypeError);
    expect(allows(rules, 'secret/a', 'read')).toBe(true);
  });
});
