import { inspect } from 'node:util';

// A credential from the environment. The value lives in a private field, so every printable form of the
// configuration (JSON.stringify, console.log, util.inspect, template strings, the logger) shows `***`;
// only the adapter that needs the credential calls reveal().

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '***';
  }

  toJSON(): string {
    return '***';
  }

  [inspect.custom](): string {
    return 'Secret(***)';
  }
}
