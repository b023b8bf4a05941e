/**
 * Hosts the user granted through optional host permissions, each standing for a known service
 * (e.g. a company gateway in front of ChatGPT). Detour watches them with the same content
 * scripts, registered at run time. Stored in storage.local under `grantedHosts`.
 */
import * as v from 'valibot';
import { HostWatchInput, type RefusalReason } from '../messaging/protocol';
import type { ServiceProduct } from '../services';
import type { KeyValueArea } from '../storage/key-value-area';

const KEY = 'grantedHosts';
const Stored = v.array(HostWatchInput);

export interface ContentScriptSpec {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_start' | 'document_idle';
  world?: 'MAIN' | 'ISOLATED';
}

export interface HostPorts {
  area: KeyValueArea;
  /** permissions.contains({ origins }) */
  hasPermission(origins: string[]): Promise<boolean>;
  register(scripts: ContentScriptSpec[]): Promise<void>;
  unregister(ids: string[]): Promise<void>;
  registeredIds(): Promise<string[]>;
  isKnownService(slug: string): boolean;
  /** The built content-script files: `content-scripts/<name>.js`. */
  files: { pageWatch: string; fetchTap: string };
}

export class GrantedHosts {
  private hosts: HostWatchInput[] = [];
  readonly ready: Promise<void>;

  constructor(private readonly ports: HostPorts) {
    this.ready = this.load();
  }

  list(): HostWatchInput[] {
    return this.hosts.map((h) => ({ ...h }));
  }

  /** The service a URL on a granted host stands for; its product is the service's web app. */
  productOf(url: string): ServiceProduct | null {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return null;
    }
    const host = this.hosts.find((h) => h.origin.toLowerCase() === origin.toLowerCase());
    return host ? { service: host.service, product: 'granted-host' } : null;
  }

  async watch(input: HostWatchInput): Promise<{ ok: boolean; reason?: RefusalReason }> {
    await this.ready;
    const origin = new URL(input.origin).origin;
    if (!this.ports.isKnownService(input.service)) return { ok: false, reason: 'unknownService' };
    const pattern = `${origin}/*`;
    if (!(await this.ports.hasPermission([pattern]))) return { ok: false, reason: 'permissionMissing' };
    const scripts = this.scriptsFor(origin);
    const registered = new Set(await this.ports.registeredIds());
    const missing = scripts.filter((s) => !registered.has(s.id));
    if (missing.length) await this.ports.register(missing);
    this.hosts = [...this.hosts.filter((h) => h.origin !== origin), { origin, service: input.service }];
    await this.ports.area.set({ [KEY]: this.hosts });
    return { ok: true };
  }

  async unwatch(originInput: string): Promise<{ ok: boolean; reason?: RefusalReason }> {
    await this.ready;
    let origin: string;
    try {
      origin = new URL(originInput).origin;
    } catch {
      return { ok: false, reason: 'invalidInput' };
    }
    const ids = this.scriptsFor(origin).map((s) => s.id);
    const registered = new Set(await this.ports.registeredIds());
    const present = ids.filter((id) => registered.has(id));
    if (present.length) await this.ports.unregister(present);
    this.hosts = this.hosts.filter((h) => h.origin !== origin);
    await this.ports.area.set({ [KEY]: this.hosts });
    return { ok: true };
  }

  /** After a browser restart: re-register scripts for hosts still granted, drop revoked ones. */
  async restore(): Promise<void> {
    await this.ready;
    const registered = new Set(await this.ports.registeredIds());
    const kept: HostWatchInput[] = [];
    for (const host of this.hosts) {
      if (!(await this.ports.hasPermission([`${host.origin}/*`]))) continue;
      kept.push(host);
      const missing = this.scriptsFor(host.origin).filter((s) => !registered.has(s.id));
      if (missing.length) await this.ports.register(missing);
    }
    if (kept.length !== this.hosts.length) {
      this.hosts = kept;
      await this.ports.area.set({ [KEY]: kept });
    }
  }

  scriptsFor(origin: string): ContentScriptSpec[] {
    const id = `detour-${origin.replace(/[^a-z0-9]/gi, '_')}`;
    const matches = [`${origin}/*`];
    return [
      {
        id: `${id}-fetch-tap`,
        matches,
        js: [this.ports.files.fetchTap],
        runAt: 'document_start',
        world: 'MAIN',
      },
      { id: `${id}-page-watch`, matches, js: [this.ports.files.pageWatch], runAt: 'document_idle' },
    ];
  }

  private async load(): Promise<void> {
    const raw = (await this.ports.area.get([KEY]))[KEY];
    if (raw === undefined) return;
    const parsed = v.safeParse(Stored, raw);
    if (parsed.success) this.hosts = parsed.output;
    else console.warn('[detour] granted hosts list is corrupted; starting empty');
  }
}
