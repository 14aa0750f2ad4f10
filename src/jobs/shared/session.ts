import type { ServiceName } from "../../services.js";
import { connectAcronis, connectCipp, connectNinjaOne, type AcronisConnection, type CippConnection, type ConnectContext, type ConnectOptions, type NinjaOneConnection } from "../../clients/connect.js";
import { loadNinjaEstate, type NinjaEstate } from "./estates/ninja-estate.js";
import { loadAcronisEstate, loadCippEstate, type TargetEstate } from "./estates/target-estate.js";

interface CachedEstate<T> {
  devices: boolean;
  promise: Promise<T>;
}

/**
 * One run's connections and estates, shared by every job of that run. `sync` runs several
 * jobs in a row: one connection per service keeps one token and one rate limiter per
 * client (the vendors count requests per client), and an estate read once serves every job
 * that needs it. A listing with devices also serves a job that asks for none.
 */
export class JobSession {
  private readonly connections = new Map<ServiceName, Promise<unknown>>();
  private readonly estates = new Map<ServiceName, CachedEstate<unknown>>();

  constructor(
    private readonly ctx: ConnectContext,
    private readonly options: ConnectOptions = {},
  ) {}

  ninjaone(): Promise<NinjaOneConnection> {
    return this.connection("ninjaone", () => connectNinjaOne(this.ctx, this.options));
  }

  acronis(): Promise<AcronisConnection> {
    return this.connection("acronis", () => connectAcronis(this.ctx, this.options));
  }

  cipp(): Promise<CippConnection> {
    return this.connection("cipp", () => connectCipp(this.ctx, this.options));
  }

  ninjaEstate(options: { devices: boolean }): Promise<NinjaEstate> {
    return this.estate("ninjaone", options.devices, async () => loadNinjaEstate((await this.ninjaone()).http, { devices: options.devices, logger: this.ctx.out }));
  }

  acronisEstate(options: { devices: boolean }): Promise<TargetEstate> {
    return this.estate("acronis", options.devices, async () => loadAcronisEstate(await this.acronis(), options));
  }

  cippEstate(options: { devices: boolean }): Promise<TargetEstate> {
    return this.estate("cipp", options.devices, async () => loadCippEstate(await this.cipp(), options));
  }

  /**
   * Lets go of the device listings of the services not named, keeping their organizations and
   * tenants: under `sync` once no job still to come reads those devices.
   */
  keepDevicesOnlyOf(services: ReadonlySet<ServiceName>): void {
    for (const [name, cached] of this.estates) {
      if (!cached.devices || services.has(name)) continue;
      this.cache(name, false, cached.promise.then((estate) => ({ ...(estate as object), devices: [] })));
    }
  }

  /** A job that changed a service's estate (created or disabled tenants) makes the next job read it afresh. */
  forget(name: ServiceName): void {
    this.estates.delete(name);
  }

  private connection<T>(name: ServiceName, open: () => Promise<T>): Promise<T> {
    let pending = this.connections.get(name) as Promise<T> | undefined;
    if (pending === undefined) {
      pending = open();
      this.connections.set(name, pending);
      // A failed connection is not cached, so a later job reports its own error afresh.
      pending.catch(() => this.connections.delete(name));
    }
    return pending;
  }

  private estate<T>(name: ServiceName, devices: boolean, load: () => Promise<T>): Promise<T> {
    const cached = this.estates.get(name) as CachedEstate<T> | undefined;
    if (cached !== undefined && (cached.devices || !devices)) return cached.promise;
    return this.cache(name, devices, load());
  }

  /** A failed read is not kept, so a later job reads afresh. */
  private cache<T>(name: ServiceName, devices: boolean, promise: Promise<T>): Promise<T> {
    this.estates.set(name, { devices, promise });
    promise.catch(() => {
      if (this.estates.get(name)?.promise === promise) this.estates.delete(name);
    });
    return promise;
  }
}
