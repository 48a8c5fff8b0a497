/**
 * Node-RED settings of `npm run bench:e2e` (bench/e2e/node-red.ts starts Node-RED with these): no editor,
 * no admin API, the flow of flow.json served at the root, warnings only. The script passes the port and
 * the flow file through the environment because it picks a free port and copies the flow into a scratch
 * folder.
 */
module.exports = {
  uiHost: '127.0.0.1',
  uiPort: Number(process.env.LT_BENCH_NODE_RED_PORT || 1880),
  flowFile: process.env.LT_BENCH_NODE_RED_FLOW || 'flow.json',
  // No editor and no admin API: the flow is fixed, as a province would run it in production.
  httpAdminRoot: false,
  httpNodeRoot: '/',
  credentialSecret: false,
  externalModules: { autoInstall: false, palette: { allowInstall: false } },
  diagnostics: { enabled: false },
  telemetry: { enabled: false },
  logging: { console: { level: 'warn', metrics: false, audit: false } },
  contextStorage: { default: { module: 'memory' } },
};
