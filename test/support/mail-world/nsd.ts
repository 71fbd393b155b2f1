import { Resolver } from 'node:dns/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustRun, readPid, run, startDaemon, stopPid, waitUntil } from './processes.ts';

// NSD, authoritative only, on <host>:<port> UDP and TCP (TESTBED.md): no database, no remote control, no user
// switch or chroot, pid and log files in the state folder. Both test worlds start theirs here. Every zone is
// checked with nsd-checkzone first; a zone given as `broken` is checked to be one nsd-checkzone rejects, so
// NSD cannot load it and answers SERVFAIL for it.

export interface NsdZone {
  readonly origin: string;
  /** The zone file's text. */
  readonly text: string;
}

export interface NsdSettings {
  readonly host: string;
  readonly port: number;
  /** NSD's `identity`, to tell the worlds' servers apart in logs. */
  readonly identity: string;
  readonly zones: readonly NsdZone[];
  readonly broken?: NsdZone;
}

export interface Nsd {
  readonly pidFile: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

export async function startNsd(dir: string, settings: NsdSettings): Promise<Nsd> {
  const { host, port, zones, broken } = settings;
  const zonesDir = join(dir, 'zones');
  mkdirSync(zonesDir, { recursive: true });
  mkdirSync(join(dir, 'xfr'), { recursive: true });
  const pidFile = join(dir, 'nsd.pid');
  const logFile = join(dir, 'nsd.log');
  const config = join(dir, 'nsd.conf');
  const all = broken ? [...zones, broken] : zones;
  for (const zone of all) writeFileSync(join(zonesDir, `${zone.origin}.zone`), zone.text);

  writeFileSync(
    config,
    [
      'server:',
      `  ip-address: ${host}@${port}`,
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
      `  identity: "${settings.identity}"`,
      'remote-control:',
      '  control-enable: no',
      ...all.flatMap((z) => ['zone:', `  name: "${z.origin}"`, `  zonefile: "${z.origin}.zone"`]),
      '',
    ].join('\n'),
  );

  const checks = await Promise.all([
    mustRun('nsd-checkconf', [config], 'checking nsd.conf'),
    ...zones.map((z) =>
      mustRun('nsd-checkzone', [z.origin, join(zonesDir, `${z.origin}.zone`)], `checking zone ${z.origin}`),
    ),
    ...(broken ? [run('nsd-checkzone', [broken.origin, join(zonesDir, `${broken.origin}.zone`)])] : []),
  ]);
  if (broken && checks.at(-1)?.code === 0)
    throw new Error(`nsd-checkzone accepted the zone file meant to be broken`);

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
  resolver.setServers([`${host}:${port}`]);
  const ready =
    code === 0 &&
    (await waitUntil(
      () =>
        resolver.resolveSoa(zones[0]!.origin).then(
          () => true,
          () => false,
        ),
      10_000,
    ));
  if (!ready) {
    await nsd.stop();
    throw new Error(`NSD did not answer on ${host}:${port} (nsd exited ${code}); see ${logFile}`);
  }
  return nsd;
}
