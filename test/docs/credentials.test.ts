/** docs/credentials.md: its topology validates, and the error it shows is what validation prints. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatIssue, parseTopologyText } from '../../lib/topology';
import { compile } from '../../lib/plan/compile';

const doc = readFileSync(resolve(__dirname, '../../docs/credentials.md'), 'utf8');
const block = (language: string) => [...doc.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]!);

test('the example topology is valid and compiles to what the comments say', () => {
  const [yaml] = block('yaml');
  const result = parseTopologyText(yaml, 'topology.yaml');
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  const plan = compile(result.topology);
  expect(plan.key).toMatchObject({ algorithm: 'RS256', rotationPeriodSeconds: 43200, verificationTtlSeconds: 86400 });
  expect(plan.loginRoles.find((r) => r.agent === 'batch')).toMatchObject({
    tokenTtlSeconds: 600,
    secretId: { ttlSeconds: 7200, numUses: 13, boundCidrs: ['10.20.0.0/16'] },
    tokenBoundCidrs: ['10.20.0.0/16'],
  });
  // 13 is also what the default would be: ceil(2h / 10m) + 1.
  expect(Math.ceil(7200 / 600) + 1).toBe(13);
  expect(plan.clients.map((c) => [c.name, c.generation])).toEqual([['dashboard', 2]]);
});

test('the error shown is what validation prints for a login token longer than the defaults', () => {
  const [yaml] = block('yaml');
  const result = parseTopologyText(yaml.replace('loginTokenTtl: 10m', 'loginTokenTtl: 1h'), 'topology.yaml');
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.issues.map(formatIssue)).toEqual([block('text')[0]!.trim()]);
});
