import fc from 'fast-check';
import { compareByName, compareStrings, sorted, sortedBy, uniqueSorted } from '../../lib/vault/order';

test('code-unit order, not the locale: "B" < "a" < "ä", "a-b" < "a_b" < "ab"', () => {
  expect(sorted(['ä', 'a', 'B', 'ab', 'a_b', 'a-b'])).toEqual(['B', 'a', 'a-b', 'a_b', 'ab', 'ä']);
});

test('sorted agrees with Array.prototype.sort and keeps duplicates; uniqueSorted drops them', () => {
  fc.assert(
    fc.property(fc.array(fc.string()), (values) => {
      expect(sorted(values)).toEqual([...values].sort());
      expect(uniqueSorted(values)).toEqual([...new Set(values)].sort());
      expect(values.every((a) => values.every((b) => Math.sign(compareStrings(a, b)) === -Math.sign(compareStrings(b, a))))).toBe(true);
    }),
  );
});

test('sortedBy and compareByName order by the key and keep equal keys in input order', () => {
  const items = [{ name: 'b', n: 1 }, { name: 'a', n: 2 }, { name: 'b', n: 3 }];
  expect(sortedBy(items, (i) => i.name).map((i) => i.n)).toEqual([2, 1, 3]);
  expect([...items].sort(compareByName).map((i) => i.n)).toEqual([2, 1, 3]);
  expect(items.map((i) => i.n)).toEqual([1, 2, 3]);
});
