/** A real HTTP server on 127.0.0.1 that reads each request's body before handing it to the test's handler. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Receiver {
  server: http.Server;
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startReceiver(handle: (request: http.IncomingMessage, body: string, response: http.ServerResponse) => void): Promise<Receiver> {
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => handle(request, body, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
