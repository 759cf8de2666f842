/** `vault-a2a synth` on scenario 5: the authorization details land next to cdk.tf.json. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { vaultA2a } from './run';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-registry-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

test.each([[[] as string[]], [['--hcl']]])('examples/agent-registry %j: authorization-details.json next to the stack file, identical each time', async (extra) => {
  const read = (out: string) => fs.readFileSync(path.join(out, 'stacks', 'agent-registry', 'authorization-details.json'), 'utf8');
  const a = path.join(tmp, 'a');
  const b = path.join(tmp, 'b');
  expect((await vaultA2a(['synth', 'examples/agent-registry/topology.yaml', '--out', a, ...extra])).code).toBe(0);
  expect((await vaultA2a(['synth', 'examples/agent-registry/topology.yaml', '--out', b, ...extra])).code).toBe(0);
  expect(fs.readdirSync(path.join(a, 'stacks', 'agent-registry')).sort()).toEqual(
    ['authorization-details.json', extra.length ? 'cdk.tf' : 'cdk.tf.json', ...(extra.length ? ['metadata.json'] : [])].sort(),
  );
  expect(read(b)).toBe(read(a));
  const document = JSON.parse(read(a));
  expect(document.agents).toEqual([
    { agent: 'expense', authorizationDetails: 'required', authorization_details: [{ type: 'vault:path_access', path: 'identity/oidc/introspect', capabilities: ['update'] }] },
    {
      agent: 'travel-planner',
      authorizationDetails: 'required',
      authorization_details: [{ type: 'vault:path_access', path: 'identity/oidc/token/travel-planner.expense', capabilities: ['read'] }],
    },
  ]);
});
