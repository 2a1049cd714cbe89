/**
 * The parts of the real corpus: which scenarios each records, on which real engine, in which spec. Every part
 * writes corpus/real/<name>.jsonl.gz.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SessionRecord } from '../../src/core/turn.js';
import { type WorldSpec, type WorldSpecInput, WorldSpecSchema } from '../../src/core/world-spec.js';
import type { WebDialect } from '../../src/domains/web/index.js';
import {
  createRealMcpEngine,
  createRealTerminalEngine,
  RealSweEngine,
} from '../../src/engines/real/index.js';
import {
  createRealSearchEngine,
  DEFAULT_SEARCH_CORPUS,
  parseSearchCorpus,
  readCorpusBytes,
} from '../../src/engines/real/search/index.js';
import { createRealWebEngine, findChromium } from '../../src/engines/real/web/index.js';
import { parseWorldSpec } from '../../src/session/create-env.js';
import { type McpCorpusServer, mcpScenarios } from './mcp-tasks.js';
import { randomFor } from './random.js';
import { recordScenarios } from './record-sessions.js';
import type { CorpusScenario } from './scenario.js';
import { searchScenarios } from './search-tasks.js';
import { type SweCorpusDialect, sweScenarios } from './swe-tasks.js';
import { terminalScenarios } from './terminal-tasks.js';
import { bashVersion, commandVersion, gitVersion, packageVersion, pythonVersion } from './tool-versions.js';
import { webScenarios } from './web-tasks.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GENERATOR = 'scripts/record-corpus';

export interface PartResult {
  readonly records: SessionRecord[];
  readonly sessions: number;
  readonly turns: number;
  /** Sessions per task family. */
  readonly families: Record<string, number>;
  readonly failedChecks: string[];
  /** The real tools behind the part, with versions. */
  readonly tools: Record<string, string>;
}

export interface CorpusPart {
  readonly name: string;
  record(log: (line: string) => void): Promise<PartResult>;
}

function example(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(root, 'examples', name), 'utf8')) as Record<string, unknown>;
}

function familiesOf(scenarios: readonly CorpusScenario[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const scenario of scenarios) counts[scenario.family] = (counts[scenario.family] ?? 0) + 1;
  return counts;
}

const terminal: CorpusPart = {
  name: 'terminal',
  async record(log) {
    const scenarios = terminalScenarios(10, randomFor);
    const base = example('terminal.json');
    const engine = createRealTerminalEngine();
    const tools = { bash: bashVersion(), git: gitVersion(), python3: pythonVersion() };
    try {
      const part = await recordScenarios(scenarios, {
        engine,
        concurrency: 4,
        specFor: (scenario) => ({
          ...base,
          id: `corpus-${scenario.id}`,
          description:
            'A Debian machine with bash, git and Python 3 in a bubblewrap sandbox without network.',
          task: scenario.task,
          demonstrations: [],
        }),
        labels: () => ({
          recordedWith: 'real (src/engines/real/terminal)',
          shell: `bash ${tools.bash} in bubblewrap, 160x40 pseudo-terminal, no network`,
          generator: GENERATOR,
        }),
        onSession: (scenario, record) => log(`${scenario.id}: ${record.turns.length} turns`),
      });
      return { ...part, sessions: part.records.length, families: familiesOf(scenarios), tools };
    } finally {
      await engine.close();
    }
  },
};

const swe: CorpusPart = {
  name: 'swe',
  async record(log) {
    const bases: Record<SweCorpusDialect, Record<string, unknown>> = {
      'mini-swe-agent': example('swe-mini-swe-agent.json'),
      'swe-agent': example('swe-swe-agent.json'),
      'claude-code': example('swe-claude-code.json'),
      'gemini-cli': example('swe-gemini-cli.json'),
    };
    const cwdOf = (dialect: SweCorpusDialect): string => {
      const spec: WorldSpec = parseWorldSpec(bases[dialect]);
      return String(spec.initialState.data.cwd);
    };
    const scenarios = sweScenarios(12, cwdOf, randomFor);
    const byId = new Map(scenarios.map((scenario) => [scenario.id, scenario]));
    const engine = new RealSweEngine();
    const tools = { git: gitVersion(), python3: pythonVersion() };
    try {
      const part = await recordScenarios(scenarios, {
        engine,
        concurrency: 4,
        specFor: (scenario) => {
          const sweScenario = byId.get(scenario.id);
          if (sweScenario === undefined) throw new Error(`no swe scenario ${scenario.id}`);
          const base = bases[sweScenario.dialect];
          const initialState = base.initialState as { text?: string; data: Record<string, unknown> };
          return {
            ...base,
            id: `corpus-${scenario.id}`,
            description: 'A small Python repository with one failing unittest.',
            task: scenario.task,
            initialState: {
              text: `Working directory: ${cwdOf(sweScenario.dialect)}\nA git repository with a module, its unittest and a README.`,
              data: { ...initialState.data, files: sweScenario.files },
            },
          };
        },
        labels: (scenario) => ({
          recordedWith: 'real-swe',
          dialect: byId.get(scenario.id)?.dialect ?? 'unknown',
          executor: `a git ${tools.git} repository in a bubblewrap sandbox (no network)`,
          generator: GENERATOR,
        }),
        onSession: (scenario, record) => log(`${scenario.id}: ${record.turns.length} turns`),
      });
      return { ...part, sessions: part.records.length, families: familiesOf(scenarios), tools };
    } finally {
      await engine.close();
    }
  },
};

const MCP_SPECS: Record<McpCorpusServer, () => Record<string, unknown>> = {
  everything: () => example('mcp.json'),
  memory: () => example('mcp-memory.json'),
  filesystem: () => ({
    version: 1,
    id: 'corpus-mcp-filesystem',
    description:
      'The reference filesystem server @modelcontextprotocol/server-filesystem, confined to one folder.',
    domain: 'mcp',
    dialect: 'mcp',
    initialState: { data: { serverName: 'secure-filesystem-server' } },
    // Only for the tool list (relative to the repository root, where the recorder runs); sessions get a server
    // of their own confined to a fresh temporary folder.
    toolsFrom: {
      command: 'node',
      args: ['node_modules/@modelcontextprotocol/server-filesystem/dist/index.js', '.'],
    },
  }),
};

const mcp: CorpusPart = {
  name: 'mcp',
  async record(log) {
    const scenarios = mcpScenarios(20, randomFor);
    const tools = {
      'server-everything': packageVersion(root, '@modelcontextprotocol/server-everything'),
      'server-memory': packageVersion(root, '@modelcontextprotocol/server-memory'),
      'server-filesystem': packageVersion(root, '@modelcontextprotocol/server-filesystem'),
    };
    const records: SessionRecord[] = [];
    const failedChecks: string[] = [];
    let turns = 0;
    for (const server of Object.keys(MCP_SPECS) as McpCorpusServer[]) {
      const engine = createRealMcpEngine({ server: { kind: 'known', name: server } });
      const base = MCP_SPECS[server]();
      try {
        const part = await recordScenarios(
          scenarios.filter((scenario) => scenario.server === server),
          {
            engine,
            concurrency: 2,
            specFor: (scenario) => ({ ...base, id: `corpus-${scenario.id}`, task: scenario.task }),
            labels: () => ({
              recordedWith: 'real (src/engines/real/mcp)',
              server: `@modelcontextprotocol/server-${server} ${tools[`server-${server}`]}`,
              generator: GENERATOR,
            }),
            onSession: (scenario, record) => log(`${scenario.id}: ${record.turns.length} turns`),
          },
        );
        records.push(...part.records);
        failedChecks.push(...part.failedChecks);
        turns += part.turns;
      } finally {
        await engine.close();
      }
    }
    return { records, sessions: records.length, turns, families: familiesOf(scenarios), failedChecks, tools };
  },
};

const search: CorpusPart = {
  name: 'search',
  async record(log) {
    const corpus = parseSearchCorpus(DEFAULT_SEARCH_CORPUS, readCorpusBytes(DEFAULT_SEARCH_CORPUS));
    const scenarios = searchScenarios(60, corpus.documents, randomFor);
    const base = example('search.json');
    const engine = createRealSearchEngine();
    const tools = {
      corpus: `${relative(root, DEFAULT_SEARCH_CORPUS)} (${corpus.documents.length} documents, sha256 ${corpus.sha256.slice(0, 12)})`,
      minisearch: packageVersion(root, 'minisearch'),
    };
    try {
      const part = await recordScenarios(scenarios, {
        engine,
        concurrency: 4,
        specFor: (scenario) => ({
          ...base,
          id: `corpus-${scenario.id}`,
          description:
            "Research over this machine's Debian documentation, answered by a real full-text engine.",
          task: scenario.task,
          demonstrations: [],
        }),
        labels: () => ({
          recordedWith: 'real-search (src/engines/real/search)',
          corpus: tools.corpus,
          generator: GENERATOR,
        }),
        onSession: (scenario, record) => log(`${scenario.id}: ${record.turns.length} turns`),
      });
      return { ...part, sessions: part.records.length, families: familiesOf(scenarios), tools };
    } finally {
      await engine.close();
    }
  },
};

function webPart(dialect: WebDialect): CorpusPart {
  return {
    name: `web-${dialect}`,
    async record(log) {
      const scenarios = webScenarios(40, dialect, randomFor);
      const byId = new Map(scenarios.map((scenario) => [scenario.id, scenario]));
      const engine = createRealWebEngine();
      const tools = {
        chromium: commandVersion(findChromium() ?? 'chromium', ['--version'], /Chromium (\S+)/),
        ...(dialect === 'playwright-mcp'
          ? { '@playwright/mcp': packageVersion(root, '@playwright/mcp') }
          : { 'playwright-core': packageVersion(root, 'playwright-core') }),
      };
      try {
        const part = await recordScenarios(scenarios, {
          engine,
          concurrency: dialect === 'browsergym' ? 3 : 2,
          specFor: async (scenario) => {
            const site = byId.get(scenario.id)?.site;
            if (site === undefined) throw new Error(`no web scenario ${scenario.id}`);
            const probe: WorldSpecInput = {
              id: `corpus-${scenario.id}`,
              description: `${site.description}, served to Chromium by the real web engine (${dialect}).`,
              domain: 'web',
              dialect,
              task: scenario.task,
              initialState: { data: { startUrl: site.startUrl, pages: site.pages } },
            };
            const first = await engine.firstView(WorldSpecSchema.parse(probe));
            return { ...probe, initialState: { text: first, data: probe.initialState?.data ?? {} } };
          },
          labels: () => ({
            recordedWith: `real (src/engines/real/web, ${dialect})`,
            browser: `Chromium ${tools.chromium}`,
            generator: GENERATOR,
          }),
          onSession: (scenario, record) => log(`${scenario.id}: ${record.turns.length} turns`),
        });
        return { ...part, sessions: part.records.length, families: familiesOf(scenarios), tools };
      } finally {
        await engine.close();
      }
    },
  };
}

export const CORPUS_PARTS: readonly CorpusPart[] = [
  terminal,
  swe,
  mcp,
  search,
  webPart('browsergym'),
  webPart('playwright-mcp'),
];
