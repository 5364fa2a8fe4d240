import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unitDirectives } from './systemd-unit.ts';

const ec2 = join(import.meta.dirname, '../ec2');
const read = (name: string) => readFileSync(join(ec2, name), 'utf8');
const hasCommand = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

describe('ec2/cadastro.service', () => {
  const unit = read('cadastro.service');
  const d = unitDirectives(unit);

  it('runs the release bundle in production, AWS mode, DATA_DIR on the data volume, restarting on failure', () => {
    expect(d.get('ExecStart')?.[0]).toMatch(/node .*\/opt\/cadastro\/current\/server\/main\.mjs$/);
    expect(d.get('Environment')).toEqual(
      expect.arrayContaining([
        'NODE_ENV=production',
        'CADASTRO_MODE=aws',
        'DATA_DIR=/var/lib/cadastro',
        'WEB_DIR=/opt/cadastro/current/web',
      ]),
    );
    expect(d.get('EnvironmentFile')).toEqual(['/etc/cadastro/cadastro.env']);
    expect(d.get('Restart')).toEqual(['on-failure']);
    expect(d.get('RequiresMountsFor')).toEqual(['/var/lib/cadastro']);
    // One writer: the server's own rolled files; stdout (the start-up line) goes to the journal, not DATA_DIR.
    expect(d.get('Environment')).toContain('LOG_STDOUT=false');
    expect(d.get('StandardOutput')).toEqual(['journal']);
    expect(unit).not.toContain('append:');
  });

  it('is hardened', () => {
    for (const [key, value] of Object.entries({
      NoNewPrivileges: 'yes',
      ProtectSystem: 'strict',
      ReadWritePaths: '/var/lib/cadastro',
      PrivateTmp: 'yes',
      ProtectHome: 'yes',
      User: 'cadastro',
    })) {
      expect(d.get(key), key).toEqual([value]);
    }
  });

  it('passes systemd-analyze verify', () => {
    if (!hasCommand('systemd-analyze')) {
      throw new Error('systemd-analyze is needed to check the unit: apt-get install -y systemd');
    }
    // Pointed at this machine's node, since /usr/local/bin/node exists only on the instance.
    const copy = join(mkdtempSync(join(tmpdir(), 'cadastro-unit-')), 'cadastro.service');
    writeFileSync(copy, unit.replace('/usr/local/bin/node', process.execPath));
    const result = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('ec2/user-data.sh', () => {
  const script = read('user-data.sh');

  it('is valid bash', () => {
    execFileSync('bash', ['-n', join(ec2, 'user-data.sh')]);
  });

  it('installs the Node of the tests (24) checked against its checksum, mounts the volume, creates the user, starts the unit', () => {
    const rootPackage = JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8'));
    expect(script).toContain(`NODE_VERSION="\${NODE_VERSION:-${rootPackage.devDependencies.node}}"`);
    expect(rootPackage.devDependencies.node).toMatch(/^24\./);
    expect(script).not.toMatch(/npm (install|rebuild)/);
    expect(script).toContain('sha256sum -c');
    expect(script).toContain('DATA_DIR=/var/lib/cadastro');
    expect(script).toMatch(/mount "\$DATA_DIR"/);
    expect(script).toMatch(/useradd --system .* cadastro/);
    expect(script).toContain('systemctl enable --now cadastro.service');
    // It installs the files the release carries, under the names the unit and the agent expect.
    for (const name of ['cadastro.service', 'cloudwatch-agent.json']) {
      expect(script).toContain(`current/ec2/${name}`);
    }
  });
});

describe('ec2/cloudwatch-agent.json', () => {
  it("ships the server's rolled files from DATA_DIR/logs; no logrotate rule rotates them a second time", () => {
    const config = JSON.parse(read('cloudwatch-agent.json'));
    const files = config.logs.logs_collected.files.collect_list as Array<{
      file_path: string;
      log_group_name: string;
    }>;
    // The server's rolled files, and the data volume's usage that the stack's metric filter reads.
    expect(files.map((f) => f.file_path)).toEqual([
      '/var/lib/cadastro/logs/cadastro.*.log',
      '/var/lib/cadastro/logs/volume-usage.log',
    ]);
    expect(files[0]?.log_group_name).toBe('/cadastro/server');
    expect(readdirSync(ec2)).not.toContain('cadastro.logrotate');
    expect(read('user-data.sh')).toContain('rm -f /etc/logrotate.d/cadastro');
  });
});
