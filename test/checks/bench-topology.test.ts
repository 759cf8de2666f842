import { Testing } from 'cdktf';
import { checkStackSync } from '../../lib/checks/check';
import { AgentTopologyStack } from '../../lib/constructs';
import { normalizeTopology } from '../../lib/topology';
import { benchTopology } from '../../scripts/bench-topology';

test('the bench topology is valid and synthesizes a compliant stack of the advertised shape', () => {
  const topology = normalizeTopology(benchTopology({ agents: 40, users: 20 }));
  expect(topology.agents).toHaveLength(40);
  const json = Testing.synth(new AgentTopologyStack(Testing.app(), 'bench', { topology }), true);
  expect(checkStackSync(json)).toEqual([]);
  const parsed = JSON.parse(json);
  expect(Object.keys(parsed.resource.vault_identity_oidc_provider)).toHaveLength(20); // 50% browser clients
  expect(Object.keys(parsed.resource.vault_identity_oidc_role)).toHaveLength(2 * 12); // 30% headless × 2 servers
});
