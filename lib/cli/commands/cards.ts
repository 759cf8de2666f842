/**
 * `vault-a2a cards <topology> --out <dir>`: for each server agent, the security part of its A2A
 * Agent Card (1.0 and 0.3) and the claims it must check. Nothing is written unless the whole
 * topology is valid.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { renderCards, CARD_V0_3_FILE, CARD_V1_FILE, CLAIMS_FILE } from '../../review/cards';
import { CliError, ExitCode } from '../io';
import { loadTopologyArgument } from '../topology-argument';
import type { RegisterCommand } from './command';

export const registerCards: RegisterCommand = (program, io, setExit) => {
  program
    .command('cards')
    .description("Write each server agent's Agent Card security (A2A 1.0 and 0.3) and the claims it must check.")
    .argument('<topology>', 'topology file (YAML or JSON)')
    .requiredOption('--out <dir>', `output directory: <dir>/<server>/${CARD_V1_FILE}, ${CARD_V0_3_FILE} and ${CLAIMS_FILE}`)
    .action((topologyFile: string, options: { out: string }) => {
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
        io.stdout(`wrote ${join(options.out, file.path)}\n`);
      }
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
