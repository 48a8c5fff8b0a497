import { parseArgs } from './main';

describe('vxp simulator command line', () => {
  it('reads faults from flags and systems from the environment', () => {
    const systems = [{ systemId: 's', secrets: ['k'], agencies: ['000.00.00.G22'] }];
    const options = parseArgs(
      ['--port', '0', '--error-rate', '0.2', '--seed', '7', '--timestamp-tolerance-ms', '60000'],
      {
        LIENTHONG_VXP_SYSTEMS: JSON.stringify(systems),
      },
    );
    expect(options).toEqual({
      port: 0,
      host: '127.0.0.1',
      errorRate: 0.2,
      seed: 7,
      timestampToleranceMs: 60000,
      systems,
    });
    expect(parseArgs([], {}).systems).toBeUndefined();
  });

  it('refuses malformed systems and bad flags', () => {
    expect(() => parseArgs([], { LIENTHONG_VXP_SYSTEMS: '[{"systemId":"s","secrets":"k"}]' })).toThrow(
      /LIENTHONG_VXP_SYSTEMS/,
    );
    expect(() => parseArgs(['--error-rate', '2'])).toThrow();
  });
});
