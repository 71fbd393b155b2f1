import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteDatabase, type TestDatabase } from '../support/databases.ts';
import { type PlaygroundWorld, startPlaygroundWorld } from '../support/playground-world.ts';

// The page's own files: the page, its ES modules and its stylesheets, each served at its own exact path with
// the right type and the security headers, from the playground's origin only, and nothing else from the
// folder or outside it. What is served does not depend on the database, so one (PGlite) serves.

/** The page's own files of one kind, at the paths the page names them by. */
const inWeb = (ending: string) =>
  readdirSync(new URL('../../src/platform/playground/web/', import.meta.url))
    .filter((f) => f.endsWith(ending))
    .map((f) => `/playground/${f}`)
    .sort();
/** The status of a GET of this path sent as written: fetch would resolve `..` (also as %2e%2e) first. */
const statusOf = (base: string, path: string) =>
  new Promise<number>((resolve, reject) => {
    const { hostname, port } = new URL(base);
    request({ hostname, port, path }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });

describe('Playground: the page and its files', () => {
  let db: TestDatabase;
  let world: PlaygroundWorld;
  beforeAll(async () => {
    db = await createPgliteDatabase();
    world = await startPlaygroundWorld(db);
  });
  afterAll(async () => {
    await world?.close();
    await db?.cleanup();
  });

  it('serves the page and its scripts from its own origin only', async () => {
    const page = await fetch(`${world.base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    for (const asset of ['/playground/app.js', '/playground/base.css', '/playground/adaptivecards.js']) {
      expect(html).toContain(asset);
      expect((await fetch(`${world.base}${asset}`)).status).toBe(200);
    }
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
  });

  it('serves every module the page imports as JavaScript, and no file it does not name', async () => {
    // The browser follows app.js's imports; it runs a module only when it comes as JavaScript.
    const served: string[] = [];
    const pending = ['/playground/app.js'];
    for (let path = pending.shift(); path !== undefined; path = pending.shift()) {
      if (served.includes(path)) continue;
      const res = await fetch(`${world.base}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      served.push(path);
      for (const [, spec] of (await res.text()).matchAll(/\bfrom '([^']+)'/g)) {
        pending.push(new URL(spec!, `http://page${path}`).pathname);
      }
    }
    expect(served.sort()).toEqual(inWeb('.js'));
    for (const path of [
      '/playground/nothing.js',
      '/playground/index.html',
      '/playground/web/app.js',
      '/playground/..%2fplayground.ts',
      '/playground/%2e%2e/playground.ts',
      '/playground/app.js/',
    ]) {
      expect(await statusOf(world.base, path), path).toBe(404);
    }
  });

  it('serves every stylesheet the page links as CSS, and no file it does not name', async () => {
    // The browser applies a stylesheet only when it comes as CSS (every answer says nosniff).
    const html = await (await fetch(`${world.base}/`)).text();
    const linked = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map(([, href]) => href!);
    for (const path of linked) {
      const res = await fetch(`${world.base}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe('text/css; charset=utf-8');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('content-security-policy'), path).toContain("default-src 'self'");
    }
    expect([...linked].sort()).toEqual(inWeb('.css'));
    for (const path of [
      '/playground/nothing.css',
      '/playground/app.css',
      '/base.css',
      '/playground/web/base.css',
      '/playground/../playground/base.css',
      '/playground/%2e%2e/playground/base.css',
      '/playground/..%2fweb%2fbase.css',
      '/playground/./base.css',
      '/playground/base.css/',
      '/playground/base.css%00',
    ]) {
      expect(await statusOf(world.base, path), path).toBe(404);
    }
  });
});
