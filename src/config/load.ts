import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { LtError } from '../errors';
import {
  applySandboxExchange,
  defaultInstanceId,
  sandboxDocument,
  sandboxUrl,
  sandboxWebhookUrl,
} from './defaults';
import { interpolate } from './interpolate';
import { atPath } from './keypath';
import { orderLike } from './order';
import { mergePolicy } from './policy';
import { CONFIG_SCHEMA } from './schema';
import { checkConfig, checkSystemConfig, invalid } from './validate';
import type { GatewayConfig, LoadConfigOptions, LogLevel } from './types';

export const DEFAULT_CONFIG_FILE = 'lienthong.yaml';
const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Reads the gateway configuration: `options.path`, else `LIENTHONG_CONFIG`, else `./lienthong.yaml`; when that
 * default file does not exist, the sandbox. Then `${ENV}` interpolation, schema validation with defaults, and
 * the environment overrides (`PORT`, `LIENTHONG_DATA_DIR`, `LOG_LEVEL`, `DATABASE_URL`, `REDIS_URL`).
 *
 * @throws LtError `LT_CONFIG_NOT_FOUND` (a named file is missing), `LT_CONFIG_PARSE` (YAML syntax, with line and
 *   column), `LT_CONFIG_MISSING_ENV` (a `${VAR}` without default is unset), `LT_CONFIG_INVALID` (every schema
 *   problem, each with its key path).
 */
export function loadConfig(options: LoadConfigOptions = {}): GatewayConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const document = readDocument(options.path ?? nonEmpty(env.LIENTHONG_CONFIG), cwd);
  const data = document === undefined ? sandboxDocument() : interpolate(document, env);

  const problems = checkConfig(data);
  if (problems.length > 0) throw invalid(problems);
  const config = data as GatewayConfig;
  problems.push(...semanticProblems(config), ...applyEnvironment(config, env, cwd));
  if (options.adapterSchemas) problems.push(...adapterProblems(config, options.adapterSchemas));
  if (problems.length > 0) throw invalid(problems);

  config.gateway.instanceId ??= defaultInstanceId();
  const webhook = config.systems.webhook;
  if (config.sandbox && webhook && webhook.baseUrl === undefined) {
    webhook.baseUrl = sandboxWebhookUrl(config.http.port);
  }
  for (const system of ['igate', 'dvcqg']) {
    const block = config.systems[system];
    if (config.sandbox && block && block.baseUrl === undefined)
      block.baseUrl = sandboxUrl(config.http.port, system);
  }
  if (config.sandbox) applySandboxExchange(config);
  return orderLike(CONFIG_SCHEMA, config) as GatewayConfig;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** The parsed file, or `undefined` for the sandbox (no file named and no default file). */
function readDocument(named: string | undefined, cwd: string): unknown {
  const file = path.resolve(cwd, named ?? DEFAULT_CONFIG_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && named === undefined) return undefined;
    const reason = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})`;
    throw new LtError('LT_CONFIG_NOT_FOUND', 'validation', `configuration file ${file} ${reason}`);
  }
  return parseYaml(text, file);
}

/** YAML to plain data. Parse errors keep yaml's reason and position but not its source excerpt (it may hold a secret). */
function parseYaml(text: string, file: string): unknown {
  const doc = YAML.parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const pos = e.linePos?.[0];
      const reason = e.message.split('\n')[0].replace(/\s+at line \d+, column \d+.*$/, '');
      return pos ? `${file}:${pos.line}:${pos.col}: ${reason}` : `${file}: ${reason}`;
    });
    throw new LtError('LT_CONFIG_PARSE', 'validation', problems.join('; '), { details: { problems } });
  }
  try {
    return doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (err) {
    // Alias bombs and unresolved aliases surface only when converting.
    throw new LtError('LT_CONFIG_PARSE', 'validation', `${file}: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** Rules a JSON Schema cannot say. */
function semanticProblems(config: GatewayConfig): string[] {
  const problems: string[] = [];
  const names = new Map<string, number>();
  const keys = new Map<string, number>();
  config.auth.apiKeys.forEach((k, i) => {
    const sameName = names.get(k.name);
    if (sameName !== undefined)
      problems.push(atPath(['auth', 'apiKeys', i, 'name'], `same name as auth.apiKeys[${sameName}]`));
    const sameKey = keys.get(k.key);
    if (sameKey !== undefined)
      problems.push(atPath(['auth', 'apiKeys', i, 'key'], `same key as auth.apiKeys[${sameKey}]`));
    names.set(k.name, i);
    keys.set(k.key, i);
  });
  const backoffOk = (b: { initialMs: number; maxMs: number }) => b.initialMs <= b.maxMs;
  if (!backoffOk(config.delivery.policy.backoff)) {
    problems.push(atPath(['delivery', 'policy', 'backoff'], 'initialMs must be <= maxMs'));
  }
  for (const [name, system] of Object.entries(config.systems)) {
    if (system.retry?.backoff && !backoffOk(mergePolicy(config.delivery.policy, system.retry).backoff)) {
      problems.push(
        atPath(
          ['systems', name, 'retry', 'backoff'],
          'initialMs must be <= maxMs (after merging delivery.policy)',
        ),
      );
    }
  }
  return problems;
}

/** Environment overrides; returns problems with the variable's name as the path. */
function applyEnvironment(config: GatewayConfig, env: NodeJS.ProcessEnv, cwd: string): string[] {
  const problems: string[] = [];
  const port = nonEmpty(env.PORT);
  if (port !== undefined) {
    const n = Number(port);
    if (/^\d+$/.test(port) && n <= 65535) config.http.port = n;
    else problems.push('PORT: must be an integer between 0 and 65535');
  }
  const dataDir = nonEmpty(env.LIENTHONG_DATA_DIR);
  if (dataDir !== undefined) config.gateway.dataDir = dataDir;
  config.gateway.dataDir = path.resolve(cwd, config.gateway.dataDir);
  const level = nonEmpty(env.LOG_LEVEL);
  if (level !== undefined) {
    if ((LOG_LEVELS as string[]).includes(level)) config.gateway.logLevel = level as LogLevel;
    else problems.push(`LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const databaseUrl = nonEmpty(env.DATABASE_URL);
  if (databaseUrl !== undefined) config.databaseUrl = databaseUrl;
  const redisUrl = nonEmpty(env.REDIS_URL);
  if (redisUrl !== undefined) {
    if (/^rediss?:\/\//i.test(redisUrl)) config.redisUrl = redisUrl;
    else problems.push('REDIS_URL: must start with redis:// or rediss://');
  }
  return problems;
}

function adapterProblems(config: GatewayConfig, schemas: Record<string, Record<string, unknown>>): string[] {
  const problems: string[] = [];
  const known = Object.keys(schemas);
  for (const [name, block] of Object.entries(config.systems)) {
    const schema = schemas[name];
    // A disabled block may be a draft: its adapter keys are checked when it is enabled.
    if (schema) {
      if (block.enabled) problems.push(...checkSystemConfig(name, block, schema));
    } else
      problems.push(atPath(['systems'], `unknown system "${name}" (known: ${known.join(', ') || 'none'})`));
  }
  return problems;
}
