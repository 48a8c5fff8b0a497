import { validateSystemConfig } from '../../src/config';
import { dvcqgConfigSchema } from '../dvcqg/config';
import { igateConfigSchema } from './config';

/** The credential rules are schema rules, so `lienthong config check` reports them before any start. */
describe('iGate and DVCQG credential rules', () => {
  const check = (name: string, schema: Record<string, unknown>, block: Record<string, unknown>) => () =>
    validateSystemConfig(name, { enabled: true, subscribe: [], ...block }, schema);

  it('client_credentials (the default grant) needs clientSecret', () => {
    expect(check('igate', igateConfigSchema, { clientId: 'x' })).toThrow(
      /^systems\.igate\.clientSecret: is required$/,
    );
    expect(check('igate', igateConfigSchema, { clientId: 'x', clientSecret: 's' })).not.toThrow();
  });

  it('the password grant needs username and password, not a secret', () => {
    expect(check('igate', igateConfigSchema, { clientId: 'x', grant: 'password' })).toThrow(
      /systems\.igate\.username: is required; systems\.igate\.password: is required/,
    );
    expect(
      check('igate', igateConfigSchema, { clientId: 'x', grant: 'password', username: 'u', password: 'p' }),
    ).not.toThrow();
  });

  it('the DVCQG gen1 profile logs in; gen2 does not', () => {
    expect(check('dvcqg', dvcqgConfigSchema, {})).toThrow(/systems\.dvcqg\.username: is required/);
    expect(check('dvcqg', dvcqgConfigSchema, { profile: 'gen2' })).not.toThrow();
  });
});
