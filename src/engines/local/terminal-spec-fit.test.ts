import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWorldSpec } from '../../session/create-env.js';
import { readSpecFile } from '../../session/spec-file.js';
import { terminalSpecMismatch } from './terminal-spec-fit.js';

function shell(data: Record<string, string>) {
  return parseWorldSpec({ domain: 'terminal', initialState: { data } });
}

describe('terminalSpecMismatch: the shells the embedded terminal model was trained on', () => {
  it('fits the classic user@sim, root in /workspace or /root, and any named user at home or in /workspace', async () => {
    assert.equal(terminalSpecMismatch(parseWorldSpec(await readSpecFile('terminal-embedded'))), undefined);
    assert.equal(terminalSpecMismatch(parseWorldSpec(await readSpecFile('terminal'))), undefined);
    // The terminal domain's defaults: root on a container-like host in /workspace.
    assert.equal(terminalSpecMismatch(parseWorldSpec({ domain: 'terminal' })), undefined);
    assert.equal(terminalSpecMismatch(shell({ user: 'root', cwd: '/root/src' })), undefined);
    assert.equal(
      terminalSpecMismatch(shell({ user: 'mira', host: 'lab-7', cwd: '/home/mira/notes' })),
      undefined,
    );
    assert.equal(terminalSpecMismatch(shell({ user: 'dev', host: 'box', cwd: '/workspace/app' })), undefined);
  });

  it('names what differs: the prompt template, the home directory, or a start directory elsewhere', () => {
    assert.match(
      terminalSpecMismatch(shell({ promptTemplate: '[{user}@{host} {cwd}]{symbol} ' })) ?? '',
      /^its own prompt template \("\[\{user\}@\{host\} \{cwd\}\]\{symbol\} "\)$/,
    );
    assert.equal(
      terminalSpecMismatch(shell({ user: 'dev', home: '/srv/dev', cwd: '/srv/dev' })),
      'home /srv/dev for dev (not /home/dev)',
    );
    assert.equal(
      terminalSpecMismatch(shell({ user: 'root', cwd: '/opt/app' })),
      'a start directory (/opt/app) outside the home directory and /workspace',
    );
    // /workspace2 is not /workspace.
    assert.match(terminalSpecMismatch(shell({ user: 'dev', cwd: '/workspace2' })) ?? '', /start directory/);
  });
});
