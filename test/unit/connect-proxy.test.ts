// The proxy Firefox reaches the stand-in through: real host names and TLS end to end, hosts the
// stand-in does not serve refused, and each failure mode behaving as an unreachable service does.
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectProxy, startConnectProxy } from '../stand-in/connect-proxy';
import { type StandIn, startStandIn } from '../stand-in/server';

let standIn: StandIn;
let proxy: ConnectProxy;

beforeAll(async () => {
  standIn = await startStandIn();
  proxy = await startConnectProxy({ hosts: standIn.hosts, targetPort: standIn.port });
});

afterAll(async () => {
  await proxy.close();
  await standIn.close();
});

/** Sends CONNECT and resolves with the proxy's status line, or the socket's error code. */
function openTunnel(host: string, port = 443): Promise<{ socket: Socket; answer: string }> {
  return new Promise((resolve) => {
    const socket = connect(proxy.port, '127.0.0.1', () => {
      socket.write(`CONNECT ${host}:${port} HTTP/1.1\r\nHost: ${host}:${port}\r\n\r\n`);
    });
    let received = '';
    const onData = (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (!received.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      resolve({ socket, answer: received.split('\r\n')[0] ?? '' });
    };
    socket.on('data', onData);
    socket.on('error', (error: NodeJS.ErrnoException) => resolve({ socket, answer: error.code ?? 'error' }));
    socket.on('close', () => resolve({ socket, answer: received || 'closed' }));
  });
}

/** GET https://<host><path> through an open tunnel; resolves with the status line. */
function getThrough(socket: Socket, host: string, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const tls = tlsConnect({ socket, servername: host, rejectUnauthorized: false }, () => {
      tls.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    });
    let received = '';
    tls.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
    });
    tls.on('end', () => resolve(received.split('\r\n')[0] ?? ''));
    tls.on('error', reject);
  });
}

describe('the stand-in CONNECT proxy', () => {
  it('tunnels a service host to the stand-in, which sees the real host name', async () => {
    standIn.clearRequests();
    const { socket, answer } = await openTunnel('chatgpt.com');
    expect(answer).toBe('HTTP/1.1 200 Connection Established');
    expect(await getThrough(socket, 'chatgpt.com', '/')).toMatch(/^HTTP\/1\.1 403 /);
    expect(standIn.requestsTo('chatgpt.com').map((request) => request.path)).toEqual(['/']);
  });

  it('refuses hosts the stand-in does not serve, and ports other than 443', async () => {
    const unknown = await openTunnel('example.com');
    expect(unknown.answer).toBe('HTTP/1.1 502 Bad Gateway');
    const otherPort = await openTunnel('chatgpt.com', 8443);
    expect(otherPort.answer).toBe('HTTP/1.1 502 Bad Gateway');
    expect(proxy.tunnels).toContain('example.com');
  });

  it('makes a host refuse, not resolve, reset or never answer, and serves it again when the failure is removed', async () => {
    // The statuses Firefox turns into NS_ERROR_CONNECTION_REFUSED and NS_ERROR_UNKNOWN_HOST.
    proxy.failures.set('claude.ai', 'refuse');
    expect((await openTunnel('claude.ai')).answer).toBe('HTTP/1.1 503 Service Unavailable');

    proxy.failures.set('claude.ai', 'unresolved');
    expect((await openTunnel('claude.ai')).answer).toBe('HTTP/1.1 404 Not Found');
    // A host the stand-in does not serve can be made to not resolve too.
    proxy.failures.set('chat.openai.com', 'unresolved');
    expect((await openTunnel('chat.openai.com')).answer).toBe('HTTP/1.1 404 Not Found');
    proxy.failures.delete('chat.openai.com');

    proxy.failures.set('claude.ai', 'reset');
    expect((await openTunnel('claude.ai')).answer).toBe('ECONNRESET');

    proxy.failures.set('claude.ai', 'timeout');
    let hungAnswer = '';
    const hung = connect(proxy.port, '127.0.0.1', () => {
      hung.write('CONNECT claude.ai:443 HTTP/1.1\r\nHost: claude.ai:443\r\n\r\n');
    });
    hung.on('data', (chunk: Buffer) => {
      hungAnswer += chunk.toString('latin1');
    });
    hung.on('error', () => {});
    // Another host answers in full while the failing one still has said nothing.
    const other = await openTunnel('gemini.google.com');
    expect(await getThrough(other.socket, 'gemini.google.com', '/')).toMatch(/^HTTP\/1\.1 200 /);
    expect(hungAnswer).toBe('');
    hung.destroy();

    proxy.failures.delete('claude.ai');
    const again = await openTunnel('claude.ai');
    expect(again.answer).toBe('HTTP/1.1 200 Connection Established');
    expect(await getThrough(again.socket, 'claude.ai', '/')).toMatch(/^HTTP\/1\.1 30[27] /);
  });
});
