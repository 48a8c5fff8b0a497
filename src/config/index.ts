/**
 * The gateway configuration: one YAML file (or the sandbox), `${ENV}` interpolation, validation whose errors
 * name the key, environment overrides, and secret redaction for anything that prints it.
 */
export { loadConfig, DEFAULT_CONFIG_FILE } from './load';
export { validateSystemConfig } from './validate';
export { effectivePolicy, mergePolicy } from './policy';
export { secretPaths, describeConfig, isSecretKey, redactUrl, REDACTED } from './secrets';
export { SANDBOX_OPERATOR_KEY, sandboxWebhookUrl } from './defaults';
export { CONFIG_SCHEMA, SYSTEM_COMMON_KEYS } from './schema';
export type {
  GatewayConfig,
  GatewaySection,
  HttpSection,
  AuthSection,
  DeliverySection,
  SystemConfig,
  RetryPolicyOverride,
  LogLevel,
  LoadConfigOptions,
  JsonSchema,
} from './types';
