/**
 * One way for a test to put a server on a free port: the site itself (an Express app) or a stand-in (a feed, a
 * geocoder, a text provider). close() also ends kept-alive connections, so afterAll never waits on a socket the
 * fetch client left open.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Listening {
  /** `http://127.0.0.1:<port>`, with no trailing slash. */
  base: string;
  port: number;
  close: () => Promise<void>;
}

interface Listenable {
  listen(port: number, host?: string): Server;
}

/**
 * `host` defaults to loopback; pass `{ host: undefined }` to listen on every address as the site may (dev-tools
 * tests), the base URL still being loopback's.
 */
export async function listenOnFreePort(target: Listenable, options: { host: string | undefined } = { host: "127.0.0.1" }): Promise<Listening> {
  const server = options.host === undefined ? target.listen(0) : target.listen(0, options.host);
  if (!server.listening) await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
