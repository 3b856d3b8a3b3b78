import { clientErrorBody, isJsonContentType, isLoopbackHostHeader } from '../../../src/http/request-guards';

describe('which bodies count as JSON', () => {
  it('accepts application/json, with or without a UTF-8 charset, in any case', () => {
    for (const type of ['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'application/json;charset=UTF-8', 'application/json; charset="utf-8"', 'application/json; charset=utf8']) {
      expect([type, isJsonContentType(type)]).toEqual([type, true]);
    }
  });

  it('refuses forms, multipart, other charsets, extra parameters, look-alikes and no type at all', () => {
    for (const type of [
      undefined,
      '',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'text/plain',
      'text/csv',
      'application/json; charset=latin1',
      'application/json; boundary=x',
      'application/jsonp',
      'application/json-patch+json',
      'application/vnd.api+json',
    ]) {
      expect([type, isJsonContentType(type)]).toEqual([type, false]);
    }
  });
});

describe('which Host headers name this computer', () => {
  it('accepts localhost, 127.0.0.1 and [::1], on any port', () => {
    for (const host of ['localhost', 'localhost:3978', 'LOCALHOST:3978', '127.0.0.1', '127.0.0.1:3978', '[::1]:3978']) {
      expect([host, isLoopbackHostHeader(host)]).toEqual([host, true]);
    }
  });

  it('refuses any other name, including ones that only start like loopback (DNS rebinding)', () => {
    for (const host of [undefined, '', 'evil.example', 'evil.example:3978', '127.0.0.1.evil.example', 'localhost.evil.example', 'localhost@evil.example', '0.0.0.0:3978', '192.168.1.10:3978', '127.0.0.2']) {
      expect([host, isLoopbackHostHeader(host)]).toEqual([host, false]);
    }
  });
});

describe('client error bodies', () => {
  it('say what went wrong in plain words for 413, 415 and 421', () => {
    expect(clientErrorBody(413)).toEqual({ code: 'too_large', message: 'The request is too large.' });
    expect(clientErrorBody(415).message).toMatch(/only accepts JSON/);
    expect(clientErrorBody(421).code).toBe('misdirected_request');
  });
});
