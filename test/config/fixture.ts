import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LoadConfigOptions, type LoadConfigResult, loadConfig } from '../../src/config/index.ts';

/** The smallest file that passes: an approver, a SOC engineer and a manager (endorsement is on by default). */
export const MINIMAL_YAML = `
people:
  - { id: aminah, name: Aminah binti Yusof, email: aminah@agensi.example, roles: [requester] }
  - { id: rahman, name: Abd Rahman bin Ismail, email: rahman@agensi.example, roles: [manager] }
  - { id: zulkifli, name: Zulkifli bin Hassan, email: zulkifli@jdn.example, roles: [approver] }
  - { id: hafiz, name: Muhammad Hafiz bin Razak, email: hafiz@soc.example, roles: [soc] }
  - { id: farah, name: Nur Farah binti Ahmad, email: farah@desk.example, roles: [service_desk] }
  - { id: azlan, name: Azlan bin Omar, email: azlan@vendor.example, roles: [vendor] }
  - { id: salmah, name: Salmah binti Idris, email: salmah@agensi.example, roles: [admin] }
calendar:
  holidays:
    - { date: '2026-08-31', name: Hari Kebangsaan }
`;

export const NOW = new Date('2026-11-27T07:00:00Z');
/**
 * The wording of most tests here is checked in English; language-choice.test.ts checks that the same problems
 * come in Malay by default.
 */
const CONTEXT: LoadConfigOptions = {
  cwd: '/srv/mailops',
  hostname: 'desk1',
  pid: 42,
  now: NOW,
  locale: 'en',
};

/** For a test that calls loadConfig itself and checks the wording: English, on the fixed day. */
export const ENGLISH: LoadConfigOptions = { now: NOW, locale: 'en' };

/** Writes `yaml` to a fresh temporary file and returns its path. */
export function writeConfig(yaml: string, name = 'mailops.yaml'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'mailops-config-')), name);
  writeFileSync(path, yaml);
  return path;
}

export function load(
  yaml: string,
  env: Record<string, string> = {},
  options: LoadConfigOptions = {},
): LoadConfigResult {
  return loadConfig({ MAILOPS_CONFIG: writeConfig(yaml), ...env }, { ...CONTEXT, ...options });
}

export function problemsOf(result: LoadConfigResult): readonly string[] {
  return result.ok ? [] : result.problems;
}

export function loadEnv(env: Record<string, string>, options: LoadConfigOptions = {}): LoadConfigResult {
  return loadConfig(env, { ...CONTEXT, ...options });
}
