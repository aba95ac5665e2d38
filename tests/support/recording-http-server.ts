import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the server received it. */
export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/robot/send?access_token=x`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  receivedAtMillis: number;
}

export interface RecordedResponse { status?: number; headers?: Record<string, string>; body?: unknown }

/** A real HTTP server on 127.0.0.1 that records every request and answers with `respond`. */
export interface RecordingHttpServer {
  url: string;
  requests: RecordedRequest[];
  /** Resolves once `count` requests have arrived. */
  waitForRequests(count: number, timeoutMillis?: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

/** Starts the server on `port` (0: any free port). */
export async function startRecordingHttpServer(respond: (request: RecordedRequest) => RecordedResponse | Promise<RecordedResponse> = () => ({ body: {} }), port = 0): Promise<RecordingHttpServer> {
  const requests: RecordedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks), receivedAtMillis: Date.now() };
      requests.push(recorded);
      const answer = await respond(recorded);
      const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
      res.end(body);
      for (const waiter of waiters.filter((w) => requests.length >= w.count)) waiter.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    waitForRequests: (count, timeoutMillis = 30_000) => new Promise((resolve, reject) => {
      if (requests.length >= count) return resolve(requests);
      const timer = setTimeout(() => reject(new Error(`only ${requests.length} of ${count} requests arrived`)), timeoutMillis);
      waiters.push({ count, resolve: () => { clearTimeout(timer); resolve(requests); } });
    }),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
