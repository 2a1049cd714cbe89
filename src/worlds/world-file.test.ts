import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { z } from 'zod';
import { isAgentWorldError } from '../core/errors.js';
import { FictionalWorldSchema, WorldSpecSchema } from '../core/world-spec.js';
import { parseWorldSpec } from '../session/create-env.js';
import { examplesDirectory, readSpecFile } from '../session/spec-file.js';
import { WorldFileSchema } from './world-file.js';
import { worldIndexFor } from './world-index.js';

const exampleWorldPath = join(examplesDirectory(), 'worlds', 'tidewrack-isles.json');
const exampleWorld: unknown = JSON.parse(readFileSync(exampleWorldPath, 'utf8'));

const folder = mkdtempSync(join(tmpdir(), 'agentworld-worlds-'));
after(() => rmSync(folder, { recursive: true, force: true }));

function write(relative: string, value: unknown): string {
  const path = join(folder, relative);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

const smallWorld = {
  version: 1,
  name: 'Pocket Town',
  entities: [{ id: 'baker', name: 'Ada Crumb', type: 'person', facts: ['Ada Crumb bakes rye bread.'] }],
  questions: [{ question: 'What does Ada Crumb bake?', answer: 'rye bread' }],
};

describe('world file format', () => {
  it('accepts the bundled example world, which has the promised size', () => {
    const world = WorldFileSchema.parse(exampleWorld);
    assert.ok(world.entities.length >= 15, `${world.entities.length} entities`);
    const facts = world.facts.length + world.entities.reduce((sum, entity) => sum + entity.facts.length, 0);
    assert.ok(facts >= 60, `${facts} facts`);
    assert.equal(world.questions.length, 5);
    assert.ok((world.table?.rows.length ?? 0) > 0);
  });

  it('refuses duplicate entity ids and table rows of the wrong width, naming the field', () => {
    const duplicate = WorldFileSchema.safeParse({
      ...smallWorld,
      entities: [...smallWorld.entities, { id: 'baker', name: 'Other', type: 'person', facts: [] }],
    });
    assert.equal(duplicate.success, false);
    assert.deepEqual(duplicate.error?.issues[0]?.path, ['entities', 1, 'id']);
    const ragged = WorldFileSchema.safeParse({
      ...smallWorld,
      table: { name: 'prices', columns: ['item', 'price'], rows: [['rye', 3], ['spelt']] },
    });
    assert.equal(ragged.success, false);
    assert.deepEqual(ragged.error?.issues[0]?.path, ['table', 'rows', 1]);
  });

  it('emits a JSON Schema for world files', () => {
    const schema = z.toJSONSchema(WorldFileSchema, { io: 'input', unrepresentable: 'any' }) as {
      properties: Record<string, unknown>;
      required: string[];
    };
    assert.ok('entities' in schema.properties && 'table' in schema.properties);
    assert.deepEqual([...schema.required].sort(), ['name', 'version']);
  });
});

describe('WorldSpec world field', () => {
  it('still accepts the early inline { name, facts } form', () => {
    const world = FictionalWorldSchema.parse({ name: 'Old', facts: ['The sky is green.'] });
    assert.deepEqual(world.facts, ['The sky is green.']);
    assert.deepEqual(world.entities, []);
  });

  it('accepts a file reference with a target, and refuses content beside the file', () => {
    assert.equal(
      FictionalWorldSchema.safeParse({ file: 'worlds/x.json', target: { question: 1 } }).success,
      true,
    );
    const mixed = FictionalWorldSchema.safeParse({ file: 'worlds/x.json', facts: ['extra'] });
    assert.equal(mixed.success, false);
    assert.deepEqual(mixed.error?.issues[0]?.path, ['file']);
  });

  it('checks that an inline target names an existing question', () => {
    const bad = FictionalWorldSchema.safeParse({ ...smallWorld, target: { question: 3 } });
    assert.equal(bad.success, false);
    assert.deepEqual(bad.error?.issues[0]?.path, ['target', 'question']);
    assert.equal(FictionalWorldSchema.safeParse({ ...smallWorld, target: { question: 0 } }).success, true);
    assert.equal(FictionalWorldSchema.safeParse({ ...smallWorld, target: {} }).success, false);
  });

  it('refuses to simulate a world file that was never loaded', () => {
    const spec = WorldSpecSchema.parse({ domain: 'search', world: { file: 'worlds/x.json' } });
    assert.throws(
      () => worldIndexFor(spec),
      (error: unknown) => isAgentWorldError(error, 'INVALID_SPEC') && /worlds\/x\.json/.test(error.message),
    );
  });
});

describe('readSpecFile resolves world files', () => {
  it('inlines the file relative to the spec file, keeping the target and the path as written', async () => {
    write('shared/worlds/pocket.json', smallWorld);
    const specPath = write('specs/nested/pocket-search.json', {
      domain: 'search',
      task: 'What does Ada Crumb bake?',
      world: { file: '../../shared/worlds/pocket.json', target: { question: 0 } },
    });
    const raw = await readSpecFile(specPath);
    const spec = parseWorldSpec(raw);
    assert.equal(spec.world?.name, 'Pocket Town');
    assert.equal(spec.world?.source, '../../shared/worlds/pocket.json');
    assert.equal(spec.world?.file, undefined);
    assert.deepEqual(spec.world?.target, { question: 0 });
    assert.equal(spec.world?.entities[0]?.facts[0], 'Ada Crumb bakes rye bread.');
  });

  it('reads YAML world files too', async () => {
    write('yaml/world.yaml', 'version: 1\nname: Yaml Vale\nfacts:\n  - It always rains on Tuesdays.\n');
    const specPath = write('yaml/spec.json', { domain: 'terminal', world: { file: 'world.yaml' } });
    const spec = parseWorldSpec(await readSpecFile(specPath));
    assert.deepEqual(spec.world?.facts, ['It always rains on Tuesdays.']);
  });

  it('reports a missing world file as INVALID_SPEC naming the resolved path', async () => {
    const specPath = write('missing/spec.json', { domain: 'search', world: { file: 'nowhere/world.json' } });
    await assert.rejects(readSpecFile(specPath), (error: unknown) => {
      assert.ok(isAgentWorldError(error, 'INVALID_SPEC'));
      assert.match(error.message, /Cannot read world file .*missing\/nowhere\/world\.json: ENOENT/);
      assert.equal(error.details.path, '$.world.file');
      return true;
    });
  });

  it('reports an invalid world file naming the file and the bad field', async () => {
    write('invalid/world.json', { version: 1, name: 'Broken', entities: [{ id: 'x', type: 'thing' }] });
    const specPath = write('invalid/spec.json', { domain: 'search', world: { file: 'world.json' } });
    await assert.rejects(readSpecFile(specPath), (error: unknown) => {
      assert.ok(isAgentWorldError(error, 'INVALID_SPEC'));
      assert.match(error.message, /Invalid world file .*invalid\/world\.json at \$\.entities\[0\]\.name/);
      return true;
    });
    write('unparsable/world.json', '{ not json');
    const other = write('unparsable/spec.json', { domain: 'search', world: { file: 'world.json' } });
    await assert.rejects(readSpecFile(other), /World file .*unparsable\/world\.json does not parse/);
  });

  it('refuses world content written beside a file reference', async () => {
    write('beside/world.json', smallWorld);
    const specPath = write('beside/spec.json', {
      domain: 'search',
      world: { file: 'world.json', facts: ['one more'] },
    });
    await assert.rejects(readSpecFile(specPath), (error: unknown) => {
      assert.ok(isAgentWorldError(error, 'INVALID_SPEC'));
      assert.equal(error.details.path, '$.world.facts');
      return true;
    });
  });

  it('loads the bundled fictional examples by name, and they are valid specs', async () => {
    for (const name of ['search-fictional', 'mcp-fictional', 'terminal-fictional']) {
      const spec = parseWorldSpec(await readSpecFile(name));
      assert.equal(spec.world?.name, 'Tidewrack Isles', name);
      assert.equal(spec.world?.source, 'worlds/tidewrack-isles.json', name);
      assert.ok((worldIndexFor(spec)?.statements.length ?? 0) > 60, name);
    }
  });
});
