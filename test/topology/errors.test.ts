import { formatIssue, TopologyValidationError } from '../../lib/topology';
import { formatPath } from '../../lib/topology/path';
import { chooseFix, closest, editDistance, slugify, unknownFieldFix } from '../../lib/topology/suggest';

describe('formatIssue', () => {
  test('file, line and column, path, message and fix', () => {
    expect(
      formatIssue({
        file: 'examples/x.yaml',
        line: 12,
        column: 7,
        path: 'agents.test-client.calls[0].agent',
        message: 'unknown agent "hello-wrld"',
        fix: 'use one of: hello-world',
      }),
    ).toBe('examples/x.yaml:12:7: agents.test-client.calls[0].agent: unknown agent "hello-wrld". Fix: use one of: hello-world.');
  });

  test('without a position, without a file, without a path', () => {
    expect(formatIssue({ file: 'x.yaml', path: '', message: 'cannot read the topology file: file not found', fix: 'check the path' })).toBe(
      'x.yaml: cannot read the topology file: file not found. Fix: check the path.',
    );
    expect(formatIssue({ path: 'vault.address', message: 'is required', fix: 'add "address"' })).toBe('vault.address: is required. Fix: add "address".');
  });

  test('does not double sentence punctuation', () => {
    expect(formatIssue({ path: 'a', message: 'Done.', fix: 'did you mean "b"?' })).toBe('a: Done. Fix: did you mean "b"?');
  });
});

describe('TopologyValidationError', () => {
  test('message is every issue, formatted, one per line; issues are frozen', () => {
    const issues = [
      { path: 'a', message: 'm1', fix: 'f1' },
      { path: 'b[0]', message: 'm2', fix: 'f2' },
    ];
    const error = new TopologyValidationError(issues);
    expect(error.message).toBe('a: m1. Fix: f1.\nb[0]: m2. Fix: f2.');
    expect(error.name).toBe('TopologyValidationError');
    expect(error).toBeInstanceOf(Error);
    expect(Object.isFrozen(error.issues)).toBe(true);
  });
});

describe('formatPath', () => {
  test('dots for keys, [i] for indexes, names printed plainly', () => {
    expect(formatPath(['agents', 'chat', 'calls', 0, 'agent'])).toBe('agents.chat.calls[0].agent');
    expect(formatPath([])).toBe('');
    expect(formatPath(['users', 'Bad User'])).toBe('users.Bad User');
    expect(formatPath(['agents', 'a', 'skills', 1, 'actions', 0])).toBe('agents.a.skills[1].actions[0]');
  });
});

describe('suggestions', () => {
  test('edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  test('closest match only when plausibly a typo', () => {
    expect(closest('redirectUri', ['redirectUris', 'users'])).toBe('redirectUris');
    expect(closest('hello-wrld', ['hello-world', 'expense'])).toBe('hello-world');
    expect(closest('zzz', ['hello-world', 'expense'])).toBeUndefined();
  });

  test('fixes list the choices, sorted, with a did-you-mean when there are several', () => {
    expect(chooseFix('hello-wrld', ['hello-world'], 'none')).toBe('use one of: hello-world');
    expect(chooseFix('hello-wrld', ['zeta', 'hello-world'], 'none')).toBe('did you mean "hello-world"? Use one of: hello-world, zeta');
    expect(chooseFix('x', [], 'define it')).toBe('define it');
    expect(unknownFieldFix('adress', ['address', 'namespace'])).toEqual({
      fix: 'did you mean "address"? Allowed fields: address, namespace',
      meant: 'address',
    });
  });

  test('slugify suggests a valid name', () => {
    expect(slugify('Hello World', '-')).toBe('hello-world');
    expect(slugify("o'neil", '-')).toBe('o-neil');
    expect(slugify('Super Hello*', '_')).toBe('super_hello');
    expect(slugify('***', '-')).toBeUndefined();
  });
});
