import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WorldSpec } from '../core/world-spec.js';
import { getDomain } from '../domains/index.js';
import { parseWorldSpec } from '../session/create-env.js';
import { readSpecFile } from '../session/spec-file.js';
import { guardResults, partsMentioned } from './answer-guard.js';
import { worldInstructions } from './world-control.js';
import { worldIndexFor } from './world-index.js';
import { promptStatements } from './world-prompt.js';
import { targetOf } from './world-target.js';

const searchSpec = parseWorldSpec(await readSpecFile('search-fictional'));
const mcpSpec = await getDomain('mcp').prepare(parseWorldSpec(await readSpecFile('mcp-fictional')));

/** The spec with its world changed (a new world object, so a new index). */
function withWorld(spec: WorldSpec, change: Partial<NonNullable<WorldSpec['world']>>): WorldSpec {
  const world = spec.world;
  assert.ok(world !== undefined);
  const { target: _target, ...rest } = world;
  return parseWorldSpec({ ...spec, world: { ...rest, ...change } });
}

/** The instruction lines one action gets, through the domain's own parser and renderer. */
function linesFor(spec: WorldSpec, input: unknown): string[] {
  const domain = getDomain(spec.domain);
  const action = domain.parseAction(input, spec);
  return worldInstructions(spec, worldIndexFor(spec), {
    turnIndex: 1,
    action,
    actionText: domain.renderAction(action, spec),
  });
}

const search = (query: string) => ({ name: 'web_search', arguments: { query } });
const open = (url: string, goal?: string) => ({
  name: 'web_extractor',
  arguments: goal === undefined ? { url } : { url, goal },
});

/** Searches and pages an agent researching the Brine Runner question would try, including the direct ones. */
function researchActions(spec: WorldSpec): unknown[] {
  const urls = (spec.world?.entities ?? []).flatMap((entity) =>
    entity.url === undefined ? [] : [entity.url],
  );
  return [
    search('ferry Saltmere Holtby'),
    search('Brine Runner'),
    search('Brine Runner captain launched year'),
    search('Maren Achterberg'),
    search('Maren Achterberg Brine Runner 1987'),
    search('Varrow Ferry Company flagship delivered'),
    search('Brackwater slipway ferry launched 1987'),
    { name: 'web_search', arguments: { queries: ['Brine Runner captain', 'Brine Runner launch 1987'] } },
    ...urls.map((url) => open(url, 'captain and launch year')),
    open('https://tidewrack-ferries.example/timetable'),
  ];
}

describe('search worlds: facts per turn, under the no-leakage rule', () => {
  const target = targetOf(searchSpec);

  it('takes the target from the spec: a two-part answer', () => {
    assert.deepEqual(target?.parts, ['Maren Achterberg', '1987']);
  });

  it('hands a web_search turn the matching facts, grouped by result', () => {
    const lines = linesFor(searchSpec, search('Kittiwake ferry'));
    const kittiwake = lines.find((line) => line.startsWith('Query 1, source 1: Kittiwake (ferry)'));
    assert.ok(kittiwake, lines.join('\n'));
    assert.match(kittiwake, /The Kittiwake is a small passenger ferry that carries no cars\./);
    assert.match(kittiwake, /page https:\/\/tidewrack-ferries\.example\/fleet\/kittiwake/);
  });

  it('never hands over the whole answer, in one line or in one turn, and always states the rule', () => {
    assert.ok(target !== undefined);
    for (const action of researchActions(searchSpec)) {
      const lines = linesFor(searchSpec, action);
      const where = JSON.stringify(action);
      assert.ok(
        lines.some((line) => line.startsWith('No leakage:')),
        `no-leakage instruction missing for ${where}`,
      );
      for (const line of lines) {
        assert.ok(!line.includes(target.answer), `answer verbatim in a line for ${where}`);
        assert.ok(partsMentioned(line, target.parts).size < target.parts.length, `${where}: ${line}`);
      }
      assert.ok(partsMentioned(lines.join('\n'), target.parts).size < target.parts.length, where);
    }
  });

  it('still lets research find every part, over several turns', () => {
    assert.ok(target !== undefined);
    const found = new Set<number>();
    for (const action of researchActions(searchSpec)) {
      for (const part of partsMentioned(linesFor(searchSpec, action).join('\n'), target.parts))
        found.add(part);
    }
    assert.deepEqual([...found].sort(), [0, 1]);
  });

  it('is what holds the answer back: without a target, one page gives it whole', () => {
    assert.ok(target !== undefined);
    // The task is one of the world questions too, so it must change as well.
    const untargeted = withWorld({ ...searchSpec, task: 'Read about the isles.' }, {});
    assert.equal(targetOf(untargeted), undefined);
    const page = linesFor(untargeted, open('https://tidewrack-ferries.example/fleet/brine-runner'));
    assert.equal(partsMentioned(page.join('\n'), target.parts).size, 2);
    assert.ok(!page.some((line) => line.startsWith('No leakage:')));
    const guarded = linesFor(searchSpec, open('https://tidewrack-ferries.example/fleet/brine-runner'));
    assert.match(guarded.join('\n'), /1 matching fact is held back on this turn/);
  });

  it('keeps a one-part answer out of every snippet, but lets the page that holds it show it', () => {
    const spec = withWorld(searchSpec, { target: { question: 1 } });
    assert.deepEqual(targetOf(spec)?.parts, ['Orrin Vale']);
    for (const query of ['Gannet Rock lighthouse keeper', 'Orrin Vale', 'Saltmere Gazette weather column']) {
      const lines = linesFor(spec, search(query));
      assert.ok(!lines.join('\n').includes('Orrin Vale'), query);
    }
    const page = linesFor(spec, open('https://tidewrack-atlas.example/islands/gannet-rock'));
    assert.match(page.join('\n'), /kept by Orrin Vale/);
  });

  it('takes the target from the task when it is one of the world questions', () => {
    const spec = withWorld(
      { ...searchSpec, task: 'Which town hosts the Lantern Regatta, and who is that town’s mayor?' },
      {},
    );
    assert.equal(targetOf(spec), undefined, 'a differently written question is not matched');
    const matching = withWorld(
      { ...searchSpec, task: "which town hosts the Lantern Regatta, and who is that town's  mayor?" },
      {},
    );
    const parts = targetOf(matching)?.parts ?? [];
    assert.deepEqual(parts, ['Holtby', 'Tobias Quell']);
    for (const query of ['Lantern Regatta', 'Holtby mayor', 'Tobias Quell Lantern Regatta Holtby']) {
      const lines = linesFor(matching, search(query));
      assert.ok(lines.some((line) => line.startsWith('No leakage:')));
      assert.ok(partsMentioned(lines.join('\n'), parts).size < 2, query);
    }
  });

  it('says so when a query or page matches nothing in the world', () => {
    assert.match(linesFor(searchSpec, search('sourdough starter'))[1] ?? '', /^Query 1 matches nothing/);
    assert.match(
      linesFor(searchSpec, open('https://bakery.example/sourdough'))[0] ?? '',
      /belongs to nothing in the fictional world "Tidewrack Isles"/,
    );
  });

  it('adds nothing on dict_memory turns', () => {
    assert.deepEqual(
      linesFor(searchSpec, { name: 'dict_memory', arguments: { operation: 'retrieve_all' } }),
      [],
    );
  });
});

describe('the answer guard', () => {
  const target = { answer: 'Ada; 1901', parts: ['Ada', '1901'] };

  it('holds back the fact that would complete a multi-part answer, across the results of a turn', () => {
    const guarded = guardResults(
      [
        { heading: 'Bakery', facts: ['Ada runs it.', 'It sells rye.'] },
        { heading: 'History', facts: ['It opened in 1901.', 'It has one oven.'] },
      ],
      target,
      'snippet',
    );
    assert.deepEqual(guarded.results, [
      { heading: 'Bakery', facts: ['Ada runs it.', 'It sells rye.'] },
      { heading: 'History', facts: ['It has one oven.'] },
    ]);
    assert.equal(guarded.heldBack, 1);
  });

  it('matches parts as whole words and keeps to the fact limit', () => {
    const guarded = guardResults(
      [{ heading: 'Adamant', facts: ['In 19010 nothing happened.', 'Two.', 'Three.'] }],
      target,
      'snippet',
      2,
    );
    assert.deepEqual(guarded.results[0]?.facts, ['In 19010 nothing happened.', 'Two.']);
  });
});

describe('worlds behind other domains', () => {
  it('lists the task-relevant facts of a large world in the system prompt', () => {
    const prompt = getDomain('mcp').systemPrompt(mcpSpec);
    assert.match(prompt, /## World Facts\nThe world "Tidewrack Isles" is fictional\./);
    assert.ok(prompt.includes('- The Kittiwake links Holtby with Skerra Harbour on Little Skerra.'));
    assert.ok(prompt.includes('| Kittiwake | Holtby | Skerra Harbour | 08:15 | 09:05 | Sat |'));
    const index = worldIndexFor(mcpSpec);
    assert.ok(index !== undefined);
    assert.ok(promptStatements(mcpSpec, index).length <= 30);
  });

  it('hands over, per turn, the facts an action bears on that the prompt lacks', () => {
    const index = worldIndexFor(mcpSpec);
    assert.ok(index !== undefined);
    const inPrompt = new Set(promptStatements(mcpSpec, index).map((statement) => statement.text));
    const lines = linesFor(mcpSpec, { name: 'get_vessel', arguments: { name: 'Brine Runner' } });
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /The Brine Runner is captained by Maren Achterberg\./);
    for (const text of inPrompt) assert.ok(!(lines[0] ?? '').includes(text), text);
    assert.ok(!(lines[0] ?? '').startsWith('No leakage'));
  });

  it('keeps a small world whole in the prompt, in the early { name, facts } wording, with nothing per turn', () => {
    const spec = parseWorldSpec({
      domain: 'terminal',
      world: { name: 'Lowmoor', facts: ['The host is called lowmoor-01.', 'Backups run at 02:00.'] },
    });
    const prompt = getDomain('terminal').systemPrompt(spec);
    assert.ok(
      prompt.includes(
        '## World Facts\nThe world "Lowmoor" is fictional. Treat these facts as true and never contradict them:\n' +
          '- The host is called lowmoor-01.\n- Backups run at 02:00.',
      ),
    );
    assert.deepEqual(linesFor(spec, [{ keystrokes: 'cat /etc/hostname\n', duration: 1 }]), []);
    assert.deepEqual(linesFor(parseWorldSpec({ domain: 'search' }), search('anything')), []);
  });
});
