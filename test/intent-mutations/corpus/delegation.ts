/**
 * Delegation (examples/delegation): may_act naming another actor, a user added to a partition,
 * an actor minting or exchanging as another actor, an exchange role's context or audience widened.
 */
import { addData, addResource, addStanza, editJson, key, ref, res, stanza } from '../edit';
import type { Doc, Widening } from '../types';

const D = 'delegation' as const;
const SCOPE = 'vault_identity_oidc_scope';
const ASSIGNMENT = 'vault_identity_oidc_assignment';
const ENDPOINT = 'vault_generic_endpoint';

/** The may_act entry naming `actor`, built from the stack's own references. */
const mayActEntry = (d: Doc, actor: string) => ({
  client_id: ref(d, 'vault_identity_oidc_role', `a2a.actor.${actor}`, 'client_id'),
  sub: ref(d, 'vault_identity_entity', actor, 'id'),
});

export const DELEGATION: readonly Widening[] = [
  {
    id: 'delegation/may-act-names-another-actor',
    category: D,
    base: 'delegation',
    edit: (d) => editJson(res(d, SCOPE, 'chat.may-act.summarizer'), 'template', (t) => t.may_act.push(mayActEntry(d, 'mailer'))),
    why: "alice's ID tokens from chat now name mailer in may_act, the RFC 8693 claim that lets an actor act for her: mailer gains that right although alice delegates only to summarizer [A5 scope template; vault-facts Delegation].",
  },
  {
    id: 'delegation/may-act-actor-swapped',
    category: D,
    base: 'delegation',
    edit: (d) => editJson(res(d, SCOPE, 'portal.may-act.summarizer'), 'template', (t) => (t.may_act = [mayActEntry(d, 'mailer')])),
    why: "alice's portal tokens name mailer instead of summarizer in may_act: mailer gains the right to act for alice [A5 scope template; vault-facts Delegation].",
  },
  {
    id: 'delegation/user-added-to-partition',
    category: D,
    base: 'delegation',
    edit: (d) => res(d, ASSIGNMENT, 'chat.may-act.summarizer').entity_ids.push(ref(d, 'vault_identity_entity', 'bob', 'id')),
    why: "bob may sign in through alice's partition, whose tokens name summarizer in may_act: summarizer can act for bob, who delegates to nobody [A5 assignments].",
  },
  {
    id: 'delegation/group-added-to-partition',
    category: D,
    base: 'delegation',
    edit: (d) => res(d, ASSIGNMENT, 'chat.may-act.mailer.summarizer').group_ids.push(ref(d, 'vault_identity_group', 'staff', 'id')),
    why: "group staff (alice, bob) joins carol's partition: mailer and summarizer may act for bob, mailer for alice [A5, A7].",
  },
  {
    id: 'delegation/user-added-to-partition-by-lookup',
    category: D,
    base: 'delegation',
    edit: (d) => {
      addData(d, 'vault_identity_entity', 'bob', { entity_name: 'bob' });
      res(d, ASSIGNMENT, 'portal.may-act.summarizer').entity_ids.push('${data.vault_identity_entity.bob.entity_id}');
    },
    why: "bob, looked up by a data source, joins portal's partition for alice: summarizer may act for bob [A5].",
  },
  {
    id: 'delegation/actor-mints-other-actors-token',
    category: D,
    base: 'delegation',
    edit: (d) => addStanza(d, 'a2a-agent-mailer', stanza('identity/oidc/token/a2a.actor.summarizer', ['read'])),
    why: "mailer can mint tokens from summarizer's actor role (aud = summarizer's actor client id, actor_grants docs.documents.read) [A5].",
  },
  {
    id: 'delegation/actor-uses-other-actors-exchange-role',
    category: D,
    base: 'delegation',
    edit: (d) => addStanza(d, 'a2a-agent-mailer', stanza('identity-delegation/token/summarizer.chat.may-act.summarizer', ['create', 'update'])),
    why: "mailer can exchange alice's ID tokens at summarizer's exchange role, whose actor_template fixes act.sub to summarizer: mailer acts for alice as summarizer [A5].",
  },
  {
    id: 'delegation/exchange-context-widened',
    category: D,
    base: 'delegation',
    edit: (d) => editJson(res(d, ENDPOINT, 'role/summarizer.chat.may-act.summarizer'), 'data_json', (j) => j.context.push('mail.mail.send')),
    why: "summarizer's delegated tokens for alice carry scope mail.mail.send besides docs.documents.read: summarizer may send mail as alice [Delegation facts: context = scopes].",
  },
  {
    id: 'delegation/exchange-context-comma-string',
    category: D,
    base: 'delegation',
    edit: (d) => editJson(res(d, ENDPOINT, 'role/summarizer.portal.may-act.summarizer'), 'data_json', (j) => (j.context = 'docs.documents.read,mail.mail.send')),
    why: "context written as the plugin's comma-separated string adds mail.mail.send to summarizer's delegated tokens for alice [Delegation facts].",
  },
  {
    id: 'delegation/exchange-audience-widened',
    category: D,
    base: 'delegation',
    edit: (d) =>
      editJson(res(d, ENDPOINT, 'role/summarizer.chat.may-act.mailer.summarizer'), 'data_json', (j) => {
        const actor = JSON.parse(j.actor_template);
        actor.aud.push('https://mail.example.com');
        j.actor_template = JSON.stringify(actor);
      }),
    why: "summarizer's delegated tokens for carol are also addressed to the mail server (aud https://mail.example.com) [Delegation facts].",
  },
  {
    id: 'delegation/may-act-scope-on-non-delegating-partition',
    category: D,
    base: 'delegation',
    edit: (d) => res(d, 'vault_identity_oidc_provider', 'chat').scopes_supported.push(ref(d, SCOPE, 'chat.may-act.summarizer', 'name')),
    why: "bob's partition (provider chat) now offers alice's may_act scope: bob's tokens can name summarizer, who may then act for bob [A5 scopes_supported is provider-wide].",
  },
  {
    id: 'delegation/generic-endpoint-rewrites-may-act-scope',
    category: D,
    base: 'delegation',
    edit: (d) =>
      addResource(d, ENDPOINT, 'may_act_override', {
        path: 'identity/oidc/scope/chat.may-act.summarizer',
        ignore_absent_fields: true,
        disable_delete: true,
        data_json: JSON.stringify({ template: JSON.stringify({ may_act: [mayActEntry(d, 'summarizer'), mayActEntry(d, 'mailer')] }) }),
        depends_on: [`${SCOPE}.${key(d, SCOPE, 'chat.may-act.summarizer')}`],
      }),
    why: "the may_act scope of alice's partition is rewritten through vault_generic_endpoint after it applied, naming mailer too: mailer may act for alice [A5].",
  },
];
