/**
 * A vCenter older than 7.0U2 has only the `/rest` family (`POST /rest/com/vmware/cis/session`,
 * `{"value": …}` answers) and answers 404 to every `/api` path. The adapter speaks
 * `/api` only: such a vCenter is refused as UPSTREAM_ERROR naming the version needed,
 * never as NOT_FOUND, which would tell a client that the VM it asked for does not
 * exist. A server on 127.0.0.1 plays that vCenter.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createVsphereAdapter } from '../../../subgraphs/cloud-node/adapters/vsphere';
import type { CloudAdapter } from '../../../subgraphs/cloud-node/adapters/types';
import { ErrorCode } from '../../../subgraphs/shared/cloudApiError';

describe.each([
  ['a text 404', (res: ServerResponse) => res.writeHead(404, { 'content-type': 'text/html' }).end('<html>404 Not Found</html>')],
  [
    'a vAPI 404',
    (res: ServerResponse) =>
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ type: 'com.vmware.vapi.std.errors.not_found', value: { messages: [] } })),
  ],
])('a vCenter with only the /rest family, answering %s to /api', (_name, notFound) => {
  let server: Server;
  let vsphere: CloudAdapter;
  const asked: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      asked.push(`${req.method} ${req.url}`);
      if (req.method === 'POST' && req.url === '/rest/com/vmware/cis/session') {
        return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value: 'session-1' }));
      }
      return notFound(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    vsphere = createVsphereAdapter({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      username: 'administrator@vsphere.local',
      password: 'p',
      timeoutMs: 2000,
    });
  });
  afterAll(async () => {
    await vsphere.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses every call as UPSTREAM_ERROR naming the vCenter version needed, none as NOT_FOUND', async () => {
    for (const call of [() => vsphere.listVdcs(), () => vsphere.listVms(), () => vsphere.getVms(['vm-1']), () => vsphere.powerOn('vm-1')]) {
      const err = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ code: ErrorCode.UPSTREAM_ERROR, status: 404, message: expect.stringContaining('7.0U2') });
    }
    // It asked, and asked nothing but the login: no call went on to guess at other paths.
    expect(asked).toContain('POST /api/session');
    expect(asked.every((line) => line === 'POST /api/session')).toBe(true);
  });
});
