import { describe, expect, it } from 'vitest';
import { configurationWarnings, loadEnv } from '../src/env.ts';

const base = { CADASTRO_MODE: 'local', HOME: '/nonexistent' };

describe('configuration of accounts, sessions, logs and protection', () => {
  it('has safe defaults', () => {
    const env = loadEnv(base);
    expect(env).toMatchObject({
      TRUST_PROXY: false,
      CADASTRO_ALLOWED_ORIGINS: [],
      SESSION_IDLE_MINUTES: 30,
      SESSION_ABSOLUTE_HOURS: 12,
      RATE_LIMIT_MAX: 10,
      RATE_LIMIT_WINDOW_SECONDS: 60,
      CADASTRO_ADMIN_EMAIL: 'admin@cadastro.local',
      LOG_FILE_SIZE: '10m',
      LOG_RETENTION_FILES: 14,
    });
    expect(env.CADASTRO_ADMIN_PASSWORD).toBeUndefined();
  });

  it.each([
    ['true', true],
    ['10.0.0.0/8', ['10.0.0.0/8']],
    [' 10.0.1.0/24, 10.0.2.0/24 ', ['10.0.1.0/24', '10.0.2.0/24']],
    ['127.0.0.2,::1,fd00::/8', ['127.0.0.2', '::1', 'fd00::/8']],
    ['false', false],
    ['', false],
  ])('reads TRUST_PROXY=%s', (value, expected) => {
    expect(loadEnv({ ...base, TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it.each([
    ['2', /TRUST_PROXY: a hop count cannot be honoured/],
    ['10.0.0.0/33', /TRUST_PROXY: not an address or CIDR: 10\.0\.0\.0\/33/],
    ['balancer.internal', /TRUST_PROXY: not an address or CIDR/],
  ])('refuses TRUST_PROXY=%s naming the variable', (value, message) => {
    expect(() => loadEnv({ ...base, TRUST_PROXY: value })).toThrow(message);
  });

  it('warns about TRUST_PROXY=true and nothing else', () => {
    expect(configurationWarnings(loadEnv({ ...base, TRUST_PROXY: 'true' }))).toEqual([
      expect.stringMatching(/TRUST_PROXY=true .*forge/),
    ]);
    expect(configurationWarnings(loadEnv({ ...base, TRUST_PROXY: '10.0.0.0/16' }))).toEqual([]);
  });

  it('names each bad variable', () => {
    expect(() =>
      loadEnv({
        ...base,
        CADASTRO_ALLOWED_ORIGINS: 'not a url',
        CADASTRO_ADMIN_PASSWORD: 'short',
        LOG_FILE_SIZE: 'big',
      }),
    ).toThrow(/CADASTRO_ALLOWED_ORIGINS[\s\S]*CADASTRO_ADMIN_PASSWORD[\s\S]*LOG_FILE_SIZE/);
  });
});
