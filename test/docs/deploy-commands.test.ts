import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const root = resolve(import.meta.dirname, '..', '..');

const helpTexts = new Map<string, string>();

/** `agentworld WORDS --help` as the CLI prints it (commander stops at the first word it does not know). */
function helpOf(subcommand: readonly string[]): string {
  const key = subcommand.join(' ');
  let text = helpTexts.get(key);
  if (text === undefined) {
    text = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), ...subcommand, '--help'],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    helpTexts.set(key, text);
  }
  return text;
}

/** The leading words naming a subcommand: `queue status RUN --queue …` → `queue status`. */
function subcommandWords(words: readonly string[]): string[] {
  const first = words[0] as string;
  const second = words[1];
  const nested: Record<string, readonly string[]> = {
    bench: ['infer', 'judge', 'score', 'report', 'shadow', 'turing'],
    queue: ['status', 'cancel'],
  };
  return second !== undefined && nested[first]?.includes(second) ? [first, second] : [first];
}

/** Every `--option` of the words that the subcommand's help does not list. */
function unknownOptions(words: readonly string[]): string[] {
  const subcommand = subcommandWords(words);
  const help = helpOf(subcommand);
  assert.match(
    help,
    new RegExp(`Usage: agentworld ${subcommand.join(' ')}`),
    `agentworld ${subcommand.join(' ')} exists`,
  );
  const known = new Set(help.match(/--[a-z][a-z0-9-]*/g) ?? []);
  return words
    .slice(subcommand.length)
    .filter((word) => word.startsWith('--'))
    .map((word) => word.split('=')[0] as string)
    .filter((flag) => !known.has(flag));
}

/** `agentworld …` lines of the shell blocks of docs/deploy.md (continuation lines joined, `…` dropped). */
function deployDocCommands(): string[][] {
  const text = readFileSync(join(root, 'docs', 'deploy.md'), 'utf8');
  const blocks = [...text.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1] as string);
  return blocks
    .flatMap((block) => block.replace(/\\\n\s*/g, ' ').split('\n'))
    .map((line) => line.trim())
    .filter((line) => line.startsWith('agentworld '))
    .map((line) =>
      line
        .split(/\s+/)
        .slice(1)
        .filter((word) => word !== '…'),
    );
}

/** The `command:` arrays of the AgentWorld services in deploy/compose.yaml. */
function composeCommands(): string[][] {
  const text = readFileSync(join(root, 'deploy', 'compose.yaml'), 'utf8');
  const services = text.split(/\n {2}(?=[a-z-]+:\n)/);
  return services
    .filter((service) => service.includes('<<: *agentworld'))
    .map((service) => {
      const line = /command: (\[.*\])/.exec(service)?.[1];
      assert.ok(line, `a service of the AgentWorld image has a command: ${service.slice(0, 40)}`);
      return JSON.parse(line) as string[];
    });
}

describe('deployment docs', () => {
  it('docs/deploy.md names only commands and options the CLI has', () => {
    const commands = deployDocCommands();
    assert.ok(commands.length >= 6, `found ${commands.length} agentworld commands`);
    const names = new Set<string>();
    for (const words of commands) {
      names.add(subcommandWords(words).join(' '));
      assert.deepEqual(unknownOptions(words), [], `options of: agentworld ${words.join(' ')}`);
    }
    for (const expected of ['serve', 'worker', 'bench infer', 'rollout', 'queue status', 'queue cancel']) {
      assert.ok(names.has(expected), `docs/deploy.md shows agentworld … ${expected}`);
    }
  });

  it('deploy/compose.yaml starts servers and workers with options the CLI has', () => {
    const commands = composeCommands();
    assert.deepEqual(
      commands.map((words) => words[0]),
      ['serve', 'serve', 'worker'],
    );
    for (const words of commands) {
      assert.deepEqual(unknownOptions(words), [], `options of: ${words.join(' ')}`);
    }
  });

  it('the Dockerfile builds the CLI the compose file runs', () => {
    const dockerfile = readFileSync(join(root, 'deploy', 'Dockerfile'), 'utf8');
    const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };
    assert.match(dockerfile, /RUN npm run build/);
    assert.ok(dockerfile.includes(`/app/${packageJson.bin.agentworld}`), 'the entrypoint is the package bin');
    assert.match(dockerfile, /^COPY src\/engines\/local\/absent-native-package/m);
  });
});
