import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isJsonContentType, jsonContentTypeRefusal } from './json-content-type.js';

describe('isJsonContentType', () => {
  it('accepts application/json with any parameters, in any case', () => {
    for (const type of [
      'application/json',
      'application/json; charset=utf-8',
      'Application/JSON;charset=UTF-8',
    ]) {
      assert.equal(isJsonContentType(type), true, type);
    }
  });

  it('refuses the types a browser sends without a preflight, look-alikes and no type', () => {
    for (const type of [
      undefined,
      '',
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonp',
      'text/json',
      'application/json-seq',
    ]) {
      assert.equal(isJsonContentType(type), false, String(type));
    }
  });

  it('refuses with UNSUPPORTED_MEDIA_TYPE (415) naming the type it got', () => {
    assert.equal(jsonContentTypeRefusal('application/json'), undefined);
    const refusal = jsonContentTypeRefusal('text/plain');
    assert.equal(refusal?.code, 'UNSUPPORTED_MEDIA_TYPE');
    assert.equal(refusal?.httpStatus, 415);
    assert.deepEqual(refusal?.details, { header: 'content-type', value: 'text/plain' });
    assert.deepEqual(jsonContentTypeRefusal(undefined)?.details, { header: 'content-type', value: null });
  });
});
