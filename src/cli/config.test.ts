import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { PredictRequest } from '../core/engine.js';
import { AgentWorldError } from '../core/errors.js';
import { contentHash } from '../core/hash.js';
import { buildMessages, fence, renderTurnPrompt } from '../core/messages.js';
import { WorldSpecSchema } from '../core/world-spec.js';
import type { LwmEngine } from '../engines/lwm/index.js';
import { startScriptedModelServer } from '../testing/index.js';
import {
  collectModelUrls,
  findConfigFile,
  parseModelUrls,
  readConfigFile,
  resolveCacheSettings,
  resolveModelSettings,
} from './config.js';
import { createEngineFromFlags } from './engine-factory.js';

const root = mkdtempSync(join(tmpdir(), 'agentworld-config-'));
let counter = 0;

/** A fresh working folder and AGENTWORLD_HOME, each optionally holding a config file. */
function place(files: { cwdConfig?: unknown; homeConfig?: unknown } = {}): {
  cwd: string;
  home: string;
  env: NodeJS.ProcessEnv;
} {
  counter += 1;
  const cwd = join(root, `case-${counter}`, 'project');
  const home = join(root, `case-${counter}`, 'home');
  mkdirSync(cwd, { recursive: true });
  mkdirSync(home, { recursive: true });
  const write = (path: string, value: unknown): void =>
    writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  if (files.cwdConfig !== undefined) write(join(cwd, 'agentworld.config.json'), files.cwdConfig);
  if (files.homeConfig !== undefined) write(join(home, 'config.json'), files.homeConfig);
  return { cwd, home, env: { AGENTWORLD_HOME: home } };
}

function configError(run: () => unknown): AgentWorldError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof AgentWorldError, String(error));
    assert.equal(error.code, 'CONFIG_INVALID');
    return error;
  }
  assert.fail('expected CONFIG_INVALID');
}

const FULL_FILE = {
  model: {
    url: 'http://file.example/v1',
    name: 'file-model',
    apiKey: 'file-key',
    temperature: 0.1,
    maxTokens: 100,
    timeoutMs: 1000,
    maxRetries: 1,
    retryBaseMs: 10,
    concurrency: 3,
    stream: true,
    topP: 0.9,
    extraBody: { chat_template_kwargs: { enable_thinking: true } },
  },
};

const FULL_ENV = {
  AGENTWORLD_MODEL_URL: 'http://env.example/v1',
  AGENTWORLD_MODEL: 'env-model',
  AGENTWORLD_API_KEY: 'env-key',
  AGENTWORLD_TEMPERATURE: '0.2',
  AGENTWORLD_MAX_TOKENS: '200',
  AGENTWORLD_TIMEOUT_MS: '2000',
  AGENTWORLD_MAX_RETRIES: '2',
  AGENTWORLD_RETRY_BASE_MS: '20',
};

describe('cli config: flags > env vars > config file > defaults', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  it('defaults: nothing configured', () => {
    const { cwd, env, home } = place();
    assert.deepEqual(resolveModelSettings({}, { env, cwd }), {
      url: undefined,
      urls: [],
      name: undefined,
      apiKey: 'EMPTY',
      temperature: undefined,
      maxTokens: undefined,
      timeoutMs: undefined,
      maxRetries: undefined,
      retryBaseMs: undefined,
      concurrency: undefined,
      stream: false,
      topP: undefined,
      extraBody: undefined,
    });
    assert.deepEqual(resolveCacheSettings({}, { env, cwd }), {
      enabled: false,
      path: join(home, 'agentworld.db'),
    });
  });

  it('the config file in $AGENTWORLD_HOME fills every field', () => {
    const { cwd, env } = place({ homeConfig: FULL_FILE });
    assert.deepEqual(resolveModelSettings({}, { env, cwd }), {
      url: 'http://file.example/v1',
      urls: ['http://file.example/v1'],
      name: 'file-model',
      apiKey: 'file-key',
      temperature: 0.1,
      maxTokens: 100,
      timeoutMs: 1000,
      maxRetries: 1,
      retryBaseMs: 10,
      concurrency: 3,
      stream: true,
      topP: 0.9,
      extraBody: { chat_template_kwargs: { enable_thinking: true } },
    });
  });

  it('./agentworld.config.json wins over $AGENTWORLD_HOME/config.json, and --config over both', () => {
    const { cwd, env, home } = place({
      cwdConfig: { model: { name: 'project-model' } },
      homeConfig: { model: { name: 'home-model' } },
    });
    assert.equal(resolveModelSettings({}, { env, cwd }).name, 'project-model');
    assert.equal(findConfigFile(undefined, env, cwd), join(cwd, 'agentworld.config.json'));
    const explicit = join(home, 'other.json');
    writeFileSync(explicit, JSON.stringify({ model: { name: 'explicit-model' } }));
    assert.equal(resolveModelSettings({ config: explicit }, { env, cwd }).name, 'explicit-model');
  });

  it('env vars win over the file', () => {
    const { cwd, home } = place({ homeConfig: FULL_FILE });
    const settings = resolveModelSettings({}, { env: { AGENTWORLD_HOME: home, ...FULL_ENV }, cwd });
    assert.deepEqual(settings, {
      url: 'http://env.example/v1',
      urls: ['http://env.example/v1'],
      name: 'env-model',
      apiKey: 'env-key',
      temperature: 0.2,
      maxTokens: 200,
      timeoutMs: 2000,
      maxRetries: 2,
      retryBaseMs: 20,
      concurrency: 3, // no env var or flag for it: the file's value stays
      stream: true,
      topP: 0.9,
      extraBody: { chat_template_kwargs: { enable_thinking: true } },
    });
  });

  it('flags win over env vars and the file', () => {
    const { cwd, home } = place({ homeConfig: FULL_FILE });
    const settings = resolveModelSettings(
      {
        modelUrl: 'http://flag.example/v1',
        model: 'flag-model',
        apiKey: 'flag-key',
        temperature: 0.3,
        maxTokens: 300,
        timeoutMs: 3000,
        maxRetries: 0,
        retryBaseMs: 0,
        stream: false,
      },
      { env: { AGENTWORLD_HOME: home, ...FULL_ENV }, cwd },
    );
    assert.deepEqual(settings, {
      url: 'http://flag.example/v1',
      urls: ['http://flag.example/v1'],
      name: 'flag-model',
      apiKey: 'flag-key',
      temperature: 0.3,
      maxTokens: 300,
      timeoutMs: 3000,
      maxRetries: 0,
      retryBaseMs: 0,
      concurrency: 3,
      stream: false,
      topP: 0.9,
      extraBody: { chat_template_kwargs: { enable_thinking: true } },
    });
  });

  it('an empty env var counts as unset', () => {
    const { cwd, home } = place({ homeConfig: FULL_FILE });
    const settings = resolveModelSettings(
      {},
      { env: { AGENTWORLD_HOME: home, AGENTWORLD_MODEL: '', AGENTWORLD_MAX_RETRIES: ' ' }, cwd },
    );
    assert.equal(settings.name, 'file-model');
    assert.equal(settings.maxRetries, 1);
  });

  it('a non-numeric env var → CONFIG_INVALID naming the variable', () => {
    const { cwd, home } = place();
    const error = configError(() =>
      resolveModelSettings({}, { env: { AGENTWORLD_HOME: home, AGENTWORLD_MAX_RETRIES: 'lots' }, cwd }),
    );
    assert.match(error.message, /AGENTWORLD_MAX_RETRIES/);
    assert.match(error.message, /"lots"/);
    const fractional = configError(() =>
      resolveModelSettings({}, { env: { AGENTWORLD_HOME: home, AGENTWORLD_TIMEOUT_MS: '1.5' }, cwd }),
    );
    assert.match(fractional.message, /AGENTWORLD_TIMEOUT_MS/);
  });

  it('a bad value in the config file → CONFIG_INVALID naming the file and the field path', () => {
    const { cwd, env, home } = place({ homeConfig: { model: { url: 'http://x/v1', temperature: 9 } } });
    const file = join(home, 'config.json');
    const error = configError(() => resolveModelSettings({}, { env, cwd }));
    assert.ok(error.message.includes(file), error.message);
    assert.ok(error.message.includes('$.model.temperature'), error.message);
    assert.equal(error.details.path, '$.model.temperature');
    assert.equal(error.details.file, file);
  });

  it('an unknown key or a wrong type in the config file is refused too', () => {
    const typo = place({ homeConfig: { model: { modelName: 'x' } } });
    const typoError = configError(() => resolveModelSettings({}, typo));
    assert.match(typoError.message, /modelName/);
    assert.ok(typoError.message.includes(join(typo.home, 'config.json')));
    const wrongType = place({ cwdConfig: { cache: { enabled: 'yes' } } });
    const typeError = configError(() => resolveCacheSettings({}, wrongType));
    assert.equal(typeError.details.path, '$.cache.enabled');
  });

  it('a config file that is not JSON → CONFIG_INVALID naming the file', () => {
    const { cwd, env } = place({ cwdConfig: '{ "model": ' });
    const error = configError(() => resolveModelSettings({}, { env, cwd }));
    assert.ok(error.message.includes(join(cwd, 'agentworld.config.json')), error.message);
    assert.match(error.message, /not valid JSON/);
  });

  it('--config naming a missing file → CONFIG_INVALID, even when another config file exists', () => {
    const { cwd, env } = place({ cwdConfig: { model: { name: 'project-model' } } });
    const error = configError(() => resolveModelSettings({ config: 'nowhere/config.json' }, { env, cwd }));
    assert.ok(error.message.includes(join(cwd, 'nowhere/config.json')), error.message);
    assert.match(error.message, /does not exist/);
    assert.equal(readConfigFile(undefined).model.name, undefined);
  });

  it('cache: --cache PATH (relative to cwd), --cache alone, and the file (path relative to the file)', () => {
    const { cwd, env, home } = place({ homeConfig: { cache: { enabled: true, path: 'store/cache.db' } } });
    assert.deepEqual(resolveCacheSettings({ cache: 'here.db' }, { env, cwd }), {
      enabled: true,
      path: join(cwd, 'here.db'),
    });
    assert.deepEqual(resolveCacheSettings({}, { env, cwd }), {
      enabled: true,
      path: join(home, 'store', 'cache.db'),
    });
    const plain = place();
    assert.deepEqual(resolveCacheSettings({ cache: true }, plain), {
      enabled: true,
      path: join(plain.home, 'agentworld.db'),
    });
  });

  it('several model URLs (replicas): --model-url repeated or comma-separated, the env var, the file', () => {
    const fileUrls = ['http://file-a.example/v1', 'http://file-b.example/v1'];
    const { cwd, home } = place({ homeConfig: { model: { url: fileUrls, name: 'file-model' } } });
    const env = { AGENTWORLD_HOME: home };
    assert.deepEqual(resolveModelSettings({}, { env, cwd }).urls, fileUrls);
    assert.equal(resolveModelSettings({}, { env, cwd }).url, 'http://file-a.example/v1');
    const withVariable = {
      ...env,
      AGENTWORLD_MODEL_URL: 'http://env-a.example/v1, http://env-b.example/v1,',
    };
    assert.deepEqual(resolveModelSettings({}, { env: withVariable, cwd }).urls, [
      'http://env-a.example/v1',
      'http://env-b.example/v1',
    ]);
    // Repeated flags (the collector keeps each) and commas inside one: all of them, in order.
    let repeated = collectModelUrls('http://flag-a.example/v1,http://flag-b.example/v1', undefined);
    repeated = collectModelUrls('http://flag-c.example/v1', repeated);
    const settings = resolveModelSettings({ modelUrl: repeated }, { env: withVariable, cwd });
    assert.deepEqual(settings.urls, [
      'http://flag-a.example/v1',
      'http://flag-b.example/v1',
      'http://flag-c.example/v1',
    ]);
    assert.equal(settings.url, 'http://flag-a.example/v1');
    // A comma-separated string in the file works too.
    const commas = place({ cwdConfig: { model: { url: 'http://x.example/v1,http://y.example/v1' } } });
    assert.deepEqual(resolveModelSettings({}, commas).urls, ['http://x.example/v1', 'http://y.example/v1']);
  });

  it('a model URL that is no http(s) URL → CONFIG_INVALID naming where it came from', () => {
    const flag = configError(() =>
      parseModelUrls(['http://ok.example/v1', 'ftp://no.example'], '--model-url'),
    );
    assert.match(flag.message, /--model-url: "ftp:\/\/no.example"/);
    const { cwd, home } = place();
    const variable = configError(() =>
      resolveModelSettings(
        {},
        { env: { AGENTWORLD_HOME: home, AGENTWORLD_MODEL_URL: 'http://a.example/v1,not a url' }, cwd },
      ),
    );
    assert.match(variable.message, /AGENTWORLD_MODEL_URL/);
    const empty = configError(() => parseModelUrls(' , ', '--model-url'));
    assert.match(empty.message, /names no URL/);
    const file = place({ homeConfig: { model: { url: ['http://a.example/v1', 'nope'] } } });
    const fileError = configError(() => resolveModelSettings({}, file));
    assert.equal(fileError.details.path, '$.model.url[1]');
    const emptyList = place({ homeConfig: { model: { url: [] } } });
    assert.equal(configError(() => resolveModelSettings({}, emptyList)).details.path, '$.model.url');
  });
});

describe('cli engine over several model URLs', () => {
  it('a comma-separated --model-url builds one lwm engine over the replicas', async () => {
    const servers = await Promise.all([startScriptedModelServer(), startScriptedModelServer()]);
    const { home } = place();
    const config = join(home, 'empty.json');
    writeFileSync(config, '{}');
    const engine = (await createEngineFromFlags({
      engine: 'lwm',
      modelUrl: servers.map((server) => server.url).join(','),
      model: 'scripted-world-model',
      maxRetries: 0,
      config,
    })) as LwmEngine;
    try {
      assert.equal(engine.id, 'lwm');
      assert.deepEqual(
        engine.replicaHealth().replicas.map((replica) => replica.url),
        servers.map((server) => server.url),
      );
      const spec = WorldSpecSchema.parse({ domain: 'terminal' });
      const request = (sessionId: string): PredictRequest => {
        const messages = buildMessages({
          systemPrompt: 'You simulate a Linux terminal.',
          history: [],
          currentPrompt: renderTurnPrompt(1, [], fence('ls')),
          turnInstruction: 'Answer inside <predicted_observation> tags.',
        });
        return {
          spec,
          sessionId,
          seed: 1,
          turnIndex: 1,
          action: 'ls',
          messages,
          promptHash: contentHash(messages),
          history: [],
        };
      };
      await Promise.all([engine.predict(request('one')), engine.predict(request('two'))]);
      assert.deepEqual(
        servers.map((server) => server.completionBodies.length),
        [1, 1],
      );
    } finally {
      await engine.close();
      await Promise.all(servers.map((server) => server.close()));
    }
  });
});
