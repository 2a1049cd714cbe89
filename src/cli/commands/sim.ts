import { createInterface } from 'node:readline/promises';
import { toAgentWorldError } from '../../core/errors.js';
import { createEnv } from '../../session/create-env.js';
import type { Session } from '../../session/session.js';
import { appendSessionRecord } from '../../session/session-file.js';
import { readSpecFile } from '../../session/spec-file.js';
import { actionFromLine } from '../action-input.js';
import { createEngineFromFlags, type EngineFlags } from '../engine-factory.js';
import { bold, describeTurn, dim, formatError } from '../output.js';

export interface SimFlags extends EngineFlags {
  readonly seed?: number | undefined;
  readonly save?: string | undefined;
}

const HELP = `Type an action and press Enter. JSON is sent as it is; otherwise
  terminal: the line is typed and run, e.g.  ls -la
  mcp/search: tool_name {"arg": "value"}
Commands:
  :history        the turns of the current session
  :fork           fork the current session and switch to the fork
  :sessions       list sessions (forks included)
  :switch N       switch to session number N
  :save [FILE]    append the current session to a JSONL file (default: --save or session-<id>.jsonl)
  :state          the ledger (what AgentWorld tracks deterministically)
  :help           this text
  :quit           leave (Ctrl-D works too)`;

/** `agentworld sim SPEC`: an interactive session against a world model. */
export async function runSim(specPath: string, flags: SimFlags): Promise<void> {
  const engine = await createEngineFromFlags(flags);
  const sessions: Session[] = [];
  try {
    const root = await createEnv(await readSpecFile(specPath), { engine });
    sessions.push(root);
    let current = root;
    const reset = await root.reset({ seed: flags.seed });
    console.log(
      dim(
        `session ${root.id} · ${root.spec.domain}/${root.dialect} · seed ${reset.info.seed} · engine ${engine.id}`,
      ),
    );
    if (root.spec.task) console.log(`${bold('Task:')} ${root.spec.task}`);
    console.log(dim('Type :help for commands.'));
    console.log(reset.observation);

    const readline = createInterface({
      input: process.stdin,
      output: process.stdout,
      terminal: process.stdin.isTTY,
    });
    readline.setPrompt(dim('action> '));
    readline.prompt();
    for await (const line of readline) {
      const trimmed = line.trim();
      if (trimmed === '') {
        readline.prompt();
        continue;
      }
      if (trimmed.startsWith(':')) {
        const [command, argument] = trimmed.split(/\s+/, 2);
        if (command === ':quit' || command === ':exit') break;
        if (command === ':help') console.log(HELP);
        else if (command === ':history') {
          for (const turn of current.turns) {
            console.log(bold(`--- turn ${turn.index}`));
            console.log(JSON.stringify(turn.action));
            console.log(turn.observation);
            console.log(dim(describeTurn(turn)));
          }
        } else if (command === ':fork') {
          current = current.fork();
          sessions.push(current);
          console.log(
            dim(`forked at turn ${current.forkedAtTurn} → session #${sessions.length - 1} (${current.id})`),
          );
        } else if (command === ':sessions') {
          sessions.forEach((session, index) => {
            const marker = session === current ? '*' : ' ';
            const parent = session.parentId
              ? ` fork of ${session.parentId.slice(0, 8)} at turn ${session.forkedAtTurn}`
              : '';
            console.log(`${marker} #${index} ${session.id} · ${session.turns.length} turns${parent}`);
          });
        } else if (command === ':switch') {
          const target = sessions[Number(argument)];
          if (target === undefined)
            console.log(formatError(toAgentWorldError(`No session #${argument}.`, 'INVALID_REQUEST')));
          else current = target;
        } else if (command === ':save') {
          const path = argument ?? flags.save ?? `session-${current.id}.jsonl`;
          await appendSessionRecord(path, current.toRecord({ savedBy: 'agentworld sim' }));
          console.log(dim(`saved session ${current.id} (${current.turns.length} turns) to ${path}`));
        } else if (command === ':state') {
          console.log(JSON.stringify(current.ledgerSummary(), null, 2));
        } else console.log(`Unknown command ${command}. Type :help.`);
        readline.prompt();
        continue;
      }
      try {
        const result = await current.step(actionFromLine(line, current.spec.domain));
        console.log(result.observation);
        console.log(dim(describeTurn(result.info.turn)));
        if (result.terminated) console.log(dim('(the agent declared the task complete: terminated)'));
        if (result.truncated) console.log(dim('(turn limit reached: truncated)'));
      } catch (error) {
        console.log(formatError(toAgentWorldError(error)));
      }
      readline.prompt();
    }
    readline.close();
    if (flags.save !== undefined) {
      for (const session of sessions) {
        if (session.turns.length > 0)
          await appendSessionRecord(flags.save, session.toRecord({ savedBy: 'agentworld sim' }));
      }
    }
  } finally {
    await engine.close();
  }
}
