import { homedir } from 'node:os';
import { join } from 'node:path';

/** `$AGENTWORLD_HOME/agentworld.db`, else `~/.agentworld/agentworld.db`. */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.AGENTWORLD_HOME;
  if (home !== undefined && home.trim() !== '') return join(home, 'agentworld.db');
  return join(homedir(), '.agentworld', 'agentworld.db');
}
