import type { Db } from '../../src/db/types.ts';

// The database as a replica sees it when its connection drops for a while: the calls `fails` names (`$executeRaw`,
// `schedulerRun.updateMany`) reject, or go through and then reject as a reply lost after the commit would.

export type Failure = 'refused' | 'reply_lost' | null;

export function flakyDb(db: Db, fails: (call: string) => Failure): Db {
  const wrap = <T extends object>(target: T, path: string): T =>
    new Proxy(target, {
      get(object, key) {
        const value: unknown = Reflect.get(object, key, object);
        const call = path ? `${path}.${String(key)}` : String(key);
        if (key === 'schedulerRun') return wrap(value as object, call);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          const failure = fails(call);
          if (failure === 'refused') throw new Error('Connection terminated unexpectedly');
          const result: unknown = await value.apply(object, args);
          if (failure === 'reply_lost') throw new Error('Connection terminated unexpectedly');
          return result;
        };
      },
    });
  return wrap(db, '');
}
