import { hugeJson, listing, multipartFile, newNamesWhile, startServerProcess, streamPost, type ServerProcess } from './security-upload';

// A stranger on the internet tries to fill the server's disk or memory with request bodies.
// The real server runs in a child process with a temporary folder of its own: a body parser
// that wrote uploads to disk (restify's multipart parser does, up to 200 MB a request, before
// anyone's token is checked) would leave its files there.
jest.setTimeout(120_000);

const MB = 1000 * 1000;
const HUGE = 300 * MB;
const BOUNDARY = 'rc-pulse-attack-boundary';
const MULTIPART = { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` };
const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };

let server: ServerProcess;
let tmpBefore: string[];

beforeAll(async () => {
  server = await startServerProcess();
  tmpBefore = listing(server.tmpDir);
});
afterAll(() => server?.stop());

/** The answer came long before the body could have been sent, and said why in JSON. */
function expectRefusedEarly(outcome: Awaited<ReturnType<typeof streamPost>>, status: number, code: string): void {
  expect(outcome.status).toBe(status);
  expect(JSON.parse(outcome.body)).toMatchObject({ code, message: expect.any(String) });
  expect(outcome.sentBytes).toBeLessThan(HUGE / 2);
  expect(outcome.elapsedMs).toBeLessThan(10_000);
}

describe('huge bodies sent by a stranger', () => {
  it.each(['/api/messages', '/api/dev/token'])('a 300 MB multipart upload to %s is refused (415) from its headers and writes nothing to disk', async (route) => {
    const { result, appeared } = await newNamesWhile(server.tmpDir, () => streamPost(`${server.url}${route}`, MULTIPART, multipartFile(BOUNDARY, HUGE)));
    expectRefusedEarly(result, 415, 'unsupported_media_type');
    expect(appeared).toEqual([]);
  });

  it('a 300 MB multipart upload with a Content-Length is refused the same way', async () => {
    const { result, appeared } = await newNamesWhile(server.tmpDir, () => streamPost(`${server.url}/api/messages`, MULTIPART, multipartFile(BOUNDARY, HUGE), HUGE + 200));
    expectRefusedEarly(result, 415, 'unsupported_media_type');
    expect(appeared).toEqual([]);
  });

  it('a 300 MB form (urlencoded) body is refused too: only JSON is read', async () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const { result, appeared } = await newNamesWhile(server.tmpDir, () => streamPost(`${server.url}/api/dev/token`, form, hugeJson(HUGE)));
    expectRefusedEarly(result, 415, 'unsupported_media_type');
    expect(appeared).toEqual([]);
  });

  it.each(['/api/messages', '/api/dev/token'])('a 300 MB JSON body to %s with no Content-Length (chunked) is cut off at the limit with 413', async (route) => {
    const { result, appeared } = await newNamesWhile(server.tmpDir, () => streamPost(`${server.url}${route}`, JSON_TYPE, hugeJson(HUGE)));
    expectRefusedEarly(result, 413, 'too_large');
    expect(appeared).toEqual([]);
  });

  it('a compressed JSON body is refused (415), never unpacked', async () => {
    const outcome = await streamPost(`${server.url}/api/messages`, { ...JSON_TYPE, 'Content-Encoding': 'gzip' }, hugeJson(HUGE));
    expectRefusedEarly(outcome, 415, 'unsupported_media_type');
    expect(JSON.parse(outcome.body).message).toMatch(/uncompressed/);
  });

  it('a JSON body that declares 300 MB is refused (413) before any of it is read', async () => {
    const outcome = await streamPost(`${server.url}/api/messages`, JSON_TYPE, hugeJson(HUGE), HUGE + 11);
    expectRefusedEarly(outcome, 413, 'too_large');
  });

  it('afterwards the server still answers /healthz, and its temporary folder gained nothing', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(listing(server.tmpDir)).toEqual(tmpBefore);
  });
});
