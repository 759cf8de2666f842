/** The Markdown building blocks of the access report and diff. */
import { code, escapeText, joinWords, table } from '../../lib/review/markdown';

test('code spans survive backticks and spaces', () => {
  expect(code('identity/oidc/client/x')).toBe('`identity/oidc/client/x`');
  expect(code('a`b')).toBe('`` a`b ``');
  expect(code('a``b')).toBe('``` a``b ```');
  // CommonMark strips one space from each end of a span that has both: pad so the name's own spaces survive.
  expect(code(' padded ')).toBe('`  padded  `');
});

test('plain text: globs, links and HTML are not Markdown; underscores inside words stay', () => {
  expect(escapeText('wider than secret/* and <b>[x]</b>')).toBe('wider than secret/\\* and \\<b\\>\\[x\\]\\</b\\>');
  expect(escapeText('role_id alone (bind_secret_id = false)')).toBe('role_id alone (bind_secret_id = false)');
  expect(escapeText('unknown (${var.ttl})')).toBe('unknown (${var.ttl})');
});

test('tables: a "|" in a cell cannot split it, nor a line break end the row', () => {
  expect(table(['A', 'B'], [['x|y', 'one\ntwo']])).toEqual(['| A | B |', '| --- | --- |', '| x\\|y | one two |']);
});

test('joinWords', () => {
  expect([[], ['a'], ['a', 'b'], ['a', 'b', 'c']].map(joinWords)).toEqual(['', 'a', 'a and b', 'a, b and c']);
});
