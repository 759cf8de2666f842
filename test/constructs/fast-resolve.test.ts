/**
 * The fast path of the stack's resolve (lib/constructs/fast-resolve.ts) returns what cdktf's
 * resolve returns, or throws as it throws, for generated values holding tokens of every kind
 * (in strings, as numbers, lists and maps, as keys, nested), and values without any; and the
 * merge without copies builds what cdktf's deepMerge builds.
 */
import fc from 'fast-check';
import { Lazy, TerraformStack, Testing, Token } from 'cdktf';
import { resolve as cdktfResolve } from 'cdktf/lib/_tokens';
import { deepMerge } from 'cdktf/lib/util';
import { mergeResolved, resolveFast } from '../../lib/constructs/fast-resolve';

const stack = new TerraformStack(Testing.app(), 'resolve');

const tokens = [
  Token.asString(Lazy.stringValue({ produce: () => 'lazy-text' })),
  `prefix-${Token.asString(Lazy.stringValue({ produce: () => '${var.x}' }))}-suffix`,
  Token.asNumber(Lazy.numberValue({ produce: () => 42 })),
  `n=${Token.asNumber(Lazy.numberValue({ produce: () => 7 }))}`,
  Token.asList(Lazy.listValue({ produce: () => ['a', 'b'] })),
  Lazy.anyValue({ produce: () => ({ nested: [1, { deeper: 'x' }], gone: undefined }) }),
  Lazy.anyValue({ produce: () => undefined }),
  Token.asAny(Lazy.anyValue({ produce: () => 'any' })),
  Token.asStringMap(Lazy.anyValue({ produce: () => ({ k: 'v' }) })),
  Token.asNumberList(Lazy.anyValue({ produce: () => [1, 2] })),
];

const leaf = fc.oneof(
  fc.string(),
  fc.constantFrom('${var.literal}', 'a e+5 b', '1.5e+300', 'String Map Token Value', '#{not a token}', '%{ if x }'),
  fc.integer(),
  fc.double(),
  fc.constantFrom(-123456789, Number.MAX_VALUE, -1.8881545897087498e289),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom(...tokens),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(Token.asString(Lazy.stringValue({ produce: () => 'key' })), 'e+1')), tie('node'), { maxKeys: 4 }),
})).node;

function outcome(run: () => unknown): { value?: string; error?: string } {
  try {
    return { value: JSON.stringify(run()) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

test('generated values: the same result as cdktf\'s resolve, or the same error', () => {
  fc.assert(
    fc.property(value, (v) => {
      expect(outcome(() => resolveFast(stack, v))).toEqual(outcome(() => cdktfResolve(stack, v)));
    }),
    { numRuns: 400 },
  );
});

test('merging resolved fragments builds what deepMerge builds, key order included', () => {
  const fragment = fc.dictionary(fc.constantFrom('resource', 'data', 'provider', 'terraform'), fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('x', 'y'), fc.jsonValue(), { maxKeys: 2 })), { maxKeys: 3 }), { maxKeys: 3 });
  fc.assert(
    fc.property(fc.array(fragment, { maxLength: 5 }), (fragments) => {
      const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
      const theirs = outcome(() => copy(fragments).reduce<Record<string, unknown>>((doc, f) => deepMerge(doc, f), {}));
      const ours = outcome(() => copy(fragments).reduce<Record<string, unknown>>((doc, f) => mergeResolved(doc, f as Record<string, unknown>), {}));
      expect(ours).toEqual(theirs);
    }),
    { numRuns: 300 },
  );
});
