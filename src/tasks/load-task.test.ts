/** Loading task files: validation with file and path in the errors, spec resolution, domain checks, curriculum. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isAgentWorldError } from '../core/errors.js';
import { curriculumFor, loadTask, loadTasks, parseTask, specForEpisode } from './load-task.js';

const fixtures = join(process.cwd(), 'test', 'fixtures', 'tasks');
const scratch = mkdtempSync(join(tmpdir(), 'agentworld-tasks-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

async function refused(value: unknown, pattern: RegExp): Promise<void> {
  await assert.rejects(parseTask(value, { source: 'bad.yaml' }), (error: unknown) => {
    assert.ok(isAgentWorldError(error, 'INVALID_SPEC'));
    assert.match(error.message, /^Task bad\.yaml: /);
    assert.match(error.message, pattern);
    return true;
  });
}

const base = { id: 'a-task', instruction: 'Run ls.', spec: 'terminal' };

describe('loadTask', () => {
  it('reads YAML and JSON, resolves a bundled name and a {file} beside the task, puts the instruction in the spec', async () => {
    const yaml = await loadTask(join(fixtures, 'good', 'terminal-words.yaml'));
    assert.equal(yaml.task.id, 'terminal-words');
    assert.equal(yaml.spec.domain, 'terminal');
    assert.equal(yaml.spec.task, yaml.task.instruction);
    const json = await loadTask(join(fixtures, 'good', 'swe-garnet.json'));
    assert.equal(json.spec.dialect, 'mini-swe-agent');
    assert.match(json.source, /swe-garnet\.json$/);
    const inline = await parseTask({
      ...base,
      spec: { domain: 'search', task: 'ignored' },
      verifiers: [{ type: 'final-answer', match: 'contains', expected: 'x' }],
    });
    assert.equal(inline.spec.task, 'Run ls.');
  });

  it('refuses bad tasks with the reason and the path', async () => {
    await refused({ ...base, verifiers: [{ type: 'screenshot', image: 'x' }] }, /\$\.verifiers\[0\]\.type/);
    await refused({ ...base, verifiers: [] }, /\$\.verifiers/);
    await refused({ ...base, id: 'Bad Id', verifiers: [{ type: 'tool-called', tool: 'ls' }] }, /\$\.id/);
    await refused(
      { ...base, verifiers: [{ type: 'page-reached', url: 'https://example.org' }] },
      /\$\.verifiers\[0\] \(page-reached\): cannot be evaluated on a terminal world \(it can on web\)/,
    );
    await refused(
      { ...base, spec: 'mcp', verifiers: [{ type: 'real-check', command: 'true' }] },
      /cannot be evaluated on a mcp world/,
    );
    await refused(
      { ...base, spec: 'android-androidworld', verifiers: [{ type: 'tool-called', tool: 'click' }] },
      /tool-called.*android/,
    );
    await refused(
      { ...base, verifiers: [{ type: 'tool-called', tool: 'ls', commandRegex: 'ls (' }] },
      /commandRegex is not a valid regular expression/,
    );
    await refused(
      { ...base, verifiers: [{ type: 'final-answer', match: 'numeric', expected: 'many' }] },
      /holds no number/,
    );
    await refused(
      { ...base, verifiers: [{ type: 'file-content', path: 'notes.txt' }] },
      /path "notes\.txt" is not absolute/,
    );
    await refused(
      { ...base, spec: 'no-such-example', verifiers: [{ type: 'tool-called', tool: 'ls' }] },
      /\$\.spec/,
    );
    await refused(
      {
        ...base,
        verifiers: [{ type: 'tool-called', tool: 'ls' }],
        curriculum: [{ perturbations: [{ perturbation: 'no-such-fault' }] }],
      },
      /\$\.curriculum\[0\]/,
    );
  });

  it('loadTasks loads a folder sorted and refuses duplicate ids naming both files', async () => {
    const good = await loadTasks(join(fixtures, 'good'));
    assert.deepEqual(
      good.map((loaded) => loaded.task.id),
      ['mcp-memory-count', 'swe-garnet-total', 'terminal-words', 'web-library-contact'],
    );
    const task = JSON.stringify({ ...base, verifiers: [{ type: 'tool-called', tool: 'ls' }] });
    writeFileSync(join(scratch, 'one.json'), task);
    writeFileSync(join(scratch, 'two.json'), task);
    await assert.rejects(loadTasks(scratch), /two\.json: duplicate task id "a-task" \(also in .*one\.json\)/);
    await assert.rejects(
      loadTask(join(fixtures, 'invalid', 'bad-regex.json')),
      /bad-regex\.json: \$\.verifiers\[0\]/,
    );
  });
});

describe('curriculumFor', () => {
  it('gives the rules of the last stage reached, added to the world’s own in specForEpisode', async () => {
    const loaded = await parseTask({
      ...base,
      verifiers: [{ type: 'tool-called', tool: 'ls' }],
      curriculum: [
        { fromEpisode: 0, perturbations: [] },
        { fromEpisode: 10, perturbations: [{ perturbation: 'no-space-left', when: { probability: 0.2 } }] },
        { fromEpisode: 50, perturbations: [{ perturbation: 'no-space-left', when: { probability: 0.6 } }] },
      ],
    });
    assert.deepEqual(curriculumFor(loaded.task, 3), []);
    assert.equal(curriculumFor(loaded.task, 10)[0]?.when?.probability, 0.2);
    assert.equal(curriculumFor(loaded.task, 99)[0]?.when?.probability, 0.6);
    assert.equal(specForEpisode(loaded, 60).perturbations.length, loaded.spec.perturbations.length + 1);
  });
});
