import { describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env.ts';

const local = { CADASTRO_MODE: 'local' };

describe('backup schedule configuration', () => {
  it('is off unless a schedule is given, read in São Paulo time by default', () => {
    const env = loadEnv(local);
    expect(env.CADASTRO_BACKUP_SCHEDULE).toBeUndefined();
    expect(env.CADASTRO_BACKUP_TIMEZONE).toBe('America/Sao_Paulo');
    expect(loadEnv({ ...local, CADASTRO_BACKUP_SCHEDULE: ' 0 3 * * * ' }).CADASTRO_BACKUP_SCHEDULE).toBe(
      '0 3 * * *',
    );
  });

  it('stops the start naming the variable when the expression or the zone is wrong', () => {
    expect(() => loadEnv({ ...local, CADASTRO_BACKUP_SCHEDULE: 'every night' })).toThrow(
      /CADASTRO_BACKUP_SCHEDULE: a cron expression/,
    );
    expect(() => loadEnv({ ...local, CADASTRO_BACKUP_TIMEZONE: 'Mars/Olympus' })).toThrow(
      /CADASTRO_BACKUP_TIMEZONE: an IANA time zone/,
    );
  });
});
