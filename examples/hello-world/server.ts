/**
 * The hello-world server agent, enforcing on every request what the topology grants: only a user
 * signed in through test-client, holding `hello-world.hello_world.read`, gets an answer.
 *
 *   vault-a2a cards examples/hello-world/topology.yaml --out cards
 *   CARDS=cards/hello-world PORT=9999 npx ts-node examples/hello-world/server.ts
 *
 * In your own project import from 'cdktf-vault-a2a/verify'.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import { AgentCard, Message } from '@a2a-js/sdk';
import { AgentEvent, DefaultRequestHandler, InMemoryTaskStore } from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler } from '@a2a-js/sdk/server/express';
import { a2aUser, a2aVerifyMiddleware, createVerifier } from '../../lib/verify';

export function helloWorldServer(cards: string, url: string): express.Express {
  const read = (file: string) => JSON.parse(readFileSync(join(cards, file), 'utf8'));
  const verifier = createVerifier({ claims: read('claims.json') });
  const security = read('agent-card.security.json').agentCard;
  const card = AgentCard.fromJSON({
    ...security,
    name: 'hello-world',
    description: 'Says hello',
    version: '1.0.0',
    supportedInterfaces: [{ url: `${url}/a2a`, protocolBinding: 'JSONRPC', protocolVersion: '1.0' }],
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [{ ...security.skills[0], name: 'Hello world', description: 'Returns hello world', tags: ['hello'] }],
  });
  const handler = new DefaultRequestHandler(card, new InMemoryTaskStore(), {
    async execute(request, bus) {
      const text = `Hello, ${request.context.user?.userName}!`;
      bus.publish(AgentEvent.message(Message.fromJSON({ messageId: crypto.randomUUID(), contextId: request.contextId, role: 'ROLE_AGENT', parts: [{ text }] })));
      bus.finished();
    },
    async cancelTask() {},
  });
  const app = express();
  app.use('/.well-known/agent-card.json', agentCardHandler({ agentCardProvider: handler }));
  app.use('/a2a', a2aVerifyMiddleware(verifier, { skillOf: () => ({ skill: 'hello_world', action: 'read' }) }), jsonRpcHandler({ requestHandler: handler, userBuilder: a2aUser }));
  return app;
}

if (require.main === module) {
  const server = createServer().listen(Number(process.env.PORT ?? 9999), '127.0.0.1', () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on('request', helloWorldServer(process.env.CARDS ?? 'cards/hello-world', url));
    console.log(`hello-world server agent on ${url}`);
  });
}
