import type { Rule } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

export const providerHttps: Rule = {
  id: RULE_ID.PROVIDER_HTTPS,
  statement: 'Every OIDC provider issues https:// issuer URLs (https_enabled is not false).',
  severity: 'error',
  explanation:
    'With https_enabled = false the issuer, discovery document and JWKS URL are plain http: a network attacker can substitute keys, and servers that pin the issuer will accept tokens from whoever answers.',
  fix: 'Remove https_enabled = false (the default is true) and serve Vault over TLS.',
  check({ model }) {
    return model.providers
      .filter((p) => !p.httpsEnabled)
      .map((p) => ({ resource: p.address, message: `provider "${p.name}" sets https_enabled = false: its issuer is http://${p.issuerHost ?? '<api_addr>'}` }));
  },
};
