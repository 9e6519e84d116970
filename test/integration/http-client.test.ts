/**
 * The shared HTTP client's classification of answers (subgraphs/shared/http.ts), one
 * rule per test, against a server on 127.0.0.1 that answers each case the way real
 * clouds and what stands in front of them do: a proxy's HTML 502, vCenter's reverse
 * proxy's text 503, an API's JSON 500, a crashed server's text or empty 500, and so on.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudApiError, ErrorCode } from '../../subgraphs/shared/cloudApiError';
import { createHttpClient, type HttpClient, type HttpResponse } from '../../subgraphs/shared/http';
import { freePort } from '../support/ports';

/** The client's own per-request timeout. */
const CLIENT_TIMEOUT_MS = 1000;
/** `/slow` answers after the client's timeout, `/prompt` well within it. */
const SLOW_MS = 2500;
const PROMPT_MS = 50;

const API_ERROR = { error_type: 'ERROR', messages: [{ args: [], default_message: 'A general system error occurred.', id: 'vapi.error' }] };

type Route = (res: ServerResponse) => void;
const send =
  (status: number, type: string | undefined, body: string): Route =>
  (res) => {
    res.writeHead(status, type ? { 'content-type': type } : {}).end(body);
  };

const ROUTES: Record<string, Route> = {
  '/html-502': send(502, 'text/html', '<html><body><h1>502 Bad Gateway</h1></body></html>'),
  '/text-503': send(503, 'text/plain', '503 Service Unavailable (Failed to connect to endpoint: [N7Vmacore4Http16LocalServiceSpecE])'),
  '/json-503': send(503, 'application/json', JSON.stringify({ error_type: 'SERVICE_UNAVAILABLE', messages: [] })),
  '/json-504': send(504, 'application/json', JSON.stringify({ error_type: 'TIMED_OUT', messages: [] })),
  '/json-500': send(500, 'application/json', JSON.stringify(API_ERROR)),
  '/text-500': send(500, 'text/plain', 'Internal Server Error'),
  '/empty-500': send(500, undefined, ''),
  '/text-404': send(404, 'text/html', '<html>Not Found</html>'),
  '/json-404': send(404, 'application/json', JSON.stringify({ error_type: 'NOT_FOUND', messages: [] })),
  '/text-200': send(200, 'text/html', '<html>login page</html>'),
  '/json-200': send(200, 'application/json', JSON.stringify([{ vm: 'vm-1', name: 'web-1' }])),
  '/empty-204': send(204, undefined, ''),
  '/slow': (res) => void setTimeout(() => send(200, 'application/json', '"late"')(res), SLOW_MS),
  '/prompt': (res) => void setTimeout(() => send(200, 'application/json', '"prompt"')(res), PROMPT_MS),
};

describe('the shared HTTP client', () => {
  let server: Server;
  let client: HttpClient;

  const get = (path: string, timeoutMs?: number): Promise<HttpResponse> =>
    client.request({ method: 'GET', path, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
  const failure = async (promise: Promise<unknown>): Promise<CloudApiError> => {
    const err = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CloudApiError);
    return err as CloudApiError;
  };

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => (ROUTES[req.url ?? ''] ?? send(418, undefined, ''))(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = createHttpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { timeoutMs: CLIENT_TIMEOUT_MS });
  });
  afterAll(async () => {
    await client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("makes a proxy's HTML 502 CLOUD_UNAVAILABLE", async () => {
    expect(await failure(get('/html-502'))).toMatchObject({ code: ErrorCode.CLOUD_UNAVAILABLE, status: 502 });
  });

  it("makes vCenter's reverse-proxy text 503 CLOUD_UNAVAILABLE", async () => {
    expect(await failure(get('/text-503'))).toMatchObject({ code: ErrorCode.CLOUD_UNAVAILABLE, status: 503 });
  });

  it('makes a 503 or 504 CLOUD_UNAVAILABLE even when the body is JSON', async () => {
    expect(await failure(get('/json-503'))).toMatchObject({ code: ErrorCode.CLOUD_UNAVAILABLE, status: 503 });
    expect(await failure(get('/json-504'))).toMatchObject({ code: ErrorCode.CLOUD_UNAVAILABLE, status: 504 });
  });

  it("hands an API's JSON 500 to the adapter, parsed", async () => {
    expect(await get('/json-500')).toMatchObject({ status: 500, body: API_ERROR });
  });

  it('makes a 500 whose body is text CLOUD_UNAVAILABLE: not the API speaking', async () => {
    expect(await failure(get('/text-500'))).toMatchObject({ code: ErrorCode.CLOUD_UNAVAILABLE, status: 500 });
  });

  it('makes a 500 with an empty body CLOUD_UNAVAILABLE: no API error either', async () => {
    expect(await failure(get('/empty-500'))).toMatchObject({ code: ErrorCode.CLOUD_UNAVAILABLE, status: 500 });
  });

  it('hands a 404 whose body is not JSON to the adapter, without a body', async () => {
    const res = await get('/text-404');
    expect(res.status).toBe(404);
    expect(res.body).toBeUndefined();
  });

  it('hands a JSON 404 to the adapter, parsed', async () => {
    expect(await get('/json-404')).toMatchObject({ status: 404, body: { error_type: 'NOT_FOUND', messages: [] } });
  });

  it('makes a 200 whose body is not JSON UPSTREAM_ERROR, without the body in the message', async () => {
    const err = await failure(get('/text-200'));
    expect(err).toMatchObject({ code: ErrorCode.UPSTREAM_ERROR, status: 200 });
    expect(err.message).not.toMatch(/login page/);
  });

  it('answers a JSON 200 parsed, and an empty 204 without a body', async () => {
    expect(await get('/json-200')).toMatchObject({ status: 200, body: [{ vm: 'vm-1', name: 'web-1' }] });
    const empty = await get('/empty-204');
    expect(empty.status).toBe(204);
    expect(empty.body).toBeUndefined();
  });

  it("makes an answer slower than the client's timeout CLOUD_UNAVAILABLE", async () => {
    expect(await failure(get('/slow'))).toMatchObject({
      code: ErrorCode.CLOUD_UNAVAILABLE,
      message: expect.stringContaining(`${CLIENT_TIMEOUT_MS} ms`),
    });
  });

  it("waits for one request as long as its own timeout says, longer or shorter than the client's", async () => {
    expect(await get('/slow', SLOW_MS + 2000)).toMatchObject({ status: 200, body: 'late' });
    expect(await get('/prompt')).toMatchObject({ status: 200, body: 'prompt' });
    expect(await failure(get('/prompt', PROMPT_MS / 3))).toMatchObject({ code: ErrorCode.CLOUD_UNAVAILABLE });
  });

  it('makes a refused connection CLOUD_UNAVAILABLE', async () => {
    const closed = createHttpClient(`http://127.0.0.1:${await freePort()}`, { timeoutMs: CLIENT_TIMEOUT_MS });
    try {
      expect(await failure(closed.request({ method: 'GET', path: '/' }))).toMatchObject({
        code: ErrorCode.CLOUD_UNAVAILABLE,
        message: 'Cloud API unreachable',
      });
    } finally {
      await closed.close();
    }
  });
});
