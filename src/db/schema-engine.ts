// Loads Prisma's schema engine compiled to WebAssembly, so migrations need no downloaded native binary
// (RECIPES.md, "Prisma 7 without its downloaded engines"). The package is built for bundlers (its entry does
// `import * as wasm from "./schema_engine_bg.wasm"`), so we do the bundler's part: load the JavaScript glue,
// instantiate the .wasm with the glue as its import module, hand the exports back to the glue, start it.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import type { Logger } from '../log.ts';
import { forSchemaEngine } from './engine-adapter.ts';

type Glue = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');
type BoundFactory = ReturnType<typeof bindMigrationAwareSqlAdapterFactory>;

// tsconfig's lib (es2024, no DOM) does not declare WebAssembly although Node provides it: the part we use.
interface WasmModule {
  readonly kind: 'wasm-module';
}
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  instantiate(
    module: WasmModule,
    imports: Record<string, Record<string, unknown>>,
  ): Promise<{ exports: Record<string, unknown> }>;
  RuntimeError: new () => Error;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');

// The 5 MB module is read and compiled once per process and reused by every run (V8 compiles it lazily, so
// loading takes tens of milliseconds; starting a PGlite takes far longer).
let compiled: Promise<WasmModule> | undefined;
let ready: Promise<Glue> | undefined;
let generation = 0;

function compile(): Promise<WasmModule> {
  compiled ??= readFile(join(dirname(gluePath), 'schema_engine_bg.wasm')).then((bytes) =>
    wasmApi.compile(bytes),
  );
  return compiled;
}

async function instantiate(): Promise<Glue> {
  // A fresh glue module per instance: the glue keeps the instance's memory in module-level variables, so an
  // instance replaced after a panic must not share them with the dead one.
  generation++;
  const url = pathToFileURL(gluePath);
  if (generation > 1) url.search = `?instance=${generation}`;
  const glue = (await import(url.href)) as Glue;
  const instance = await wasmApi.instantiate(await compile(), {
    './schema_engine_bg.js': glue as unknown as Record<string, unknown>,
  });
  glue.__wbg_set_wasm(instance.exports as unknown as Parameters<Glue['__wbg_set_wasm']>[0]);
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

function loadGlue(): Promise<Glue> {
  ready ??= instantiate().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}

// The engine reports a Rust panic through this global before trapping. The Prisma client installs one that
// throws PrismaClientRustPanicError; when it is not loaded we record the message ourselves.
let lastPanic: string | undefined;
const panicHost = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
panicHost.PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message(message: string) {
    lastPanic = message;
  },
};

/**
 * After a panic the instance is unusable (a Rust panic compiles to a trap): the next run gets a new one.
 * Returns the panic as an error with the engine's message, or undefined when `error` is not a panic.
 */
function panicError(error: unknown): Error | undefined {
  const message = lastPanic;
  lastPanic = undefined;
  const trapped =
    error instanceof wasmApi.RuntimeError || (error as Error)?.name === 'PrismaClientRustPanicError';
  if (!trapped) return undefined;
  ready = undefined;
  return new Error(`the schema engine crashed: ${message ?? (error as Error).message}`, { cause: error });
}

/**
 * Wraps the caller's factory so that every connection the engine opens is adapted to it (engine-adapter.ts)
 * and disposed when the run ends: the engine takes a session-level advisory lock (pg_advisory_lock) and never
 * releases it, so a connection left open in a shared pool would block every other mailops's migrations.
 */
function trackConnections(factory: SqlMigrationAwareDriverAdapterFactory) {
  const open = new Set<SqlDriverAdapter>();
  const track = (adapter: SqlDriverAdapter) => {
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = () => {
      if (!open.delete(adapter)) return Promise.resolve();
      return dispose();
    };
    open.add(adapter);
    return forSchemaEngine(adapter);
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => track(await factory.connect()),
    connectToShadowDb: async () => track(await factory.connectToShadowDb()),
  };
  const disposeAll = async () => {
    await Promise.allSettled([...open].map((adapter) => adapter.dispose()));
  };
  return { tracked, disposeAll };
}

/** Errors thrown by the driver adapter reach JavaScript again as "External error id#N" (driver-adapter-utils). */
function originalError(error: unknown, factory: BoundFactory): unknown {
  const id = /External error id#(\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
  if (id === undefined) return error;
  return factory.errorRegistry.consumeError(Number(id))?.error ?? error;
}

/**
 * Runs `work` with a schema engine over `adapterFactory`, then frees the engine and closes every connection
 * it opened. `datamodels` are the Prisma schema files the engine should know ([path, text] pairs).
 */
export async function withSchemaEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  datamodels: [string, string][] | undefined,
  logger: Logger,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const glue = await loadGlue();
  const { tracked, disposeAll } = trackConnections(adapterFactory);
  // A bare PrismaPg fails inside the engine; the bound factory adds the error registry it expects (RECIPES.md).
  const factory = bindMigrationAwareSqlAdapterFactory(tracked);
  const log = (line: string) => logger.debug('schema engine', { line: line.trim() });
  let engine: SchemaEngine | undefined;
  try {
    engine = await glue.SchemaEngine.new({ datamodels }, log, factory);
    return await work(engine);
  } catch (error) {
    throw panicError(error) ?? originalError(error, factory);
  } finally {
    try {
      // A panicked instance may trap again while freeing; it is already forgotten.
      engine?.free();
    } catch {}
    await disposeAll();
  }
}
