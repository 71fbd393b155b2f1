import { Resolver } from 'node:dns/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustRun, readPid, run, startDaemon, stopPid, waitUntil } from './processes.ts';
import { BROKEN_ZONE_FILE, GOOD_DOMAIN, type PlantedZone, SERVFAIL_DOMAIN, zoneFile } from './zones.ts';

// NSD, authoritative only, on 127.0.0.1:<port> UDP and TCP (TESTBED.md): no database, no remote control, no
// user switch or chroot, pid and log files in the state folder. Every zone is checked with nsd-checkzone first;
// the servfail.test zone file is checked to be one nsd-checkzone rejects, so NSD cannot load it.

export interface Nsd {
  readonly pidFile: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

export async function startNsd(dir: string, port: number, zones: readonly PlantedZone[]): Promise<Nsd> {
  const zonesDir = join(dir, 'zones');
  mkdirSync(zonesDir, { recursive: true });
  mkdirSync(join(dir, 'xfr'), { recursive: true });
  const pidFile = join(dir, 'nsd.pid');
  const logFile = join(dir, 'nsd.log');
  const config = join(dir, 'nsd.conf');

  const files = zones.map((zone) => ({
    name: zone.origin,
    file: `${zone.origin}.zone`,
    text: zoneFile(zone),
  }));
  for (const z of files) writeFileSync(join(zonesDir, z.file), z.text);
  writeFileSync(join(zonesDir, `${SERVFAIL_DOMAIN}.zone`), BROKEN_ZONE_FILE);

  writeFileSync(
    config,
    [
      'server:',
      `  ip-address: 127.0.0.1@${port}`,
      `  port: ${port}`,
      '  do-ip4: yes',
      '  do-ip6: no',
      '  reuseport: no',
      '  server-count: 1',
      '  username: ""',
      '  chroot: ""',
      '  database: ""',
      `  zonesdir: "${zonesDir}"`,
      `  zonelistfile: "${join(dir, 'zone.list')}"`,
      `  xfrdfile: "${join(dir, 'xfrd.state')}"`,
      `  xfrdir: "${join(dir, 'xfr')}"`,
      `  pidfile: "${pidFile}"`,
      `  logfile: "${logFile}"`,
      '  verbosity: 1',
      '  hide-version: yes',
      '  identity: "mail-world"',
      'remote-control:',
      '  control-enable: no',
      ...[...files, { name: SERVFAIL_DOMAIN, file: `${SERVFAIL_DOMAIN}.zone` }].flatMap((z) => [
        'zone:',
        `  name: "${z.name}"`,
        `  zonefile: "${z.file}"`,
      ]),
      '',
    ].join('\n'),
  );

  const checks = await Promise.all([
    mustRun('nsd-checkconf', [config], 'checking nsd.conf'),
    ...files.map((z) =>
      mustRun('nsd-checkzone', [z.name, join(zonesDir, z.file)], `checking zone ${z.name}`),
    ),
    run('nsd-checkzone', [SERVFAIL_DOMAIN, join(zonesDir, `${SERVFAIL_DOMAIN}.zone`)]),
  ]);
  if (checks.at(-1)?.code === 0) throw new Error(`nsd-checkzone accepted the zone file meant to be broken`);

  const code = await startDaemon('nsd', ['-c', config], join(dir, 'nsd.out'));
  const nsd: Nsd = {
    pidFile,
    logFile,
    async stop() {
      const pid = readPid(pidFile);
      if (pid) await stopPid(pid);
    },
  };
  const resolver = new Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  const ready =
    code === 0 &&
    (await waitUntil(
      () =>
        resolver.resolveSoa(GOOD_DOMAIN).then(
          () => true,
          () => false,
        ),
      10_000,
    ));
  if (!ready) {
    await nsd.stop();
    throw new Error(`NSD did not answer on 127.0.0.1:${port} (nsd exited ${code}); see ${logFile}`);
  }
  return nsd;
}
