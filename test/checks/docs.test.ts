import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../lib/checks/rules';

describe('docs/checks.md', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'checks.md'), 'utf8');
  test.each(RULES.map((r) => [r.id, r]))('documents %s with its statement and fix', (_id, rule) => {
    expect(doc).toContain(`### ${rule.id} (${rule.severity})`);
    expect(doc).toContain(`**Compliant:** ${rule.statement}`);
    expect(doc).toContain(`**Fix:** ${rule.fix}`);
  });
  it('lists no rule that does not exist', () => {
    const listed = [...doc.matchAll(/^### (A2A-[A-Z0-9-]+)/gm)].map((m) => m[1]);
    expect(listed).toEqual(RULES.map((r) => r.id));
  });
});
