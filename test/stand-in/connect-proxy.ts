/**
 * A loopback HTTP CONNECT proxy that sends the services' real host names to the stand-in.
 * Firefox can map host names to an address (network.dns.forceResolve) but not to a port, so
 * without a proxy the stand-in would need port 443 and with it root. Through this proxy the
 * browser keeps the real host name in the URL, in the TLS handshake (SNI) and in the Host
 * header; only the TCP tunnel ends on the stand-in's ephemeral port.
 *
 * Hosts the stand-in does not serve are refused, so nothing reaches the real internet by
 * accident. `failures` makes a host fail the way an unreachable service does.
 *
 * What Firefox makes of a failed CONNECT: every answer but 200 cancels the request with the
 * error HttpProxyResponseToErrorCode picks for its status (mozilla/gecko-dev,
 * netwerk/protocol/http/nsHttp.cpp, called from nsHttpChannel::ProcessFailedProxyConnect; read
 * at commit 069a97307f30901a499e954b2964a362f0b455bf). 404, 400 and 500 become
 * NS_ERROR_UNKNOWN_HOST ("Squid sends 404 if DNS fails"), 503 becomes NS_ERROR_CONNECTION_REFUSED
 * ("Squid returns 503 if target request fails for anything but DNS"), and 502 becomes
 * NS_ERROR_PROXY_BAD_GATEWAY, a failure of the proxy itself. So a proxy whose lookup of the
 * name failed is, to Firefox and to its webRequest listeners, a name that does not resolve.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, connect, createServer as createTcpServer, type Socket } from 'node:net';

const LOOPBACK = '127.0.0.1';

/**
 * How a host fails: connection refused, connection reset after connecting, no answer at all, or
 * a name that does not resolve.
 */
export type HostFailure = 'refuse' | 'reset' | 'timeout' | 'unresolved';

export interface ConnectProxy {
  readonly port: number;
  /** Per-host failures, read at each new connection: set or delete entries while it runs. */
  readonly failures: Map<string, HostFailure>;
  /** Host names tunnelled so far (including refused ones), in order, for assertions. */
  readonly tunnels: readonly string[];
  close(): Promise<void>;
}

export interface ConnectProxyOptions {
  /** The hosts sent to `targetPort` on loopback. */
  hosts: readonly string[];
  targetPort: number;
  failures?: Map<string, HostFailure>;
}

function answer(socket: Socket, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startConnectProxy(options: ConnectProxyOptions): Promise<ConnectProxy> {
  const served = new Set(options.hosts.map((host) => host.toLowerCase()));
  const failures = options.failures ?? new Map<string, HostFailure>();
  const tunnels: string[] = [];
  const open = new Set<Socket>();

  const server: Server = createServer((_request, response) => {
    // Plain-HTTP proxy requests: the stand-in speaks HTTPS only.
    response.writeHead(502, { 'content-type': 'text/plain', connection: 'close' });
    response.end('The Detour stand-in proxy tunnels HTTPS only.');
  });

  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    const target = /^\[?([^\]]+?)\]?:(\d+)$/.exec(request.url ?? '');
    const host = (target?.[1] ?? '').toLowerCase();
    tunnels.push(host);
    const failure = failures.get(host);
    if (failure === 'timeout') return; // never answers; the browser gives up on its own clock
    if (failure === 'reset') {
      client.resetAndDestroy();
      return;
    }
    if (failure === 'unresolved') {
      // What Squid answers when its DNS lookup of the target fails (see the header comment).
      answer(client, '404 Not Found');
      return;
    }
    if (failure === 'refuse') {
      // What Squid answers when the target refuses the connection.
      answer(client, '503 Service Unavailable');
      return;
    }
    if (!served.has(host) || target?.[2] !== '443') {
      // Not a service host: the proxy itself will not go there.
      answer(client, '502 Bad Gateway');
      return;
    }
    const upstream = connect(options.targetPort, LOOPBACK, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    open.add(upstream);
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => {
      if (!client.destroyed && client.writable && upstream.connecting) answer(client, '502 Bad Gateway');
      else client.destroy();
    });
    client.on('close', () => upstream.destroy());
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve((server.address() as AddressInfo).port));
  });

  return {
    port,
    failures,
    get tunnels() {
      return tunnels;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Loopback ports that fail like an unreachable host, for browsers that map host names to a
 * port themselves (Chromium's --host-resolver-rules): `reset` accepts and resets, `timeout`
 * accepts and never answers; `refuse` is port 1, where nothing listens. (A name that does not
 * resolve needs no port: Chromium maps it to ~NOTFOUND.)
 */
export interface FailurePorts {
  readonly ports: Readonly<Record<Exclude<HostFailure, 'unresolved'>, number>>;
  close(): Promise<void>;
}

export async function startFailurePorts(): Promise<FailurePorts> {
  const open = new Set<Socket>();
  const listen = (onSocket: (socket: Socket) => void) =>
    new Promise<{ server: import('node:net').Server; port: number }>((resolve, reject) => {
      const server = createTcpServer((socket) => {
        open.add(socket);
        socket.on('close', () => open.delete(socket));
        socket.on('error', () => socket.destroy());
        onSocket(socket);
      });
      server.once('error', reject);
      server.listen(0, LOOPBACK, () => resolve({ server, port: (server.address() as AddressInfo).port }));
    });
  const reset = await listen((socket) => socket.resetAndDestroy());
  const timeout = await listen(() => {});
  return {
    // Port 1 (tcpmux) is privileged and unused on any machine these tests run on: refused.
    ports: { refuse: 1, reset: reset.port, timeout: timeout.port },
    close: async () => {
      for (const socket of open) socket.destroy();
      await Promise.all(
        [reset.server, timeout.server].map(
          (server) => new Promise<void>((resolve) => server.close(() => resolve())),
        ),
      );
    },
  };
}
