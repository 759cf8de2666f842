/**
 * Cert login roles as credentials (facts-logins.ts): a certificate of the role's CA carrying the
 * names every non-empty allowed_* list accepts (Vault's cert auth, path_login.go). Which roles
 * admit which credential, which are unbounded, and the alias (the certificate's common name).
 */
import * as fs from 'fs';
import * as path from 'path';
import { credentials } from '../../lib/analysis/facts-logins';
import type { LoginRole } from '../../lib/analysis/model';
import { parseTtl } from '../../lib/analysis/ttl';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'identity-provider');
const CA = fs.readFileSync(path.join(EXAMPLE, 'agents-ca.pem'), 'utf8');
const SPIFFE_CA = fs.readFileSync(path.join(EXAMPLE, 'spiffe-ca.pem'), 'utf8');

type CertRole = Extract<LoginRole, { method: 'cert' }>;

function role(name: string, names: Partial<Pick<CertRole, 'allowedCommonNames' | 'allowedUriSans' | 'allowedOrganizationalUnits' | 'allowedNames'>>, certificate = CA): CertRole {
  return {
    address: `vault_cert_auth_backend_role.${name}`,
    roleName: name,
    mountPath: 'cert',
    policies: [`a2a-agent-${name}`],
    noDefaultPolicy: true,
    tokenTtl: parseTtl(900),
    tokenMaxTtl: parseTtl(900),
    tokenExplicitMaxTtl: parseTtl(undefined),
    tokenPeriod: parseTtl(undefined),
    tokenBoundCidrs: [],
    method: 'cert',
    certificate,
    allowedCommonNames: [],
    allowedUriSans: [],
    allowedDnsSans: [],
    allowedEmailSans: [],
    allowedNames: [],
    allowedOrganizationalUnits: [],
    requiredExtensions: [],
    ...names,
  };
}

const summary = (roles: LoginRole[]) =>
  credentials(roles).map((c) => ({ text: c.text.replace(/CA [0-9a-f]{16}/, 'CA <digest>'), roles: c.roles.map((r) => [r.role.roleName, r.alias ?? null]), unbounded: c.unbounded }));

test('one exact common name: one credential, aliased to that name, bounded', () => {
  expect(summary([role('ledger', { allowedCommonNames: ['ledger.example.org'] })])).toEqual([
    { text: 'certificate of CA <digest> CN=ledger.example.org', roles: [['ledger', 'ledger.example.org']], unbounded: false },
  ]);
});

test('a URI SAN: bounded, but the alias (the certificate CN) is not known', () => {
  expect(summary([role('rec', { allowedUriSans: ['spiffe://example.org/rec'] })])).toEqual([
    { text: 'certificate of CA <digest> URI=spiffe://example.org/rec', roles: [['rec', null]], unbounded: false },
  ]);
});

test('no name, or only an OU: every certificate of the CA (unbounded); a glob is unbounded and unaliased', () => {
  expect(summary([role('any', {})]).map((c) => c.unbounded)).toEqual([true]);
  expect(summary([role('ou', { allowedOrganizationalUnits: ['agents'] })]).map((c) => c.unbounded)).toEqual([true]);
  expect(summary([role('glob', { allowedCommonNames: ['*.example.org'] })])).toEqual([
    { text: 'certificate of CA <digest> CN=*.example.org', roles: [['glob', null]], unbounded: true },
  ]);
});

test('two names on one CA: a certificate with both passes both roles; another CA separates them', () => {
  const shared = summary([role('ledger', { allowedCommonNames: ['ledger.example.org'] }), role('rec', { allowedUriSans: ['spiffe://example.org/rec'] })]);
  expect(shared.map((c) => c.roles.map(([r]) => r))).toEqual([['ledger', 'rec'], ['ledger', 'rec']]);
  const apart = summary([role('ledger', { allowedCommonNames: ['ledger.example.org'] }), role('rec', { allowedUriSans: ['spiffe://example.org/rec'] }, SPIFFE_CA)]);
  expect(apart.map((c) => c.roles.map(([r]) => r))).toEqual([['ledger'], ['rec']]);
});

test('a glob role admits the exact credential of another role; the CA digest ignores line endings', () => {
  const creds = summary([role('ledger', { allowedCommonNames: ['ledger.example.org'] }), role('glob', { allowedCommonNames: ['*.example.org'] }, CA.replace(/\n/g, '\r\n'))]);
  const exact = creds.find((c) => c.text.endsWith('CN=ledger.example.org'))!;
  expect(exact.roles).toEqual([
    ['glob', 'ledger.example.org'],
    ['ledger', 'ledger.example.org'],
  ]);
});
