/**
 * Cert logins and external groups (issue #13, parts 4 and 6), on the identity-provider example:
 * a cert role widened (a glob, a second name, another CA, no name at all, an extra policy), and an
 * external group that takes in other IdP groups, gains a policy or joins another assignment.
 */
import * as fs from 'fs';
import * as path from 'path';
import { accessor, ref, res } from '../edit';
import type { Equivalent, Widening } from '../types';

const CERT = 'vault_cert_auth_backend_role';
const GROUP = 'vault_identity_group';
const GROUP_ALIAS = 'vault_identity_group_alias';
const ASSIGNMENT = 'vault_identity_oidc_assignment';
const B = 'identity-provider' as const;

/** Another CA (a self-signed certificate the test fixtures hold): it would vouch for other workloads. */
const OTHER_CA = fs.readFileSync(path.join(__dirname, '..', '..', 'topology', 'fixtures', 'certs', 'leaf.pem'), 'utf8');

export const IDENTITY_PROVIDER: readonly Widening[] = [
  {
    id: 'login-binding/cert-common-name-glob',
    category: 'login-binding',
    base: B,
    edit: (d) => (res(d, CERT, 'reconciler').allowed_common_names = ['*.agents.example.org']),
    why: "allowed_common_names is a go-glob list: every certificate of the CA for any *.agents.example.org name logs in with reconciler's policy (mints reconciler.ledger tokens), each on the entity its own CN names [H].",
  },
  {
    id: 'login-binding/cert-extra-common-name',
    category: 'login-binding',
    base: B,
    edit: (d) => res(d, CERT, 'reconciler').allowed_common_names.push('auditor.agents.example.org'),
    why: "any entry of allowed_common_names suffices: a certificate for auditor.agents.example.org logs in with reconciler's policy [H].",
  },
  {
    id: 'login-binding/cert-other-ca',
    category: 'login-binding',
    base: B,
    edit: (d) => (res(d, CERT, 'reconciler').certificate = OTHER_CA),
    why: 'the role trusts another CA: whoever that CA issues reconciler.agents.example.org to logs in as reconciler [H].',
  },
  {
    id: 'login-binding/cert-names-dropped',
    category: 'login-binding',
    base: B,
    edit: (d) => delete res(d, CERT, 'reconciler').allowed_common_names,
    why: "an empty constraint list allows every name: every certificate of the CA logs in with reconciler's policy [H].",
  },
  {
    id: 'login-binding/cert-uri-san-glob',
    category: 'login-binding',
    base: B,
    edit: (d) => (res(d, CERT, 'ledger').allowed_uri_sans = ['spiffe://example.org/ns/finance/*']),
    why: "allowed_uri_sans is a go-glob list: every SPIFFE ID of namespace finance logs in with ledger's policy [H].",
  },
  {
    id: 'login-binding/cert-extra-policy',
    category: 'login-binding',
    base: B,
    edit: (d) => res(d, CERT, 'ledger').token_policies.push(ref(d, 'vault_policy', 'a2a-agent-reconciler', 'name')),
    why: "ledger's login tokens also carry reconciler's policy: ledger mints reconciler.ledger tokens [H, A6].",
  },
  {
    id: 'membership/external-group-alias-renamed',
    category: 'membership',
    base: B,
    edit: (d) => (res(d, GROUP_ALIAS, 'Finance Team').name = 'Everyone'),
    why: 'every login on the corp mount whose groups claim names "Everyone" joins finance-staff and may sign in through portal [F, A7].',
  },
  {
    id: 'membership/external-group-alias-other-mount',
    category: 'membership',
    base: B,
    edit: (d) => (res(d, GROUP_ALIAS, 'Finance Team').mount_accessor = accessor(d, 'kubernetes')),
    why: 'the alias now matches group claims of logins on another mount, whose identity provider decides who is "Finance Team" [F].',
  },
  {
    id: 'membership/external-group-extra-policy',
    category: 'membership',
    base: B,
    edit: (d) => (res(d, GROUP, 'finance-staff').policies = [ref(d, 'vault_policy', 'a2a-agent-ledger', 'name')]),
    why: "every IdP user in Finance Team gets ledger's policy on their Vault token at login [F, A7].",
  },
  {
    id: 'membership/external-group-another-assignment',
    category: 'membership',
    base: B,
    edit: (d) => res(d, ASSIGNMENT, 'desk').group_ids.push(ref(d, GROUP, 'finance-staff', 'id')),
    why: 'finance staff may sign in through desk too and get ledger.ledger.post [F, A7].',
  },
];

export const IDENTITY_EQUIVALENTS: readonly Equivalent[] = [
  {
    id: 'same/cert-ca-with-crlf-line-endings',
    base: B,
    kind: 'same',
    edit: (d) => {
      const role = res(d, CERT, 'reconciler');
      role.certificate = `${(role.certificate as string).trim().replace(/\n/g, '\r\n')}\r\n`;
    },
    why: 'the same CA certificate with CRLF line endings: Vault parses the same PEM block [H].',
  },
  {
    id: 'narrower/external-group-leaves-assignment',
    base: B,
    kind: 'narrower',
    edit: (d) => (res(d, ASSIGNMENT, 'desk').group_ids = []),
    why: 'nobody may sign in through desk any more [A5].',
  },
];
