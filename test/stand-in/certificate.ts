/**
 * A throwaway self-signed certificate for the stand-in, made with openssl into a temporary
 * folder at start and deleted with it. Browsers are told to accept it (Chromium:
 * --ignore-certificate-errors; Firefox: acceptInsecureCerts), so it never needs trusting.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ThrowawayCertificate {
  key: string;
  cert: string;
}

export function makeThrowawayCertificate(hosts: readonly string[]): ThrowawayCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'detour-stand-in-cert-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  const altNames = [...hosts.map((host) => `DNS:${host}`), 'IP:127.0.0.1'].join(',');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-days',
        '2',
        '-subj',
        '/CN=Detour stand-in (throwaway)',
        '-addext',
        `subjectAltName=${altNames}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new Error(
        'stand-in: openssl is not installed; it makes the throwaway certificate. Install it with `sudo apt-get install -y openssl` (Debian/Ubuntu) or your system package manager.',
      );
    }
    throw new Error(`stand-in: openssl could not make a certificate: ${(error as Error).message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
