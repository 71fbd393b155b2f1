import { Resolver } from 'node:dns/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustRun, readPid, startDaemon, stopPid, waitUntil } from '../mail-world/processes.ts';
import { type DeliveryZone, zoneText } from './zones.ts';

// NSD for the delivery world, authoritative only, on <host>:53 UDP and TCP, with the same daemon settings the
// /mailtest world proved (TESTBED.md): no database, no remote control, no user switch, files in our folder.

export interface DeliveryNsd {
  readonly pidFile: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

export async function startDeliveryNsd(
  dir: string,
  host: string,
  port: number,
  zones: readonly DeliveryZone[],
): Promise<DeliveryNsd> {
  const zonesDir = join(dir, 'zones');
  mkdirSync(zonesDir, { recursive: true });
  mkdirSync(join(dir, 'xfr'), { recursive: true });
  const pidFile = join(dir, 'nsd.pid');
  const logFile = join(dir, 'nsd.log');
  const config = join(dir, 'nsd.conf');
  for (const zone of zones) writeFileSync(join(zonesDir, `${zone.origin}.zone`), zoneText(zone));
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
      '  identity: "delivery-world"',
      'remote-control:',
      '  control-enable: no',
      ...zones.flatMap((z) => ['zone:', `  name: "${z.origin}"`, `  zonefile: "${z.origin}.zone"`]),
      '',
    ].join('\n'),
  );
  await Promise.all([
    mustRun('nsd-checkconf', [config], 'checking nsd.conf'),
    ...zones.map((z) =>
      mustRun('nsd-checkzone', [z.origin, join(zonesDir, `${z.origin}.zone`)], `checking zone ${z.origin}`),
    ),
  ]);

  const code = await startDaemon('nsd', ['-c', config], join(dir, 'nsd.out'));
  const nsd: DeliveryNsd = {
    pidFile,
    logFile,
    async stop() {
      const pid = readPid(pidFile);
      if (pid) await stopPid(pid);
    },
  };
  const resolver = new Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([`${host}:${port}`]);
  const first = zones[0]!.origin;
  const ready =
    code === 0 &&
    (await waitUntil(
      () =>
        resolver.resolveSoa(first).then(
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
