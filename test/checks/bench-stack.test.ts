import { checkStackSync, analyzeStacksSync } from '../../lib/checks/check';
import { generateBenchStack } from '../../scripts/bench-stack';

describe('the bench stack generator', () => {
  it('produces a compliant stack with one principal per agent and working links', () => {
    const json = generateBenchStack({ agents: 40, users: 20 });
    expect(checkStackSync(json)).toEqual([]);
    const access = analyzeStacksSync(json)[0]!.access;
    const entities = Object.values(access.principals).filter((p) => p.kind === 'agent');
    expect(entities).toHaveLength(40);
    expect(access.principals['entity:client-1']!.clientCredentials).toEqual(['client-1']);
    expect(access.principals['entity:headless-0']!.identityTokens.map((t) => t.role)).toEqual(['headless-0.server-0', 'headless-0.server-3']);
    // 20 users in 2 groups; client-<n> admits group team-<n % 2>.
    expect(access.principals['entity:user-1']!.signIn).toEqual(Array.from({ length: 10 }, (_, i) => `client-${2 * i + 1}`).sort());
  });
});
