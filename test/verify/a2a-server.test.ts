/**
 * examples/hello-world/server.ts, the runnable server agent of docs/verify.md, started on loopback
 * with cards rendered for a fake Vault, called by `@a2a-js/sdk`'s own client: it answers exactly
 * the callers the topology grants (users signed in through test-client) and refuses everyone else
 * with 401 or 403 and a Bearer challenge. The public Agent Card stays public.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { SendMessageRequest } from '@a2a-js/sdk';
import { ClientFactory, ClientFactoryOptions, JsonRpcTransportFactory } from '@a2a-js/sdk/client';
import { helloWorldServer } from '../../examples/hello-world/server';
import { FakeVault } from './fake-vault';
import { ROOT, writeCards } from './support';

let vault: FakeVault;
let server: Server;
let url: string;
let cards: { dir: string; cleanup: () => void };

beforeAll(async () => {
  vault = await FakeVault.start();
  cards = writeCards('hello-world', vault.address);
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on('request', helloWorldServer(join(cards.dir, 'hello-world'), url));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await vault.stop();
  cards.cleanup();
});

function withToken(token: string | undefined): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
}

async function say(token: string | undefined): Promise<string> {
  const factory = new ClientFactory(
    ClientFactoryOptions.createFrom(ClientFactoryOptions.default, { transports: [new JsonRpcTransportFactory({ fetchImpl: withToken(token) })] }),
  );
  const client = await factory.createFromUrl(url);
  const result = await client.sendMessage(
    SendMessageRequest.fromJSON({ message: { messageId: 'm-1', role: 'ROLE_USER', parts: [{ text: 'hi' }] } }),
  );
  return JSON.stringify(result);
}

test('the public card is served without a token and carries the generated security', async () => {
  const card = await (await fetch(`${url}/.well-known/agent-card.json`)).json();
  expect(Object.keys(card.securitySchemes)).toEqual(['vault-oidc-test-client']);
  expect(card.securityRequirements).toEqual([{ schemes: { 'vault-oidc-test-client': { list: ['openid', 'hello-world.hello_world.read'] } } }]);
  expect(card.skills.map((s: { id: string }) => s.id)).toEqual(['hello_world']);
});

test('a user signed in through test-client with hello_world:read gets an answer', async () => {
  const token = vault.browserToken('test-client', { sub: 'entity-of-end-user', 'hello-world.hello_world.read': true });
  expect(await say(token)).toContain('Hello, entity-of-end-user!');
});

test.each([
  ['no token', undefined, 401],
  ['an unknown token', 'b.AAAAAQunknown', 401],
  ['a token of another client agent', 'other', 401],
  ['an identity token', 'jwt', 401],
  ['a test-client token without the grant', 'no-grant', 403],
])('%s is refused (%s)', async (_name, which, status) => {
  const token =
    which === 'other'
      ? vault.browserToken('intruder', { sub: 'e', 'hello-world.hello_world.read': true })
      : which === 'jwt'
        ? await vault.identityToken({ aud: 'anything', sub: 'e', claims: { 'hello-world.hello_world.read': true } })
        : which === 'no-grant'
          ? vault.browserToken('test-client', { sub: 'e' })
          : which;
  await expect(say(token)).rejects.toThrow();
  const response = await fetch(`${url}/a2a`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'SendMessage', params: { message: { messageId: 'm', role: 'ROLE_USER', parts: [{ text: 'hi' }] } } }),
  });
  expect(response.status).toBe(status);
  const challenge = response.headers.get('www-authenticate') ?? '';
  expect(challenge).toMatch(new RegExp(`^Bearer realm="hello-world", error="${status === 401 ? 'invalid_token' : 'insufficient_scope'}"`));
  if (status === 403) expect(challenge).toContain('scope="hello-world.hello_world.read"');
  const body = await response.json();
  expect(body.error).toBe(status === 401 ? 'invalid_token' : 'insufficient_scope');
  if (token) expect(JSON.stringify(body) + challenge).not.toContain(token);
});

test('the example runs as its own process (npx ts-node examples/hello-world/server.ts)', async () => {
  const child = spawn(process.execPath, [require.resolve('ts-node/dist/bin'), '--transpile-only', 'examples/hello-world/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, CARDS: join(cards.dir, 'hello-world'), PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const started = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /hello-world server agent on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
    });
    expect((await fetch(`${started}/a2a`, { method: 'POST' })).status).toBe(401);
    const token = vault.browserToken('test-client', { sub: 'someone', 'hello-world.hello_world.read': true });
    const card = await (await fetch(`${started}/.well-known/agent-card.json`)).json();
    expect(card.supportedInterfaces[0].url).toBe(`${started}/a2a`);
    const ok = await fetch(`${started}/a2a`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'a2a-version': '1.0', authorization: `Bearer ${token}` },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'SendMessage', params: { message: { messageId: 'm', role: 'ROLE_USER', parts: [{ text: 'hi' }] } } }),
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Hello, someone!');
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    }
  }
});

describe('a2aVerifyMiddleware on its own (express), default skillOf: any grant on the server', () => {
  test('docs: identity and delegated tokens pass with the caller attached; others get the challenge', async () => {
    const express = (await import('express')).default;
    const { a2aUser, a2aVerifyMiddleware, createVerifier, verificationOf } = await import('../../lib/verify');
    const { AUDIENCES, ENTITIES, claimsAt } = await import('./support');
    const verifier = createVerifier({ claims: claimsAt('delegation', 'docs', vault.address), audiences: AUDIENCES, entities: ENTITIES });
    const app = express();
    app.use('/a2a', a2aVerifyMiddleware(verifier), async (req, res) => {
      const user = await a2aUser(req);
      res.json({ user: user.userName, flow: verificationOf(req)?.flow, actor: verificationOf(req)?.actor });
    });
    const docs = createServer(app);
    await new Promise<void>((resolve) => docs.listen(0, '127.0.0.1', resolve));
    const at = `http://127.0.0.1:${(docs.address() as AddressInfo).port}/a2a`;
    try {
      const call = (token: string) => fetch(at, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      const identity = await vault.identityToken({ aud: AUDIENCES['summarizer.docs'], sub: ENTITIES.summarizer, claims: { 'docs.documents.read': true } });
      expect(await (await call(identity)).json()).toEqual({ user: 'summarizer', flow: 'headless' });
      const delegated = await vault.delegatedToken({ sub: ENTITIES.alice, actor: ENTITIES.summarizer, aud: ['https://docs.example.com'], scope: ['docs.documents.read'] });
      expect(await (await call(delegated)).json()).toEqual({ user: 'alice', flow: 'delegated', actor: 'summarizer' });
      const notAllowed = await vault.delegatedToken({ sub: ENTITIES.carol, actor: ENTITIES.mailer, aud: ['https://docs.example.com'], scope: ['docs.documents.read'] });
      const refused = await call(notAllowed);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer realm="docs", error="insufficient_scope"/);
    } finally {
      docs.closeAllConnections();
      await new Promise<void>((resolve) => docs.close(() => resolve()));
    }
  });
});
