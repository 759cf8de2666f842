/**
 * The L2 constructs on their own, in a stack you already have: one browser client with its own
 * provider and one scope, signed by a key that lists exactly that client.
 */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { OidcAssignment, OidcClient, OidcKey, OidcProvider, OidcScope } from '../../lib';

export class ReportingOidc extends TerraformStack {
  readonly client: OidcClient;
  readonly provider: OidcProvider;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new VaultProvider(this, 'vault', { address: 'https://vault.example.com:8200' });
    const key = new OidcKey(this, 'key', { name: 'reporting' });
    const scopeRead = new OidcScope(this, 'reports-read', {
      name: 'reports.reports.read',
      template: '{"reports.reports.read":true}',
      description: 'Read reports',
    });
    const analysts = new OidcAssignment(this, 'analysts', { name: 'analysts', groupIds: ['${vault_identity_group.analysts.id}'] });
    // Confidential, exact redirect URI, 15-minute tokens; registers itself on the key.
    this.client = new OidcClient(this, 'dashboard', {
      name: 'dashboard',
      key,
      redirectUris: ['https://dashboard.example.com/callback'],
      assignments: [analysts],
    });
    // Its own provider: only this client, only this scope.
    this.provider = new OidcProvider(this, 'dashboard-provider', {
      name: 'dashboard',
      vaultAddress: 'https://vault.example.com:8200',
      clients: [this.client],
      scopes: [scopeRead],
    });
  }
}
