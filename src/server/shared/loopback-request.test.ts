import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLoopbackHostHeader, isSameOriginHeader, localRequestRefusal } from './loopback-request.js';

describe('isLoopbackHostHeader', () => {
  it('accepts loopback names and addresses with any port, in any case', () => {
    for (const host of [
      'localhost',
      'LOCALHOST:8080',
      'localhost.',
      'localhost.:1',
      '127.0.0.1',
      '127.9.8.7:65535',
      '127.1:8080',
      '[::1]',
      '[::1]:8080',
      '[0:0:0:0:0:0:0:1]',
      '[::ffff:127.0.0.1]:80',
    ]) {
      assert.equal(isLoopbackHostHeader(host), true, host);
    }
  });

  it('refuses other names, tricks and malformed headers', () => {
    for (const host of [
      undefined,
      '',
      'evil.example:8080',
      'localhost.evil.example',
      '127.0.0.1.evil.example',
      'evil.example@127.0.0.1',
      '127.0.0.1/evil',
      '127.0.0.1 evil',
      '0.0.0.0',
      '[::]',
      '::1',
      '10.0.0.1:8080',
      'localhost:99999999',
    ]) {
      assert.equal(isLoopbackHostHeader(host), false, String(host));
    }
  });
});

describe('isSameOriginHeader', () => {
  it('accepts no Origin, and loopback origins on the port of Host', () => {
    assert.equal(isSameOriginHeader(undefined, 'evil.example'), true, 'absent: not a browser');
    for (const [origin, host] of [
      ['http://127.0.0.1:8080', '127.0.0.1:8080'],
      ['http://localhost:8080', '127.0.0.1:8080'],
      ['HTTP://LocalHost:8080', 'localhost:8080'],
      ['http://[::1]:8080', 'localhost:8080'],
      ['http://localhost', 'localhost:80'],
      ['http://localhost:80', 'localhost'],
    ]) {
      assert.equal(isSameOriginHeader(origin, host), true, `${origin} → ${host}`);
    }
  });

  it('refuses null, other sites, other ports, other schemes and lists', () => {
    for (const origin of [
      'null',
      '',
      'http://evil.example:8080',
      'http://localhost:3000',
      'http://localhost',
      'https://localhost',
      'file://',
      'chrome-extension://abc',
      'http://localhost:8080/path',
      'http://127.0.0.1:8080, http://evil.example',
    ]) {
      assert.equal(isSameOriginHeader(origin, 'localhost:8080'), false, origin);
    }
    assert.equal(isSameOriginHeader('http://localhost:8080', undefined), false, 'no Host to compare with');
  });
});

describe('localRequestRefusal', () => {
  it('names the header it refuses, host first', () => {
    assert.equal(localRequestRefusal({ host: 'localhost:8080', origin: undefined }), undefined);
    const host = localRequestRefusal({ host: 'evil.example:8080', origin: 'null' });
    assert.equal(host?.code, 'FORBIDDEN');
    assert.equal(host?.httpStatus, 403);
    assert.deepEqual(host?.details, { header: 'host', value: 'evil.example:8080' });
    const origin = localRequestRefusal({ host: 'localhost:8080', origin: 'null' });
    assert.deepEqual(origin?.details, { header: 'origin', value: 'null' });
    assert.deepEqual(localRequestRefusal({ host: undefined, origin: undefined })?.details, {
      header: 'host',
      value: null,
    });
  });
});
