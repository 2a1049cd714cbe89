/**
 * The fixed action scripts of bench/real-engines, one per case (terminal, mcp with two servers, swe, web in both
 * dialects, search): realistic turns an agent sends, the same for the
 * real engine, the replay of its recording and the embedded model. A script shorter than `--steps` repeats.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../src/core/engine.js';
import type { WorldSpecInput } from '../../src/core/world-spec.js';
import { createRealEngine } from '../../src/engines/real/index.js';

export const BENCH_CASES = [
  'terminal',
  'mcp-everything',
  'mcp-memory',
  'swe',
  'web-browsergym',
  'web-playwright-mcp',
  'search',
] as const;
export type BenchCaseId = (typeof BENCH_CASES)[number];

export interface BenchCase {
  readonly id: BenchCaseId;
  readonly spec: WorldSpecInput;
  readonly actions: readonly unknown[];
  /** A fresh real engine for one run of `concurrency` sessions at once (closed by the caller). */
  makeRealEngine(concurrency: number): Engine;
  /** Whether the embedded local model simulates this case too (terminal only). */
  readonly local: boolean;
}

const EXAMPLES = join(import.meta.dirname, '../../examples');
const example = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8')) as Record<string, unknown>;

const keys = (keystrokes: string) => [{ keystrokes, duration: 2 }];

/** Root in /workspace with the default prompt: a shell both bubblewrap and the embedded model serve. */
const TERMINAL_SPEC: WorldSpecInput = {
  id: 'bench-real-terminal',
  domain: 'terminal',
  dialect: 'terminus',
  task: 'Look around, write a few notes and read them back.',
  initialState: { data: { cwd: '/workspace', user: 'root', host: 'bench', home: '/root' } },
  maxTurns: 1000,
};

const TERMINAL_ACTIONS = [
  keys('ls\n'),
  keys('echo hello world\n'),
  keys('mkdir -p notes && cd notes\n'),
  keys('printf "alpha\\nbeta\\ngamma\\ndelta\\n" > words.txt\n'),
  keys('cat words.txt\n'),
  keys('grep -n a words.txt | sort -r\n'),
  keys('wc -l words.txt\n'),
  keys('cat missing.txt\n'),
  keys('cd ..\n'),
  keys('ls -la notes\n'),
  keys('echo $HOME && pwd\n'),
  keys('python3 -c "print(6*7)"\n'),
];

const EVERYTHING_ACTIONS = [
  { name: 'echo', arguments: { message: 'hello' } },
  { name: 'get-sum', arguments: { a: 2, b: 3 } },
  { name: 'get-structured-content', arguments: { location: 'Chicago' } },
  { name: 'echo', arguments: { message: 'bye' } },
];

const MEMORY_ACTIONS = [
  {
    name: 'create_entities',
    arguments: { entities: [{ name: 'Ada', entityType: 'person', observations: ['writes programs'] }] },
  },
  {
    name: 'create_relations',
    arguments: { relations: [{ from: 'Ada', to: 'Ada', relationType: 'knows' }] },
  },
  { name: 'add_observations', arguments: { observations: [{ entityName: 'Ada', contents: ['likes tea'] }] } },
  { name: 'search_nodes', arguments: { query: 'Ada' } },
  { name: 'read_graph', arguments: {} },
];

const SWE_CHECK = "cd /testbed && python3 -c 'from calc import add; print(add(2, 3))'";
const SWE_ACTIONS = [
  { name: 'str_replace_editor', arguments: { command: 'view', path: '/testbed/calc.py' } },
  { name: 'bash', arguments: { command: SWE_CHECK } },
  {
    name: 'str_replace_editor',
    arguments: { command: 'str_replace', path: '/testbed/calc.py', old_str: 'a - b', new_str: 'a + b' },
  },
  { name: 'bash', arguments: { command: SWE_CHECK } },
  { name: 'bash', arguments: { command: 'cd /testbed && git status --short && git diff --stat' } },
  { name: 'str_replace_editor', arguments: { command: 'undo_edit', path: '/testbed/calc.py' } },
];

const LIBRARY = 'http://127.0.0.1:8765';

/** Navigation, scrolling and keys on the example library site: no action depends on ids a page assigns. */
const BROWSERGYM_ACTIONS = [
  `goto("${LIBRARY}/books.html")`,
  'scroll(0, 200)',
  'go_back()',
  'go_forward()',
  `goto("${LIBRARY}/contact.html")`,
  'keyboard_press("Tab")',
  'noop(10)',
  `goto("${LIBRARY}/")`,
];

const PLAYWRIGHT_MCP_ACTIONS = [
  { name: 'browser_navigate', arguments: { url: `${LIBRARY}/books.html` } },
  { name: 'browser_snapshot', arguments: {} },
  { name: 'browser_navigate_back', arguments: {} },
  { name: 'browser_press_key', arguments: { key: 'Tab' } },
  { name: 'browser_navigate', arguments: { url: `${LIBRARY}/contact.html` } },
  { name: 'browser_tabs', arguments: { action: 'list' } },
];

const SEARCH_ACTIONS = [
  { name: 'web_search', arguments: { query: 'apt-get install package' } },
  {
    name: 'web_extractor',
    arguments: { url: 'https://debian.example/usr/share/man/man8/apt-get.8', goal: 'install' },
  },
  { name: 'web_search', arguments: { queries: ['valgrind memcheck', 'libffi closures'] } },
  { name: 'dict_memory', arguments: { operation: 'add', dict: { tool: 'apt-get' } } },
  { name: 'web_search', arguments: { query: 'crontab format' } },
  { name: 'dict_memory', arguments: { operation: 'retrieve', key_list: ['tool'] } },
];

export function benchCase(id: BenchCaseId): BenchCase {
  switch (id) {
    case 'terminal':
      return {
        id,
        spec: TERMINAL_SPEC,
        actions: TERMINAL_ACTIONS,
        makeRealEngine: (concurrency) =>
          createRealEngine('terminal', { terminal: { maxSessions: Math.max(16, concurrency) } }),
        local: true,
      };
    case 'mcp-everything':
      return {
        id,
        spec: { ...example('mcp.json'), id: 'bench-real-mcp-everything', maxTurns: 1000 } as WorldSpecInput,
        actions: EVERYTHING_ACTIONS,
        makeRealEngine: (concurrency) =>
          createRealEngine('mcp', {
            mcp: { server: { kind: 'known', name: 'everything' }, maxSessions: Math.max(16, concurrency) },
          }),
        local: false,
      };
    case 'mcp-memory':
      return {
        id,
        spec: {
          ...example('mcp-memory.json'),
          id: 'bench-real-mcp-memory',
          maxTurns: 1000,
        } as WorldSpecInput,
        actions: MEMORY_ACTIONS,
        makeRealEngine: (concurrency) =>
          createRealEngine('mcp', {
            mcp: { server: { kind: 'known', name: 'memory' }, maxSessions: Math.max(16, concurrency) },
          }),
        local: false,
      };
    case 'swe':
      return {
        id,
        spec: { ...example('swe-swe-agent.json'), id: 'bench-real-swe', maxTurns: 1000 } as WorldSpecInput,
        actions: SWE_ACTIONS,
        makeRealEngine: (concurrency) =>
          createRealEngine('swe', {
            swe: { commandTimeoutSeconds: 30, maxSessions: Math.max(8, concurrency) },
          }),
        local: false,
      };
    case 'web-browsergym':
      return {
        id,
        spec: {
          ...example('web-browsergym.json'),
          id: 'bench-real-web-browsergym',
          maxTurns: 1000,
        } as WorldSpecInput,
        actions: BROWSERGYM_ACTIONS,
        makeRealEngine: (concurrency) =>
          createRealEngine('web', { web: { browsergym: { maxSessions: Math.max(16, concurrency) } } }),
        local: false,
      };
    case 'web-playwright-mcp':
      return {
        id,
        spec: {
          ...example('web-playwright-mcp.json'),
          id: 'bench-real-web-playwright-mcp',
          maxTurns: 1000,
        } as WorldSpecInput,
        actions: PLAYWRIGHT_MCP_ACTIONS,
        makeRealEngine: (concurrency) =>
          createRealEngine('web', { web: { playwrightMcp: { maxSessions: Math.max(16, concurrency) } } }),
        local: false,
      };
    case 'search':
      return {
        id,
        spec: {
          id: 'bench-real-search',
          domain: 'search',
          task: 'Find out how apt-get installs a package.',
          initialState: { data: { currentDate: '2026-12-07' } },
          maxTurns: 1000,
        },
        actions: SEARCH_ACTIONS,
        makeRealEngine: () => createRealEngine('search'),
        local: false,
      };
  }
}

/** The action of step `index` (0-based): the script, repeated. */
export function actionAt(benchCaseValue: BenchCase, index: number): unknown {
  return benchCaseValue.actions[index % benchCaseValue.actions.length];
}
