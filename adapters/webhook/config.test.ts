import Ajv from 'ajv';
import { webhookConfigSchema } from './config';

// The configuration module compiles adapter schemas with Ajv in strict mode; this one must compile too.
const validate = new Ajv({ strict: true, allErrors: true }).compile(webhookConfigSchema);

describe('webhook config schema', () => {
  it.each([
    [{}],
    [{ secret: 'whsec_0123456789abcdef', headers: { 'X-Api-Key': 'abc' }, path: '/hooks/lienthong' }],
  ])('accepts %j', (config) => {
    expect(validate(config)).toBe(true);
  });

  it.each([
    [{ secret: 'short' }, '/secret'],
    [{ headers: { 'Bad Header': 'x' } }, '/headers'],
    [{ headers: { 'X-Ok': 'a\r\nInjected: 1' } }, '/headers/X-Ok'],
    [{ headers: { 'X-Ok': 1 } }, '/headers/X-Ok'],
    [{ path: '/with space' }, '/path'],
  ])('refuses %j at %s', (config, instancePath) => {
    expect(validate(config)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toContain(instancePath);
  });
});
