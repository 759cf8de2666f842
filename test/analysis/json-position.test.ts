import fc from 'fast-check';
import { indexJsonKeys, jsonErrorOffset, lineColumn } from '../../lib/analysis/json-position';

test('key positions point at the opening quote of each key down to the depth asked for', () => {
  const text = '{\n  "a": {"b\\"c": [ {"d": 1} ], "e": {"f": {"g": 2}}},\n  "a": {"x": 0}\n}';
  const index = indexJsonKeys(text);
  const at = (...path: string[]) => index.get(path.join('\u0000'));
  expect(at('a')).toEqual({ line: 2, column: 3 });
  expect(at('a', 'b"c')).toEqual({ line: 2, column: 9 });
  expect(at('a', 'b"c', '[]', 'd')).toBeUndefined();
  expect(at('a', 'e', 'f')).toEqual({ line: 2, column: 37 });
  expect(at('a', 'e', 'f', 'g')).toBeUndefined();
  // The first occurrence of a duplicate key wins; keys only under the later one are still found.
  expect(at('a', 'x')).toEqual({ line: 3, column: 9 });
});

test('in text that is not JSON, the keys before the error are found and the error is placed', () => {
  const text = '{"a": 1,\n "b": ,\n "c": 3}';
  expect([...indexJsonKeys(text).keys()]).toEqual(['a', 'b']);
  expect(lineColumn(text, jsonErrorOffset(text)!)).toEqual({ line: 2, column: 7 });
});

test('every key of any JSON document is found where JSON.stringify wrote it', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.dictionary(fc.string(), fc.jsonValue())), fc.integer({ min: 0, max: 4 }), (doc, indent) => {
      const text = JSON.stringify(doc, null, indent);
      const lines = text.split('\n');
      const index = indexJsonKeys(text, 2);
      for (const [k, inner] of Object.entries(doc)) {
        for (const [path, key] of [[[k], k], ...Object.keys(inner).map((k2) => [[k, k2], k2] as const)] as const) {
          const pos = index.get(path.join('\u0000'))!;
          expect(lines[pos.line - 1]!.slice(pos.column - 1).startsWith(JSON.stringify(key))).toBe(true);
        }
      }
    }),
    { numRuns: 200 },
  );
});
