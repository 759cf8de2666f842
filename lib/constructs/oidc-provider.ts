/**
 * `OidcProvider`: a Vault OIDC provider (`vault_identity_oidc_provider`).
 *
 * Vault lets any allowed client request any scope a provider supports, so least privilege means a
 * provider per client (or per identical grant set): the props take an explicit client list and
 * an explicit scope list, and `"*"` (every client in the namespace) is refused. The issuer host
 * comes from the Vault address clients use; plain http needs an explicit reason.
 */
import { IdentityOidcProvider } from '@cdktf/provider-vault/lib/identity-oidc-provider';
import { Construct } from 'constructs';
import type { OidcClient } from './oidc-client';
import type { OidcScope } from './oidc-scope';
import { checkNoWildcard, checkNonEmpty, checkReason, checkUnique, checkVaultName, Issues } from './validate';
import { terraformText } from './terraform-text';

export interface OidcProviderProps {
  readonly name: string;
  /** Vault address as clients reach it, e.g. `https://vault.example.com:8200`; sets the issuer. */
  readonly vaultAddress: string;
  /** The clients allowed to use this provider: constructs, or client ids of existing clients. */
  readonly clients: readonly (OidcClient | string)[];
  /** The scopes offered; every allowed client may request every one of them. */
  readonly scopes: readonly (OidcScope | string)[];
  /** Required when `vaultAddress` is `http://` (a development server): tokens then travel in clear. */
  readonly plainHttp?: { readonly reason: string };
}

export class OidcProvider extends Construct {
  readonly resource: IdentityOidcProvider;
  /** The issuer URL Vault puts in tokens (a reference). */
  readonly issuer: string;
  /** `${issuer}/.well-known/openid-configuration`, for Agent Cards and client configuration. */
  readonly discoveryUrl: string;

  constructor(scope: Construct, id: string, props: OidcProviderProps) {
    super(scope, id);
    const clientIds = props.clients.map((c) => (typeof c === 'string' ? c : c.clientId));
    const scopeNames = props.scopes.map((s) => (typeof s === 'string' ? s : s.scopeName));

    const issues = new Issues();
    checkVaultName(issues, 'name', props.name);
    checkNonEmpty(issues, 'clients', clientIds, 'list the clients that use this provider');
    clientIds.forEach((c, i) => checkNoWildcard(issues, `clients[${i}]`, c));
    checkUnique(issues, 'clients', clientIds);
    scopeNames.forEach((s, i) => {
      checkNoWildcard(issues, `scopes[${i}]`, s);
      checkVaultName(issues, `scopes[${i}]`, s);
    });
    checkUnique(issues, 'scopes', scopeNames);
    const address = parseVaultAddress(issues, props.vaultAddress);
    if (address?.protocol === 'http:') {
      if (props.plainHttp) checkReason(issues, 'plainHttp.reason', props.plainHttp.reason);
      else issues.add(`vaultAddress ${JSON.stringify(props.vaultAddress)} is http; use https, or pass plainHttp: { reason } for a development server`);
    }
    issues.throwIfAny(this);

    this.resource = new IdentityOidcProvider(this, 'Default', {
      name: props.name,
      httpsEnabled: address!.protocol === 'https:',
      issuerHost: terraformText(address!.host),
      allowedClientIds: clientIds,
      scopesSupported: scopeNames,
    });
    this.issuer = this.resource.issuer;
    this.discoveryUrl = `${this.issuer}/.well-known/openid-configuration`;
  }
}

/** Vault serves the provider under `/v1/...` at the host root: a path here could not be honoured. */
function parseVaultAddress(issues: Issues, address: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    issues.add(`vaultAddress ${JSON.stringify(address)} is not an absolute URL such as "https://vault.example.com:8200"`);
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    issues.add(`vaultAddress ${JSON.stringify(address)} must be an http(s) URL`);
    return undefined;
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '' || url.username !== '') {
    issues.add(`vaultAddress ${JSON.stringify(address)} must be scheme://host[:port] only (no path, query or credentials)`);
    return undefined;
  }
  return url;
}
