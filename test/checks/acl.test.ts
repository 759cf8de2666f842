import fc from 'fast-check';
import {
  AclRule,
  allows,
  ANY,
  authorize,
  capabilitiesOf,
  comparePriority,
  evaluate,
  grantingPolicies,
  isWildcard,
  mergePolicies,
  Operation,
  patternCovers,
  patternMatches,
  patternReaches,
  PathShape,
  REST,
  shapeOf,
} from '../../lib/analysis/acl';
import type { Capability } from '../../lib/vault/capabilities';
import { parsePolicyTextSync } from '../../lib/analysis/hcl';

type Stanza = [pattern: string, caps: Capability[]];
interface Case {
  readonly name: string;
  /** One inner list per policy. */
  readonly policies: Stanza[][];
  readonly path: string;
  readonly expected: Capability[];
  /** Pattern expected to decide (when one does). */
  readonly decidedBy?: string;
}

const R: Capability[] = ['read'];
const U: Capability[] = ['update'];

const CASES: Case[] = [
  { name: 'exact match', policies: [[['secret/foo', R]]], path: 'secret/foo', expected: R, decidedBy: 'secret/foo' },
  { name: 'exact pattern does not match another path', policies: [[['secret/foo', R]]], path: 'secret/foo2', expected: [] },
  { name: 'glob is a string prefix', policies: [[['secret/foo*', R]]], path: 'secret/foobar', expected: R },
  { name: 'glob crosses segments', policies: [[['secret/foo*', R]]], path: 'secret/foo/x/y', expected: R },
  { name: 'glob needs its whole prefix', policies: [[['secret/foo*', R]]], path: 'secret/fo', expected: [] },
  { name: '+ matches one segment', policies: [[['secret/+/config', R]]], path: 'secret/a/config', expected: R },
  { name: '+ does not match two segments', policies: [[['secret/+/config', R]]], path: 'secret/a/b/config', expected: [] },
  { name: '+ does not match zero segments', policies: [[['secret/+/config', R]]], path: 'secret/config', expected: [] },
  { name: 'trailing + matches a dotted name', policies: [[['identity/oidc/token/+', R]]], path: 'identity/oidc/token/a.b', expected: R },
  { name: 'trailing + does not match deeper paths', policies: [[['identity/oidc/token/+', R]]], path: 'identity/oidc/token/a/b', expected: [] },
  { name: 'lone * matches everything', policies: [[['*', R]]], path: 'sys/mounts', expected: R },
  { name: '* in the middle is literal', policies: [[['sec*ret/x', R]]], path: 'secret/x', expected: [] },
  { name: 'a leading / on the request is ignored', policies: [[['secret/foo', R]]], path: '/secret/foo', expected: R },
  { name: 'glob after + spans the rest', policies: [[['secret/+/foo*', R]]], path: 'secret/a/foobar/x', expected: R },
  { name: 'glob after + still needs the + segment', policies: [[['secret/+/foo*', R]]], path: 'secret/a/b/foo', expected: [] },
  { name: 'no policies, no access', policies: [], path: 'secret/foo', expected: [] },
  { name: 'exact beats a broader glob', policies: [[['secret/foo', R], ['secret/*', U]]], path: 'secret/foo', expected: R, decidedBy: 'secret/foo' },
  { name: 'exact beats a longer-prefix glob', policies: [[['secret/foo', R], ['secret/fo*', U]]], path: 'secret/foo', expected: R, decidedBy: 'secret/foo' },
  { name: 'exact beats + too', policies: [[['secret/+', U], ['secret/a', R]]], path: 'secret/a', expected: R, decidedBy: 'secret/a' },
  {
    name: 'rule 1: later first wildcard wins (glob over +)',
    policies: [[['secret/a*', R], ['secret/+', U]]],
    path: 'secret/ab',
    expected: R,
    decidedBy: 'secret/a*',
  },
  {
    name: 'rule 1: later first wildcard wins (+ positions)',
    policies: [[['foo/bar/+/baz', R], ['foo/+/bar/baz', U]]],
    path: 'foo/bar/bar/baz',
    expected: R,
    decidedBy: 'foo/bar/+/baz',
  },
  { name: 'rule 1: glob after literal beats an earlier +', policies: [[['secret/+/x', U], ['secret/a*', R]]], path: 'secret/a/x', expected: R, decidedBy: 'secret/a*' },
  {
    name: 'rule 2: not ending in * wins at the same first wildcard',
    policies: [[['foo/+/ba*', U], ['foo/+/bar', R]]],
    path: 'foo/x/bar',
    expected: R,
    decidedBy: 'foo/+/bar',
  },
  {
    name: 'rule 3: fewer + segments win',
    policies: [[['foo/+/+/baz', U], ['foo/+/bar/baz', R]]],
    path: 'foo/x/bar/baz',
    expected: R,
    decidedBy: 'foo/+/bar/baz',
  },
  { name: 'rule 4: longer wins', policies: [[['foo/+/b*', U], ['foo/+/ba*', R]]], path: 'foo/x/bar', expected: R, decidedBy: 'foo/+/ba*' },
  { name: 'rule 4: longer pure prefix wins', policies: [[['secret/*', U], ['secret/app/*', R]]], path: 'secret/app/key', expected: R, decidedBy: 'secret/app/*' },
  { name: 'rule 5: lexicographically greater wins', policies: [[['+/+/b', U], ['+/a/+', R]]], path: 'x/a/b', expected: R, decidedBy: '+/a/+' },
  { name: 'identical patterns in two policies merge', policies: [[['secret/x', R]], [['secret/x', U]]], path: 'secret/x', expected: ['read', 'update'] },
  { name: 'deny wins within a merged pattern', policies: [[['secret/x', R]], [['secret/x', ['deny']]]], path: 'secret/x', expected: [] },
  { name: 'deny on a less specific glob does not override', policies: [[['secret/*', ['deny']], ['secret/x/*', R]]], path: 'secret/x/y', expected: R },
  { name: 'deny on a more specific glob wins', policies: [[['secret/*', R], ['secret/x/*', ['deny']]]], path: 'secret/x/y', expected: [] },
  { name: 'capabilities of different patterns do not add up', policies: [[['secret/*', R], ['secret/x*', U]]], path: 'secret/xy', expected: U, decidedBy: 'secret/x*' },
  { name: 'an empty stanza matches and grants nothing', policies: [[['secret/*', R], ['secret/x', []]]], path: 'secret/x', expected: [] },
  {
    name: "the default policy's authorize path",
    policies: [[['identity/oidc/provider/+/authorize', ['read', 'update']]]],
    path: 'identity/oidc/provider/test-client/authorize',
    expected: ['read', 'update'],
  },
  { name: 'merging across policies ranks like one policy', policies: [[['secret/*', R]], [['secret/app/*', U]]], path: 'secret/app/x', expected: U },
];

describe('Vault ACL evaluation', () => {
  test.each(CASES)('$name', ({ policies, path, expected, decidedBy }) => {
    const rules = mergePolicies(policies.map((stanzas, i) => ({ name: `p${i}`, stanzas: stanzas.map(([p, caps]) => ({ path: p, capabilities: caps })) })));
    const decision = evaluate(rules, path);
    expect([...decision.capabilities].sort()).toEqual([...expected].sort());
    if (decidedBy) expect(decision.rule?.pattern).toBe(decidedBy);
  });

  it('has at least 30 cases, covering every priority rule', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    for (const n of [1, 2, 3, 4, 5]) expect(CASES.some((c) => c.name.startsWith(`rule ${n}:`))).toBe(true);
  });

  it('reads the legacy policy shorthand and merges stanzas of one document', () => {
    const parsed = parsePolicyTextSync('legacy', 'path "secret/*" { policy = "write" }\npath "secret/*" { capabilities = ["sudo"] }');
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const rules = mergePolicies([{ name: 'legacy', stanzas: parsed.stanzas }]);
    expect(evaluate(rules, 'secret/a').capabilities).toEqual(['create', 'read', 'update', 'delete', 'list', 'sudo']);
  });

  it('orders priorities as a strict total order on distinct patterns', () => {
    const segment = fc.constantFrom('a', 'b', 'ab', '+', 'x', 'a+b', '+x');
    const pattern = fc
      .tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.boolean())
      .map(([segs, glob]) => `${segs.join('/')}${glob ? '*' : ''}`)
      .filter((p) => !p.includes('+*'));
    fc.assert(
      fc.property(pattern, pattern, (a, b) => {
        const ab = Math.sign(comparePriority(a, b));
        const ba = Math.sign(comparePriority(b, a));
        if (a === b) return ab === 0;
        return ab === -ba && ab !== 0;
      }),
    );
  });
});

/** One policy per inner list, as in CASES. */
function acl(...policies: Stanza[][]): AclRule[] {
  return mergePolicies(policies.map((stanzas, i) => ({ name: `p${i}`, stanzas: stanzas.map(([p, caps]) => ({ path: p, capabilities: caps })) })));
}

// vault/acl.go (AllowOperation): the exact rule; for LIST the exact rule of the path without one
// trailing "/"; for LIST on a path ending in "/" the wildcard rules against the path without it;
// then the wildcard rules against the path.
describe('LIST and the trailing "/" (vault/acl.go, AllowOperation)', () => {
  const L: Capability[] = ['list'];
  it('an exact rule on "a" decides LIST "a/", not READ "a/"', () => {
    const rules = acl([['secret/foo', ['list', 'read']]]);
    expect(authorize(rules, 'secret/foo/', 'list')).toMatchObject({ allowed: true, rule: { pattern: 'secret/foo' } });
    expect(allows(rules, 'secret/foo/', 'list')).toBe(true);
    expect(authorize(rules, 'secret/foo/', 'read').allowed).toBe(false);
    expect(allows(rules, 'secret/foo/', 'read')).toBe(false);
    expect(capabilitiesOf(rules, 'secret/foo/')).toEqual(['read', 'list']);
  });
  it('an exact rule on "a/" comes first, even when it does not grant list', () => {
    const rules = acl([['secret/foo/', R], ['secret/foo', L]]);
    expect(authorize(rules, 'secret/foo/', 'list')).toMatchObject({ allowed: false, rule: { pattern: 'secret/foo/' } });
  });
  it('only one trailing "/" is dropped', () => {
    expect(authorize(acl([['secret/foo', L]]), 'secret/foo//', 'list').allowed).toBe(false);
  });
  it('wildcards are asked about the path without "/" first, and that answer stands', () => {
    const rules = acl([['secret/fo*', L], ['secret/foo/*', R]]);
    // Without the "/" only secret/fo* matches; with it, secret/foo/* would have won.
    expect(authorize(rules, 'secret/foo/', 'list')).toMatchObject({ allowed: true, rule: { pattern: 'secret/fo*' } });
    expect(evaluate(rules, 'secret/foo/').rule?.pattern).toBe('secret/foo/*');
    // A segment wildcard matches "a/x" but not "a/x/".
    expect(authorize(acl([['a/+', L]]), 'a/x/', 'list').allowed).toBe(true);
    expect(authorize(acl([['a/+', R]]), 'a/x/', 'read').allowed).toBe(false);
  });
  it('a deny found without the "/" stands too', () => {
    expect(authorize(acl([['secret/foo', ['deny']], ['secret/*', L]]), 'secret/foo/', 'list').allowed).toBe(false);
  });
});

describe('segment-wildcard paths as Vault files them (vault/policy.go, parsePaths)', () => {
  it('takes the first wildcard position from the first "+" character, even inside a segment', () => {
    expect(shapeOf('foo/a+b/+')).toMatchObject({ kind: 'segment-wildcard', firstWildcard: 5, plusSegments: 1 });
    // foo/a+b* is a glob whose "*" is at 7: Vault ranks it above foo/a+b/+ (5), not below (8).
    const rules = acl([['foo/a+b/+', R], ['foo/a+b*', U]]);
    expect(evaluate(rules, 'foo/a+b/x')).toMatchObject({ capabilities: U, rule: { pattern: 'foo/a+b*' } });
  });
  it('files "/+" anywhere as a segment-wildcard path, matching its other segments literally', () => {
    expect(shapeOf('foo/+bar')).toMatchObject({ kind: 'segment-wildcard', plusSegments: 0 });
    expect(isWildcard('foo/+bar')).toBe(false);
    expect(patternMatches('foo/+bar', 'foo/+bar')).toBe(true);
    expect(patternMatches('foo/+bar', 'foo/xbar')).toBe(false);
    expect(shapeOf('+/a')).toMatchObject({ kind: 'segment-wildcard', firstWildcard: 0 });
    expect(shapeOf('a+b')).toMatchObject({ kind: 'exact' });
    expect(shapeOf('+a/b')).toMatchObject({ kind: 'exact' });
    // A segment-wildcard path with "*" keeps it as the prefix of its last segment.
    expect(shapeOf('foo/+/ba*')).toMatchObject({ kind: 'segment-wildcard', isPrefix: true, base: 'foo/+/ba' });
    expect(patternMatches('foo/+/ba*', 'foo/x/bar/more')).toBe(true);
    expect(patternMatches('foo/+/ba*', 'foo/x/b')).toBe(false);
  });
  it('lets "+" match an empty segment', () => {
    expect(patternMatches('foo/+/bar', 'foo//bar')).toBe(true);
    expect(patternMatches('foo/+', 'foo/')).toBe(true);
  });
});

describe('request and policy paths with a leading "/"', () => {
  it('ignores every leading "/" of a request (AllowOperation strips them all)', () => {
    expect(evaluate(acl([['secret/foo', R]]), '//secret/foo').capabilities).toEqual(R);
  });
  it('strips one leading "/" of a policy path, so "//a" is the rule "/a", which no request reaches', () => {
    const parsed = parsePolicyTextSync('p', 'path "//a" { capabilities = ["read"] }\npath "/b" { capabilities = ["read"] }');
    if (!parsed.ok) throw new Error(parsed.errors.join());
    expect(parsed.stanzas.map((s) => s.path).sort()).toEqual(['/a', 'b']);
    const rules = mergePolicies([{ name: 'p', stanzas: parsed.stanzas }]);
    expect(evaluate(rules, '/a').capabilities).toEqual([]);
    expect(evaluate(rules, 'a').capabilities).toEqual([]);
    expect(evaluate(rules, '/b').capabilities).toEqual(R);
  });
});

describe('merging and granting policies (vault/acl.go, NewACL)', () => {
  it('names per capability the policies that grant it', () => {
    const rules = acl([['kv/x', ['read', 'update']]], [['kv/x', R]]);
    expect(grantingPolicies(rules, 'kv/x', 'update')).toEqual(['p0']);
    expect(grantingPolicies(rules, 'kv/x', 'read')).toEqual(['p0', 'p1']);
    expect(grantingPolicies(rules, 'kv/x', 'revoke')).toEqual(['p0']);
    expect(grantingPolicies(rules, 'kv/x', 'delete')).toEqual([]);
    expect(grantingPolicies(rules, 'kv/x', 'help')).toEqual([]);
  });
  it('help is always allowed, revoke/renew/rollback need update', () => {
    const rules = acl([['kv/x', U]]);
    for (const op of ['help', 'revoke', 'renew', 'rollback', 'update'] as Operation[]) expect(authorize(rules, 'kv/x', op).allowed).toBe(true);
    expect(authorize([], 'anything', 'help')).toEqual({ allowed: true, rootPrivs: false });
  });
  it('deny wins whatever the order of the policies', () => {
    const stanza = fc.tuple(fc.constantFrom('a', 'a*', 'a/+', 'b'), fc.subarray(['read', 'update', 'list', 'deny'] as Capability[]));
    fc.assert(
      fc.property(fc.array(fc.array(stanza, { maxLength: 3 }), { minLength: 1, maxLength: 4 }), (policies) => {
        const forward = acl(...policies);
        const backward = acl(...[...policies].reverse());
        for (const rule of forward) {
          const denied = policies.some((p) => p.some(([path, caps]) => path === rule.pattern && caps.includes('deny')));
          expect(rule.capabilities.includes('deny')).toBe(denied);
          expect(backward.find((r) => r.pattern === rule.pattern)!.capabilities).toEqual(rule.capabilities);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the deciding rule, on random rule sets', () => {
  const seg = fc.constantFrom('a', 'b', 'ab', 'a+b', '+x', '');
  const pattern = fc
    .tuple(fc.array(fc.oneof(seg, fc.constant('+')), { minLength: 1, maxLength: 3 }), fc.constantFrom('', '*', 'a*'))
    .map(([segs, tail]) => `${segs.join('/')}${tail}`)
    .filter((p) => !p.includes('+*'));
  const caps = fc.subarray(['read', 'list', 'deny'] as Capability[], { minLength: 1 });
  const request = fc.tuple(fc.array(fc.constantFrom('a', 'b', 'ab', 'a+b', '+x', 'x', ''), { minLength: 1, maxLength: 4 }), fc.boolean()).map(([s, slash]) => `${s.join('/')}${slash ? '/' : ''}`);
  it('is an exact rule when one exists, else the matching wildcard rule that outranks every other', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(pattern, caps), { maxLength: 6 }), request, fc.boolean(), (stanzas, requested, list) => {
        const rules = acl(stanzas);
        const decision = evaluate(rules, requested, list ? 'list' : 'read');
        const path = requested.replace(/^\/+/, '');
        const exact = (p: string) => rules.find((r) => r.pattern === p && shapeOf(r.pattern).kind === 'exact');
        const trimmed = list && path.endsWith('/') ? path.slice(0, -1) : undefined;
        const wildcardsFor = (p: string) => rules.filter((r) => shapeOf(r.pattern).kind !== 'exact' && patternMatches(r.pattern, p));
        const expected =
          exact(path) ??
          (list ? exact(trimmed ?? path) : undefined) ??
          [...(trimmed !== undefined && wildcardsFor(trimmed).length > 0 ? wildcardsFor(trimmed) : wildcardsFor(path))].sort((x, y) => comparePriority(x.pattern, y.pattern)).pop();
        expect(decision.rule?.pattern).toBe(expected?.pattern);
        expect(decision.capabilities).toEqual(expected && !expected.capabilities.includes('deny') ? expected.capabilities : []);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('patternReaches (can a pattern reach any path of a shape?)', () => {
  const cases: [string, PathShape, boolean][] = [
    ['identity/oidc/client/*', ['identity', 'oidc', 'client', ANY], true],
    ['identity/oidc/+/test-client', ['identity', 'oidc', 'client', ANY], true],
    ['identity/oidc/client/test-client', ['identity', 'oidc', 'client', ANY], true],
    ['identity/oidc/provider/+/authorize', ['identity', 'oidc', 'provider', ANY], false],
    ['identity/*', ['identity', 'oidc', 'token', ANY], true],
    ['*', ['sys', REST], true],
    ['+/mounts', ['sys', REST], true],
    ['sys', ['sys', REST], true],
    ['syslog/*', ['sys', REST], false],
    ['secret/*', ['sys', REST], false],
    ['auth/token/create*', ['auth', 'token', 'create', REST], true],
    ['auth/token/lookup-self', ['auth', 'token', 'create', REST], false],
    ['identity/oidc/key/+/rotate', ['identity', 'oidc', 'key', ANY, REST], true],
    ['identity/oidc/client/+x', ['identity', 'oidc', 'client', ANY], true],
    ['identity/oidc/client/+x', ['identity', 'oidc', 'client', 'y'], false],
    ['identity/oidc/+/x*', ['identity', 'oidc', 'client', 'xy', REST], true],
    ['identity/oidc/+/x*', ['identity', 'oidc', 'client'], false],
  ];
  test.each(cases)('%s reaches %p: %s', (pattern, shape, expected) => {
    expect(patternReaches(pattern, shape)).toBe(expected);
  });

  it('never misses a concrete path the pattern matches (soundness)', () => {
    const seg = fc.constantFrom('a', 'b', 'ab', 'sys', 'x');
    const patternSeg = fc.oneof(seg, fc.constant('+'));
    fc.assert(
      fc.property(
        fc.array(patternSeg, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.array(fc.oneof(seg, fc.constant<'ANY'>('ANY')), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.array(seg, { maxLength: 2 }),
        fc.array(seg, { minLength: 4, maxLength: 4 }),
        (pSegs, glob, shapeSegs, rest, extra, fillers) => {
          const pattern = `${pSegs.join('/')}${glob ? '*' : ''}`;
          const shape: PathShape = [...shapeSegs.map((s): string | typeof ANY => (s === 'ANY' ? ANY : s)), ...(rest ? ([REST] as const) : [])];
          const concrete = [...shapeSegs.map((s, i) => (s === 'ANY' ? fillers[i]! : s)), ...(rest ? extra : [])].join('/');
          if (patternMatches(pattern, concrete)) return patternReaches(pattern, shape);
          return true;
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('patternCovers (does one pattern match every path another does?)', () => {
  const cases: [string, string, boolean][] = [
    ['identity/oidc/client/*', 'identity/oidc/client/test-client', true],
    ['identity/oidc/client/*', 'identity/oidc/client/test*', true],
    ['identity/oidc/client/test*', 'identity/oidc/client/*', false],
    ['identity/oidc/client/+', 'identity/oidc/client/test-client', true],
    ['identity/oidc/+/+', 'identity/oidc/client/+', true],
    ['identity/oidc/client/+', 'identity/oidc/+/+', false],
    ['identity/*', 'identity/oidc/+/authorize', true],
    ['identity/oidc/client/test-client', 'identity/oidc/client/test-client', true],
    ['identity/oidc/client/test-client', 'identity/oidc/client/*', false],
    ['secret/foo*', 'secret/fo*', false],
    ['a/+/*', 'a/b/c*', true],
    ['a/+/*', 'a/+/c', true],
    ['a/+/*', 'a/b', false],
    ['+/b*', 'x/bc/+', true],
    ['+/b*', 'x/+/c', false],
    ['a/+/c', 'a/+/c*', false],
    ['foo/*', 'foo/+bar', true],
    ['foo/+', 'foo/+bar', true],
    ['foo/+bar', 'foo/+', false],
  ];
  test.each(cases)('%s covers %s: %s', (wide, narrow, expected) => {
    expect(patternCovers(wide, narrow)).toBe(expected);
  });

  it('never claims coverage of a path the wide pattern misses (soundness)', () => {
    const seg = fc.constantFrom('a', 'b', 'ab', 'x', 'a+b', '+a');
    const pattern = fc
      .tuple(fc.array(fc.oneof(seg, fc.constant('+')), { minLength: 1, maxLength: 3 }), fc.boolean(), fc.constantFrom('', 'a', '/'))
      .map(([segs, glob, tail]) => `${segs.join('/')}${glob ? `${tail}*` : ''}`)
      .filter((p) => !p.includes('+*'));
    // A concrete path of `narrow`: each `+` filled with a segment, the `*` with any tail.
    const instance = (narrow: string, fillers: readonly string[], tail: string) => {
      let i = 0;
      const filled = narrow.split('/').map((s) => (s === '+' ? fillers[i++ % fillers.length]! : s)).join('/');
      return filled.endsWith('*') ? `${filled.slice(0, -1)}${tail}` : filled;
    };
    const tail = fc.constantFrom('', 'a', 'b/x', '/ab', 'x/+');
    let exercised = 0;
    fc.assert(
      fc.property(pattern, pattern, fc.array(seg, { minLength: 1, maxLength: 3 }), tail, (wide, narrow, fillers, rest) => {
        const concrete = instance(narrow, fillers, rest);
        expect(patternMatches(narrow, concrete)).toBe(true);
        if (!patternCovers(wide, narrow)) return;
        exercised += 1;
        expect(patternMatches(wide, concrete)).toBe(true);
      }),
      { numRuns: 5000 },
    );
    expect(exercised).toBeGreaterThan(100);
  });
});
