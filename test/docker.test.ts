import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/**
 * No Docker engine runs in CI: these checks hold the image and compose files to what the gateway needs
 * (persistence and noeviction for Redis, migrations in the image, health checks, the documented env vars).
 */
const ROOT = path.resolve(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

type Service = {
  build?: { context: string; dockerfile: string };
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
};

describe('docker/compose.yaml', () => {
  const compose = YAML.parse(read('docker/compose.yaml')) as {
    services: Record<string, Service>;
    volumes: object;
  };
  const { gateway, redis, postgres } = compose.services;

  it('has the gateway, Redis and PostgreSQL services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['gateway', 'postgres', 'redis']);
  });

  it('builds the gateway from the repository root and waits for healthy dependencies', () => {
    expect(gateway.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
    expect(fs.existsSync(path.join(ROOT, 'docker', gateway.build!.context, gateway.build!.dockerfile))).toBe(
      true,
    );
    expect(gateway.depends_on).toEqual({
      redis: { condition: 'service_healthy' },
      postgres: { condition: 'service_healthy' },
    });
    expect(gateway.ports).toEqual(['${PORT:-8080}:8080']);
    expect(gateway.healthcheck?.test.join(' ')).toContain('/health/ready');
  });

  it('passes the same environment as a bare-machine start', () => {
    expect(Object.keys(gateway.environment ?? {}).sort()).toEqual(
      ['DATABASE_URL', 'LIENTHONG_CONFIG', 'LOG_LEVEL', 'PORT', 'REDIS_URL'].sort(),
    );
    expect(gateway.environment?.REDIS_URL).toContain('redis://redis:6379');
    expect(gateway.environment?.DATABASE_URL).toContain('@postgres:5432/');
  });

  it('runs Redis with AOF persistence and noeviction, on a volume, with a health check', () => {
    expect(redis.image).toMatch(/^redis:7/);
    const args = redis.command!.join(' ');
    expect(args).toContain('--appendonly yes');
    expect(args).toContain('--maxmemory-policy noeviction');
    expect(redis.volumes).toEqual(['redis-data:/data']);
    expect(redis.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('runs PostgreSQL 16 on a volume with a pg_isready health check', () => {
    expect(postgres.image).toMatch(/^postgres:16/);
    expect(postgres.environment).toHaveProperty('POSTGRES_PASSWORD');
    expect(postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(Object.keys(compose.volumes).sort()).toEqual(['gateway-data', 'postgres-data', 'redis-data']);
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = read('docker/Dockerfile');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));

  it('builds in one stage and runs in another, both on node:20-bookworm-slim', () => {
    expect(instructions.filter((l) => l.startsWith('FROM'))).toEqual([
      'FROM node:20-bookworm-slim AS build',
      'FROM node:20-bookworm-slim AS runtime',
    ]);
    const build = instructions.join('\n');
    expect(build).toMatch(/RUN npm ci\b/);
    expect(build).toContain('npm run build');
    expect(build).toContain('npm prune --omit=dev');
  });

  it('copies what the gateway reads at run time into the runtime stage', () => {
    const runtime = instructions.slice(instructions.findIndex((l) => l.includes('AS runtime')));
    const copied = runtime.filter((l) => l.startsWith('COPY --from=build')).map((l) => l.split(/\s+/)[2]);
    expect(copied).toEqual(
      expect.arrayContaining([
        '/app/dist',
        '/app/node_modules',
        '/app/package.json',
        '/app/bin',
        '/app/src/store/migrations',
        '/app/mappings',
      ]),
    );
  });

  it('runs as a non-root user, in production, with a readiness health check', () => {
    const runtime = instructions.slice(instructions.findIndex((l) => l.includes('AS runtime'))).join('\n');
    expect(runtime).toMatch(/^USER (?!root)\w+/m);
    expect(runtime).toContain('ENV NODE_ENV=production PORT=8080');
    expect(runtime).toContain('EXPOSE 8080');
    expect(runtime).toMatch(/HEALTHCHECK .*CMD \["node", "-e", "fetch\(.*\/health\/ready/);
    expect(runtime).toContain('CMD ["node", "dist/src/main.js"]');
  });

  it('is built from a context that leaves out local state and secrets', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', 'dist', 'data', '.git', 'coverage', '.env', 'lienthong.yaml']) {
      expect(ignored).toContain(entry);
    }
  });
});
