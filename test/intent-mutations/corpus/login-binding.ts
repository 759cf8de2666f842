/**
 * Login bindings widened: more service accounts or namespaces (Vault admits the cross product),
 * a namespace selector, JWT bound_claims lists and globs, extra audiences, AppRole without a
 * secret id.
 */
import { res } from '../edit';
import type { Widening } from '../types';

const L = 'login-binding' as const;
const K8S = 'vault_kubernetes_auth_backend_role';
const JWT = 'vault_jwt_auth_backend_role';
const APPROLE = 'vault_approle_auth_backend_role';

export const LOGIN_BINDING: readonly Widening[] = [
  {
    id: 'login-binding/k8s-extra-service-account',
    category: L,
    base: 'headless',
    edit: (d) => res(d, K8S, 'test-client').bound_service_account_names.push('hello-world'),
    why: "service account default/hello-world can log in through test-client's role and gets test-client's policy (mints test-client.hello-world tokens) [A1].",
  },
  {
    id: 'login-binding/k8s-extra-namespace',
    category: L,
    base: 'headless',
    edit: (d) => res(d, K8S, 'test-client').bound_service_account_namespaces.push('kube-system'),
    why: "any service account named test-client in kube-system logs in as test-client (names and namespaces are matched independently) [A1].",
  },
  {
    id: 'login-binding/k8s-cross-product',
    category: L,
    base: 'expense',
    edit: (d) => {
      const role = res(d, K8S, 'travel-planner');
      role.bound_service_account_names.push('expense');
      role.bound_service_account_namespaces.push('finance');
    },
    why: "names [travel-planner, expense] × namespaces [travel, finance]: finance/expense (the expense agent) and finance/travel-planner log in with travel-planner's policy [A1].",
  },
  {
    id: 'login-binding/k8s-namespace-selector',
    category: L,
    base: 'expense',
    edit: (d) => (res(d, K8S, 'travel-planner').bound_service_account_namespace_selector = JSON.stringify({ matchLabels: { team: 'travel' } })),
    why: 'the selector is ORed with the namespace list and evaluated on live labels: travel-planner service accounts in any namespace labelled team=travel log in as travel-planner [A1].',
  },
  {
    id: 'login-binding/k8s-namespace-glob',
    category: L,
    base: 'portal',
    edit: (d) => (res(d, K8S, 'batch').bound_service_account_namespaces = ['jobs*']),
    why: "namespaces are go-glob patterns: 'jobs*' admits batch service accounts in jobs-dev, jobsx, ... [A1].",
  },
  {
    id: 'login-binding/k8s-default-service-account',
    category: L,
    base: 'hello-world',
    edit: (d) => res(d, K8S, 'test-client').bound_service_account_names.push('default'),
    why: "every pod of namespace default that runs without its own service account (SA 'default') logs in as test-client [A1].",
  },
  {
    id: 'login-binding/k8s-actor-admits-other-actor',
    category: L,
    base: 'delegation',
    edit: (d) => res(d, K8S, 'summarizer').bound_service_account_names.push('mailer'),
    why: "agents/mailer logs in through summarizer's role with summarizer's policy: it may use summarizer's exchange roles, whose actor_template names summarizer, i.e. act for alice [A1, A5].",
  },
  {
    id: 'login-binding/jwt-bound-claims-comma-list',
    category: L,
    base: 'expense',
    edit: (d) => {
      const role = res(d, JWT, 'bookkeeper');
      const subject = role.bound_subject;
      delete role.bound_subject;
      role.bound_claims = { sub: `${subject},spiffe://example.org/ns/travel/sa/travel-planner` };
    },
    why: "the provider splits bound_claims values on commas into an any-of list: the travel-planner SPIFFE ID also logs in with bookkeeper's policy [A2].",
  },
  {
    id: 'login-binding/jwt-bound-claims-glob',
    category: L,
    base: 'machines',
    edit: (d) => {
      const role = res(d, JWT, 'builder');
      delete role.bound_subject;
      role.bound_claims_type = 'glob';
      role.bound_claims = { sub: 'spiffe://example.org/ns/ci/*' };
    },
    why: "a glob bound claim on sub admits every SPIFFE ID under ns/ci, deployer's included, with builder's policy [A2].",
  },
  {
    id: 'login-binding/jwt-extra-audience',
    category: L,
    base: 'expense',
    edit: (d) => res(d, JWT, 'bookkeeper').bound_audiences.push('https://reports.example.org'),
    why: "bound audiences are any-of: a bookkeeper JWT-SVID minted for another relying party (aud https://reports.example.org) can be replayed to log in as bookkeeper [A2].",
  },
  {
    id: 'login-binding/jwt-subject-of-another-agent',
    category: L,
    base: 'machines',
    edit: (d) => (res(d, JWT, 'deployer').bound_subject = 'spiffe://example.org/ns/ci/sa/builder'),
    why: "builder's SVID now logs in through deployer's role and gets deployer's policy (mints ledger.ledger.post tokens) [A2].",
  },
  {
    id: 'login-binding/jwt-subject-binding-dropped',
    category: L,
    base: 'machines',
    edit: (d) => delete res(d, JWT, 'builder').bound_subject,
    why: "with only bound_audiences left (Vault needs just one bound constraint), every JWT-SVID of the trust domain with aud 'vault' logs in with builder's policy, landing on an entity named by its own sub [A2].",
  },
  {
    id: 'login-binding/approle-without-secret-id',
    category: L,
    base: 'machines',
    edit: (d) => {
      const role = res(d, 'vault_approle_auth_backend_role', 'ledger');
      role.bind_secret_id = false;
      role.secret_id_bound_cidrs = ['10.0.0.0/8'];
    },
    why: "with bind_secret_id false only the role_id (an identifier, not a secret) is needed: anyone in 10.0.0.0/8 who knows it logs in as ledger [A3].",
  },
  {
    id: 'login-binding/k8s-registry-agent-extra-namespace',
    category: L,
    base: 'agent-registry',
    edit: (d) => res(d, K8S, 'travel-planner').bound_service_account_namespaces.push('finance'),
    why: "a service account named travel-planner in namespace finance logs in as travel-planner [A1].",
  },
  // AppRole secret ids (issue #13 part 2): examples/operations binds nightly-export's secret ids
  // and tokens to 10.40.0.0/16, 2h and 3 uses.
  {
    id: 'login-binding/approle-secret-id-cidr-removed',
    category: L,
    base: 'operations',
    edit: (d) => (res(d, APPROLE, 'nightly-export').secret_id_bound_cidrs = []),
    why: "a leaked nightly-export secret id logs in from any address, not only from 10.40.0.0/16 (an empty secret_id_bound_cidrs binds nothing) [A3, D3].",
  },
  {
    id: 'login-binding/approle-secret-id-cidr-widened',
    category: L,
    base: 'operations',
    edit: (d) => res(d, APPROLE, 'nightly-export').secret_id_bound_cidrs.push('0.0.0.0/0'),
    why: 'an extra block 0.0.0.0/0 admits a nightly-export secret id from every IPv4 address (the list is a union) [A3, D3].',
  },
  {
    id: 'login-binding/approle-token-cidr-removed',
    category: L,
    base: 'operations',
    edit: (d) => delete res(d, APPROLE, 'nightly-export').token_bound_cidrs,
    why: "nightly-export's login token works from any address once token_bound_cidrs is gone [A6].",
  },
  {
    id: 'login-binding/approle-secret-id-unlimited-uses',
    category: L,
    base: 'operations',
    edit: (d) => (res(d, APPROLE, 'nightly-export').secret_id_num_uses = 0),
    why: 'secret_id_num_uses = 0 is unlimited in Vault: one secret id logs nightly-export in any number of times instead of 3 [A3, D3].',
  },
  {
    id: 'login-binding/approle-secret-id-never-expires',
    category: L,
    base: 'operations',
    edit: (d) => (res(d, APPROLE, 'nightly-export').secret_id_ttl = 0),
    why: 'secret_id_ttl = 0 means secret ids never expire: a leaked one logs in as nightly-export forever instead of for 2h [A3, D3].',
  },
  {
    id: 'login-binding/approle-secret-id-longer',
    category: L,
    base: 'operations',
    edit: (d) => (res(d, APPROLE, 'nightly-export').secret_id_ttl = 86400),
    why: "nightly-export's secret ids live 24h instead of 2h [A3, D3].",
  },
];
