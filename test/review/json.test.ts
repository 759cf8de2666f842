/**
 * stableJson: keys sorted by code unit, `undefined` members dropped, two-space indentation. It
 * returns objects already in that form as they are rather than copying them (the access report
 * is built so); the output must be the same as writing a sorted copy.
 */
import fc from 'fast-check';
import { stableJson } from '../../lib/review/json';
import { accessReport } from '../../lib/review/access-report';
import { stackAccess } from '../../lib/analysis/analyze';
import { compareStrings } from '../../lib/vault/order';
import { stackOf, synthExample } from './stacks';

/** The plain definition: a sorted deep copy, then JSON.stringify. */
function sortedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(compareStrings)) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = sortedCopy(item);
    }
    return out;
  }
  return value;
}
const reference = (value: unknown): string => `${JSON.stringify(sortedCopy(value), null, 2)}\n`;

const key = fc.oneof(fc.constantFrom('a', 'b', 'aa', 'B', '_', '10', '9', '0', 'kind', 'é', ''), fc.string({ maxLength: 3 }));
const leaf = fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.double({ noNaN: false }));
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 5 })),
})).node;

describe('stableJson', () => {
  it('writes what a sorted copy writes, for any JSON-like value', () => {
    fc.assert(
      fc.property(tree, (value) => {
        expect(stableJson(value)).toBe(reference(value));
      }),
      { numRuns: 300 },
    );
  });

  it('writes an object shared in several places, in order or not, the same everywhere', () => {
    const inOrder = { a: 1, b: [2, { c: 3 }] };
    const outOfOrder = { b: 1, a: { d: undefined, c: 2 } };
    const value = { z: [inOrder, outOfOrder, inOrder], y: outOfOrder, x: { inOrder } };
    expect(stableJson(value)).toBe(reference(value));
    // Nothing it is given is changed.
    expect(Object.keys(outOfOrder)).toEqual(['b', 'a']);
    expect('d' in outOfOrder.a).toBe(true);
  });

  it('copies what is not a plain object, as a sorted copy does', () => {
    class Point {
      constructor(
        readonly y: number,
        readonly x: number,
      ) {}
    }
    const value = { p: new Point(1, 2), d: new Date(0), m: new Map([['k', 1]]), n: Object.assign(Object.create(null), { b: 1, a: 2 }) };
    expect(stableJson(value)).toBe(reference(value));
  });

  it('is given the access report with every key already in order (written without a copy)', async () => {
    const report = accessReport(await stackAccess(stackOf(synthExample('delegation'), 'delegation', 'stacks/delegation/cdk.tf.json')));
    expect(stableJson({ stacks: [report] })).toBe(`${JSON.stringify({ stacks: [report] }, null, 2)}\n`);
  });
});
