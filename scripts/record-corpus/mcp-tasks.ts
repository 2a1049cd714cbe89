/**
 * The mcp corpus' scripted agents, against three reference servers: `everything` (echo, arithmetic, structured
 * and annotated results, resource links, tool errors), `memory` (a knowledge graph built, searched and pruned)
 * and `filesystem` (files written, edited, listed, searched and moved inside its one allowed folder, and paths
 * outside it refused). Arguments are seeded; some calls fail on purpose inside the world (unknown entities and
 * resources, paths outside the root, missing files), so the corpus holds the servers' real error results too.
 * Calls whose arguments break the tool's input schema are refused by the session before any server sees them,
 * so none are scripted here.
 */
import { type SeededRandom, WORDS } from './random.js';
import type { CorpusScenario } from './scenario.js';

export type McpCorpusServer = 'everything' | 'memory' | 'filesystem';

export interface McpScenario extends CorpusScenario {
  readonly server: McpCorpusServer;
}

const call = (name: string, arguments_: Record<string, unknown> = {}) => ({ name, arguments: arguments_ });
const CITIES = ['Chicago', 'New York', 'Los Angeles'];

function everything(random: SeededRandom): { task: string; actions: unknown[] } {
  const calls = [
    call('echo', { message: `${random.pick(WORDS)} ${random.pick(WORDS)} ${random.integer(1, 999)}` }),
    call('get-sum', { a: random.integer(-50, 50), b: random.integer(-50, 50) }),
    call('get-sum', { a: random.integer(1, 9) / 4, b: random.integer(-9, 9) / 8 }),
    call('get-structured-content', { location: random.pick(CITIES) }),
    call('get-annotated-message', { messageType: random.pick(['error', 'success', 'debug']) }),
    call('get-resource-links', { count: random.integer(1, 4) }),
    call('get-resource-reference', {
      resourceType: random.pick(['Text', 'Blob']),
      resourceId: random.integer(1, 120),
    }),
    call('gzip-file-as-resource', {
      name: `${random.pick(WORDS)}.txt.gz`,
      data: 'data:text/plain;base64,aGVsbG8gd29ybGQ=',
      outputType: random.pick(['resource', 'resourceLink']),
    }),
  ];
  return {
    task: "Try the server's tools: echo, arithmetic, weather for a city, annotated messages and resources.",
    actions: random.sample(calls, random.integer(4, 7)),
  };
}

function memory(random: SeededRandom): { task: string; actions: unknown[] } {
  const [alice, bob, carol] = random.sample(
    ['Ada', 'Bram', 'Chen', 'Dara', 'Emil', 'Fay', 'Gus', 'Hana'],
    3,
  ) as [string, string, string];
  const project = `Project ${random.pick(WORDS)}`;
  const actions = [
    call('create_entities', {
      entities: [
        { name: alice, entityType: 'person', observations: [`likes ${random.pick(WORDS)}`] },
        {
          name: bob,
          entityType: 'person',
          observations: [
            `works remotely`,
            `speaks ${random.pick(['Dutch', 'Swahili', 'Korean', 'Portuguese'])}`,
          ],
        },
        { name: project, entityType: 'project', observations: [`started in ${random.integer(2015, 2025)}`] },
      ],
    }),
    call('create_relations', {
      relations: [
        { from: alice, to: project, relationType: 'leads' },
        { from: bob, to: project, relationType: 'works_on' },
      ],
    }),
    call('add_observations', { observations: [{ entityName: alice, contents: [`mentors ${bob}`] }] }),
    call('add_observations', { observations: [{ entityName: carol, contents: ['joined late'] }] }),
    call('search_nodes', {
      query: random.pick([project.split(' ')[1] ?? 'project', 'person', alice, 'remote']),
    }),
    call('open_nodes', { names: [alice, carol] }),
    ...(random.next() < 0.5
      ? [call('delete_observations', { deletions: [{ entityName: bob, observations: ['works remotely'] }] })]
      : []),
    ...(random.next() < 0.5 ? [call('delete_entities', { entityNames: [bob] })] : []),
    call('read_graph'),
  ];
  return { task: `Remember ${alice}, ${bob} and ${project}, relate them and look them up again.`, actions };
}

function filesystem(random: SeededRandom): { task: string; actions: unknown[] } {
  const folder = random.pick(WORDS);
  const [first, second] = random.sample(WORDS, 2) as [string, string];
  const lines = random.sample(WORDS, random.integer(3, 6));
  const actions = [
    call('list_allowed_directories'),
    call('create_directory', { path: folder }),
    call('write_file', { path: `${folder}/${first}.txt`, content: `${lines.join('\n')}\n` }),
    call('read_text_file', { path: `${folder}/${first}.txt`, ...(random.next() < 0.4 ? { head: 2 } : {}) }),
    call('edit_file', {
      path: `${folder}/${first}.txt`,
      edits: [{ oldText: lines[0], newText: lines[0]?.toUpperCase() }],
      dryRun: random.next() < 0.5,
    }),
    call('write_file', { path: `${folder}/${second}.md`, content: `# ${second}\n` }),
    call('list_directory', { path: folder }),
    call('search_files', { path: '.', pattern: `*${random.pick([first, second, 'txt', 'md'])}*` }),
    call('directory_tree', { path: folder }),
    call('move_file', { source: `${folder}/${second}.md`, destination: `${second}.md` }),
    call('read_text_file', { path: `/etc/${random.pick(['passwd', 'hostname', 'os-release'])}` }),
    call('read_text_file', { path: `${folder}/missing.txt` }),
    call('read_multiple_files', { paths: [`${folder}/${first}.txt`, `${second}.md`] }),
  ];
  return { task: `Keep notes in a folder ${folder}: write, edit, list, search and move them.`, actions };
}

const BUILDERS: Record<McpCorpusServer, (random: SeededRandom) => { task: string; actions: unknown[] }> = {
  everything,
  memory,
  filesystem,
};

export function mcpScenarios(perServer: number, random: (name: string) => SeededRandom): McpScenario[] {
  const scenarios: McpScenario[] = [];
  for (const server of Object.keys(BUILDERS) as McpCorpusServer[]) {
    for (let index = 0; index < perServer; index++) {
      const { task, actions } = BUILDERS[server](random(`mcp/${server}/${index}`));
      scenarios.push({ id: `mcp-${server}-${index + 1}`, family: server, server, task, actions });
    }
  }
  return scenarios;
}
