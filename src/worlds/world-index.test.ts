import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type FictionalWorld, FictionalWorldSchema } from '../core/world-spec.js';
import { examplesDirectory } from '../session/spec-file.js';
import { indexWorld } from './world-index.js';

function loadExampleWorld(): FictionalWorld {
  const raw: unknown = JSON.parse(
    readFileSync(join(examplesDirectory(), 'worlds', 'tidewrack-isles.json'), 'utf8'),
  );
  return FictionalWorldSchema.parse(raw);
}

const world = loadExampleWorld();
const index = indexWorld(world);

const texts = (statements: ReadonlyArray<{ text: string }>): string[] =>
  statements.map((statement) => statement.text);

describe('world retrieval (MiniSearch full-text index)', () => {
  it('indexes every fact, attribute and table row once', () => {
    const facts = world.facts.length + world.entities.reduce((sum, entity) => sum + entity.facts.length, 0);
    const attributes = world.entities.reduce((sum, entity) => sum + Object.keys(entity.attributes).length, 0);
    assert.equal(index.statements.length, facts + attributes + (world.table?.rows.length ?? 0));
    assert.equal(new Set(index.statements.map((statement) => statement.id)).size, index.statements.length);
  });

  it('finds the entity a query names, with its facts first', () => {
    const groups = index.findGroups('Kittiwake ferry');
    assert.equal(groups[0]?.key, 'entity:kittiwake');
    assert.ok(
      texts(groups[0]?.statements ?? []).includes(
        'The Kittiwake is a small passenger ferry that carries no cars.',
      ),
    );
  });

  it('ranks the fact that states a detail above the rest', () => {
    const hits = index.find('when was the Lantern Regatta first held');
    assert.equal(hits[0]?.statement.text, 'The Lantern Regatta was first held in 1952.');
    const keeper = index.find('lighthouse keeper Gannet Rock');
    assert.equal(
      keeper[0]?.statement.text,
      'The lighthouse on Gannet Rock is kept by Orrin Vale, the last resident keeper in the isles.',
    );
  });

  it('matches misspelt words (fuzzy) and word beginnings (prefix)', () => {
    assert.equal(index.findGroups('Kitiwake')[0]?.key, 'entity:kittiwake');
    assert.equal(index.findGroups('Achterburg')[0]?.key, 'entity:maren-achterberg');
    const prefix = index.find('seawee cooperat');
    assert.equal(prefix[0]?.statement.entityId, 'skerra-seaweed-cooperative');
  });

  it('finds table rows by their cells and aliases by their words', () => {
    const rows = index.findGroups('timetable Kittiwake Holtby').find((group) => group.key === 'table');
    assert.ok(rows !== undefined);
    assert.ok(rows.statements.every((statement) => statement.kind === 'row'));
    assert.ok(rows.statements.some((statement) => statement.text.includes('departs: 08:15')));
    assert.equal(index.findGroups('the Runner')[0]?.key, 'entity:brine-runner');
  });

  it('returns nothing for a query about something else, and drops stop words', () => {
    assert.deepEqual(index.find('chocolate cake recipe'), []);
    assert.deepEqual(index.find('what is the'), []);
  });

  it('leaves out excluded statements and keeps to one group when asked', () => {
    const all = index.find('Brine Runner');
    const first = all[0]?.statement;
    assert.ok(first !== undefined);
    const without = index.find('Brine Runner', { exclude: new Set([first.id]) });
    assert.ok(without.every((hit) => hit.statement.id !== first.id));
    const onlyCompany = index.find('Brine Runner', { groupKey: 'entity:varrow-ferry-company' });
    assert.ok(onlyCompany.length > 0);
    assert.ok(onlyCompany.every((hit) => hit.statement.entityId === 'varrow-ferry-company'));
  });

  it("opens an entity's page by its URL, or by the words of another address", () => {
    const exact = index.findPage('http://www.tidewrack-ferries.example/fleet/grey-lady/');
    assert.equal(exact?.key, 'entity:grey-lady');
    assert.equal(exact?.statements.length, index.statementsOf('entity:grey-lady').length);
    const bySlug = index.findPage('https://news.example/2030/05/orrin-vale-weather-column');
    assert.equal(bySlug?.key, 'entity:orrin-vale');
    const focused = index.findPage('https://tidewrack-atlas.example/towns/holtby', 'who is the mayor');
    assert.equal(focused?.statements[0]?.text, 'The mayor of Holtby is Tobias Quell, elected in 2021.');
    assert.equal(index.findPage('https://bakery.example/sourdough'), undefined);
  });

  it('builds the index once per world object', () => {
    assert.equal(indexWorld(world), index);
    assert.notEqual(indexWorld(loadExampleWorld()), index);
  });
});
