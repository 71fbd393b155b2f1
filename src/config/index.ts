// The configuration module's public surface; other modules import from here.

export { localeOf } from './env.ts';
export { type LoadConfigOptions, loadConfig, SAMPLE_CONFIG_PATH } from './load-config.ts';
export { toSafeJSON } from './safe-json.ts';
export { CHANNEL_PURPOSES, type ChannelPurpose, type Config, type LoadConfigResult } from './types.ts';
export { describeConfigVariables } from './variables.ts';
