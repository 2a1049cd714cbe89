import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { AgentWorldError } from '../core/errors.js';
import { findConfigFile, readConfigFile, resolveCacheSettings, resolveModelSettings } from './config.js';

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
});
