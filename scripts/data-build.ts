/**
 * `npm run data:build`: writes the signed data bundle from the repository's data (detection
 * rules, platform catalog, region lists) to `.output/data/detour-data.json` and its signature to
 * `detour-data.json.sig`, ready to upload to every mirror (README: "Data updates").
 *
 *   DETOUR_DATA_SIGNING_KEY=<base64 PKCS#8 Ed25519 private key> npm run data:build [-- --version N] [--out DIR]
 *   npm run data:build -- --new-key     # prints a fresh key pair; keep the private half secret
 *
 * The private key only ever comes from the environment. The version defaults to the current
 * Unix time in seconds, so a later build is always newer.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import platforms from '../core/catalog/platforms.json';
import { generateSigningKey, makeBundleText, signText } from '../core/data-updates/build-bundle';
import { parseBundle } from '../core/data-updates/bundle';
import { DATA_SIGNING_KEYS } from '../core/data-updates/keys';
import { BUNDLE_FILE, SIGNATURE_FILE } from '../core/data-updates/mirrors';
import { base64ToBytes, verifySignature } from '../core/data-updates/signature';
import { RULE_FILES } from '../core/detection/rules';
import regions from '../core/regions/regions.json';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  if (process.argv.includes('--new-key')) {
    const pair = await generateSigningKey();
    process.stdout.write(
      `Public key (put it in core/data-updates/keys.ts):\n${pair.publicKey}\n\nPrivate key (keep it secret; set DETOUR_DATA_SIGNING_KEY to it when building):\n${pair.privateKey}\n`,
    );
    return 0;
  }
  const secret = process.env.DETOUR_DATA_SIGNING_KEY;
  const pkcs8 = secret ? base64ToBytes(secret) : null;
  if (!pkcs8) {
    process.stderr.write(
      'Set DETOUR_DATA_SIGNING_KEY to the base64 PKCS#8 Ed25519 private key (npm run data:build -- --new-key makes one).\n',
    );
    return 2;
  }
  const version = Number(
    arg('--version') ?? process.env.DETOUR_DATA_VERSION ?? Math.floor(Date.now() / 1000),
  );
  if (!Number.isSafeInteger(version) || version < 1) {
    process.stderr.write('The version must be a positive whole number.\n');
    return 2;
  }
  const asOf = new Date().toISOString().slice(0, 10);
  const text = makeBundleText({
    version,
    asOf,
    platforms: platforms as never,
    regions: regions as never,
    rules: [...RULE_FILES],
  });
  const checked = parseBundle(text);
  if (!checked.ok) {
    process.stderr.write(`The repository's data does not make a valid bundle: ${checked.detail}\n`);
    return 1;
  }
  const { signature, publicKey } = await signText(text, pkcs8);
  const out = arg('--out') ?? join('.output', 'data');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, BUNDLE_FILE), text);
  writeFileSync(join(out, SIGNATURE_FILE), `${signature}\n`);
  const keyId = await verifySignature(new TextEncoder().encode(text), signature, DATA_SIGNING_KEYS);
  process.stdout.write(
    `Wrote ${join(out, BUNDLE_FILE)} (${Buffer.byteLength(text)} bytes, version ${version}, as of ${asOf}) and ${SIGNATURE_FILE}.\n`,
  );
  if (!keyId)
    process.stdout.write(
      `Note: this key (public ${publicKey}) is not among the keys built into Detour (core/data-updates/keys.ts); extensions will refuse this bundle.\n`,
    );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`data:build failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
