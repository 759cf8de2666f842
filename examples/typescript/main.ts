/**
 * A topology as a typed TypeScript object, rendered into your own
 * app with your own backend. Run: npx ts-node examples/typescript/main.ts
 */
import { App, S3Backend } from 'cdktf';
import { AgentTopologyStack, normalizeTopology } from '../../lib';

export function build(app: App): AgentTopologyStack {
  const topology = normalizeTopology({
    version: 1,
    name: 'expense-ts',
    vault: { address: 'https://vault.example.com:8200' },
    authMounts: { kubernetes: { type: 'kubernetes', path: 'kubernetes' } },
    agents: {
      expense: { url: 'https://expense.example.com', skills: [{ id: 'expense', actions: ['read'] }] },
      bookkeeper: {
        login: { mount: 'kubernetes', serviceAccount: 'bookkeeper', namespace: 'finance', audience: 'vault' },
        headless: true,
        calls: [{ agent: 'expense', grants: ['expense:read'] }],
      },
    },
  }); // throws TopologyValidationError listing every issue
  return new AgentTopologyStack(app, topology.name, {
    topology,
    // Any CDKTF backend; the default is local, terraform.<name>.tfstate next to the output directory.
    backend: (scope) => new S3Backend(scope, { bucket: 'tf-state', key: 'a2a/expense-ts.tfstate', region: 'eu-west-1' }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
