import type { Server } from 'node:http';
import path from 'node:path';
import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Adapter, DossierSink } from './adapter/contract';
import { getAdapterFactory } from './adapter/registry';
import { WorkCalendar, parseOfficeHours } from './deadline';
import { deadlineEnricher } from './dossier/deadlines';
import { readDossier } from './dossier/queries';
import { DossierReports } from './dossier/reports';
import type { MountedInbound } from './http/routes/inbound';
import { loadMappings } from './mapping';
import type { MappingSet } from './mapping';
import { compileCanonicalSchemas } from './model';
import { MAPPINGS_DIR } from './paths';
import { createSandbox } from './sandbox';
import { DbStateStore } from './store/state';
import { FileBlobStore } from './blob/store';
import type { GatewayConfig } from './config';
import { effectivePolicy, validateSystemConfig } from './config';
import { DossierService } from './dossier/service';
import { createApp } from './http/app';
import type { GatewayDeps } from './http/deps';
import { createLogger } from './observability/logger';
import { createMetrics } from './observability/metrics';
import { DeadLetterService } from './queue/dead-letters';
import { DeliveryEngine } from './queue/engine';
import { checkEvictionPolicy, redisConnectionOptions, resolveRedis } from './redis';
import type { ManagedRedis } from './redis';
import { openDb } from './store';
import { loadTrustStore } from './trust/store';
import type { Db } from './store';
import { VERSION } from './version';

export interface Gateway {
  url: string;
  port: number;
  db: Db;
  engine: DeliveryEngine;
  dossiers: DossierService;
  logger: Logger;
  /** Stops accepting requests, lets running deliveries finish (bounded), closes everything. */
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** Exit the process on SIGTERM/SIGINT after a graceful stop (the CLI does; tests do not). */
  handleSignals?: boolean;
}

/** The enabled systems with their factories, each block checked against its adapter's schema. */
function enabledSystems(config: GatewayConfig) {
  return Object.entries(config.systems)
    .filter(([, block]) => block.enabled)
    .map(([name, block]) => {
      const factory = getAdapterFactory(name);
      validateSystemConfig(name, block, factory.configSchema);
      return { name, block, factory };
    });
}

/** Mappings, reference data and the working-day calendar: all files, read and checked before any I/O. */
function loadReference(config: GatewayConfig): { mappings: MappingSet; calendar: WorkCalendar } {
  compileCanonicalSchemas();
  const mappingsDir = path.resolve(config.mappings?.dir ?? MAPPINGS_DIR);
  const hours = config.mappings?.officeHours;
  return {
    mappings: loadMappings(mappingsDir),
    calendar: WorkCalendar.fromDirectory(path.join(mappingsDir, 'calendar'), {
      hours: hours ? parseOfficeHours({ periods: hours }) : undefined,
    }),
  };
}

/**
 * The composition root: opens the store, finds Redis, builds the adapters from the configuration,
 * starts the delivery engine and the HTTP edge. Everything else receives its dependencies from here.
 */
export async function startGateway(config: GatewayConfig, options: StartOptions = {}): Promise<Gateway> {
  const logger = options.logger ?? createLogger({ level: config.gateway.logLevel });
  if (config.sandbox) {
    logger.warn('no configuration file: running the sandbox (in-process simulators, sandbox API keys)');
  }
  // Everything a configuration or mapping mistake can break is checked before a connection is opened.
  const systems = enabledSystems(config);
  const { mappings, calendar } = loadReference(config);
  const redis = await resolveRedis({ redisUrl: config.redisUrl, dataDir: config.gateway.dataDir, logger });
  const managed: ManagedRedis | undefined = redis.managed;
  // ioredis 6 option types are wider than BullMQ's structural copy of them; the runtime shape is the same.
  const connection = redisConnectionOptions(redis.url) as ConnectionOptions;
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.gateway.dataDir }).catch(
    async (err) => {
      await managed?.stop();
      throw err;
    },
  );
  const redisClient = new Redis({
    ...redisConnectionOptions(redis.url),
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  redisClient.on('error', () => undefined);
  await redisClient.connect().catch(() => undefined);
  await checkEvictionPolicy(redisClient, logger).catch(() => undefined);

  const state = new DbStateStore(db);
  const blobs = new FileBlobStore(path.join(config.gateway.dataDir, 'blobs'));
  const trust = await loadTrustStore(config.trust ?? {}, logger);
  let adapters: Adapter[];
  try {
    adapters = systems.map(({ name, block, factory }) =>
      factory.create(block as never, {
        logger: logger.child({ adapter: name }),
        mappings,
        state: state.scoped(name),
        instanceId: config.gateway.instanceId,
        db,
        blobs,
        trust,
      }),
    );
  } catch (err) {
    await db.close();
    redisClient.disconnect();
    await managed?.stop();
    throw err;
  }

  const metrics = createMetrics();
  const engine = new DeliveryEngine({
    db,
    connection,
    prefix: config.delivery.queuePrefix,
    targets: adapters.map((adapter) => ({ adapter, policy: effectivePolicy(config, adapter.name) })),
    metrics,
    logger,
    concurrency: config.delivery.concurrency,
    lockDurationMs: config.delivery.lockDurationMs,
    sweepIntervalMs: config.delivery.sweepIntervalMs,
    staleAfterMs: config.delivery.staleAfterMs,
    leaseMarginMs: config.delivery.leaseMarginMs,
    instanceId: config.gateway.instanceId,
    blobs,
  });
  const dossiers = new DossierService(
    db,
    engine,
    logger,
    (system, verdict) => metrics.inbound.inc({ system, verdict }),
    undefined,
    deadlineEnricher(calendar, mappings.ref),
    (id) => mappings.ref.agency(id),
  );
  const sink: DossierSink = {
    sync: (input, options) => dossiers.sync(input, options),
    find: (code) => readDossier(db, code),
    amend: (code, compute, options) => dossiers.amend(code, compute, options),
    findByTransfer: (documentId) => dossiers.findByTransfer(documentId),
  };
  const inbound = adapters.flatMap((adapter) =>
    adapter.inbound ? [{ name: adapter.name, side: adapter.inbound(sink) }] : [],
  );
  const reports = new DossierReports(db);
  const sandbox = config.sandbox
    ? createSandbox(logger, process.env, { dataDir: config.gateway.dataDir })
    : undefined;
  const deadLetters = new DeadLetterService(db, (h) => engine.handoff(h));
  metrics.setCollectors({
    overdue: () => reports.overdueCount(),
    queueDepth: () => engine.queueDepth(),
    deadLetters: async () =>
      (
        await db.query<{ target: string; count: number }>(
          `SELECT target, count(*)::int AS count FROM dead_letters WHERE state = 'open' GROUP BY target`,
        )
      ).rows,
  });

  const deps: GatewayDeps = {
    logger,
    http: { bodyLimit: String(config.http.bodyLimit) },
    auth: config.auth,
    health: [
      { name: 'database', check: () => db.ping() },
      {
        name: 'redis',
        check: async () => {
          if ((await redisClient.ping()) !== 'PONG') throw new Error('redis did not answer PONG');
        },
      },
    ],
    metrics: metrics.registry,
    dossiers,
    deadLetters,
    inbound: inbound.flatMap(({ name, side }): MountedInbound[] =>
      (side.routes ?? []).map((route) => ({ system: name, route })),
    ),
    reports,
    sandboxRouters: sandbox?.routers,
    version: VERSION,
  };
  const app = createApp(deps);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.http.port, config.http.host, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  engine.start();
  for (const { side } of inbound) side.start?.();
  sandbox?.start(`http://127.0.0.1:${port}`);
  logger.info(
    { port, database: db.kind, redis: managed ? 'managed' : 'external', targets: engine.targetNames },
    'LienThong gateway started',
  );

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info('stopping: no new requests, finishing running deliveries');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      sandbox?.stop();
      await Promise.all(inbound.map(({ side }) => side.stop?.()));
      await engine.stop(config.gateway.shutdownTimeoutMs);
      server.closeAllConnections();
      await closed;
      redisClient.disconnect();
      await db.close();
      await managed?.stop();
      logger.info('stopped');
    })());

  if (options.handleSignals) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        // Hard bound: whatever hangs, the process is gone shortly after the graceful budget.
        setTimeout(() => process.exit(1), config.gateway.shutdownTimeoutMs + 5000).unref();
        stop().then(
          () => process.exit(0),
          (err: Error) => {
            logger.error({ err: err.message }, 'error while stopping');
            process.exit(1);
          },
        );
      });
    }
  }
  return { url: `http://127.0.0.1:${port}`, port, db, engine, dossiers, logger, stop };
}
