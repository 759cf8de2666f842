/**
 * `vault-a2a cards <topology> --out <dir>`: for each server agent, the security part of its A2A
 * Agent Card (1.0 and 0.3) and the claims it must check. Nothing is written unless the whole
 * topology is valid. Prints one summary line, however many servers there are.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CliError, ExitCode } from '../io';
import type { RegisterCommand } from './command';

// The names review/cards.ts gives the files, repeated here so `--help` does not load the renderers
// (test/review/cli.test.ts holds them equal).
export const CARD_FILES = ['agent-card.security.json', 'agent-card.security.v0_3.json', 'claims.json'] as const;

export const registerCards: RegisterCommand = (program, io, setExit) => {
  program
    .command('cards')
    .description("Write each server agent's Agent Card security (A2A 1.0 and 0.3) and the claims it must check.")
    .argument('<topology>', 'topology file (YAML or JSON)')
    .requiredOption('--out <dir>', `output directory: <dir>/<server>/${CARD_FILES.join(', ')}`)
    .action(async (topologyFile: string, options: { out: string }) => {
      const { loadTopologyArgument } = await import('../topology-argument');
      const { renderCards } = await import('../../review/cards');
      const topology = loadTopologyArgument(topologyFile, io);
      const { files, skipped } = renderCards(topology);
      for (const file of files) {
        const target = resolve(io.cwd, options.out, file.path);
        try {
          mkdirSync(dirname(target), { recursive: true });
          writeFileSync(target, file.content);
        } catch (err) {
          throw new CliError(`vault-a2a cards: cannot write ${join(options.out, file.path)}: ${(err as Error).message}`, ExitCode.invalidInput);
        }
      }
      const servers = new Set(files.map((f) => f.path.split('/')[0]));
      const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
      io.stdout(`vault-a2a cards: wrote ${plural(files.length, 'file')} for ${plural(servers.size, 'server agent')} in ${join(options.out, '<server>')}/\n`);
      for (const s of skipped) {
        io.stderr(
          s.skill === undefined
            ? `vault-a2a cards: no card for server agent "${s.server}": ${s.reason}\n`
            : `vault-a2a cards: skill "${s.skill}" of server agent "${s.server}": ${s.reason}\n`,
        );
      }
      setExit(ExitCode.ok);
    });
};
